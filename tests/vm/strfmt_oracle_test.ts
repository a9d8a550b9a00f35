// Details of str, bytes and print() where MicroPython differs from CPython,
// compared with the real MicroPython: str slices with a step, startswith
// and endswith across str and bytes, the bytes() constructor's argument
// errors, and print()'s sep/end/keyword handling.
import assert from "node:assert/strict";
import { compareExprs, diffLines, oracle, upy } from "./numtext_support.ts";

/**
 * Runs `code` in upy and in the oracle and asserts the same output (with
 * `clean`, also that upy wrote nothing to stderr).
 */
async function sameOutput(code: string, clean: boolean): Promise<void> {
  const mine = upy(code);
  const ref = await oracle(code);
  assert.equal(ref.exitCode, 0);
  if (clean) assert.equal(mine.stderr, "");
  assert.deepEqual(diffLines(mine.stdout, ref.stdout), []);
}

Deno.test("str slices with any step but 1 are not implemented, even step 0", async () => {
  const exprs = [
    "_('abcdef')[::2]",
    "_('abcdef')[::0]",
    "_('abcdef')[::-1]",
    "_('abcdef')[1:4:1]",
    "_('abcdef')[::None]",
    "_('\\u00e9abc')[::0]",
    "_(b'abcdef')[::0]",
    "_(b'abcdef')[::2]",
    "_([1, 2, 3])[::0]",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("startswith and endswith take str and bytes prefixes alike", async () => {
  const exprs = [
    "'abc'.startswith(b'a')",
    "'abc'.endswith(b'c')",
    "'abc'.startswith(('x', b'a'))",
    "'\\u00e9'.startswith(b'\\xc3')",
    "'a\\u00e9'.startswith(b'\\xc3', 1)",
    "'a\\u00e9b'.endswith(b'b', 0, 2)",
    "'a\\u00e9b'.endswith(b'\\xa9', 0, 2)",
    "b'abc'.startswith('a')",
    "b'abc'.endswith('c', 1)",
    "b'\\xc3\\xa9'.startswith('\\u00e9')",
    "bytearray(b'abc').endswith('c')",
    "bytearray(b'abc').startswith(b'a')",
    "b'abc'.startswith(('x', 97))",
    "b'abc'.startswith(bytearray(b'a'))",
    "'abc'.endswith(bytearray(b'c'))",
    "'abc'.startswith(None)",
    "'abc'.startswith((1,))",
    "b'abc'.split('b')",
    "'abc'.find(b'b')",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("bytes() checks keywords, then str, then the argument count", async () => {
  const exprs = [
    "bytes(1, 'utf-8')",
    "bytes(1, 2, 3)",
    "bytes([1], 'utf-8')",
    "bytes(1, 2, 3, 4)",
    "bytes(x=1)",
    "bytes('a', x=1)",
    "bytes(b'a', x=1)",
    "bytes(b'ab', 'utf-8')",
    "bytes(b'ab', 'utf-8', 1, 2)",
    "bytes(bytearray(b'ab'), 1)",
    "bytes(memoryview(b'ab'), 1)",
    "bytes('ab')",
    "bytes('ab', 1)",
    "bytes('ab', 'utf-8', 1, 2)",
    "bytes()",
    "bytearray(x=1)",
    "bytearray(b'ab', 'utf-8', 1, 2)",
    "bytearray('ab')",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("print() takes only str or bytes sep and end, and no other keywords", async () => {
  const code = [
    "def t(f):",
    "    try:",
    "        f()",
    "    except Exception as e:",
    "        print(type(e).__name__, e)",
    "t(lambda: print('a', sep=1))",
    "t(lambda: print('a', 'b', sep=None))",
    "t(lambda: print('a', end=None))",
    "t(lambda: print('a', end=1))",
    "t(lambda: print('a', flush=True))",
    "t(lambda: print('a', foo=1))",
    "print('a', 'b', sep=b'-', end=b'!\\n')",
    "print(1, 2, sep='', end='')",
    "print()",
    "class Bad:",
    "    def __str__(self):",
    "        raise ValueError('no')",
    "t(lambda: print('x', 'y', Bad(), 'z'))",
    "print('|')",
  ].join("\n") + "\n";
  await sameOutput(code, true);
});

Deno.test("hex() uses the first byte of its separator, as binascii does", async () => {
  const exprs = [
    "b'abc'.hex('')",
    "b'abc'.hex('::')",
    "b'abc'.hex(b'-+')",
    "bytearray(b'abc').hex('.')",
    "memoryview(b'abc').hex('ab')",
    "b''.hex()",
    "b'ab'.hex(1)",
    "b'ab'.hex(None)",
    "b'ab'.hex(bytearray(b':'))",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("splitlines parses keepends like MicroPython's argument parser", async () => {
  const exprs = [
    "'a\\nb'.splitlines(1)",
    "'a\\nb'.splitlines(keepends=True)",
    "'a\\nb'.splitlines(0, keepends=True)",
    "'abc'.splitlines(1, 2)",
    "'abc'.splitlines(1, 2, 3)",
    "'abc'.splitlines(x=2)",
    "'abc'.splitlines(keepends=1, x=2)",
    "b'a\\nb'.splitlines(1, 2)",
    "str.splitlines()",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("str slice bounds must be integers", async () => {
  const exprs = [
    "'abc'[_(1.5):]",
    "'abc'[:_('a')]",
    "'abc'[None:_(1.5)]",
    "'abc'[_(True):]",
    "'abc'[_(1):_(None)]",
    "b'abc'[_(1.5):]",
    "[1, 2][_(1.5):]",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("format widths count UTF-8 bytes, and a format spec is read byte by byte", async () => {
  const exprs = [
    "('[%5s]' % '\\u00e9').encode()",
    "('[%-5s]' % '\\u4e00').encode()",
    "('[{:5}]'.format('\\u00e9')).encode()",
    "('[{:*^6}]'.format('\\u00e9a')).encode()",
    "('[{:>4}]'.format('\\U0001F600')).encode()",
    "'{:\\u00e9>5}'.format(1)",
    "'{:\\u00e9<5}'.format('a')",
    "'{:>5\\u00e9}'.format('a')",
    "'{:-s}'.format(0.0)",
    "'{:-c}'.format(65)",
    "'{:+c}'.format(65)",
    "'{: s}'.format('a')",
    "'{:-s}'.format('a')",
    "'{:>-012c}'.format(None)",
    "'{:012,e}'.format(1e10)",
    "'{:08,}'.format(1234)",
    "'{:0^12,}'.format(-1234)",
    "'{:010_}'.format(12345678)",
    "'%c' % (-2**65)",
    "'%*s' % (2**70, 'a')",
    "'%.*f' % (2**70, 1.0)",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("%c and {:c} of a non-ASCII code point pad by its UTF-8 length", () => {
  // MicroPython's own unicode_char_format test expects these.
  const r = upy(
    "print('[%5c]' % 169)\nprint('[{:5c}]'.format(0x4E00))\nprint('[%c]' % 0x1F600)\n",
  );
  assert.equal(r.stdout, "[   \u00a9]\n[  \u4e00]\n[\u{1F600}]\n");
});

Deno.test("replace() reads its count first, and bytes items must fit a machine word", async () => {
  const exprs = [
    "b'a'.replace(memoryview(b'a'), b' ', 0)",
    "'abc'.replace(1, 2, 0)",
    "b'abc'.replace(None, bytearray(b'a'), None)",
    "'abc'.replace('b', 'x', -1)",
    "bytearray(True)",
    "bytearray(False)",
    "bytes(True)",
    "bytes([2**70])",
    "bytearray([2**70])",
    "bytes([True])",
    "bytes([256])",
    "bytearray([-1])",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("print() has written the part of a list, tuple or dict before a failing repr", async () => {
  const code = [
    "class A:",
    "    def __repr__(self):",
    "        raise ValueError('bad')",
    "def t(f):",
    "    try:",
    "        f()",
    "    except ValueError as e:",
    "        print('caught', e)",
    "t(lambda: print([1, 2, A()]))",
    "t(lambda: print('x', (A(),), 'y'))",
    "t(lambda: print({1: A()}))",
    "t(lambda: print([(1, {'k': [A()]})]))",
    "t(lambda: str([1, A()]))",
    "t(lambda: print('%s' % [1, A()]))",
    "print([1, (2,), {3: [4]}, ()], (), [], {})",
  ].join("\n") + "\n";
  await sameOutput(code, true);
});

Deno.test("bytes and bytearray methods called through the type check their self", async () => {
  const exprs = [
    "bytes.decode('abc')",
    "bytearray.upper(b'a')",
    "bytes.upper(bytearray(b'a'))",
    "bytes.hex(bytearray(b'ab'))",
    "memoryview.hex(b'ab')",
    "memoryview.hex(memoryview(b'ab'))",
    "bytearray.decode(bytearray(b'ab'))",
    "bytes.decode(b'ab')",
    "bytes.upper('a')",
    "str.upper(b'a')",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("%c and {:c} reject code points outside range(0x110000) as chr() does", () => {
  // Newer MicroPython checks the code point of %c and {:c} (its
  // unicode_char_format_range test); chr()'s message is the corpus's.
  const r = upy(
    [
      "for v in (-1, 0x10ffff, 0x110000):",
      "    for f in (lambda: '%c' % v, lambda: '{:c}'.format(v), lambda: f'{v:c}', lambda: chr(v)):",
      "        try:",
      "            print(len(f()))",
      "        except ValueError as e:",
      "            print('ValueError', e)",
      "print(b'%c' % 65, '%c' % 0x1F600 == chr(0x1F600))",
    ].join("\n") + "\n",
  );
  const bad = "ValueError char not in range(0x110000)\n";
  assert.equal(
    r.stdout,
    bad.repeat(4) + "1\n".repeat(4) + bad.repeat(4) + "b'A' True\n",
  );
});

Deno.test("b'%c' of an int is that byte", async () => {
  const exprs = [
    "b'%c' % 255",
    "b'%c' % 128",
    "b'%c' % -1",
    "b'%c' % 256",
    "b'%3c|' % 200",
    "b'%c' % 'a'",
    "bytearray(b'%c%c') % (0xff, 0x80)",
    "b'%c' % '\\u00e9'",
    "'%c' % '\\u00e9'",
    "'%c' % ''",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("print() has written what precedes a __str__ or __repr__ that prints", async () => {
  const code = [
    "class A:",
    "    def __str__(self):",
    "        print('inner')",
    "        return 'A'",
    "    def __repr__(self):",
    "        print('rinner')",
    "        return 'RA'",
    "print('x', A(), 'y')",
    "print([1, A(), 2], {A(): (A(),)})",
    "print(str([A()]))",
    "print('%s' % A(), f'{A()}')",
    "print(1.5, b'x', None, [2.5, b'y'], sep='|')",
  ].join("\n") + "\n";
  await sameOutput(code, false);
});

Deno.test("print(file=None) is no stream, as on the unix port", () => {
  const r = upy(
    [
      "for f in (None, 1):",
      "    try:",
      "        print('x', file=f)",
      "    except OSError as e:",
      "        print('OSError', e)",
    ].join("\n") + "\n",
  );
  assert.equal(r.stdout, "OSError stream operation not supported\n".repeat(2));
});

Deno.test("str and bytes methods called through the type check the self before the arguments", async () => {
  const exprs = [];
  for (const t of ["str", "bytes", "bytearray"]) {
    for (
      const m of [
        "count",
        "find",
        "join",
        "lower",
        "replace",
        "split",
        "format",
      ]
    ) {
      exprs.push(`${t}.${m}()`, `${t}.${m}(1)`, `${t}.${m}(None, None)`);
    }
  }
  exprs.push(
    "bytearray.append(1)",
    "bytearray.extend(None, None)",
    "bytearray.append(bytearray(), 1)",
  );
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("adding an empty bytes gives back the other operand itself", async () => {
  const code = [
    "x = b'abc'",
    "e = b''",
    "print(x + b'' is x, b'' + x is x, e + e is e, x + bytearray() is x)",
    "print(b'' + bytearray(b'x'), b'' + memoryview(b'q'), x + b'd')",
    "s = 'abc'",
    "print(s + '' is s, '' + s is s)",
  ].join("\n") + "\n";
  await sameOutput(code, false);
});

Deno.test("bytes never equals an array.array, though it orders against one", async () => {
  const exprs = [
    "b'a' == __import__('array').array('b', [97])",
    "b'a' == __import__('array').array('B', [97])",
    "b'a' != __import__('array').array('B', [97])",
    "b'\\x01\\x00' == __import__('array').array('h', [1])",
    "b'a' < __import__('array').array('b', [98])",
    "b'a' == memoryview(__import__('array').array('b', [97]))",
    "bytearray(b'a') == __import__('array').array('b', [97])",
    "__import__('array').array('b', [97]) in [b'a']",
    "b'a' in [__import__('array').array('b', [97])]",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("bytearray and memoryview compare only buffers of compatible items", async () => {
  const A = "__import__('array').array";
  const exprs = [
    `bytearray(b'\\x01\\x00') == ${A}('h', [1])`,
    `bytearray(b'\\x01\\x00') < ${A}('h', [1])`,
    `memoryview(${A}('h', [1])) == b'\\x01\\x00'`,
    `memoryview(${A}('h', [1])) < b'\\x01\\x00'`,
    `memoryview(${A}('h', [1])) == ${A}('H', [1])`,
    `memoryview(${A}('f', [1])) == ${A}('f', [1])`,
    `memoryview(${A}('b', [97])) == b'a'`,
    `b'\\x01\\x00' == memoryview(${A}('h', [1]))`,
    `b'\\x01\\x00' < memoryview(${A}('h', [1]))`,
    `b'a' == memoryview(${A}('b', [97]))`,
    "memoryview(b'ab') == 'ab'",
    "memoryview(b'ab') == 'ac'",
    "memoryview(b'ab') < 'b'",
    "memoryview(b'ab') == [97, 98]",
    "bytearray(b'ab') == 'ab'",
    "b'ab' == bytearray(b'ab')",
  ];
  assert.deepEqual(await compareExprs(exprs), []);
});

Deno.test("slice assignment into bytearray or memoryview needs items of the same width", async () => {
  const code = [
    "from array import array",
    "a = array('h', [1, 2, 3])",
    "m = memoryview(a)",
    "b = bytearray(b'abcd')",
    "mb = memoryview(b)",
    "def t(f):",
    "    try:",
    "        f()",
    "        print(list(a), b)",
    "    except Exception as e:",
    "        print(type(e).__name__, e)",
    "def s(target, n, src):",
    "    target[0:n] = src",
    "for src in (b'\\x05\\x00', array('h', [7]), bytearray(b'\\x09\\x00'), array('b', [1, 2]), memoryview(array('h', [8]))):",
    "    t(lambda: s(m, 1, src))",
    "for src in (b'XY', array('b', [65, 66]), array('h', [1]), 'XY', memoryview(b'QR')):",
    "    t(lambda: s(mb, 2, src))",
    "    t(lambda: s(b, 2, src))",
  ].join("\n") + "\n";
  await sameOutput(code, false);
});
