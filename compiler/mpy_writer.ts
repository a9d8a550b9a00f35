/**
 * Writes a compiled module as a `.mpy` v6.3 file, byte for byte as
 * mpy-cross lays it out (`py/persistentcode.c`).
 *
 * @module
 */

import {
  CodeKind,
  type CompiledModule,
  ConstKind,
  type ConstObject,
  type RawCode,
} from "./raw_code.ts";
import { LAST_STATIC_QSTR, STATIC_QSTRS } from "./qstr_static.ts";
import { MPY_SUB_VERSION, MPY_VERSION } from "./mpy_reader.ts";

const STATIC_NUMBER: Map<string, number> = new Map();
for (let i = 1; i <= LAST_STATIC_QSTR; i++) {
  STATIC_NUMBER.set(STATIC_QSTRS[i], i);
}

const utf8 = new TextEncoder();

class ByteWriter {
  private buf = new Uint8Array(1024);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const nb = new Uint8Array(size);
    nb.set(this.buf.subarray(0, this.length));
    this.buf = nb;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.length++] = b;
  }

  /**
   * The UTF-8 text of `s` after its byte length (`(length << shift) | tag`),
   * and a NUL after it if `nul`.
   */
  text(s: string, shift: number, nul: boolean): void {
    const n = s.length;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) >= 0x80) {
        const data = utf8.encode(s);
        this.uint(data.length << shift);
        this.bytes(data);
        if (nul) this.byte(0);
        return;
      }
    }
    // ASCII: one byte a character.
    this.uint(n << shift);
    this.ensure(n + 1);
    const buf = this.buf;
    let k = this.length;
    for (let i = 0; i < n; i++) buf[k++] = s.charCodeAt(i);
    if (nul) buf[k++] = 0;
    this.length = k;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }

  uint(v: number): void {
    // Seven bits a byte, most significant first.
    let n = 1;
    for (let t = v; t >= 128; t = Math.floor(t / 128)) n++;
    this.ensure(n);
    const buf = this.buf;
    let k = this.length + n - 1;
    buf[k] = v % 128;
    for (let t = Math.floor(v / 128); t !== 0; t = Math.floor(t / 128)) {
      buf[--k] = 0x80 | (t % 128);
    }
    this.length += n;
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

// The buffer, replaced as it grows, is marked as written after construction
// before any code is optimised (met later, that deoptimises its readers).
function settleWriterShape(): void {
  const w = new ByteWriter();
  w["buf"] = new Uint8Array(1024);
}
settleWriterShape();

function writeQstr(w: ByteWriter, q: string): void {
  const n = STATIC_NUMBER.get(q);
  if (n !== undefined) {
    w.uint((n << 1) | 1);
    return;
  }
  w.text(q, 1, true);
}

function writeConst(w: ByteWriter, o: ConstObject): void {
  w.byte(o.kind);
  switch (o.kind) {
    case ConstKind.FunTable:
    case ConstKind.None:
    case ConstKind.False:
    case ConstKind.True:
    case ConstKind.Ellipsis:
      break;
    case ConstKind.Str:
      w.text(o.value, 0, true);
      break;
    case ConstKind.Bytes:
      w.uint(o.value.length);
      w.bytes(o.value);
      w.byte(0);
      break;
    case ConstKind.Int:
    case ConstKind.Float:
    case ConstKind.Complex: {
      w.text(o.kind === ConstKind.Int ? o.value.toString() : o.text, 0, false);
      break;
    }
    case ConstKind.Tuple:
      w.uint(o.items.length);
      for (const item of o.items) writeConst(w, item);
      break;
  }
}

function writeRawCode(w: ByteWriter, rc: RawCode): void {
  const n = rc.children.length;
  w.uint(rc.funData.length * 8 + (n !== 0 ? 4 : 0) + rc.kind);
  w.bytes(rc.funData);
  if (rc.kind === CodeKind.Native) {
    w.uint(rc.preludeOffset);
  } else if (rc.kind === CodeKind.Viper || rc.kind === CodeKind.Asm) {
    w.uint(0);
  }
  if (n !== 0) {
    w.uint(n);
    for (let i = 0; i < n; i++) writeRawCode(w, rc.children[i]);
  }
}

/** The `.mpy` bytes of a compiled module. */
export function writeMpy(module: CompiledModule): Uint8Array {
  const w = new ByteWriter();
  w.byte(0x4d);
  w.byte(MPY_VERSION);
  w.byte(module.arch === 0 ? 0 : (MPY_SUB_VERSION | (module.arch << 2)));
  w.byte(module.smallIntBits);
  w.uint(module.qstrs.length);
  w.uint(module.objs.length);
  const qstrs = module.qstrs;
  for (let i = 0; i < qstrs.length; i++) writeQstr(w, qstrs[i]);
  const objs = module.objs;
  for (let i = 0; i < objs.length; i++) writeConst(w, objs[i]);
  writeRawCode(w, module.root);
  return w.result();
}
