# Lists of lists: a matrix with row and element updates.
m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(m[1], m[1][2], m[-1][-1], len(m), len(m[0]))
m[0][0] = 10
m[2] = [0, 0, 0]
print(m)
t = [[m[j][i] for j in range(3)] for i in range(3)]
print(t)
diag = 0
for i in range(3):
    diag += m[i][i]
print(diag)
row = m[1]
row[1] = 50
print(m[1])
