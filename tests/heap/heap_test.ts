/**
 * The block model of the GC heap on its own: how a region is split, the
 * allocator's first-fit and hint rules, in-place resizing, the threshold,
 * collection from roots, the lock, and the exact text of `mem_info`
 * (HEAP_MODEL §1's worked numbers).
 */

import assert from "node:assert/strict";
import {
  BlockKind,
  GcHeap,
  HeapExhausted,
  poolBlocksFor,
  type Visit,
} from "../../vm/heap.ts";

function heapOf(bytes: number, options: { memStats?: boolean } = {}): GcHeap {
  return new GcHeap({ accounting: true, heapBytes: bytes, ...options });
}

Deno.test("a heap region is split into tables and a pool as §1.1", () => {
  const table: [number, number][] = [
    [8192, 8000],
    [16384, 16000],
    [32768, 32000],
    [65536, 64000],
    [100000, 97664],
    [196608, 192064],
    [262144, 256128],
    [1048576, 1024512],
    [67108864, 65571968],
  ];
  for (const [region, total] of table) {
    assert.equal(poolBlocksFor(region) * 16, total, `region ${region}`);
    const h = heapOf(region);
    assert.equal(h.total, total);
    assert.equal(h.memAlloc() + h.memFree(), total);
  }
});

Deno.test("every allocation costs whole 16-byte blocks", () => {
  const h = heapOf(16384);
  assert.equal(h.alloc(0, BlockKind.Other), 0);
  assert.equal(h.memAlloc(), 0);
  h.alloc(1, BlockKind.Other);
  assert.equal(h.memAlloc(), 16);
  h.alloc(16, BlockKind.Other);
  assert.equal(h.memAlloc(), 32);
  h.alloc(17, BlockKind.Other);
  assert.equal(h.memAlloc(), 64);
  assert.equal(h.memAlloc() + h.memFree(), 16000);
});

Deno.test("first fit: one-block requests move the hint, larger ones do not", () => {
  const h = heapOf(16384);
  const a = h.alloc(16, BlockKind.Other); // block 0
  const b = h.alloc(48, BlockKind.Other); // blocks 1-3
  h.alloc(16, BlockKind.Other); // block 4
  h.free(a);
  h.free(b);
  // The hole at 0-3 is found again by a 2-block request …
  h.alloc(32, BlockKind.List);
  // … and the 1-block request after it takes block 2, the next free one.
  h.alloc(16, BlockKind.Float);
  // A 2-block request does not fit in block 3: it goes after block 4.
  h.alloc(32, BlockKind.Str);
  const map = h.blockMap().split("\n")[1];
  assert.equal(map.slice(0, 18), "00000000: L=F.hS=.");
});

Deno.test("realloc shrinks and grows in place, otherwise moves", () => {
  const h = heapOf(16384);
  const a = h.alloc(64, BlockKind.Other); // 4 blocks
  const guard = h.alloc(16, BlockKind.Other);
  assert.equal(h.realloc(a, 32, true), a); // shrink in place
  assert.equal(h.memAlloc(), 48);
  assert.equal(h.realloc(a, 64, true), a); // the freed tail follows: grow in place
  assert.equal(h.memAlloc(), 80);
  assert.equal(h.realloc(a, 80, false), 0); // blocked by the guard, may not move
  const moved = h.realloc(a, 80, true);
  assert.notEqual(moved, a);
  assert.equal(h.memAlloc(), 96); // old run freed, new one of 5 blocks
  assert.equal(h.sizeOf(moved), 80);
  assert.equal(h.isLive(a), false);
  assert.equal(h.isLive(guard), true);
});

Deno.test("a stale address is ignored instead of freeing another allocation", () => {
  const h = heapOf(16384);
  const a = h.alloc(16, BlockKind.Other);
  h.free(a);
  const b = h.alloc(16, BlockKind.Other); // reuses block 0
  h.free(a); // stale: must not free b
  assert.equal(h.isLive(b), true);
  assert.equal(h.memAlloc(), 16);
});

Deno.test("MemoryError messages name the requested bytes, or the lock", () => {
  const h = heapOf(16384);
  assert.throws(
    () => h.alloc(100000, BlockKind.Other),
    (e: unknown) =>
      e instanceof HeapExhausted &&
      e.message === "memory allocation failed, allocating 100000 bytes",
  );
  h.lock();
  h.lock();
  assert.throws(
    () => h.alloc(8, BlockKind.Other),
    (e: unknown) =>
      e instanceof HeapExhausted &&
      e.message === "memory allocation failed, heap is locked",
  );
  assert.equal(h.unlock(), 1);
  assert.equal(h.unlock(), 0);
  h.alloc(8, BlockKind.Other);
  assert.equal(h.tryAlloc(100000, BlockKind.Other), 0);
});

Deno.test("threshold is kept in whole blocks", () => {
  const h = heapOf(16384);
  assert.equal(h.threshold, -1);
  h.threshold = 1000;
  assert.equal(h.threshold, 992);
  h.threshold = 4096;
  assert.equal(h.threshold, 4096);
  h.threshold = -5;
  assert.equal(h.threshold, -1);
});

Deno.test("collection frees what the roots do not reach, and owned allocations with their owner", () => {
  const h = heapOf(16384);
  const kept = { h: h.alloc(16, BlockKind.Other) };
  const dropped = { h: h.alloc(16, BlockKind.Other) };
  const owned = h.alloc(64, BlockKind.Other, kept);
  h.alloc(64, BlockKind.Other, dropped);
  h.addRootTracer((visit: Visit) => {
    visit(kept);
    h.markAddr(kept.h);
  });
  assert.equal(h.memAlloc(), 160);
  const freed = h.collect();
  assert.equal(freed, 2);
  assert.equal(h.memAlloc(), 80);
  assert.equal(h.isLive(owned), true);
  assert.equal(h.isLive(dropped.h), false);
});

Deno.test("running out collects first; with collection disabled it fails at once", () => {
  const h = heapOf(8192); // 500 blocks
  for (let i = 0; i < 250; i++) h.alloc(32, BlockKind.Other); // all garbage
  assert.equal(h.memFree(), 0);
  h.enabled = false;
  assert.throws(() => h.alloc(16, BlockKind.Other), HeapExhausted);
  h.enabled = true;
  h.alloc(16, BlockKind.Other);
  assert.equal(h.collections, 1);
  // The collection keeps the 8 newest allocations (as a C stack would).
  assert.equal(h.memAlloc(), 16 + 8 * 32);
  h.collect();
  assert.equal(h.memAlloc(), 0);
});

Deno.test("the threshold triggers a collection once enough blocks were handed out", () => {
  const h = heapOf(65536);
  h.threshold = 160; // 10 blocks
  for (let i = 0; i < 10; i++) h.alloc(16, BlockKind.Other);
  assert.equal(h.collections, 0);
  h.alloc(16, BlockKind.Other);
  assert.equal(h.collections, 1);
});

Deno.test("mem_info prints MicroPython's lines and block map", () => {
  const h = heapOf(16384, { memStats: true });
  h.alloc(16, BlockKind.List);
  h.alloc(100, BlockKind.Other);
  h.alloc(34, BlockKind.Str);
  h.alloc(16, BlockKind.Float);
  const text = h.memInfoText(true, { used: 624, limit: 40000 });
  const expected = [
    "mem: total=166, current=166, peak=166",
    "stack: 624 out of 40000",
    "GC: total: 16000, used: 192, free: 15808",
    " No. of 1-blocks: 2, 2-blocks: 0, max blk sz: 7, max free sz: 988",
    `GC memory layout; from ${h.poolStart.toString(16)}:`,
    "00000000: Lh======S==F" + ".".repeat(52),
    "       (14 lines all free)",
    "00003c00: " + ".".repeat(40),
    "",
  ].join("\n");
  assert.equal(text, expected);
});

Deno.test("the block map collapses free lines and shows tails and kinds", () => {
  const h = heapOf(16384);
  // Fill the first 70 blocks, so the second line is partly used.
  for (let i = 0; i < 35; i++) h.alloc(32, BlockKind.Tuple);
  const lines = h.blockMap().split("\n");
  assert.equal(lines[1], "00000000: " + "T=".repeat(32));
  assert.equal(lines[2], "00000400: " + "T=".repeat(3) + ".".repeat(58));
  assert.equal(lines[3], "       (13 lines all free)");
  assert.equal(lines[4], "00003c00: " + ".".repeat(40));
});

Deno.test("without accounting every call is a no-op and figures show an empty heap", () => {
  const h = new GcHeap({ accounting: false, heapBytes: 16384 });
  assert.equal(h.alloc(1000, BlockKind.Other), 0);
  assert.equal(h.realloc(0, 1000, true), 0);
  h.free(0);
  assert.equal(h.collect(), 0);
  assert.equal(h.memAlloc(), 0);
  assert.equal(h.memFree(), 16000);
});

/** A direct transcription of §1.3–§1.4: the allocator without shortcuts. */
class NaiveHeap {
  atb: Uint8Array;
  hint = 0;
  constructor(blocks: number) {
    this.atb = new Uint8Array(blocks);
  }
  len(b: number): number {
    let i = b + 1;
    while (i < this.atb.length && this.atb[i] === 2) i++;
    return i - b;
  }
  alloc(bytes: number): number {
    const n = Math.ceil(bytes / 16);
    let run = 0;
    for (let i = this.hint * 4; i < this.atb.length; i++) {
      if (this.atb[i] === 0) {
        if (++run === n) {
          const r = i - n + 1;
          this.atb[r] = 1;
          for (let k = 1; k < n; k++) this.atb[r + k] = 2;
          if (n === 1) this.hint = (i + 1) >> 2;
          return r;
        }
      } else {
        run = 0;
      }
    }
    return -1;
  }
  free(b: number): void {
    this.atb.fill(0, b, b + this.len(b));
    this.hint = Math.min(this.hint, b >> 2);
  }
  realloc(b: number, bytes: number): number {
    const want = Math.ceil(bytes / 16);
    const have = this.len(b);
    if (want <= have) {
      this.atb.fill(0, b + want, b + have);
      if (want < have) this.hint = Math.min(this.hint, (b + want) >> 2);
      return b;
    }
    let free = 0;
    while (
      b + have + free < this.atb.length && this.atb[b + have + free] === 0 &&
      free < want - have
    ) free++;
    if (free >= want - have) {
      this.atb.fill(2, b + have, b + want);
      return b;
    }
    const r = this.alloc(bytes);
    if (r >= 0) this.free(b);
    return r;
  }
}

/**
 * Random allocations, frees and resizes on a heap of `bytes` and on the
 * naive model of it; `small` in 10 allocations are one block.
 */
function firstFitAgrees(
  bytes: number,
  options: { rounds: number; steps: number; small: number },
): void {
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let round = 0; round < options.rounds; round++) {
    const h = heapOf(bytes);
    h.enabled = false;
    const naive = new NaiveHeap(h.nBlocks);
    const live: { addr: number; block: number }[] = [];
    for (let step = 0; step < options.steps; step++) {
      const op = rand(10);
      if (op < 5 || live.length === 0) {
        const r = rand(8);
        const bytes = rand(10) < options.small
          ? 16
          : 1 + (r === 0 ? rand(3000) : r < 3 ? rand(200) : rand(40));
        const want = naive.alloc(bytes);
        let addr = 0;
        try {
          addr = h.alloc(bytes, BlockKind.Other);
        } catch {
          addr = -1;
        }
        assert.equal(
          addr < 0 ? -1 : h.blockOf(addr),
          want,
          `round ${round} step ${step}`,
        );
        if (want >= 0) live.push({ addr, block: want });
      } else if (op < 8) {
        const i = rand(live.length);
        h.free(live[i].addr);
        naive.free(live[i].block);
        live.splice(i, 1);
      } else {
        const i = rand(live.length);
        const bytes = 1 + rand(600);
        const want = naive.realloc(live[i].block, bytes);
        let addr = -1;
        try {
          addr = h.realloc(live[i].addr, bytes, true);
        } catch {
          addr = -1;
        }
        assert.equal(
          addr < 0 ? -1 : h.blockOf(addr),
          want,
          `round ${round} step ${step} realloc`,
        );
        if (want >= 0) live[i] = { addr, block: want };
        else live.splice(i, 1);
      }
    }
  }
}

Deno.test("the allocator's shortcuts never change which blocks first fit picks", () => {
  firstFitAgrees(32768, { rounds: 40, steps: 3000, small: 0 });
});

Deno.test("first fit passes whole fragmented regions of a large heap and still picks the same blocks", () => {
  // Many one-block allocations fragment the heap over several regions of
  // 4096 blocks, which longer requests then pass.
  firstFitAgrees(320 * 1024, {
    rounds: 4,
    steps: 30000,
    small: 7,
  });
});
