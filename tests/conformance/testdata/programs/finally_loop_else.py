# try/finally inside a loop with an else clause.
for i in range(3):
    try:
        print("try", i)
    finally:
        print("finally", i)
else:
    print("else after loop")
n = 0
while n < 5:
    try:
        n += 1
        if n == 3:
            break
    finally:
        print("n", n)
else:
    print("not printed")
print("end", n)
