# Parameters and arguments of every kind.
def pos(a, b):
    return a - b
def defaults(a, b=2, c=[]):
    c.append(a)
    return a, b, len(c)
def star(*args):
    return args
def kwonly(a, *, b, c=3):
    return a, b, c
def kwargs(**kw):
    return sorted(kw.items())
def everything(a, b=1, *args, c, d=2, **kw):
    return a, b, args, c, d, sorted(kw.items())
def star_then_kw(*args, k1, k2=9):
    return args, k1, k2
print(pos(5, 3), pos(b=5, a=3), pos(*[1, 2]), pos(**{"a": 9, "b": 1}))
print(defaults(1), defaults(2, 3), defaults(3, c=[]))
print(star(), star(1), star(1, 2, 3), star(*range(4)), star(*"ab", *"cd"))
print(kwonly(1, b=2), kwonly(1, c=4, b=5))
print(kwargs(), kwargs(x=1, y=2), kwargs(**{"z": 3}, w=4))
print(everything(0, c=1))
print(everything(0, 1, 2, 3, c=4, d=5, e=6, f=7))
print(everything(*[1, 2, 3], c=0, **{"g": 8}))
print(star_then_kw(1, 2, k1=3))
args = (1, 2)
kw = {"c": 3}
print(everything(*args, **kw), everything(9, *args, 5, c=1, **kw if False else {}))
def f(x, y=None):
    return (x, y)
print(f(1), f(1, 2), f(x=1), f(y=2, x=1))
print((lambda: 1)(), (lambda x, y=2: x * y)(3), (lambda *a: a)(1, 2))
print((lambda x, *, k=5: x + k)(1), (lambda **k: k)(a=1))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact(25))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
g = fib()
print([next(g) for _ in range(12)])
def many_locals():
    l0 = 0; l1 = 1; l2 = 2; l3 = 3; l4 = 4; l5 = 5; l6 = 6; l7 = 7
    l8 = 8; l9 = 9; l10 = 10; l11 = 11; l12 = 12; l13 = 13; l14 = 14
    l15 = 15; l16 = 16; l17 = 17; l18 = 18; l19 = 19; l20 = 20
    l19 += l20
    del l18
    return l0 + l1 + l2 + l3 + l4 + l5 + l6 + l7 + l8 + l9 + l10 + l11 + l12 + l13 + l14 + l15 + l16 + l17 + l19
print(many_locals())
def call_many(*a, **k):
    return len(a), len(k)
print(call_many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, a=1, b=2, c=3))
print(call_many(*range(40), *range(3), x=1))
def returns_tuple():
    return 1, 2, 3
def returns_if(x):
    return "pos" if x > 0 else "nonpos"
def returns_nothing():
    return
def no_return():
    pass
print(returns_tuple(), returns_if(1), returns_if(-1), returns_nothing(), no_return())
def outer(a):
    def middle(b):
        def inner(c):
            return a + b + c
        return inner
    return middle
print(outer(1)(2)(3))
def defaults_eval_time():
    vals = []
    for i in range(3):
        def cb(i=i):
            return i
        vals.append(cb)
    return [v() for v in vals]
print(defaults_eval_time())
def recursive_closure(n):
    def go(k):
        return k if k <= 0 else go(k - 1) + n
    return go(3)
print(recursive_closure(5))
print(sorted([3, 1, 2], key=lambda v: -v), list(map(lambda v: v * v, range(4))))
print(list(filter(None, [0, 1, "", "a", None, []])))
def gen_kwargs(**kw):
    for k in sorted(kw):
        yield k, kw[k]
print(list(gen_kwargs(b=2, a=1)))
