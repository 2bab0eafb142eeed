# PENDING (decide): assigning a class attribute through the class name fails in a standalone program with a misleading message, "class S is not a value; call it to create an instance", plus a cascade ("cannot set attribute \"period\" of a value of type 't5"), while the same statement compiles in a library kernel; either support it (CPython prints 20 20) or reject it everywhere with "class attributes are constant in kernels"; minimal: class S: period = 10 / def bump(self) -> None: S.period = 20
class S:
    period = 10

    def bump(self) -> None:
        S.period = 20

s = S()
s.bump()
print(S.period, s.period)
