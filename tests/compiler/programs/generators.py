# Generators: yield, send, throw, close, yield from, return values, genexprs.
def counter(n):
    i = 0
    while i < n:
        received = yield i
        if received is not None:
            i = received
        else:
            i += 1
    return "finished"
g = counter(5)
print(next(g), next(g), g.send(3), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop:", e.value)
def delegate():
    result = yield from counter(2)
    yield "result=" + result
    yield from [10, 20]
    yield from (x * x for x in range(3))
print(list(delegate()))
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            yield "caught " + str(e)
c = catcher()
print(next(c), c.throw(ValueError("x")), next(c))
def closer():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
cl = closer()
print(next(cl))
cl.close()
gen_expr = (i * 2 for i in range(4) if i != 2)
print(list(gen_expr), list(gen_expr))
print(sum(x for x in range(5)), max(x % 3 for x in range(10)))
def nested_gen():
    for i in range(3):
        yield (j for j in range(i))
print([list(x) for x in nested_gen()])
def gen_with_return_in_try():
    try:
        yield 1
        return 5
    finally:
        print("finally in gen")
print(list(gen_with_return_in_try()))
lam = lambda: (yield 7)
print(list(lam()))
def yield_expr_value():
    x = yield
    y = yield x
    print("got", x, y)
ye = yield_expr_value()
next(ye)
ye.send("a")
try:
    ye.send("b")
except StopIteration:
    pass
def infinite():
    n = 0
    while True:
        yield n
        n += 1
inf = infinite()
print([next(inf) for _ in range(5)])
def pipeline(src):
    for v in src:
        if v % 2:
            yield v * 10
print(list(pipeline(pipeline(range(10)))), list(pipeline(iter([1, 3]))))
def gen_in_class():
    class K:
        def items(self):
            yield from range(3)
    return list(K().items())
print(gen_in_class())
def yield_in_loop_with_break():
    for i in range(10):
        if i == 3:
            break
        yield i
    else:
        yield "else"
    yield "end"
print(list(yield_in_loop_with_break()))
