# A bare except catches every exception type, including user ones.
class Custom(Exception):
    pass

def raiser(k: int32) -> None:
    if k == 0:
        raise Custom("custom")
    if k == 1:
        [0][5]
    if k == 2:
        1 // 0

for k in range(4):
    try:
        raiser(k)
        print("ok", k)
    except:
        print("caught", k)
