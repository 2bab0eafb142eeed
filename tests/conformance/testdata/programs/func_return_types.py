# Functions returning each supported type.
def r_int() -> int32:
    return 42

def r_int64() -> int64:
    return int64(1) << 40

def r_float() -> float:
    return 0.5

def r_bool() -> bool:
    return 3 > 2

def r_str() -> str:
    return "hello"

def r_list() -> list[int32]:
    return [1, 2, 3]

def r_tuple() -> tuple[int32, float, str]:
    return 1, 2.0, "three"

def r_none() -> None:
    return

print(r_int(), r_int64(), r_float(), r_bool(), r_str(), r_list(), r_tuple(), r_none())
