# Fixture for the analysis tests: imports base.

from base import width


@kernel
def double() -> int64:
    return width() * int64(2)
