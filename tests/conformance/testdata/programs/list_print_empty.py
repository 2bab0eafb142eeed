# Was a bug: printing an empty list whose element type is never fixed is rejected ("print() of list['t2] is not supported yet"; the message also leaks a type variable); minimal: x = [] / print(x)
x = []
print(x)
print([], [[]])
