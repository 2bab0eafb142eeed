# break inside try runs the finally block before leaving the loop.
def f() -> None:
    while True:
        try:
            print("f-try")
            break
        finally:
            print("f-finally")
    print("f-out")

f()
for i in range(5):
    try:
        if i == 2:
            break
        print("i", i)
    finally:
        print("finally", i)
print("end")
