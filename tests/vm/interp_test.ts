/**
 * The interpreter through small programs: closures, argument binding,
 * unpacking, comprehensions, try/finally flow (break/continue/return through
 * finally), with statements, generators, classes and dunders, exceptions,
 * scopes and imports. Expected outputs are what MicroPython 1.27 prints for
 * the same programs (imports: checked by hand, the oracle has no folders).
 *
 * @module
 */

import { strictEqual as assertEquals } from "node:assert/strict";
import { runVm } from "./vm_support.ts";

interface Case {
  code: string;
  files?: Record<string, string>;
  expected: string;
}

const CASES: Record<string, Case> = {
  closures: {
    code:
      "\ndef counter():\n    n = 0\n    def inc(k=1):\n        nonlocal n\n        n += k\n        return n\n    return inc\nc = counter()\nprint(c(), c(), c(5))\ndef make(xs):\n    return [lambda i=i: i * 2 for i in xs]\nprint([f() for f in make([1, 2, 3])])\ndef outer():\n    a = 1\n    def mid():\n        def inner():\n            return a + 1\n        return inner()\n    return mid()\nprint(outer())\n",
    expected: "1 2 7\n[2, 4, 6]\n2\n",
  },
  args: {
    code:
      '\ndef f(a, b=2, *args, c, d=4, **kw):\n    return (a, b, args, c, d, sorted(kw.items()))\nprint(f(1, c=3))\nprint(f(1, 5, 6, 7, c=8, e=9))\nprint(f(*[1, 2, 3], **{\'c\': 0, \'z\': 1}))\ndef g(*, x):\n    return x\nprint(g(x=7))\nfor call in ["g()", "g(1)", "f()", "f(1, 2, c=3, a=1)", "f(1, c=1, q=2, q2=3)"]:\n    try:\n        eval(call)\n    except TypeError as e:\n        print(call, e)\ndef h(a, b):\n    return a - b\nprint(h(b=1, a=10))\n',
    expected:
      "(1, 2, (), 3, 4, [])\n(1, 5, (6, 7), 8, 4, [('e', 9)])\n(1, 2, (3,), 0, 4, [('z', 1)])\n7\ng() function missing keyword-only argument\ng(1) g() takes 0 positional arguments but 1 were given\nf() function missing required positional argument #0\nf(1, 2, c=3, a=1) function got multiple values for argument 'a'\n9\n",
  },
  unpack: {
    code:
      '\na, b, c = [1, 2, 3]\nprint(a, b, c)\na, *b, c = range(6)\nprint(a, b, c)\n*a, b = (1, 2)\nprint(a, b)\n(x, y), z = (1, 2), 3\nprint(x, y, z)\nfor t in ["a, b = [1]", "a, b = [1, 2, 3]", "a, *b, c = [1]"]:\n    try:\n        exec(t)\n    except ValueError as e:\n        print(e)\n',
    expected:
      "1 2 3\n0 [1, 2, 3, 4] 5\n[1] 2\n1 2 3\nneed more than 1 values to unpack\ntoo many values to unpack (expected 2)\nneed more than 1 values to unpack\n",
  },
  comprehensions: {
    code:
      "\nprint([x * x for x in range(5) if x % 2 == 0])\nprint({x: x + 1 for x in range(3)})\nprint(sorted({x % 3 for x in range(10)}))\nprint([(i, j) for i in range(3) for j in range(i)])\ng = (x + 1 for x in [1, 2, 3])\nprint(next(g), list(g))\n",
    expected:
      "[0, 4, 16]\n{0: 1, 1: 2, 2: 3}\n[0, 1, 2]\n[(1, 0), (2, 0), (2, 1)]\n2 [3, 4]\n",
  },
  try_flow: {
    code:
      '\ndef f(n):\n    out = []\n    for i in range(n):\n        try:\n            if i == 1:\n                continue\n            if i == 3:\n                break\n            out.append(i)\n        finally:\n            out.append(-i)\n    return out\nprint(f(5))\ndef g():\n    try:\n        return 1\n    finally:\n        print("finally runs")\nprint(g())\ndef h():\n    try:\n        return 1\n    finally:\n        return 2\nprint(h())\ndef k():\n    for i in range(3):\n        try:\n            try:\n                raise ValueError(i)\n            finally:\n                if i == 1:\n                    break\n        except ValueError as e:\n            print("caught", e)\n    return i\nprint(k())\ntry:\n    try:\n        1 // 0\n    except ZeroDivisionError:\n        raise\nexcept ZeroDivisionError as e:\n    print("reraised", e)\ntry:\n    raise\nexcept RuntimeError as e:\n    print(e)\ndef m():\n    try:\n        pass\n    except Exception:\n        print("no")\n    else:\n        print("else")\n    finally:\n        print("fin")\nm()\n',
    expected:
      "[0, 0, -1, 2, -2, -3]\nfinally runs\n1\n2\ncaught 0\n1\nreraised divide by zero\nno active exception to reraise\nelse\nfin\n",
  },
  with: {
    code:
      '\nclass CM:\n    def __init__(self, name, swallow=False):\n        self.name = name\n        self.swallow = swallow\n    def __enter__(self):\n        print("enter", self.name)\n        return self\n    def __exit__(self, t, v, tb):\n        print("exit", self.name, t is not None and t.__name__, v)\n        return self.swallow\nwith CM("a") as c:\n    print("body", c.name)\nwith CM("b", True):\n    raise ValueError("x")\ntry:\n    with CM("c"):\n        raise KeyError("y")\nexcept KeyError as e:\n    print("propagated", e)\ndef f():\n    with CM("d"):\n        return 5\nprint(f())\nfor i in range(3):\n    with CM(i):\n        if i == 1:\n            break\nwith CM("e") as p, CM("f") as q:\n    print(p.name, q.name)\n',
    expected:
      "enter a\nbody a\nexit a False None\nenter b\nexit b ValueError x\nenter c\nexit c KeyError y\npropagated y\nenter d\nexit d False None\n5\nenter 0\nexit 0 False None\nenter 1\nexit 1 False None\nenter e\nenter f\ne f\nexit f False None\nexit e False None\n",
  },
  generators: {
    code:
      '\ndef gen():\n    x = yield 1\n    print("got", x)\n    try:\n        yield 2\n    except ValueError as e:\n        print("caught", e)\n        yield 3\n    finally:\n        print("cleanup")\n    return "end"\ng = gen()\nprint(next(g), g.send("s"), g.throw(ValueError("v")))\ntry:\n    next(g)\nexcept StopIteration as e:\n    print("stop", e.args)\ndef sub():\n    yield "a"\n    r = yield "b"\n    return r\ndef top():\n    v = yield from sub()\n    print("sub returned", v)\n    yield from [1, 2]\nt = top()\nprint(next(t), next(t), t.send("R"), next(t))\ng2 = gen()\nnext(g2)\ng2.close()\nprint("closed")\ndef inf():\n    i = 0\n    while True:\n        yield i\n        i += 1\nit = inf()\nprint([next(it) for _ in range(4)])\ndef bad():\n    yield 1\nb = bad()\ntry:\n    b.send(1)\nexcept TypeError as e:\n    print(e)\n',
    expected:
      "got s\ncaught v\n1 2 3\ncleanup\nstop ('end',)\nsub returned R\na b 1 2\nclosed\n[0, 1, 2, 3]\ncan't send non-None value to a just-started generator\n",
  },
  classes: {
    code:
      '\nclass Base:\n    count = 0\n    def __init__(self, v):\n        self.v = v\n        Base.count += 1\n    def show(self):\n        return ("Base", self.v)\n    @property\n    def double(self):\n        return self.v * 2\n    @double.setter\n    def double(self, x):\n        self.v = x // 2\n    @classmethod\n    def make(cls, v):\n        return cls(v)\n    @staticmethod\n    def util(x):\n        return x + 100\nclass Child(Base):\n    def show(self):\n        return ("Child", super().show())\nc = Child.make(4)\nprint(c.show(), c.double, Base.count, Child.util(1), c.util(2))\nc.double = 10\nprint(c.v, isinstance(c, Base), issubclass(Child, Base), type(c) is Child)\nclass Dyn:\n    def __getattr__(self, name):\n        return name * 2 if False else len(name)\nd = Dyn()\nd.real = 1\nprint(d.real, d.abc, hasattr(d, "zz"), getattr(d, "q", None))\nclass Vec:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n    def __add__(self, o):\n        return Vec(self.x + o.x, self.y + o.y)\n    def __radd__(self, o):\n        return Vec(self.x + o, self.y + o)\n    def __eq__(self, o):\n        return isinstance(o, Vec) and self.x == o.x and self.y == o.y\n    def __repr__(self):\n        return "Vec()"\n    def __len__(self):\n        return 2\n    def __getitem__(self, i):\n        return (self.x, self.y)[i]\n    def __call__(self, k):\n        return self.x * k\n    def __iter__(self):\n        yield self.x\n        yield self.y\nv = Vec(1, 2) + Vec(3, 4)\nprint(v.x, v.y, v == Vec(4, 6), v != Vec(4, 6), len(v), v[1], v(3), list(v), bool(v))\nw = 1 + Vec(1, 1)\nprint(w.x, repr(w), [w])\nv += Vec(1, 1)\nprint(v.x)\ntry:\n    hash(v)\nexcept TypeError as e:\n    print(e)\nclass Slots:\n    def __setattr__(self, k, val):\n        object.__setattr__(self, k, val * 10)\ns = Slots()\ns.a = 1\nprint(s.a)\nT = type("T", (Base,), {"extra": 5})\nt = T(3)\nprint(t.extra, t.show(), T.__name__)\n',
    expected:
      "('Child', ('Base', 4)) 8 1 101 102\n5 True True True\n1 3 True 1\n4 6 True False 2 6 12 [4, 6] True\n2 Vec() [Vec()]\n5\nunsupported type for __hash__: 'Vec'\n10\n5 ('Base', 3) T\n",
  },
  exceptions: {
    code:
      '\nclass MyErr(ValueError):\n    def __init__(self, code):\n        super().__init__("code", code)\n        self.code = code\ntry:\n    raise MyErr(7)\nexcept ValueError as e:\n    print(type(e).__name__, e.args, e.code, str(e), repr(e))\nprint(repr(KeyError("k")), str(KeyError("k")), repr(ValueError()), str(OSError(2, "x")))\nprint(StopIteration(5).value, OSError(13).errno, Exception().args)\ntry:\n    raise TypeError\nexcept Exception as e:\n    print(repr(e))\nfor exc in [ZeroDivisionError, KeyError, IndexError, NameError]:\n    print(issubclass(exc, Exception), exc.__name__)\ntry:\n    undefined_name\nexcept NameError as e:\n    print(e)\ndef f():\n    x += 1\n    x = 0\ntry:\n    f()\nexcept NameError as e:\n    print(e)\ntry:\n    raise ValueError("a") from KeyError("b")\nexcept ValueError as e:\n    print("from", e)\ntry:\n    raise 5\nexcept TypeError as e:\n    print(e)\n',
    expected:
      "MyErr ('code', 7) 7 ('code', 7) MyErr('code', 7)\nKeyError('k',) k ValueError() [Errno 2] ENOENT: x\n5 13 ()\nTypeError()\nTrue ZeroDivisionError\nTrue KeyError\nTrue IndexError\nTrue NameError\nname 'undefined_name' isn't defined\nlocal variable referenced before assignment\nfrom a\nexceptions must derive from BaseException\n",
  },
  scopes: {
    code:
      '\nx = 1\ndef f():\n    global x\n    x = 2\nf()\nprint(x)\nclass C:\n    a = 1\n    b = a + 1\n    def m(self):\n        return x\nprint(C.b, C().m())\ndef g():\n    y = 5\n    del y\n    try:\n        print(y)\n    except NameError as e:\n        print(e)\ng()\nz = 3\ndel z\ntry:\n    z\nexcept NameError as e:\n    print(e)\nprint(eval("x + 1"), eval("q * 2", {"q": 4}))\nns = {}\nexec("def k(): return 42", ns)\nprint(ns["k"]())\nprint(globals()["x"], "x" in locals())\n',
    expected:
      "2\n2 2\nlocal variable referenced before assignment\nname 'z' isn't defined\n3 8\n42\n2 True\n",
  },
  imports: {
    code:
      '\nimport pkg\nfrom pkg import sub\nfrom pkg.sub import value as v\nimport pkg.sub as ps\nprint(pkg.NAME, sub.value, v, ps is sub)\nimport cyc_a\nprint(cyc_a.A, cyc_a.cyc_b.B)\nfrom star import *\nprint(pub, "_priv" in dir() if False else "ok")\nimport sys\nprint("pkg.sub" in sys.modules, sys.modules["pkg"] is pkg)\ntry:\n    import nope\nexcept ImportError as e:\n    print(e)\ntry:\n    from pkg import missing\nexcept ImportError as e:\n    print(e)\ntry:\n    from star import missing\nexcept ImportError as e:\n    print(e)\n',
    files: {
      "pkg/__init__.py": "NAME = 'pkg'\n",
      "pkg/sub.py": "from . import helper\nvalue = helper.H\n",
      "pkg/helper.py": "H = 'helped'\n",
      "cyc_a.py": "A = 'a'\nimport cyc_b\nprint('b sees', cyc_b.B)\n",
      "cyc_b.py": "import cyc_a\nB = 'b'\nprint('a seen from b', cyc_a.A)\n",
      "star.py": "pub = 1\n_priv = 2\n",
    },
    expected:
      "pkg helped helped True\na seen from b a\nb sees b\na b\n1 ok\nTrue True\nno module named 'nope'\nno module named 'pkg.missing'\ncan't import name missing\n",
  },
};

for (const [name, c] of Object.entries(CASES)) {
  Deno.test(`interp: ${name}`, () => {
    const r = runVm(c.code, { files: c.files });
    assertEquals(r.stdout, c.expected, r.stderr);
    assertEquals(r.status, 0, r.stderr);
  });
}
