# PENDING: a method's unannotated parameter used for attribute access fails to check ("'t4 has no attribute \"x\""), although free generic functions accept it; minimal: def add(self, other) -> int32: return self.x + other.x
class P:
    def __init__(self, x: int32):
        self.x = x

    def add(self, other) -> int32:
        return self.x + other.x

print(P(3).add(P(4)))
