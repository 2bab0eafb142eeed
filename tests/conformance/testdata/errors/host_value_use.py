# Host code in a kernel library is skipped until a kernel uses it: the
# imports, the logger, __all__ and the if statement are fine; run's uses
# of the logger and of MODE are errors that name the kernel.
import logging
import os.path
from artiq.language.environment import NumberValue

logger = logging.getLogger(__name__)
__all__ = ["run"]

if os.path.exists("/tmp"):
    MODE = "file"
else:
    MODE = "none"


def host_helper(x):
    return NumberValue(x)


@kernel
def run() -> None:
    logger.info("starting")
    print(MODE)
