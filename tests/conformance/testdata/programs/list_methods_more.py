# List methods on lists of None, tuples, strings and lists; sort orders
# tuples and lists lexicographically; sum of bools; enumerate/zip over
# tuples and strings; a list is never None.
xs = [None, None]
xs.append(None)
print(len(xs), xs)
ts = [(2, "b"), (1, "z"), (1, "a")]
ts.sort()
print(ts, sorted(ts, reverse=True))
ss = ["pear", "fig"]
ss.sort()
ss += ["kiwi"]
print(ss, ss.index("kiwi"), ss.count("fig"))
ll = [[3], [1, 2], []]
ll.sort()
print(ll, sum([True, False, True]), sum([1, 2], 0.5))
print(list(enumerate((5, 6))), list(zip("ab", [1, 2, 3])))
a = [1]
print(a is None, None is a, a is not None)
