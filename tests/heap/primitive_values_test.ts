/**
 * str and big-int values are JavaScript primitives: equal values are one
 * value there but separate objects on the board. A collection keeps as many
 * of a value's objects as reachable slots hold it, whether few values are
 * reached or many.
 */

import assert from "node:assert/strict";
import { runOnBoard } from "./scenario_runner.ts";
import { mpzDigits } from "../../vm/alloc.ts";

/**
 * Heap in use after a collection, with `kept` strs (or big ints) of
 * `distinct` different values held in a list.
 */
function heldBytes(
  kind: "str" | "int" | "word",
  kept: number,
  distinct: number,
): number {
  // A str, a big int, or an int that fits a double but not a small int.
  const make = kind === "str"
    ? `("%05d" % (i % ${distinct})) * 8`
    : kind === "int"
    ? `(10 ** 30 + i % ${distinct}) * 3`
    : `(0x40000000 + i % ${distinct} * 1000003) * 3`;
  const source = `import gc
held = []
for i in range(${kept}):
    held.append(${make})
    junk = ${make}
junk = None
i = 0
gc.collect()
print(gc.mem_alloc())
`;
  const r = runOnBoard(source, { heapBytes: 256 * 1024 });
  assert.equal(r.stderr, "");
  return Number(r.stdout.trim());
}

for (const kind of ["str", "int", "word"] as const) {
  Deno.test(`every reachable ${kind} object survives a collection, however many share its value`, () => {
    // The same number of objects of the same size: only how many different
    // values they hold differs.
    const one = heldBytes(kind, 120, 1);
    const few = heldBytes(kind, 120, 7);
    const many = heldBytes(kind, 120, 120);
    assert.equal(few, many);
    assert.equal(one, many);
    // And the garbage made beside them is gone.
    const none = heldBytes(kind, 0, 1);
    assert.ok(many - none >= 120 * 32, `${many - none}`);
  });
}

Deno.test("a big int's digit count is exact, whatever count the search starts near", () => {
  // 16-bit digits: one per 4 hex digits of the magnitude.
  const expected = (v: bigint): number =>
    Math.ceil((v < 0n ? -v : v).toString(16).length / 4);
  const values: bigint[] = [];
  for (const bits of [64, 65, 1023, 1024, 1025, 4096, 20000]) {
    const p = 1n << BigInt(bits);
    values.push(p - 1n, p, p + 1n, -(p - 1n), -p, -(p + 1n), p * 3n + 7n);
  }
  for (const v of values) {
    const want = expected(v);
    assert.equal(mpzDigits(v), want, `${v}`);
    for (
      const near of [5, want - 3, want - 1, want, want + 1, want + 4, 5000]
    ) {
      assert.equal(mpzDigits(v, near), want, `${v} near ${near}`);
    }
  }
});
