# A function used as a value inside its own body, and two functions that
# use each other as values: each use is checked once, not forever.
def countdown(x):
    again = countdown
    if x > 0:
        return again(x - 1)
    return x

def ping(n):
    other = pong
    if n > 0:
        return other(n - 1) + 1
    return 0

def pong(n):
    other = ping
    if n > 0:
        return other(n - 1) + 10
    return 0

print(countdown(3), ping(4), pong(3))
