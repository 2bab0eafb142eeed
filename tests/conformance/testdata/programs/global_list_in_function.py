# Was a bug: a module-level list read inside a function fails to check ("a value of type 't1 cannot be indexed"); minimal: calls = [0] / def get() -> int32: return calls[0]
calls = [0]

def v(x: int32) -> int32:
    calls[0] += 1
    print("eval", x)
    return x

def get() -> int32:
    return calls[0]

print(v(1) < v(2) < v(3))
print(get(), calls)
