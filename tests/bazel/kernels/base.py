# Fixture for the analysis tests: a module with no imports.


@kernel
def width() -> int64:
    return int64(8)
