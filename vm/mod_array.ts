/**
 * `array` (`py/objarray.c`): typed arrays of numbers in a byte buffer —
 * typecodes `b B h H i I l L q Q f d P` with the board's sizes, `append`
 * and `extend` (from any iterable, or raw from anything with the buffer
 * protocol), indexing, step-1 slicing and slice assignment, `+`/`+=`,
 * MicroPython's comparison rules (same-sized integer typecodes only), the
 * buffer protocol (`bytes(a)`, `memoryview(a)`, `struct.unpack`), and the
 * repr `array('i', [1, 2])`.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { defineModule } from "./builtins.ts";
import {
  newException,
  NotImplementedError,
  notImplementedError,
  typeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  bytesType,
  defineMethod,
  makeType,
  None,
  PyByteArray,
  PyBytes,
  type PyObj,
  PyObject,
  type PyType,
  TypeFlag,
} from "./obj.ts";
import { PySlice, sliceIndices } from "./obj_slice.ts";
import { iterNext, repr, typeName } from "./runtime.ts";
import { getIterator } from "./obj_iter.ts";
import { getIndex, unhashable } from "./sequence.ts";
import { binarySize, readValue, writeValue } from "./mod_struct.ts";
import { bufferMaybe, bufferOf, checkArgs } from "./mod_support.ts";

/** `array.array`. */
export const arrayType: PyType = makeType("array", {
  flags: TypeFlag.BaseType,
});
const arrayIterType: PyType = makeType("iterator");

const TYPECODES = "bBhHiIlLqQfdP";

/** Item size of a typecode; `ValueError("bad typecode")` for unknown ones. */
export function itemSize(code: string): number {
  if (code.length !== 1 || !TYPECODES.includes(code)) {
    throw valueError("bad typecode");
  }
  return binarySize("@", code)[0];
}

/** An array: `length` items of `typecode` in `data` (which may have room to spare). */
export class PyArray extends PyObject {
  readonly typecode: string;
  readonly itemSize: number;
  data: Uint8Array;
  length: number;
  /** Heap address of the item buffer (0 when it has none). */
  itemsAddr: number;

  constructor(
    type: PyType,
    typecode: string,
    data: Uint8Array,
    length: number,
  ) {
    super(type);
    this.typecode = typecode;
    this.itemSize = itemSize(typecode);
    this.data = data;
    this.length = length;
    this.h = heap.alloc(16, BlockKind.Array);
    this.itemsAddr = data.length > 0
      ? heap.alloc(data.length, BlockKind.Other)
      : 0;
  }

  /** The bytes of the items. */
  bytes(): Uint8Array {
    return this.data.subarray(0, this.length * this.itemSize);
  }

  get(i: number): PyObj {
    return readValue(
      this.typecode,
      this.data,
      i * this.itemSize,
      this.itemSize,
      false,
    );
  }

  set(i: number, v: PyObj): void {
    writeValue(
      this.typecode,
      this.data,
      i * this.itemSize,
      this.itemSize,
      false,
      v,
    );
  }

  /** Makes room for `extra` more items, growing the buffer as the board does. */
  reserve(extra: number, step: number): void {
    const need = (this.length + extra) * this.itemSize;
    if (need <= this.data.length) return;
    const size = (this.length + Math.max(extra, step)) * this.itemSize;
    const grown = new Uint8Array(size);
    grown.set(this.bytes());
    this.data = grown;
    this.itemsAddr = this.itemsAddr === 0
      ? heap.alloc(size, BlockKind.Other)
      : heap.realloc(this.itemsAddr, size, true);
  }

  append(v: PyObj): void {
    this.reserve(1, 8);
    this.set(this.length, v);
    this.length++;
  }

  appendBytes(src: Uint8Array): void {
    const n = Math.floor(src.length / this.itemSize);
    this.reserve(n, n);
    this.data.set(
      src.subarray(0, n * this.itemSize),
      this.length * this.itemSize,
    );
    this.length += n;
  }
}

function arrayOf(v: PyObj): PyArray {
  if (v instanceof PyArray) return v;
  const native = (v as { native?: PyObj }).native;
  if (native instanceof PyArray) return native;
  throw typeError("array expected");
}

/** A new array of `typecode` holding a copy of `bytes`. */
export function newArray(typecode: string, bytes: Uint8Array): PyArray {
  const size = itemSize(typecode);
  const n = Math.floor(bytes.length / size);
  return new PyArray(arrayType, typecode, bytes.slice(0, n * size), n);
}

/** Extends from an iterable, or raw from an object with the buffer protocol. */
function extend(a: PyArray, src: PyObj): void {
  const buf = bufferMaybe(src);
  if (buf !== undefined) {
    a.appendBytes(buf.slice());
    return;
  }
  const it = getIterator(src, true);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) a.append(x);
}

arrayType.makeNew = (type, args, kw) => {
  checkArgs(args, kw, 1, 2);
  // The type code may be given as bytes too (MicroPython reads either).
  const codeArg = args[0] instanceof PyBytes && args[0].type === bytesType
    ? String.fromCharCode(...args[0].data)
    : args[0];
  if (typeof codeArg !== "string") {
    throw typeError(
      `can't convert '${typeName(codeArg)}' object to str implicitly`,
    );
  }
  // Only the first character counts, as on the board.
  const code = codeArg.length > 0 ? codeArg[0] : "\0";
  const own = (type.flags & TypeFlag.UserClass) === 0 ? type : arrayType;
  const a = new PyArray(own, code, new Uint8Array(0), 0);
  if (args.length > 1) {
    const init = args[1];
    if (init instanceof PyBytes && init.type === bytesType) {
      a.appendBytes(init.data);
    } else if (init instanceof PyByteArray) {
      a.appendBytes(init.data.subarray(0, init.length));
    } else {
      const it = getIterator(init, true);
      const items: PyObj[] = [];
      for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
        items.push(x);
      }
      a.reserve(items.length, items.length);
      for (const x of items) {
        a.set(a.length, x);
        a.length++;
      }
    }
  }
  return a;
};

arrayType.print = (self) => {
  const a = arrayOf(self);
  if (a.length === 0) return `array('${a.typecode}')`;
  const parts: string[] = [];
  for (let i = 0; i < a.length; i++) parts.push(repr(a.get(i)));
  return `array('${a.typecode}', [${parts.join(", ")}])`;
};

arrayType.unaryOp = (op, self) => {
  const a = arrayOf(self);
  switch (op) {
    case UnaryOp.Bool:
      return a.length !== 0;
    case UnaryOp.Len:
      return a.length;
  }
  return undefined;
};

/** The comparison class of a buffer's typecode (signedness folded away). */
function foldCode(v: PyObj): { code: string; unsigned: boolean } {
  if (v instanceof PyArray) {
    const c = v.typecode;
    return {
      code: c === "f" || c === "d" ? c : c.toUpperCase(),
      unsigned: c >= "A" && c <= "Z",
    };
  }
  return { code: "B", unsigned: true };
}

function compareBytes(op: BinaryOp, a: Uint8Array, b: Uint8Array): boolean {
  const n = Math.min(a.length, b.length);
  let c = 0;
  for (let i = 0; i < n && c === 0; i++) c = a[i] - b[i];
  if (c === 0) c = a.length - b.length;
  switch (op) {
    case BinaryOp.Less:
      return c < 0;
    case BinaryOp.More:
      return c > 0;
    case BinaryOp.LessEqual:
      return c <= 0;
    case BinaryOp.MoreEqual:
      return c >= 0;
    default:
      return c === 0;
  }
}

arrayType.binaryOp = (op, lhs, rhs) => {
  const a = arrayOf(lhs);
  switch (op) {
    case BinaryOp.Add: {
      const other = bufferOf(rhs);
      const out = new PyArray(
        arrayType,
        a.typecode,
        new Uint8Array(0),
        0,
      );
      out.appendBytes(a.bytes().slice());
      out.appendBytes(other.slice());
      return out;
    }
    case BinaryOp.InplaceAdd:
      extend(a, rhs);
      return lhs;
    case BinaryOp.Equal:
    case BinaryOp.Less:
    case BinaryOp.More:
    case BinaryOp.LessEqual:
    case BinaryOp.MoreEqual: {
      if (
        op === BinaryOp.Equal &&
        (typeof rhs === "string" ||
          (rhs instanceof PyBytes && rhs.type === bytesType))
      ) {
        return false;
      }
      const other = bufferMaybe(rhs);
      if (other === undefined) return false;
      const l = foldCode(a);
      const r = foldCode(rhs);
      const isFloat = l.code === "f" || l.code === "d";
      if (
        l.code === r.code && !isFloat &&
        (op === BinaryOp.Equal || l.unsigned || r.unsigned)
      ) {
        return compareBytes(op, a.bytes(), other);
      }
      throw newException(NotImplementedError);
    }
    case BinaryOp.Contains:
      throw newException(NotImplementedError);
  }
  return undefined;
};

arrayType.subscrLoad = (self, index) => {
  const a = arrayOf(self);
  if (index instanceof PySlice) {
    const s = sliceIndices(index, a.length);
    if (s.step !== 1) {
      throw notImplementedError(
        "only slices with step=1 (aka None) are supported",
      );
    }
    const start = s.start;
    const stop = Math.max(s.start, s.stop);
    const size = a.itemSize;
    const data = a.data.slice(start * size, stop * size);
    return new PyArray(arrayType, a.typecode, data, stop - start);
  }
  return a.get(getIndex("array", a.length, index));
};

arrayType.subscrStore = (self, index, value) => {
  const a = arrayOf(self);
  if (value === undefined) return false;
  if (index instanceof PySlice) {
    const s = sliceIndices(index, a.length);
    if (s.step !== 1) {
      throw notImplementedError(
        "only slices with step=1 (aka None) are supported",
      );
    }
    let src: Uint8Array;
    let srcItemSize: number;
    if (value instanceof PyArray) {
      src = value.bytes();
      srcItemSize = value.itemSize;
    } else if (value instanceof PyByteArray) {
      src = value.data.subarray(0, value.length);
      srcItemSize = 1;
    } else if (value instanceof PyBytes && value.type === bytesType) {
      src = value.data;
      srcItemSize = 1;
    } else {
      throw notImplementedError("array/bytes required on right side");
    }
    const size = a.itemSize;
    if (srcItemSize !== size) {
      throw valueError("lhs and rhs should be compatible");
    }
    src = src.slice();
    const start = s.start;
    const stop = Math.max(s.start, s.stop);
    const tail = a.bytes().slice(stop * size);
    const newLength = start + src.length / size + (a.length - stop);
    if (newLength > a.length) a.reserve(newLength - a.length, 0);
    a.data.set(src, start * size);
    a.data.set(tail, start * size + src.length);
    a.length = newLength;
    return true;
  }
  a.set(getIndex("array", a.length, index), value);
  return true;
};

arrayType.getBuffer = (self) => arrayOf(self).bytes();
arrayType.hash = unhashable;

class PyArrayIter extends PyObject {
  readonly array: PyArray;
  pos: number;
  constructor(array: PyArray, onStack: boolean) {
    super(arrayIterType);
    this.array = array;
    this.pos = 0;
    this.h = onStack ? 0 : heap.alloc(16, BlockKind.Other);
  }
}

arrayType.getIter = (self, onStack) =>
  new PyArrayIter(arrayOf(self), onStack === true);
arrayIterType.print = () => "<iterator>";
arrayIterType.getIter = (self) => self;
arrayIterType.iterNext = (self) => {
  const it = self as PyArrayIter;
  if (it.pos >= it.array.length) return undefined;
  return it.array.get(it.pos++);
};
arrayIterType.gcTrace = (self, trace) => trace((self as PyArrayIter).array);

defineMethod(arrayType, "append", (args, kw) => {
  checkArgs(args, kw, 2);
  arrayOf(args[0]).append(args[1]);
  return None;
});
defineMethod(arrayType, "extend", (args, kw) => {
  checkArgs(args, kw, 2);
  extend(arrayOf(args[0]), args[1]);
  return None;
});

defineModule("array", (dict) => {
  dict.set("array", arrayType);
}, { extensible: true });
