/**
 * Malformed `.mpy` files never crash the host: thousands of seeded
 * mutations and truncations of `.mpy` files built by the compiler each
 * either run or end with a Python exception (a traceback and status 1),
 * never a JavaScript exception, never a hang (each run has a budget of
 * Ctrl-C polls, after which the program gets a `KeyboardInterrupt`).
 *
 * @module
 */

import { ok, strictEqual } from "node:assert/strict";
import { compile, writeMpy } from "../../compiler/mod.ts";
import { xorshift32 as rng } from "../seeded_random.ts";
import { runVm } from "./vm_support.ts";

const PROGRAMS = [
  `
def f(a, b=2, *args, **kw):
    return a + b + len(args)
class C:
    def __init__(self, v):
        self.v = v
    def m(self):
        return self.v * 2
x = [f(i) for i in range(5)]
try:
    y = {1: C(3).m()}
except Exception as e:
    y = e
finally:
    z = None
print(x, y)
`,
  `
def gen(n):
    for i in range(n):
        try:
            yield i
        finally:
            pass
    return n
def outer():
    r = yield from gen(3)
    yield r
print(list(outer()))
with open("nofile") as fh:
    pass
`,
  `
import sys
a, *b = (1, 2, 3)
s = {a, 2}
while a < 100:
    a = a * 2
    if a > 50:
        break
    else:
        continue
print(a, b, s, sys.platform, 1.5, 2j, b"x", 10 ** 20)
lambda q: q
`,
];

function mutate(data: Uint8Array, next: () => number): Uint8Array {
  const out = data.slice();
  const kind = next() % 4;
  if (kind === 0) {
    return out.slice(0, next() % (out.length + 1));
  }
  const n = 1 + (next() % 4);
  for (let i = 0; i < n; i++) {
    const at = next() % out.length;
    if (kind === 1) out[at] = next() & 0xff;
    else if (kind === 2) out[at] ^= 1 << (next() % 8);
    else out[at] = (out[at] + (next() % 3) - 1) & 0xff;
  }
  return out;
}

Deno.test("fuzz: the unmutated files run", () => {
  for (const src of PROGRAMS) {
    const mpy = writeMpy(compile(src, { sourceName: "fuzz.py" }));
    const r = runVm("", { mpy, interruptAfter: 100000 });
    ok(r.status === 0 || r.status === 1, r.stderr);
    ok(!r.stderr.includes("internal error"), r.stderr);
  }
});

Deno.test("fuzz: mutated and truncated .mpy files raise Python exceptions", () => {
  const next = rng(20240611);
  let runs = 0;
  let rejected = 0;
  let internal = 0;
  const samples: string[] = [];
  for (const src of PROGRAMS) {
    const mpy = writeMpy(compile(src, { sourceName: "fuzz.py" }));
    for (let i = 0; i < 1000; i++) {
      const bad = mutate(mpy, next);
      let r;
      try {
        r = runVm("", { mpy: bad, interruptAfter: 2000 });
      } catch (e) {
        throw new Error(`JavaScript exception escaped for case ${i}: ${e}`);
      }
      runs++;
      ok(r.status === 0 || r.status === 1, `status ${r.status}`);
      if (r.status === 1) {
        ok(/^(Traceback|\w+(Error|Exception|Interrupt|Exit))/m.test(r.stderr));
      }
      if (r.stderr.includes("incompatible .mpy")) rejected++;
      if (r.stderr.includes("internal error")) {
        internal++;
        if (samples.length < 3) samples.push(r.stderr);
      }
    }
  }
  strictEqual(runs, 3000);
  ok(rejected > 100, `only ${rejected} files were rejected`);
  // Internal errors surface as Python RuntimeErrors; they must stay rare.
  ok(
    internal < runs / 20,
    `${internal} internal errors:\n${samples.join("\n")}`,
  );
});
