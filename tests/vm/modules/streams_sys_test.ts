import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram, upy } from "./support.ts";

Deno.test("streams: only native streams and io.IOBase subclasses are streams", async () => {
  const code = `import io, json, sys
class W:
    def write(self, s):
        print('W', repr(s))
        return len(s)
    def read(self, n=-1):
        return '[1]'
class R(io.IOBase):
    def read(self, n=-1):
        return '[1]'
for f in (lambda: print('a', 1, file=W()), lambda: print(file=5),
          lambda: print(end='', file=W()), lambda: json.load(W()),
          lambda: json.load(5), lambda: json.load(R()), lambda: json.dump(1, W()),
          lambda: json.dump([1], 5), lambda: sys.print_exception(ValueError('x'), W()),
          lambda: sys.print_exception(ValueError('x'), 5)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("streams: a Python stream sees each piece MicroPython prints as a write", async () => {
  const code = `import io, json
class WS(io.IOBase):
    def write(self, s):
        print('WS', type(s).__name__, repr(bytes(s)))
        return len(s)
json.dump({'ab': 1.5, 'c"\\n\\u00e9\\\\': [True, -2, 2**70, None, (1,), '\\x01\\x1f\\t\\r\\b']}, WS(), separators=(',', ':'))
json.dump({1: 2, None: 3}, WS())
json.dump(b'xy', WS())
print('ab', 2.5, None, -7, sep='::', end='$$', file=WS())
print(file=WS())
print('x', file=WS(), sep='', end='')
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("sys: argument checks of exit, print_exception and exc_info", async () => {
  const code = `import sys, io
for f in (lambda: sys.exit(1, 2), lambda: sys.exit(x=1), lambda: sys.print_exception(),
          lambda: sys.print_exception(ValueError(), sys.stdout, 3),
          lambda: sys.print_exception(ValueError('x'), file=sys.stdout)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
sys.print_exception(None)
sys.print_exception(5)
sys.print_exception(KeyError('k'), sys.stdout)
b = io.BytesIO()
sys.print_exception(ValueError('x', 2), b)
print(b.getvalue())
print(hasattr(sys, 'getrecursionlimit'))
`;
  assertEquals(await compareProgram(code), []);
  const r = upy(
    "import sys\ntry:\n    sys.exc_info(1)\nexcept TypeError as e:\n    print(e)\n",
  );
  assertEquals(
    r.stdout,
    "function takes 0 positional arguments but 1 were given\n",
  );
});

Deno.test("os and open: bytes paths work and bytes listings come back as bytes", async () => {
  const code = `import os
os.mkdir(b'bd')
with open(b'bd/f.txt', 'w') as f:
    f.write('hi')
print(os.listdir(b'bd'), os.listdir('bd'))
print([e[0] for e in os.ilistdir(b'bd')], [e[0] for e in os.ilistdir('bd')])
print(os.stat(b'bd/f.txt')[6], open(b'bd/f.txt').read())
os.rename(b'bd/f.txt', b'bd/g.txt')
os.chdir(b'bd')
print(os.listdir())
os.chdir('..')
os.remove(b'bd/g.txt')
os.rmdir(b'bd')
for f in (lambda: os.stat(bytearray(b'x')), lambda: os.listdir(5), lambda: open(None)):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("os.ilistdir: the unix port gives (name, type, inode), boards add the size", () => {
  const code = `import os
print([(e[0], e[1], len(e)) for e in os.ilistdir()])
`;
  assertEquals(
    upy(code, { files: { "a.txt": "abc" } }).stdout,
    "[('a.txt', 32768, 3)]\n",
  );
  assertEquals(
    upy(code, { files: { "a.txt": "abc" }, platform: "rp2" }).stdout,
    "[('a.txt', 32768, 4)]\n",
  );
});

Deno.test("math.pow and json's \\u escape edge cases", async () => {
  assertEquals(
    await compareExprs([
      "math.pow(0.0, -inf)",
      "math.pow(-0.0, -inf)",
      "math.pow(0.5, -inf)",
      "math.pow(2, inf)",
      "math.pow(10, 400)",
      "math.pow(0.0, -1)",
      "json.loads('\"\\\\uZZZZ\"') == chr(0x23333)",
      "json.loads('\"\\\\u00e9\"') == chr(0xe9)",
    ], "import math, json\ninf = float('inf')"),
    [],
  );
});

Deno.test("stream write(buf, max_len) and write(buf, off, max_len); counts are bytes", async () => {
  assertEquals(
    await compareExprs([
      "(lambda f: (f.write(b'abc', 2), f.getvalue()))(io.BytesIO())",
      "(lambda f: (f.write(b'abcd', 1, 2), f.getvalue()))(io.BytesIO())",
      "(lambda f: (f.write(b'abcd', 9, 2), f.getvalue()))(io.BytesIO())",
      "(lambda f: (f.write(b'abcd', -1, 2), f.getvalue()))(io.BytesIO())",
      "(lambda f: (f.write('abc', 1), f.getvalue()))(io.StringIO())",
      "(lambda f: (f.write('abc', -1), f.getvalue()))(io.StringIO())",
      "(lambda f: (f.write('ab', 'c'), f.getvalue()))(io.StringIO())",
      "(lambda f: (f.write(b'abc', 2), f.close(), open('t.bin', 'rb').read()))(open('t.bin', 'wb'))",
      "sys.stdout.write('abc', 2)",
      "sys.stdout.write('abcd', 1, 2)",
      "sys.stdout.write()",
      "(sys.stdin.fileno(), sys.stdout.fileno(), sys.stderr.fileno(), sys.stdout.buffer.fileno())",
    ], "import io, sys"),
    [],
  );
  const r = upy(
    "import sys\nn = sys.stdout.write('\\xe9\\u20ac')\nprint('', n)\n",
  );
  assertEquals(r.stdout, "\u00e9\u20ac 5\n");
});
