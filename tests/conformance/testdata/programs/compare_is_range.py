# Ranges and tuples are values in kernels: `is` compares them by value, as
# in ARTIQ (CPython compares the objects); see compare_is_range.expected.
print(range(10) is range(0, 10, 1), range(1, 10) is range(1, 10, 1), range(0, 4, 2) is range(0, 3, 2))
print((1, 2) is (1, 2), (1, 2) is not (2, 1))
