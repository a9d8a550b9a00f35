/**
 * Heap costs of everyday operations, compared with the real MicroPython
 * (the webassembly oracle). The oracle defers `gc.collect()` to the end of
 * a run, so each figure here is everything an operation allocates, garbage
 * included, read without a collection on both sides; each is taken twice
 * and the second kept (the first pays for interning new names). The oracle
 * grows its heap on demand and scans conservatively, so a figure passes
 * within ±25 % or ±64 bytes.
 */

import assert from "node:assert/strict";
import { runOracle } from "../oracle.ts";
import { parseFigures, runOnBoard } from "./scenario_runner.ts";

/** One probe: a figure name and the expression whose allocations it measures. */
interface Probe {
  name: string;
  make: string;
}

/** Python set up once for a group of probes. */
interface Group {
  setup: string;
  probes: Probe[];
}

const PRELUDE = `import gc
def cost(make):
    a = gc.mem_alloc()
    x = make()
    b = gc.mem_alloc()
    return b - a
`;

const GROUPS: Record<string, Group> = {
  objects: {
    setup: `V = 7
W = 3
L20 = list(range(20))
class A:
    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c
def mkclass():
    class B:
        X = 1
        def f(self):
            return 1
    return B
def mkclosure(p, q):
    def inner():
        return p + q
    return inner
def gen(n):
    i = 0
    while i < n:
        yield i
        i += 1
class P:
    pass
def setattrs():
    p = P()
    p.x1 = 1
    p.x2 = 2
    p.x3 = 3
    p.x4 = 4
    p.x5 = 5
    return p
def raiser(v):
    raise ValueError(v)
def catch():
    try:
        raiser(V)
    except ValueError as e:
        return e
`,
    probes: [
      { name: "list_literal_6", make: "[V, V, V, V, V, V]" },
      { name: "list_range_10", make: "list(range(10))" },
      { name: "list_slice_6", make: "L20[2:8]" },
      { name: "list_concat_20_20", make: "L20 + L20" },
      { name: "listcomp_20", make: "[i * i for i in L20]" },
      { name: "sorted_copy_20", make: "sorted(L20)" },
      { name: "tuple_5", make: "(V, W, V, W, V)" },
      { name: "tuple_from_list_20", make: "tuple(L20)" },
      {
        name: "dict_literal_5",
        make: '{"a": V, "b": V, "c": V, "d": V, "e": V}',
      },
      { name: "dict_comp_8", make: "{i: i for i in range(8)}" },
      { name: "dict_copy_2", make: '{"a": V, "b": V}.copy()' },
      { name: "set_literal_4", make: "{V, W, V + 1, W + 1}" },
      { name: "set_comp_8", make: "{i & 7 for i in L20}" },
      { name: "instance_3_attrs", make: "A(V, W, V)" },
      { name: "instance_5_attrs_added", make: "setattrs()" },
      { name: "class_object", make: "mkclass()" },
      { name: "closure_2_cells", make: "mkclosure(V, W)" },
      { name: "generator_object", make: "gen(V)" },
      { name: "bound_method", make: "L20.append" },
      { name: "enumerate_list", make: "enumerate(L20)" },
      { name: "zip_2_lists", make: "zip(L20, L20)" },
      { name: "range_object", make: "range(V)" },
      { name: "exception_1_arg", make: "ValueError(V)" },
      { name: "exception_caught", make: "catch()" },
    ],
  },
  numbers_and_bytes: {
    setup: `V = 7
W = 3
`,
    probes: [
      { name: "float_mul", make: "1.5 * V" },
      { name: "float_from_str", make: 'float("2.5")' },
      { name: "complex_ctor", make: "complex(V, W)" },
      { name: "bigint_shift_mul", make: "(V << 40) * (W << 40)" },
      { name: "bigint_shift_add", make: "(V << 70) + W" },
      {
        name: "bigint_parse_30",
        make: 'int("123456789012345678901234567890")',
      },
      { name: "bytearray_100", make: "bytearray(100)" },
      { name: "bytes_50", make: "bytes(50)" },
      { name: "bytes_repeat_concat", make: 'b"abcd" * 5 + b"xyz"' },
      { name: "bytearray_concat", make: 'bytearray(b"abc") + bytearray(20)' },
      { name: "memoryview_of_bytes", make: 'memoryview(b"abcdef")' },
    ],
  },
  text: {
    setup: `V = 7
W = 3
S = "hello"
L4 = [S, S, S, S]
D = {"a": 1, "b": 2, "c": 3}
`,
    probes: [
      { name: "str_repeat_60", make: '"ab" * 30' },
      { name: "str_upper_17", make: '"abcdefghijklmnopq".upper()' },
      { name: "str_of_int", make: "str(V * 123457)" },
      { name: "join_list_4", make: '",".join(L4)' },
      { name: "split_4_words", make: '"aa bb cc dd".split()' },
      { name: "format_str_field", make: '"<{}>".format(S)' },
      { name: "format_int_field", make: '"{}".format(V)' },
      { name: "format_with_spec", make: '"{:5}".format(V)' },
      { name: "fstring_4_fields", make: 'f"{S}-{V}-{W}-{S}"' },
      { name: "percent_format", make: '"%s:%d:%d" % (S, V, W)' },
      { name: "repr_of_list", make: "repr([V, W, V])" },
      { name: "dict_items_list", make: "list(D.items())" },
      { name: "dict_keys_list", make: "list(D)" },
    ],
  },
};

/** The script of a group: set-up, then each probe measured twice. */
function groupScript(g: Group): string {
  const lines = [PRELUDE, g.setup, "for rnd in range(2):", "    out = []"];
  for (const p of g.probes) {
    lines.push(`    out.append(("${p.name}", cost(lambda: ${p.make})))`);
  }
  lines.push("for name, v in out:", "    print(name, v)");
  return lines.join("\n") + "\n";
}

const oracleRuns = new Map<string, Promise<Record<string, number>>>();

function oracleFigures(group: string): Promise<Record<string, number>> {
  let p = oracleRuns.get(group);
  if (p === undefined) {
    p = runOracle({ code: groupScript(GROUPS[group]) }).then((r) => {
      if (r.exitCode !== 0) throw new Error(`oracle failed: ${r.stderr}`);
      return parseFigures(r.stdout);
    });
    oracleRuns.set(group, p);
  }
  return p;
}

const upyRuns = new Map<string, Record<string, number>>();

function upyFigures(group: string): Record<string, number> {
  let f = upyRuns.get(group);
  if (f === undefined) {
    const r = runOnBoard(groupScript(GROUPS[group]), { heapBytes: 262144 });
    if (r.status !== 0) throw new Error(`upy failed: ${r.stderr}`);
    f = parseFigures(r.stdout);
    upyRuns.set(group, f);
  }
  return f;
}

/** ±25 % or ±64 bytes. */
function close(expected: number, actual: number): boolean {
  return Math.abs(actual - expected) <= Math.max(64, 0.25 * expected);
}

for (const [group, g] of Object.entries(GROUPS)) {
  for (const p of g.probes) {
    Deno.test(`heap cost of ${p.name} (${p.make}) is MicroPython's`, async () => {
      const expected = (await oracleFigures(group))[p.name];
      const actual = upyFigures(group)[p.name];
      assert.ok(expected !== undefined, `the oracle printed no ${p.name}`);
      assert.ok(actual !== undefined, `upy printed no ${p.name}`);
      assert.ok(
        close(expected, actual),
        `${p.name}: MicroPython ${expected} bytes, upy ${actual} bytes`,
      );
    });
  }
}

Deno.test("a probe notices a cost out of tolerance", () => {
  assert.equal(close(100, 250), false);
  assert.equal(close(1000, 1200), true);
});
