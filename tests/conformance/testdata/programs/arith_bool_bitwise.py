# Was a bug: bool & bool, bool | bool, bool ^ bool give int32 (print(True & False) prints 0; CPython: False), so `acc &= flag` on a bool fails to check ("\"acc\" has type bool, cannot assign a value of type int32"); minimal: print(True & False, True | False)
t = True
f = False
print(t & f, t | f, t ^ t)
flags = [True, False, True]
acc = True
for x in flags:
    acc &= x
print(acc)
