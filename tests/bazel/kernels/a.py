# Fixture for the analysis tests: imports mid (whose interface is self-contained).

from mid import double


@kernel
def run() -> None:
    delay_mu(double())
