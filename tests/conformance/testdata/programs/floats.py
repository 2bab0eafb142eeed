# Floats: Python repr, true and floor division, modulo, rounding, time units.
x = 0.1
print(x, 1.0, 1e16, 1e-5, -0.0, 2.5/2, 10/3, float(7))
print(round(2.5), round(3.5), int(-2.7), abs(-1.5), 7.5 // 2, -7.5 % 2)
print(mu_to_seconds(1500), seconds_to_mu(2.5*us), 3 * ms)
