// Iteration order of dicts and sets for the key kinds whose hashes differ
// most between implementations: big ints beyond the 31-bit small-int range,
// negative ints, non-ASCII strs, bytes, floats, tuples and frozensets, bools
// colliding with ints, plus deletion/reinsertion and table growth — compared
// with the real MicroPython (32-bit).
import assert from "node:assert/strict";
import { runBoth } from "./containers_support.ts";

async function sameAsMicroPython(code: string): Promise<void> {
  const { upy, mp } = await runBoth(code);
  assert.equal(mp.exitCode, 0, mp.stderr);
  assert.equal(upy.stderr, "");
  assert.equal(upy.stdout, mp.stdout);
}

Deno.test("order of int keys: negative, large and beyond 31 bits", async () => {
  await sameAsMicroPython(`
d = {}
for k in [2 ** 30, 2 ** 31, -2 ** 30, 2 ** 32 + 5, 2 ** 40, -(2 ** 33), 2 ** 64 + 1, 12345678901234567890, -1, 7]:
    d[k] = 1
print(list(d))
s = set()
for k in range(-20, 20, 3):
    s.add(k * 1000003)
print(s)
d = {}
for i in range(50):
    d[(i * 2654435761) % 1000 - 500] = i
print(list(d))
`);
});

Deno.test("order of str and bytes keys, ASCII and not", async () => {
  await sameAsMicroPython(`
# (Non-ASCII strs are printed as their positions in the key list.)
keys = ["é", "日本", "naïve", "", "a", "ab", "abc", "Ω", "zz", "ü" * 3]
d = {}
for k in keys:
    d[k] = len(k)
print([keys.index(k) for k in d])
b = {}
for k in [b"", b"\\x00", b"\\xff", b"ab", b"abc", b"zz"]:
    b[k] = 1
print(list(b))
keys = ["é", "e", "ê", "ë", "x"]
print([keys.index(k) for k in {"é", "e", "ê", "ë", "x"}])
`);
});

Deno.test("order of float, tuple, frozenset and None keys", async () => {
  await sameAsMicroPython(`
d = {}
for k in [0.5, 1.5, -2.25, 3.0, 100.125, 1e10, -0.0, 7.75]:
    d[k] = 1
print(list(d))
t = {}
for k in [(1, 2), (2, 1), (), (0,), ("a", "b"), (None,), ((1,), 2), (1, 2, 3)]:
    t[k] = 1
print(list(t))
f = {frozenset(), frozenset([1]), frozenset([1, 2]), frozenset("ab")}
print(f)
m = {None: 0, True: 1, False: 2, 2: 3, "s": 4, (1,): 5}
print(m)
m[1] = "one"
m[0.0] = "zero"
print(m)
`);
});

Deno.test("order after deletions, reinsertions and growth", async () => {
  await sameAsMicroPython(`
d = {}
for i in range(40):
    d[i * 37 % 101] = i
    if i % 4 == 3:
        del d[list(d)[0]]
    if i % 9 == 0:
        print(list(d))
for k in list(d)[::2]:
    del d[k]
print(d)
for i in range(10):
    d[i] = -i
print(d)
s = set(range(30))
for i in range(0, 30, 4):
    s.discard(i)
s.add(100)
s.add(0)
print(s)
while len(s) > 5:
    s.pop()
print(s)
class A:
    pass
a = A()
for name in ["x", "y", "zeta", "alpha", "mid", "q1", "q2", "q3", "q4"]:
    setattr(a, name, 1)
print(list(a.__dict__))
def g(**kw):
    return list(kw.items())
print(g(one=1, two=2, three=3, four=4, five=5, six=6, seven=7))
`);
});
