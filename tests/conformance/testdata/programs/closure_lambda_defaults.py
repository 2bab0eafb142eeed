# Lambda parameters with constant defaults, by position and by keyword.
scaled = lambda v, f=3: v * f
print(scaled(4), scaled(4, 5), scaled(4, f=10))
