import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, Rng } from "./support.ts";

const CODES = "bBhHiIlLqQfdexP";
const ORDERS = ["", "@", "<", ">", "!", "="];

Deno.test("struct: calcsize over generated formats", async () => {
  const rng = new Rng(11);
  const exprs: string[] = [];
  for (let i = 0; i < 300; i++) {
    let fmt = rng.pick(ORDERS);
    const n = rng.int(1, 5);
    for (let k = 0; k < n; k++) {
      if (rng.int(0, 3) === 0) fmt += String(rng.int(0, 12));
      fmt += rng.int(0, 9) === 0 ? "s" : rng.pick([...CODES]);
    }
    exprs.push(`struct.calcsize(${JSON.stringify(fmt)})`);
  }
  for (
    const bad of [
      "Z",
      "?",
      "c",
      "n",
      " b",
      "b b",
      "10",
      "<<b",
      "b<",
      "O",
      "S",
      "2s3p",
    ]
  ) {
    exprs.push(`struct.calcsize(${JSON.stringify(bad)})`);
  }
  assertEquals(await compareExprs(exprs, "import struct"), []);
});

const VALUES: Record<string, string[]> = {
  b: ["0", "-128", "127", "200", "-1"],
  B: ["0", "255", "256", "-1"],
  h: ["-32768", "32767", "70000", "-2"],
  H: ["65535", "-1", "1"],
  i: ["-2**31", "2**31 - 1", "2**32 + 5", "True"],
  I: ["2**32 - 1", "-1", "2**40"],
  l: ["-5", "123456"],
  L: ["5", "2**32 - 1"],
  q: ["-2**63", "2**63 - 1", "2**70", "-1"],
  Q: ["2**64 - 1", "-1", "12345678901234"],
  f: ["1.5", "-0.1", "1e40", "float('nan')", "3"],
  d: ["0.1", "-2.5e300", "7"],
  e: [
    "0.0",
    "1.0",
    "-2.5",
    "0.1",
    "65504.0",
    "65520.0",
    "1e-7",
    "1e10",
    "float('inf')",
  ],
  P: ["0", "4096"],
};

Deno.test("struct: pack and unpack every type code in every byte order", async () => {
  const exprs: string[] = [];
  for (const order of ["<", ">", "@", "!"]) {
    for (const [code, vals] of Object.entries(VALUES)) {
      for (const v of vals) {
        exprs.push(`struct.pack("${order}${code}", ${v})`);
        exprs.push(
          `struct.unpack("${order}${code}", struct.pack("${order}${code}", ${v}))`,
        );
      }
    }
  }
  exprs.push(
    'struct.pack("<3sx2s", b"abc", b"de")',
    'struct.pack("<10s", b"hi")',
    'struct.pack("<2s", "abc")',
    'struct.pack("<s", 5)',
    'struct.pack("bi", 1, 2)',
    'struct.pack("bq", 1, 2)',
    'struct.pack("<HH", 1)',
    'struct.pack("<H", 1, 2)',
    'struct.pack("<H", 1.5)',
    'struct.pack("<f", "x")',
    'struct.pack(b"<H", 1)',
    'struct.pack("<x")',
    'struct.pack("3x", 1)',
    'struct.pack("<bxxb", 1, 2)',
    'struct.unpack("<bxxb", b"\\x05\\xaa\\xbb\\x06")',
    'struct.unpack("<2xb", b"\\x01\\x02\\x03")',
    'struct.unpack("<H", b"\\x01\\x02\\x03")',
    'struct.unpack("<I", b"\\x01\\x02")',
    'struct.unpack("<H", "ab")',
    'struct.unpack("<0s", b"")',
    'struct.unpack("bi", bytes(8))',
    'struct.unpack("<e", b"\\x00\\x7c")',
    'struct.unpack("<e", b"\\x01\\x7c")',
    'struct.unpack("<e", b"\\x01\\x00")',
    'struct.unpack(">d", bytearray(8))',
  );
  assertEquals(await compareExprs(exprs, "import struct"), []);
});

Deno.test("struct: pack_into and unpack_from with offsets", async () => {
  const exprs = [
    'struct.unpack_from("<H", b"abcd", 1)',
    'struct.unpack_from("<H", b"abcd", -2)',
    'struct.unpack_from("<H", b"abcd", -5)',
    'struct.unpack_from("<H", b"abc", 5)',
    'struct.unpack_from("<I", bytearray(4), 2)',
    'struct.unpack_from(">I", memoryview(b"\\x00\\x01\\x02\\x03\\x04"), 1)',
    "pi('<HH', 10, 2, 0x0102, 0x0304)",
    "pi('>I', 10, 6, 0xAABBCCDD)",
    "pi('<H', 3, 2, 1)",
    "pi('<H', 3, -2, 0x102)",
    "pi('<H', 3, -4, 1)",
    "pi('<bb', 4, 0, 1)",
    'struct.pack_into("<H", b"abc", 0, 1)',
    'struct.pack_into("<H", bytearray(4))',
  ];
  const setup = `import struct
def pi(fmt, size, off, *vals):
    b = bytearray(size)
    struct.pack_into(fmt, b, off, *vals)
    return b`;
  assertEquals(await compareExprs(exprs, setup), []);
});
