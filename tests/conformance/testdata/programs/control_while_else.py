# while/else: the else block runs only when the loop ends without break.
def find(xs: list[int32], target: int32) -> int32:
    i = 0
    while i < len(xs):
        if xs[i] == target:
            break
        i += 1
    else:
        print("not found", target)
        return -1
    return i

print(find([4, 8, 15, 16], 15))
print(find([4, 8, 15, 16], 23))
n = 10
while n > 0:
    n -= 3
else:
    print("done", n)
while False:
    print("never")
else:
    print("else of empty while")
