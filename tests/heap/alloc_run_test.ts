import assert from "node:assert/strict";
import { BlockKind, GcHeap } from "../../vm/heap.ts";

/** A heap of `blocks` pool blocks or a little more, with accounting on. */
function smallHeap(blocks: number): GcHeap {
  return new GcHeap({ accounting: true, heapBytes: blocks * 17 + 64 });
}

Deno.test("a collection an allocation starts keeps the eight newest allocations", () => {
  const h = smallHeap(256);
  const addrs: number[] = [];
  for (let i = 0; i < 20; i++) addrs.push(h.alloc(16, BlockKind.Float));
  addrs.push(h.alloc(40, BlockKind.Tuple));
  h.alloc(16, BlockKind.Float);
  // No roots: only the pinned allocations survive.
  h.collect(false);
  const live = addrs.filter((a) => h.isLive(a));
  assert.deepEqual(live, addrs.slice(14));
  assert.equal(h.memAlloc(), (6 + 3 + 1) * 16);
  assert.equal(h.info().used, h.memAlloc());
});

Deno.test("gc.collect() keeps nothing that is not reachable", () => {
  const h = smallHeap(256);
  for (let i = 0; i < 10; i++) h.alloc(16, BlockKind.Float);
  h.alloc(100, BlockKind.Tuple);
  assert.equal(h.memAlloc(), (10 + 7) * 16);
  h.collect(true);
  assert.equal(h.memAlloc(), 0);
  assert.equal(h.info().free, h.total);
});

Deno.test("allocation is first fit: a freed block is reused before fresh ones", () => {
  const h = smallHeap(256);
  const a = h.alloc(16, BlockKind.Float);
  const b = h.alloc(48, BlockKind.Tuple);
  const c = h.alloc(16, BlockKind.Float);
  h.free(b);
  assert.equal(h.memAlloc(), 32);
  // A one-block allocation takes the first free block: b's first.
  const d = h.alloc(16, BlockKind.Float);
  assert.equal(h.kindOf(d), BlockKind.Float);
  assert.equal(h.sizeOf(d), 16);
  // Three blocks do not fit in the two left of b's run: they go after c.
  const e = h.alloc(48, BlockKind.Tuple);
  h.free(a);
  h.free(c);
  h.free(d);
  assert.equal(h.memAlloc(), 48);
  const map = h.blockMap().split("\n")[1];
  // a, b (3 blocks), c: e starts at block 5.
  assert.equal(map.slice(10, 18), ".....T==");
  assert.equal(h.isLive(e), true);
});

Deno.test("a resize grows the newest allocation in place", () => {
  const h = smallHeap(256);
  h.alloc(16, BlockKind.Float);
  const list = h.alloc(32, BlockKind.Items);
  const grown = h.realloc(list, 80, true);
  assert.equal(grown, list);
  assert.equal(h.sizeOf(list), 80);
  const next = h.alloc(16, BlockKind.Float);
  assert.equal(h.memAlloc(), (1 + 5 + 1) * 16);
  // Shrinking gives blocks back; the next one-block allocation takes them.
  assert.equal(h.realloc(list, 16, true), list);
  assert.equal(h.memAlloc(), 3 * 16);
  const after = h.alloc(16, BlockKind.Float);
  assert.notEqual(after, next);
  assert.equal(h.blockMap().split("\n")[1].slice(10, 18), "FhF...F.");
});

Deno.test("figures read in the middle of a run of allocations are exact", () => {
  const h = smallHeap(512);
  for (let i = 0; i < 50; i++) {
    h.alloc(16, BlockKind.Float);
    if (i % 7 === 0) h.alloc(24 + i, BlockKind.Tuple);
    assert.equal(h.info().used, h.memAlloc());
  }
  assert.equal(h.memFree() + h.memAlloc(), h.total);
  assert.equal(h.peakUsedBytes, h.memAlloc());
});
