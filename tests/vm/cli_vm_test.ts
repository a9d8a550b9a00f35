/**
 * The VM as the `upy` command runs it: exit statuses, tracebacks on
 * stderr, `SystemExit`, running `.mpy` files, the REPL on standard input,
 * and Ctrl-C (SIGINT) turning into `KeyboardInterrupt`.
 *
 * @module
 */

import { match, ok, strictEqual } from "node:assert/strict";
import * as nodePath from "node:path";
import { compile, writeMpy } from "../../compiler/mod.ts";
import { ROOT, runUpy, tempFolder } from "../upy_process.ts";

Deno.test("cli: an uncaught exception prints a traceback and exits 1", async () => {
  const dir = await tempFolder({
    "t.py": "def f():\n    raise ValueError('bad', 2)\nprint('before')\nf()\n",
  });
  const r = await runUpy(["t.py"], { cwd: dir });
  strictEqual(r.code, 1);
  strictEqual(r.stdout, "before\n");
  strictEqual(
    r.stderr,
    'Traceback (most recent call last):\n  File "t.py", line 4, in <module>\n' +
      "  File \"t.py\", line 2, in f\nValueError: ('bad', 2)\n",
  );
});

Deno.test("cli: SystemExit gives its code", async () => {
  const dir = await tempFolder({
    "a.py": "import sys\nsys.exit(3)\n",
    "b.py": "raise SystemExit\n",
    "c.py": "import sys\nsys.exit('bye')\n",
  });
  strictEqual((await runUpy(["a.py"], { cwd: dir })).code, 3);
  strictEqual((await runUpy(["b.py"], { cwd: dir })).code, 0);
  const c = await runUpy(["c.py"], { cwd: dir });
  strictEqual(c.code, 1);
  strictEqual(c.stderr, "bye\n");
});

Deno.test("cli: a .mpy file runs, a bad one raises ValueError", async () => {
  const good = writeMpy(
    compile("print('from mpy', 6 * 7)\n", { sourceName: "m.py" }),
  );
  const bad = good.slice();
  bad[1] = 5;
  const dir = await tempFolder({ "m.mpy": good, "bad.mpy": bad });
  const r = await runUpy(["m.mpy"], { cwd: dir });
  strictEqual(r.stdout, "from mpy 42\n");
  strictEqual(r.code, 0);
  const b = await runUpy(["bad.mpy"], { cwd: dir });
  strictEqual(b.code, 1);
  match(b.stderr, /ValueError: incompatible \.mpy file\n$/);
});

Deno.test("cli: piped standard input runs as a program named <stdin>", async () => {
  const r = await runUpy([], {
    stdin: "import sys\nprint(6 * 7, sys.argv)\nraise KeyError('k')\n",
  });
  strictEqual(r.code, 1);
  strictEqual(r.stdout, "42 []\n");
  match(r.stderr, /File "<stdin>", line 3, in <module>\nKeyError: k\n$/);
});

Deno.test("cli: with -i the REPL reads statements from standard input", async () => {
  const r = await runUpy(["-i"], {
    stdin:
      "x = 6\nx * 7\nfor i in range(2):\n    print('i', i)\n\nraise KeyError('k')\n",
  });
  strictEqual(r.code, 0);
  ok(r.stdout.includes(">>> "), r.stdout);
  ok(r.stdout.includes("42\n"), r.stdout);
  ok(r.stdout.includes("i 0\ni 1\n"), r.stdout);
  ok(r.stdout.includes("... "), r.stdout);
  match(r.stderr, /KeyError: k\n/);
});

Deno.test("cli: -c runs code and sys.argv holds the arguments", async () => {
  const r = await runUpy(["-c", "import sys\nprint(sys.argv)", "x", "y"]);
  strictEqual(r.stdout, "['-c', 'x', 'y']\n");
  strictEqual(r.code, 0);
});

Deno.test("cli: Ctrl-C interrupts a running loop with KeyboardInterrupt", async () => {
  const dir = await tempFolder({
    "loop.py": "print('started')\nn = 0\nwhile True:\n    n += 1\n",
  });
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", nodePath.join(ROOT, "main.ts"), "loop.py"],
    cwd: dir,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.getReader();
  let seen = "";
  while (!seen.includes("started\n")) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  child.kill("SIGINT");
  const out = await child.output();
  const stderr = new TextDecoder().decode(out.stderr);
  strictEqual(out.code, 1, stderr);
  match(
    stderr,
    /File "loop\.py", line \d+, in <module>\nKeyboardInterrupt: \n$/,
  );
});
