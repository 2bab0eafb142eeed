# pass in every block position.
def nothing() -> None:
    pass

class Empty:
    pass

for i in range(3):
    pass
if True:
    pass
else:
    pass
while False:
    pass
try:
    pass
except ValueError:
    pass
finally:
    pass
nothing()
print("ok", i)
