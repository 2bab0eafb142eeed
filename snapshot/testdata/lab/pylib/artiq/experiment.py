from artiq.language import *
