// Syntax errors: upy's message, line and traceback text must be those of
// MicroPython's own compiler (the oracle's compile() builtin).
import assert from "node:assert/strict";
import { runOracle } from "../oracle.ts";
import {
  compile,
  CompileError,
  formatCompileError,
} from "../../compiler/mod.ts";

const BAD_SOURCES: string[] = [
  // lexer and parser
  "x = (1,\n",
  "x = 1 +\n",
  "def f(:\n    pass\n",
  "if x\n    pass\n",
  "if x:\npass\n",
  "  x = 1\n",
  "if x:\n    a = 1\n  b = 2\n",
  "x = 'unterminated\n",
  'x = """never closed\n\n',
  "x = 0x1g\n",
  "x = 1.2.3\n",
  "x = 1e\n",
  "x = 09\n",
  "x = 0b\n",
  "x = $\n",
  "x = a ! b\n",
  "x = '\\x4'\n",
  "x = b'\\777'\n",
  "print 'hi'\n",
  "class\n",
  "lambda x: yield\n",
  "x = [1, 2\ny = 3\n",
  "f(x for x in y, 1)\n",
  "x = f'{'\n",
  "x = 1\n  y = 2\n",
  "for x in y:\n    pass\n  else:\n    pass\n",
  "x = 1 if 2\n",
  "@micropython\ndef f(): pass\n",
  "R'raw'\n",
  "x = {**a}\n",
  "x = [*range(3)]\n",
  "x = (*a, 2)\n",
  "x = {*a, 3}\n",
  "print(*a for a in b)\n",
  "def f(*, **k): pass\n",
  // compiler
  "return 1\n",
  "def f():\n    x = 1\n    yield\nyield 2\n",
  "break\n",
  "def f():\n    continue\n",
  "f(x=1, 2)\n",
  "f(**a, *b)\n",
  "f(**a, b)\n",
  "f(1 + 2 = 3)\n",
  "a, *b, *c = d\n",
  "1 = x\n",
  "x + 1 = 2\n",
  "f() = 1\n",
  "(a, b) += 1\n",
  "[a, b] += 1\n",
  "del f()\n",
  "del 1\n",
  "del (a + b)\n",
  "x = *a\n",
  "print(*a for a in b)\n",
  "def f(a, a): pass\n",
  "def f(a=1, b): pass\n",
  "def f(*a, *b): pass\n",
  "def f(**a, b): pass\n",
  "lambda a, a: 1\n",
  "nonlocal x\n",
  "def f():\n    nonlocal x\n",
  "def f():\n    x = 1\n    global x\n",
  "def f():\n    global x\n    def g():\n        nonlocal x\n",
  "def f():\n    from m import *\n",
  "class C:\n    return 1\n",
  "x = [i for i in range(3) if (yield i)]\n",
  "await x\n",
  "async def f():\n    pass\nasync with a:\n    pass\n",
  "def f():\n    async for x in y:\n        pass\n",
  "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
  "@micropython.foo\ndef f(): pass\n",
  "{1: 2, 3}\n",
  "{1, 2: 3}\n",
  "(x := 1) := 2\n",
  "[i := 0 for i in range(2)]\n",
  "f(a.b := 1)\n",
  "def f():\n    super().m()\n",
  "from micropython import const\nX = const(f())\n",
  "def g():\n    if a:\n        pass\n    else:\n        1 = b\n",
  "def outer():\n    def inner():\n        return 1\n    break\n",
  "del (a), [b], c.d, e[f]\n",
];

async function oracleErrors(sources: string[]): Promise<string[]> {
  let code = "import io, sys\n";
  sources.forEach((src, i) => {
    code += `try:\n    compile(${JSON.stringify(src)}, 'f.py', 'exec')\n` +
      `    print('@@${i} OK')\nexcept Exception as e:\n    b = io.StringIO()\n` +
      `    sys.print_exception(e, b)\n    print('@@${i} ' + b.getvalue())\n`;
  });
  const r = await runOracle({ code });
  const out: string[] = [];
  for (const part of r.stdout.split("@@").slice(1)) {
    const space = part.indexOf(" ");
    // Drop the frame of the driver that called compile().
    out[Number(part.slice(0, space))] = part.slice(space + 1)
      .replace(/^ {2}File "main\.py".*\n/m, "")
      .replace(/\n$/, "");
  }
  return out;
}

function upyError(src: string): string {
  try {
    compile(src, { sourceName: "f.py" });
    return "OK";
  } catch (e) {
    if (e instanceof CompileError) return formatCompileError(e);
    throw e;
  }
}

Deno.test("syntax errors read exactly as MicroPython's", async () => {
  const expected = await oracleErrors(BAD_SOURCES);
  BAD_SOURCES.forEach((src, i) => {
    assert.equal(upyError(src), expected[i], JSON.stringify(src));
  });
});

Deno.test("valid edge cases compile in both", async () => {
  const GOOD = [
    "x = 00\n",
    "x = 0_0\n",
    "x = 1if 1 else 2\n".replace("1if", "1 if"),
    "x = rf'{1}\\n' + fr'\\t'\n",
    "x = f'{1}' f'{2}'\n",
    "x = f'{1!r:>{3}}'\n",
    "x = (yield)\n".replace("x = ", "def g():\n    x = "),
    "print(*a, *b, **c, **d)\n",
    "f(a, *b, c=1, *d, **e)\n",
    "x = [*a, *b]\n".replace("[*a, *b]", "1"),
    "class C(A, B, metaclass=M):\n    pass\n",
    "async def f():\n    async with a as b, c:\n        await d\n",
    "x: int\n",
    "def f():\n    x: int\n    return 1\n",
    "if (n := 10) > 5: pass\n",
    "a = b = c = [1]\n",
    "x = 1 \\\n    + 2\n",
    "x = '\\\n'\n",
    "x = 'é' + \"\\u00e9\" + '\\U0001F600'\n",
    "def f(a, b, /, c): pass\n".replace(", /", ""),
    "for x, in [(1,)]: pass\n",
    "del (a), c.d, e[f]\n",
    "import a.b.c as d, e\nfrom . import f\nfrom .. g import h\nfrom ...i.j import (k, l,)\n",
  ];
  const expected = await oracleErrors(GOOD);
  GOOD.forEach((src, i) => {
    assert.equal(upyError(src), expected[i], JSON.stringify(src));
  });
});

Deno.test("formatCompileError prints a one-entry traceback", () => {
  const err = new CompileError("SyntaxError", "invalid syntax", {
    file: "a.py",
    line: 3,
    column: 5,
  });
  assert.equal(
    formatCompileError(err),
    'Traceback (most recent call last):\n  File "a.py", line 3\nSyntaxError: invalid syntax\n',
  );
  try {
    compile("def f():\n    return\nbreak\n", { sourceName: "b.py" });
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(e instanceof CompileError);
    assert.equal(e.kind, "SyntaxError");
    assert.equal(e.line, 3);
    assert.equal(
      formatCompileError(e),
      "Traceback (most recent call last):\n" +
        '  File "b.py", line 3, in <module>\n' +
        "SyntaxError: 'break'/'continue' outside loop\n",
    );
  }
});

Deno.test("indentation errors are IndentationError", () => {
  for (const src of ["  x = 1\n", "if x:\n    a\n  b\n"]) {
    try {
      compile(src, { sourceName: "c.py" });
      assert.fail("expected an error");
    } catch (e) {
      assert.ok(e instanceof CompileError);
      assert.equal(e.kind, "IndentationError");
    }
  }
});
