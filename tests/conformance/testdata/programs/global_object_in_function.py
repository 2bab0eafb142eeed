# Was a bug: a module-level instance read inside a function fails to check ("'t3 has no attribute \"a\""), like global_list_in_function (a global whose type comes from a later/top-level statement is unknown when functions are checked); minimal: class c: a = 1 / i = c() / def f() -> None: print(i.a) / f()
# A class attribute is read through an instance inside a function whose
# local shadows the class name.
class c:
    a = 1

i = c()

def f() -> None:
    c = None
    print(i.a == 1, c is None)

print(i.a)
f()
