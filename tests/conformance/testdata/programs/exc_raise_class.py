# raise with a class (no call), with an instance, and with a message.
try:
    raise ValueError
except ValueError:
    print("caught class")
try:
    raise IndexError()
except IndexError:
    print("caught instance")
try:
    raise RuntimeError("msg")
except RuntimeError as e:
    print("caught", e)
try:
    raise ValueError("")
except ValueError as e:
    print("empty message", e)
