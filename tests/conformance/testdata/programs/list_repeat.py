# [x] * n and list * n with zero, one and several repetitions.
print([0] * 5, [1, 2] * 3, [7] * 0, [1.5] * 2, [True] * 3)
n = 4
zs = [0] * n
zs[2] = 9
print(zs, ["ab"] * 2)
grid = [[0] * 3 for i in range(2)]
grid[0][1] = 5
print(grid)
print(len([0] * 100))
