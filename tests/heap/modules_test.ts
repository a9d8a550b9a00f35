/**
 * The `gc` and `micropython` modules as a program sees them: figures that
 * add up, the threshold in whole blocks, the heap lock and MemoryError's
 * messages, `mem_info`/`qstr_info` text, `schedule`, `RingIO` — compared
 * with the real MicroPython where it has the feature, otherwise with
 * MicroPython's documented output.
 */

import assert from "node:assert/strict";
import { runOracle } from "../oracle.ts";
import { runOnBoard } from "./scenario_runner.ts";

function upy(code: string, heapBytes = 16384, board = "host"): string {
  const r = runOnBoard(code, { heapBytes, board });
  assert.equal(r.stderr, "", r.stderr);
  return r.stdout;
}

Deno.test("gc figures add up to the pool of the heap region", () => {
  const out = upy(
    "import gc\ngc.collect()\nprint(gc.mem_alloc() + gc.mem_free())\n",
  );
  assert.equal(out, "16000\n");
  assert.equal(
    upy("import gc\nprint(gc.mem_alloc() + gc.mem_free())\n", 196608),
    "192064\n",
  );
});

Deno.test("gc.threshold keeps whole blocks, as MicroPython reads it back", async () => {
  const code = `import gc
gc.threshold(1000)
print(gc.threshold())
gc.threshold(4096)
print(gc.threshold())
gc.threshold(-1)
print(gc.threshold())
`;
  const expected = (await runOracle({ code })).stdout;
  assert.equal(expected, "992\n4096\n-1\n");
  assert.equal(upy(code), expected);
});

Deno.test("gc.disable stops collection on failure; MemoryError names the request", () => {
  const out = upy(`import gc
junk = None
gc.disable()
print(gc.isenabled())
n = 0
try:
    while True:
        junk = [n]
        n += 1
except MemoryError as e:
    print(e)
junk = None
gc.enable()
print(gc.isenabled())
b = bytearray(100)
print(len(b))
try:
    c = bytearray(100000)
except MemoryError as e:
    print(e)
`);
  assert.equal(
    out,
    "False\nmemory allocation failed, allocating 16 bytes\nTrue\n100\n" +
      "memory allocation failed, allocating 100000 bytes\n",
  );
});

// (The webassembly oracle cannot run this: a locked heap stops its runner.)
Deno.test("the heap lock makes allocation fail and nests", () => {
  const code = `import micropython
res = [None, None]
depth = [0, 0, 0]
micropython.heap_lock()
micropython.heap_lock()
try:
    x = [1, 2, 3]
except MemoryError as e:
    res[0] = e
depth[0] = micropython.heap_locked()
depth[1] = micropython.heap_unlock()
depth[2] = micropython.heap_unlock()
print(res[0])
print(depth)
`;
  assert.equal(
    upy(code),
    "memory allocation failed, heap is locked\n[2, 1, 0]\n",
  );
});

Deno.test("mem_info prints the board's lines and block map", () => {
  const out = upy(
    `import micropython
micropython.mem_info()
micropython.mem_info(1)
`,
    16384,
    "rp2040",
  );
  const lines = out.split("\n");
  assert.match(lines[0], /^stack: \d+ out of 7936$/);
  assert.match(lines[1], /^GC: total: 16000, used: \d+, free: \d+$/);
  assert.match(
    lines[2],
    /^ No\. of 1-blocks: \d+, 2-blocks: \d+, max blk sz: \d+, max free sz: \d+$/,
  );
  assert.match(lines[6], /^GC memory layout; from [0-9a-f]+:$/);
  assert.match(lines[7], /^00000000: [.=hTLDSAFBM]{64}$/);
  assert.ok(lines.some((l) => /^ {7}\(\d+ lines all free\)$/.test(l)));
  assert.match(lines[lines.length - 2], /^00003c00: [.=hTLDSAFBM]{40}$/);
});

Deno.test("the host board's mem_info shows its 40000-byte C stack", () => {
  const out = upy("import micropython\nmicropython.mem_info()\n");
  assert.match(out.split("\n")[0], /^stack: \d+ out of 40000$/);
  assert.match(out.split("\n")[1], /^GC: total: 16000, used: \d+, free: \d+$/);
});

Deno.test("qstr_info counts RAM qstrs and lists them newest pool first", () => {
  const out = upy(`import micropython
for i in range(25):
    hasattr(None, "runtime_name_%d" % i)
micropython.qstr_info(1)
`);
  const lines = out.trim().split("\n");
  const m =
    /^qstr pool: n_pool=(\d+), n_qstr=(\d+), n_str_data_bytes=(\d+), n_total_bytes=(\d+)$/
      .exec(lines[0]);
  assert.ok(m !== null, lines[0]);
  const [nPool, nQstr, nData, nTotal] = m.slice(1).map(Number);
  assert.equal(nPool, 2); // 20 entries, then 40
  assert.equal(nQstr, lines.length - 1);
  // Pools of 20 and 40 entries: 176 + 304 bytes, plus the text.
  assert.equal(nTotal, 176 + 304 + nData);
  // The newest pool (holding the last names interned) is listed first.
  const newest = lines.indexOf("Q(runtime_name_24)");
  const oldest = lines.indexOf("Q(.frozen)");
  assert.ok(newest > 0 && oldest > newest, out);
});

Deno.test("a str whose text is interned costs nothing; a new one costs a str", () => {
  const out = upy(`import gc
A = "ap"
B = "pend"
C = "xq"
K = [None, None]
gc.collect()
a = gc.mem_alloc()
K[0] = A + B
gc.collect()
print(gc.mem_alloc() - a)
K[1] = A + C
gc.collect()
print(gc.mem_alloc() - a)
`);
  assert.equal(out, "0\n32\n");
});

Deno.test("unreachable objects are freed by a collection; reachable ones stay", () => {
  const out = upy(`import gc
keep = []
junk = None
i = 0
base = 0
gc.collect()
base = gc.mem_alloc()
for i in range(50):
    keep.append([i] * 10)
    junk = [i] * 10
gc.collect()
print(gc.mem_alloc() - base)
keep = None
junk = None
gc.collect()
print(gc.mem_alloc() - base <= 64)
`);
  // 50 kept lists of 10 (16 + 48 bytes each), the keeper's item array grown
  // from 4 to 64 slots, and the last junk list. Once dropped, all of it goes
  // but the last list made, which a stale value-stack slot still holds (as
  // a conservative scan of the board's stack would).
  assert.equal(out, `${50 * 64 + (256 - 16) + 64}\nTrue\n`);
});

Deno.test("micropython.schedule runs callbacks at the next check, in order", () => {
  const out = upy(`import micropython
log = []
def cb(arg):
    log.append(arg)
micropython.schedule(cb, 1)
micropython.schedule(cb, 2)
for i in range(3):
    pass
print(log)
`);
  assert.equal(out, "[1, 2]\n");
});

Deno.test("the schedule queue holds 8 callbacks", () => {
  const out = upy(`import micropython
def cb(arg):
    pass
def fill():
    n = 0
    try:
        micropython.schedule(cb, 0)
        micropython.schedule(cb, 1)
        micropython.schedule(cb, 2)
        micropython.schedule(cb, 3)
        micropython.schedule(cb, 4)
        micropython.schedule(cb, 5)
        micropython.schedule(cb, 6)
        micropython.schedule(cb, 7)
        micropython.schedule(cb, 8)
    except RuntimeError as e:
        return e
print(fill())
`);
  assert.equal(out, "schedule queue full\n");
});

Deno.test("RingIO is a byte FIFO of the size asked for", async () => {
  const code = `from micropython import RingIO
r = RingIO(4)
print(r.write(b"abcdef"), r.any(), r.read(2), r.read(), r.any())
r.write(b"x\\ny")
print(r.readline(), r.readline())
`;
  const expected = (await runOracle({ code })).stdout;
  assert.equal(expected, "4 4 b'ab' b'cd' 0\nb'x\\n' b'y'\n");
  assert.equal(upy(code), expected);
});

Deno.test("micropython.const and opt_level", () => {
  const out = upy(`import micropython
print(micropython.const(123) + 1)
print(micropython.opt_level())
micropython.opt_level(1)
print(micropython.opt_level())
`);
  assert.equal(out, "124\n0\n1\n");
});
