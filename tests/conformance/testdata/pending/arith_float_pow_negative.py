# PENDING: float ** negative int is imprecise: 10.0 ** -5 prints 9.999999999999999e-06 (CPython: 1e-05); pow seems computed by repeated multiplication then reciprocal rather than libm pow
print(10.0 ** -5, 10.0 ** -6, 10.0 ** -7, 2.0 ** -1)
x = 10.0
for e in range(1, 10):
    print(x ** -e)
