# Exceptions raised and caught inside loops; the loop continues.
errors = 0
total = 0
xs = [4, 0, 2, 0, 1]
for x in xs:
    try:
        total += 12 // x
    except ZeroDivisionError:
        errors += 1
        continue
    print("ok", x)
print(total, errors)
i = 0
while True:
    try:
        if i == 3:
            raise ValueError("stop")
        i += 1
    except ValueError:
        break
print("stopped at", i)
