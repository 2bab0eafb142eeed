# A stand-in for ARTIQ's host-side language package, written for the
# rules_artiq tests: plain classes that behave like ARTIQ's where the
# snapshot exporter and evaluator depend on it. It is not ARTIQ.

from artiq.language.core import *
from artiq.language.environment import *
from artiq.language.units import *
from artiq.language.types import *
from numpy import int32, int64
