// Dicts: iteration order after random insert/delete sequences (MicroPython's
// hash-table order, not insertion order), every method, views, errors — all
// compared with the real MicroPython.
import assert from "node:assert/strict";
import { PRINT_OR_RAISE, Rng, runBoth, runUpy } from "./containers_support.ts";

type KeyKind = "int" | "str" | "mixed";

function keyLiteral(rng: Rng, kind: KeyKind): string {
  const k = kind === "mixed"
    ? rng.pick(["int", "str", "other", "other"] as const)
    : kind;
  switch (k) {
    case "int":
      return rng.next() < 0.1
        ? String(rng.pick([-1, -7, 1000, 65535, 99999, 536870911]))
        : String(rng.int(-20, 120));
    case "str": {
      if (rng.next() < 0.5) return `"k${rng.int(0, 40)}"`;
      const n = rng.int(0, 4);
      let s = "";
      for (let i = 0; i < n; i++) s += rng.pick([..."abcxyzQ_9"]);
      return `"${s}"`;
    }
    default:
      return rng.pick([
        "None",
        "True",
        "False",
        "1.5",
        "-2.25",
        "(1, 2)",
        "('a',)",
        "b'ab'",
        "2 ** 40",
        "-(2 ** 35)",
        "0.0",
      ]);
  }
}

export function dictProgram(seed: number, kind: KeyKind): string {
  const rng = new Rng(seed);
  const lines: string[] = [];
  const start = rng.int(0, 3);
  if (start === 0) lines.push("d = {}");
  else if (start === 1) {
    const n = rng.int(1, 7);
    const pairs = [];
    for (let i = 0; i < n; i++) pairs.push(`${keyLiteral(rng, kind)}: ${i}`);
    lines.push(`d = {${pairs.join(", ")}}`);
  } else if (start === 2) {
    const keys = [];
    for (let i = 0; i < rng.int(0, 9); i++) keys.push(keyLiteral(rng, kind));
    lines.push(`d = dict.fromkeys([${keys.join(", ")}], 0)`);
  } else {
    lines.push("d = dict(alpha=1, beta=2, gamma=3)");
  }
  const ops = rng.int(10, 45);
  for (let i = 0; i < ops; i++) {
    const k = keyLiteral(rng, kind);
    const r = rng.next();
    if (r < 0.45) lines.push(`d[${k}] = ${i}`);
    else if (r < 0.6) lines.push(`if ${k} in d: del d[${k}]`);
    else if (r < 0.67) lines.push(`print(d.pop(${k}, 'none'))`);
    else if (r < 0.72) lines.push(`print(d.setdefault(${k}, ${i}))`);
    else if (r < 0.77) lines.push("if d: print(d.popitem())");
    else if (r < 0.81) {
      lines.push(`d.update({${k}: ${i}, ${keyLiteral(rng, kind)}: -${i}})`);
    } else if (r < 0.84) lines.push(`d.update([(${k}, ${i})], z${i}=0)`);
    else if (r < 0.87) lines.push("d = d.copy()");
    else if (r < 0.9) lines.push(`d |= {${k}: 'or'}`);
    else if (r < 0.92) lines.push("d.clear()");
    else lines.push("print(d)");
    if (rng.next() < 0.15) lines.push("print(list(d), list(d.values()))");
  }
  lines.push("print(d, len(d))");
  lines.push("print(list(d.items()))");
  return lines.join("\n") + "\n";
}

for (const kind of ["int", "str", "mixed"] as const) {
  Deno.test(`dict order after random ${kind}-key sequences matches MicroPython`, async () => {
    const programs: string[] = [];
    for (let seed = 1; seed <= 25; seed++) {
      programs.push(
        `print('--- ${seed}')\n` + dictProgram(seed * 7919 + kind.length, kind),
      );
    }
    const code = programs.join("");
    const { upy, mp } = await runBoth(code);
    assert.equal(mp.exitCode, 0, mp.stderr);
    assert.equal(upy.stderr, "");
    assert.equal(upy.stdout, mp.stdout);
  });
}

Deno.test("dict order: the worked examples of MicroPython's hash table", () => {
  const code = `
d = {}
for k in [5, -1, 100, 3]:
    d[k] = 0
print(list(d))
print(list({"alpha": 1, "beta": 2, "gamma": 3, "delta": 4, "epsilon": 5}))
e = {}
for k in ["alpha", "beta", "gamma", "delta", "epsilon"]:
    e[k] = 0
print(list(e))
d = {}
for i in range(10):
    d["k%d" % i] = i
print(list(d), d.popitem())
def f(**kw):
    return list(kw)
print(f(zeta=1, alpha=2, mid=3))
print(list(dict.fromkeys(["x", "y", "z", "w"])))
`;
  const r = runUpy(code);
  assert.equal(r.stderr, "");
  assert.equal(
    r.stdout,
    "[100, 5, 3, -1]\n" +
      "['epsilon', 'alpha', 'beta', 'gamma', 'delta']\n" +
      "['delta', 'alpha', 'gamma', 'beta', 'epsilon']\n" +
      "['k6', 'k7', 'k4', 'k5', 'k2', 'k3', 'k0', 'k1', 'k8', 'k9'] ('k6', 6)\n" +
      "['mid', 'alpha', 'zeta']\n" +
      "['y', 'x', 'w', 'z']\n",
  );
});

Deno.test("dict methods, views and errors match MicroPython", async () => {
  const code = PRINT_OR_RAISE + `
d = {"a": 1, "b": 2, 3: "c"}
t(lambda: d["zz"])
t(lambda: d[[1]])
t(lambda: [] in {"a": 1})
t(lambda: [] in {1: 1})
t(lambda: [] in {})
t(lambda: {}.get([]))
t(lambda: {}.popitem())
t(lambda: d.pop("q"))
t(lambda: d.get("a"), )
t(lambda: d.get("q", 5))
t(lambda: dict(1))
t(lambda: dict([1]))
t(lambda: dict([(1, 2, 3)]))
t(lambda: dict({}, {}))
t(lambda: dict([("x", 1)], y=2))
t(lambda: dict({1: 2}, a=3))
t(lambda: {1: 2} == {1: 2}, )
t(lambda: {1: 2} == {1: 3})
t(lambda: {1: 2} == [(1, 2)])
t(lambda: {1: 2} | {3: 4})
t(lambda: {1: 2} | [(3, 4)])
t(lambda: hash({}))
t(lambda: d.keys())
t(lambda: d.values())
t(lambda: d.items())
t(lambda: len(d.keys()))
t(lambda: "a" in d.keys())
t(lambda: ("a", 1) in d.items())
t(lambda: 2 in d.values())
t(lambda: d.keys() & {"a"})
t(lambda: hash(d.keys()))
t(lambda: type(d.keys()).__name__)
t(lambda: {}.keys())
t(lambda: d.update(1))
t(lambda: d.update({}, {}))
t(lambda: d.fromkeys("ab", 7))
t(lambda: dict.fromkeys(range(5)))
t(lambda: dict.fromkeys(iter([3, 2, 1])))
t(lambda: {1: {2: [3, (4,)]}, "k": {}})
t(lambda: {True: 1, 1: 2, 1.0: 3})
t(lambda: d.setdefault("new"))
t(lambda: d)
e = {}
e["x"] = e
t(lambda: len(e))
del d["a"]
t(lambda: d)
t(lambda: d.__getitem__("b"))
d.__setitem__("w", 9)
d.__delitem__(3)
t(lambda: d)
t(lambda: d.__delitem__(3))
m = {i: i * i for i in range(20)}
for k in list(m):
    if k % 3:
        del m[k]
t(lambda: m)
t(lambda: sorted(m.items()))
it = iter({1: 1, 2: 2})
t(lambda: next(it))
class D(dict):
    pass
t(lambda: D(a=1))
t(lambda: type(D.fromkeys([1])).__name__)
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
  assert.equal(upy.exitCode, mp.exitCode);
});

Deno.test("a dict keeps iterating in slot order while it grows", async () => {
  const code = `
d = {1: 1, 2: 2}
for k in d:
    d[k + 10] = 0
    if len(d) > 30:
        break
print(d)
d = {1: 1, 2: 2, 3: 3}
for k in d:
    del d[k]
print(d)
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
});

Deno.test("OrderedDict keeps insertion order through the dict operations", async () => {
  const code = `
from collections import OrderedDict
d = OrderedDict()
for k in ["z", "a", 3, "m", (1,)]:
    d[k] = 1
print(d, list(d), list(d.items()))
del d["a"]
d["a"] = 2
print(d, d.popitem(), d)
e = OrderedDict([("x", 1), ("y", 2)])
f = OrderedDict([("y", 2), ("x", 1)])
print(e == f, dict(e) == dict(f), e == {"x": 1, "y": 2})
print(OrderedDict.fromkeys("cab"), type(OrderedDict.fromkeys("ab")).__name__)
print(e.copy(), type(e.copy()).__name__)
print(OrderedDict(), repr(OrderedDict(a=1)))
g = OrderedDict(b=1, a=2)
g.update({"c": 3})
g.setdefault("0", 9)
print(g, g.pop("b"), g, len(g), "a" in g, [k for k in g])
print(e | {"z": 0})
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
});
