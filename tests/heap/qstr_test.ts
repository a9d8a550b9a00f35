/**
 * The qstr pools on their own: ROM names are free, RAM names cost text in
 * 128-byte chunks (grown in place while they can) and 7-byte pool entries,
 * pools double (HEAP_MODEL §4).
 */

import assert from "node:assert/strict";
import "../../vm/install.ts";
import { GcHeap } from "../../vm/heap.ts";
import { QstrPools, romQstrs } from "../../vm/qstr.ts";

function fresh(bytes = 65536): { heap: GcHeap; pools: QstrPools } {
  const heap = new GcHeap({ accounting: true, heapBytes: bytes });
  return { heap, pools: new QstrPools(heap) };
}

Deno.test("the firmware's names are ROM qstrs and cost nothing", () => {
  const rom = romQstrs();
  for (
    const name of ["append", "__init__", "collect", "mem_alloc", "<stdin>"]
  ) {
    assert.ok(rom.has(name), name);
  }
  // Single letters other than the static ones are not firmware names.
  for (const name of ["k", "n", "v", "x"]) assert.ok(!rom.has(name), name);
  const { heap, pools } = fresh();
  pools.intern("append");
  pools.intern("collect");
  assert.equal(heap.memAlloc(), 0);
  assert.equal(pools.info().nQstr, 0);
});

Deno.test("a new name costs a 128-byte chunk and a 20-entry pool first", () => {
  const { heap, pools } = fresh();
  pools.intern("my_name");
  // chunk 128 + pool 24 + 7·20 = 164 → 176.
  assert.equal(heap.memAlloc(), 128 + 176);
  assert.deepEqual(pools.info(), {
    nPool: 1,
    nQstr: 1,
    nStrDataBytes: 8,
    nTotalBytes: 176 + 8,
  });
  // The same text again costs nothing.
  pools.intern("my_name");
  assert.equal(heap.memAlloc(), 128 + 176);
});

Deno.test("pools double: 20, 40, 80 entries (176, 304, 592 bytes)", () => {
  const { heap, pools } = fresh();
  const poolBytes = (): number =>
    pools.info().nTotalBytes - pools.info().nStrDataBytes;
  for (let i = 0; i < 20; i++) pools.intern(`n${i}`);
  assert.equal(poolBytes(), 176);
  pools.intern("n20");
  assert.equal(poolBytes(), 176 + 304);
  for (let i = 21; i < 60; i++) pools.intern(`n${i}`);
  assert.equal(poolBytes(), 176 + 304);
  pools.intern("n60");
  assert.equal(poolBytes(), 176 + 304 + 592);
  assert.equal(pools.info().nPool, 3);
  assert.ok(heap.memAlloc() > 0);
});

Deno.test("a chunk grows in place while the blocks after it are free", () => {
  const { heap, pools } = fresh();
  const name = (i: number): string =>
    `name_number_${String(i).padStart(2, "0")}`;
  // Eight names of 15 bytes (with the NUL) fill 120 of the first 128 bytes.
  for (let i = 0; i < 8; i++) pools.intern(name(i));
  assert.equal(heap.memAlloc(), 128 + 176);
  // The pool sits right after the first chunk, so it cannot grow: a new
  // 128-byte chunk comes (the old one is trimmed to the 120 bytes it holds).
  pools.intern(name(8));
  assert.equal(heap.memAlloc(), 128 + 176 + 128);
  for (let i = 9; i < 16; i++) pools.intern(name(i));
  assert.equal(heap.memAlloc(), 128 + 176 + 128);
  // The second chunk has free blocks after it: it grows in place, by the
  // 15 bytes the name needs (one more block).
  pools.intern(name(16));
  assert.equal(heap.memAlloc(), 128 + 176 + 128 + 16);
});

Deno.test("a name whose text stays in flash pays only its pool entry", () => {
  const { heap, pools } = fresh();
  pools.intern("flash_name", { inFlash: true });
  assert.equal(heap.memAlloc(), 176);
  assert.equal(pools.info().nStrDataBytes, 11);
});

Deno.test("qstr pools and chunks survive every collection", () => {
  const { heap, pools } = fresh();
  for (let i = 0; i < 30; i++) pools.intern(`kept_${i}`);
  const before = heap.memAlloc();
  heap.collect();
  assert.equal(heap.memAlloc(), before);
  assert.ok(pools.has("kept_29"));
});
