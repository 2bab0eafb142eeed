from artiq.language.core import *
from artiq.language.types import *
from artiq.language.environment import *
from artiq.language.units import *
