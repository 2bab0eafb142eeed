@kernel
def run() -> None:
    delay_mu(durration)
