# ZeroDivisionError from int and float division, floor division and modulo.
def trial(k: int32) -> None:
    a = 7
    z = 0
    fa = 7.5
    fz = 0.0
    if k == 0:
        print(a // z)
    elif k == 1:
        print(a % z)
    elif k == 2:
        print(a / z)
    elif k == 3:
        print(fa / fz)
    elif k == 4:
        print(fa // fz)
    elif k == 5:
        print(fa % fz)
    elif k == 6:
        print(int64(a) // int64(z))

for k in range(7):
    try:
        trial(k)
    except ZeroDivisionError:
        print("ZeroDivisionError", k)
