import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { compareExprs, compareProgram, pyBytes, Rng, upy } from "./support.ts";

function inputs(): Uint8Array[] {
  const rng = new Rng(23);
  const words = ["hello ", "world ", "abc", "micropython ", "\x00\xff", "zzzz"];
  const out: Uint8Array[] = [new Uint8Array(0)];
  for (let k = 0; k < 24; k++) {
    let s = "";
    const n = rng.int(0, 60);
    for (let i = 0; i < n; i++) s += rng.pick(words);
    if (k % 6 === 0) s = "A".repeat(rng.int(0, 700));
    out.push(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  }
  return out;
}

Deno.test("deflate: compressed bytes are the board's for every format and window", async () => {
  const lines = [
    "import deflate, io",
    "def z(f, w, d):",
    "    b = io.BytesIO()",
    "    c = deflate.DeflateIO(b, f, w)",
    "    c.write(d[:5])",
    "    c.write(d[5:])",
    "    c.close()",
    "    return b.getvalue()",
  ];
  for (const d of inputs()) {
    lines.push(`d = ${pyBytes(d)}`);
    for (
      const [f, w] of [[1, 0], [2, 0], [3, 0], [1, 5], [2, 9], [3, 12], [0, 8]]
    ) {
      lines.push(`v = z(${f}, ${w}, d)`);
      lines.push(
        `print(v, v == b"" or deflate.DeflateIO(io.BytesIO(v), ${f || 1}, ${
          w || 15
        }).read() == d)`,
      );
    }
  }
  assertEquals(await compareProgram(lines.join("\n") + "\n"), []);
});

Deno.test("deflate: reading streams made by zlib (all block types, all formats)", () => {
  const rng = new Rng(4);
  const lines = ["import deflate, io"];
  let want = "";
  for (let t = 0; t < 12; t++) {
    const d = new Uint8Array(rng.int(0, 3000)).map((_, i) =>
      rng.int(0, 3) === 0 ? rng.int(0, 255) : (i * 7) % 26 + 97
    );
    for (
      const [fmt, make] of [[1, deflateRawSync], [2, deflateSync], [
        3,
        gzipSync,
      ]] as const
    ) {
      for (const level of [0, 1, 9]) {
        const c = new Uint8Array(make(d, { level }));
        lines.push(
          `s = deflate.DeflateIO(io.BytesIO(${pyBytes(c)}), ${fmt}, 15)`,
        );
        lines.push(
          "parts = []\nwhile True:\n    p = s.read(97)\n    if not p:\n        break\n    parts.append(p)",
        );
        lines.push(
          `print(len(b"".join(parts)), b"".join(parts) == ${pyBytes(d)})`,
        );
        want += `${d.length} True\n`;
      }
    }
  }
  const r = upy(lines.join("\n") + "\n");
  assertEquals(r.stderr, "");
  assertEquals(r.stdout, want);
});

Deno.test("deflate: reading API, auto-detection and errors", async () => {
  const exprs = [
    "DeflateIO(io.BytesIO(Z), deflate.ZLIB).read()",
    "DeflateIO(io.BytesIO(Z)).read()",
    "DeflateIO(io.BytesIO(R), deflate.RAW).read()",
    "DeflateIO(io.BytesIO(G)).read()",
    "DeflateIO(io.BytesIO(G), deflate.GZIP).read(3)",
    "DeflateIO(io.BytesIO(Z), deflate.GZIP).read()",
    "DeflateIO(io.BytesIO(R)).read()",
    "DeflateIO(io.BytesIO(b'x\\x9c'), deflate.ZLIB).read()",
    "DeflateIO(io.BytesIO(b''), deflate.ZLIB).read()",
    "DeflateIO(io.BytesIO(b'\\x03\\x00'), deflate.RAW).read()",
    "DeflateIO(io.BytesIO(b'not compressed at all'), deflate.ZLIB).read()",
    "DeflateIO(io.BytesIO(Z[:-1]), deflate.ZLIB).read()",
    "DeflateIO(io.BytesIO(Z[:-4] + b'1234')).read()",
    "DeflateIO(io.BytesIO(), 99)",
    "DeflateIO(io.BytesIO(), 1, 20)",
    "DeflateIO(io.BytesIO(), 1, 4)",
    "DeflateIO()",
    "DeflateIO(io.BytesIO(), 1, 8, True, 5)",
    "chunks(8)",
    "into()",
    "line()",
    "closed()",
    "DeflateIO(io.BytesIO(), deflate.ZLIB).write(b'')",
    "repr(DeflateIO(io.BytesIO()))",
    "(deflate.AUTO, deflate.RAW, deflate.ZLIB, deflate.GZIP)",
    "sorted(n for n in dir(DeflateIO) if not n.startswith('_'))",
    "closes()",
  ];
  const setup = `import deflate, io
from deflate import DeflateIO
Z = b"\\x18\\xd3\\xcbH\\xcd\\xc9\\xc9W\\xc8\\xc0 s3\\x93\\x8b\\xf2\\x0b*K2\\xf2\\xf3\\x14\\x01\\xfb\\xab\\r\\xae"
R = b"KLJNDE\\x00"
G = b"\\x1f\\x8b\\x08\\x00\\x00\\x00\\x00\\x00\\x02\\x03K\\xaf\\xca,PHI,IT\\xc8H-J\\x05\\x00\\xfcn[+\\x0e\\x00\\x00\\x00"
def chunks(n):
    d = DeflateIO(io.BytesIO(Z), deflate.ZLIB)
    out = []
    while True:
        c = d.read(n)
        if not c:
            return out
        out.append(c)
def into():
    d = DeflateIO(io.BytesIO(R), deflate.RAW)
    b = bytearray(5)
    return d.readinto(b), bytes(b), d.readinto(b), bytes(b), d.read()
def line():
    d = DeflateIO(io.BytesIO(R), deflate.RAW)
    return d.readline(), d.read(0), d.read(2), d.read()
def closed():
    d = DeflateIO(io.BytesIO(R), deflate.RAW)
    d.close()
    return d.read()
def closes():
    b = io.BytesIO()
    d = DeflateIO(b, deflate.ZLIB, 10, True)
    d.write(b"a" * 100)
    d.close()
    return b.getvalue()`;
  assertEquals(await compareExprs(exprs, setup), []);
});
