// Lists: MicroPython's (unstable) sort on lists full of ties, with keys and
// reverse; slicing, slice assignment and deletion over a grid of bounds and
// steps; methods, operators and errors — compared with the real
// MicroPython. Also the capacity of the C item array, as MicroPython grows
// and shrinks it.
import assert from "node:assert/strict";
import { PRINT_OR_RAISE, Rng, runBoth, runUpy } from "./containers_support.ts";
import { PyList, type PyObj } from "../../vm/obj.ts";
import "../../vm/install.ts";
import { call, getAttr } from "../../vm/runtime.ts";
import { builtinsDict } from "../../vm/builtins.ts";

function intList(rng: Rng, n: number, spread: number): string {
  const items = [];
  for (let i = 0; i < n; i++) items.push(rng.int(-spread, spread));
  return `[${items.join(", ")}]`;
}

export function sortProgram(seed: number): string {
  const rng = new Rng(seed);
  const lines: string[] = [];
  for (let c = 0; c < 30; c++) {
    const n = rng.pick([0, 1, 2, 3, 5, 8, 9, 10, 16, 17, 25, 40, 64]);
    const spread = rng.pick([1, 2, 3, 5, 50]);
    lines.push(`L = ${intList(rng, n, spread)}`);
    lines.push("P = [(x, i) for i, x in enumerate(L)]");
    switch (rng.int(0, 7)) {
      case 0:
        lines.push("print(sorted(P, key=lambda p: p[0]))");
        break;
      case 1:
        lines.push("print(sorted(P, key=lambda p: p[0], reverse=True))");
        break;
      case 2:
        lines.push("P.sort(key=lambda p: p[0] % 3)");
        lines.push("print(P)");
        break;
      case 3:
        lines.push("print(sorted(L), sorted(L, reverse=True))");
        break;
      case 4:
        lines.push("print(sorted(P, key=lambda p: (p[0] % 4, p[0] // 4)))");
        break;
      case 5:
        lines.push("Q = [str(x) * (1 + i % 3) for i, x in enumerate(L)]");
        lines.push(
          "print(sorted(Q, key=len), sorted(Q, key=len, reverse=True))",
        );
        break;
      case 6:
        lines.push("L.sort(reverse=True)");
        lines.push("P.sort(key=lambda p: -p[0], reverse=True)");
        lines.push("print(L, P)");
        break;
      default:
        lines.push(
          "print(min(P, key=lambda p: p[0]) if P else 0, max(P, key=lambda p: p[0]) if P else 0)",
        );
        lines.push("print(sorted(sorted(P), key=lambda p: p[0] // 2))");
    }
  }
  return lines.join("\n") + "\n";
}

Deno.test("sort order with ties, keys and reverse is MicroPython's exactly", async () => {
  const programs: string[] = [];
  for (let seed = 1; seed <= 6; seed++) {
    programs.push(sortProgram(seed * 31337));
  }
  const { upy, mp } = await runBoth(programs.join(""));
  assert.equal(mp.exitCode, 0, mp.stderr);
  assert.equal(upy.stderr, "");
  assert.equal(upy.stdout, mp.stdout);
});

Deno.test("sorting with objects whose __lt__ returns non-bools, and sort errors", async () => {
  const code = PRINT_OR_RAISE + `
class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return 1 if self.v < o.v else 0
    def __repr__(self):
        return "K%d" % self.v
ks = [K(v) for v in [5, 3, 8, 1, 9, 2, 7]]
t(lambda: sorted(ks))
t(lambda: sorted(ks, reverse=True))
t(lambda: min(ks))
t(lambda: max(ks))
t(lambda: sorted([1, None]))
t(lambda: sorted([None, 1]))
t(lambda: sorted(["a", 1]))
t(lambda: [3, 1].sort(lambda x: x))
t(lambda: sorted([1], lambda x: x))
t(lambda: sorted([1], foo=1))
t(lambda: sorted())
t(lambda: sorted(5))
t(lambda: sorted("bca", key=None))
t(lambda: sorted([3, 1, 2], reverse=1))
t(lambda: max(3, 1, key=None))
t(lambda: min([], default=7))
t(lambda: min(1, 2, default=0))
t(lambda: max([]))
t(lambda: max())
t(lambda: max(1, "a"))
t(lambda: min([2, 1], foo=3))
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
});

Deno.test("slicing, slice assignment and deletion over a grid match MicroPython", async () => {
  const code = `
bounds = [None, -9, -4, -1, 0, 1, 2, 3, 5, 9]
steps = [None, 1, 2, 3, -1, -2, -3]
for n in (0, 1, 2, 5, 7):
    L = list(range(n))
    out = []
    for a in bounds:
        for b in bounds:
            for c in steps:
                out.append(L[a:b:c])
    print(n, out)
for n in (0, 3, 6):
    for a in bounds:
        for b in bounds:
            for k in (0, 1, 3):
                L = list(range(n))
                L[a:b] = [-1] * k
                M = list(range(n))
                del M[a:b]
                print(n, a, b, k, L, M)
T = (1, 2, 3, 4)
for c in (None, 1, 2, -1):
    try:
        print(T[::c], T[1:3], T[-2:], T[5:])
    except Exception as e:
        print(type(e).__name__, e)
L = [1, 2, 3, 4, 5]
try:
    L[::2] = [0, 0, 0]
except Exception as e:
    print(type(e).__name__, repr(e.args))
try:
    del L[::2]
except Exception as e:
    print(type(e).__name__, repr(e.args))
try:
    L[0:1] = range(3)
except Exception as e:
    print(type(e).__name__, e)
try:
    L[0:1] = 5
except Exception as e:
    print(type(e).__name__, e)
L[1:] = L
print(L)
L[:0] = (9, 8)
print(L)
try:
    L[1:2:0]
except Exception as e:
    print(type(e).__name__, e)
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
});

Deno.test("list methods, operators and errors match MicroPython", async () => {
  const code = PRINT_OR_RAISE + `
L = [3, 1, 4, 1, 5]
t(lambda: L.index(1, 2))
t(lambda: L.index(9))
t(lambda: L.index(1, "a"))
t(lambda: L.index(4, -100, 100))
t(lambda: L.count(1))
t(lambda: L.count())
t(lambda: L.pop(10))
t(lambda: [].pop())
t(lambda: L.pop(True))
t(lambda: L.remove(42))
t(lambda: L.append())
t(lambda: [].extend(5))
t(lambda: list.append((), 1))
t(lambda: L[10])
t(lambda: L[-10])
t(lambda: L["a"])
t(lambda: L[1.5])
t(lambda: L[2 ** 40])
t(lambda: L[2 ** 30])
t(lambda: [1] * 2 ** 40)
t(lambda: [1, 2] * -1)
t(lambda: [1, 2] * True)
t(lambda: 2 * [1])
t(lambda: [1] * 1.5)
t(lambda: [1] + (1,))
t(lambda: [1, 2] < [1, 3])
t(lambda: [1, 2] < [1, 2, 0])
t(lambda: [] < [1])
t(lambda: [1] < (1,))
t(lambda: [1] == (1,))
t(lambda: [1, 2] > [1, None])
t(lambda: [None] <= [None])
t(lambda: [1] < ["a"])
t(lambda: hash([]))
t(lambda: list(1, 2))
t(lambda: list(x=1))
t(lambda: list("abc"))
t(lambda: list(range(3)))
t(lambda: list((1, 2)))
t(lambda: [1, [2, (3,)], {}])
M = [1, 2, 3]
M.insert(-100, 0)
M.insert(100, 9)
M.insert(1, "x")
M.insert("a", "end")
M.insert(2 ** 40, "big")
t(lambda: M)
a = [1]
b = a
a *= 2
t(lambda: (a, b, a is b))
a = [1]
b = a
a += (2, 3)
t(lambda: (a, b, a is b))
a = [1, 2, 3]
a.extend(a)
t(lambda: a)
a += a
t(lambda: a)
r = reversed(a)
a.clear()
t(lambda: next(r))
loop = [1]
loop.append(loop)
t(lambda: len(loop))
t(lambda: loop[1][1][1][0])
c = [5, 6]
d = c.copy()
d.reverse()
t(lambda: (c, d, c is d))
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
});

Deno.test("a list's item array grows and shrinks as MicroPython's does", () => {
  const append = call(builtinsDict.get("list") as PyObj, []) as PyList;
  const caps: number[] = [];
  for (let i = 0; i < 40; i++) {
    call(getAttr(append, "append"), [i]);
    caps.push(append.alloc);
  }
  assert.deepEqual(
    [caps[0], caps[3], caps[4], caps[7], caps[8], caps[16], caps[32]],
    [4, 4, 8, 8, 16, 32, 64],
  );
  // pop halves the array while it is less than half full.
  const pops: number[] = [];
  for (let i = 0; i < 38; i++) {
    call(getAttr(append, "pop"), []);
    pops.push(append.alloc);
  }
  assert.equal(append.items.length, 2);
  assert.deepEqual(pops.slice(-3), [8, 4, 4]);
  // extend from a list grows to the exact size plus 4.
  const e = new PyList([1, 2, 3, 4]);
  call(getAttr(e, "extend"), [new PyList([5, 6, 7])]);
  assert.equal(e.alloc, 11);
  // clear returns to 4 slots.
  call(getAttr(e, "clear"), []);
  assert.equal(e.alloc, 4);
  // a list made whole is exactly its size (4 at least).
  assert.equal(new PyList([1, 2, 3, 4, 5, 6]).alloc, 6);
  const r = runUpy("print(len([1] * 7))\n");
  assert.equal(r.stdout, "7\n");
});

Deno.test("sorting by tuple keys of ints, strs and other items matches MicroPython", async () => {
  const code = PRINT_OR_RAISE + `
from collections import namedtuple
words = ['pe', 'ka', 'lo', 'pe', 'zu', 'ka', 'a', '', 'ka\\U0001f600', 'ka\\uffff', 'ka\\ud7ff']
pairs = [(len(w) % 3, w) for w in words]
# Printed as bytes: str reprs of non-ASCII text differ between versions.
def b(ps):
    return [(n, w.encode()) for n, w in ps]
t(lambda: b(sorted(pairs)))
t(lambda: b(sorted(pairs, reverse=True)))
t(lambda: b(sorted(pairs, key=lambda p: (-p[0], p[1]))))
t(lambda: sorted([(1, 'a', 2.5), (1, 'a', 2.25), (1, 'a'), (1,), (), (0, 'z', 1)]))
t(lambda: sorted([(1, True), (1, False), (1, 0), (0, True)]))
t(lambda: sorted([(2, (1, 'b')), (2, (1, 'a')), (1, (3,))]))
t(lambda: sorted([(1, 'a'), (1, 2)]))
t(lambda: sorted([(1, 2**70), (1, -2**70), (1, 3)]))
t(lambda: sorted([(1, [2]), (1, [1])]))
P = namedtuple('P', 'a b')
t(lambda: sorted([P(2, 'x'), P(1, 'y'), P(1, 'x')]))
t(lambda: sorted([(1, None), (1, None)]))
t(lambda: sorted([(1, None), (2, None), (1, 'a')]))
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(mp.exitCode, 0, mp.stderr);
  assert.equal(upy.stdout, mp.stdout);
});
