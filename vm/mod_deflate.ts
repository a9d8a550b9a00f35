/**
 * `deflate` (`extmod/moddeflate.c`, `lib/uzlib`): `DeflateIO`, a stream
 * that decompresses what it reads from another stream and compresses what
 * is written to it, in the RAW, ZLIB or GZIP formats (AUTO detects ZLIB or
 * GZIP when reading and means RAW when writing).
 *
 * Decompression pulls input one byte at a time, as on the board, so a
 * truncated stream raises `EOFError` and corrupt data `OSError(EINVAL)`;
 * the window is `2**wbits` bytes. Compression is uzlib's: one final block
 * with the fixed Huffman code, and a brute-force LZ77 search over a window
 * of `2**wbits` bytes (default 256), so the bytes produced are the board's.
 *
 * @module
 */

import { defineModule } from "./builtins.ts";
import {
  EOFError,
  newException,
  OSError,
  typeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  defineMethod,
  makeType,
  None,
  type PyObj,
  PyObject,
  type PyType,
  TypeFlag,
} from "./obj.ts";
import { call, isTrue, loadAttrMaybe } from "./runtime.ts";
import { crc32 } from "./mod_binascii.ts";
import {
  bufferOf,
  checkArgs,
  concatBytes,
  type NativeStream,
  newBytes,
  streamReadBytes,
  streamWriteBytes,
  toMachineInt,
} from "./mod_support.ts";

const FORMAT_AUTO = 0;
const FORMAT_RAW = 1;
const FORMAT_ZLIB = 2;
const FORMAT_GZIP = 3;
const DEFAULT_WBITS = 8;
const EINVAL = 22;

/** Corrupt compressed data (the stream reports EINVAL). */
class InflateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InflateError";
  }
}

/** Adler-32 of `data`, continuing from `sum`. */
export function adler32(data: Uint8Array, sum = 1): number {
  let a = sum & 0xffff;
  let b = (sum >>> 16) & 0xffff;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

// ---------------------------------------------------------------------------
// Inflate

const LENGTH_BASE = [
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  13,
  15,
  17,
  19,
  23,
  27,
  31,
  35,
  43,
  51,
  59,
  67,
  83,
  99,
  115,
  131,
  163,
  195,
  227,
  258,
];
const LENGTH_EXTRA = [
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
];
const DIST_BASE = [
  1,
  2,
  3,
  4,
  5,
  7,
  9,
  13,
  17,
  25,
  33,
  49,
  65,
  97,
  129,
  193,
  257,
  385,
  513,
  769,
  1025,
  1537,
  2049,
  3073,
  4097,
  6145,
  8193,
  12289,
  16385,
  24577,
];
const DIST_EXTRA = [
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
];
const CLEN_ORDER = [
  16,
  17,
  18,
  0,
  8,
  7,
  9,
  6,
  10,
  5,
  11,
  4,
  12,
  3,
  13,
  2,
  14,
  1,
  15,
];

/** A canonical Huffman code: symbol counts per length and symbols in code order. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function buildHuffman(lengths: number[]): Huffman {
  const counts = new Uint16Array(16);
  for (const l of lengths) counts[l]++;
  counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let i = 1; i < 16; i++) offs[i] = offs[i - 1] + counts[i - 1];
  const symbols = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    if (lengths[s] !== 0) symbols[offs[lengths[s]]++] = s;
  }
  return { counts, symbols };
}

let fixedCodes: [Huffman, Huffman] | null = null;

function fixedHuffman(): [Huffman, Huffman] {
  if (fixedCodes === null) {
    const l: number[] = [];
    for (let i = 0; i < 288; i++) {
      l.push(i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8);
    }
    const d: number[] = new Array(30).fill(5);
    fixedCodes = [buildHuffman(l), buildHuffman(d)];
  }
  return fixedCodes;
}

/** The input side of an inflater: a byte source and a bit buffer. */
class BitReader {
  private bits = 0;
  private count = 0;
  constructor(private readonly next: () => number) {}

  byte(): number {
    return this.next();
  }

  bit(): number {
    if (this.count === 0) {
      this.bits = this.next();
      this.count = 8;
    }
    const b = this.bits & 1;
    this.bits >>= 1;
    this.count--;
    return b;
  }

  read(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v |= this.bit() << i;
    return v;
  }

  /** Drops the bits left in the current byte. */
  align(): void {
    this.count = 0;
  }

  decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= this.bit();
      const count = h.counts[len];
      if (code - count < first) return h.symbols[index + (code - first)];
      index += count;
      first += count;
      first <<= 1;
      code <<= 1;
    }
    throw new InflateError("bad code");
  }
}

/**
 * Decompresses a raw deflate stream, yielding output bytes one at a time;
 * back-references may reach at most `window` bytes back.
 */
function* inflateRaw(
  bits: BitReader,
  window: number,
): Generator<number, void, undefined> {
  const ring = new Uint8Array(window);
  let total = 0;
  const emit = (b: number): void => {
    ring[total % window] = b;
    total++;
  };
  for (;;) {
    const final = bits.bit();
    const type = bits.read(2);
    if (type === 0) {
      bits.align();
      const len = bits.byte() | (bits.byte() << 8);
      const nlen = bits.byte() | (bits.byte() << 8);
      if (len !== (~nlen & 0xffff)) throw new InflateError("bad stored block");
      for (let i = 0; i < len; i++) {
        const b = bits.byte();
        emit(b);
        yield b;
      }
    } else if (type === 1 || type === 2) {
      let lit: Huffman;
      let dist: Huffman;
      if (type === 1) {
        [lit, dist] = fixedHuffman();
      } else {
        const hlit = bits.read(5) + 257;
        const hdist = bits.read(5) + 1;
        const hclen = bits.read(4) + 4;
        const clen = new Array(19).fill(0);
        for (let i = 0; i < hclen; i++) clen[CLEN_ORDER[i]] = bits.read(3);
        const clh = buildHuffman(clen);
        const lengths: number[] = [];
        while (lengths.length < hlit + hdist) {
          const sym = bits.decode(clh);
          if (sym < 16) {
            lengths.push(sym);
          } else if (sym === 16) {
            if (lengths.length === 0) throw new InflateError("bad repeat");
            const prev = lengths[lengths.length - 1];
            for (let r = 3 + bits.read(2); r > 0; r--) lengths.push(prev);
          } else if (sym === 17) {
            for (let r = 3 + bits.read(3); r > 0; r--) lengths.push(0);
          } else {
            for (let r = 11 + bits.read(7); r > 0; r--) lengths.push(0);
          }
        }
        if (lengths.length > hlit + hdist) {
          throw new InflateError("bad lengths");
        }
        lit = buildHuffman(lengths.slice(0, hlit));
        dist = buildHuffman(lengths.slice(hlit));
      }
      for (;;) {
        const sym = bits.decode(lit);
        if (sym < 256) {
          emit(sym);
          yield sym;
          continue;
        }
        if (sym === 256) break;
        const li = sym - 257;
        if (li >= 29) throw new InflateError("bad length");
        const len = LENGTH_BASE[li] + bits.read(LENGTH_EXTRA[li]);
        const di = bits.decode(dist);
        if (di >= 30) throw new InflateError("bad distance");
        const d = DIST_BASE[di] + bits.read(DIST_EXTRA[di]);
        if (d > window || d > total) throw new InflateError("distance");
        for (let i = 0; i < len; i++) {
          const b = ring[(total - d) % window];
          emit(b);
          yield b;
        }
      }
    } else {
      throw new InflateError("bad block type");
    }
    if (final) return;
  }
}

// ---------------------------------------------------------------------------
// Compress (uzlib's LZ77 and fixed-Huffman encoder)

const MATCH_MIN = 3;
const MATCH_MAX = 258;

function reverseBits(v: number, n: number): number {
  let r = 0;
  for (let i = 0; i < n; i++) {
    r = (r << 1) | (v & 1);
    v >>= 1;
  }
  return r;
}

function log2(x: number): number {
  let r = 0;
  while ((x >>= 1) !== 0) r++;
  return r;
}

/** The streaming compressor: a history window and a bit accumulator. */
class Compressor {
  private readonly hist: Uint8Array;
  private histStart = 0;
  private histLen = 0;
  private bits = 0;
  private nbits = 0;

  constructor(windowSize: number, private readonly out: (b: number) => void) {
    this.hist = new Uint8Array(windowSize);
  }

  private outbits(v: number, n: number): void {
    this.bits |= v << this.nbits;
    this.nbits += n;
    while (this.nbits >= 8) {
      this.out(this.bits & 0xff);
      this.bits >>>= 8;
      this.nbits -= 8;
    }
  }

  private huff(code: number, len: number): void {
    this.outbits(reverseBits(code, len), len);
  }

  start(): void {
    this.outbits(3, 3); // final block, fixed Huffman
  }

  finish(): void {
    this.outbits(0, 7); // end of block
    this.outbits(0, 7); // flush
  }

  private literal(c: number): void {
    if (c <= 143) this.huff(0x30 + c, 8);
    else this.huff(0x190 + c - 144, 9);
  }

  private match(distance: number, len: number): void {
    const d = distance - 1;
    while (len > 0) {
      let thislen = len > 260 ? 258 : len <= 258 ? len : len - 3;
      len -= thislen;
      thislen -= 3;
      let lcode = 28;
      let x = log2(thislen);
      if (thislen < 255) {
        if (x) --x;
        const y = (thislen >> (x ? x - 1 : 0)) & 3;
        lcode = x * 4 + y;
      }
      if (lcode <= 22) this.huff(lcode + 1, 7);
      else this.huff(0xc0 + lcode - 23, 8);
      if (thislen < 255 && x > 1) {
        const extra = x - 1;
        this.outbits(thislen - ((thislen >> extra) << extra), extra);
      }
      const dx = log2(d);
      const dy = (d >> (dx ? dx - 1 : 0)) & 1;
      this.huff(dx * 2 + dy, 5);
      if (dx > 1) {
        const extra = dx - 1;
        this.outbits(d - ((d >> extra) << extra), extra);
      }
    }
  }

  private histAt(i: number): number {
    return this.hist[(this.histStart + i) & (this.hist.length - 1)];
  }

  compress(src: Uint8Array): void {
    const mask = this.hist.length - 1;
    let pos = 0;
    while (pos < src.length) {
      const avail = src.length - pos;
      let bestLen = 0;
      let bestOffset = 0;
      for (let h = 0; h < this.histLen; h++) {
        let m = 0;
        for (; m <= MATCH_MAX && m < avail; m++) {
          const hb = h + m < this.histLen
            ? this.histAt(h + m)
            : src[pos + h + m - this.histLen];
          if (src[pos + m] !== hb) break;
        }
        if (m >= MATCH_MIN && m >= bestLen) {
          bestLen = m;
          bestOffset = this.histLen - h;
        }
      }
      let n: number;
      if (bestLen === 0) {
        this.literal(src[pos]);
        n = 1;
      } else {
        this.match(bestOffset, bestLen);
        n = bestLen;
      }
      while (n-- > 0) {
        const b = src[pos++];
        this.hist[(this.histStart + this.histLen) & mask] = b;
        if (this.histLen === this.hist.length) {
          this.histStart = (this.histStart + 1) & mask;
        } else {
          this.histLen++;
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// DeflateIO

/** `deflate.DeflateIO`. */
export const deflateIOType: PyType = makeType("DeflateIO", {
  flags: TypeFlag.BaseType,
});

interface ReadState {
  gen: Generator<number, void, undefined>;
  eof: boolean;
}

interface WriteState {
  comp: Compressor;
  length: number;
  checksum: number;
}

/** A DeflateIO object (`mp_obj_deflateio_t`). */
export class PyDeflateIO extends PyObject implements NativeStream {
  stream: PyObj | undefined;
  readonly format: number;
  readonly wbits: number;
  readonly closeStream: boolean;
  reader: ReadState | null;
  writer: WriteState | null;
  readonly isText = false;

  constructor(
    type: PyType,
    stream: PyObj,
    format: number,
    wbits: number,
    closeStream: boolean,
  ) {
    super(type);
    this.stream = stream;
    this.format = format;
    this.wbits = wbits;
    this.closeStream = closeStream;
    this.reader = null;
    this.writer = null;
    this.h = heap.alloc(20, BlockKind.Other);
  }

  /** One byte of compressed input; `EOFError` at the end of the source. */
  private sourceByte(): number {
    const b = streamReadBytes(this.stream as PyObj, 1);
    if (b.length === 0) throw newException(EOFError);
    return b[0];
  }

  private initRead(): ReadState {
    if (this.reader !== null) return this.reader;
    const bits = new BitReader(() => this.sourceByte());
    let wbits = this.wbits;
    let kind = FORMAT_RAW;
    if (this.format === FORMAT_RAW) {
      if (wbits === 0) wbits = DEFAULT_WBITS;
    } else {
      const [headerKind, headerBits] = parseHeader(bits);
      kind = headerKind;
      if (
        (this.format === FORMAT_ZLIB && kind !== FORMAT_ZLIB) ||
        (this.format === FORMAT_GZIP && kind !== FORMAT_GZIP)
      ) {
        throw new InflateError("format");
      }
      if (wbits === 0 || headerBits < wbits) wbits = headerBits;
    }
    heap.alloc(1 << wbits, BlockKind.Other, this);
    const gen = inflateChecked(bits, 1 << wbits, kind);
    this.reader = { gen, eof: false };
    return this.reader;
  }

  /** Reads up to `n` decompressed bytes (all when n < 0). */
  streamRead(n: number): Uint8Array {
    try {
      if (this.stream === undefined) throw new InflateError("closed");
      const r = this.initRead();
      if (r.eof) return new Uint8Array(0);
      const out: number[] = [];
      while (n < 0 || out.length < n) {
        const step = r.gen.next();
        if (step.done) {
          r.eof = true;
          break;
        }
        out.push(step.value);
      }
      return Uint8Array.from(out);
    } catch (e) {
      if (e instanceof InflateError) throw newException(OSError, [EINVAL]);
      throw e;
    }
  }

  private initWrite(): WriteState {
    if (this.writer !== null) return this.writer;
    if (this.stream === undefined) throw newException(OSError, [EINVAL]);
    const wbits = this.wbits === 0 ? DEFAULT_WBITS : this.wbits;
    heap.alloc(1 << wbits, BlockKind.Other, this);
    const stream = this.stream;
    const comp = new Compressor(1 << wbits, (b) => {
      streamWriteBytes(stream, Uint8Array.of(b));
    });
    let checksum = 0;
    if (this.format === FORMAT_ZLIB) {
      const cmf = 0x08 | (Math.max(wbits - 8, 1) << 4);
      const flg = 0x80 | (31 - ((cmf * 256 + 0x80) % 31));
      streamWriteBytes(stream, Uint8Array.of(cmf, flg));
      checksum = 1;
    } else if (this.format === FORMAT_GZIP) {
      streamWriteBytes(
        stream,
        Uint8Array.of(0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0x04, 0x03),
      );
      checksum = 0;
    }
    comp.start();
    this.writer = { comp, length: 0, checksum };
    return this.writer;
  }

  streamWrite(data: Uint8Array): number {
    // An empty write never reaches the compressor (nor writes a header).
    if (data.length === 0) return 0;
    const w = this.initWrite();
    w.length += data.length;
    if (this.format === FORMAT_ZLIB) w.checksum = adler32(data, w.checksum);
    else if (this.format === FORMAT_GZIP) w.checksum = crc32(data, w.checksum);
    w.comp.compress(data);
    return data.length;
  }

  /** Finishes compression, writes the trailer, releases the stream. */
  close(): void {
    const stream = this.stream;
    if (stream === undefined) return;
    const w = this.writer;
    if (w !== null) {
      w.comp.finish();
      if (this.format === FORMAT_ZLIB) {
        const c = w.checksum;
        streamWriteBytes(
          stream,
          Uint8Array.of(
            c >>> 24,
            (c >>> 16) & 0xff,
            (c >>> 8) & 0xff,
            c & 0xff,
          ),
        );
      } else if (this.format === FORMAT_GZIP) {
        const c = w.checksum;
        const n = w.length >>> 0;
        streamWriteBytes(
          stream,
          Uint8Array.of(
            c & 0xff,
            (c >>> 8) & 0xff,
            (c >>> 16) & 0xff,
            c >>> 24,
            n & 0xff,
            (n >>> 8) & 0xff,
            (n >>> 16) & 0xff,
            n >>> 24,
          ),
        );
      }
    }
    if (this.closeStream) closeStream(stream);
    this.stream = undefined;
  }
}

function closeStream(stream: PyObj): void {
  const close = loadAttrMaybe(stream, "close");
  if (close !== undefined) call(close, []);
}

/** Reads a zlib or gzip header: [format, window bits]. */
function parseHeader(bits: BitReader): [number, number] {
  const cmf = bits.byte();
  const flg = bits.byte();
  if (cmf === 0x1f && flg === 0x8b) {
    if (bits.byte() !== 8) throw new InflateError("gzip method");
    const flags = bits.byte();
    if ((flags & 0xe0) !== 0) throw new InflateError("gzip flags");
    for (let i = 0; i < 6; i++) bits.byte(); // mtime, xfl, os
    if (flags & 4) {
      let n = bits.byte();
      n |= bits.byte() << 8;
      for (let i = 0; i < n; i++) bits.byte();
    }
    if (flags & 8) { while (bits.byte() !== 0); }
    if (flags & 16) { while (bits.byte() !== 0); }
    if (flags & 2) {
      bits.byte();
      bits.byte();
    }
    return [FORMAT_GZIP, 15];
  }
  if ((cmf * 256 + flg) % 31 !== 0) throw new InflateError("zlib check");
  if ((cmf & 0x0f) !== 8) throw new InflateError("zlib method");
  if ((flg & 0x20) !== 0) throw new InflateError("zlib dict");
  const wbits = (cmf >> 4) + 8;
  if (wbits > 15) throw new InflateError("zlib window");
  return [FORMAT_ZLIB, wbits];
}

/** Inflates and then checks the format's trailer. */
function* inflateChecked(
  bits: BitReader,
  window: number,
  kind: number,
): Generator<number, void, undefined> {
  let sum = kind === FORMAT_ZLIB ? 1 : 0;
  let length = 0;
  const chunk: number[] = [];
  const flushSum = (): void => {
    const data = Uint8Array.from(chunk);
    sum = kind === FORMAT_ZLIB ? adler32(data, sum) : crc32(data, sum);
    chunk.length = 0;
  };
  for (const b of inflateRaw(bits, window)) {
    if (kind !== FORMAT_RAW) {
      chunk.push(b);
      if (chunk.length >= 4096) flushSum();
    }
    length++;
    yield b;
  }
  if (kind === FORMAT_RAW) return;
  flushSum();
  bits.align();
  if (kind === FORMAT_ZLIB) {
    let v = 0;
    for (let i = 0; i < 4; i++) v = (v * 256) + bits.byte();
    if (v !== sum) throw new InflateError("adler32");
  } else {
    let c = 0;
    for (let i = 0; i < 4; i++) c += bits.byte() * Math.pow(2, 8 * i);
    let n = 0;
    for (let i = 0; i < 4; i++) n += bits.byte() * Math.pow(2, 8 * i);
    if (c !== sum || n !== length % 4294967296) throw new InflateError("crc");
  }
}

function deflateOf(v: PyObj): PyDeflateIO {
  if (v instanceof PyDeflateIO) return v;
  const native = (v as { native?: PyObj }).native;
  if (native instanceof PyDeflateIO) return native;
  throw typeError("DeflateIO expected");
}

deflateIOType.makeNew = (type, args, kw) => {
  checkArgs(args, kw, 1, 4);
  const format = args.length > 1 ? toMachineInt(args[1]) : FORMAT_AUTO;
  const wbits = args.length > 2 ? toMachineInt(args[2]) : 0;
  if (format < FORMAT_AUTO || format > FORMAT_GZIP) {
    throw valueError("format");
  }
  if (wbits !== 0 && (wbits < 5 || wbits > 15)) throw valueError("wbits");
  return new PyDeflateIO(
    (type.flags & TypeFlag.UserClass) === 0 ? type : deflateIOType,
    args[0],
    format,
    wbits,
    args.length > 3 && isTrue(args[3]),
  );
};
deflateIOType.print = () => "<DeflateIO>";
deflateIOType.gcTrace = (self, trace) => trace((self as PyDeflateIO).stream);

defineMethod(deflateIOType, "read", (args, kw) => {
  checkArgs(args, kw, 1, 2);
  const d = deflateOf(args[0]);
  const n = args.length > 1 && args[1] !== None ? toMachineInt(args[1]) : -1;
  return newBytes(d.streamRead(n));
});
defineMethod(deflateIOType, "readinto", (args, kw) => {
  checkArgs(args, kw, 2, 3);
  const d = deflateOf(args[0]);
  const buf = bufferOf(args[1], true);
  const n = args.length > 2
    ? Math.min(toMachineInt(args[2]), buf.length)
    : buf.length;
  const data = d.streamRead(n);
  buf.set(data);
  return data.length;
});
defineMethod(deflateIOType, "readline", (args, kw) => {
  checkArgs(args, kw, 1, 2);
  const d = deflateOf(args[0]);
  const max = args.length > 1 ? toMachineInt(args[1]) : -1;
  const parts: Uint8Array[] = [];
  while (max < 0 || parts.length < max) {
    const b = d.streamRead(1);
    if (b.length === 0) break;
    parts.push(b);
    if (b[0] === 10) break;
  }
  return newBytes(concatBytes(parts));
});
defineMethod(deflateIOType, "write", (args, kw) => {
  checkArgs(args, kw, 2);
  return deflateOf(args[0]).streamWrite(bufferOf(args[1]));
});
defineMethod(deflateIOType, "close", (args, kw) => {
  checkArgs(args, kw, 1);
  deflateOf(args[0]).close();
  return None;
});
defineMethod(deflateIOType, "__enter__", (args, kw) => {
  checkArgs(args, kw, 1);
  return args[0];
});
defineMethod(deflateIOType, "__exit__", (args) => {
  deflateOf(args[0]).close();
  return None;
});

defineModule("deflate", (dict) => {
  dict.set("DeflateIO", deflateIOType);
  dict.set("AUTO", FORMAT_AUTO);
  dict.set("RAW", FORMAT_RAW);
  dict.set("ZLIB", FORMAT_ZLIB);
  dict.set("GZIP", FORMAT_GZIP);
});
