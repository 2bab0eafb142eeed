# NumPy's math functions apply element-wise: sqrt of a negative number is
# nan (NumPy warns, kernels do not raise), as are the results printed.
import numpy as np

x = np.array([0.0, 0.25, 1.0, 4.0])
print(np.sqrt(x), np.exp(array([0.0, 1.0])), np.log(array([1.0, 10.0])))
print(np.sin(array([0.0, 1.0])), np.cos(np.zeros(2)), np.abs(array([-1, 2, -3])), abs(array([-1.5, 2.5])))
print(np.sqrt(array([-1.0, 4.0])), np.floor(array([1.5, -1.5])), np.ceil(array([1.5, -1.5])))
print(np.sqrt(array([[1, 4], [9, 16]])), np.isnan(array([1.0, np.sqrt(-1.0)])))
print(np.arctan2(array([1.0, -1.0]), 1.0), np.hypot(array([3.0, 5.0]), array([4.0, 12.0])))
print(np.sqrt(2.0), np.sqrt(4))
