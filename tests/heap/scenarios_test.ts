/**
 * The reference heap scenarios: each script of `scenarios/` runs on the
 * simulated board as the reference figures were taken (fed as `<stdin>`,
 * `sys.path` = `['', '.frozen', '/lib']`, the reference's heap size), and
 * every figure it prints must match the measured one: costs within ±10 %
 * (±32 bytes under 320), counts until MemoryError within ±5 %,
 * fragmentation figures within ±10 %.
 *
 * A few figures depend on exactly where the board's allocator put earlier
 * objects (whether a qstr text chunk can grow in place, whether the last
 * 1 KiB object still fits); they are checked against a wider bound and
 * listed in {@link LAYOUT_SENSITIVE} with the reason.
 */

import assert from "node:assert/strict";
import {
  compareFigures,
  loadReference,
  parseFigures,
  runScenario,
} from "./scenario_runner.ts";

/**
 * Figures that step by a whole object or a whole 128-byte qstr chunk with
 * the heap layout left by compiling the script; upy's compiler model does
 * not reproduce the board's layout block for block. Each is allowed the
 * size of that step on top of the usual tolerance.
 */
const LAYOUT_SENSITIVE: Record<string, number> = {
  // A qstr text chunk grows in place only while the blocks after it are free.
  "cost_qstr_interning.py:intern_8_30": 144,
  "cost_qstr_interning.py:intern_8_32": 144,
  "cost_qstr_interning.py:intern_8_40": 144,
  "cost_qstr_interning.py:intern_8_41": 144,
  // One more (or one fewer) object fits in the last hole of a full heap.
  "fragmentation_holes_32k.py:free_when_full": 1024,
  "fragmentation_bytearrays_64k.py:free_when_full": 224,
};

const reference = loadReference();

for (const [file, ref] of Object.entries(reference)) {
  Deno.test(`heap scenario ${file} matches the reference figures`, () => {
    const run = runScenario(file, ref.heapsize);
    assert.equal(run.stderr, "", `${file} raised:\n${run.stderr}`);
    assert.equal(run.status, 0);
    const actual = parseFigures(run.stdout);
    const bad: string[] = [];
    for (const c of compareFigures(file, ref.figures, actual)) {
      if (c.ok) continue;
      const step = LAYOUT_SENSITIVE[`${file}:${c.name}`];
      if (
        step !== undefined && c.actual !== undefined &&
        Math.abs(c.actual - c.expected) <= step + 0.1 * c.expected
      ) {
        continue;
      }
      bad.push(`${c.name}: reference ${c.expected}, upy ${c.actual}`);
    }
    assert.deepEqual(bad, [], `${file}: figures out of tolerance`);
  });
}

Deno.test("the scenario runner reports a figure out of tolerance", () => {
  const checks = compareFigures(
    "cost_list.py",
    { list_empty: 32, list_range_1000: 4112 },
    { list_empty: 80, list_range_1000: 4112 },
  );
  assert.deepEqual(checks.map((c) => c.ok), [false, true]);
});
