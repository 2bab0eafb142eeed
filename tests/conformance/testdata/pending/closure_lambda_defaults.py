# PENDING: lambda parameters with defaults are rejected ("lambda parameters with defaults, *args or **kwargs are not supported in kernels"); minimal: scaled = lambda v, f=3: v * f
scaled = lambda v, f=3: v * f
print(scaled(4), scaled(4, 5), scaled(4, f=10))
