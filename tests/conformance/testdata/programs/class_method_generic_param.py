# A method's unannotated parameter takes the type of its argument (attribute access on it).
class P:
    def __init__(self, x: int32):
        self.x = x

    def add(self, other) -> int32:
        return self.x + other.x

print(P(3).add(P(4)))
