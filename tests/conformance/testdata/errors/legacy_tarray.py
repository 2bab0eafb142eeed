from artiq.language.types import TArray, TFloat


@kernel
def mean(xs: TArray(TFloat)) -> TFloat:
    return 0.0
