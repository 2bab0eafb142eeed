# Loop variables keep their last value after the loop; range steps.
for i in range(5):
    pass
print(i)
for j in range(10, 0, -4):
    pass
print(j)
for k in range(0, 20, 7):
    print(k)
last = -1
for x in [3, 1, 4]:
    last = x
print(last, x)
