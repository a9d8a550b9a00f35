/**
 * `upy mem FILE.py`: the script runs on the board, then the report shows the
 * peak heap, what is live at the end, the lines that allocated the most, and
 * MicroPython's RAM-saving advice where it applies.
 */

import assert from "node:assert/strict";
import { runUpy, tempFolder } from "../upy_process.ts";
import {
  constAdvice,
  enclosingLoops,
  longNameAdvice,
} from "../../board/mem_report.ts";

const APP = `from micropython import const
WIDTH = 320
HEIGHT = const(240)
_DEPTH = const(16)
counter = 0
a_very_long_configuration_name = [1, 2, 3]

def render(n):
    out = []
    for i in range(n):
        row = [i] * 8
        out.append(len(row))
    return out

lines = render(100)
counter = counter + 1
print(len(lines), WIDTH * HEIGHT, _DEPTH)
`;

Deno.test("upy mem runs the script and reports heap use by kind and line", async () => {
  const dir = await tempFolder({ "app.py": APP });
  const r = await runUpy(["mem", "--board", "rp2040", "app.py"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  // The program's own output comes first.
  assert.ok(out.startsWith("100 76800 16\n"), out);
  assert.match(out, /upy mem: app\.py on rp2040 \(heap 218560 bytes\)/);
  assert.match(
    out,
    /peak heap: \d+ bytes \(\d+\.\d%\), live at the end: \d+ bytes/,
  );
  assert.match(out, /live at the end, by kind:\n( {2}.+\n)+/);
  assert.match(out, /\n {2}list items +\d+ bytes/);
  // The line making 8-item lists on every pass is the top allocator.
  assert.match(
    out,
    /lines that allocated the most[^\n]*\n {2}app\.py:11 +\d+ bytes +400 allocations/,
  );
  // Advice: the plain global and the public const, not the private const
  // or the reassigned counter; the long name; the allocating loop.
  assert.match(out, /app\.py:2: WIDTH = 320 is a module global/);
  assert.match(out, /app\.py:3: HEIGHT = const\(240\) is a module global/);
  assert.doesNotMatch(out, /_DEPTH = const\(16\) is/);
  assert.doesNotMatch(out, /counter = 0 is/);
  assert.match(
    out,
    /the name a_very_long_configuration_name is interned in RAM/,
  );
  assert.match(
    out,
    /app\.py:11: `row = \[i\] \* 8` \(in the loop at line 10\) allocates on every pass/,
  );
});

Deno.test("mem report helpers find loops, constants and long names", () => {
  const loops = enclosingLoops(
    "x = 1\nfor i in r:\n    a = 1\n    while t:\n        b = 2\nc = 3\n",
  );
  assert.deepEqual(loops.slice(1), [0, 0, 2, 2, 4, 0, 0]);
  assert.deepEqual(
    constAdvice("A = 1\nB = 2\nB = 3\n_C = const(4)\nD = 0x10\n").map((a) =>
      a.line
    ),
    [1, 5],
  );
  assert.deepEqual(
    longNameAdvice("some_quite_long_name = 1\nshort = 2\n", [
      "some_quite_long_name",
      "short",
    ]).map((a) => a.line),
    [1],
  );
});
