import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram, pyStr } from "./support.ts";

Deno.test("json.dumps: values, containers, escapes, separators", async () => {
  const exprs = [
    "json.dumps(None)",
    "json.dumps(True)",
    "json.dumps(-17)",
    "json.dumps(2**70)",
    "json.dumps(1.5)",
    "json.dumps(1e20)",
    "json.dumps(1e-7)",
    "json.dumps(-0.0)",
    "json.dumps(float('nan'))",
    "json.dumps(float('inf'))",
    "json.dumps(123456789.123)",
    "json.dumps('abc')",
    "json.dumps('quote\"back\\\\slash')",
    "json.dumps('tab\\tnl\\ncr\\r')",
    "json.dumps('\\x00\\x01\\x08\\x0c\\x1f\\x7f')",
    "json.dumps('caf\\xe9').encode()",
    "json.dumps([])",
    "json.dumps({})",
    "json.dumps(())",
    "json.dumps((1, (2, [3])))",
    "json.dumps([1, [2, [3, []]]])",
    "json.dumps({'a': [True, None, 's']})",
    "json.dumps({1: 2, None: 3, True: 4, 1.5: 5, (1, 2): 6})",
    "json.dumps(b'ab')",
    "json.dumps({'k': b'x'})",
    "json.dumps(bytearray(b'ab'))",
    "json.dumps(1+2j)",
    "json.dumps(range(3))",
    "json.dumps({5})",
    "json.dumps([1, 2], separators=(',', ':'))",
    "json.dumps({'k': [1, 2]}, separators=(';', '='))",
    "json.dumps([1], separators=[' , ', ' : '])",
    "json.dumps([1], separators=None)",
    "json.dumps([1], separators=(',',))",
    "json.dumps([1], separators=(1, 2))",
    "json.dumps([1], separators=5)",
    "json.dumps({'a': 1}, indent=2)",
    "json.dumps([1], 1)",
    "json.dumps()",
    "json.dumps(L([1, 2]))",
    "json.dumps(D(a=[1]))",
    "json.dumps(OrderedDict([('z', 1), ('a', 2)]))",
    "json.dumps(P(1, 2))",
    "json.dumps(A())[:3]",
    "json.dumps([{'x': 1}, {'y': [2.5]}])",
  ];
  const setup = `import json
from collections import OrderedDict, namedtuple
P = namedtuple('P', 'x y')
class L(list): pass
class D(dict): pass
class A: pass`;
  assertEquals(await compareExprs(exprs, setup), []);
});

Deno.test("json.loads: MicroPython's parser, its leniency and its errors", async () => {
  const texts = [
    "null",
    "true",
    "false",
    "0",
    "-12",
    "123456789012345678901234567890",
    "1.5",
    "-2e3",
    "1E-2",
    "1E400",
    "-0",
    "-0.0",
    "01",
    '"hello"',
    '""',
    '"a\\"b\\\\c\\/d"',
    '"t\\tn\\nr\\rb\\bf\\f"',
    '"\\u0041\\u0062"',
    '"\\u00e9"',
    '"a\\qb"',
    "[]",
    "{}",
    "[1, 2, 3]",
    '  [ 1 ,\n 2 ,\t"x" ]  ',
    "[[1, [2]], [], [[[]]]]",
    '{"b": [1, {"c": null}], "a": true}',
    '{"dup": 1, "dup": 2}',
    "[1,]",
    "[,1]",
    "[1 2]",
    "[1,,,2]",
    "[true false]",
    "{1: 2}",
    '{"a" 1}',
    '{"a"}',
    "{[1]: 2}",
    "",
    "[1, 2",
    "{",
    "nul",
    "tru",
    "]",
    "nulll",
    "[}",
    "{]",
    "[[1]",
    "[1]]",
    "1 2",
    " ",
    '"abc',
    "tRue",
    "truex",
    "1-2",
    "-",
    "1.2.3",
    "1e",
    "--1",
    '"\\u12"',
    "[1]\u0000 junk",
  ];
  // Non-ASCII results are shown encoded: the reference build escapes them in repr.
  const exprs = texts.map((t) =>
    t.includes("u00e9")
      ? `json.loads(${pyStr(t)}).encode()`
      : `json.loads(${pyStr(t)})`
  );
  exprs.push(
    "json.loads(b'[1, \"bytes\"]')",
    "json.loads(bytearray(b'[2]'))",
    "json.loads(1)",
  );
  assertEquals(await compareExprs(exprs, "import json"), []);
});

Deno.test("json: dump and load through streams", async () => {
  const code = `import json, io
class W(io.IOBase):
    def __init__(self):
        self.parts = []
    def write(self, b):
        self.parts.append(bytes(b))
        return len(b)
class R(io.IOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.pos)
        buf[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n
s = io.StringIO()
json.dump([1, {"a": None}, "z"], s)
print(s.getvalue())
s = io.StringIO()
json.dump({"q": (1, 2)}, s, separators=(",", ":"))
print(s.getvalue())
b = io.BytesIO()
json.dump([1.5, "x"], b)
print(b.getvalue())
w = W()
json.dump({"k": [1, "s"]}, w)
print(b"".join(w.parts))
print(json.load(io.StringIO('{"list": [1, 2, 3]}')))
print(json.load(io.BytesIO(b'  "just a string"  ')))
print(json.load(R(b'{"from": "custom", "n": [3, 4]}')))
s = io.StringIO('x[1, 2]')
s.read(1)
print(json.load(s))
for bad in ('[1', '{"a": }', ''):
    try:
        json.load(io.StringIO(bad))
    except ValueError as e:
        print('ValueError', e)
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("json.dumps: built-in exceptions print their args, subclasses their repr", async () => {
  assertEquals(
    await compareExprs(
      [
        "json.dumps(Exception('x'))",
        "json.dumps(ValueError('x', 1))",
        "json.dumps([Exception(), OSError(2), KeyError('k')])",
        "json.dumps(E('x'))",
        "json.dumps(F('x'))",
      ],
      `import json
class E(Exception): pass
class F(Exception):
    def __repr__(self): return 'F!'`,
    ),
    [],
  );
});
