# Every way of passing arguments and unpacking values.


def show(*args, **kwargs):
    return "%r %r" % (args, sorted(kwargs.items()))


def f(a, b=2, *rest, c, d=4, **extra):
    return (a, b, rest, c, d, sorted(extra.items()))


def kwonly(*, x, y=10):
    return x + y


def pos_defaults(a, b=[1], c=(2, 3)):
    return a, b, c


args = (1, 2, 3)
kw = {"c": 30, "z": 99}
print(f(1, c=3))
print(f(*args, **kw))
print(f(0, *args, c=1, **{"q": 5}))
print(f(1, 2, 3, 4, 5, c=6, d=7, e=8))
print(show())
print(show(*[], **{}))
print(show(*"ab", *range(2), k=1, **{"m": 2}))
print(kwonly(x=1), kwonly(y=1, x=2))
print(pos_defaults(0))
print(pos_defaults(0, c=None))
print(print(*[1, 2], sep="-", end="!\n"))

# Unpacking assignment forms.
a, b = 1, 2
a, b = b, a
print(a, b)
(a, b), c = (3, 4), 5
print(a, b, c)
first, *middle, last = range(6)
print(first, middle, last)
*init, tail = "xyz"
print(init, tail)
head, *others = [9]
print(head, others)
[p, q] = "pq"
print(p, q)
for i, (j, *k) in enumerate([(1, 2, 3), (4,)]):
    print(i, j, k)
x = y = z = [0]
x.append(1)
print(y, z is x)
d = {}
d["k"], d["j"] = 1, 2
print(sorted(d.items()))
lst = [0, 1, 2, 3]
lst[1], lst[2] = lst[2], lst[1]
print(lst)
a, b, c = [n * 2 for n in range(3)]
print(a, b, c)
t = 1,
print(t)
print(*range(3), *"ab", sep=",")
print(dict(a=1, **{"b": 2}))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __iter__(self):
        yield self.x
        yield self.y


px, py = Point(5, 6)
print(px, py)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError", e)
try:
    a, b, *c = [1]
except ValueError as e:
    print("ValueError", e)

# Method calls with every argument shape.


class M:
    def m(self, *a, **k):
        return len(a), sorted(k)

    @staticmethod
    def s(x, y=1):
        return x - y

    @classmethod
    def c(cls, *a):
        return cls.__name__, a


o = M()
print(o.m(), o.m(1, *[2, 3], k=1, **{"z": 0}))
print(M.s(5), o.s(5, y=3), M.c(1, 2), o.c())
print((lambda *a, **k: (a, k))(1, b=2))
print((lambda a, b=3, *, c=4: a + b + c)(1, c=10))
