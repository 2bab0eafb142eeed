class A:
    @kernel
    def get(self) -> int32:
        return 1

class B(A):
    @kernel
    def get(self) -> int32:
        return 2

@kernel
def run(a: A, b: B) -> int32:
    objs = [a, b]
    return objs[0].get()
