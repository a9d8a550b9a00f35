/**
 * `int` and `bool` (`py/objint.c`, `py/objint_mpz.c`, `py/objbool.c`): the
 * slow paths behind the interpreter's small-int fast path. Ints are
 * JavaScript numbers within ±(2^53−1) and bigints beyond; every result is
 * normalised back to a number when it fits and charged to the heap through
 * `newInt` when it leaves the 31-bit small-int range.
 *
 * Python's rules: `//` and `%` floor, `**` with a negative exponent gives a
 * float, shifts by a negative count raise, bitwise operators act on two's
 * complement, mixed int/float operations convert the int to float (as
 * MicroPython does for comparisons too), true division is a float.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import {
  chargeIntPromotion,
  charging,
  mpzDigits,
  newInt,
  newStr,
} from "./alloc.ts";
import { defineBuiltinValue } from "./builtins.ts";
import {
  excWithMessage,
  memoryError,
  OverflowError,
  typeError,
  valueError,
  zeroDivisionError,
} from "./exc.ts";
import {
  fl,
  intAsFloat,
  isSmallInt,
  newFloat,
  numberContains,
} from "./float_impl.ts";
import { hashKey } from "./map.ts";
import { complexBinaryOp } from "./obj_complex.ts";
import { floatBinaryOp } from "./obj_float.ts";
import {
  boolType,
  bytesType,
  classmethodType,
  defineMethod,
  intType,
  type KwArgs,
  listType,
  PyByteArray,
  PyBytes,
  PyComplex,
  PyFloat,
  PyMethodWrapper,
  PyNativeFunction,
  type PyObj,
  PyTuple,
  type PyType,
  strType,
  tupleType,
  typeOf,
} from "./obj.ts";
import { parseInteger } from "../compiler/parse_num.ts";
import { BINARY_OP_METHOD, binaryOp, isTrue } from "./runtime.ts";
import { checkArgs, toMachineInt } from "./sequence.ts";
import { quoteBytes, utf8Encode } from "./unicode.ts";

const MAX_SAFE = 9007199254740991;
const SMALL_MIN = -0x40000000;
const SMALL_MAX = 0x3fffffff;

/**
 * An int result held as a number: -0 becomes 0, big values are charged
 * (`digits`: the 16-bit digits MicroPython's operation allocates).
 */
export function intResult(v: number, digits?: number): number | bigint {
  if (v >= SMALL_MIN && v <= SMALL_MAX) return v === 0 ? 0 : v;
  return newInt(v, digits);
}

/** A bigint result, normalised to a number when it fits. */
export function bigResult(v: bigint, digits?: number): number | bigint {
  if (v >= -0x1fffffffffffffn && v <= 0x1fffffffffffffn) {
    return intResult(Number(v), digits);
  }
  return newInt(v, digits);
}

/** Numbers converted to bigint lately, by their low bits (`bigCacheValues` holds each). */
const bigCacheKeys = new Float64Array(256).fill(NaN);
const bigCacheValues: bigint[] = new Array<bigint>(256).fill(0n);

/**
 * An int as a bigint, for the big-int paths. The same few numbers (the
 * constants of a computation) are converted again and again: a small cache
 * spares making a bigint each time.
 */
function big(v: number | bigint): bigint {
  if (typeof v === "bigint") return v;
  const k = v & 255;
  if (bigCacheKeys[k] === v) return bigCacheValues[k];
  const b = BigInt(v);
  bigCacheKeys[k] = v;
  bigCacheValues[k] = b;
  return b;
}

/** The int value of an int or bool (no other type). */
function intOf(v: PyObj): number | bigint | undefined {
  switch (typeof v) {
    case "number":
    case "bigint":
      return v;
    case "boolean":
      return v ? 1 : 0;
  }
  return undefined;
}

function negativeShift(): never {
  throw valueError("negative shift count");
}

function machineWordOverflow(): never {
  throw excWithMessage(
    OverflowError,
    "overflow converting long int to machine word",
  );
}

/** Results beyond this many bits cannot exist on a board (nor comfortably here). */
const MAX_BITS = 1 << 28;

function tooBig(bits: number): never {
  throw memoryError(
    `memory allocation failed, allocating ${Math.ceil(bits / 8)} bytes`,
  );
}

function bitLen(v: bigint): number {
  if (v < 0n) v = -v;
  if (v === 0n) return 0;
  const hex = v.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** `a ** b` for b ≥ 0, exact. */
function intPow(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === "number" && typeof b === "number") {
    // Repeated squaring while everything stays exact.
    let result = 1;
    let base = a;
    let e = b;
    for (;;) {
      if (e % 2 === 1) {
        result *= base;
        if (!Number.isSafeInteger(result)) break;
      }
      e = Math.floor(e / 2);
      if (e === 0) return intResult(result);
      base *= base;
      if (!Number.isSafeInteger(base)) break;
    }
  }
  const ba = BigInt(a);
  if (ba === 0n || ba === 1n) return b === 0 || b === 0n ? 1 : Number(ba);
  if (ba === -1n) return BigInt(b) % 2n === 0n ? 1 : -1;
  const bb = BigInt(b);
  const bits = bitLen(ba) * Number(bb);
  if (!(bits < MAX_BITS)) tooBig(bits);
  return bigResult(ba ** bb);
}

/** `pow(a, b, m)` for ints (`mpz_pow3_inpl`); b ≥ 0, m ≠ 0. */
export function intPowMod(
  a: number | bigint,
  b: number | bigint,
  m: number | bigint,
): number | bigint {
  let base = BigInt(a);
  let e = BigInt(b);
  const mod = BigInt(m);
  let result = 1n % mod;
  base %= mod;
  while (e > 0n) {
    if ((e & 1n) === 1n) result = (result * base) % mod;
    e >>= 1n;
    if (e > 0n) base = (base * base) % mod;
  }
  // The sign follows the modulus, as Python's % does.
  if (result !== 0n && (result < 0n) !== (mod < 0n)) result += mod;
  return bigResult(result);
}

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  // Truncation differs from floor only for a negative inexact quotient
  // (a multiplication is cheaper than a second division).
  if ((a < 0n) !== (b < 0n) && q * b !== a) return q - 1n;
  return q;
}

function modBig(a: bigint, b: bigint): bigint {
  const r = a % b;
  if (r !== 0n && (r < 0n) !== (b < 0n)) return r + b;
  return r;
}

/** Floor division of two ints; `b` is not zero. */
export function intFloorDiv(
  a: number | bigint,
  b: number | bigint,
): number | bigint {
  if (
    typeof a === "number" && typeof b === "number" &&
    a >= -0x7fffffff && a <= 0x7fffffff && b >= -0x7fffffff && b <= 0x7fffffff
  ) {
    const q = Math.floor(a / b);
    return q === 0 ? 0 : q;
  }
  return bigResult(floorDivBig(big(a), big(b)));
}

/** Python modulo of two ints; `b` is not zero. */
export function intMod(
  a: number | bigint,
  b: number | bigint,
): number | bigint {
  if (typeof a === "number" && typeof b === "number") {
    let r = a % b;
    if (r !== 0 && (r < 0) !== (b < 0)) r += b;
    return r === 0 ? 0 : intResult(r);
  }
  return bigResult(modBig(big(a), big(b)));
}

function isInt32(v: number): boolean {
  return v >= -2147483648 && v <= 2147483647;
}

/** True for values whose 32 low bits and sign describe them (−2^31 … 2^32−1). */
function isWord(v: number): boolean {
  return v >= -2147483648 && v <= 4294967295;
}

function bitwise(op: number, a: number | bigint, b: number | bigint): PyObj {
  if (typeof a === "number" && typeof b === "number") {
    if (isInt32(a) && isInt32(b)) {
      switch (op) {
        case 22: // Or
          return intResult(a | b);
        case 23: // Xor
          return intResult(a ^ b);
        default: // And
          return intResult(a & b);
      }
    }
    if (isWord(a) && isWord(b)) {
      // Bits above 31 are copies of the sign: the low word and the sign
      // of the result give its value.
      let r: number;
      let neg: boolean;
      switch (op) {
        case 22:
          r = a | b;
          neg = a < 0 || b < 0;
          break;
        case 23:
          r = a ^ b;
          neg = (a < 0) !== (b < 0);
          break;
        default:
          r = a & b;
          neg = a < 0 && b < 0;
      }
      return intResult(neg ? (r >>> 0) - 4294967296 : r >>> 0);
    }
  }
  if (op === 24 && typeof b === "number" && b >= 0 && b <= 0xffffffff) {
    // A big int masked to a word (a generator's `& 0x7fffffff`): the low
    // 32 bits of the two's complement decide.
    return intResult((Number(BigInt.asUintN(32, big(a))) & b) >>> 0);
  }
  const x = big(a);
  const y = big(b);
  switch (op) {
    case 22:
      return bigResult(x | y);
    case 23:
      return bigResult(x ^ y);
    default:
      return bigResult(x & y);
  }
}

function shiftCount(b: number | bigint): number {
  if (typeof b === "bigint" || b > 0x7fffffff || b < -0x7fffffff) {
    machineWordOverflow();
  }
  if (b < 0) negativeShift();
  return b;
}

function lshift(a: number | bigint, bIn: number | bigint): number | bigint {
  const b = shiftCount(bIn);
  if (a === 0) return 0;
  let r = NaN;
  if (typeof a === "number" && b < 53) {
    r = a * Math.pow(2, b);
    if (r >= SMALL_MIN && r <= SMALL_MAX) return r;
  }
  // A small int that overflows is first made a big int (garbage); mpz then
  // allocates the operand's digits, the whole digits shifted in, and one.
  if (typeof a === "number" && a >= SMALL_MIN && a <= SMALL_MAX) {
    chargeIntPromotion();
  }
  const digits = charging() ? mpzDigits(a) + (b >> 4) + 1 : 0;
  if (r >= -MAX_SAFE && r <= MAX_SAFE) return intResult(r, digits);
  const bits = bitLen(big(a)) + b;
  if (!(bits < MAX_BITS)) tooBig(bits);
  return bigResult(big(a) << big(b), digits);
}

function rshift(a: number | bigint, bIn: number | bigint): number | bigint {
  const b = shiftCount(bIn);
  if (typeof a === "number") {
    if (b >= 53) return a < 0 ? -1 : 0;
    if (b < 32 && isWord(a)) return intResult(isInt32(a) ? a >> b : a >>> b);
    const r = Math.floor(a / Math.pow(2, b));
    return r === 0 ? 0 : intResult(r);
  }
  return bigResult(a >> big(b));
}

function addSub(
  sub: boolean,
  a: number | bigint,
  b: number | bigint,
): number | bigint {
  if (typeof a === "number" && typeof b === "number") {
    const r = sub ? a - b : a + b;
    if (r >= SMALL_MIN && r <= SMALL_MAX) return r === 0 ? 0 : r;
    if (r >= -MAX_SAFE && r <= MAX_SAFE) return intResult(r, sumDigits(a, b));
  }
  return bigResult(
    sub ? big(a) - big(b) : big(a) + big(b),
    sumDigits(a, b),
  );
}

/** Digits mpz allocates for a sum: the longer operand's, and one. */
function sumDigits(a: number | bigint, b: number | bigint): number {
  if (!charging()) return 0;
  const da = mpzDigits(a);
  const db = mpzDigits(b);
  return (da > db ? da : db) + 1;
}

function mul(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (r >= SMALL_MIN && r <= SMALL_MAX) return r === 0 ? 0 : r;
    // An overflowing product of small ints first makes the left one a big
    // int (garbage); mpz allocates the sum of the operands' digits.
    if (a >= SMALL_MIN && a <= SMALL_MAX && b >= SMALL_MIN && b <= SMALL_MAX) {
      chargeIntPromotion();
    }
    if (r >= -MAX_SAFE && r <= MAX_SAFE) {
      return intResult(r, productDigits(a, b));
    }
    // A product within the safe range is exact as a double: this one is
    // beyond it.
    return newInt(big(a) * big(b), productDigits(a, b));
  }
  return bigResult(big(a) * big(b), productDigits(a, b));
}

/** Digits mpz allocates for a product: the sum of the operands'. */
function productDigits(a: number | bigint, b: number | bigint): number {
  return charging() ? mpzDigits(a) + mpzDigits(b) : 0;
}

function compare(op: number, a: number | bigint, b: number | bigint): boolean {
  switch (op) {
    case 0: // Less
      return a < b;
    case 1: // More
      return a > b;
    case 2: // Equal
      return a === b;
    case 3: // LessEqual
      return a <= b;
    default: // MoreEqual
      return a >= b;
  }
}

/** The int value as a float (what mixed int/float arithmetic uses). */
export { intAsFloat };

/**
 * A binary operator with an int left operand (`mp_obj_int_binary_op`):
 * int, bool, float and complex right operands; `int * sequence` repeats the
 * sequence. Undefined when not supported.
 */
export function intBinaryOp(
  op: BinaryOp,
  a: number | bigint,
  rhs: PyObj,
): PyObj | undefined {
  const b = intOf(rhs);
  if (b === undefined) {
    if (rhs instanceof PyFloat) return floatBinaryOp(op, intAsFloat(a), rhs);
    if (rhs instanceof PyComplex) {
      return complexBinaryOp(op, intAsFloat(a), 0, rhs);
    }
    if (op === BinaryOp.Multiply || op === BinaryOp.InplaceMultiply) {
      const t = typeOf(rhs);
      if (
        t === strType || t === bytesType || t === tupleType || t === listType
      ) {
        // Multiplication commutes for these: let the sequence repeat itself.
        return binaryOp(BinaryOp.Multiply, rhs, a);
      }
    }
    return undefined;
  }
  switch (op) {
    case 0: // Less
    case 1: // More
    case 2: // Equal
    case 3: // LessEqual
    case 4: // MoreEqual
      return compare(op, a, b);
    case 22: // Or
    case 9: // InplaceOr
      return bitwise(22, a, b);
    case 23: // Xor
    case 10: // InplaceXor
      return bitwise(23, a, b);
    case 24: // And
    case 11: // InplaceAnd
      return bitwise(24, a, b);
    case 25: // Lshift
    case 12: // InplaceLshift
      return lshift(a, b);
    case 26: // Rshift
    case 13: // InplaceRshift
      return rshift(a, b);
    case 27: // Add
    case 14: // InplaceAdd
      return addSub(false, a, b);
    case 28: // Subtract
    case 15: // InplaceSubtract
      return addSub(true, a, b);
    case 29: // Multiply
    case 16: // InplaceMultiply
      return mul(a, b);
    case 31: // FloorDivide
    case 18: // InplaceFloorDivide
      if (b === 0) throw zeroDivisionError();
      return intFloorDiv(a, b);
    case 33: // Modulo
    case 20: // InplaceModulo
      if (b === 0) throw zeroDivisionError();
      return intMod(a, b);
    case 32: // TrueDivide
    case 19: // InplaceTrueDivide
      if (b === 0) throw zeroDivisionError();
      return newFloat(fl(intAsFloat(a) / intAsFloat(b)));
    case 34: // Power
    case 21: // InplacePower
      if (b < 0) return floatBinaryOp(BinaryOp.Power, intAsFloat(a), b);
      return intPow(a, b);
    case 35: { // Divmod
      if (b === 0) throw zeroDivisionError();
      if (typeof a === "number" && typeof b === "number") {
        return new PyTuple([intFloorDiv(a, b), intMod(a, b)]);
      }
      const x = big(a);
      const y = big(b);
      const q = floorDivBig(x, y);
      return new PyTuple([bigResult(q), bigResult(x - q * y)]);
    }
  }
  return undefined;
}

/** A unary operator on an int value. */
export function intUnaryOp(op: UnaryOp, a: number | bigint): PyObj | undefined {
  switch (op) {
    case UnaryOp.Bool:
      return a !== 0;
    case UnaryOp.Positive:
    case UnaryOp.IntMaybe:
      return a;
    case UnaryOp.Negative:
      return typeof a === "number" ? intResult(0 - a) : bigResult(-a);
    case UnaryOp.Invert:
      return typeof a === "number" && isInt32(a)
        ? intResult(~a)
        : bigResult(-BigInt(a) - 1n);
    case UnaryOp.Abs:
      if (typeof a === "number") return a < 0 ? intResult(-a) : a;
      return a < 0n ? bigResult(-a) : a;
    case UnaryOp.Hash:
      return hashKey(a);
    case UnaryOp.FloatMaybe:
      return newFloat(intAsFloat(a));
  }
  return undefined;
}

/** The int of a float, truncated (`mp_obj_new_int_from_float`). */
export function intFromFloat(f: number): number | bigint {
  if (f === Infinity || f === -Infinity) {
    throw excWithMessage(OverflowError, "can't convert inf to int");
  }
  if (Number.isNaN(f)) throw valueError("can't convert NaN to int");
  const t = Math.trunc(f);
  if (t >= -MAX_SAFE && t <= MAX_SAFE) return intResult(t);
  return newInt(BigInt(t));
}

/** Text of an int in base 10. */
export function intText(v: number | bigint): string {
  return typeof v === "number" ? String(v) : v.toString();
}

/** Latin-1 text of a byte range, for parsing. */
function bytesAsText(data: Uint8Array, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(data[i]);
  return s;
}

/**
 * Parses int text in `base` (`mp_parse_num_integer`); `text` holds one char
 * per byte of the original (UTF-8 bytes for a str).
 */
export function parseIntText(text: string, base: number): number | bigint {
  if ((base !== 0 && base < 2) || base > 36) {
    throw valueError("int() arg 2 must be >= 2 and <= 36");
  }
  const r = parseInteger(text, base);
  if (typeof r === "object") {
    const bytes = new Uint8Array(r.rest.length);
    for (let i = 0; i < r.rest.length; i++) bytes[i] = r.rest.charCodeAt(i);
    throw valueError(
      `invalid syntax for integer with base ${r.base}: ${quoteBytes(bytes)}`,
    );
  }
  // mpz sizes a parsed number from its length: 8 bits per character.
  const digits = Math.floor((text.trim().length * 8) / 16) + 1;
  return typeof r === "number" ? intResult(r, digits) : newInt(r, digits);
}

/** A str as one char per UTF-8 byte. */
function strBytesText(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      const b = utf8Encode(s);
      return bytesAsText(b, b.length);
    }
  }
  return s;
}

/** The bytes of a str or bytes argument as text (`mp_obj_str_get_data`). */
function strOrBytesText(v: PyObj): string {
  if (typeof v === "string") return strBytesText(v);
  if (v instanceof PyBytes) return bytesAsText(v.data, v.data.length);
  throw typeError(
    `can't convert '${typeOf(v).name}' object to str implicitly`,
  );
}

function bufferOf(v: PyObj): Uint8Array | undefined {
  if (typeof v === "string") return utf8Encode(v);
  if (typeof v !== "object") return undefined;
  if (v instanceof PyBytes) return v.data;
  if (v instanceof PyByteArray) return v.data.subarray(0, v.length);
  const t = v.type;
  return t.getBuffer === null ? undefined : t.getBuffer(v, false);
}

intType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  checkArgs(args, kw, { min: 0, max: 2 });
  if (args.length === 0) return 0;
  const a = args[0];
  if (args.length === 1) {
    switch (typeof a) {
      case "number":
      case "bigint":
        return a;
      case "boolean":
        return a ? 1 : 0;
      case "string":
        return parseIntText(strBytesText(a), 10);
    }
    const t = a.type;
    if (t.unaryOp !== null) {
      const r = t.unaryOp(UnaryOp.IntMaybe, a);
      if (r !== undefined) return r;
    }
    const buf = bufferOf(a);
    if (buf !== undefined) {
      return parseIntText(bytesAsText(buf, buf.length), 10);
    }
    if (a instanceof PyFloat) return intFromFloat(a.value);
    throw typeError(`can't convert ${t.name} to int`);
  }
  return parseIntText(strOrBytesText(a), toMachineInt(args[1]));
};

intType.print = (self: PyObj): string => intText(self as number | bigint);

intType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined =>
  intUnaryOp(op, self as number | bigint);

intType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  if (op >= 37) return undefined; // reverse operators
  if (op === 36) return numberContains(lhs, rhs);
  return intBinaryOp(op, lhs as number | bigint, rhs);
};

intType.hash = (self: PyObj): number => hashKey(self);

// ---------------------------------------------------------------------------
// int.from_bytes / to_bytes

function fromBytes(args: PyObj[], kw: KwArgs): PyObj {
  // args[0] is the class (classmethod).
  checkArgs(args, kw, { min: 2, max: 4 });
  const buf = bufferOf(args[1]);
  if (buf === undefined) {
    throw typeError("object with buffer protocol required");
  }
  const little = args.length > 2 && args[2] === "little";
  let v = 0n;
  if (little) {
    for (let i = buf.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[i]);
  } else {
    for (let i = 0; i < buf.length; i++) v = (v << 8n) | BigInt(buf[i]);
  }
  return bigResult(v);
}

/**
 * Bytes `int.to_bytes` needs for `v` on a 32-bit port: the two's complement
 * length, but a negative big int also needs whole 16-bit digits of its
 * magnitude (an artefact of the port's conversion that shows as
 * `OverflowError`).
 */
function bytesNeeded(v: bigint): number {
  if (v >= 0n) return Math.ceil(bitLen(v) / 8);
  const tc = Math.ceil((bitLen(-v - 1n) + 1) / 8);
  if (v >= -0x40000000n) return tc;
  const digits = 2 * Math.ceil(bitLen(-v) / 16);
  return tc > digits ? tc : digits;
}

function toBytes(args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 1, max: 4 });
  const self = intOf(args[0]);
  if (self === undefined) {
    throw typeError(`can't convert ${typeOf(args[0]).name} to int`);
  }
  const len = args.length > 1 ? toMachineInt(args[1]) : 1;
  if (len < 0) throw valueError("");
  const little = args.length > 2 && args[2] === "little";
  let v = BigInt(self);
  if (bytesNeeded(v) > len) {
    throw excWithMessage(OverflowError, "buffer too small");
  }
  if (v < 0n) v += 1n << BigInt(8 * len);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    const byte = Number(v & 0xffn);
    v >>= 8n;
    out[little ? i : len - 1 - i] = byte;
  }
  return new PyBytes(out);
}

intType.dict.set(
  "from_bytes",
  new PyMethodWrapper(
    classmethodType,
    new PyNativeFunction("from_bytes", fromBytes),
  ),
);
defineMethod(intType, "to_bytes", toBytes);

// ---------------------------------------------------------------------------
// bool

boolType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  checkArgs(args, kw, { min: 0, max: 1 });
  return args.length === 0 ? false : isTrue(args[0]);
};

boolType.print = (self: PyObj): string => (self ? "True" : "False");

boolType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  if (op === UnaryOp.Bool) return self;
  return intUnaryOp(op, self ? 1 : 0);
};

boolType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  // As on the board, a bool operand becomes an int and the whole operation
  // starts again (so errors name 'int').
  const v = lhs ? 1 : 0;
  if (op === 36) { // Contains
    // The bool becomes an int: small ints, bools, floats and complexes meet
    // the small-int fast path, the rest the failing iteration.
    if (isSmallInt(rhs) || typeof rhs === "boolean") {
      throw typeError("unsupported types for __contains__: 'int', 'int'");
    }
    if (rhs instanceof PyFloat || rhs instanceof PyComplex) {
      throw typeError(
        `unsupported types for __contains__: 'int', '${typeOf(rhs).name}'`,
      );
    }
    throw typeError("'int' object isn't iterable");
  }
  if (op < 37) return binaryOp(op, v, rhs);
  if (rhs instanceof PyFloat || rhs instanceof PyComplex) {
    throw typeError(
      `unsupported types for ${BINARY_OP_METHOD[op]}: 'int', '${
        typeOf(rhs).name
      }'`,
    );
  }
  throw typeError(
    `unsupported types for ${BINARY_OP_METHOD[op - 15]}: '${
      typeOf(rhs).name
    }', 'int'`,
  );
};

boolType.hash = (self: PyObj): number => (self ? 1 : 0);

/** `str(int)` as a new run-time str. */
export function intStr(v: number | bigint): string {
  return newStr(intText(v));
}

defineBuiltinValue("int", intType);
defineBuiltinValue("bool", boolType);
