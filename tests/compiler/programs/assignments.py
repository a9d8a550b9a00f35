# Every assignment and deletion form.
a = 1
b = c = d = 2
e, f = 3, 4
f, e = e, f
g, h, i = 5, 6, 7
i, g, h = g, h, i
print(a, b, c, d, e, f, g, h, i)
j, k = [8, 9]
(l, m), n = (10, 11), 12
[o, p] = "op"
q, *r = range(5)
*s, t = range(5)
u, *v, w = range(6)
x, = [13]
print(j, k, l, m, n, o, p, q, r, s, t, u, v, w, x)
for idx, (p1, p2) in enumerate([(1, 2), (3, 4)]):
    print(idx, p1, p2)
class Obj:
    pass
ob = Obj()
ob.attr = 1
ob.attr += 10
ob.lst = [0, 0, 0]
ob.lst[1] = 5
ob.lst[2] += 7
print(ob.attr, ob.lst)
dd = {"a": 1}
dd["b"] = dd["a"] + 1
dd["a"] *= 10
print(sorted(dd.items()))
mat = [[0] * 3 for _ in range(3)]
mat[1][2] = 9
mat[2][0] += 4
print(mat)
x1 = x2 = [1, 2]
x1 += [3]
print(x1, x2, x1 is x2)
del dd["a"]
del ob.attr
print(sorted(dd), hasattr(ob, "attr"))
lst = list(range(10))
del lst[2], lst[-1]
del lst[1:3]
print(lst)
zz = 1
del zz
try:
    print(zz)
except NameError:
    print("deleted")
def local_del():
    v = 5
    del v
    try:
        return v
    except NameError as exc:
        return "unbound"
print(local_del())
ann: int = 5
just_ann: str
print(ann)
def annotated(p: int, q: "str" = "x") -> list:
    loc: float = 1.5
    return [p, q, loc]
print(annotated(1))
t1 = 1, 2
t2 = 3,
t3 = ()
print(t1, t2, t3, type(t2).__name__)
sa, sb = sb2 = 1, 2
print(sa, sb, sb2)
