/**
 * `bytes`, `bytearray` and `memoryview` (`py/objstr.c`, `py/objarray.c`):
 * construction from ints, iterables, str with an encoding and any buffer;
 * indexing to ints; slicing (step 1 only, as MicroPython); the str methods
 * MicroPython also gives the byte types; bytearray mutation (item and slice
 * assignment, `append`, `extend`, `+=`); memoryviews that write through to
 * their object, including typed views of `array.array` buffers; and the
 * buffer protocol (`getBuffer`) every byte type offers to struct, hashlib,
 * binascii and friends.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { newStr, newStrSharing } from "./alloc.ts";
import { defineBuiltinValue } from "./builtins.ts";
import {
  memoryError,
  notImplementedError,
  typeError,
  valueError,
} from "./exc.ts";
import { floatValueMaybe, newFloat } from "./float_impl.ts";
import { BlockKind, heap } from "./heap.ts";
import { bytesHash } from "./map.ts";
import {
  badImplicitConversion,
  decodeUtf8,
  defineTextMethods,
  isSpace,
  repeatText,
  type TextKind,
} from "./obj_str.ts";
import {
  bytearrayType,
  bytesType,
  classmethodType,
  defineMethod,
  isSubtype,
  type KwArgs,
  makeType,
  None,
  PyByteArray,
  PyBytes,
  PyFloat,
  PyMethodWrapper,
  PyNativeFunction,
  type PyObj,
  PyObject,
  type PyType,
  TypeFlag,
  typeOf,
} from "./obj.ts";
import { PySlice, sliceBounds, stepSliceError } from "./obj_slice.ts";
import { getIter, iterNext } from "./runtime.ts";
import { checkArgs, getIndex, toMachineInt } from "./sequence.ts";
import { percentFormat } from "./str_format.ts";
import { fromLatin1, latin1, quoteBytes, utf8Encode } from "./unicode.ts";

// ---------------------------------------------------------------------------
// Buffers

/**
 * The bytes behind any object with the buffer protocol (bytes, bytearray,
 * memoryview, array, str as UTF-8), or undefined. With `writable`, only
 * mutable buffers are returned.
 */
export function getBuffer(
  v: PyObj,
  writable = false,
): Uint8Array | undefined {
  if (typeof v === "string") return writable ? undefined : utf8Encode(v);
  if (typeof v !== "object") return undefined;
  if (v instanceof PyBytes) return writable ? undefined : v.data;
  if (v instanceof PyByteArray) return v.data.subarray(0, v.length);
  const t = v.type;
  return t.getBuffer === null ? undefined : t.getBuffer(v, writable);
}

/** The bytes of a buffer argument; `TypeError` when it has none. */
export function requireBuffer(v: PyObj): Uint8Array {
  const b = getBuffer(v);
  if (b === undefined) throw typeError("object with buffer protocol required");
  return b;
}

/**
 * Raises `MemoryError` before a byte buffer too large for the board's heap
 * (or, without accounting, for any board) is made.
 */
export function checkAllocation(nBytes: number): void {
  const limit = heap.accounting ? heap.total : 0x10000000;
  if (nBytes > limit) {
    throw memoryError(`memory allocation failed, allocating ${nBytes} bytes`);
  }
}

/** A new bytes object (copies nothing: `data` is taken over). */
export function newBytes(data: Uint8Array): PyBytes {
  return new PyBytes(data);
}

function bytesValue(v: PyObj, truncate: boolean): number {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "boolean") n = v ? 1 : 0;
  // bytearray truncates a long int; bytes needs it to fit a machine word.
  else if (typeof v === "bigint") {
    n = truncate ? Number(BigInt.asIntN(32, v)) : toMachineInt(v);
  } else throw typeError(`can't convert ${typeOf(v).name} to int`);
  if (truncate) return n & 0xff;
  if (n < 0 || n > 255) throw valueError("bytes value out of range");
  return n;
}

/** Bytes from the argument of `bytes(x)`/`bytearray(x)` that is not a str. */
function bytesFromArg(v: PyObj, truncate: boolean): Uint8Array {
  // bytes(n) takes a small int (bigger ones are "iterables"); bytearray(n)
  // any int that fits a machine word.
  // Neither takes a bool as a count: it is an object that is not iterable.
  const isCount = truncate
    ? typeof v === "number" || typeof v === "bigint"
    : typeof v === "number" && v >= -0x40000000 && v < 0x40000000;
  if (isCount) {
    const n = toMachineInt(v);
    if (n < 0) {
      if (truncate) {
        throw memoryError(
          `memory allocation failed, allocating ${n >>> 0} bytes`,
        );
      }
      throw valueError("");
    }
    checkAllocation(truncate ? n : n + 1);
    return new Uint8Array(n);
  }
  const buf = getBuffer(v);
  if (buf !== undefined) return buf.slice();
  const out: number[] = [];
  const it = getIter(v);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    out.push(bytesValue(x, truncate));
  }
  return Uint8Array.from(out);
}

function makeBytesLike(
  args: PyObj[],
  kw: KwArgs,
  mutable: boolean,
): Uint8Array {
  const a = args[0];
  if (mutable) {
    checkArgs(args, kw, { min: 0, max: 3 });
    if (args.length === 0) return new Uint8Array(0);
    if (typeof a === "string") {
      if (args.length < 2) {
        throw typeError("string argument without an encoding");
      }
      return utf8Encode(a);
    }
    return bytesFromArg(a, mutable);
  }
  // bytes() checks its arguments in this order, with these messages.
  if (kw !== null && kw.size > 0) {
    throw notImplementedError(
      "keyword argument(s) not implemented - use normal args instead",
    );
  }
  if (args.length === 0) return new Uint8Array(0);
  if (typeof a === "string") {
    if (args.length < 2 || args.length > 3) {
      throw typeError("string argument without an encoding");
    }
    return utf8Encode(a);
  }
  // A bytes argument is taken as is, whatever follows it.
  if (a instanceof PyBytes && a.type === bytesType) return a.data.slice();
  if (args.length > 1) throw typeError("wrong number of arguments");
  return bytesFromArg(a, mutable);
}

// ---------------------------------------------------------------------------
// Shared byte-sequence behaviour

/** The bytes of a byte-type value and its length. */
function view(v: PyObj): Uint8Array {
  if (v instanceof PyBytes) return v.data;
  if (v instanceof PyByteArray) return v.data.subarray(0, v.length);
  if (v instanceof PyMemoryView) return v.bytes();
  return requireBuffer(v);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (hay[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** True for an `array.array` (the built-in type; known here by name). */
function isArrayArray(v: PyObj): boolean {
  if (typeof v !== "object") return false;
  const t = v.type;
  return t.name === "array" && (t.flags & TypeFlag.UserClass) === 0;
}

/** The typecode of a buffer for comparisons ("B" for bytes, str, bytearray). */
function bufferCode(v: PyObj): string {
  if (v instanceof PyMemoryView) return v.typecode;
  if (isArrayArray(v)) return (v as PyObject & { typecode: string }).typecode;
  return "B";
}

/**
 * Raises `NotImplementedError` unless buffers of typecodes `l` and `r` can
 * be compared byte by byte (`array_binary_op`): integers of the same size,
 * and for an ordering one of them unsigned; never floats.
 */
function checkComparable(op: BinaryOp, l: string, r: string): void {
  const fold = (c: string): string =>
    c === "f" || c === "d" ? c : c.toUpperCase();
  const isFloat = l === "f" || l === "d";
  const unsigned = (c: string): boolean => c >= "A" && c <= "Z";
  if (
    fold(l) !== fold(r) || isFloat ||
    (op !== BinaryOp.Equal && !unsigned(l) && !unsigned(r))
  ) {
    throw notImplementedError("");
  }
}

/**
 * Comparison and containment shared by bytes, bytearray and memoryview;
 * `strEqual` says whether `==` compares with a str's UTF-8 bytes (the array
 * types) or is always False (bytes). `selfCode` is the typecode of self's
 * items (a memoryview's may be wider than a byte).
 */
function compareOp(
  op: BinaryOp,
  self: Uint8Array,
  rhs: PyObj,
  strEqual: boolean,
  selfCode = "B",
): PyObj | undefined {
  if (op === BinaryOp.Contains) {
    const t = typeof rhs;
    if (strEqual) {
      // bytearray: numbers are not supported, other non-buffers are absent.
      if (t === "number" || t === "bigint" || rhs instanceof PyFloat) {
        throw notImplementedError("");
      }
    } else if (t === "number" || t === "boolean") {
      const n = t === "number" ? rhs as number : rhs ? 1 : 0;
      return n >= 0 && n <= 255 && self.indexOf(n) >= 0;
    }
    const needle = t === "boolean" ? undefined : getBuffer(rhs);
    return needle !== undefined && indexOfBytes(self, needle) >= 0;
  }
  // bytes is never equal to an array.array (as in CPython), though it
  // orders against one by its bytes.
  if (op === BinaryOp.Equal && !strEqual && isArrayArray(rhs)) return false;
  const other = typeof rhs === "string" && op === BinaryOp.Equal && !strEqual
    ? undefined
    : getBuffer(rhs);
  if (other === undefined) {
    if (op === BinaryOp.Equal && typeof rhs === "string") return false;
    // The array types compare False with anything that is not a buffer.
    return strEqual && op <= BinaryOp.MoreEqual ? false : undefined;
  }
  if (strEqual) {
    // The array types compare only buffers of compatible items.
    checkComparable(op, selfCode, bufferCode(rhs));
  } else if (
    op === BinaryOp.Equal &&
    (rhs instanceof PyByteArray || rhs instanceof PyMemoryView)
  ) {
    // bytes == bytearray/memoryview is answered by the other side.
    checkComparable(op, bufferCode(rhs), "B");
  }
  switch (op) {
    case BinaryOp.Equal:
      return bytesEqual(self, other);
    case BinaryOp.Less:
      return compareBytes(self, other) < 0;
    case BinaryOp.More:
      return compareBytes(self, other) > 0;
    case BinaryOp.LessEqual:
      return compareBytes(self, other) <= 0;
    case BinaryOp.MoreEqual:
      return compareBytes(self, other) >= 0;
  }
  return undefined;
}

/** The iterator of a bytes, bytearray or memoryview: yields ints. */
export const bytesIteratorType: PyType = makeType("iterator");

class PyBytesIterator extends PyObject {
  declare readonly source: PyObj;
  declare pos: number;
  constructor(source: PyObj) {
    super(bytesIteratorType);
    this.source = source;
    this.pos = 0;
    this.h = heap.alloc(16, BlockKind.Other);
  }
}

bytesIteratorType.getIter = (self: PyObj): PyObj => self;
bytesIteratorType.print = (): string => "<iterator>";
bytesIteratorType.iterNext = (self: PyObj): PyObj | undefined => {
  const it = self as PyBytesIterator;
  const src = it.source;
  if (src instanceof PyMemoryView) {
    if (it.pos >= src.len) return undefined;
    return src.item(it.pos++);
  }
  if (src instanceof PyBytes) {
    return it.pos < src.data.length ? src.data[it.pos++] : undefined;
  }
  if (src instanceof PyByteArray) {
    return it.pos < src.length ? src.data[it.pos++] : undefined;
  }
  const data = view(src);
  if (it.pos >= data.length) return undefined;
  return data[it.pos++];
};
bytesIteratorType.gcTrace = (self, trace): void => {
  trace((self as PyBytesIterator).source);
};

/** `bytes.hex([sep])`. */
function hexMethod(args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 1, max: 2 });
  const data = view(args[0]);
  if (data.length === 0) return new PyBytes(new Uint8Array(0));
  let sep = "";
  if (args.length > 1) {
    // As binascii.hexlify: only the separator's first byte is used, and an
    // empty one is a NUL byte.
    const s = args[1];
    let b: Uint8Array;
    if (typeof s === "string") b = utf8Encode(s);
    else if (s instanceof PyBytes && s.type === bytesType) b = s.data;
    else throw badImplicitConversion(s, false);
    sep = String.fromCharCode(b.length > 0 ? b[0] : 0);
  }
  const parts: string[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    parts[i] = (data[i] < 16 ? "0" : "") + data[i].toString(16);
  }
  return newStr(parts.join(sep));
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** `bytes.fromhex(text)` for the given result type. */
function fromHex(type: PyType, text: PyObj): PyObj {
  const s = typeof text === "string" ? text : latin1(requireBuffer(text));
  const out: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const hi = hexDigit(c);
    const lo = i + 1 < s.length ? hexDigit(s.charCodeAt(i + 1)) : -1;
    if (hi < 0 || lo < 0) throw valueError("non-hex digit");
    out.push(hi * 16 + lo);
    i += 2;
  }
  const data = Uint8Array.from(out);
  return type === bytearrayType ? new PyByteArray(data) : new PyBytes(data);
}

function decodeMethod(args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 1, max: 3 });
  const self = args[0];
  const s = decodeUtf8(view(self));
  // A str made from a bytes object shares its data: only a header is new.
  return self instanceof PyBytes && self.type === bytesType
    ? newStrSharing(s)
    : newStr(s);
}

/**
 * A method of `t` called through the type checks its self, as
 * MicroPython's built-in methods do.
 */
function checkSelf(t: PyType, v: PyObj): void {
  if (!isSubtype(typeOf(v), t)) {
    throw typeError(
      `argument should be a '${t.name}' not a '${typeOf(v).name}'`,
    );
  }
}

function defineHexMethods(t: PyType): void {
  defineMethod(t, "decode", (args: PyObj[], kw: KwArgs): PyObj => {
    if (args.length > 0) checkSelf(t, args[0]);
    return decodeMethod(args, kw);
  });
  defineMethod(t, "hex", (args: PyObj[], kw: KwArgs): PyObj => {
    if (args.length > 0) checkSelf(t, args[0]);
    return hexMethod(args, kw);
  });
  t.dict.set(
    "fromhex",
    new PyMethodWrapper(
      classmethodType,
      new PyNativeFunction("fromhex", (args: PyObj[], kw: KwArgs): PyObj => {
        checkArgs(args, kw, { min: 2, max: 2 });
        return fromHex(args[0] as PyType, args[1]);
      }),
    ),
  );
}

/** A byte argument of a bytes method (needle, separator…) as latin-1 text. */
function byteArgText(v: PyObj): string {
  if (v instanceof PyBytes) return latin1(v.data);
  if (v instanceof PyByteArray) return latin1(v.data, 0, v.length);
  throw badImplicitConversion(v, typeof v === "string");
}

/** The argument of split/startswith… of bytes: exactly bytes. */
function byteArgStrict(v: PyObj): string {
  if (v instanceof PyBytes) return latin1(v.data);
  throw badImplicitConversion(v, typeof v === "string");
}

function kindFor(
  type: PyType,
  make: (s: string) => PyObj,
  emptyFindsNothing: boolean,
): TextKind {
  return {
    type,
    bytes: true,
    self(v: PyObj): string {
      checkSelf(type, v);
      return latin1(view(v));
    },
    checkSelf(v: PyObj): void {
      checkSelf(type, v);
    },
    arg: byteArgText,
    argStrict: byteArgStrict,
    make,
    empty: (): PyObj => new PyBytes(new Uint8Array(0)),
    emptyFindsNothing,
  };
}

// ---------------------------------------------------------------------------
// bytes

const BYTES = kindFor(
  bytesType,
  (s: string): PyObj => new PyBytes(fromLatin1(s)),
  false,
);

/** Subscript of an immutable byte sequence (bytes): int or step-1 slice. */
function byteSubscr(
  name: string,
  data: Uint8Array,
  index: PyObj,
  make: (d: Uint8Array) => PyObj,
): PyObj {
  if (index instanceof PySlice) {
    const b = sliceBounds(index, data.length);
    if (b.step !== 1) throw stepSliceError();
    return make(data.slice(b.start, b.stop));
  }
  return data[getIndex(name, data.length, index)];
}

bytesType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  if (
    args.length === 1 && args[0] instanceof PyBytes &&
    (kw === null || kw.size === 0)
  ) return args[0];
  return new PyBytes(makeBytesLike(args, kw, false));
};

bytesType.print = (self: PyObj): string =>
  "b" + quoteBytes((self as PyBytes).data);

bytesType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  const d = (self as PyBytes).data;
  switch (op) {
    case UnaryOp.Bool:
      return d.length !== 0;
    case UnaryOp.Len:
      return d.length;
    case UnaryOp.Hash:
      return bytesHash(d);
  }
  return undefined;
};

bytesType.hash = (self: PyObj): number => bytesHash((self as PyBytes).data);

bytesType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  const d = (lhs as PyBytes).data;
  switch (op) {
    case 27: // Add
    case 14: { // InplaceAdd
      const other = getBuffer(rhs);
      if (other === undefined) return undefined;
      // Adding nothing gives back the very object.
      if (d.length === 0 && typeOf(rhs) === typeOf(lhs)) return rhs;
      if (other.length === 0) return lhs;
      return new PyBytes(concat(d, other));
    }
    case 29: // Multiply
    case 16: // InplaceMultiply
    case 44: { // ReverseMultiply
      const r = repeatText(latin1(d), rhs);
      return r === undefined ? undefined : new PyBytes(fromLatin1(r));
    }
    case 33: // Modulo
    case 20: // InplaceModulo
      return new PyBytes(
        fromLatin1(percentFormat(latin1(d), rhs, { bytes: true })),
      );
  }
  return compareOp(op, d, rhs, false);
};

bytesType.subscrLoad = (self: PyObj, index: PyObj): PyObj => {
  const d = (self as PyBytes).data;
  if (typeof index === "number") {
    // The common case, without a closure or a view made per item.
    const i = index < 0 ? index + d.length : index;
    if (i >= 0 && i < d.length) return d[i];
  }
  return byteSubscr("bytes", d, index, newBytes);
};

bytesType.getIter = (self: PyObj): PyObj => new PyBytesIterator(self);

bytesType.getBuffer = (
  self: PyObj,
  writable: boolean,
): Uint8Array | undefined => writable ? undefined : (self as PyBytes).data;

defineTextMethods(BYTES);
defineHexMethods(bytesType);

// ---------------------------------------------------------------------------
// bytearray

const BYTEARRAY = kindFor(
  bytearrayType,
  (s: string): PyObj => new PyByteArray(fromLatin1(s)),
  true,
);

/**
 * Makes room for `extra` more bytes at the end, as the board grows a
 * bytearray: to the exact size for `extend`, by 8 spare bytes when one byte
 * is appended. `data.length` is that capacity; the JavaScript buffer behind
 * it grows by doubling so that appends do not copy every time.
 */
function ensureCapacity(
  ba: PyByteArray,
  extra: number,
  oneByOne: boolean,
): void {
  const need = ba.length + extra;
  if (need <= ba.data.length) return;
  const cap = oneByOne ? ba.length + 8 : need;
  let buf = ba.data.buffer as ArrayBuffer;
  if (ba.data.byteOffset !== 0 || cap > buf.byteLength) {
    const size = Math.max(cap, 2 * buf.byteLength, 16);
    buf = new ArrayBuffer(size);
    new Uint8Array(buf).set(ba.data.subarray(0, ba.length));
  }
  ba.data = new Uint8Array(buf, 0, cap);
  ba.itemsAddr = ba.itemsAddr === 0
    ? heap.alloc(cap, BlockKind.Other)
    : heap.realloc(ba.itemsAddr, cap, true);
}

/** Appends bytes to a bytearray (`extend`, `+=`). */
export function bytearrayExtend(ba: PyByteArray, bytes: Uint8Array): void {
  if (bytes.length === 0) return;
  const copy = bytes.buffer === ba.data.buffer ? bytes.slice() : bytes;
  ensureCapacity(ba, copy.length, false);
  ba.data.set(copy, ba.length);
  ba.length += copy.length;
}

/** Appends one byte (`append`). */
export function bytearrayAppend(ba: PyByteArray, byte: number): void {
  ensureCapacity(ba, 1, true);
  ba.data[ba.length++] = byte;
}

function extendFrom(ba: PyByteArray, v: PyObj): void {
  const buf = getBuffer(v);
  if (buf !== undefined) {
    bytearrayExtend(ba, buf);
    return;
  }
  const it = getIter(v);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    bytearrayAppend(ba, bytesValue(x, true));
  }
}

/** Replaces `ba[start:stop]` by `src` (the length may change). */
function spliceBytes(
  ba: PyByteArray,
  start: number,
  stop: number,
  src: Uint8Array,
): void {
  const copy = src.slice();
  const tail = ba.data.slice(stop, ba.length);
  const newLen = start + copy.length + tail.length;
  if (newLen > ba.data.length) ensureCapacity(ba, newLen - ba.length, false);
  ba.data.set(copy, start);
  ba.data.set(tail, start + copy.length);
  ba.length = newLen;
}

bytearrayType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj =>
  new PyByteArray(makeBytesLike(args, kw, true));

bytearrayType.print = (self: PyObj): string => {
  const b = self as PyByteArray;
  return "bytearray(b" + quoteBytes(b.data, b.length) + ")";
};

bytearrayType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  const b = self as PyByteArray;
  switch (op) {
    case UnaryOp.Bool:
      return b.length !== 0;
    case UnaryOp.Len:
      return b.length;
  }
  return undefined;
};

function unhashable(self: PyObj): number {
  throw typeError(`unsupported type for __hash__: '${typeOf(self).name}'`);
}

bytearrayType.hash = unhashable;

bytearrayType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  const b = lhs as PyByteArray;
  const d = b.data.subarray(0, b.length);
  switch (op) {
    case 27: { // Add
      const other = getBuffer(rhs);
      if (other === undefined) {
        throw typeError("object with buffer protocol required");
      }
      return new PyByteArray(concat(d, other));
    }
    case 14: // InplaceAdd
      extendFrom(b, rhs);
      return b;
  }
  return compareOp(op, d, rhs, true);
};

bytearrayType.subscrLoad = (self: PyObj, index: PyObj): PyObj => {
  const b = self as PyByteArray;
  if (typeof index === "number") {
    // The common case, without a closure or a view made per item.
    const i = index < 0 ? index + b.length : index;
    if (i >= 0 && i < b.length) return b.data[i];
  }
  return byteSubscr(
    "bytearray",
    b.data.subarray(0, b.length),
    index,
    newByteArray,
  );
};

function newByteArray(data: Uint8Array): PyObj {
  return new PyByteArray(data);
}

/**
 * The bytes of the right side of a slice assignment: only bytes and the
 * array types (bytearray, memoryview, array) qualify, as on the board.
 */
function sliceSource(value: PyObj): Uint8Array | undefined {
  if (value instanceof PyBytes) return value.data;
  if (value instanceof PyByteArray || value instanceof PyMemoryView) {
    return getBuffer(value);
  }
  if (typeof value === "object" && "typecode" in value) {
    // An array.array (any object that declares its element type).
    return getBuffer(value);
  }
  return undefined;
}

/**
 * The item size of a slice assignment's source: the source's items must be
 * as wide as the target's ("lhs and rhs should be compatible").
 */
function sliceSourceItemSize(value: PyObj): number {
  if (value instanceof PyMemoryView) return value.itemSize;
  if (typeof value === "object" && "typecode" in value) {
    return ITEM_SIZES[(value as PyObject & { typecode: string }).typecode] ??
      1;
  }
  return 1;
}

bytearrayType.subscrStore = (
  self: PyObj,
  index: PyObj,
  value: PyObj | undefined,
): boolean => {
  const b = self as PyByteArray;
  if (value === undefined) return false;
  if (index instanceof PySlice) {
    const src = sliceSource(value);
    const bounds = sliceBounds(index, b.length);
    if (bounds.step !== 1) throw stepSliceError();
    if (src === undefined) {
      throw notImplementedError("array/bytes required on right side");
    }
    if (sliceSourceItemSize(value) !== 1) {
      throw valueError("lhs and rhs should be compatible");
    }
    spliceBytes(b, bounds.start, bounds.stop, src);
    return true;
  }
  const i = getIndex("bytearray", b.length, index);
  b.data[i] = bytesValue(value, true);
  return true;
};

bytearrayType.getIter = (self: PyObj): PyObj => new PyBytesIterator(self);

bytearrayType.getBuffer = (self: PyObj): Uint8Array => {
  const b = self as PyByteArray;
  return b.data.subarray(0, b.length);
};

defineTextMethods(BYTEARRAY);
defineHexMethods(bytearrayType);

defineMethod(bytearrayType, "append", (args, kw) => {
  if (args.length > 0) checkSelf(bytearrayType, args[0]);
  checkArgs(args, kw, { min: 2, max: 2 });
  const b = args[0] as PyByteArray;
  bytearrayAppend(b, bytesValue(args[1], true));
  return None;
});

defineMethod(bytearrayType, "extend", (args, kw) => {
  if (args.length > 0) checkSelf(bytearrayType, args[0]);
  checkArgs(args, kw, { min: 2, max: 2 });
  const b = args[0] as PyByteArray;
  extendFrom(b, args[1]);
  return None;
});

// ---------------------------------------------------------------------------
// memoryview

/** `memoryview`. */
export const memoryviewType: PyType = makeType("memoryview");

const ITEM_SIZES: Record<string, number> = {
  b: 1,
  B: 1,
  h: 2,
  H: 2,
  i: 4,
  I: 4,
  l: 4,
  L: 4,
  q: 8,
  Q: 8,
  f: 4,
  d: 8,
  P: 4,
  O: 4,
};

/** A source object that declares its element type (an `array.array`). */
interface TypedSource {
  readonly typecode: string;
}

function typecodeOf(v: PyObj): string {
  if (typeof v === "object" && "typecode" in v) {
    const tc = (v as unknown as TypedSource).typecode;
    if (typeof tc === "string" && tc in ITEM_SIZES) return tc;
  }
  return "B";
}

/** A view of another object's buffer: `len` items of `typecode` from byte `start`. */
export class PyMemoryView extends PyObject {
  declare readonly source: PyObj;
  declare readonly typecode: string;
  declare readonly itemSize: number;
  /** Byte offset into the source's buffer. */
  declare readonly start: number;
  /** Number of items. */
  declare readonly len: number;
  declare readonly readonly: boolean;
  constructor(
    source: PyObj,
    options: {
      typecode: string;
      start: number;
      len: number;
      readonly: boolean;
    },
  ) {
    super(memoryviewType);
    this.source = source;
    this.typecode = options.typecode;
    this.itemSize = ITEM_SIZES[options.typecode];
    this.start = options.start;
    this.len = options.len;
    this.readonly = options.readonly;
    this.h = heap.alloc(16, BlockKind.Array);
  }

  /** The viewed bytes (the source's current buffer). */
  bytes(): Uint8Array {
    const buf = getBuffer(this.source) ?? new Uint8Array(0);
    const end = this.start + this.len * this.itemSize;
    return buf.subarray(
      Math.min(this.start, buf.length),
      Math.min(end, buf.length),
    );
  }

  /** Item `i` (0 ≤ i < len) as a Python value. */
  item(i: number): PyObj {
    const b = this.bytes();
    const off = i * this.itemSize;
    if (this.itemSize === 1) {
      const v = b[off];
      return this.typecode === "b" ? (v << 24) >> 24 : v;
    }
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    switch (this.typecode) {
      case "h":
        return dv.getInt16(off, true);
      case "H":
        return dv.getUint16(off, true);
      case "i":
      case "l":
        return dv.getInt32(off, true);
      case "I":
      case "L":
      case "P":
        return dv.getUint32(off, true);
      case "q":
        return normalise(dv.getBigInt64(off, true));
      case "Q":
        return normalise(dv.getBigUint64(off, true));
      case "f":
        return newFloat(dv.getFloat32(off, true));
      default:
        return new PyFloat(dv.getFloat64(off, true));
    }
  }

  /** Stores a Python value as item `i`. */
  setItem(i: number, v: PyObj): void {
    const b = this.bytes();
    const off = i * this.itemSize;
    if (this.typecode === "f" || this.typecode === "d") {
      const f = floatValueMaybe(v);
      if (f === undefined) {
        throw typeError(`can't convert ${typeOf(v).name} to float`);
      }
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      if (this.typecode === "f") dv.setFloat32(off, f, true);
      else dv.setFloat64(off, f, true);
      return;
    }
    let n: bigint;
    if (typeof v === "number") n = BigInt(v);
    else if (typeof v === "bigint") n = v;
    else if (typeof v === "boolean") n = v ? 1n : 0n;
    else throw typeError(`can't convert ${typeOf(v).name} to int`);
    for (let k = 0; k < this.itemSize; k++) {
      b[off + k] = Number(n & 0xffn);
      n >>= 8n;
    }
  }
}

function normalise(v: bigint): number | bigint {
  return v >= -0x1fffffffffffffn && v <= 0x1fffffffffffffn ? Number(v) : v;
}

/** A memoryview of the whole buffer of `source` (`memoryview(x)`). */
export function newMemoryView(source: PyObj): PyMemoryView {
  if (source instanceof PyMemoryView) {
    return new PyMemoryView(source.source, {
      typecode: source.typecode,
      start: source.start,
      len: source.len,
      readonly: source.readonly,
    });
  }
  const buf = getBuffer(source);
  if (buf === undefined) {
    throw typeError("object with buffer protocol required");
  }
  const typecode = typecodeOf(source);
  const writable = getBuffer(source, true) !== undefined &&
    typeof source !== "string";
  return new PyMemoryView(source, {
    typecode,
    start: 0,
    len: Math.floor(buf.length / ITEM_SIZES[typecode]),
    readonly: !writable,
  });
}

memoryviewType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return newMemoryView(args[0]);
};

memoryviewType.print = (): string => "<memoryview>";

memoryviewType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  const m = self as PyMemoryView;
  switch (op) {
    case UnaryOp.Bool:
      return m.len !== 0;
    case UnaryOp.Len:
      return m.len;
  }
  return undefined;
};

memoryviewType.hash = unhashable;

memoryviewType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  const m = lhs as PyMemoryView;
  if (op === BinaryOp.Contains) {
    const t = typeof rhs;
    if (t === "number" || t === "bigint" || rhs instanceof PyFloat) {
      throw notImplementedError("");
    }
    return false;
  }
  if (op <= BinaryOp.MoreEqual) {
    return compareOp(op, m.bytes(), rhs, true, m.typecode);
  }
  return undefined;
};

memoryviewType.subscrLoad = (self: PyObj, index: PyObj): PyObj => {
  const m = self as PyMemoryView;
  if (index instanceof PySlice) {
    const b = sliceBounds(index, m.len);
    if (b.step !== 1) throw stepSliceError();
    return new PyMemoryView(m.source, {
      typecode: m.typecode,
      start: m.start + b.start * m.itemSize,
      len: b.stop - b.start,
      readonly: m.readonly,
    });
  }
  return m.item(getIndex("memoryview", m.len, index));
};

memoryviewType.subscrStore = (
  self: PyObj,
  index: PyObj,
  value: PyObj | undefined,
): boolean => {
  const m = self as PyMemoryView;
  if (value === undefined || m.readonly) return false;
  if (index instanceof PySlice) {
    const b = sliceBounds(index, m.len);
    if (b.step !== 1) throw stepSliceError();
    const src = sliceSource(value);
    if (src === undefined) {
      throw notImplementedError("array/bytes required on right side");
    }
    if (sliceSourceItemSize(value) !== m.itemSize) {
      throw valueError("lhs and rhs should be compatible");
    }
    const n = (b.stop - b.start) * m.itemSize;
    if (src.length !== n) throw valueError("lhs and rhs should be compatible");
    m.bytes().set(src.slice(), b.start * m.itemSize);
    return true;
  }
  m.setItem(getIndex("memoryview", m.len, index), value);
  return true;
};

memoryviewType.getIter = (self: PyObj): PyObj => new PyBytesIterator(self);

memoryviewType.getBuffer = (
  self: PyObj,
  writable: boolean,
): Uint8Array | undefined => {
  const m = self as PyMemoryView;
  return writable && m.readonly ? undefined : m.bytes();
};

memoryviewType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  if (name === "itemsize") return (self as PyMemoryView).itemSize;
  return undefined;
};

memoryviewType.gcTrace = (self, trace): void => {
  trace((self as PyMemoryView).source);
};

defineMethod(memoryviewType, "hex", (args: PyObj[], kw: KwArgs): PyObj => {
  if (args.length > 0) checkSelf(memoryviewType, args[0]);
  return hexMethod(args, kw);
});

defineBuiltinValue("bytes", bytesType);
defineBuiltinValue("bytearray", bytearrayType);
defineBuiltinValue("memoryview", memoryviewType);
