@kernel
def run() -> None:
    on = array([True, False])
    print(on + array([False, False]))
