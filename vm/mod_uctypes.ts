/**
 * `uctypes` (`extmod/moductypes.c`): C-like structure access over memory.
 * A descriptor (a dict of `offset | TYPE` values, and tuples for arrays,
 * pointers and nested structures, with bitfields) is laid over the memory
 * at an address, in native, little- or big-endian layout.
 *
 * The simulated board has no raw memory, so addresses are those of the
 * buffers Python objects expose: `addressof(obj)` gives each underlying
 * buffer a stable address in the board's RAM range and remembers it, and
 * `struct`, `bytes_at` and `bytearray_at` resolve addresses back to those
 * buffers (an address outside every known buffer raises `ValueError`).
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import {
  indexError,
  KeyError,
  newException,
  TypeError,
  typeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  bytearrayType,
  dictType,
  isSubtype,
  makeType,
  PyByteArray,
  PyDict,
  type PyObj,
  PyObject,
  PyTuple,
  type PyType,
  tupleType,
} from "./obj.ts";
import { UnaryOp } from "../compiler/mod.ts";
import { unhashable } from "./sequence.ts";
import { readInt, readValue, writeInt, writeValue } from "./mod_struct.ts";
import {
  bufferOf,
  checkArgs,
  intResult,
  newBytes,
  toMachineInt,
  toUint32Truncated,
} from "./mod_support.ts";

// ---------------------------------------------------------------------------
// The address space

interface Region {
  base: number;
  buffer: WeakRef<ArrayBuffer>;
  length: number;
}

const regions: Region[] = [];
const baseOf = new WeakMap<ArrayBuffer, number>();
let nextBase = 0x20010000;

/** The address of the first byte of a buffer view. */
export function addressOf(view: Uint8Array): number {
  const ab = view.buffer as ArrayBuffer;
  let base = baseOf.get(ab);
  if (base === undefined) {
    base = nextBase;
    nextBase += (ab.byteLength + 16 + 15) & ~15;
    baseOf.set(ab, base);
    // Forget regions whose buffers are gone.
    for (let i = regions.length - 1; i >= 0; i--) {
      if (regions[i].buffer.deref() === undefined) regions.splice(i, 1);
    }
    regions.push({ base, buffer: new WeakRef(ab), length: ab.byteLength });
  }
  return base + view.byteOffset;
}

/** The memory at `addr` (`size` bytes) as a view of the buffer it lies in. */
function memory(addr: number, size: number): Uint8Array {
  for (const r of regions) {
    if (addr >= r.base && addr + size <= r.base + r.length) {
      const ab = r.buffer.deref();
      if (ab === undefined) break;
      return new Uint8Array(ab, addr - r.base, size);
    }
  }
  throw valueError(`address 0x${addr.toString(16)} is not mapped`);
}

// ---------------------------------------------------------------------------
// Descriptors

const LAYOUT_LITTLE_ENDIAN = 0;
const LAYOUT_BIG_ENDIAN = 1;
const LAYOUT_NATIVE = 2;

const UINT8 = 0;
const INT64 = 7;
const BFUINT8 = 8;
const BFINT32 = 13;
const FLOAT32 = 14;
const FLOAT64 = 15;

const STRUCT = 0;
const PTR = 1;
const ARRAY = 2;

/** `TYPE2SMALLINT`: a type number placed in the top bits of a 31-bit small int. */
function typeToSmallInt(x: number, nbits: number): number {
  return (x << (32 - nbits)) >> 1;
}

/** `GET_TYPE`. */
function getType(x: number, nbits: number): number {
  return (x >> (31 - nbits)) & ((1 << nbits) - 1);
}

/** `VALUE_MASK`. */
function valueMask(nbits: number): number {
  return ~((0x80000000 | 0) >> nbits);
}

function scalarSize(valType: number): number {
  return valType === FLOAT32 ? 4 : 1 << ((valType & 7) >> 1);
}

const CODES = "BbHhIiQq------fd";

function syntaxError(): never {
  throw typeError("syntax error in uctypes descriptor");
}

function isDescDict(v: PyObj): v is PyDict {
  return v instanceof PyDict && isSubtype(v.type, dictType);
}

function smallInt(v: PyObj): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return syntaxError();
}

interface SizeState {
  maxField: number;
}

function aggSize(t: PyTuple, layout: number, st: SizeState): number {
  const head = smallInt(t.items[0]);
  switch (getType(head, 2)) {
    case STRUCT:
      return structSize(t.items[1], layout, st);
    case PTR:
      if (4 > st.maxField) st.maxField = 4;
      return 4;
    case ARRAY: {
      let n = smallInt(t.items[1]);
      const valType = getType(n, 4);
      n &= valueMask(4);
      let itemSize: number;
      if (t.items.length === 2) {
        itemSize = 1 << (valType >> 1);
        if (itemSize > st.maxField) st.maxField = itemSize;
      } else {
        itemSize = structSize(t.items[2], layout, st);
      }
      return itemSize * n;
    }
  }
  return syntaxError();
}

function structSize(desc: PyObj, layout: number, st: SizeState): number {
  if (!isDescDict(desc)) {
    if (desc instanceof PyTuple && desc.type === tupleType) {
      return aggSize(desc, layout, st);
    }
    if (typeof desc === "number") {
      throw typeError("can't unambiguously get sizeof scalar");
    }
    syntaxError();
  }
  const map = desc.map;
  let total = 0;
  for (let s = map.nextSlot(-1); s >= 0; s = map.nextSlot(s)) {
    const v = map.values[s] as PyObj;
    if (typeof v === "number") {
      const valType = getType(v, 4);
      let offset = v & valueMask(4);
      if (valType >= BFUINT8 && valType <= BFINT32) offset &= (1 << 17) - 1;
      const size = scalarSize(valType);
      if (size > st.maxField) st.maxField = size;
      if (offset + size > total) total = offset + size;
    } else {
      if (!(v instanceof PyTuple && v.type === tupleType)) syntaxError();
      const offset = smallInt(v.items[0]) & valueMask(2);
      const size = aggSize(v, layout, st);
      if (offset + size > total) total = offset + size;
    }
  }
  if (layout === LAYOUT_NATIVE && st.maxField > 0) {
    total = (total + st.maxField - 1) & ~(st.maxField - 1);
  }
  return total;
}

// ---------------------------------------------------------------------------
// struct objects

/** `uctypes.struct`. */
export const uctypesStructType: PyType = makeType("struct");

/** A structure laid over memory (`mp_obj_uctypes_struct_t`). */
export class PyUctypesStruct extends PyObject {
  readonly desc: PyObj;
  readonly addr: number;
  readonly layout: number;
  constructor(desc: PyObj, addr: number, layout: number) {
    super(uctypesStructType);
    this.desc = desc;
    this.addr = addr;
    this.layout = layout;
    this.h = heap.alloc(16, BlockKind.Other);
  }
}

function readScalar(
  valType: number,
  addr: number,
  layout: number,
): PyObj {
  const size = scalarSize(valType);
  return readValue(
    CODES[valType],
    memory(addr, size),
    0,
    size,
    layout === LAYOUT_BIG_ENDIAN,
  );
}

function writeScalar(
  valType: number,
  addr: number,
  layout: number,
  value: PyObj,
): void {
  const size = scalarSize(valType);
  const big = layout === LAYOUT_BIG_ENDIAN;
  const mem = memory(addr, size);
  if (valType === FLOAT32 || valType === FLOAT64) {
    writeValue(CODES[valType], mem, 0, size, big, value);
    return;
  }
  writeInt(mem, 0, size, big, toTruncated(value));
}

function toTruncated(v: PyObj): number | bigint {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  return toMachineInt(v);
}

function byteArrayByRef(addr: number, size: number): PyByteArray {
  const b = new PyByteArray(memory(addr, size), bytearrayType);
  // The items belong to the memory seen through it, not to the bytearray.
  if (b.itemsAddr !== 0) heap.free(b.itemsAddr);
  b.itemsAddr = 0;
  return b;
}

function fieldOp(
  self: PyUctypesStruct,
  name: string,
  value: PyObj | undefined,
): PyObj | undefined {
  if (!isDescDict(self.desc)) throw typeError("struct: no fields");
  const deref = self.desc.map.get(name);
  if (deref === undefined) throw newException(KeyError, [name]);
  if (typeof deref === "number") {
    const valType = getType(deref, 4);
    let offset = deref & valueMask(4);
    if (valType <= INT64 || valType === FLOAT32 || valType === FLOAT64) {
      if (value === undefined) {
        return readScalar(valType, self.addr + offset, self.layout);
      }
      writeScalar(valType, self.addr + offset, self.layout, value);
      return value;
    }
    if (valType >= BFUINT8 && valType <= BFINT32) {
      const bitOffset = (offset >> 17) & 31;
      const bitLen = (offset >> 22) & 31;
      offset &= (1 << 17) - 1;
      const size = 1 << ((valType & 7) >> 1);
      const big = self.layout === LAYOUT_BIG_ENDIAN;
      const mem = memory(self.addr + offset, size);
      const word = Number(readInt(mem, 0, size, big, false));
      const mask = bitLen >= 32 ? 0xffffffff : (1 << bitLen) - 1;
      if (value === undefined) {
        return intResult(
          (Math.floor(word / Math.pow(2, bitOffset)) & mask) >>> 0,
        );
      }
      const v = (toMachineInt(value) & mask) >>> 0;
      const shifted = (mask << bitOffset) >>> 0;
      const next = ((word & ~shifted) | ((v << bitOffset) >>> 0)) >>> 0;
      writeInt(mem, 0, size, big, next);
      return value;
    }
    return syntaxError();
  }
  if (!(deref instanceof PyTuple && deref.type === tupleType)) syntaxError();
  const head = smallInt(deref.items[0]);
  const aggType = getType(head, 2);
  const offset = head & valueMask(2);
  if (value !== undefined) syntaxError();
  switch (aggType) {
    case STRUCT:
      return new PyUctypesStruct(
        deref.items[1],
        self.addr + offset,
        self.layout,
      );
    case ARRAY:
      if (
        deref.items.length === 2 &&
        getType(smallInt(deref.items[1]), 4) === UINT8
      ) {
        const size = aggSize(deref, self.layout, { maxField: 0 });
        return byteArrayByRef(self.addr + offset, size);
      }
      return new PyUctypesStruct(deref, self.addr + offset, self.layout);
    case PTR:
      return new PyUctypesStruct(deref, self.addr + offset, self.layout);
  }
  return syntaxError();
}

function pointerAt(addr: number): number {
  return Number(readInt(memory(addr, 4), 0, 4, false, false));
}

uctypesStructType.makeNew = (_type, args, kw) => {
  checkArgs(args, kw, 2, 3);
  const addr = toUint32Truncated(args[0]);
  const layout = args.length === 3 ? toMachineInt(args[2]) : LAYOUT_NATIVE;
  return new PyUctypesStruct(args[1], addr, layout);
};
uctypesStructType.print = (self) => {
  const s = self as PyUctypesStruct;
  let kind = "unk";
  if (isDescDict(s.desc)) {
    kind = "STRUCT";
  } else if (s.desc instanceof PyTuple && s.desc.type === tupleType) {
    const agg = getType(smallInt(s.desc.items[0]), 2);
    kind = agg === PTR ? "PTR" : agg === ARRAY ? "ARRAY" : "unk";
  } else {
    kind = "ERROR";
  }
  return `<struct ${kind} ${s.addr.toString(16)}>`;
};
uctypesStructType.hash = unhashable;
uctypesStructType.loadAttr = (self, name) => {
  if (name === "__class__") return undefined;
  return fieldOp(self as PyUctypesStruct, name, undefined);
};
uctypesStructType.storeAttr = (self, name, value) => {
  if (value === undefined) return false;
  fieldOp(self as PyUctypesStruct, name, value);
  return true;
};
uctypesStructType.subscrLoad = (self, index) => subscr(self, index, undefined);
uctypesStructType.subscrStore = (self, index, value) => {
  if (value === undefined) return false;
  return subscr(self, index, value) !== undefined;
};
uctypesStructType.unaryOp = (op, self) => {
  if (op !== UnaryOp.IntMaybe) return undefined;
  const s = self as PyUctypesStruct;
  if (
    s.desc instanceof PyTuple && getType(smallInt(s.desc.items[0]), 2) === PTR
  ) {
    return intResult(pointerAt(s.addr));
  }
  return undefined;
};
uctypesStructType.getBuffer = (self) => {
  const s = self as PyUctypesStruct;
  const size = structSize(s.desc, s.layout, { maxField: 0 });
  return memory(s.addr, size);
};

function subscr(
  selfObj: PyObj,
  indexObj: PyObj,
  value: PyObj | undefined,
): PyObj | undefined {
  const self = selfObj as PyUctypesStruct;
  const t = self.desc;
  if (!(t instanceof PyTuple && t.type === tupleType)) {
    throw typeError("struct: can't index");
  }
  const index = toMachineInt(indexObj);
  const aggType = getType(smallInt(t.items[0]), 2);
  if (aggType === ARRAY) {
    let n = smallInt(t.items[1]);
    const valType = getType(n, 4);
    n &= valueMask(4);
    if (index >= n) throw indexError("struct: index out of range");
    if (t.items.length === 2) {
      const size = 1 << (valType >> 1);
      const addr = self.addr + size * index;
      if (value === undefined) return readScalar(valType, addr, self.layout);
      writeScalar(valType, addr, self.layout, value);
      return value;
    }
    if (value !== undefined) return undefined;
    const size = structSize(t.items[2], self.layout, { maxField: 0 });
    return new PyUctypesStruct(
      t.items[2],
      self.addr + size * index,
      self.layout,
    );
  }
  if (aggType === PTR) {
    const p = pointerAt(self.addr);
    const target = t.items[1];
    if (typeof target === "number") {
      const valType = getType(target, 4);
      const size = scalarSize(valType);
      if (value === undefined) {
        return readScalar(valType, p + size * index, LAYOUT_NATIVE);
      }
      writeScalar(valType, p + size * index, LAYOUT_NATIVE, value);
      return value;
    }
    if (value !== undefined) return undefined;
    const size = structSize(target, self.layout, { maxField: 0 });
    return new PyUctypesStruct(target, p + size * index, self.layout);
  }
  return syntaxError();
}

defineModule("uctypes", (dict) => {
  dict.set("struct", uctypesStructType);
  defineFunction(dict, "sizeof", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    let obj = args[0];
    if (obj instanceof PyByteArray) return obj.length;
    let layout = LAYOUT_NATIVE;
    if (obj instanceof PyUctypesStruct) {
      if (args.length !== 1) throw newException(TypeError);
      layout = obj.layout;
      obj = obj.desc;
    } else if (args.length === 2) {
      layout = toMachineInt(args[1]);
    }
    return structSize(obj, layout, { maxField: 0 });
  });
  defineFunction(dict, "addressof", (args, kw) => {
    checkArgs(args, kw, 1);
    return intResult(addressOf(bufferOf(args[0])));
  });
  defineFunction(dict, "bytes_at", (args, kw) => {
    checkArgs(args, kw, 2);
    const addr = toUint32Truncated(args[0]);
    const size = toUint32Truncated(args[1]);
    return newBytes(memory(addr, size).slice());
  });
  defineFunction(dict, "bytearray_at", (args, kw) => {
    checkArgs(args, kw, 2);
    return byteArrayByRef(
      toUint32Truncated(args[0]),
      toUint32Truncated(args[1]),
    );
  });
  dict.set("NATIVE", LAYOUT_NATIVE);
  dict.set("LITTLE_ENDIAN", LAYOUT_LITTLE_ENDIAN);
  dict.set("BIG_ENDIAN", LAYOUT_BIG_ENDIAN);
  const scalars: [string, number][] = [
    ["VOID", 0],
    ["UINT8", 0],
    ["INT8", 1],
    ["UINT16", 2],
    ["INT16", 3],
    ["UINT32", 4],
    ["INT32", 5],
    ["UINT64", 6],
    ["INT64", 7],
    ["BFUINT8", 8],
    ["BFINT8", 9],
    ["BFUINT16", 10],
    ["BFINT16", 11],
    ["BFUINT32", 12],
    ["BFINT32", 13],
    ["FLOAT32", 14],
    ["FLOAT64", 15],
    ["SHORT", 3],
    ["USHORT", 2],
    ["INT", 5],
    ["UINT", 4],
    ["LONG", 5],
    ["ULONG", 4],
    ["LONGLONG", 7],
    ["ULONGLONG", 6],
  ];
  for (const [name, t] of scalars) dict.set(name, typeToSmallInt(t, 4));
  dict.set("BF_POS", 17);
  dict.set("BF_LEN", 22);
  dict.set("PTR", typeToSmallInt(PTR, 2));
  dict.set("ARRAY", typeToSmallInt(ARRAY, 2));
});
