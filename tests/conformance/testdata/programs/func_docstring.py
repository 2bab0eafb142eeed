# Functions and classes with docstrings.
def f(x: int32) -> int32:
    """Return x doubled."""
    return 2 * x

class K:
    """A class with a docstring."""
    def m(self) -> int32:
        """A method."""
        return 7

print(f(4), K().m())
