# __exit__ runs before the handler of an exception raised in the body.
class Ctx:
    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        print("enter", self.name)

    def __exit__(self, t, v, tb):
        print("exit", self.name)

print("a", 1)
with Ctx("one"):
    print("a", 3)
print("a", 5)
try:
    print("b", 1)
    with Ctx("two"):
        [0][1]
        print("b", 3)
    print("b", 5)
except:
    pass
print("b", 6)
