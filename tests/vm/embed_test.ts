/**
 * The embedding API (`loadMicroPython`): running code, globals in both
 * directions, JavaScript modules imported from Python, Python modules and
 * functions used from JavaScript, and Python errors as JavaScript errors.
 *
 * @module
 */

import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { loadMicroPython, PythonError } from "../../mod.ts";

Deno.test("embed: runPython, output and globals", () => {
  const lines: string[] = [];
  const mp = loadMicroPython({ stdout: (l) => lines.push(String(l)) });
  mp.runPython("x = [i * i for i in range(5)]\nprint('hi', len(x))");
  deepStrictEqual(lines, ["hi 5"]);
  deepStrictEqual(mp.globals.get("x"), [0, 1, 4, 9, 16]);
  mp.globals.set("y", { a: 1, b: [true, null, "s"] });
  deepStrictEqual(mp.runPython("y['b']"), [true, null, "s"]);
  strictEqual(mp.runPython("y['a'] + 41"), 42);
  mp.globals.delete("y");
  strictEqual(mp.globals.get("y"), undefined);
});

Deno.test("embed: JavaScript modules and Python functions", () => {
  const mp = loadMicroPython();
  mp.registerJsModule("jsmath", { add: (a: number, b: number) => a + b, k: 5 });
  strictEqual(
    mp.runPython("import jsmath\njsmath.add(jsmath.k, 2)"),
    undefined,
  );
  strictEqual(mp.runPython("__import__('jsmath').add(2, 3)"), 5);
  mp.runPython("def inc(n):\n    return n + 1");
  const inc = mp.globals.get("inc") as (n: number) => number;
  strictEqual(inc(41), 42);
});

Deno.test("embed: Python exceptions become PythonError", () => {
  const mp = loadMicroPython();
  throws(() => mp.runPython("raise KeyError('k')"), (e: unknown) => {
    ok(e instanceof PythonError);
    strictEqual(e.type, "KeyError");
    ok(e.message.endsWith("KeyError: k"));
    return true;
  });
  throws(() => mp.runPython("def"), PythonError);
});
