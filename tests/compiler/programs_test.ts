// Each program under programs/ is compiled by upy and run from the .mpy in
// the real MicroPython; its output must equal MicroPython running the source.
import assert from "node:assert/strict";
import { runOracle } from "../oracle.ts";
import { compile, disassemble, writeMpy } from "../../compiler/mod.ts";

const PROGRAMS = new URL("./programs/", import.meta.url);

function programNames(): string[] {
  return [...Deno.readDirSync(PROGRAMS)]
    .filter((e) => e.isFile && e.name.endsWith(".py"))
    .map((e) => e.name)
    .sort();
}

function readProgram(name: string): string {
  return Deno.readTextFileSync(new URL(name, PROGRAMS));
}

/** Runs source in the oracle, compiled there at the given optimisation level. */
async function runSource(
  source: string,
  optLevel: number,
): Promise<{ stdout: string; stderr: string }> {
  if (optLevel === 0) return await runOracle({ code: source });
  const driver = "import micropython\n" +
    `micropython.opt_level(${optLevel})\n` +
    "exec(compile(open('prog.py').read(), 'main.py', 'exec'), " +
    "{'__name__': '__main__'})\n";
  return await runOracle({ code: driver, files: { "prog.py": source } });
}

for (const name of programNames()) {
  Deno.test(`program ${name} runs the same from upy's .mpy`, async () => {
    const source = readProgram(name);
    const mpy = writeMpy(compile(source, { sourceName: "main.py" }));
    const expected = await runOracle({ code: source });
    const actual = await runOracle({ mpy });
    assert.equal(actual.stdout, expected.stdout);
    assert.equal(actual.stderr, expected.stderr);
    assert.equal(actual.exitCode, expected.exitCode);
  });
}

for (const optLevel of [1, 3]) {
  Deno.test(`programs run the same at -O${optLevel}`, async () => {
    for (const name of ["exceptions.py", "consts.py", "functions.py"]) {
      const source = readProgram(name);
      const mpy = writeMpy(
        compile(source, { sourceName: "main.py", optLevel }),
      );
      const expected = await runSource(source, optLevel);
      const actual = await runOracle({ mpy });
      assert.equal(actual.stdout, expected.stdout, name);
    }
  });
}

Deno.test("-O drops asserts and makes __debug__ false", async () => {
  const source =
    "assert False, 'gone'\nprint(__debug__)\nif __debug__:\n    print('dbg')\n";
  const o0 = await runOracle({
    mpy: writeMpy(compile(source, { sourceName: "a.py" })),
  });
  assert.equal(o0.exitCode, 1);
  assert.match(o0.stderr, /AssertionError: gone/);
  const o1 = await runOracle({
    mpy: writeMpy(compile(source, { sourceName: "a.py", optLevel: 1 })),
  });
  assert.equal(o1.stdout, "False\n");
});

Deno.test("-O3 leaves out the line-number table", () => {
  const src = "x = 1\ny = 2\nz = x + y\n";
  const m0 = compile(src, { sourceName: "a.py" });
  const m3 = compile(src, { sourceName: "a.py", optLevel: 3 });
  assert.ok(m0.root.lineInfoEnd > m0.root.lineInfoStart);
  assert.equal(m3.root.lineInfoEnd, m3.root.lineInfoStart);
});

Deno.test("single mode prints expression statements like the REPL", async () => {
  const m = compile("1 + 2; x = [5] * 2; x\n", {
    sourceName: "<stdin>",
    mode: "single",
  });
  const r = await runOracle({ mpy: writeMpy(m) });
  assert.equal(r.stdout, "3\n[5, 5]\n");
});

Deno.test("eval mode returns the expression's value", () => {
  const m = compile("x * 2 + 1", { sourceName: "<string>", mode: "eval" });
  const listing = disassemble(m);
  assert.match(listing, /BINARY_OP 27 ADD\s+line 1\n\s+\d+\s+RETURN_VALUE/);
  assert.doesNotMatch(listing, /LOAD_CONST_NONE/);
});

Deno.test("native and viper functions are compiled as bytecode", async () => {
  const source = "import micropython\n" +
    "@micropython.native\ndef f(a, b):\n    return a * b\n" +
    "@micropython.viper\ndef g(a, b):\n    return a + b\n" +
    "print(f(6, 7), g(1, 2))\n";
  const m = compile(source, { sourceName: "main.py" });
  assert.deepEqual(m.root.children.map((c) => c.decorator), [
    "native",
    "viper",
  ]);
  assert.match(disassemble(m), /@micropython\.native compiled as bytecode/);
  const r = await runOracle({ mpy: writeMpy(m) });
  assert.equal(r.stdout, "42 3\n");
});

Deno.test("the source name is the traceback file name", async () => {
  const m = compile("def f():\n    raise ValueError('x')\nf()\n", {
    sourceName: "dir\\prog.py",
  });
  assert.equal(m.qstrs[0], "dir/prog.py");
  const r = await runOracle({ mpy: writeMpy(m) });
  assert.match(r.stderr, /File "dir\/prog\.py", line 2, in f/);
  assert.match(r.stderr, /File "dir\/prog\.py", line 3, in <module>/);
});
