import scipy.constants
from lab.calibration import *


@kernel
def speed() -> float:
    return scipy.constants.c


@kernel
def gain() -> float:
    return attenuation
