# A class attribute assigned through the class is one variable, seen through the class and its instances.
class S:
    period = 10

    def bump(self) -> None:
        S.period = 20

s = S()
s.bump()
print(S.period, s.period)
