# A linear congruential generator relies on 32-bit wrap-around; the
# expectation is stated in arith_wrap_loop.expected.
seed = 12345
for i in range(8):
    seed = seed * 1103515245 + 12345
    print(seed, (seed >> 16) & 0x7FFF)
