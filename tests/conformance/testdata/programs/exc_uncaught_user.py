# An uncaught user exception ends the kernel with status 1 after finally
# blocks run.
class Fault(Exception):
    pass

def work(n: int32) -> None:
    for i in range(n):
        try:
            if i == 2:
                raise Fault("fault at 2")
            print("step", i)
        finally:
            print("cleanup", i)

work(5)
print("not reached")
