# Element-wise comparisons give arrays of bool; the truth of an array is
# its element's when it has exactly one, and a ValueError otherwise.
a = array([1, 5, 3])
b = array([2, 5, 1])
print(a < b, a <= b, a == b, a != b, a > 2, 2.5 >= a)
m = array([[1.0, 2.0], [3.0, 4.0]])
print(m > array([2.0, 1.5]), m == m)
if array([7]):
    print("one true element")
if not array([0.0]):
    print("one false element")
if not array([], dtype=bool):
    print("empty is false")
try:
    if a < b:
        print("unreachable")
except ValueError as e:
    print("ValueError:", e)
try:
    print(bool(a))
except ValueError as e:
    print("ValueError:", e)
print([array([1]) == array([1])], array([1, 2]) == [1, 3])
