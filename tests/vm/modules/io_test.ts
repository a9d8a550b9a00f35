import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram, upy } from "./support.ts";

Deno.test("io.StringIO and io.BytesIO: reads, writes, seeks, errors", async () => {
  const exprs = [
    "[x.encode() if isinstance(x, str) else x for x in ops(io.StringIO('h\\xe9llo\\nw\\xf6rld\\n'), 'r2 t l l3 r t')]",
    "ops(io.StringIO(), 'wab wcd t g s0 r1 s-1 s1,2 w! g')",
    "ops(io.BytesIO(b'abc'), 's10 r wZ g')",
    "ops(io.BytesIO(b'abcdef'), 's4 wWXYZ g s-3,2 r s2 s3,1 t r2')",
    "ops(io.StringIO('abc'), 's0,2 s-10,2 s-1,1 t')",
    "ops(io.BytesIO(b'hello'), 'r0 l0 l2 l-1 l')",
    "ops(io.BytesIO(b'abc'), 'c r')",
    "ops(io.BytesIO(b'abc'), 'c g')",
    "ops(io.BytesIO(b'abc'), 'c wx')",
    "ops(io.BytesIO(b'abc'), 'c s0 t c')",
    "ops(io.StringIO('a\\r\\nb'), 'l l l')",
    "ops(io.StringIO(''), 'r l t')",
    "io.StringIO(5).getvalue()",
    "io.BytesIO(5).getvalue()",
    "io.StringIO(b'x').read()",
    "io.BytesIO('x').read()",
    "io.StringIO().write(b'x')",
    "io.BytesIO().write('x')",
    "io.BytesIO(b'ab').read(None)",
    "io.BytesIO(b'ab').read(-1)",
    "ri(io.StringIO('abcdef'), 4)",
    "ri(io.BytesIO(b'0123456789'), 4)",
    "io.BytesIO(b'a\\nb').readlines()",
    "list(io.StringIO('a\\nb\\n'))",
    "next(io.StringIO(''))",
    "[x for x in io.BytesIO(b'p\\nq\\n')]",
    "io.IOBase()",
    "isinstance(io.StringIO(), io.IOBase)",
    "(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)",
    "type(io.StringIO()).__name__",
    "repr(io.BytesIO())[:11]",
    "io.StringIO('x', 'y').read()",
    "io.StringIO(1, 2, 3).getvalue()",
    "ctx()",
    "sorted(n for n in dir(io.BytesIO) if not n.startswith('_'))",
    "sorted(n for n in dir(io) if not n.startswith('_'))",
  ];
  const setup = `import io
def ops(s, script):
    out = []
    for op in script.split():
        k, arg = op[0], op[1:]
        try:
            if k == 'r': out.append(s.read(int(arg)) if arg else s.read())
            elif k == 'l': out.append(s.readline(int(arg)) if arg else s.readline())
            elif k == 'w': out.append(s.write(arg))
            elif k == 't': out.append(s.tell())
            elif k == 'g': out.append(s.getvalue())
            elif k == 'c': out.append(s.close())
            elif k == 's':
                a = [int(x) for x in arg.split(',')]
                out.append(s.seek(*a))
        except Exception as e:
            out.append(type(e).__name__ + ' ' + str(e))
    return out
def ri(s, n):
    b = bytearray(n)
    return s.readinto(b), b
def ctx():
    with io.StringIO("in ctx") as f:
        x = f.read(2)
    try:
        f.read()
    except ValueError as e:
        return x, str(e)`;
  assertEquals(await compareExprs(exprs, setup), []);
});

Deno.test("open(): text and binary files, modes, iteration, seek/tell", async () => {
  const code = `def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__)
with open("data.txt") as f:
    print(repr(f.readline()), repr(f.readline()), f.tell())
    print([line for line in f])
with open("data.txt", "rb") as f:
    head = f.read(7)
    pos = f.tell()
    f.seek(0)
    print(head, pos, f.read(7) == head, f.readlines())
with open("data.txt") as f:
    f.seek(2)
    print(repr(f.read(4)), f.tell(), f.seek(0, 2), f.seek(-3, 2), repr(f.read()))
f = open("data.txt", "rb")
buf = bytearray(6)
print(f.readinto(buf), buf)
f.close()
t(lambda: f.read())
t(lambda: f.close())
f = open("out.txt", "w")
print(f.write("h\\xe9\\n"), f.write("x"))
f.close()
t(lambda: f.write("y"))
t(lambda: open("out.txt").read().encode())
t(lambda: open("out.txt", "rb").read())
t(lambda: open("out.txt", "r").read(2).encode())
t(lambda: open("out.txt", "a").write("Z"))
t(lambda: open("out.txt").read().encode())
t(lambda: open("out.txt", "r+").read(1))
t(lambda: open("out.txt", "q").read().encode())
t(lambda: open("out.txt", "rw").read())
t(lambda: open("out.txt", "r").read())
t(lambda: open("out.txt", "wb").write("s"))
t(lambda: open("out.txt", mode="w", encoding="utf-8").write("e"))
t(lambda: open("out.txt", buffering=0).read())
t(lambda: open("out.txt").readline(-1))
t(lambda: type(open("out.txt")).__name__)
t(lambda: type(open("out.txt", "rb")).__name__)
t(lambda: open("out.txt", "w").read())
t(lambda: open("missing.txt"))
t(lambda: open())
t(lambda: [x for x in open("data.txt", "rb")][-1])
with open("out.txt", "w") as g:
    g.write("line1\\nline2\\n")
with open("out.txt") as g:
    print(g.seek(0, 2), g.tell(), g.seek(-3, 2), repr(g.read()))
    try:
        g.seek(-1)
    except OSError:
        print("OSError")
print(open("out.txt").read() == "line1\\nline2\\n")
`;
  const files = { "data.txt": "first line\nsecond line\nthird\n# END\n" };
  assertEquals(await compareProgram(code, { files }), []);
});

Deno.test("open(): file system errors carry MicroPython's errno values", () => {
  const r = upy(`import os
for mode in ("r", "rb", "r+"):
    try:
        open("nope.txt", mode)
    except OSError as e:
        print(e.errno, e)
os.mkdir("d")
try:
    open("d")
except OSError as e:
    print(e.errno)
f = open("x", "x")
f.write("1")
f.close()
try:
    open("x", "x")
except OSError as e:
    print(e.errno)
print(open("/work/x").read(), repr(open("x", "rb")))
`);
  assertEquals(r.stderr, "");
  assertEquals(
    r.stdout,
    "2 [Errno 2] ENOENT\n2 [Errno 2] ENOENT\n2 [Errno 2] ENOENT\n21\n17\n" +
      "1 <io.FileIO 4>\n",
  );
});

Deno.test("open(): writing past the end of a file leaves zeros", () => {
  const r = upy(`f = open("/t.bin", "wb")
f.write(b"abcdef")
f.close()
f = open("/t.bin", "wb")
f.seek(3)
f.write(b"Z")
f.close()
f = open("/t.bin", "r+b")
f.seek(6)
f.write(b"!")
f.close()
print(open("/t.bin", "rb").read())
`);
  assertEquals(r.stdout, "b'\\x00\\x00\\x00Z\\x00\\x00!'\n");
});

Deno.test("print(file=...) into io streams", async () => {
  const code = `import io
s = io.StringIO()
print("x", 1, [2], sep="|", end="#\\n", file=s)
print("second", file=s)
print(repr(s.getvalue()))
b = io.BytesIO()
print("to bytes", file=b)
print(b.getvalue())
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("file.seek(): an unknown whence is EINVAL, as lseek says", () => {
  const r = upy(
    `f = open("x.bin", "rb")
for whence in (3, 5, -1):
    try:
        f.seek(0, whence)
    except OSError as e:
        print(e.errno)
print(f.seek(1, 0), f.seek(0, 2), f.seek(-1, 1))
`,
    { files: { "x.bin": "abc" } },
  );
  assertEquals(r.stderr, "");
  assertEquals(r.stdout, "22\n22\n22\n1 3 2\n");
});

Deno.test("io.StringIO/BytesIO ignore extra and keyword arguments; None is no buffer", async () => {
  assertEquals(
    await compareExprs(
      [
        "io.StringIO(initial_value='x').getvalue()",
        "io.StringIO('a', foo=1).getvalue()",
        "io.BytesIO(initial_bytes=b'x').getvalue()",
        "io.StringIO('a', 'b', 'c', 'd').getvalue()",
        "io.StringIO(None).getvalue()",
        "io.BytesIO(None).getvalue()",
        "io.BytesIO(b'ab', 'x').getvalue()",
        "io.StringIO('a\\nb').readlines()",
        "io.StringIO('a\\nb').readlines(1)",
        "open('t.txt').readlines()",
        "open('t.txt').readlines(-1)",
        "open('t.txt', b'r').read()",
        "open(b't.txt', b'rb').read()",
      ],
      "import io",
      { files: { "t.txt": "x\ny" } },
    ),
    [],
  );
});

Deno.test("open(): mode letters combine as the unix port's parser does; append starts at 0", async () => {
  const code = `def reset():
    with open('f.txt', 'w') as f:
        f.write('hello')
for mode in ('rw', 'wr', 'r+', '+r', 'w+', 'a+', '+a', 'ra', 'ar', '', 't', 'b', 'rb+', 'wa', 'aw', 'q'):
    reset()
    out = [mode]
    f = open('f.txt', mode)
    out.append(type(f).__name__)
    try:
        out.append(f.read())
    except OSError as e:
        out.append('rE')
    try:
        out.append(f.write('XY' if 'b' not in mode else b'XY'))
    except OSError as e:
        out.append('wE')
    f.close()
    out.append(open('f.txt').read())
    print(out)
f = open('f.txt', 'a')
print(f.tell(), f.write('ab'), f.tell())
f.close()
f = open('f.txt', 'a+')
print(f.tell(), f.read(2), f.tell(), f.write('Z'), f.tell())
f.close()
print(open('f.txt').read())
`;
  assertEquals(await compareProgram(code), []);
});
