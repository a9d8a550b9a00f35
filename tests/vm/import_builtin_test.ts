import assert from "node:assert/strict";
import { runUpy, tempFolder } from "../upy_process.ts";

Deno.test("a file on sys.path overrides an extensible built-in module", async () => {
  const dir = await tempFolder({
    "random.py": "ORIGIN = 'file'\n",
    "main.py": "import random\nprint(random.ORIGIN)\n",
  });
  const r = await runUpy(["main.py"], { cwd: dir });
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "file\n");
});

Deno.test("sys and micropython can't be overridden by files", async () => {
  const dir = await tempFolder({
    "sys.py": "print('wrong sys')\n",
    "micropython.py": "print('wrong micropython')\n",
    "main.py":
      "import sys, micropython\nprint(sys.implementation.name, hasattr(micropython, 'const'))\n",
  });
  const r = await runUpy(["main.py"], { cwd: dir });
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "micropython True\n");
});

Deno.test("the old u-prefixed names find the built-in modules", async () => {
  const r = await runUpy([
    "-c",
    "import ujson, uos, utime, usys, json, os, time, sys\n" +
    "print(ujson is json, uos is os, utime is time, usys is sys)\n" +
    "try:\n    import umath\nexcept ImportError as e:\n    print(e)\n",
  ]);
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, "True True True True\nno module named 'umath'\n");
});
