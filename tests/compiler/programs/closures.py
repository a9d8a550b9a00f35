# Cells, free variables, nonlocal and global, through several levels.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter()
inc(); inc(); inc()
print(get())
def adders():
    fs = []
    for i in range(3):
        fs.append(lambda x: x + i)
    return [f(10) for f in fs]
print(adders())
def adders_bound():
    return [(lambda x, i=i: x + i)(10) for i in range(3)]
print(adders_bound())
def three_levels():
    a = 1
    def level2():
        def level3():
            return a * 100
        return level3()
    return level2()
print(three_levels())
def shadow():
    x = "outer"
    def inner():
        x = "inner"
        return x
    return inner(), x
print(shadow())
def param_captured(p, q=5):
    def use():
        return p + q
    p += 1
    return use()
print(param_captured(1))
def late_binding():
    fns = []
    v = 1
    fns.append(lambda: v)
    v = 2
    return fns[0]()
print(late_binding())
def nonlocal_deep():
    x = 0
    def a():
        def b():
            nonlocal x
            x += 10
        b()
        b()
    a()
    return x
print(nonlocal_deep())
def class_in_function(val):
    class Inner:
        attr = val
        def get(self):
            return val * 2
    return Inner().get(), Inner.attr
print(class_in_function(21))
def comprehension_capture(n):
    return [[n * i + j for j in range(2)] for i in range(3)]
print(comprehension_capture(10))
def gen_closure(base):
    def g():
        for i in range(3):
            yield base + i
    return list(g())
print(gen_closure(100))
def global_in_nested():
    def setter():
        global GV
        GV = "set"
    setter()
    return GV
print(global_in_nested(), GV)
x = "module"
def reads_global():
    return x
def writes_local():
    x = "local"
    return x
print(reads_global(), writes_local(), x)
def star_captured(*args, **kw):
    def f():
        return args, sorted(kw)
    return f()
print(star_captured(1, 2, a=3))
def cell_and_loop():
    out = []
    total = 0
    for i in range(4):
        def add(v=i):
            nonlocal total
            total += v
        add()
    return total
print(cell_and_loop())
