/**
 * `struct` (`py/modstruct.c`, `py/binary.c`): packing values into bytes with
 * MicroPython's format rules — byte order prefixes `@` (native, aligned),
 * `<`, `>` and `!`; repeat counts; pad bytes; `s` strings; the half float
 * `e`; no range checks (ints are truncated to the field, as on the board);
 * and unpacking from any buffer that is at least big enough.
 *
 * The binary conversions are exported for `array` and `uctypes`.
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import { memoryError, typeError, valueError } from "./exc.ts";
import { None, PyBytes, PyFloat, type PyObj, PyTuple } from "./obj.ts";
import {
  bufferOf,
  checkArgs,
  intResult,
  newBytes,
  newFloat,
  toBigOrSmall,
  toFloat,
  toMachineInt,
} from "./mod_support.ts";
import { typeName } from "./runtime.ts";

// ---------------------------------------------------------------------------
// Scalar conversions

/** Size in bytes of a value type in standard (non-native) mode. */
function standardSize(code: string): number {
  switch (code) {
    case "b":
    case "B":
    case "x":
      return 1;
    case "h":
    case "H":
    case "e":
      return 2;
    case "i":
    case "I":
    case "l":
    case "L":
    case "f":
    case "P":
    case "O":
    case "S":
      return 4;
    case "q":
    case "Q":
    case "d":
      return 8;
    default:
      return 0;
  }
}

/**
 * Size and alignment of a value type (`mp_binary_get_size`); raises
 * `ValueError("bad typecode")` for anything MicroPython does not know.
 */
export function binarySize(order: string, code: string): [number, number] {
  const size = standardSize(code);
  if (size === 0 || (order !== "@" && order !== "<" && order !== ">")) {
    throw valueError("bad typecode");
  }
  return [size, order === "@" ? size : 1];
}

const scratch = new DataView(new ArrayBuffer(8));

/** Half-float bits of a float, as MicroPython's software encoder makes them. */
export function encodeHalf(value: number): number {
  scratch.setFloat32(0, value);
  const i = scratch.getUint32(0);
  let m = (i >>> 13) & 0x3ff;
  if ((i & (1 << 12)) !== 0) m++;
  let e = (i >>> 23) & 0xff;
  if (e === 0xff) {
    e = 0x1f;
  } else if (e !== 0) {
    e -= 127 - 15;
    if (e < 0) {
      if (e >= -11) {
        m = (m | 0x400) >>> -e;
        m = (m & 1) !== 0 ? (m >>> 1) + 1 : m >>> 1;
      } else {
        m = 0;
      }
      e = 0;
    } else if (e > 0x3f) {
      // Larger exponents wrap into the sign bit, as the board's encoder does.
      e = 0x1f;
      m = 0;
    }
  }
  return (((i >>> 16) & 0x8000) | (e << 10) | m) & 0xffff;
}

/** The float a half-float bit pattern stands for. */
export function decodeHalf(h: number): number {
  const sign = (h & 0x8000) !== 0 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m === 0 ? sign * Infinity : NaN;
  if (e === 0) return sign * m * Math.pow(2, -24);
  return sign * (1 + m / 1024) * Math.pow(2, e - 15);
}

function isSignedCode(code: string): boolean {
  return code === "b" || code === "h" || code === "i" || code === "l" ||
    code === "q";
}

/** Reads one value of type `code` (`size` bytes) at `pos`. */
export function readValue(
  code: string,
  data: Uint8Array,
  pos: number,
  size: number,
  bigEndian: boolean,
): PyObj {
  switch (code) {
    case "f": {
      for (let k = 0; k < 4; k++) scratch.setUint8(k, data[pos + k]);
      return newFloat(scratch.getFloat32(0, !bigEndian));
    }
    case "d": {
      for (let k = 0; k < 8; k++) scratch.setUint8(k, data[pos + k]);
      return newFloat(scratch.getFloat64(0, !bigEndian));
    }
    case "e": {
      const h = bigEndian
        ? (data[pos] << 8) | data[pos + 1]
        : data[pos] | (data[pos + 1] << 8);
      return newFloat(decodeHalf(h));
    }
  }
  return intResult(readInt(data, pos, size, bigEndian, isSignedCode(code)));
}

/** An integer of `size` bytes at `pos`. */
export function readInt(
  data: Uint8Array,
  pos: number,
  size: number,
  bigEndian: boolean,
  signed: boolean,
): number | bigint {
  if (size <= 4) {
    let v = 0;
    for (let k = 0; k < size; k++) {
      const b = data[pos + (bigEndian ? k : size - 1 - k)];
      v = v * 256 + b;
    }
    if (signed && v >= Math.pow(2, 8 * size - 1)) v -= Math.pow(2, 8 * size);
    return v;
  }
  let v = 0n;
  for (let k = 0; k < size; k++) {
    const b = data[pos + (bigEndian ? k : size - 1 - k)];
    v = (v << 8n) | BigInt(b);
  }
  if (signed && v >= 1n << BigInt(8 * size - 1)) v -= 1n << BigInt(8 * size);
  if (v >= -9007199254740991n && v <= 9007199254740991n) return Number(v);
  return v;
}

/** Writes the low `size` bytes of an int (two's complement). */
export function writeInt(
  data: Uint8Array,
  pos: number,
  size: number,
  bigEndian: boolean,
  value: number | bigint,
): void {
  if (typeof value === "number" && size <= 4) {
    let v = value;
    for (let k = 0; k < size; k++) {
      const b = ((v % 256) + 256) % 256;
      data[pos + (bigEndian ? size - 1 - k : k)] = b;
      v = Math.floor(v / 256);
    }
    return;
  }
  let v = BigInt.asUintN(8 * size, BigInt(value));
  for (let k = 0; k < size; k++) {
    data[pos + (bigEndian ? size - 1 - k : k)] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** Writes one value of type `code` (`size` bytes) at `pos`. */
export function writeValue(
  code: string,
  data: Uint8Array,
  pos: number,
  size: number,
  bigEndian: boolean,
  value: PyObj,
): void {
  switch (code) {
    case "f": {
      scratch.setFloat32(0, toFloat(value), !bigEndian);
      for (let k = 0; k < 4; k++) data[pos + k] = scratch.getUint8(k);
      return;
    }
    case "d": {
      scratch.setFloat64(0, toFloat(value), !bigEndian);
      for (let k = 0; k < 8; k++) data[pos + k] = scratch.getUint8(k);
      return;
    }
    case "e": {
      const h = encodeHalf(toFloat(value));
      data[pos + (bigEndian ? 1 : 0)] = h & 0xff;
      data[pos + (bigEndian ? 0 : 1)] = h >>> 8;
      return;
    }
  }
  if (value instanceof PyFloat) {
    throw typeError("can't convert float to int");
  }
  writeInt(data, pos, size, bigEndian, toBigOrSmall(value));
}

// ---------------------------------------------------------------------------
// Formats

/** One item of a parsed format: a repeat count and a type code. */
interface FormatItem {
  count: number;
  code: string;
  /** Bytes per value and their alignment (0 for `s`). */
  size: number;
  align: number;
}

interface Format {
  order: string;
  items: FormatItem[];
  /** Total size in bytes. */
  size: number;
  /** Number of values packed or unpacked. */
  values: number;
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function formatText(fmt: PyObj): string {
  if (typeof fmt === "string") return fmt;
  if (fmt instanceof PyBytes) return new TextDecoder().decode(fmt.data);
  throw typeError(`can't convert '${typeName(fmt)}' object to str implicitly`);
}

/** Recently parsed formats (programs use a handful over and over). */
const formatCache = new Map<string, Format>();

/** Parses a format string and computes its size (`calc_size_items`). */
function parseFormat(fmtObj: PyObj): Format {
  const fmt = formatText(fmtObj);
  let f = formatCache.get(fmt);
  if (f === undefined) {
    f = parseFormatText(fmt);
    if (formatCache.size >= 64) formatCache.clear();
    formatCache.set(fmt, f);
  }
  return f;
}

function parseFormatText(fmt: string): Format {
  let i = 0;
  let order = "@";
  const c0 = fmt[0];
  if (c0 === "!") {
    order = ">";
    i = 1;
  } else if (c0 === "@" || c0 === "=" || c0 === "<" || c0 === ">") {
    order = c0;
    i = 1;
  }
  const items: FormatItem[] = [];
  let size = 0;
  let values = 0;
  while (i < fmt.length) {
    let count = 1;
    if (isDigit(fmt[i])) {
      let j = i;
      while (j < fmt.length && isDigit(fmt[j])) j++;
      count = parseInt(fmt.slice(i, j), 10);
      i = j;
    }
    const code = i < fmt.length ? fmt[i] : "\0";
    if (code === "s") {
      values += 1;
      size += count;
      items.push({ count, code, size: 0, align: 0 });
    } else {
      const [sz, align] = binarySize(order, code);
      if (code !== "x") values += count;
      // Every size is a multiple of its alignment: only the first item pads.
      if (count > 0) size = Math.ceil(size / align) * align + count * sz;
      items.push({ count, code, size: sz, align });
    }
    i++;
  }
  return { order, items, size, values };
}

function unpackFrom(fmt: Format, data: Uint8Array, start: number): PyTuple {
  if (start + fmt.size > data.length) throw valueError("buffer too small");
  const out: PyObj[] = [];
  const big = fmt.order === ">";
  let pos = start;
  for (const { count, code, size, align } of fmt.items) {
    if (code === "s") {
      out.push(newBytes(data.slice(pos, pos + count)));
      pos += count;
      continue;
    }
    for (let k = 0; k < count; k++) {
      pos = start + Math.ceil((pos - start) / align) * align;
      if (code !== "x") {
        if (code === "O" || code === "S") throw valueError("bad typecode");
        out.push(readValue(code, data, pos, size, big));
      }
      pos += size;
    }
  }
  return new PyTuple(out);
}

function packInto(
  fmt: Format,
  data: Uint8Array,
  start: number,
  args: PyObj[],
): void {
  const big = fmt.order === ">";
  let pos = start;
  let i = 0;
  for (const { count, code, size, align } of fmt.items) {
    if (i >= args.length) break;
    if (code === "s") {
      const src = bufferOf(args[i++]);
      const n = Math.min(count, src.length);
      data.set(src.subarray(0, n), pos);
      data.fill(0, pos + n, pos + count);
      pos += count;
      continue;
    }
    for (let k = 0; k < count && i < args.length; k++) {
      pos = start + Math.ceil((pos - start) / align) * align;
      if (code === "x") {
        data[pos] = 0;
      } else {
        if (code === "O" || code === "S") throw valueError("bad typecode");
        writeValue(code, data, pos, size, big, args[i++]);
      }
      pos += size;
    }
  }
}

defineModule("struct", (dict) => {
  defineFunction(dict, "calcsize", (args, kw) => {
    checkArgs(args, kw, 1);
    return parseFormat(args[0]).size;
  });
  defineFunction(dict, "pack", (args, kw) => {
    checkArgs(args, kw, 1, Infinity);
    const fmt = parseFormat(args[0]);
    if (fmt.size > 0x3fffffff) {
      throw memoryError(
        `memory allocation failed, allocating ${fmt.size} bytes`,
      );
    }
    const data = new Uint8Array(fmt.size);
    packInto(fmt, data, 0, args.slice(1));
    return newBytes(data);
  });
  defineFunction(dict, "pack_into", (args, kw) => {
    checkArgs(args, kw, 3, Infinity);
    const fmt = parseFormat(args[0]);
    const data = bufferOf(args[1], true);
    let offset = toMachineInt(args[2]);
    if (offset < 0) {
      offset += data.length;
      if (offset < 0) throw valueError("buffer too small");
    }
    if (offset + fmt.size > data.length) throw valueError("buffer too small");
    packInto(fmt, data, offset, args.slice(3));
    return None;
  });
  const unpack = (args: PyObj[], kw: Map<string, PyObj> | null): PyObj => {
    checkArgs(args, kw, 2, 3);
    const fmt = parseFormat(args[0]);
    const data = bufferOf(args[1]);
    let offset = 0;
    if (args.length > 2) {
      offset = toMachineInt(args[2]);
      if (offset < 0) {
        offset += data.length;
        if (offset < 0) throw valueError("buffer too small");
      }
    }
    return unpackFrom(fmt, data, offset);
  };
  defineFunction(dict, "unpack", unpack);
  defineFunction(dict, "unpack_from", unpack);
}, { extensible: true });
