# A subclass inheriting __init__ and adding methods that use base fields.
class Channel:
    def __init__(self, number: int32, delay: int64):
        self.number = number
        self.delay = delay
        self.count = 0

    def fire(self) -> None:
        self.count += 1

class Counted(Channel):
    def report(self) -> None:
        print("channel", self.number, "fired", self.count, "delay", self.delay)

c = Counted(3, int64(250))
for i in range(4):
    c.fire()
c.report()
