# A scan driven by arrays: pulse lengths from an array, DDS-like words
# from numpy.linspace, the timeline as NumPy's values give it.
import numpy as np

durations = array([100, 250, 400])
for d in durations:
    rtio_output(0x100, 1)
    delay_mu(int64(d))
    rtio_output(0x100, 0)
    delay_mu(50)
freqs = np.linspace(1.0, 2.0, 5) * 1000
words = array([int32(f) for f in freqs])
for i in range(len(words)):
    rtio_output(0x200 + i, words[i])
    delay(1 * us)
print(now_mu(), words, words.sum())
