# Function and class decorators, stacked and with arguments.
calls = []
def log(fn):
    def wrapper(*a, **k):
        calls.append(fn.__name__)
        return fn(*a, **k)
    return wrapper
def times(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@log
def add(a, b):
    return a + b
@times(2)
@log
def sq(v):
    return v * v
print(add(1, 2), sq(3), calls)
class Registry:
    items = {}
    @classmethod
    def register(cls, name):
        def deco(obj):
            cls.items[name] = obj
            return obj
        return deco
@Registry.register("first")
class First:
    pass
@Registry.register("second")
def second():
    return "s"
print(sorted(Registry.items), Registry.items["second"]())
def method_deco(fn):
    def w(self, *a):
        return "<" + str(fn(self, *a)) + ">"
    return w
class M:
    @method_deco
    def get(self, v):
        return v
    @staticmethod
    @log
    def st():
        return "static"
print(M().get(5), M.st(), calls[-1])
import micropython
@micropython.bytecode
def bytecode_fn():
    return "bc"
print(bytecode_fn())
class Holder:
    deco = staticmethod(log)
@Holder.deco
def via_attribute():
    return "attribute deco"
print(via_attribute(), calls[-1])
