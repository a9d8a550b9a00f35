/**
 * `hashlib` (`extmod/modhashlib.c`): `sha256`, `sha1` and `md5` hash
 * objects with `update()` and `digest()`; once a digest has been taken the
 * object is final and further use raises `ValueError("hash is final")`.
 *
 * @module
 */

import { defineModule } from "./builtins.ts";
import { valueError } from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  defineMethod,
  makeType,
  None,
  PyObject,
  type PyType,
  TypeFlag,
} from "./obj.ts";
import { bufferOf, checkArgs, newBytes } from "./mod_support.ts";

/** A hash algorithm's running state. */
interface Digest {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
}

/** Merkle–Damgård framing shared by the three algorithms (64-byte blocks). */
abstract class BlockHash implements Digest {
  private readonly block = new Uint8Array(64);
  private fill = 0;
  private length = 0;

  protected abstract compress(block: Uint8Array): void;
  protected abstract output(): Uint8Array;
  protected abstract readonly bigEndian: boolean;

  update(data: Uint8Array): void {
    this.length += data.length;
    let i = 0;
    while (i < data.length) {
      const n = Math.min(64 - this.fill, data.length - i);
      this.block.set(data.subarray(i, i + n), this.fill);
      this.fill += n;
      i += n;
      if (this.fill === 64) {
        this.compress(this.block);
        this.fill = 0;
      }
    }
  }

  digest(): Uint8Array {
    const bits = this.length * 8;
    const pad = new Uint8Array(((this.fill < 56 ? 56 : 120) - this.fill) + 8);
    pad[0] = 0x80;
    const lo = bits >>> 0;
    const hi = Math.floor(bits / 4294967296) >>> 0;
    const n = pad.length;
    for (let k = 0; k < 4; k++) {
      if (this.bigEndian) {
        pad[n - 1 - k] = (lo >>> (8 * k)) & 0xff;
        pad[n - 5 - k] = (hi >>> (8 * k)) & 0xff;
      } else {
        pad[n - 8 + k] = (lo >>> (8 * k)) & 0xff;
        pad[n - 4 + k] = (hi >>> (8 * k)) & 0xff;
      }
    }
    const saved = this.length;
    this.update(pad);
    this.length = saved;
    return this.output();
  }
}

const K256 = new Uint32Array([
  0x428a2f98,
  0x71374491,
  0xb5c0fbcf,
  0xe9b5dba5,
  0x3956c25b,
  0x59f111f1,
  0x923f82a4,
  0xab1c5ed5,
  0xd807aa98,
  0x12835b01,
  0x243185be,
  0x550c7dc3,
  0x72be5d74,
  0x80deb1fe,
  0x9bdc06a7,
  0xc19bf174,
  0xe49b69c1,
  0xefbe4786,
  0x0fc19dc6,
  0x240ca1cc,
  0x2de92c6f,
  0x4a7484aa,
  0x5cb0a9dc,
  0x76f988da,
  0x983e5152,
  0xa831c66d,
  0xb00327c8,
  0xbf597fc7,
  0xc6e00bf3,
  0xd5a79147,
  0x06ca6351,
  0x14292967,
  0x27b70a85,
  0x2e1b2138,
  0x4d2c6dfc,
  0x53380d13,
  0x650a7354,
  0x766a0abb,
  0x81c2c92e,
  0x92722c85,
  0xa2bfe8a1,
  0xa81a664b,
  0xc24b8b70,
  0xc76c51a3,
  0xd192e819,
  0xd6990624,
  0xf40e3585,
  0x106aa070,
  0x19a4c116,
  0x1e376c08,
  0x2748774c,
  0x34b0bcb5,
  0x391c0cb3,
  0x4ed8aa4a,
  0x5b9cca4f,
  0x682e6ff3,
  0x748f82ee,
  0x78a5636f,
  0x84c87814,
  0x8cc70208,
  0x90befffa,
  0xa4506ceb,
  0xbef9a3f7,
  0xc67178f2,
]);

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** The 16 big-endian words of a 64-byte block into `w[0..15]`. */
function loadWordsBigEndian(b: Uint8Array, w: Uint32Array): void {
  for (let i = 0; i < 16; i++) {
    w[i] = (b[4 * i] << 24) | (b[4 * i + 1] << 16) | (b[4 * i + 2] << 8) |
      b[4 * i + 3];
  }
}

function wordsOut(words: Uint32Array, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  for (let i = 0; i < words.length; i++) {
    for (let k = 0; k < 4; k++) {
      out[i * 4 + k] = bigEndian
        ? (words[i] >>> (24 - 8 * k)) & 0xff
        : (words[i] >>> (8 * k)) & 0xff;
    }
  }
  return out;
}

/** SHA-256. */
export class Sha256 extends BlockHash {
  private readonly h = new Uint32Array([
    0x6a09e667,
    0xbb67ae85,
    0x3c6ef372,
    0xa54ff53a,
    0x510e527f,
    0x9b05688c,
    0x1f83d9ab,
    0x5be0cd19,
  ]);
  private readonly w = new Uint32Array(64);
  protected readonly bigEndian = true;

  protected compress(b: Uint8Array): void {
    const w = this.w;
    loadWordsBigEndian(b, w);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    const h = this.h;
    let a = h[0], bb = h[1], c = h[2], d = h[3];
    let e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let i = 0; i < 64; i++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + K256[i] + w[i]) | 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (s0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }

  protected output(): Uint8Array {
    return wordsOut(this.h, true);
  }
}

/** SHA-1. */
export class Sha1 extends BlockHash {
  private readonly h = new Uint32Array([
    0x67452301,
    0xefcdab89,
    0x98badcfe,
    0x10325476,
    0xc3d2e1f0,
  ]);
  private readonly w = new Uint32Array(80);
  protected readonly bigEndian = true;

  protected compress(b: Uint8Array): void {
    const w = this.w;
    loadWordsBigEndian(b, w);
    for (let i = 16; i < 80; i++) {
      w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    const h = this.h;
    let a = h[0], bb = h[1], c = h[2], d = h[3], e = h[4];
    for (let i = 0; i < 80; i++) {
      let f: number;
      let k: number;
      if (i < 20) {
        f = (bb & c) | (~bb & d);
        k = 0x5a827999;
      } else if (i < 40) {
        f = bb ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (i < 60) {
        f = (bb & c) | (bb & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = bb ^ c ^ d;
        k = 0xca62c1d6;
      }
      const t = (rotl(a, 5) + f + e + k + w[i]) | 0;
      e = d;
      d = c;
      c = rotl(bb, 30);
      bb = a;
      a = t;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }

  protected output(): Uint8Array {
    return wordsOut(this.h, true);
  }
}

const MD5_S = [
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  7,
  12,
  17,
  22,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  5,
  9,
  14,
  20,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  4,
  11,
  16,
  23,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
  6,
  10,
  15,
  21,
];
const MD5_K = new Uint32Array(64);
for (let i = 0; i < 64; i++) {
  MD5_K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) >>> 0;
}

/** MD5. */
export class Md5 extends BlockHash {
  private readonly h = new Uint32Array([
    0x67452301,
    0xefcdab89,
    0x98badcfe,
    0x10325476,
  ]);
  private readonly m = new Uint32Array(16);
  protected readonly bigEndian = false;

  protected compress(b: Uint8Array): void {
    const m = this.m;
    for (let i = 0; i < 16; i++) {
      m[i] = b[4 * i] | (b[4 * i + 1] << 8) | (b[4 * i + 2] << 16) |
        (b[4 * i + 3] << 24);
    }
    const h = this.h;
    let a = h[0], bb = h[1], c = h[2], d = h[3];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (bb & c) | (~bb & d);
        g = i;
      } else if (i < 32) {
        f = (d & bb) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = bb ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (bb | ~d);
        g = (7 * i) & 15;
      }
      const t = d;
      d = c;
      c = bb;
      bb = (bb + rotl((a + f + MD5_K[i] + m[g]) | 0, MD5_S[i])) | 0;
      a = t;
    }
    h[0] += a;
    h[1] += bb;
    h[2] += c;
    h[3] += d;
  }

  protected output(): Uint8Array {
    return wordsOut(this.h, false);
  }
}

/** A hash object (`mp_obj_hash_t`). */
export class PyHash extends PyObject {
  readonly state: Digest;
  final: boolean;
  constructor(type: PyType, state: Digest, bytes: number) {
    super(type);
    this.state = state;
    this.final = false;
    this.h = heap.alloc(bytes, BlockKind.Other);
  }
}

function hashType(
  name: string,
  make: () => Digest,
  bytes: number,
): PyType {
  const t = makeType(name, { flags: TypeFlag.BaseType });
  t.print = () => `<${name}>`;
  t.makeNew = (type, args, kw) => {
    checkArgs(args, kw, 0, 1);
    const obj = new PyHash(type, make(), bytes);
    if (args.length > 0) obj.state.update(bufferOf(args[0]));
    return obj;
  };
  defineMethod(t, "update", (args, kw) => {
    checkArgs(args, kw, 2);
    const self = args[0] as PyHash;
    if (self.final) throw valueError("hash is final");
    self.state.update(bufferOf(args[1]));
    return None;
  });
  defineMethod(t, "digest", (args, kw) => {
    checkArgs(args, kw, 1);
    const self = args[0] as PyHash;
    if (self.final) throw valueError("hash is final");
    self.final = true;
    return newBytes(self.state.digest());
  });
  return t;
}

/** `hashlib.sha256`. */
export const sha256Type: PyType = hashType("sha256", () => new Sha256(), 128);
/** `hashlib.sha1`. */
export const sha1Type: PyType = hashType("sha1", () => new Sha1(), 112);
/** `hashlib.md5`. */
export const md5Type: PyType = hashType("md5", () => new Md5(), 112);

defineModule("hashlib", (dict) => {
  dict.set("sha256", sha256Type);
  dict.set("sha1", sha1Type);
  dict.set("md5", md5Type);
}, { extensible: true });
