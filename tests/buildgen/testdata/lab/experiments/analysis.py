# Host-side analysis of the scan: ordinary Python, never compiled for the
# core device, so buildgen leaves it alone (it has no kernel code, and no
# kernel module imports it).

import scipy.optimize


def fit(xs, ys):
    return scipy.optimize.curve_fit(lambda x, a, b: a * x + b, xs, ys)[0]


print(f"{fit([1, 2], [3, 4])!r}")
