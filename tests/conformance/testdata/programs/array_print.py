# Arrays print as NumPy prints them: common widths, floats with the
# shortest digits (at most 8 after the point) or in scientific notation,
# nan and inf, long rows wrapped at 75 columns, more than 1000 elements
# summarized, and repr() (with the dtype when it is not implied) inside
# lists and tuples.
import numpy as np

print(array([1, 10, -5]), array([0.5, 1.5, 2.5]), array([1.0, 2.0]), array([0.1, 1.25, 100.0]))
print(array([1e-5, 1.0]), array([1 / 3, 1e-5]), array([1e8, 1.0]), array([123456789.0]), array([-0.0, 1.0]))
print(array([2.0 / 3.0, 10.0]), np.sqrt(array([2.0, 3.0])), array([np.sqrt(-1.0), -1e308 * 10, 1.5]))
print(np.arange(40) * 1000)
print(np.linspace(0.0, 1.0, 11))
print(np.arange(2000))
print(np.zeros((2, 3, 4)))
print(np.arange(1500, dtype=np.int64).flatten()[1490:])
print((array([1, 2]), np.zeros(2)), (array([True, False]), np.ones((2, 2), dtype=np.int64)))
print([np.arange(30) * 1000])
print((np.zeros(0), array([], dtype=np.int32), np.zeros((0, 3))))
