# An empty array whose element type nothing decides yet, in arithmetic with
# one of its own elements.
@kernel
def run() -> None:
    a = array([])
    x = a[0] + a
    print(x)
