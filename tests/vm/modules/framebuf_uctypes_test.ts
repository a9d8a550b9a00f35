import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram } from "./support.ts";

Deno.test("framebuf: every drawing operation in every format", async () => {
  const code = `import framebuf
from array import array
FORMATS = [(framebuf.MONO_VLSB, 1), (framebuf.MONO_HLSB, 1), (framebuf.MONO_HMSB, 1),
           (framebuf.RGB565, 16), (framebuf.GS2_HMSB, 2), (framebuf.GS4_HMSB, 4), (framebuf.GS8, 8)]
def make(fmt, bpp, w, h, stride=None):
    s = stride or w
    buf = bytearray((s * h * bpp + 7) // 8 + 16)
    return buf, framebuf.FrameBuffer(buf, w, h, fmt, s)
for fmt, bpp in FORMATS:
    col = (1 << bpp) - 1 if bpp < 16 else 0xF81F
    buf, fb = make(fmt, bpp, 21, 13)
    fb.fill(0)
    fb.pixel(0, 0, col); fb.pixel(20, 12, col); fb.pixel(100, 100, col); fb.pixel(-1, 3, col)
    fb.hline(-3, 2, 30, col); fb.vline(5, -4, 30, col)
    fb.rect(2, 3, 9, 6, col); fb.rect(12, 1, 6, 5, col, True); fb.fill_rect(-2, 10, 5, 5, col)
    fb.line(0, 0, 20, 12, col); fb.line(20, 0, 3, 12, col); fb.line(4, 4, 4, 4, col)
    fb.line(-5, 6, 30, 7, col)
    print(fmt, buf.hex())
    fb.fill(0)
    fb.ellipse(10, 6, 8, 4, col); fb.ellipse(10, 6, 3, 5, col, True); fb.ellipse(2, 2, 0, 0, col)
    fb.ellipse(15, 8, 5, 3, col, False, 0b0101); fb.ellipse(5, 9, 4, 2, col, True, 0b1010)
    print(fmt, buf.hex())
    fb.fill(0)
    fb.poly(3, 2, array('h', [0, 0, 10, 2, 6, 9, -2, 5]), col)
    fb.poly(10, 1, array('h', [0, 0, 8, 3, 4, 10, 1, 6]), col, True)
    fb.poly(0, 0, bytes([1, 1, 5, 1, 5, 5]), col, True)
    fb.poly(0, 0, array('h', [1, 2, 3]), col)
    print(fmt, buf.hex())
    fb.fill(0)
    fb.text("Hi!~", 1, 2, col); fb.text("\\x01\\xe9", 14, 4, col); fb.text("cut", -3, 9, col)
    print(fmt, buf.hex(), [fb.pixel(x, 3) for x in range(0, 21, 4)])
    fb.scroll(2, 1); print(fmt, buf.hex())
    fb.scroll(-3, -2); print(fmt, buf.hex())
    fb.scroll(30, 0); fb.scroll(0, -20); print(fmt, buf.hex())
    sbuf, src = make(fmt, bpp, 5, 4)
    src.fill(0); src.rect(0, 0, 5, 4, col); src.pixel(2, 2, col)
    fb.fill(0)
    fb.blit(src, 3, 2); fb.blit(src, -2, -1); fb.blit(src, 18, 10, 0); fb.blit(src, 25, 0)
    print(fmt, buf.hex())
for fmt, bpp in FORMATS:
    buf, fb = make(fmt, bpp, 9, 7, 12)
    fb.fill(1); fb.fill_rect(1, 1, 4, 3, 0)
    print(fmt, buf.hex(), fb.pixel(0, 0), fb.pixel(2, 2))
pal = framebuf.FrameBuffer(bytearray(4), 2, 1, framebuf.RGB565)
pal.pixel(0, 0, 0x1234); pal.pixel(1, 0, 0xABCD)
mono = framebuf.FrameBuffer(bytearray(8), 8, 8, framebuf.MONO_HLSB)
mono.fill(0); mono.hline(0, 0, 8, 1); mono.pixel(3, 3, 1)
rgb = framebuf.FrameBuffer(bytearray(128), 8, 8, framebuf.RGB565)
rgb.fill(0x5555)
rgb.blit(mono, 0, 0, -1, pal)
print(rgb.pixel(0, 0), rgb.pixel(1, 1), rgb.pixel(3, 3), rgb.pixel(7, 7))
rgb.blit(mono, 0, 0, 0x1234, pal)
print(rgb.pixel(1, 1), rgb.pixel(3, 3))
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("framebuf: construction checks and the legacy FrameBuffer1", async () => {
  const exprs = [
    "framebuf.FrameBuffer(bytearray(8), 8, 8, framebuf.MONO_VLSB)",
    "framebuf.FrameBuffer(bytearray(7), 8, 8, framebuf.MONO_VLSB)",
    "framebuf.FrameBuffer(bytearray(8), 8, 8, 99)",
    "framebuf.FrameBuffer(bytearray(8), 0, 8, 0)",
    "framebuf.FrameBuffer(bytearray(100), 8, 8, framebuf.GS8, 4)",
    "framebuf.FrameBuffer(b'12345678', 8, 8, framebuf.MONO_VLSB)",
    "framebuf.FrameBuffer(bytearray(128), 8, 8, framebuf.RGB565)",
    "framebuf.FrameBuffer(bytearray(127), 8, 8, framebuf.RGB565)",
    "framebuf.FrameBuffer(bytearray(8), 8, 8)",
    "framebuf.FrameBuffer1(bytearray(8), 8, 8)",
    "bytes(framebuf.FrameBuffer(bytearray(b'abcdefgh'), 8, 8, 0))",
    "framebuf.FrameBuffer(bytearray(64), 8, 8, framebuf.GS8).blit(1, 0, 0)",
    "tblit()",
    "framebuf.FrameBuffer(bytearray(64), 8, 8, framebuf.GS8).text(5, 0, 0)",
    "sorted(n for n in dir(framebuf) if not n.startswith('_'))",
    "sorted(n for n in dir(framebuf.FrameBuffer) if not n.startswith('_'))",
  ];
  const setup = `import framebuf
def tblit():
    fb = framebuf.FrameBuffer(bytearray(64), 8, 8, framebuf.GS8)
    fb.blit((bytearray(b"\\x05\\x06\\x07\\x08"), 2, 2, framebuf.GS8), 3, 3)
    fb.blit([bytearray(b"\\x01"), 1, 1, framebuf.GS8], 0, 0, -1, (bytearray(2), 2, 1, framebuf.GS8))
    return fb.pixel(3, 3), fb.pixel(4, 4), fb.pixel(0, 0)`;
  assertEquals(await compareExprs(exprs, setup), []);
});

Deno.test("uctypes: structures over a bytearray", async () => {
  const code = `import uctypes, struct
HDR = {
    "magic": (0 | uctypes.ARRAY, 4 | uctypes.UINT8),
    "version": 4 | uctypes.UINT8,
    "length": 6 | uctypes.UINT16,
    "value": 8 | uctypes.INT32,
    "sub": (12, {"a": 0 | uctypes.UINT8, "b": 1 | uctypes.INT8}),
    "mode": 14 | uctypes.BFUINT16 | 0 << uctypes.BF_POS | 4 << uctypes.BF_LEN,
    "level": 14 | uctypes.BFUINT16 | 4 << uctypes.BF_POS | 3 << uctypes.BF_LEN,
    "s": 2 | uctypes.BFINT8 | 0 << uctypes.BF_POS | 4 << uctypes.BF_LEN,
}
print(uctypes.sizeof(HDR, uctypes.LITTLE_ENDIAN), uctypes.sizeof(HDR), uctypes.sizeof(HDR, uctypes.BIG_ENDIAN))
buf = bytearray(b"MPY!\\x02\\x81\\x34\\x12\\xfe\\xff\\xff\\xff\\x07\\xf9\\x5a\\x00")
for layout in (uctypes.LITTLE_ENDIAN, uctypes.BIG_ENDIAN, uctypes.NATIVE):
    s = uctypes.struct(uctypes.addressof(buf), HDR, layout)
    print(bytes(s.magic), s.version, hex(s.length), s.value, s.sub.a, s.sub.b, s.mode, s.level, s.s)
s = uctypes.struct(uctypes.addressof(buf), HDR, uctypes.LITTLE_ENDIAN)
s.version = 9; s.length = 0xBEEF; s.value = -2; s.sub.b = -100; s.mode = 0xF; s.level = 5; s.s = -3
print(buf)
s.value = 2**32 + 5; s.sub.a = 300
print(s.value, s.sub.a)
ARR = {"nums": (0 | uctypes.ARRAY, 3 | uctypes.UINT16),
       "recs": (6 | uctypes.ARRAY, 2, {"x": 0 | uctypes.UINT8, "y": 1 | uctypes.UINT8}),
       "f": 10 | uctypes.FLOAT32, "d": 14 | uctypes.FLOAT64, "q": 22 | uctypes.INT64}
data = bytearray(32)
for layout in (uctypes.LITTLE_ENDIAN, uctypes.BIG_ENDIAN):
    a = uctypes.struct(uctypes.addressof(data), ARR, layout)
    for i in range(3):
        a.nums[i] = (i + 1) * 0x101 + layout
    a.recs[1].y = 4
    a.f = 1.5
    a.d = -0.125
    a.q = -2
    print(data, [a.nums[i] for i in range(3)], a.recs[1].y, a.f, a.d, a.q)
    print(uctypes.sizeof(ARR, layout), uctypes.sizeof(a), uctypes.sizeof(a.nums), uctypes.sizeof(a.recs))
p = bytearray(8)
struct.pack_into("<I", p, 0, uctypes.addressof(buf))
P = {"p": (0 | uctypes.PTR, uctypes.UINT8), "q": (0 | uctypes.PTR, {"x": 0 | uctypes.UINT16})}
ps = uctypes.struct(uctypes.addressof(p), P, uctypes.LITTLE_ENDIAN)
print(ps.p[0], ps.p[3], int(ps.p) == uctypes.addressof(buf), ps.q[0].x, ps.q[1].x)
print(uctypes.bytes_at(uctypes.addressof(buf) + 2, 3), uctypes.sizeof(bytearray(7)))
v = uctypes.bytearray_at(uctypes.addressof(buf), 4)
v[0] = ord("m")
print(buf[:4], bytes(s)[:4])
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: s.zz)
t(lambda: s[0])
t(lambda: a.nums.x)
t(lambda: a.nums[3])
t(lambda: uctypes.sizeof(5))
t(lambda: uctypes.sizeof({"a": "x"}))
t(lambda: setattr(a, "nums", 5))
t(lambda: setattr(ps, "p", 5))
t(lambda: uctypes.addressof(5))
t(lambda: hash(s))
t(lambda: repr(s)[:14])
t(lambda: repr(a.nums)[:13])
t(lambda: repr(ps.p)[:11])
t(lambda: uctypes.sizeof({"a": 0 | uctypes.UINT8, "b": 1 | uctypes.UINT32}))
t(lambda: uctypes.sizeof({"a": 0 | uctypes.UINT8, "b": 1 | uctypes.UINT32}, uctypes.LITTLE_ENDIAN))
t(lambda: uctypes.struct(uctypes.addressof(buf), (uctypes.ARRAY | 0, 4 | uctypes.UINT8))[1])
t(lambda: [(n, getattr(uctypes, n)) for n in sorted(dir(uctypes)) if n.isupper()])
`;
  assertEquals(await compareProgram(code), []);
});
