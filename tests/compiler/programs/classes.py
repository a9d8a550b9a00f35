# Classes: inheritance, super, properties, class/static methods, dunders.
class Base:
    kind = "base"
    def __init__(self, name):
        self.name = name
    def greet(self):
        return "hello " + self.name
    def __repr__(self):
        return "Base(%r)" % self.name
    @classmethod
    def make(cls, n):
        return cls(n)
    @staticmethod
    def util(a, b):
        return a + b
class Child(Base):
    kind = "child"
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def greet(self):
        return super().greet() + " (" + str(self.age) + ")"
    @property
    def older(self):
        return self.age + 1
    @older.setter
    def older(self, v):
        self.age = v - 1
class GrandChild(Child):
    def greet(self):
        base = super().greet()
        return base.upper()
    def cls_name(self):
        return __class__.__name__
c = Child("ann", 30)
print(c.greet(), c.older, Child.kind, Base.kind, repr(c))
c.older = 50
print(c.age, Base.make("x"), Base.util(2, 3), c.util(1, 1))
g = GrandChild("bob", 7)
print(g.greet(), g.cls_name(), isinstance(g, Base), issubclass(GrandChild, Child))
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield self.x
        yield self.y
    def __contains__(self, v):
        return v in (self.x, self.y)
    def __bool__(self):
        return bool(self.x or self.y)
    def __call__(self, k):
        return self.x * k
    def __repr__(self):
        return "Vec(%d, %d)" % (self.x, self.y)
v = Vec(1, 2) + Vec(3, 4) * 2
print(v, v - Vec(1, 1), v == Vec(7, 10), Vec(1, 2) < Vec(1, 3), len(v), v[1], list(v))
print(7 in v, 8 in v, bool(Vec(0, 0)), v(3))
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        type(self).count += 0
for _ in range(3):
    Counter()
print(Counter.count)
class WithClassBody:
    items = [i * 2 for i in range(3)]
    total = sum(items)
    if total > 3:
        flag = True
    else:
        flag = False
    def method(self):
        return self.total
print(WithClassBody.items, WithClassBody.total, WithClassBody.flag, WithClassBody().method())
class Outer:
    class Inner:
        value = 42
    def get(self):
        return self.Inner.value
print(Outer().get(), Outer.Inner.value)
class Slots:
    def __init__(self):
        self.__private = 1
    def get(self):
        return self.__private
print(Slots().get())
class Desc:
    def __get__(self, obj, owner):
        return "desc"
class UsesDesc:
    d = Desc()
print(UsesDesc().d)
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B" + super().who()
class C(B):
    def who(self):
        return "C" + super().who()
print(C().who())
class E(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise E("boom", 3)
except E as ex:
    print(ex, ex.code, ex.args)
def deco(cls):
    cls.tag = "decorated"
    return cls
@deco
class Tagged:
    pass
print(Tagged.tag)
class NoBase():
    x = 1
class Empty:
    "docstring only"
print(NoBase.x, Empty.__name__)
