# print() evaluates all its arguments before printing anything, as Python
# does: a call among them prints first, and a list shows its final state.
def noisy(v: int32) -> int32:
    print("computing", v)
    return v * 2
print("result:", noisy(3), noisy(4))
xs = [1, 2, 3]
print(xs, xs.pop(), xs)
