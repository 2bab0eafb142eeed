# break/continue inside a loop's else block target the enclosing loop.
cond = False
rounds = 0
while True:
    rounds += 1
    if cond:
        break
    cond = True
    for _ in range(1):
        pass
    else:
        continue
    print("not reached")
print("rounds", rounds)
while True:
    for _ in range(1):
        pass
    else:
        break
    print("not reached")
print("left outer loop")
n = 0
while n < 3:
    n += 1
    while False:
        pass
    else:
        continue
    print("not reached")
print("n", n)
