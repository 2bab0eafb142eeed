# global declarations: reading and writing module variables of several types.
count = 0
scale = 1.5
label = "start"

def step() -> None:
    global count, scale, label
    count += 1
    scale *= 2.0
    label = "step"

def report() -> None:
    print(count, scale, label)

report()
for i in range(3):
    step()
report()
