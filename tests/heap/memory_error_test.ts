/**
 * What a `MemoryError` costs on the board and how long it stays: the
 * firmware formats its message into a heap buffer (the size of the format
 * string, grown as the size is printed into it), makes the exception and its
 * argument tuple, and adds a traceback entry per frame; the function that
 * catches it keeps it reachable until it returns or catches another.
 */

import assert from "node:assert/strict";
import { runOnBoard } from "./scenario_runner.ts";

/** Runs `source` on a 64 KiB heap and returns its output lines. */
function run(source: string): string[] {
  const r = runOnBoard(source, { heapBytes: 65536 });
  assert.equal(r.stderr, "");
  return r.stdout.trim().split("\n");
}

const HELD = `import gc
keep = bytearray(40000)
a = 0
b = 0
c = 0


def f():
    try:
        x = bytearray(40000)
    except MemoryError:
        pass
    gc.collect()
    a = gc.mem_alloc()
    try:
        x = bytearray(30000)
    except MemoryError:
        pass
    gc.collect()
    return a, gc.mem_alloc()


gc.collect()
a, b = f()
gc.collect()
c = gc.mem_alloc()
print(a - c, b - c)
`;

Deno.test("the function that caught a MemoryError keeps it until it returns", () => {
  const [held] = run(HELD);
  // Exception, argument tuple, message str header: 16 bytes each; the
  // message buffer grew from 46 to 68 bytes (5 blocks); one traceback entry.
  // The second exception replaces the first ("30000" prints as long).
  assert.equal(held, "144 144");
});

Deno.test("a MemoryError names the size that could not be allocated", () => {
  const source = `keep = bytearray(40000)
try:
    x = bytearray(40000)
except MemoryError as e:
    print(e)
`;
  assert.deepEqual(run(source), [
    "memory allocation failed, allocating 40000 bytes",
  ]);
});
