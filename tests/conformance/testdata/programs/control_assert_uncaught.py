# An uncaught AssertionError without a message ends the kernel with status 1.
total = 0
for i in range(5):
    total += i
print(total)
assert total == 10
assert total > 10
print("not reached")
