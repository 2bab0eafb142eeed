# Comparisons, chained comparisons, and/or/not, bools.
a = 3
b = 7
print(a < b, a > b, a == 3, a != 3, a <= 3, b >= 8)
print(1 < a < b, 1 < b < a)
print(True and False, True or False, not True, not 0)
print(a and b, 0 or b, a if a > b else b)
print(True == True, False < True)
