import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { createHash } from "node:crypto";
import { compareExprs, pyBytes, Rng, upy } from "./support.ts";

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

function b64(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

let crcTable: number[] | null = null;
function crc32(b: Uint8Array): number {
  if (crcTable === null) {
    crcTable = [];
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable.push(c >>> 0);
    }
  }
  let c = 0xffffffff;
  for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function samples(seed: number, n: number): Uint8Array[] {
  const rng = new Rng(seed);
  const out: Uint8Array[] = [new Uint8Array(0)];
  for (let i = 0; i < n; i++) {
    out.push(new Uint8Array(rng.int(0, 150)).map(() => rng.int(0, 255)));
  }
  return out;
}

Deno.test("binascii: hexlify, base64 and crc32 of generated data", () => {
  const data = samples(3, 40);
  const lines = ["import binascii"];
  let want = "";
  for (const d of data) {
    lines.push(`d = ${pyBytes(d)}`);
    lines.push(
      "print(binascii.hexlify(d).decode(), binascii.b2a_base64(d).decode(), end='')",
    );
    lines.push(
      "print(binascii.b2a_base64(d, newline=False).decode(), binascii.crc32(d))",
    );
    lines.push(
      "print(binascii.unhexlify(binascii.hexlify(d)) == d, binascii.a2b_base64(binascii.b2a_base64(d)) == d)",
    );
    want += `${hex(d)} ${b64(d)}\n${b64(d)} ${crc32(d)}\nTrue True\n`;
  }
  const r = upy(lines.join("\n") + "\n");
  assertEquals(r.stderr, "");
  assertEquals(r.stdout, want);
});

Deno.test("binascii: separators, lenient base64, errors (MicroPython's rules)", () => {
  const code = `import binascii
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: binascii.hexlify(b"\\x01\\x02\\x03", b":"))
t(lambda: binascii.hexlify(b"\\xaa\\xbb", "-"))
t(lambda: binascii.hexlify(b"\\x01\\x02", "::"))
t(lambda: binascii.hexlify(b""))
t(lambda: binascii.hexlify(1))
t(lambda: binascii.unhexlify("00ff"))
t(lambda: binascii.unhexlify(b"ab cd"))
t(lambda: binascii.unhexlify(b"abc"))
t(lambda: binascii.unhexlify(b"zz"))
t(lambda: binascii.a2b_base64(b"Y WJ\\nj"))
t(lambda: binascii.a2b_base64(b"YQ=="))
t(lambda: binascii.a2b_base64(b"YQ"))
t(lambda: binascii.a2b_base64(b"YWJj===="))
t(lambda: binascii.a2b_base64("TWljcm9QeXRob24="))
t(lambda: binascii.crc32(b"abc", 2**40 + 5))
t(lambda: binascii.crc32(b"world", binascii.crc32(b"hello ")) == binascii.crc32(b"hello world"))
`;
  const r = upy(code);
  assertEquals(
    r.stdout,
    [
      "b'01:02:03'",
      "b'aa-bb'",
      "b'01:02'",
      "b''",
      "TypeError object with buffer protocol required",
      "b'\\x00\\xff'",
      "b'\\xab\\xcd'",
      "ValueError non-hex digit",
      "ValueError non-hex digit",
      "b'abc'",
      "b'a'",
      "ValueError incorrect padding",
      "b'abc'",
      "b'MicroPython'",
      "871334697",
      "True",
    ].join("\n") + "\n",
  );
});

Deno.test("hashlib: sha256, sha1 and md5 digests of generated data", () => {
  const data = samples(9, 30);
  data.push(
    new Uint8Array(1000).fill(120),
    new Uint8Array(64),
    new Uint8Array(65),
  );
  const lines = ["import hashlib, binascii"];
  let want = "";
  for (const d of data) {
    lines.push(`d = ${pyBytes(d)}`);
    for (const name of ["sha256", "sha1", "md5"]) {
      lines.push(`h = hashlib.${name}(d[:3])`);
      lines.push("h.update(d[3:])");
      lines.push("print(binascii.hexlify(h.digest()).decode())");
      want += createHash(name).update(d).digest("hex") + "\n";
    }
  }
  const r = upy(lines.join("\n") + "\n");
  assertEquals(r.stderr, "");
  assertEquals(r.stdout, want);
});

Deno.test("hashlib: finality, argument checks, repr (against the reference)", async () => {
  const exprs = [
    "fin()",
    "fin2()",
    "hashlib.sha256('abc').digest()",
    "hashlib.sha256(1)",
    "hashlib.sha256(b'a', b'b')",
    "hashlib.sha256(data=b'a')",
    "hashlib.sha256().update()",
    "hashlib.sha256(memoryview(b'abcdef')[1:3]).digest()",
    "hashlib.sha256(bytearray(b'x')).digest()",
    "repr(hashlib.sha256())",
    "type(hashlib.sha256()).__name__",
    "sorted(n for n in dir(hashlib.sha256()) if not n.startswith('_'))",
  ];
  const setup = `import hashlib
def fin():
    h = hashlib.sha256(b"once")
    h.digest()
    h.update(b"more")
def fin2():
    h = hashlib.sha256()
    h.digest()
    return h.digest()`;
  assertEquals(await compareExprs(exprs, setup), []);
});
