# Was a bug: a module-level float used with an int literal inside a function is typed from the function first: "\"scale\" has type int32, cannot assign a value of type float" at `scale = 1.0`; minimal: scale = 1.0 / def get() -> float: return scale * 2 / print(get()). Same root cause as global_list_in_function? (functions checked before module statements)
count = 0
scale = 1.0

def step() -> None:
    global count, scale
    count += 1
    scale *= 2

def get() -> float:
    return scale * 2

step()
step()
print(count, scale, get())
