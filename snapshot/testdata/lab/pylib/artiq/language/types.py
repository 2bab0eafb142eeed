# Kernel type names for annotations (test stand-in).

__all__ = ["TNone", "TBool", "TInt32", "TInt64", "TFloat", "TStr", "TList", "TTuple", "TArray"]

TNone, TBool, TInt32, TInt64, TFloat, TStr = "TNone", "TBool", "TInt32", "TInt64", "TFloat", "TStr"


def TList(elt):
    return "TList"


def TTuple(elts):
    return "TTuple"


def TArray(elt, num_dims=1):
    return "TArray"
