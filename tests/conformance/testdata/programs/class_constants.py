# Class attributes read through the class and through instances.
class Config:
    channel = 4
    period = 1.5
    name = "ttl"
    enabled = True

    def __init__(self, n: int32):
        self.n = n

    def total(self) -> float:
        return self.n * self.period

c = Config(3)
print(Config.channel, Config.period, Config.name, Config.enabled)
print(c.channel, c.total(), c.name)
