# Host-side helpers of the scan experiments.

import logging

N_DETECT = 2

logger = logging.getLogger(__name__)


def span_step(span, n):
    if n < 2:
        return 0.0
    return span / (n - 1)
