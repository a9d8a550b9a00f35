import assert from "node:assert/strict";
import { runUpy, tempFolder } from "../upy_process.ts";

Deno.test("--version names upy's version and the .mpy version", async () => {
  const r = await runUpy(["--version"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^upy \d+\.\d+\.\d+; reads and writes \.mpy v6\.3\n$/);
});

Deno.test("--help shows every command and exits 0", async () => {
  const r = await runUpy(["--help"]);
  assert.equal(r.code, 0);
  for (
    const word of [
      "compile",
      "dis",
      "mem",
      "boards",
      "-X heapsize",
      "-c CODE",
      "-m MODULE",
    ]
  ) {
    assert.ok(r.stdout.includes(word), `help mentions ${word}`);
  }
});

Deno.test("each command has its own --help", async () => {
  for (const cmd of ["compile", "dis", "mem", "boards"]) {
    const r = await runUpy([cmd, "--help"]);
    assert.equal(r.code, 0, cmd);
    assert.match(r.stdout, new RegExp(`^usage: upy ${cmd}`), cmd);
  }
});

Deno.test("an unknown option is a usage error with a hint", async () => {
  const r = await runUpy(["--bogus"]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /--bogus/);
  assert.match(r.stderr, /Try 'upy --help'/);
});

Deno.test("usage errors of each command exit 2 and say what was wrong", async () => {
  const cases: [string[], RegExp][] = [
    [["-c"], /-c needs an argument/],
    [["-X", "heapsize=lots", "-c", "pass"], /invalid heap size 'lots'/],
    [["-X", "frobnicate", "-c", "pass"], /unknown implementation option/],
    [["--board", "nosuchboard", "-c", "pass"], /unknown board 'nosuchboard'/],
    [["-X", "emit=native", "-c", "pass"], /bytecode only/],
    [["compile"], /exactly one FILE\.py/],
    [["dis", "a.py", "b.py"], /exactly one FILE\.py or FILE\.mpy/],
    [["boards", "extra"], /unexpected argument 'extra'/],
    [["mem", "-c", "pass"], /upy mem needs a FILE\.py/],
  ];
  for (const [args, message] of cases) {
    const r = await runUpy(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.stderr, message, args.join(" "));
    assert.match(r.stderr, /Try 'upy --help'/, args.join(" "));
  }
});

Deno.test("boards lists host and rp2040 with word size, heap and float precision", async () => {
  const r = await runUpy(["boards"]);
  assert.equal(r.code, 0);
  const lines = r.stdout.trim().split("\n");
  assert.match(
    lines[0],
    /^host\s+32-bit\s+heap \d+ bytes\s+double-precision float/,
  );
  assert.ok(
    lines.some((l) =>
      /^rp2040\s+32-bit\s+heap \d+ bytes\s+single-precision float/.test(l)
    ),
  );
});

Deno.test("a missing script is reported with exit status 2", async () => {
  const dir = await tempFolder({});
  const r = await runUpy(["no_such_script.py"], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /can't open file 'no_such_script\.py'/);
});
