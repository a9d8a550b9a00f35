# Subscripts and slices in loads, stores and deletes.
s = list(range(10))
print(s[2], s[-1], s[2:5], s[:3], s[7:], s[::3], s[1::2], s[:5:2], s[::-2], s[8:2:-2])
t = (1, 2, 3)
print(t[1:], t[:-1], "abcdef"[1:-1], b"xyz"[::2] if False else b"xyz"[:2])
s[1:3] = ["a", "b", "c"]
print(s)
s[2:4] = [0] * 2
print(s)
del s[1:3]
print(s)
class Sub:
    def __getitem__(self, k):
        return k
    def __setitem__(self, k, v):
        print("set", k, v)
    def __delitem__(self, k):
        print("del", k)
o = Sub()
print(o[1], o[1:2], o[1:2:3], o[::], o[:], o[1, 2], o[1:2, 3], o[...], o[:, None])
o[0] = 1
o[1:2] = 2
o[1, 2:] = 3
del o[5]
del o[::2]
o[0] += 1 if o[0] else 0
d = {(1, 2): "tuple key"}
print(d[1, 2], d[(1, 2)])
m = [[1, 2], [3, 4]]
m[0][1] += 10
print(m, m[1][0], m[-1][-1])
i = 1
print(s[i], s[i + 1], s[-i], s[i:i + 2], s[len(s) - 1])
