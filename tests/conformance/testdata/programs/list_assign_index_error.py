# Item assignment out of range raises IndexError with CPython's message
# for assignments; a read says "list index out of range".
a = [1, 2, 3]
a[-3] = 10
print(a)
try:
    a[3] = 4
except IndexError as e:
    print("store:", e)
try:
    print(a[-4])
except IndexError as e:
    print("load:", e)
try:
    a[5] += 1
except IndexError as e:
    print("augmented:", e)
