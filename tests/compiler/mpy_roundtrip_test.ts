// Writer and reader agree: compile → write → read → write reproduces the same
// bytes, the read tree equals the compiled one, and the disassembler prints
// both the same way.
import assert from "node:assert/strict";
import {
  compile,
  type CompiledModule,
  ConstKind,
  type ConstObject,
  disassemble,
  type RawCode,
  readMpy,
  writeMpy,
} from "../../compiler/mod.ts";

const PROGRAMS = new URL("./programs/", import.meta.url);

function programSources(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of Deno.readDirSync(PROGRAMS)) {
    if (entry.isFile && entry.name.endsWith(".py")) {
      out.push([
        entry.name,
        Deno.readTextFileSync(new URL(entry.name, PROGRAMS)),
      ]);
    }
  }
  out.sort((a, b) => a[0] < b[0] ? -1 : 1);
  return out;
}

/** The raw code tree without compiler-only annotations. */
function plain(code: RawCode): unknown {
  return {
    kind: code.kind,
    funData: Array.from(code.funData),
    codeStart: code.codeStart,
    simpleName: code.simpleName,
    argNames: code.argNames,
    lineInfoStart: code.lineInfoStart,
    lineInfoEnd: code.lineInfoEnd,
    cells: code.cells,
    nState: code.nState,
    nExcStack: code.nExcStack,
    scopeFlags: code.scopeFlags,
    nPosArgs: code.nPosArgs,
    nKwonlyArgs: code.nKwonlyArgs,
    nDefPosArgs: code.nDefPosArgs,
    children: code.children.map(plain),
  };
}

function plainModule(m: CompiledModule): unknown {
  return {
    smallIntBits: m.smallIntBits,
    arch: m.arch,
    qstrs: m.qstrs,
    objs: m.objs.map(plainObj),
    root: plain(m.root),
  };
}

function plainObj(o: ConstObject): unknown {
  switch (o.kind) {
    case ConstKind.Bytes:
      return { kind: o.kind, value: Array.from(o.value) };
    case ConstKind.Tuple:
      return { kind: o.kind, items: o.items.map(plainObj) };
    default:
      return o;
  }
}

function withoutNotes(text: string): string {
  return text.replace(/ *; @micropython\.\w+ compiled as bytecode/g, "");
}

Deno.test("every test program survives write → read → write", () => {
  for (const [name, src] of programSources()) {
    for (const optLevel of [0, 3]) {
      const m = compile(src, { sourceName: name, optLevel });
      const bytes = writeMpy(m);
      const back = readMpy(bytes);
      assert.deepEqual(plainModule(back), plainModule(m), name);
      assert.deepEqual(writeMpy(back), bytes, name);
      assert.equal(
        withoutNotes(disassemble(back)),
        withoutNotes(disassemble(m)),
        name,
      );
    }
  }
});

Deno.test("constants of every kind round-trip exactly", () => {
  const src = [
    "a = 1.5",
    "b = -0.0",
    "c = 1e300 * 10",
    "d = 2.5j",
    "e = 1e-310",
    "f = 0.1",
    "g = 123456789012345678901234567890",
    "h = -(2 ** 100)",
    "i = b'\\x00\\xff' b'abc'",
    "j = 'a long string that is not a qstr \\u00e9'",
    "k = (1, 2.0, ('x', b'y'), None, True, False, ...)",
    "l = 1.7976931348623157e308",
    "m = 5e-324",
    "n = float('nan')",
    "import math",
    "o = math.nan",
    "p = math.inf",
  ].join("\n") + "\n";
  for (const smallIntBits of [31, 63]) {
    const m = compile(src, { sourceName: "c.py", smallIntBits });
    const bytes = writeMpy(m);
    const back = readMpy(bytes, { maxSmallIntBits: 63 });
    assert.equal(back.smallIntBits, smallIntBits);
    assert.deepEqual(back.objs.map(plainObj), m.objs.map(plainObj));
    assert.deepEqual(writeMpy(back), bytes);
  }
  const floats = compile(src, { sourceName: "c.py" }).objs
    .filter((o) => o.kind === ConstKind.Float)
    .map((o) => o.kind === ConstKind.Float ? o.text : "");
  assert.deepEqual(floats, [
    "1.5",
    "-0.0",
    "1e+301",
    // MicroPython's own formatting of subnormals.
    "0.999999999999997e-310",
    "0.1",
    "1.7976931348623157e+308",
    "4.940656458412465e-324",
    "nan",
    "inf",
  ]);
});

Deno.test("the header carries version, feature byte and small-int bits", () => {
  const bytes = writeMpy(compile("x = 1\n", { sourceName: "h.py" }));
  assert.deepEqual(Array.from(bytes.slice(0, 4)), [0x4d, 6, 0, 31]);
  const wide = writeMpy(
    compile("x = 1\n", { sourceName: "h.py", smallIntBits: 63 }),
  );
  assert.equal(wide[3], 63);
  assert.match(
    disassemble(readMpy(bytes)),
    /^mpy v6\.3 feature=0x00 arch=0 small-int-bits=31\n/,
  );
});

Deno.test("the disassembly names every prelude field and operand", () => {
  const src = "def f(a, b=2, *c, d, **e):\n    x = a\n" +
    "    def g():\n        return x\n    return g\n" +
    "y = [i for i in range(3)]\n";
  const text = disassemble(compile(src, { sourceName: "d.py" }));
  for (
    const part of [
      "qstrs[",
      "objs[",
      "raw code 0 '<module>'",
      "raw code 0.0 'f'",
      "n_state=",
      "n_exc_stack=",
      "flags=VARKEYWORDS|VARARGS",
      "n_pos_args=2",
      "n_kwonly_args=1",
      "n_def_pos_args=1",
      "args: [a, b, d]",
      "cells: [",
      "lines: [",
      "MAKE_CLOSURE",
      "LOAD_DEREF",
      "MAKE_FUNCTION_DEFARGS",
      "'<listcomp>'",
      "FOR_ITER",
      "line 6",
    ]
  ) {
    assert.ok(text.includes(part), `missing ${JSON.stringify(part)}\n${text}`);
  }
});

Deno.test("the reader rejects truncated and corrupted files cleanly", () => {
  const bytes = writeMpy(
    compile(programSources()[0][1], { sourceName: "x.py" }),
  );
  let rejected = 0;
  for (let n = 0; n < bytes.length; n += Math.max(1, bytes.length >> 7)) {
    try {
      readMpy(bytes.slice(0, n));
    } catch (e) {
      assert.ok(e instanceof Error);
      rejected++;
    }
  }
  assert.ok(rejected > 0);
});
