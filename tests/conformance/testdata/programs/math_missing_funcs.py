# math.degrees, math.radians and the two-argument math.log, with its errors.
import math
print(math.degrees(math.pi), math.radians(180.0), math.log(8.0, 2.0))
print(math.log(1024.0, 2.0), math.log(100.0, 10.0), math.degrees(1.0), math.radians(-90.0), math.inf > 1e308)
for b in [1.0, 0.0]:
    try:
        print(math.log(5.0, b))
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    except ValueError as e:
        print("ValueError:", e)
