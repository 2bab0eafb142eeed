# `with` on objects calls __enter__ and __exit__, also when the body raises.
class Section:
    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, type, value, traceback):
        print("exit", self.name)

with Section("a"):
    print("inside a")

with Section("b") as sec:
    print("inside", sec.name)

try:
    with Section("c"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)
