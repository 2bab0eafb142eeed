# Lists of tuples: iteration with unpacking, indexing, updates.
events = [(10, 1, 0.5), (20, 2, 1.5), (35, 1, 2.5)]
for t, ch, v in events:
    print(t, ch, v)
print(events[1], events[1][0], events[-1][2])
events[0] = (5, 3, 0.0)
print(events)
total = 0
for e in events:
    total += e[0]
print(total)
pairs = [(i, i * i) for i in range(4)]
print(pairs)
