/**
 * What compiled code leaves in a frame's state: locals are written as they
 * are stored, stack values before anything could look at them. With floats
 * (each result a new heap object), exceptions and generators, the
 * interpreter and the tier must print the same, raise the same and leave
 * the same heap figures, also when the heap fills up mid-loop.
 *
 * @module
 */

import { ok, strictEqual } from "node:assert/strict";
import { JitMode } from "../../vm/interp.ts";
import { py } from "./vm_support.ts";
import { runOracle } from "../oracle.ts";
import { both, runAccounted } from "./jit_support.ts";

Deno.test("jit state: mixed float and int operands agree with MicroPython", async () => {
  const code = py(`
    def ops(a, b):
        out = [a + b, a - b, a * b, a < b, a > b, a <= b, a >= b]
        try:
            out.append(a / b)
        except ZeroDivisionError as e:
            out.append("zde " + str(e))
        return out
    vals = [0, 1, -3, 7, 2**30, -2**31, 2**53 - 1, 0.0, -0.0, 0.5, -2.25, 1e300, float("inf"), float("nan")]
    for a in vals:
        for b in vals:
            print(a, b, ops(a, b))
    acc = 0.0
    for i in range(1, 200):
        acc += 1.0 / ((i * (i + 1) >> 1) + 1)
        acc -= i / 7
        acc = acc * 0.5 + 2 * acc / 3
    print(acc, 1 / 3, 7 / -7, 0 / -5, 10**20 / 4, 3 / 2.0, True + 1.5, 2.5 * False)
  `);
  const r = both(code);
  const oracle = await runOracle({ code });
  strictEqual(r.stdout, oracle.stdout);
  strictEqual(r.stderr, "");
});

Deno.test("jit state: float errors and tracebacks are the interpreter's", () => {
  const r = both(py(`
    def f(a, b):
        x = a * 2.0
        return x / b
    for b in (2, 0.5, 0, 0.0):
        try:
            print(f(3, b))
        except ZeroDivisionError as e:
            print("ZeroDivisionError", e)
    def g(a, b):
        return a + b
    print(g(1.5, 2), g(2, 1.5))
    g(1.5, "x")
  `));
  ok(r.stderr.includes("TypeError"), r.stderr);
});

Deno.test("jit state: heap figures match while the heap fills up", () => {
  const code = py(`
    import gc
    def figures(tag):
        print(tag, gc.mem_alloc(), gc.mem_free())
    def churn(n):
        keep = []
        x = 0.25
        y = 1.5
        for i in range(n):
            x = x * 1.0001 + y / (i + 1) - 0.125
            y = (y + i) * 0.5
            # A product held on the stack across many allocations.
            z = (y * 1.5) + ((y * 2.5) + ((y * 3.5) + ((y * 4.5) + ((y * 5.5) + ((y * 6.5) + ((y * 7.5) + ((y * 8.5) + ((y * 9.5) + (y * 10.5)))))))))
            if z < 0:
                keep.append(z)
            if x > 3.0:
                x = x / 2
            if i % 97 == 0:
                keep.append(x)
                figures(i)
        return x, y, len(keep)
    print(churn(3000))
    figures("end")
    gc.collect()
    figures("collected")
  `);
  for (const bits of [64, 32] as const) {
    const off = runAccounted(JitMode.Off, code, {
      heapBytes: 24 * 1024,
      floatBits: bits,
    });
    const on = runAccounted(JitMode.All, code, {
      heapBytes: 24 * 1024,
      floatBits: bits,
    });
    strictEqual(on, off);
    ok(off.startsWith("0\n"), off);
  }
});

Deno.test("jit state: locals seen by handlers, generators and del", async () => {
  const code = py(`
    def f(n):
        a = 1
        b = [a]
        try:
            a = 2
            b = [a, n]
            c = 10 // n
            a = 3
        except ZeroDivisionError:
            return "caught", a, b
        return "done", a, b, c
    print(f(0), f(5))
    def g(n):
        total = 0
        for i in range(n):
            total += i
            last = total
            yield last
            last = -1
        yield last
    print(list(g(4)))
    def h():
        x = 5
        del x
        try:
            print(x)
        except NameError as e:
            print("NameError", e)
        x = 6
        return x
    print(h())
  `);
  const r = both(code);
  const oracle = await runOracle({ code });
  strictEqual(r.stdout, oracle.stdout);
});
