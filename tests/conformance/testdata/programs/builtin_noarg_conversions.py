# Was a bug: int(), float() and bool() without arguments are rejected ("int() takes exactly 1 argument (0 given)"); ARTIQ's builtin.py integration test uses them; minimal: print(int(), float(), bool())
print(int(), float(), bool())
x = int()
x += 3
print(x, bool() == False)
