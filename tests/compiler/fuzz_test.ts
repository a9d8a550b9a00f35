// Malformed input never crashes the compiler: every truncated or mutated
// source either compiles or raises CompileError, and pathological nesting is
// rejected cleanly.
import assert from "node:assert/strict";
import { mulberry32 as rng } from "../seeded_random.ts";
import {
  compile,
  CompileError,
  disassemble,
  writeMpy,
} from "../../compiler/mod.ts";
import { readMpy } from "../../compiler/mpy_reader.ts";

const PROGRAMS = new URL("./programs/", import.meta.url);

function corpus(): string[] {
  return [...Deno.readDirSync(PROGRAMS)]
    .filter((e) => e.name.endsWith(".py"))
    .map((e) => e.name)
    .sort()
    .map((n) => Deno.readTextFileSync(new URL(n, PROGRAMS)));
}

const SNIPPETS = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ":",
  ",",
  ".",
  ";",
  "=",
  "==",
  ":=",
  "*",
  "**",
  "\\",
  "\n",
  "\t",
  " ",
  "    ",
  "#",
  "'",
  '"',
  '"""',
  "f'",
  "b'",
  "rf'{",
  "{x}",
  "{{",
  "0x",
  "1e",
  "1_",
  "0b2",
  "é",
  "\u0000",
  "\r",
  "lambda",
  "yield",
  "await",
  "async ",
  "def ",
  "class ",
  "return",
  "del ",
  "global x",
  "nonlocal y",
  "import ",
  "from . import",
  "if ",
  "else:",
  "elif ",
  "try:",
  "except",
  "finally:",
  "with ",
  "as ",
  "for ",
  "in ",
  "while ",
  "break",
  "continue",
  "not ",
  "and ",
  "or ",
  "is ",
  "None",
  "True",
  "...",
  "@",
  "->",
  "const(",
  "super()",
  "__class__",
];

function mutate(src: string, r: () => number): string {
  const n = src.length;
  const pos = Math.floor(r() * (n + 1));
  switch (Math.floor(r() * 7)) {
    case 0:
      return src.slice(0, pos);
    case 1: {
      const len = Math.floor(r() * 40);
      return src.slice(0, pos) + src.slice(pos + len);
    }
    case 2:
      return src.slice(0, pos) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] +
        src.slice(pos);
    case 3: {
      const lines = src.split("\n");
      const i = Math.floor(r() * lines.length);
      const j = Math.floor(r() * lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join("\n");
    }
    case 4: {
      const lines = src.split("\n");
      const i = Math.floor(r() * lines.length);
      lines[i] = " ".repeat(Math.floor(r() * 9)) + lines[i].trimStart();
      return lines.join("\n");
    }
    case 5: {
      const c = String.fromCharCode(Math.floor(r() * 128));
      return src.slice(0, pos) + c + src.slice(pos + 1);
    }
    default: {
      const len = Math.floor(r() * 200);
      const from = Math.floor(r() * n);
      return src.slice(0, pos) + src.slice(from, from + len) + src.slice(pos);
    }
  }
}

function compileOrReject(src: string): void {
  try {
    const m = compile(src, { sourceName: "fuzz.py" });
    // Whatever compiles must also serialise and load again.
    readMpy(writeMpy(m));
  } catch (e) {
    if (!(e instanceof CompileError)) {
      throw new Error(`non-CompileError ${e} for ${JSON.stringify(src)}`);
    }
    // The nesting limits must trigger before the JavaScript stack runs out.
    assert.notEqual(e.message, "maximum recursion depth exceeded");
  }
}

Deno.test("thousands of mutated sources compile or raise CompileError", () => {
  const sources = corpus();
  const r = rng(20240611);
  let count = 0;
  for (let round = 0; round < 250; round++) {
    for (const base of sources) {
      let src = base;
      const steps = 1 + Math.floor(r() * 4);
      for (let k = 0; k < steps; k++) src = mutate(src, r);
      compileOrReject(src);
      count++;
    }
  }
  assert.ok(count >= 4000);
});

Deno.test("every prefix of a program compiles or raises CompileError", () => {
  for (const base of corpus().slice(0, 6)) {
    for (let i = 0; i < base.length; i += 7) compileOrReject(base.slice(0, i));
  }
});

Deno.test("pathological nesting is rejected without exhausting the stack", () => {
  const n = 20000;
  const cases = [
    "x = " + "[".repeat(n) + "]".repeat(n),
    "x = " + "(".repeat(n) + "1" + ")".repeat(n),
    "x = " + "-".repeat(n) + "y",
    "x = " + "not ".repeat(n) + "y",
    "x = " + "lambda: ".repeat(n) + "1",
    "x = f" + "(".repeat(n) + ")".repeat(n),
    "x = " + "f(".repeat(n) + ")".repeat(n),
    "x = y" + ".a".repeat(n) + "\n",
    "x = " + "(".repeat(n) + "1" + ",)".repeat(n),
    "x = " + "{1: ".repeat(n) + "1" + "}".repeat(n),
    "if " + "x and ".repeat(n) + "y: pass\n",
    "if " + "not ".repeat(n) + "y: pass\n",
    "(" + "a, (".repeat(n) + "b" + ")".repeat(n) + ") = z\n",
    "with " + "a, ".repeat(n) + "b: pass\n",
    "x = [" + "y for y in z ".repeat(n) + "]\n",
    "x = " + "[".repeat(n),
    "x = '" + "a".repeat(100000) + "'\n",
    Array.from({ length: 1200 }, (_, i) => " ".repeat(i) + "if x:\n").join("") +
    " ".repeat(1200) + "pass\n",
    Array.from({ length: 300 }, (_, i) => " ".repeat(i) + "def f():\n").join(
      "",
    ) +
    " ".repeat(300) + "pass\n",
  ];
  for (const src of cases) compileOrReject(src);
});

Deno.test("moderately deep nesting compiles", () => {
  const n = 500;
  compile("x = " + "[".repeat(n) + "]".repeat(n), { sourceName: "d.py" });
  compile("x = " + "f(".repeat(n) + ")".repeat(n), { sourceName: "d.py" });
  // Nested scopes as deep as the compiler allows still write, read and list.
  const m = compile("x = " + "lambda: ".repeat(1000) + "1", {
    sourceName: "d.py",
  });
  const back = readMpy(writeMpy(m));
  assert.ok(disassemble(back).includes("<lambda>"));
});
