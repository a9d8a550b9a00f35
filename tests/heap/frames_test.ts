/**
 * Call frames on the heap (HEAP_MODEL §1.11). A frame is placed only when
 * the heap changes while its call runs; these programs are run twice, once
 * with the `mem:` statistics on (which place every frame when it is
 * entered) and once without, and must print the same figures and maps.
 */

import assert from "node:assert/strict";
import { runOnBoard } from "./scenario_runner.ts";

/** What `source` prints, with and without statistics (`mem:` lines dropped). */
function bothWays(source: string, heapBytes: number): [string, string] {
  const strip = (out: string): string =>
    out.split("\n").filter((l) => !l.startsWith("mem:")).join("\n");
  const eager = runOnBoard(source, { heapBytes, memStats: true });
  const lazy = runOnBoard(source, { heapBytes, memStats: false });
  assert.equal(eager.stderr, "");
  assert.equal(lazy.stderr, "");
  return [strip(eager.stdout), strip(lazy.stdout)];
}

// A function whose state is larger than 11 words gets a heap frame.
const BIG_FRAME = `
import gc, micropython
def deep(n, keep, a=0, b=0, c=0, d=0, e=0, f=0, g=0, h=0, i=0):
    if n == 0:
        return 0
    if n % 3 == 0:
        keep.append([n] * n)
    if n % 4 == 0:
        print('in', n, gc.mem_free())
    if n % 5 == 0:
        try:
            deep(n - 1, keep)
            raise ValueError(n)
        except ValueError:
            pass
    return deep(n - 1, keep) + 1
`;

Deno.test("frames placed when the heap changes give the figures of frames placed at once", () => {
  const source = BIG_FRAME + `
keep = []
for k in range(6):
    deep(12 + k, keep)
    print(gc.mem_alloc(), gc.mem_free())
micropython.mem_info(1)
`;
  const [eager, lazy] = bothWays(source, 16384);
  assert.match(eager, /in 12 \d+/);
  assert.equal(lazy, eager);
});

Deno.test("a full heap with frames running fails at the same point either way", () => {
  const source = BIG_FRAME + `
keep = []
try:
    for k in range(100):
        deep(20, keep)
except MemoryError:
    print('full', len(keep))
print(gc.mem_alloc(), gc.mem_free())
`;
  const [eager, lazy] = bothWays(source, 8192);
  assert.match(eager, /full \d+/);
  assert.equal(lazy, eager);
});

Deno.test("calls that allocate nothing leave the heap's figures as they were", () => {
  const source = BIG_FRAME + `
x = []
before = gc.mem_alloc()
for k in range(50):
    deep(2, x)
print(gc.mem_alloc() - before)
`;
  const [eager, lazy] = bothWays(source, 65536);
  assert.equal(lazy, eager);
});
