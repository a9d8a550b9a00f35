import assert from "node:assert/strict";
import { BlockKind, GcHeap } from "../../vm/heap.ts";
import { MulberryRng } from "../seeded_random.ts";

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

Deno.test("a collection of a fragmented heap keeps exactly the reachable allocations and leaves every free block usable", () => {
  // Long garbage spans are swept in bulk, short ones block by block: a
  // random mix of sizes, owners and roots exercises both, and the heap's
  // own counts must then agree with its block map.
  const rng = new MulberryRng(20261124);
  const h = smallHeap(65536);
  type Held = {
    addr: number;
    blocks: number;
    rooted: boolean;
    owner: { h: number } | null;
  };
  let held: Held[] = [];
  h.addRootTracer((visit) => {
    for (const x of held) if (x.rooted) visit(x.owner ?? { h: x.addr });
  });
  for (let round = 0; round < 30; round++) {
    // Bursts of garbage with a few survivors, sometimes big ones.
    const burst = 400 + rng.int(0, 3999);
    for (let i = 0; i < burst; i++) {
      const bytes = rng.int(0, 9) < 7
        ? 16
        : 16 * rng.int(1, rng.int(0, 3) === 0 ? 120 : 6);
      const rooted = rng.int(0, 11) === 0;
      let owner: { h: number } | null = null;
      let addr: number;
      try {
        if (rng.int(0, 5) === 0) {
          // An item array owned by its (rooted) header.
          owner = { h: h.alloc(16, BlockKind.List) };
          addr = h.alloc(bytes, BlockKind.Items, owner);
        } else {
          addr = h.alloc(bytes, BlockKind.Float);
        }
      } catch {
        break;
      }
      held.push({ addr, blocks: (bytes + 15) >> 4, rooted, owner });
    }
    h.collect(round % 3 === 0 ? false : true);
    if (round % 3 !== 0) {
      // An explicit collection keeps nothing unreachable.
      const live = held.filter((x) => x.rooted);
      for (const x of held) assert.equal(h.isLive(x.addr), x.rooted);
      const bytes = live.reduce(
        (n, x) => n + 16 * x.blocks + (x.owner ? 16 : 0),
        0,
      );
      assert.equal(h.memAlloc(), bytes);
    }
    held = held.filter((x) => h.isLive(x.addr));
    // Unroot some survivors for the next round.
    for (const x of held) if (rng.int(0, 3) === 0) x.rooted = false;
  }
  // Every free block is found: the largest run in one piece, then the rest
  // one block at a time, with collections off.
  const info = h.info();
  held = held.filter((x) => x.rooted);
  h.enabled = false;
  h.alloc(16 * info.maxFree, BlockKind.Other);
  let ones = 0;
  for (;;) {
    try {
      h.alloc(16, BlockKind.Float);
    } catch {
      break;
    }
    ones++;
  }
  assert.equal(ones, info.free / 16 - info.maxFree);
});
