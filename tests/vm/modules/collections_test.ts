import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram, Rng } from "./support.ts";

Deno.test("deque: random operation sequences on bounded deques", async () => {
  const rng = new Rng(5);
  const lines = [
    "from collections import deque",
    "def run(d, ops):",
    "    out = []",
    "    for op, v in ops:",
    "        try:",
    "            if op == 0: d.append(v)",
    "            elif op == 1: d.appendleft(v)",
    "            elif op == 2: out.append(d.pop())",
    "            elif op == 3: out.append(d.popleft())",
    "            elif op == 4: d.extend(range(v))",
    "            elif op == 5: out.append(d[v])",
    "            elif op == 6: d[v] = -v",
    "        except IndexError as e:",
    "            out.append('IndexError ' + str(e))",
    "    print(out, list(d), len(d), bool(d))",
  ];
  for (let t = 0; t < 60; t++) {
    const maxlen = rng.int(0, 6);
    const strict = rng.int(0, 3) === 0 ? ", 1" : "";
    const ops: string[] = [];
    for (let k = 0; k < 25; k++) {
      const op = rng.int(0, 6);
      const v = op >= 5
        ? rng.int(-7, 7)
        : op === 4
        ? rng.int(0, 4)
        : rng.int(0, 99);
      ops.push(`(${op}, ${v})`);
    }
    lines.push(`run(deque((), ${maxlen}${strict}), [${ops.join(", ")}])`);
  }
  assertEquals(await compareProgram(lines.join("\n") + "\n"), []);
});

Deno.test("deque: construction, iteration and errors", async () => {
  const exprs = [
    "list(deque([1, 2, 3], 2))",
    "list(deque(range(10), 4))",
    "list(deque('abc', 5))",
    "deque()",
    "deque([1])",
    "deque((), -1)",
    "deque((), 2**40)",
    "deque(5, 2)",
    "deque([1, 2, 3], 2, 1)",
    "deque((), maxlen=3)",
    "list(deque((), 0))",
    "[x for x in deque([1, 2], 3)]",
    "sum(deque([1, 2, 3], 5))",
    "2 in deque([1, 2], 3)",
    "deque([1], 3)['a']",
    "deque([1], 3)[1:2]",
    "deque([1, 2], 3)[True]",
    "deque([1], 2) == deque([1], 2)",
    "type(iter(deque((), 1))).__name__",
    "repr(deque((), 1))",
    "sorted(n for n in dir(deque) if not n.startswith('_'))",
    "deque((), 2).clear()",
  ];
  assertEquals(await compareExprs(exprs, "from collections import deque"), []);
});

Deno.test("namedtuple: creation, access, printing, errors", async () => {
  const exprs = [
    "P(1, 2)",
    "P(y=5, x=4)",
    "P(7, y=8)",
    "(P(1, 2).x, P(1, 2)[1], P(1, 2)[-1])",
    "P(1, 2) == (1, 2)",
    "hash(P(4, 5)) == hash((4, 5))",
    "P(1, 2) + (3,)",
    "P(1, 2) * 2",
    "P(1, 2)[0:1]",
    "sorted([P(3, 1), P(1, 9), P(2, 0)])",
    "max(P(1, 2), P(1, 3))",
    "{P(1, 2): 'a'}[(1, 2)]",
    "P(1)",
    "P(1, 2, 3)",
    "P(1, 2, z=3)",
    "P(1, x=3)",
    "P(1, 2).z",
    "C(255, 128, 0)",
    "T('a', 'b', 'c')",
    "namedtuple('Q', 'a,b')(1)",
    "namedtuple('Q', ['a', 1])",
    "namedtuple('E', [])()",
    "namedtuple('F', ('a',))(a=5)",
    "type(P(1, 2)).__name__",
    "isinstance(P(1, 2), tuple)",
    "P.__name__",
    "P.__bases__",
    "setx()",
    "list(P(3, 4))",
    "len(P(3, 4))",
    "namedtuple(1, 'a')",
    "namedtuple('W', '  a   b\\tc ')(1, 2, 3)",
  ];
  const setup = `from collections import namedtuple
P = namedtuple("P", ("x", "y"))
C = namedtuple("Color", "red green blue")
T = namedtuple("Triple", ["first", "second", "third"])
def setx():
    p = P(1, 2)
    p.x = 10`;
  assertEquals(await compareExprs(exprs, setup), []);
});

Deno.test("namedtuple: subclasses keep fields and add methods", async () => {
  const code = `from collections import namedtuple
class Vec(namedtuple("VecBase", ("dx", "dy"))):
    def length2(self):
        return self.dx * self.dx + self.dy * self.dy
v = Vec(3, 4)
print(v.length2(), v.dx, v[1], isinstance(v, tuple), len(v))
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("OrderedDict: order, popitem, equality, printing", async () => {
  const code = `from collections import OrderedDict
d = OrderedDict([("z", 1), ("a", 2), ("m", 3)])
d["b"] = 4
d["a"] = 20
del d["z"]
d["z"] = 99
print(list(d.items()), d, len(d))
print(d.pop("m"), d.popitem(), list(d))
e = OrderedDict()
for k in "hello":
    e[k] = e.get(k, 0) + 1
e.update([("x", 1), ("h", 0)], y=2)
e.setdefault("new", "v")
print(e, list(e.keys()), list(e.values()))
a = OrderedDict([(1, 2), (3, 4)])
b = OrderedDict([(3, 4), (1, 2)])
print(a == b, a == OrderedDict([(1, 2), (3, 4)]), a != b, a == {1: 2, 3: 4})
print(a.copy(), type(a.copy()).__name__, OrderedDict(a) == a)
x = OrderedDict()
for i in range(20):
    x[i * 7 % 11] = i
del x[3]
print(list(x), x.popitem())
print(OrderedDict(a=1), repr(OrderedDict()), isinstance(a, dict))
class D(OrderedDict):
    pass
print(D(q=1), type(D()).__name__)
g = OrderedDict(b=1, a=2)
g.clear()
try:
    g.popitem()
except KeyError as ex:
    print("KeyError", ex)
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("namedtuple: field names come as a str, a tuple or a list only", async () => {
  assertEquals(
    await compareExprs([
      "namedtuple('P', ('a', 'b'))(1, 2)",
      "namedtuple('P', ['a', 'b'])(1, 2)",
      "namedtuple('P', (x for x in 'ab'))",
      "namedtuple('P', {'a'})",
      "namedtuple('P', b'x y')",
      "namedtuple('P', ['a', 5])",
      "namedtuple('P', 5)",
      "namedtuple(b'P', 'x')",
    ], "from collections import namedtuple"),
    [],
  );
});

Deno.test("OrderedDict({...}) keeps the literal's order, as MicroPython's compiler arranges", async () => {
  const code = `from collections import OrderedDict
import collections
print(OrderedDict({'z': 1, 'a': 2, 'q': 3}))
print(OrderedDict({'z': 1, 'a': 2}).popitem())
print(OrderedDict({}), OrderedDict({'z': 1}))
print(OrderedDict({'z': 1, 'a': 2, 'q': 3}, b=5))
d = {'z': 1, 'a': 2}
print(OrderedDict(d))
print(collections.OrderedDict({'z': 1, 'a': 2}))
O = OrderedDict
print(O({'z': 1, 'a': 2}))
x = OrderedDict({k: 1 for k in 'zab'})
print(type(x).__name__, x)
def f():
    return OrderedDict({'y': 1, 'b': 2, 'x': 3})
print(list(f().keys()))
`;
  assertEquals(await compareProgram(code), []);
});
