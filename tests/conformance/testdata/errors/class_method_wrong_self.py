class A:
    @kernel
    def f(self) -> int32:
        return 1

class B:
    @kernel
    def g(self) -> int32:
        return 2

@kernel
def run(b: B) -> int32:
    return A.f(b)
