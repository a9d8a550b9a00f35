// Iterators and the built-ins around them (iter, next, enumerate, zip, map,
// filter, reversed, len, min, max, sum, any, all): results, laziness and
// MicroPython's error messages, compared with the real MicroPython.
import assert from "node:assert/strict";
import { PRINT_OR_RAISE, runBoth } from "./containers_support.ts";

async function sameAsMicroPython(code: string): Promise<void> {
  const { upy, mp } = await runBoth(code);
  assert.equal(upy.stdout, mp.stdout);
  assert.equal(upy.exitCode, mp.exitCode);
}

Deno.test("iter, next and the iterator types", async () => {
  await sameAsMicroPython(
    PRINT_OR_RAISE + `
it = iter([1, 2])
t(lambda: (next(it), next(it), next(it, "end")))
t(lambda: next(it))
L = [1]
it = iter(L)
t(lambda: next(it))
t(lambda: next(it, "x"))
L.append(5)
t(lambda: next(it, "x"))
t(lambda: iter([]))
t(lambda: type(iter(())).__name__)
t(lambda: type(iter(range(3))).__name__)
t(lambda: type(iter({})).__name__)
t(lambda: type(iter({1}.copy())).__name__)
t(lambda: iter(5))
t(lambda: iter())
t(lambda: iter(int, 1))
t(lambda: next([1]))
t(lambda: next(iter([]), 1, 2))
e = enumerate([1])
t(lambda: iter(e) is e)
t(lambda: (e, zip(), map(abs, []), filter(None, []), reversed([])))
class G:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError
        return i * i
class S:
    def __getitem__(self, i):
        if i > 2:
            raise StopIteration
        return i
class K:
    def __getitem__(self, i):
        raise KeyError(i)
class E(IndexError):
    pass
class F:
    def __getitem__(self, i):
        if i > 1:
            raise E
        return i
t(lambda: list(G()))
t(lambda: list(S()))
t(lambda: 9 in G())
t(lambda: list(K()))
t(lambda: list(F()))
t(lambda: type(iter(G())).__name__)
total = 0
for x in G():
    total += x
t(lambda: total)
`,
  );
});

Deno.test("enumerate, zip, map, filter, reversed", async () => {
  await sameAsMicroPython(
    PRINT_OR_RAISE + `
t(lambda: list(enumerate("abc", 5)))
t(lambda: list(enumerate([1, 2], start=3)))
t(lambda: list(enumerate(iterable=[1, 2])))
t(lambda: list(enumerate([1, 2], 2 ** 30 - 1)))
t(lambda: list(enumerate([1], 2 ** 40)))
t(lambda: list(enumerate([1], 1.5)))
t(lambda: list(enumerate()))
t(lambda: list(enumerate([1], 2, 3)))
t(lambda: list(zip([1, 2, 3], "ab", range(10))))
t(lambda: list(zip()))
t(lambda: list(zip([1], x=2)))
t(lambda: list(zip([1, 2], 5)))
it = iter(range(7))
t(lambda: list(zip(it, it)))
t(lambda: list(map(lambda *a: a, [1, 2], [3], [4, 5, 6])))
t(lambda: list(map(abs)))
t(lambda: list(map()))
t(lambda: list(map(None, [1])))
calls = []
def tr(x):
    calls.append(x)
    return x * 2
m = map(tr, [1, 2, 3])
t(lambda: calls)
t(lambda: next(m))
t(lambda: list(m))
t(lambda: calls)
t(lambda: list(filter(None, [0, 1, "", "a", None, [], [2]])))
t(lambda: list(filter(lambda x: x % 3, range(10))))
t(lambda: list(filter(None)))
t(lambda: list(reversed([1, 2, 3])))
t(lambda: list(reversed((1, 2))))
t(lambda: list(reversed(range(2, 12, 3))))
t(lambda: list(reversed({1: 2})))
t(lambda: reversed({1}))
t(lambda: reversed(5))
t(lambda: reversed())
t(lambda: reversed([1], 2))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10
class Rev:
    def __reversed__(self):
        return iter("xy")
t(lambda: list(reversed(Seq())))
t(lambda: list(reversed(Rev())))
r = reversed([1, 2, 3])
t(lambda: (next(r), list(r), list(r)))
`,
  );
});

Deno.test("len, min, max, sum, any, all", async () => {
  await sameAsMicroPython(
    PRINT_OR_RAISE + `
t(lambda: (len([]), len((1,)), len({1: 2}), len({1, 2}), len(range(0, 10, 3)), len(range(10, 0))))
t(lambda: len(range(-2 ** 30, 2 ** 30 - 1)))
t(lambda: len(range(-2 ** 31 + 1, 2 ** 31 - 1)))
t(lambda: len(5))
t(lambda: len(iter([])))
t(lambda: len())
t(lambda: len(1, 2))
t(lambda: (min(3, 1, 2), max([4, -1, 9]), min("hello"), max((2, "a"), (1, "z"))))
t(lambda: (max([1, 2], key=lambda x: -x), min([], default=0), max((), default=None)))
t(lambda: max([[1], [1]]))
t(lambda: min(1))
t(lambda: min([]))
t(lambda: min())
t(lambda: max(1, "a"))
t(lambda: max([True, 1, 1]))
t(lambda: (sum([]), sum(range(101)), sum([1, 2], 10), sum([[1], [2]], []), sum([(1,), (2,)], ())))
t(lambda: sum([2 ** 29, 2 ** 29, 2 ** 29]))
t(lambda: sum([1], start=3))
t(lambda: sum())
t(lambda: sum([1], 2, 3))
t(lambda: sum(1))
t(lambda: sum([1, "a"]))
t(lambda: (any([]), all([]), any([0, "", None]), all([1, "x", [0]]), any("a"), all("")))
t(lambda: any(1))
seen = []
def chk(x):
    seen.append(x)
    return x > 2
t(lambda: (any(chk(x) for x in [1, 3, 5]), seen))
t(lambda: (all(chk(x) for x in [3, 1, 9]), seen))
`,
  );
});

Deno.test("tuples, ranges and slice objects", async () => {
  await sameAsMicroPython(
    PRINT_OR_RAISE + `
tup = (1, "two", 3.5, None)
t(lambda: (tup, tup[1], tup[-1], tup[1:3], tup[5:], tup[:0]))
t(lambda: tup[::2])
t(lambda: tup[10])
t(lambda: tup["x"])
t(lambda: ((1, 2) + (3,), (0,) * 3, 2 * ("a",), (1,) * 0, (1,) * -2))
t(lambda: (1,) + [2])
t(lambda: (1,) * 2 ** 40)
t(lambda: ((1, 2) < (1, 3), (1, 2) < (1, 2, 0), () < (1,), (2,) > (1, 5), (1,) == [1]))
t(lambda: (1,) < [1])
t(lambda: (1, 2) < (1, "a"))
t(lambda: ((1, 2, 1).count(1), (5, 6, 7).index(7), (1, 2, 3).index(2, 1), (1, 2, 3).index(3, -1)))
t(lambda: (1, 2).index(9))
t(lambda: (1, 2).index(2, 0, 1))
t(lambda: (1,).count())
t(lambda: (tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple(x for x in "xy")))
t(lambda: tuple(1))
t(lambda: tuple(()) is ())
a = (1, 2)
t(lambda: (tuple(a) is a, a[:] is a))
t(lambda: (hash(()), hash((1,)), hash((1, 2)), hash(((1,), "a")) == hash(((1,), "a"))))
t(lambda: hash(([],)))
t(lambda: {(1, 2): "a", (2, 1): "b", (): "c"})
r = range(2, 20, 3)
t(lambda: (r, list(r), len(r), r[0], r[-1], r.start, r.stop, r.step))
t(lambda: (r[1:3], r[::2], r[::-1], range(10)[::-1], range(5)[10:], range(0, 10, 3)[::-2]))
t(lambda: (5 in r, 6 in r, 20 in r, 2.0 in r, 2.5 in r, "a" in r, True in range(2)))
t(lambda: (range(5), range(1, 5), range(0, -5, -1), bool(range(0)), bool(range(1))))
t(lambda: range(1, 5, 0))
t(lambda: range(3)[3])
t(lambda: range(2 ** 40))
t(lambda: range(1.5))
t(lambda: range())
t(lambda: range(1, 2, 3, 4))
t(lambda: range(3) == range(3))
t(lambda: hash(range(3)))
t(lambda: list(range(2 ** 30 - 2, 2 ** 30 + 2)))
t(lambda: range(2 ** 30 - 1, 2 ** 30 + 2)[2])
class Grab:
    def __getitem__(self, k):
        return k
g = Grab()
t(lambda: (g[1:10:2], g[:], g[::-1], g[1:2, 3], g[1.5:"x"]))
s = g[1:10:2]
t(lambda: (s.start, s.stop, s.step, type(s).__name__))
t(lambda: (g[1:10:3].indices(5), g[::-1].indices(4), g[-3:].indices(10), g[:100].indices(3)))
t(lambda: g[::0].indices(3))
t(lambda: g["a":].indices(3))
t(lambda: slice(1, 2))
t(lambda: g[1:2] == g[1:2])
t(lambda: hash(g[1:2]))
def st():
    s.start = 3
t(st)
`,
  );
});
