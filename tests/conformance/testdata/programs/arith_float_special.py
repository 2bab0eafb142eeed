# Infinities and NaN from float overflow print like Python's.
big = 1e308
inf = big * 10
print(inf, -inf, inf - inf == inf - inf, inf > big)
nan = inf - inf
print(nan, nan == nan, nan != nan, nan < 1.0)
print([inf, -inf], (nan,))
print(inf + 1 == inf, -inf < -big)
