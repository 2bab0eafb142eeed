# Lists of floats: averaging, scaling, printing.
vals = [0.1, 0.2, 0.3, 0.4]
s = 0.0
for v in vals:
    s += v
print(s, s / len(vals))
scaled = [v * 10 for v in vals]
print(scaled)
print([round(v) for v in scaled], [int(v) for v in scaled])
