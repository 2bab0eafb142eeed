# Strings as attributes, arguments and return values.
class Device:
    kind = "ttl"

    def __init__(self, name: str, ch: int32):
        self.name = name
        self.ch = ch

    def label(self) -> str:
        return self.kind + ":" + self.name

devs = [Device("out0", 0), Device("out1", 1)]
for d in devs:
    print(d.label(), d.ch)
devs[0].name = "renamed"
print(devs[0].label())
