# Fixture for the analysis tests: imports a, listed before it in srcs.

import a


@kernel
def run_twice() -> None:
    a.run()
    a.run()
