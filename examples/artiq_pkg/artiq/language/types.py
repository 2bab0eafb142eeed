"""Type annotations of kernel code in ARTIQ's legacy spelling."""

__all__ = ["TNone", "TBool", "TInt32", "TInt64", "TFloat", "TStr",
           "TList", "TTuple", "TArray", "TRange32", "TRange64"]


class _Type:
    def __init__(self, name, *params):
        self.name = name
        self.params = params

    def __repr__(self):
        if not self.params:
            return self.name
        return "%s(%s)" % (self.name, ", ".join(repr(p) for p in self.params))


TNone = _Type("TNone")
TBool = _Type("TBool")
TInt32 = _Type("TInt32")
TInt64 = _Type("TInt64")
TFloat = _Type("TFloat")
TStr = _Type("TStr")
TRange32 = _Type("TRange32")
TRange64 = _Type("TRange64")


def TList(elt):
    return _Type("TList", elt)


def TTuple(elts):
    return _Type("TTuple", *elts)


def TArray(elt, num_dims=1):
    return _Type("TArray", elt, num_dims)
