// Emitter details that decide byte-identity: jump operand sizing, line-table
// encoding, prelude encoding, qstr/constant/child order, stack accounting and
// unreachable-code suppression.
import assert from "node:assert/strict";
import {
  compile,
  type CompiledModule,
  decodeInstructions,
  decodeLineTable,
  type Instruction,
  readMpy,
  writeMpy,
} from "../../compiler/mod.ts";
import { encodeLineEvent } from "../../compiler/emitter.ts";

function hex(data: ArrayLike<number>): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

function codeBytes(m: CompiledModule, n: number): string {
  const r = m.root;
  return hex(r.funData.slice(r.codeStart, r.codeStart + n));
}

function ops(src: string, optLevel = 0): string[] {
  const m = compile(src, { sourceName: "t.py", optLevel });
  return decodeInstructions(m, m.root).map((i) =>
    (i.name + " " + i.operand).trim()
  );
}

/** An indented block of exactly `n` bytes of bytecode (n ≥ 8). */
function block(n: number): string {
  // `a` is LOAD_NAME + POP_TOP (3 bytes), `a = b` LOAD_NAME + STORE_NAME (4).
  const fours = [0, 1, 2][n % 3];
  const threes = (n - 4 * fours) / 3;
  return "    a\n".repeat(threes) + "    a = b\n".repeat(fours);
}

function jumps(m: CompiledModule): Instruction[] {
  return decodeInstructions(m, m.root).filter((i) => i.name.includes("JUMP"));
}

Deno.test("a forward signed jump is short up to 62 bytes", () => {
  const short = compile("if x:\n" + block(62), { sourceName: "t.py" });
  assert.equal(codeBytes(short, 4), "11 02 44 7e");
  const long = compile("if x:\n" + block(63), { sourceName: "t.py" });
  assert.equal(codeBytes(long, 5), "11 02 44 bf 80");
});

Deno.test("a forward unsigned jump is short up to 126 bytes", () => {
  const t126 = "(" + "a, ".repeat(62) + ")";
  const t127 = "(" + "a, ".repeat(61) + "-a)";
  const short = compile(`y = x or ${t126}\n`, { sourceName: "t.py" });
  assert.equal(codeBytes(short, 4), "11 02 45 7e");
  const long = compile(`y = x or ${t127}\n`, { sourceName: "t.py" });
  assert.equal(codeBytes(long, 5), "11 02 45 ff 00");
});

Deno.test("a backward jump is short down to -64", () => {
  for (let n = 56; n <= 66; n++) {
    const m = compile("while x:\n" + block(n), { sourceName: "t.py" });
    const [fwd, back] = jumps(m);
    // The entry jump over the body is forward and short while ≤ 62.
    assert.equal(fwd.length, n <= 62 ? 2 : 3, `forward, body ${n}`);
    // The loop jump goes back to the body start at offset fwd.length.
    const d = fwd.length - back.offset - back.length;
    assert.equal(back.length, d >= -64 ? 2 : 3, `backward, body ${n}`);
    assert.ok(
      back.operand.endsWith(`-> ${fwd.length}`) ||
        back.operand.includes(`-> ${fwd.length} `),
    );
  }
});

Deno.test("jump sizing converges when shrinking one jump shrinks another", () => {
  // Nested ifs whose bodies sit around the boundary.
  for (let n = 50; n <= 70; n++) {
    const inner = block(n).replaceAll("    ", "        ");
    const src = "if x:\n    if y:\n" + inner + "    z = 1\n";
    const m = compile(src, { sourceName: "t.py" });
    const back = readMpy(writeMpy(m));
    assert.deepEqual(back.root.funData, m.root.funData);
    for (const j of jumps(m)) {
      const target = Number(/-> (\d+)/.exec(j.operand)![1]);
      const d = target - j.offset - j.length;
      // A short forward jump never exceeds the conservative bound.
      if (j.length === 2) assert.ok(d <= 62, `n=${n} ${j.operand}`);
    }
  }
});

Deno.test("line-table events use the 1- and 2-byte forms", () => {
  const cases: Array<[number, number, string]> = [
    [8, 3, "68"],
    [0, 5, "60 40"],
    [7, 4, "67 20"],
    [13, 11, "8d 0b"],
    [0, 12, "80 0c"],
    [20, 10, "74 80 07"],
    [31, 0, "1f"],
    [40, 0, "1f 09"],
    [0, 2047, "f0 ff"],
    [0, 2048, "f0 ff 20"],
    [0, 0, ""],
  ];
  for (const [b, l, want] of cases) {
    assert.equal(hex(encodeLineEvent(b, l)), want, `(${b}, ${l})`);
  }
});

Deno.test("line numbers never go backwards and leaves add no events", () => {
  const src = "x = foo(1,\n        bar(2),\n        3,\n" +
    '        "a long string constant here")\n' +
    "y = [\n  1,\n  2 + z,\n]\n";
  const m = compile(src, { sourceName: "ml.py" });
  const r = m.root;
  assert.equal(
    hex(r.funData.slice(r.lineInfoStart, r.lineInfoEnd)),
    "23 46 26 41",
  );
  // A while condition is compiled after the body: it adds no event.
  const w = compile("while a:\n    b\n", { sourceName: "w.py" });
  const table = decodeLineTable(w.root);
  assert.deepEqual(table.map(([, line]) => line), [2]);
});

Deno.test("function bodies start their line table at the first statement", () => {
  const m = compile("def f():\n\n\n\n\n\n\n\n\n    return 1\n", {
    sourceName: "t.py",
  });
  const f = m.root.children[0];
  assert.equal(hex(f.funData.slice(f.lineInfoStart, f.lineInfoEnd)), "80 09");
  // A lambda on line 16 reports its own line first.
  const l = compile("\n".repeat(15) + "g = lambda: 0\n", {
    sourceName: "t.py",
  });
  const lam = l.root.children[0];
  assert.equal(
    hex(lam.funData.slice(lam.lineInfoStart, lam.lineInfoEnd)),
    "80 0f",
  );
});

Deno.test("-O3 drops the line table", () => {
  const m = compile("a = 1\nb = 2\nc = 3\n", {
    sourceName: "t.py",
    optLevel: 3,
  });
  assert.equal(m.root.lineInfoEnd - m.root.lineInfoStart, 0);
  const m0 = compile("a = 1\nb = 2\nc = 3\n", { sourceName: "t.py" });
  assert.ok(m0.root.lineInfoEnd - m0.root.lineInfoStart > 0);
});

Deno.test("prelude signatures of many shapes survive a write/read cycle", () => {
  const params: string[] = [];
  for (let i = 0; i < 40; i++) params.push(`p${i}`);
  const shapes = [
    "def f(): pass",
    "def f(a, b=1, *args, c, d=2, **kw): return a",
    "def f(*args, c, d, e): return c",
    `def f(${params.join(", ")}): return p0`,
    `def f(${params.map((p) => p + "=0").join(", ")}): return p0`,
    `def f(*, ${params.join(", ")}): return p0`,
    "def f():\n" + Array.from({ length: 300 }, (_, i) => `    v${i} = ${i}`)
      .join("\n") +
    "\n    return v0",
    "def f():\n    try:\n        try:\n            try:\n                x()\n" +
    "            finally:\n                pass\n        except E:\n" +
    "            pass\n    finally:\n        pass",
    "def f():\n    yield 1",
    "def f(x):\n    def g():\n        return x\n    return g",
  ];
  for (const src of shapes) {
    const m = compile(src + "\n", { sourceName: "t.py" });
    const f = m.root.children[0];
    const back = readMpy(writeMpy(m)).root.children[0];
    for (
      const k of [
        "nState",
        "nExcStack",
        "scopeFlags",
        "nPosArgs",
        "nKwonlyArgs",
        "nDefPosArgs",
        "codeStart",
        "lineInfoStart",
        "lineInfoEnd",
      ] as const
    ) {
      assert.equal(back[k], f[k], `${k} of ${src.slice(0, 30)}`);
    }
    assert.deepEqual(back.argNames, f.argNames);
    assert.deepEqual(back.cells, f.cells);
  }
});

Deno.test("star swap: *args trades places with the last keyword-only name", () => {
  const m = compile("def f(a, b=1, *args, c, d=2, **kw): return a\n", {
    sourceName: "t.py",
  });
  const f = m.root.children[0];
  assert.deepEqual(f.argNames.map((i) => m.qstrs[i]), ["a", "b", "d", "c"]);
  const g = compile("def f(*args, c, d, e): return c\n", { sourceName: "t.py" })
    .root.children[0];
  assert.equal(g.nKwonlyArgs, 3);
});

Deno.test("qstrs: pass 1 of every scope, then pass 2 of every scope", () => {
  const m = compile(
    "import os\ndef zeta(alpha):\n    return alpha.beta\nq = zeta(1)\n",
    { sourceName: "o.py" },
  );
  // Pass 1 registers simple names, imports and attributes (`beta`); names
  // and arguments (`q`, `alpha`) only come in pass 2.
  assert.deepEqual(m.qstrs, [
    "o.py",
    "<module>",
    "os",
    "zeta",
    "beta",
    "q",
    "alpha",
  ]);
});

Deno.test("constants are shared by value and children follow scope order", () => {
  const m = compile(
    "a = 1.5\nb = 1.5\nc = 2**70\nd = -0.0\ne = 0.0\n" +
      "def g(): pass\nclass C: pass\nh = lambda: 0\n",
    { sourceName: "t.py" },
  );
  const kinds = m.objs.map((o) => o.kind);
  assert.equal(kinds.length, 4, JSON.stringify(kinds));
  assert.deepEqual(
    m.root.children.map((c) => m.qstrs[c.simpleName]),
    ["g", "C", "<lambda>"],
  );
});

Deno.test("stack depth counts the deepest point", () => {
  // n_state = locals + max stack.
  const m = compile("def f(a):\n    return (a, (a, (a, (a, a))))\n", {
    sourceName: "t.py",
  });
  const f = m.root.children[0];
  assert.equal(f.nState, 1 + 5);
});

Deno.test("code after return/raise/break/continue is not emitted", () => {
  assert.deepEqual(ops("def f():\n    return 1\n    x = 2\n"), [
    "MAKE_FUNCTION 0 f",
    "STORE_NAME 2 'f'",
    "LOAD_CONST_NONE",
    "RETURN_VALUE",
  ]);
  const m = compile("def f():\n    return 1\n    x = 2\n", {
    sourceName: "t.py",
  });
  const body = decodeInstructions(m, m.root.children[0]).map((i) => i.name);
  assert.deepEqual(body, ["LOAD_CONST_SMALL_INT", "RETURN_VALUE"]);
  const loop = compile(
    "while a:\n    break\n    b()\nelse:\n    c()\n",
    { sourceName: "t.py" },
  );
  const names = decodeInstructions(loop, loop.root).map((i) => i.operand);
  assert.ok(!names.some((s) => s.includes("'b'")));
});

Deno.test("if False and while False blocks disappear, asserts go at -O1", () => {
  assert.deepEqual(ops("if False:\n    x()\ny = 1\n"), [
    "LOAD_CONST_SMALL_INT 1",
    "STORE_NAME 2 'y'",
    "LOAD_CONST_NONE",
    "RETURN_VALUE",
  ]);
  assert.deepEqual(ops("assert x, 'm'\n", 1), [
    "LOAD_CONST_NONE",
    "RETURN_VALUE",
  ]);
  assert.ok(ops("assert x, 'm'\n", 0).some((s) => s.startsWith("RAISE")));
  assert.deepEqual(ops("if __debug__:\n    x()\n", 1), [
    "LOAD_CONST_NONE",
    "RETURN_VALUE",
  ]);
});
