/**
 * What the built-in modules share: the board they run on (host, working
 * folder, float precision), argument checking with MicroPython's wording,
 * number and buffer conversions, and the stream protocol that lets json,
 * deflate and friends read and write files, `io` objects and user streams
 * alike.
 *
 * @module
 */

import { UnaryOp } from "../compiler/mod.ts";
import { newInt } from "./alloc.ts";
import {
  newException,
  OSError,
  overflowError,
  typeError,
  valueError,
} from "./exc.ts";
import type { Host } from "./host.ts";
import { FsError } from "./host.ts";
import {
  bytearrayType,
  bytesType,
  type KwArgs,
  None,
  PyByteArray,
  PyBytes,
  PyFloat,
  PyList,
  type PyObj,
  PyObject,
  type PyType,
  typeOf,
} from "./obj.ts";
import { isSubtype } from "./obj.ts";
import { call, getAttr, typeName } from "./runtime.ts";
import {
  currentCwd,
  currentHost,
  floatSingle,
  vmStateOrNull,
} from "./state.ts";
import { listAppend } from "./obj_list.ts";

// ---------------------------------------------------------------------------
// The board

/** The host of the running interpreter. */
export function moduleHost(): Host {
  return currentHost();
}

/** The whole content of the board file at the absolute `path` (`FsError` when it cannot be read). */
export function readBoardFile(path: string): Uint8Array {
  const h = currentHost().fs.open(path, {
    read: true,
    write: false,
    append: false,
    create: false,
    truncate: false,
  });
  try {
    return h.read(-1);
  } finally {
    h.close();
  }
}

/** True when an interpreter is running (and so has a host). */
export function hasModuleHost(): boolean {
  return vmStateOrNull() !== null;
}

/** Float precision of the running board: 64 or 32 bits. */
export function floatBits(): 32 | 64 {
  return floatSingle ? 32 : 64;
}

/** Collapses `.`, `..` and repeated slashes of an absolute path. */
export function normalisePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}

/** A board path resolved against the working folder. */
export function resolvePath(path: string): string {
  if (path.startsWith("/")) return normalisePath(path);
  return normalisePath(currentCwd() + "/" + path);
}

/** Turns a file system failure into `OSError(errno)`; rethrows anything else. */
export function fsCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof FsError) throw newException(OSError, [e.errno]);
    throw e;
  }
}

// ---------------------------------------------------------------------------
// Arguments

/**
 * Checks the positional argument count of a function that takes no keyword
 * arguments (`mp_arg_check_num`).
 */
export function checkArgs(
  args: PyObj[],
  kw: KwArgs,
  min: number,
  max: number = min,
): void {
  if (kw !== null && kw.size > 0) {
    throw typeError("function doesn't take keyword arguments");
  }
  const n = args.length;
  if (min === max) {
    if (n !== min) {
      throw typeError(
        `function takes ${min} positional arguments but ${n} were given`,
      );
    }
  } else if (n < min) {
    throw typeError(
      `function missing ${min - n} required positional arguments`,
    );
  } else if (n > max) {
    throw typeError(`function expected at most ${max} arguments, got ${n}`);
  }
}

/** One parameter of a function that takes keyword arguments. */
export interface ParamSpec {
  name: string;
  required?: boolean;
  /** Only accepted as a keyword. */
  kwOnly?: boolean;
}

/**
 * Binds positional and keyword arguments to parameters as
 * `mp_arg_parse_all` does; absent optional parameters come back undefined.
 * `skip` positional arguments (e.g. `self`) are left out of the binding.
 */
export function parseArgs(
  args: PyObj[],
  kw: KwArgs,
  params: readonly ParamSpec[],
  skip = 0,
): (PyObj | undefined)[] {
  const nPos = args.length - skip;
  const out: (PyObj | undefined)[] = new Array(params.length);
  let posFound = 0;
  let kwFound = 0;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (i < nPos) {
      if (p.kwOnly) throw typeError("extra positional arguments given");
      posFound++;
      out[i] = args[skip + i];
    } else {
      const v = kw === null ? undefined : kw.get(p.name);
      if (v === undefined) {
        if (p.required) throw typeError(`'${p.name}' argument required`);
        out[i] = undefined;
      } else {
        kwFound++;
        out[i] = v;
      }
    }
  }
  if (posFound < nPos) throw typeError("extra positional arguments given");
  if (kw !== null && kwFound < kw.size) {
    throw typeError("extra keyword arguments given");
  }
  return out;
}

// ---------------------------------------------------------------------------
// Numbers

export { newFloat } from "./float_impl.ts";

/** The value of a float argument (`mp_obj_get_float`): int, bool, float or `__float__`. */
export function toFloat(v: PyObj): number {
  switch (typeof v) {
    case "number":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "bigint":
      return Number(v);
    case "string":
      break;
    default: {
      if (v instanceof PyFloat) return v.value;
      const t = v.type;
      if (t.unaryOp !== null) {
        const r = t.unaryOp(UnaryOp.FloatMaybe, v);
        if (r instanceof PyFloat) return r.value;
      }
    }
  }
  throw typeError(`can't convert ${typeName(v)} to float`);
}

/** An int argument as a JS number or bigint (`mp_obj_get_int` without the range check). */
export function toBigOrSmall(v: PyObj): number | bigint {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyObject && v.type.unaryOp !== null) {
    const r = v.type.unaryOp(UnaryOp.IntMaybe, v);
    if (typeof r === "number" || typeof r === "bigint") return r;
  }
  throw typeError(`can't convert ${typeName(v)} to int`);
}

const MACHINE_MAX = 0x7fffffff;

/**
 * An int argument that must fit a 32-bit machine word (`mp_obj_get_int`):
 * big ints beyond ±(2^31−1) raise `OverflowError`.
 */
export function toMachineInt(v: PyObj): number {
  const n = toBigOrSmall(v);
  if (typeof n === "number" && n >= -MACHINE_MAX && n <= MACHINE_MAX) return n;
  throw overflowError("overflow converting long int to machine word");
}

/** The low 32 bits of an int argument, as an unsigned number (`mp_obj_get_int_truncated`). */
export function toUint32Truncated(v: PyObj): number {
  const n = toBigOrSmall(v);
  if (typeof n === "number") {
    if (Number.isSafeInteger(n)) return Number(BigInt(n) & 0xffffffffn);
    return n >>> 0;
  }
  return Number(n & 0xffffffffn);
}

/**
 * The int nearest zero of a float (`mp_obj_new_int_from_float`): raises for
 * NaN and infinities with MicroPython's wording.
 */
export function floatToInt(x: number): number | bigint {
  if (Number.isNaN(x)) throw valueError("can't convert NaN to int");
  if (!Number.isFinite(x)) throw overflowError("can't convert inf to int");
  const t = Math.trunc(x);
  if (Number.isSafeInteger(t)) return intResult(t === 0 ? 0 : t);
  return intResult(BigInt(t));
}

/** An int value as a Python int (normalised, charged when big). */
export function intResult(v: number | bigint): number | bigint {
  if (typeof v === "bigint") {
    if (
      v >= BigInt(Number.MIN_SAFE_INTEGER) &&
      v <= BigInt(Number.MAX_SAFE_INTEGER)
    ) {
      v = Number(v);
    }
  }
  if (typeof v === "number" && v >= -0x40000000 && v < 0x40000000) return v;
  return newInt(v);
}

// ---------------------------------------------------------------------------
// Containers

/** Appends to a list the way `list.append` does (growing its capacity). */
export { listAppend };

/** A new list of the given items. */
export function newList(items: PyObj[]): PyList {
  return new PyList(items);
}

// ---------------------------------------------------------------------------
// Buffers and bytes

const utf8 = new TextEncoder();

/**
 * The bytes behind an object with the buffer protocol (bytes, bytearray,
 * memoryview, array, str as UTF-8); raises `TypeError` otherwise.
 */
export function bufferOf(v: PyObj, writable = false): Uint8Array {
  const b = bufferMaybe(v, writable);
  if (b === undefined) {
    throw typeError("object with buffer protocol required");
  }
  return b;
}

/** As {@link bufferOf}, or undefined when `v` has no buffer. */
export function bufferMaybe(
  v: PyObj,
  writable = false,
): Uint8Array | undefined {
  if (typeof v === "string") return writable ? undefined : utf8.encode(v);
  if (typeof v !== "object") return undefined;
  const t = v.type;
  if (t.getBuffer !== null) {
    const b = t.getBuffer(v, writable);
    if (b !== undefined) return b;
    return undefined;
  }
  if (v instanceof PyByteArray) return v.data.subarray(0, v.length);
  if (v instanceof PyBytes) return writable ? undefined : v.data;
  return undefined;
}

/** A new bytes object (charged to the heap). */
export function newBytes(data: Uint8Array): PyBytes {
  return new PyBytes(data);
}

let emptyBytesObj: PyBytes | null = null;

/** The empty bytes object `b''`: a ROM singleton that costs no heap. */
export function emptyBytes(): PyBytes {
  if (emptyBytesObj === null) {
    // Built without the constructor so that it charges nothing.
    const b = Object.create(PyBytes.prototype) as PyBytes;
    Object.assign(b, { type: bytesType, h: 0, data: new Uint8Array(0) });
    emptyBytesObj = b;
  }
  return emptyBytesObj;
}

/** A new bytearray object (charged to the heap). */
export function newByteArray(data: Uint8Array): PyByteArray {
  return new PyByteArray(data, bytearrayType);
}

// ---------------------------------------------------------------------------
// Streams

/**
 * A stream implemented natively (files, `io.StringIO`/`BytesIO`,
 * `deflate.DeflateIO`). Objects of other types are streams when they have
 * Python-level `read`/`readinto`/`write` methods.
 */
export interface NativeStream {
  /** Reads up to `n` bytes (all remaining when n < 0); empty at the end. */
  streamRead(n: number): Uint8Array;
  /** Writes bytes; returns how many were written. */
  streamWrite(data: Uint8Array): number;
  /** True for text streams (read returns str, write takes str). */
  readonly isText: boolean;
}

/** The native stream behind `v`, if it is one. */
export function nativeStream(v: PyObj): NativeStream | undefined {
  if (
    typeof v === "object" &&
    (v as unknown as Partial<NativeStream>).streamRead !== undefined
  ) {
    return v as unknown as NativeStream;
  }
  if (v instanceof PyObject) {
    const inner = (v as { native?: PyObj }).native;
    if (inner !== undefined && inner !== v) return nativeStream(inner);
  }
  return undefined;
}

let ioBaseType: PyType | null = null;

/** Registers `io.IOBase`: instances of its Python subclasses are streams. */
export function registerIoBase(type: PyType): void {
  ioBaseType = type;
}

/**
 * True when `v` is a stream written in Python: an instance of a subclass of
 * `io.IOBase` (MicroPython gives other classes no stream protocol, whatever
 * methods they define).
 */
export function isPythonStream(v: PyObj): boolean {
  return ioBaseType !== null && nativeStream(v) === undefined &&
    isSubtype(typeOf(v), ioBaseType);
}

/** Fails as MicroPython does when `v` is not a stream at all. */
export function checkStream(v: PyObj): void {
  if (nativeStream(v) === undefined && !isPythonStream(v)) {
    throw unsupportedStream();
  }
}

/**
 * Reads up to `n` bytes (n < 0: to the end) from any stream: a native one,
 * or a Python one through its `readinto` method.
 */
export function streamReadBytes(stream: PyObj, n: number): Uint8Array {
  const ns = nativeStream(stream);
  if (ns !== undefined) return ns.streamRead(n);
  checkStream(stream);
  // io.IOBase reads through readinto only (a missing one is an AttributeError).
  const readinto = getAttr(stream, "readinto");
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (n < 0 || total < n) {
    const want = n < 0 ? 256 : Math.min(256, n - total);
    const buf = new PyByteArray(new Uint8Array(want));
    const got = call(readinto, [buf]);
    const k = got === None ? 0 : toMachineInt(got);
    if (k <= 0) break;
    chunks.push(buf.data.slice(0, k));
    total += k;
  }
  return concatBytes(chunks, total);
}

/** Writes bytes (or, for a text stream, their text) to any stream. */
export function streamWriteBytes(stream: PyObj, data: Uint8Array): number {
  const ns = nativeStream(stream);
  if (ns !== undefined) return ns.streamWrite(data);
  checkStream(stream);
  const write = getAttr(stream, "write");
  const r = call(write, [newByteArray(data)]);
  return r === None ? data.length : toMachineInt(r);
}

/**
 * The part of `data` a stream's `write(buf, max_len)` or
 * `write(buf, off, max_len)` writes; `extra` holds the arguments after
 * `buf`. Both are size_t on the board, so a negative one is huge.
 */
export function writeWindow(data: Uint8Array, extra: PyObj[]): Uint8Array {
  const size = (v: PyObj): number => {
    const n = toMachineInt(v);
    return n < 0 ? Infinity : n;
  };
  if (extra.length === 1) return data.subarray(0, size(extra[0]));
  if (extra.length === 2) {
    const off = Math.min(size(extra[0]), data.length);
    const len = size(extra[1]);
    return data.subarray(off, off + Math.min(len, data.length - off));
  }
  return data;
}

/** The `OSError` MicroPython raises for an object that is not a stream. */
export function unsupportedStream(): PyObject {
  return newException(OSError, ["stream operation not supported"]);
}

/** Joins byte chunks. */
export function concatBytes(chunks: Uint8Array[], total?: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const size = total ?? chunks.reduce((s, c) => s + c.length, 0);
  const out = new Uint8Array(size);
  let pos = 0;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}
