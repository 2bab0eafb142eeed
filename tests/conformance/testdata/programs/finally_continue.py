# continue inside try runs the finally block before the next iteration.
def g() -> None:
    x = True
    while x:
        try:
            print("g-try")
            x = False
            continue
        finally:
            print("g-finally")
    print("g-out")

g()
total = 0
for i in range(4):
    try:
        if i % 2 == 0:
            continue
        total += i
    finally:
        total += 100
print(total)
