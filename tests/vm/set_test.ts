// Sets and frozensets: iteration order after random add/remove sequences and
// after every operator and method (results printed directly, in
// MicroPython's hash-table order), pop, hashing, errors — compared with the
// real MicroPython.
import assert from "node:assert/strict";
import { PRINT_OR_RAISE, Rng, runBoth } from "./containers_support.ts";

function element(rng: Rng, mixed: boolean): string {
  if (mixed && rng.next() < 0.35) {
    return rng.pick([
      "None",
      "True",
      "'s'",
      "'abc'",
      "(1, 2)",
      "2.5",
      "-1",
      "frozenset([1])",
      "b'x'",
    ]);
  }
  if (rng.next() < 0.3) {
    return `"${rng.pick([..."abcdefghij"])}${rng.int(0, 9)}"`;
  }
  return String(rng.int(-10, 60));
}

function setLiteral(rng: Rng, mixed: boolean, max: number): string {
  const n = rng.int(1, max);
  const items = [];
  for (let i = 0; i < n; i++) items.push(element(rng, mixed));
  return `{${items.join(", ")}}`;
}

export function setProgram(seed: number, mixed: boolean): string {
  const rng = new Rng(seed);
  const lines: string[] = [];
  lines.push(
    rng.next() < 0.5 ? "s = set()" : `s = ${setLiteral(rng, mixed, 8)}`,
  );
  lines.push(`f = frozenset(${setLiteral(rng, mixed, 6)})`);
  const ops = rng.int(10, 40);
  for (let i = 0; i < ops; i++) {
    const e = element(rng, mixed);
    const other = setLiteral(rng, mixed, 6);
    const r = rng.next();
    if (r < 0.35) lines.push(`s.add(${e})`);
    else if (r < 0.45) lines.push(`s.discard(${e})`);
    else if (r < 0.5) lines.push(`if ${e} in s: s.remove(${e})`);
    else if (r < 0.55) lines.push("if s: print(s.pop())");
    else if (r < 0.6) lines.push(`s.update(${other}, [${e}])`);
    else if (r < 0.63) lines.push(`s |= ${other}`);
    else if (r < 0.66) lines.push(`s &= s | ${other}`);
    else if (r < 0.69) lines.push(`s -= ${other}`);
    else if (r < 0.72) lines.push(`s ^= ${other}`);
    else if (r < 0.75) lines.push(`s.intersection_update(s | ${other})`);
    else if (r < 0.78) lines.push(`s.symmetric_difference_update(${other})`);
    else if (r < 0.8) lines.push(`s.difference_update(${other}, [${e}])`);
    else if (r < 0.82) lines.push("s = s.copy()");
    else if (r < 0.84) lines.push("s = set(s)");
    else {
      lines.push(
        `print(s | ${other}, ${other} | s, s & ${other}, ${other} & s, s - ${other}, s ^ ${other})`,
      );
      lines.push(
        `print(f | s, s | f, f & s, f - s, f ^ s, f.union(s), s.intersection(f))`,
      );
    }
    if (rng.next() < 0.2) lines.push("print(s, len(s))");
  }
  lines.push("print(s, list(s), f)");
  lines.push(
    "print(s <= s | f, s < s, f >= f & s, s.issubset(f), f.isdisjoint(s))",
  );
  return lines.join("\n") + "\n";
}

for (const mixed of [false, true]) {
  Deno.test(`set order after random ${mixed ? "mixed" : "int/str"} operations matches MicroPython`, async () => {
    const programs: string[] = [];
    for (let seed = 1; seed <= 25; seed++) {
      programs.push(
        `print('--- ${seed}')\n` +
          setProgram(seed * 104729 + (mixed ? 1 : 0), mixed),
      );
    }
    const { upy, mp } = await runBoth(programs.join(""));
    assert.equal(mp.exitCode, 0, mp.stderr);
    assert.equal(upy.stderr, "");
    assert.equal(upy.stdout, mp.stdout);
  });
}

Deno.test("set literals, constructors and pop order match MicroPython", async () => {
  const code = `
print({5, 4, 3, 2, 1}, {10, 20, 30, 40}, {-1, -2, 1, 2}, {"q", "w", "e", "r", "t", "y"})
s = set()
for i in range(30):
    s.add(i * 7 % 31)
    if i % 5 == 0:
        print(s)
out = []
while s:
    out.append(s.pop())
print(out)
print(set(range(20)), frozenset(range(20, 0, -3)), set("mississippi"))
g = {x * x % 17 for x in range(40)}
print(g, frozenset(g))
h = set()
for w in "the cat sat on the mat".split():
    h.add(w)
print(h)
h.remove("the")
h.add("dog")
print(h, h.pop(), h)
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
});

Deno.test("set methods, operators and errors match MicroPython", async () => {
  const code = PRINT_OR_RAISE + `
a = {1, 2, 3, 4}
f = frozenset([3, 4, 5])
t(lambda: a.intersection([2, 3], [3]))
t(lambda: a.union([7], [8]))
t(lambda: a.difference([1], [2]))
t(lambda: a.symmetric_difference([1]))
t(lambda: a.intersection(5))
t(lambda: a & [1])
t(lambda: a == [1])
t(lambda: a < [1, 2])
t(lambda: a.issubset(range(10)))
t(lambda: a.issuperset([1, 2]))
t(lambda: a.isdisjoint(5))
t(lambda: set.add(f, 1))
t(lambda: set.add([], 1))
t(lambda: f.add(1))
t(lambda: a | f)
t(lambda: f | a)
t(lambda: f & a)
t(lambda: f - a)
t(lambda: f ^ a)
t(lambda: type(f.copy()).__name__)
t(lambda: f.copy() is f)
t(lambda: frozenset(f) is f)
t(lambda: set(1))
t(lambda: set([1], [2]))
t(lambda: frozenset(x=1))
t(lambda: set().pop())
t(lambda: {1}.remove([]))
t(lambda: {1}.discard([]))
t(lambda: set().remove([]))
t(lambda: [] in set())
t(lambda: [] in {1})
t(lambda: hash(set()))
t(lambda: hash(frozenset()))
t(lambda: hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
t(lambda: {frozenset([1]): 1, frozenset(): 2})
t(lambda: set([frozenset()]))
t(lambda: {1} == {1.0}, )
t(lambda: {1, 2} == frozenset([1, 2]))
t(lambda: frozenset() == set())
t(lambda: {1} != {2})
t(lambda: {1, 2} > {1})
t(lambda: {1} >= {1})
s = {1, 2}
g = s
s |= {3}
t(lambda: (s, g, s is g))
s &= {2, 3}
t(lambda: (s, g, s is g))
s -= {2}
t(lambda: (s, g, s is g))
s ^= {5}
t(lambda: (s, g, s is g))
fz = frozenset([1])
gz = fz
fz |= {2}
t(lambda: (fz, gz, fz is gz))
s = {3, 1}
s.update([5], [7])
t(lambda: s)
t(lambda: s.__contains__(5))
t(lambda: repr(set()))
t(lambda: repr(frozenset()))
`;
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
});
