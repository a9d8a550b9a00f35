/**
 * The second tier (bytecode compiled to JavaScript): every program here runs
 * twice, once with the tier off (the interpreter loop only) and once with
 * all code compiled on its first run, and both runs must print the same
 * text, end the same way and leave the same heap figures. Where the real
 * MicroPython has the feature, the text is also MicroPython's (checked
 * against the oracle or written out).
 *
 * @module
 */

import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { jitCounters, JitMode, setRecursionLimit } from "../../vm/interp.ts";
import { py, type VmResult } from "./vm_support.ts";
import { runOracle } from "../oracle.ts";
import { both, runAccounted, runIn } from "./jit_support.ts";

/** The board of the heap-figure tests: a 64 KiB heap, single-precision floats. */
const ACCOUNTED = { heapBytes: 64 * 1024, floatBits: 32 } as const;

/** {@link both}, then the same stdout from the real MicroPython. */
async function againstOracle(code: string): Promise<VmResult> {
  const r = both(code);
  const oracle = await runOracle({ code });
  strictEqual(r.stdout, oracle.stdout);
  return r;
}

Deno.test("jit: arithmetic fast paths agree at the small-int and float edges", async () => {
  await againstOracle(py(`
    def ops(a, b):
        out = [a + b, a - b, a * b, a & b, a | b, a ^ b, a < b, a >= b, a == b, a != b]
        if b:
            out += [a // b, a % b, -a // b, -a % b]
        if 0 <= b < 40:
            out += [a << b, a >> b]
        return out
    edges = [0, 1, -1, 7, -7, 2**30 - 1, -2**30, 2**30, 2**31, 2**53 - 1, 2**53 + 1, -2**62, 3]
    h = 0
    for a in edges:
        for b in edges:
            for v in ops(a, b):
                h = (h * 31 + hash(v)) & 0xFFFFFFF
    print(h)
    print(ops(10**20, 3), ops(3, -2))
    x = 0.5
    for i in range(5):
        x = x * 3 - i / 7
    print(x, -x, 7 // -2, -7 % 3, 2**30 * 2, (2**30 - 1) + 1, -(-2**30))
    print(True + 1, 1 - True, [1, 2] * 2, "ab" * 3, 3 * "x")
  `));
});

Deno.test("jit: tracebacks name the same lines in compiled code", () => {
  const r = both(py(`
    def inner(x):
        y = x * 2
        return y / (x - 3)

    def middle(n):
        total = 0
        for i in range(n):
            total += inner(i)
        return total

    try:
        middle(5)
    except ZeroDivisionError as e:
        print("caught", e)

    def fails(seq):
        return [s.upper() for s in seq]

    print(fails(["a", "b"]))
    fails(["a", 1])
  `));
  strictEqual(r.status, 1);
  strictEqual(r.stdout, "caught divide by zero\n['A', 'B']\n");
  strictEqual(
    r.stderr,
    [
      "Traceback (most recent call last):",
      '  File "main.py", line 20, in <module>',
      '  File "main.py", line 17, in fails',
      '  File "main.py", line 17, in <listcomp>',
      "AttributeError: 'int' object has no attribute 'upper'",
      "",
    ].join("\n"),
  );
});

Deno.test("jit: exceptions, handlers, bare raise and StopIteration from iterators", async () => {
  await againstOracle(py(`
    class Countdown:
        def __init__(self, n):
            self.n = n
        def __iter__(self):
            return self
        def __next__(self):
            if self.n == 0:
                raise StopIteration
            self.n -= 1
            return self.n

    def f(kind):
        try:
            if kind == 0:
                return [x for x in Countdown(3)]
            if kind == 1:
                raise KeyError("k")
            if kind == 2:
                return {}["missing"]
            if kind == 3:
                try:
                    1 // 0
                except ZeroDivisionError:
                    raise
            return undefined_name
        except KeyError as e:
            return ("key", e.args)
        except ZeroDivisionError as e:
            return ("zero", str(e))
        except NameError as e:
            return ("name", str(e))

    for k in range(5):
        print(f(k))

    def g():
        try:
            raise ValueError("v")
        except ValueError:
            try:
                raise TypeError("t")
            except TypeError as e:
                print("inner", e)
            raise

    try:
        g()
    except ValueError as e:
        print("outer", e)

    def h(n):
        out = []
        for i in range(n):
            try:
                if i % 2:
                    raise IndexError(i)
                out.append(i)
            except IndexError as e:
                out.append(-e.args[0])
            else:
                out.append(100)
        return out
    print(h(6))
    try:
        raise
    except RuntimeError as e:
        print(e)
  `));
});

Deno.test("jit: try/finally with return, break and continue; with blocks", async () => {
  await againstOracle(py(`
    log = []
    class CM:
        def __init__(self, name, swallow=False):
            self.name = name
            self.swallow = swallow
        def __enter__(self):
            log.append("enter " + self.name)
            return self
        def __exit__(self, t, v, tb):
            log.append("exit " + self.name + " " + (t.__name__ if t else "-"))
            return self.swallow

    def ret_in_finally():
        try:
            return 1
        finally:
            log.append("fin")

    def finally_overrides():
        try:
            return 1
        finally:
            return 2

    def loops(n):
        out = []
        for i in range(n):
            try:
                if i == 1:
                    continue
                if i == 4:
                    break
                out.append(i)
            finally:
                out.append(-i)
        while True:
            try:
                try:
                    break
                finally:
                    out.append("inner")
            finally:
                out.append("outer")
        return out

    def with_return():
        with CM("a"):
            with CM("b"):
                return "r"

    def with_swallow():
        with CM("s", True):
            raise ValueError("gone")
        return "after"

    def with_break():
        for i in range(3):
            with CM(str(i)):
                if i == 1:
                    break
        return i

    def with_raise():
        try:
            with CM("x"):
                1 // 0
        except ZeroDivisionError:
            return "zde"

    print(ret_in_finally(), finally_overrides(), loops(6))
    print(with_return(), with_swallow(), with_break(), with_raise())
    print(log)
  `));
});

Deno.test("jit: generators, send/throw/close, yield from and generator expressions", async () => {
  await againstOracle(py(`
    def counter(n):
        i = 0
        while i < n:
            got = yield i
            if got is not None:
                i = got
            else:
                i += 1
        return "done"

    g = counter(10)
    print(next(g), next(g), g.send(7), next(g), next(g))
    try:
        next(g)
        next(g)
    except StopIteration as e:
        print("stop", e.args)

    def guarded():
        try:
            yield 1
            yield 2
        except KeyError as e:
            yield "caught " + str(e)
        finally:
            print("cleanup")

    g = guarded()
    print(next(g), g.throw(KeyError("k")))
    g.close()
    g = guarded()
    next(g)
    g.close()

    def leaves(t):
        if isinstance(t, list):
            for x in t:
                yield from leaves(x)
        else:
            yield t

    def delegate():
        r = yield from counter(3)
        yield r

    print(list(leaves([1, [2, [3, [4]], 5], [[6]]])), list(delegate()))
    print(sum(x * x for x in range(10) if x % 3), [y for y in (z + 1 for z in range(4))])

    def pipeline(n):
        def evens(it):
            for v in it:
                if v % 2 == 0:
                    yield v
        def scaled(it, k):
            for v in it:
                yield v * k
        return list(scaled(evens(range(n)), 3))
    print(pipeline(12))
  `));
});

Deno.test("jit: closures, cells, nonlocal, defaults and keyword arguments", async () => {
  await againstOracle(py(`
    def make(k):
        total = 0
        def add(x, scale=1, *rest, **kw):
            nonlocal total
            total += x * scale + sum(rest) + len(kw)
            return total
        def peek():
            return total
        return add, peek

    add, peek = make(3)
    print(add(1), add(2, 3), add(1, 1, 5, 6), add(0, a=1, b=2), peek())

    def counters():
        fs = []
        for i in range(4):
            fs.append(lambda i=i: i * i)
        return [f() for f in fs]
    print(counters())

    def outer():
        x = 1
        def mid():
            def inner():
                return x + 1
            return inner()
        x = 10
        return mid()
    print(outer())

    def unbound():
        def f():
            return v
        try:
            f()
        except NameError as e:
            print("unbound", e)
        v = 5
        return f()
    print(unbound())

    def kw_only(a, *, b, c=3):
        return a + b + c
    print(kw_only(1, b=2), kw_only(1, c=10, b=0))
    try:
        kw_only(1)
    except TypeError as e:
        print(e)
    def locals_del():
        a = 1
        del a
        try:
            return a
        except NameError as e:
            return str(e)
    print(locals_del())
  `));
});

Deno.test("jit: inline caches follow class, instance, global and builtin changes", async () => {
  await againstOracle(py(`
    class A:
        kind = "A"
        def f(self):
            return "A.f"
    class B(A):
        def f(self):
            return "B.f"
    class C:
        def f(self):
            return "C.f"
        @property
        def p(self):
            return "prop"

    def call_all(objs):
        return [o.f() for o in objs]

    objs = [A(), B(), C(), A(), B()]
    print(call_all(objs))
    A.f = lambda self: "patched"
    print(call_all(objs))
    objs[0].f = lambda: "own"
    print(call_all(objs))
    del A.f
    try:
        call_all(objs[1:])
        print(call_all(objs[3:4]))
    except AttributeError as e:
        print("gone", e)

    def attrs(o):
        return o.x + o.y

    class P:
        def __init__(self, x, y):
            self.x = x
            self.y = y
    class Q:
        pass
    q = Q()
    q.y = 10
    q.x = 20
    print([attrs(P(i, 2 * i)) for i in range(4)], attrs(q))

    class Guarded:
        def __init__(self):
            self.v = 0
    def bump(o, n):
        for i in range(n):
            o.v = o.v + i
        return o.v
    g = Guarded()
    print(bump(g, 5))
    def setter(self, value):
        self._v = value * 100
    Guarded.v = property(lambda self: self._v, setter)
    print(bump(g, 3))

    def use_len(s):
        return len(s)
    print(use_len("abc"))
    len = lambda s: 42
    print(use_len("abc"))
    del len
    print(use_len("abcd"))

    def greet():
        return helper()
    def helper():
        return "one"
    print(greet())
    def helper():
        return "two"
    print(greet())

    import math
    def root(v):
        return math.sqrt(v)
    print(root(16), root(2.25))

    print(C().p, A.kind, B().kind)
    B.kind = "B"
    print(A().kind, B().kind)

    def methods(xs):
        out = []
        for x in xs:
            out.append(x.upper() if isinstance(x, str) else x.bit_length())
        return out
    print(methods(["a", 5, "b", 1024]))
  `));
});

Deno.test("jit: lists, tuples, dicts, slices, unpacking and comprehensions", async () => {
  await againstOracle(py(`
    def work(n):
        a = list(range(n))
        t = tuple(a)
        a[0], a[-1] = a[-1], a[0]
        a[2] = t[-2]
        del a[1]
        b = a[1:4] + a[::-2]
        d = {i: i * i for i in range(5)}
        d[10] = "ten"
        del d[0]
        s = {x % 3 for x in a}
        first, *mid, last = a
        (p, q), r = (1, 2), 3
        try:
            a[100] = 1
        except IndexError as e:
            print("index", e)
        try:
            t[99]
        except IndexError as e:
            print("tuple index", e)
        return a, b, sorted(d.items(), key=str), sorted(s), first, mid, last, p + q + r
    print(work(8))
    m = [[i * j for j in range(3)] for i in range(3)]
    print(m, [row[1] for row in m], m[-1][-1])
  `));
});

Deno.test("jit: classes, super, dunders and keyword calls", async () => {
  await againstOracle(py(`
    class Vec:
        def __init__(self, x, y):
            self.x, self.y = x, y
        def __add__(self, o):
            return Vec(self.x + o.x, self.y + o.y)
        def __eq__(self, o):
            return self.x == o.x and self.y == o.y
        def __lt__(self, o):
            return (self.x, self.y) < (o.x, o.y)
        def __getitem__(self, i):
            return (self.x, self.y)[i]
        def __len__(self):
            return 2
        def __repr__(self):
            return "Vec(%d, %d)" % (self.x, self.y)

    class Vec3(Vec):
        def __init__(self, x, y, z=0):
            super().__init__(x, y)
            self.z = z
        def __repr__(self):
            return "Vec3(" + super().__repr__() + ", %d)" % self.z

    vs = [Vec(3, 1), Vec(1, 2), Vec3(2, 2, z=5)]
    total = Vec(0, 0)
    for v in vs:
        total = total + v
    print(total, sorted(vs), vs[0][1], len(vs[2]), Vec(1, 2) == Vec(1, 2), Vec(1, 2) != Vec(2, 1))
    print(not vs, not [], Vec(0, 0) if Vec(0, 0) else "falsy")
    def kw(a, b=2, **rest):
        return a, b, sorted(rest)
    print(kw(1), kw(b=5, a=1), kw(1, 2, c=3, d=4), kw(*[7], **{"b": 8}))
  `));
});

Deno.test("jit: deep recursion works, runaway recursion raises RuntimeError", () => {
  const r = both(py(`
    def depth(n):
        return 0 if n == 0 else 1 + depth(n - 1)
    print(depth(300))
    def forever(n):
        return forever(n + 1) + 1
    try:
        forever(0)
    except RuntimeError as e:
        print("RuntimeError", e)
    def mutual_a(n):
        return n if n <= 0 else mutual_b(n - 1)
    def mutual_b(n):
        return mutual_a(n - 2)
    print(mutual_a(450))
  `));
  strictEqual(
    r.stdout,
    "300\nRuntimeError maximum recursion depth exceeded\n0\n",
  );
});

Deno.test("jit: the recursion limit holds in compiled code", () => {
  setRecursionLimit(120);
  try {
    const r = both(py(`
      def down(n):
          return 0 if n == 0 else 1 + down(n - 1)
      print(down(100))
      try:
          down(200)
      except RuntimeError as e:
          print(e)
    `));
    strictEqual(r.stdout, "100\nmaximum recursion depth exceeded\n");
  } finally {
    setRecursionLimit(2000);
  }
});

Deno.test("jit: Ctrl-C in a compiled loop raises KeyboardInterrupt at the same place", () => {
  const code = py(`
    def spin():
        n = 0
        while True:
            n += 1
    def calls():
        def f(x):
            return x + 1
        i = 0
        for k in range(10000000):
            i = f(i)
    try:
        spin()
    except KeyboardInterrupt:
        print("interrupted spin")
    calls()
  `);
  for (const budget of [3, 40]) {
    const r = both(code, { interruptAfter: budget });
    strictEqual(r.status, 1);
    strictEqual(r.stdout, "interrupted spin\n");
    ok(r.stderr.endsWith("KeyboardInterrupt: \n"), r.stderr);
    ok(r.stderr.includes("line 10, in calls"), r.stderr);
  }
});

Deno.test("jit: a frame moves from the interpreter to compiled code at a loop head", () => {
  const code = py(`
    total = 0
    for i in range(3000):
        if i % 3:
            total += i
        else:
            total -= 1
    print(total)
    k = 0
    while k < 500:
        k += 7
    print(k)
  `);
  const off = runIn(JitMode.Off, code);
  const before = jitCounters();
  const hot = runIn(JitMode.Hot, code);
  const after = jitCounters();
  ok(after.switched > before.switched, "no frame switched over");
  deepStrictEqual(hot, off);
  strictEqual(hot.stdout, "2999000\n504\n");
});

Deno.test("jit: heap figures are the same with the tier on and off", () => {
  const code = py(`
    import gc
    def figures(tag):
        gc.collect()
        print(tag, gc.mem_alloc(), gc.mem_free())
    figures("start")
    def build(n):
        out = []
        for i in range(n):
            out.append([i] * (i % 5))
            s = "x" * i
        return out, s
    keep = build(50)
    figures("built")
    def churn(n):
        t = 0
        for i in range(n):
            p = (i, i + 1, [i])
            t += len(p) + p[2][0]
            d = {"a": i, "b": [p]}
        return t
    print(churn(300))
    figures("churned")
    del keep
    figures("freed")
    def grow():
        big = []
        try:
            while True:
                big.append(bytearray(1024))
        except MemoryError:
            n = len(big)
            big = None
            return n
    print("filled", grow() > 10)
    figures("after MemoryError")
    class Node:
        def __init__(self, v, nxt):
            self.v = v
            self.nxt = nxt
    head = None
    for i in range(100):
        head = Node(i, head)
    figures("list")
    def gen():
        for i in range(20):
            yield [i] * 3
    print(sum(len(x) for x in gen()))
    figures("end")
  `);
  const off = runAccounted(JitMode.Off, code, ACCOUNTED);
  const on = runAccounted(JitMode.All, code, ACCOUNTED);
  ok(off.startsWith("0\n"), off);
  strictEqual(on, off);
});

Deno.test("jit: module-level code, class bodies, globals and imports", () => {
  const r = both(
    py(`
      import helper
      from helper import twice, Counter
      x = 5
      def setg():
          global x
          x = x * 2
      setg()
      class K:
          a = 1
          b = a + x
          def m(self):
              return self.b
      c = Counter()
      for i in range(4):
          c.tick()
      print(x, K.b, K().m(), twice(21), c.n, helper.NAME, sorted(n for n in dir(helper) if not n.startswith("_")))
      exec("y = x + 1")
      print(y, eval("x * 3"))
    `),
    {
      files: {
        "helper.py": py(`
          NAME = "helper"
          def twice(v):
              return 2 * v
          class Counter:
              def __init__(self):
                  self.n = 0
              def tick(self):
                  self.n += 1
        `),
      },
    },
  );
  strictEqual(
    r.stdout,
    "10 11 11 42 4 helper ['Counter', 'NAME', 'twice']\n11 30\n",
  );
});
