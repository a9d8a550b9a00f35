import assert from "node:assert/strict";
import * as nodePath from "node:path";
import { runOracle } from "../oracle.ts";
import { runUpy, tempFolder } from "../upy_process.ts";

const PROGRAM = `def greet(name, punct="!"):
    return "hello " + name + punct

class Counter:
    def __init__(self):
        self.n = 0
    def bump(self, by=1):
        self.n += by
        return self.n

c = Counter()
for w in ("board", "laptop"):
    c.bump(len(w))
    print(greet(w), c.n)
print({k: k * 2 for k in range(4)}, 2**70)
`;

Deno.test("compile writes a .mpy that runs in upy and in MicroPython", async () => {
  const dir = await tempFolder({ "app.py": PROGRAM });
  const r = await runUpy(["compile", "app.py"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout + r.stderr, "");
  const mpy = await Deno.readFile(nodePath.join(dir, "app.mpy"));
  assert.deepEqual([...mpy.subarray(0, 4)], [0x4d, 6, 0, 31]);
  const expected = (await runOracle({ code: PROGRAM })).stdout;
  const ours = await runUpy(["app.mpy"], { cwd: dir });
  assert.equal(ours.stdout, expected);
  const theirs = await runOracle({ mpy });
  assert.equal(theirs.stdout, expected, theirs.stderr);
});

Deno.test("compile -o and -s set the output file and the stored source name", async () => {
  const dir = await tempFolder({ "src/app.py": "raise ValueError('x')\n" });
  const r = await runUpy(
    ["compile", "src/app.py", "-o", "out.mpy", "-s", "lib/app.py"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  const run = await runUpy(["out.mpy"], { cwd: dir });
  assert.equal(run.code, 1);
  assert.match(
    run.stderr,
    /File "lib\/app\.py", line 1, in <module>\nValueError: x\n/,
  );
});

Deno.test("compile -O drops asserts and -O3 drops line numbers", async () => {
  const dir = await tempFolder({
    "a.py": "x = 1\nassert x == 2, 'no'\nprint('after')\n",
  });
  const plain = await runUpy(["compile", "a.py", "-o", "a0.mpy"], { cwd: dir });
  assert.equal(plain.code, 0);
  const r0 = await runUpy(["a0.mpy"], { cwd: dir });
  assert.match(r0.stderr, /AssertionError: no/);
  await runUpy(["compile", "a.py", "-O", "-o", "a1.mpy"], { cwd: dir });
  const r1 = await runUpy(["a1.mpy"], { cwd: dir });
  assert.equal(r1.stdout, "after\n");
  await runUpy(["compile", "a.py", "-O3", "-o", "a3.mpy"], { cwd: dir });
  const dis0 = await runUpy(["dis", "a0.mpy"], { cwd: dir });
  const dis3 = await runUpy(["dis", "a3.mpy"], { cwd: dir });
  assert.notEqual(dis0.stdout, dis3.stdout);
  const size0 = (await Deno.stat(nodePath.join(dir, "a0.mpy"))).size;
  const size3 = (await Deno.stat(nodePath.join(dir, "a3.mpy"))).size;
  assert.ok(size3 < size0, `${size3} < ${size0}`);
});

Deno.test("compile reports a syntax error as mpy-cross does and exits 1", async () => {
  const dir = await tempFolder({ "bad.py": "x = 1\nif x\n    pass\n" });
  const r = await runUpy(["compile", "bad.py"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /File "bad\.py", line 2/);
  assert.match(r.stderr, /SyntaxError: invalid syntax\n$/);
});

Deno.test("dis shows tables, preludes and instructions with lines", async () => {
  const dir = await tempFolder({
    "f.py": "def add(a, b=2):\n    return a + b\n\nprint(add(1))\n",
  });
  const r = await runUpy(["dis", "f.py"], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  for (
    const text of [
      "add",
      "print",
      "MAKE_FUNCTION_DEFARGS",
      "BINARY_OP",
      "RETURN_VALUE",
      "n_state",
    ]
  ) {
    assert.ok(r.stdout.includes(text), `dis mentions ${text}`);
  }
  await runUpy(["compile", "f.py"], { cwd: dir });
  const fromMpy = await runUpy(["dis", "f.mpy"], { cwd: dir });
  assert.equal(fromMpy.stdout, r.stdout);
});

Deno.test("dis rejects a malformed .mpy with exit status 1", async () => {
  const dir = await tempFolder({
    "junk.mpy": new Uint8Array([0x4d, 6, 0, 31, 0xff]),
  });
  const r = await runUpy(["dis", "junk.mpy"], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /incompatible \.mpy file/);
});

Deno.test("-m runs a module from sys.path as __main__ with its arguments", async () => {
  const dir = await tempFolder({
    "tool.py": "import sys\nprint(__name__, sys.argv)\n",
  });
  const r = await runUpy(["-m", "tool", "a", "b"], { cwd: dir });
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "__main__ ['tool', 'a', 'b']\n");
});

Deno.test("a script gets sys.argv as the micropython binary sets it", async () => {
  const dir = await tempFolder({ "s.py": "import sys\nprint(sys.argv)\n" });
  const r = await runUpy(["s.py", "one", "--two"], { cwd: dir });
  assert.equal(r.stdout, "['s.py', 'one', '--two']\n");
});

Deno.test("exit status follows SystemExit and uncaught exceptions", async () => {
  const cases: [string, number, string][] = [
    ["import sys\nsys.exit(3)", 3, ""],
    ["import sys\nsys.exit()", 0, ""],
    ["raise SystemExit", 0, ""],
    ["1/0", 1, "ZeroDivisionError: divide by zero\n"],
  ];
  for (const [code, status, tail] of cases) {
    const r = await runUpy(["-c", code]);
    assert.equal(r.code, status, code);
    assert.ok(r.stderr.endsWith(tail), `${code}: ${r.stderr}`);
  }
});

Deno.test("-X heapsize limits the heap: a big allocation raises MemoryError", async () => {
  const code =
    "try:\n    x = bytearray(100000)\n    print('ok')\nexcept MemoryError as e:\n    print('MemoryError', e)";
  const small = await runUpy(["-X", "heapsize=32k", "-c", code]);
  assert.equal(
    small.stdout,
    "MemoryError memory allocation failed, allocating 100000 bytes\n",
  );
  const big = await runUpy(["-X", "heapsize=1m", "-c", code]);
  assert.equal(big.stdout, "ok\n");
});

Deno.test("--board rp2040 has single-precision floats and the Pico's identity", async () => {
  const r = await runUpy([
    "--board",
    "rp2040",
    "-c",
    "import sys\nprint(sys.platform, 1/3, 0.1 + 0.2)",
  ]);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "rp2 0.3333333 0.3\n");
});

Deno.test("the script sees only the mounted folder", async () => {
  const dir = await tempFolder({
    "data.txt": "hello",
    "s.py": "import os\nprint(open('data.txt').read(), os.getcwd())\n" +
      "try:\n    open('/etc/passwd')\nexcept OSError as e:\n    print('OSError', e.errno)\n",
  });
  const r = await runUpy(["s.py"], { cwd: dir });
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "hello /remote\nOSError 2\n");
});

Deno.test("the demo runs on the Pico profile and finds its heap's limit", async () => {
  const r = await runUpy(["--board", "rp2040", "examples/demo.py"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Board: rp2 - \d+ bytes of GC heap\n/);
  assert.match(r.stdout, /\n1\/3 = 0\.3333333\n/);
  assert.match(r.stdout, /\na float costs 16 bytes\n/);
  const fitted = Number(/MemoryError after (\d+) buffers/.exec(r.stdout)?.[1]);
  // About 210 KiB of heap on the Pico: far fewer than on the host board.
  assert.ok(fitted > 150 && fitted < 260, `${fitted} buffers`);
  assert.match(r.stdout, /\nGC: total: \d+, used: \d+, free: \d+\n/);
});
