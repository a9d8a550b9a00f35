// Parse-time rewrites: constant folding with MicroPython's semantics,
// const(), the _NAME rule, constant tuples, math constants, __debug__ and
// the string-interning rule; each checked on the emitted instructions.
import assert from "node:assert/strict";
import {
  compile,
  CompileError,
  decodeInstructions,
  writeMpy,
} from "../../compiler/mod.ts";
import { runOracle } from "../oracle.ts";

/** The module body's instructions, minus the final `return None`. */
function ops(src: string, optLevel = 0, smallIntBits = 31): string[] {
  const m = compile(src + "\n", { sourceName: "t.py", optLevel, smallIntBits });
  const all = decodeInstructions(m, m.root).map((i) =>
    (i.name + " " + i.operand).trim()
  );
  assert.deepEqual(all.slice(-2), ["LOAD_CONST_NONE", "RETURN_VALUE"]);
  return all.slice(0, -2);
}

/** The instructions loading the value stored into `x`. */
function value(expr: string, optLevel = 0): string[] {
  const out = ops("x = " + expr, optLevel);
  assert.match(out[out.length - 1], /^STORE_NAME \d+ 'x'$/);
  return out.slice(0, -1);
}

Deno.test("integer arithmetic folds with Python's floor semantics", () => {
  const cases: Array<[string, string]> = [
    ["1 + 2 * 3", "LOAD_CONST_SMALL_INT 7"],
    ["3 - 5 * 2", "LOAD_CONST_SMALL_INT -7"],
    ["-7 // 2", "LOAD_CONST_SMALL_INT -4"],
    ["-7 % 3", "LOAD_CONST_SMALL_INT 2"],
    ["7 % -3", "LOAD_CONST_SMALL_INT -2"],
    ["~5", "LOAD_CONST_SMALL_INT -6"],
    ["-(-1)", "LOAD_CONST_SMALL_INT 1"],
    ["5 ** 2 ** 2", "LOAD_CONST_SMALL_INT 625"],
    ["0xff & 0x0f | 0x100 ^ 1", "LOAD_CONST_SMALL_INT 271"],
    ["-1 >> 3", "LOAD_CONST_SMALL_INT -1"],
    ["not 1", "LOAD_CONST_FALSE"],
    ["1 and 2", "LOAD_CONST_SMALL_INT 2"],
  ];
  for (const [expr, want] of cases) assert.deepEqual(value(expr), [want], expr);
});

Deno.test("results beyond the small-int range become int objects", () => {
  assert.deepEqual(value("1 << 100"), [
    "LOAD_CONST_OBJ 0 1267650600228229401496703205376",
  ]);
  assert.deepEqual(value("0x3fffffff"), ["LOAD_CONST_SMALL_INT 1073741823"]);
  assert.deepEqual(value("0x40000000"), ["LOAD_CONST_OBJ 0 1073741824"]);
  assert.deepEqual(value("-0x40000000"), ["LOAD_CONST_SMALL_INT -1073741824"]);
  // A wider small int on a 63-bit target.
  const wide = ops("x = 0x40000000", 0, 63);
  assert.equal(wide[0], "LOAD_CONST_SMALL_INT 1073741824");
});

Deno.test("float and true-division folding, never to an error", () => {
  assert.deepEqual(value("7 / 2"), ["LOAD_CONST_OBJ 0 3.5"]);
  assert.deepEqual(value("2 ** -1"), ["LOAD_CONST_OBJ 0 0.5"]);
  assert.deepEqual(value("1.5 * 2"), ["LOAD_CONST_OBJ 0 3.0"]);
  assert.deepEqual(value("-0.0"), ["LOAD_CONST_OBJ 0 -0.0"]);
  assert.deepEqual(value("1e400"), ["LOAD_CONST_OBJ 0 inf"]);
  // Division by zero is left for run time.
  assert.deepEqual(value("1 // 0"), [
    "LOAD_CONST_SMALL_INT 1",
    "LOAD_CONST_SMALL_INT 0",
    "BINARY_OP 31 FLOOR_DIVIDE",
  ]);
  assert.equal(value("1.0 / 0").length, 3);
});

Deno.test("what MicroPython does not fold", () => {
  // Comparisons, strings, tuples, bools and complex numbers stay operations.
  assert.equal(value("10 > 3").length, 3);
  assert.equal(value('"a" * 3').length, 3);
  assert.equal(value("(1, 2) + (3,)").length, 3);
  assert.equal(value("True + 1").length, 3);
  assert.equal(value("3j * 2").length, 3);
});

Deno.test("constant tuples become one object; others are built", () => {
  assert.deepEqual(value('(1, (2, 3), "s", b"b", None, ...)'), [
    "LOAD_CONST_OBJ 0 (1, (2, 3), 's', b'b', None, Ellipsis)",
  ]);
  assert.deepEqual(value("(a, 1)"), [
    "LOAD_NAME 2 'a'",
    "LOAD_CONST_SMALL_INT 1",
    "BUILD_TUPLE 2",
  ]);
  assert.deepEqual(value("()"), ["BUILD_TUPLE 0"]);
  assert.equal(value("(1, [2])").length, 4);
});

Deno.test("const() names fold and _NAME assignments vanish", () => {
  const src = "from micropython import const\n_A = const(4)\n" +
    "B = const(_A * 2)\nT = const((1, 2))\nx = _A + B\ny = T";
  const out = ops(src);
  assert.deepEqual(out.slice(7), [
    "LOAD_CONST_SMALL_INT 8",
    "STORE_NAME 4 'B'",
    "LOAD_CONST_OBJ 0 (1, 2)",
    "STORE_NAME 5 'T'",
    "LOAD_CONST_SMALL_INT 12",
    "STORE_NAME 6 'x'",
    "LOAD_CONST_OBJ 0 (1, 2)",
    "STORE_NAME 7 'y'",
  ]);
  assert.ok(!out.some((s) => s.includes("'_A'")));
});

Deno.test("const() rejects non-constant values; a const name is not assignable", () => {
  const bad: Array<[string, string]> = [
    ["from micropython import const\nX = const(f())\n", "not a constant"],
    [
      "from micropython import const\nX = const(1)\nX = const(2)\n",
      "can't assign to expression",
    ],
  ];
  for (const [src, message] of bad) {
    assert.throws(
      () => compile(src, { sourceName: "t.py" }),
      (e: unknown) => e instanceof CompileError && e.message === message,
      src,
    );
  }
});

Deno.test("math.pi-style module constants fold", () => {
  assert.deepEqual(ops("import math\nx = math.pi").slice(4), [
    "LOAD_CONST_OBJ 0 3.141592653589793",
    "STORE_NAME 3 'x'",
  ]);
  assert.deepEqual(value("math.e"), ["LOAD_CONST_OBJ 0 2.718281828459045"]);
});

Deno.test("__debug__ folds by optimisation level", () => {
  assert.deepEqual(value("__debug__"), ["LOAD_CONST_TRUE"]);
  assert.deepEqual(value("__debug__", 1), ["LOAD_CONST_FALSE"]);
  assert.deepEqual(value("not __debug__", 2), ["LOAD_CONST_TRUE"]);
});

Deno.test("long strings are qstrs only if the name is already known", () => {
  assert.deepEqual(value('"my_long_identifier"'), [
    "LOAD_CONST_OBJ 0 'my_long_identifier'",
  ]);
  assert.deepEqual(ops('my_long_identifier = 1\na = "my_long_identifier"'), [
    "LOAD_CONST_SMALL_INT 1",
    "STORE_NAME 2 'my_long_identifier'",
    "LOAD_CONST_STRING 2 'my_long_identifier'",
    "STORE_NAME 3 'a'",
  ]);
  // Built-in qstrs are always known; short strings are always qstrs.
  assert.deepEqual(value('"NotImplementedError"'), [
    "LOAD_CONST_STRING 2 'NotImplementedError'",
  ]);
  assert.deepEqual(value('"__class_getitem__"'), [
    "LOAD_CONST_OBJ 0 '__class_getitem__'",
  ]);
  assert.deepEqual(value('"ten chars!"'), ["LOAD_CONST_STRING 2 'ten chars!'"]);
});

Deno.test("folded values equal what MicroPython computes", async () => {
  const exprs = [
    "-7 // 2",
    "-7 % 3",
    "7 % -3",
    "2 ** -1",
    "1 << 100",
    "(1 << 62) - 1",
    "-(1 << 30)",
    "2 ** 0.5",
    "7 / 2",
    "1e400",
    "-0.0",
    "10 // 3 * 3.0",
    "0x7fffffff * 0x7fffffff",
    "-(2 ** 64) // 3",
    "-(2 ** 64) % 7",
    "~(1 << 70)",
    "(1 << 70) >> 69",
    "1.1 + 2.2",
    "1e-7",
    "123456789.0 * 1000",
    "1 / 3",
  ];
  const src = exprs.map((e) => `print(repr(${e}))`).join("\n") + "\n";
  const mpy = writeMpy(compile(src, { sourceName: "fold.py" }));
  const fromMpy = await runOracle({ mpy });
  const fromSrc = await runOracle({ code: src });
  assert.equal(fromMpy.stdout, fromSrc.stdout);
  assert.equal(fromSrc.stdout.trim().split("\n").length, exprs.length);
});

Deno.test("random constant expressions fold to what MicroPython computes", async () => {
  let seed = 12345;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const atoms = ["0", "1", "2", "3", "7", "-5", "10", "255", "1000000"];
  atoms.push("2**31", "2**62", "1.5", "0.1", "-2.5", "1e10", "3.0");
  atoms.push("True", "False", "0x7fffffff", "(1<<40)");
  const ops = ["+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^", "/"];
  ops.push("and", "or");
  const unary = ["-", "+", "~", "not "];
  const small = ["0", "1", "2", "3", "-1", "0.5", "70"];
  const expr = (depth: number): string => {
    if (depth <= 0 || rnd(3) === 0) return atoms[rnd(atoms.length)];
    if (rnd(5) === 0) return unary[rnd(unary.length)] + `(${expr(depth - 1)})`;
    const op = ops[rnd(ops.length)];
    // Keep run-time powers and shifts small.
    const rhs = op === "**" || op === "<<"
      ? small[rnd(small.length)]
      : expr(depth - 1);
    return `(${expr(depth - 1)} ${op} ${rhs})`;
  };
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    lines.push(
      `try:\n    print(${i}, repr(${expr(3)}))\n` +
        `except Exception as e:\n    print(${i}, type(e).__name__)`,
    );
  }
  const src = lines.join("\n") + "\n";
  const fromSrc = await runOracle({ code: src });
  const fromMpy = await runOracle({
    mpy: writeMpy(compile(src, { sourceName: "r.py" })),
  });
  assert.equal(fromMpy.stdout, fromSrc.stdout);
  assert.equal(fromSrc.stdout.trim().split("\n").length, 300);
});

Deno.test("folding huge ints stops at a per-source budget", () => {
  const src = "x = 1 << 1000000\n".repeat(8) + "y = 1 << 70\n";
  const m = compile(src, { sourceName: "t.py" });
  const names = decodeInstructions(m, m.root).map((i) => i.name);
  // The first shifts fold, later ones are left for run time; small big
  // ints always fold.
  assert.equal(names[0], "LOAD_CONST_OBJ");
  assert.ok(names.includes("BINARY_OP"));
  assert.equal(m.objs.length >= 2, true);
  const y = compile("y = 1 << 70\n", { sourceName: "t.py" });
  assert.equal(decodeInstructions(y, y.root)[0].name, "LOAD_CONST_OBJ");
});
