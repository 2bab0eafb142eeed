# break and continue through finally in nested loops.
for i in range(3):
    for j in range(3):
        try:
            if j == 1:
                continue
            if i == 2:
                break
            print(i, j)
        finally:
            print("f", i, j)
print("done")
