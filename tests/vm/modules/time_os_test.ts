import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, upy } from "./support.ts";

Deno.test("time: ticks arithmetic wraps as MicroPython's", async () => {
  const vals = [
    0,
    1,
    5,
    100,
    2 ** 29 - 1,
    2 ** 29,
    2 ** 30 - 1,
    2 ** 30 - 50,
    12345678,
  ];
  const deltas = [
    0,
    1,
    -1,
    5,
    -5,
    200,
    2 ** 29 - 1,
    -(2 ** 29 - 1),
    2 ** 29,
    -(2 ** 29),
    2 ** 30,
    2 ** 31 - 1,
  ];
  const exprs: string[] = [];
  for (const v of vals) {
    for (const d of deltas) exprs.push(`ticks_add(${v}, ${d})`);
    for (const w of vals) exprs.push(`ticks_diff(${v}, ${w})`);
  }
  exprs.push("ticks_add(0, 2**40)", "ticks_add(0, 'a')");
  assertEquals(
    await compareExprs(exprs, "from time import ticks_add, ticks_diff"),
    [],
  );
});

Deno.test("time: gmtime, localtime and mktime on a board (reference semantics)", async () => {
  const secs = [
    0,
    59,
    90061,
    2678400,
    946684800,
    951782400,
    951868800,
    978307199,
    1234567890,
    1700000000,
    -1,
    -86400,
    2 ** 31 - 1,
    4102444800,
    253402300799,
    4107456000,
    4107542400,
    4107628800,
    4133980800,
    2 ** 32 - 1,
    "2.9",
  ];
  const exprs: string[] = [];
  for (const s of secs) exprs.push(`time.gmtime(${s})`, `time.localtime(${s})`);
  for (
    const t of [
      "(2000, 1, 1, 0, 0, 0, 0, 0)",
      "(2024, 13, 1, 0, 0, 0, 0, 0)",
      "(2024, 2, 30, 25, 61, 61, 0, 0)",
      "(2024, 0, 0, 0, 0, 0, 0, 0)",
      "(1970, 1, 1, 0, 0, -1, 0, 0)",
      "(2000, 1, 1)",
      "(2038, 1, 19, 3, 14, 8, 0, 0)",
      "[2001, 9, 9, 1, 46, 40, 0, 0, 0]",
      "(2020, 2, 29, 0, 0, 0, 0, 0)",
      "(2100, 2, 29, 0, 0, 0, 0, 0)",
      "(2100, 3, 1, 0, 0, 0, 0, 0)",
      "(1969, 12, 31, 0, 0, 0, 0, 0)",
    ]
  ) {
    exprs.push(`time.mktime(${t})`);
  }
  exprs.push("time.gmtime(1.5)", "time.mktime(5)");
  // The reference is a board port: 8-field tuples, an unsigned clock.
  assertEquals(
    await compareExprs(exprs, "import time", { platform: "webassembly" }),
    [],
  );
});

Deno.test("time: the unix port's 9-field tuples and float time on the host board", () => {
  const r = upy(`import time
print(time.gmtime(0), time.localtime(-1), time.gmtime(1.9))
print(time.mktime((1970, 1, 1, 0, 0, -1, 0, 0, 0)), type(time.time()).__name__)
print(time.time(), time.time_ns())
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError", e)
print(time.gmtime()[:6], time.localtime()[0])
`);
  assertEquals(
    r.stdout,
    "(1970, 1, 1, 0, 0, 0, 3, 1, 0) (1969, 12, 31, 23, 59, 59, 2, 365, 0) " +
      "(1970, 1, 1, 0, 0, 1, 3, 1, 0)\n-1 float\n1700000000.25 1700000000250000000\n" +
      "ValueError sleep length must be non-negative\n(2023, 11, 14, 22, 13, 20) 2023\n",
  );
});

Deno.test("time: sleeps and ticks follow the board's clock", () => {
  const slept: number[] = [];
  const r = upy(
    `import time
t0 = time.ticks_ms()
time.sleep(0.5)
time.sleep_ms(20)
time.sleep_us(3000)
print(time.ticks_diff(time.ticks_ms(), t0), time.ticks_diff(time.ticks_us(), 0))
`,
    { onSleep: (ms) => (slept.push(ms), false) },
  );
  assertEquals(r.stdout, "523 523000\n");
  assertEquals(slept, [500, 20, 3]);
});

Deno.test("time: an interrupted sleep raises KeyboardInterrupt", () => {
  const r = upy(
    `import time
try:
    time.sleep(10)
except KeyboardInterrupt:
    print("interrupted")
`,
    { onSleep: () => true },
  );
  assertEquals(r.stdout, "interrupted\n");
});

Deno.test("os: files and folders on the board's file system", () => {
  const r = upy(
    `import os, errno
print(os.getcwd(), os.sep, sorted(os.listdir()))
os.mkdir("sub")
with open("sub/a.txt", "w") as f:
    f.write("hello")
print(sorted(os.listdir(".")), os.listdir("sub"), os.listdir("/work/sub"))
st = os.stat("sub/a.txt")
print(len(st), st[0] == 0o100000, st[6], os.stat("sub")[0] == 0o040000)
print([(e[0], e[1]) for e in os.ilistdir("sub")], type(os.ilistdir()).__name__)
os.chdir("sub")
print(os.getcwd(), open("a.txt").read())
os.rename("a.txt", "b.txt")
print(os.listdir(), sorted(os.listdir("..")))
os.chdir("..")
for fn, arg in ((os.stat, "nope"), (os.listdir, "nope"), (os.remove, "nope"), (os.rmdir, "nope"),
                (os.rmdir, "sub"), (os.mkdir, "sub"), (os.chdir, "sub/b.txt"), (os.remove, "sub")):
    try:
        fn(arg)
    except OSError as e:
        print(fn.__name__ if hasattr(fn, "__name__") else "fn", errno.errorcode.get(e.errno, e.errno))
os.remove("sub/b.txt")
os.rmdir("sub")
print(sorted(os.listdir()), os.getcwd())
v = os.statvfs("/")
print(len(v), v[0] > 0, v[2] >= v[3])
print(os.getenv("HOME_X"), os.getenv("NOPE"), os.getenv("NOPE", 5))
os.putenv("NEW", "v")
print(os.getenv("NEW"))
os.unsetenv("NEW")
print(os.getenv("NEW"), len(os.urandom(16)), os.urandom(0), type(os.urandom(3)).__name__)
print(hasattr(os, "uname"))
`,
    { files: { "x.txt": "x" }, env: { HOME_X: "/h" } },
  );
  assertEquals(r.stderr, "");
  assertEquals(
    r.stdout,
    [
      "/work / ['x.txt']",
      "['sub', 'x.txt'] ['a.txt'] ['a.txt']",
      "10 True 5 True",
      "[('a.txt', 32768)] iterator",
      "/work/sub hello",
      "['b.txt'] ['sub', 'x.txt']",
      "stat ENOENT",
      "listdir ENOENT",
      "remove ENOENT",
      "rmdir ENOENT",
      "rmdir 39",
      "mkdir EEXIST",
      "chdir 20",
      "remove EISDIR",
      "['x.txt'] /work",
      "10 True True",
      "/h None 5",
      "v",
      "None 16 b'' bytes",
      "False",
    ].join("\n") + "\n",
  );
});

Deno.test("os: boards have uname and no environment functions", () => {
  const r = upy(
    `import os
u = os.uname()
print(len(u), u[0], u[2], hasattr(os, "getenv"), hasattr(os, "putenv"))
`,
    { platform: "rp2" },
  );
  assertEquals(r.stdout, "5 rp2 1.27.0 False False\n");
});

Deno.test("os.rename: the errors of rename(2) for folders and files in the way", () => {
  const r = upy(`import os
def attempt(f, *args):
    try:
        f(*args)
        print('ok')
    except OSError as e:
        print(e.errno)
open('a', 'w').write('A')
open('b', 'w').write('B')
os.rename('a', 'b')
print(sorted(os.listdir()), open('b').read())
os.mkdir('d')
attempt(os.rename, 'b', 'd')
attempt(os.rename, 'd', 'b')
os.rename('b', 'd/b')
attempt(os.rename, 'd', 'd/e')
os.mkdir('e')
attempt(os.rename, 'e', 'd')
attempt(os.rename, 'd', 'e')
print(sorted(os.listdir()), os.listdir('e'))
attempt(os.rename, 'e', 'e')
attempt(os.rename, 'nope', 'x')
attempt(os.mkdir, 'e/b/c')
`);
  assertEquals(r.stderr, "");
  assertEquals(
    r.stdout,
    "['b'] A\n21\n20\n22\n39\nok\n['e'] ['b']\nok\n2\n20\n",
  );
});
