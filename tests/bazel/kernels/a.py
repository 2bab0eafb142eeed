# Fixture for the analysis tests: imports mid (and so needs base's interface).

from mid import double


@kernel
def run() -> None:
    delay_mu(double())
