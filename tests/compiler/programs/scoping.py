# Name resolution in module, function, class and comprehension scopes.
x = 1
class K:
    x = 2
    y = x * 10
    z = [x for _ in range(2)]
    def method(self):
        return x
print(K.y, K.z, K().method())
def f():
    print(x)
f()
def g():
    x = 3
    class L:
        x = 4
        def m(self):
            return x
    return L().m(), L.x
print(g())
def h():
    global x
    x = 100
h()
print(x)
def uses_builtin():
    return len([1, 2]), abs(-3)
print(uses_builtin())
def shadows_builtin():
    len = lambda v: 42
    return len([1])
print(shadows_builtin(), len([1]))
def unbound():
    try:
        print(v)
        v = 1
    except NameError:
        return "unbound local"
print(unbound())
def del_global():
    global temp
    temp = 1
    del temp
del_global()
print("temp" in globals())
val = "module"
def nested_nonlocal():
    val = "enclosing"
    def inner():
        nonlocal val
        val = "changed"
    inner()
    return val
print(nested_nonlocal(), val)
def loop_var_leak():
    for i in range(3):
        pass
    return i
print(loop_var_leak())
def comp_does_not_leak():
    [j for j in range(3)]
    try:
        return j
    except NameError:
        return "no leak"
print(comp_does_not_leak())
