# ~ on bools gives ints; -2147483648 is an int32 literal; int / int by zero
# says "division by zero".
t = True
f = False
print(~t, ~f, -t, +f, ~~t)
z = -2147483648
print(z, z + 1, int32(z - 1), z // 2, -2147483647 - 1 == z)
def lowest() -> int32:
    return -2147483648
print(lowest(), lowest() < -2147483647)
try:
    print(1 / 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1.5 / 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(7 // 0)
except ZeroDivisionError as e:
    print(e)
