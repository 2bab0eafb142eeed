from artiq.language import *
from artiq.language.environment import *
from artiq.language.units import *
from artiq.language.types import *
from artiq.coredevice.exceptions import *
