import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram } from "./support.ts";

Deno.test("array: construction, typecodes, values and repr", async () => {
  const exprs = [
    "array('i', [1, 2, 3])",
    "array('i', range(3))",
    "array('f', [1, 2])",
    "array('f', [0.1])",
    "array('d', [0.1, -2.5e300])",
    "array('b', [300, -129])",
    "array('B', [-1, 256])",
    "array('h', [-1, 2, 70000])",
    "array('H', [65535])",
    "array('l', [-5])",
    "array('L', [2**32 - 1])",
    "array('q', [-2**40, 2**70])",
    "array('Q', [2**64 - 1])",
    "array('P', [1])",
    "array('i', [1.5])",
    "array('I', 5)",
    "array('i', 'ab')",
    "array('B', b'ab')",
    "array('h', b'abcd')",
    "array('h', b'abc')",
    "array('b', bytearray(b'\\x81'))",
    "array('i', array('b', [1, 2]))",
    "array('u')",
    "array('z', [1])",
    "array()",
    "array('ii')",
    "array(5)",
    "array('b')",
    "array('d')",
    "len(array('f', [1, 2, 3]))",
    "str(array('b', [1]))",
    "list(array('H', [1, 2]))",
    "list(reversed(array('b', [1, 2])))",
    "bytes(array('H', [0x0102, 0x0304]))",
    "bytearray(array('b', [-1, 2]))",
    "sum(array('d', [0.5, 1.5]))",
    "hash(array('i'))",
    "sorted(n for n in dir(array('i')) if not n.startswith('_'))",
  ];
  assertEquals(await compareExprs(exprs, "from array import array"), []);
});

Deno.test("array: indexing, slicing, mutation, operators", async () => {
  const exprs = [
    "a()[1:3]",
    "a()[::2]",
    "a()[-1]",
    "a()[10]",
    "a()['x']",
    "a()[True]",
    "f1()",
    "f2()",
    "f3()",
    "f4()",
    "f5()",
    "f6()",
    "f7()",
    "f8()",
    "f9()",
    "array('i', [1, 2]) + [3]",
    "array('i', [1, 2]) + array('b', [3])",
    "array('i', [1, 2]) + b'\\x03\\x00\\x00\\x00'",
    "array('i', [1, 2]) * 2",
    "array('b', [1]) + array('b', [2])",
    "a() == a()",
    "a() == [1, 2, 3, 4]",
    "a() != a()",
    "array('i', [1]) == array('I', [1])",
    "array('i', [1]) == array('b', [1])",
    "array('b', [1, 2]) == b'\\x01\\x02'",
    "array('B', [1, 2]) == bytearray(b'\\x01\\x02')",
    "array('f', [1]) == array('f', [1])",
    "array('B', [1]) < array('B', [2])",
    "array('b', [1]) < array('B', [2])",
    "array('b', [1]) < array('b', [2])",
    "array('B', [1, 2]) >= array('B', [1])",
    "array('b', [1, 2]) < 'ab'",
    "2 in array('i', [1, 2])",
    "inc()",
  ];
  const setup = `from array import array
def a():
    return array('i', [1, 2, 3, 4])
def f1():
    b = a(); b[1:3] = array('i', [9]); return b
def f2():
    b = a(); b[0:1] = [7, 8]; return b
def f3():
    b = a(); del b[0]; return b
def f4():
    b = a(); b.append(1.5); return b
def f5():
    b = a(); b.extend('ab'); b.extend(b'abcd'); return b
def f6():
    b = a(); b.extend([5, 6]); b.extend(array('i', [7])); return b
def f7():
    b = array('B', [250]); b[0] += 10; return b
def f8():
    b = array('h', [1, 2, 3]); b[1:2] = array('H', [5, 6, 7]); return b
def f9():
    b = array('b', [1, 2, 3]); b[0:2] = b'xyz'; b[-1] = 300; return b
def inc():
    c = array('b', [1]); d = c; c += array('b', [2]); c += [3]; return c, c is d`;
  assertEquals(await compareExprs(exprs, setup), []);
});

Deno.test("array: memoryview and struct see the items", async () => {
  const code = `from array import array
import struct
a = array('h', [10, 20, 30])
print(struct.unpack('<3h', a))
b = bytearray(6)
struct.pack_into('<h', b, 2, -7)
print(array('h', b))
f = array('f', [0.5, 1.5])
print(bytes(f))
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("array: the type code may be bytes", async () => {
  assertEquals(
    await compareExprs([
      "array(b'b', [1, -1])",
      "array(b'')",
      "array(bytearray(b'b'))",
      "array(5)",
    ], "from array import array"),
    [],
  );
});
