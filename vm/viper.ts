/**
 * What a `@micropython.viper` function sees beyond the built-ins: the
 * pointer casts `ptr8`, `ptr16`, `ptr32` and the `uint` cast. On the board
 * viper code is compiled to machine code; upy runs it as bytecode, and these
 * names resolve only inside viper functions, as on the board (elsewhere they
 * are a `NameError`).
 *
 * A pointer made from a buffer reads and writes that buffer's bytes, little
 * endian, unsigned for 8 and 16 bits and as a signed machine word for 32, and
 * truncates stored values to its width. Where the board would write past
 * the buffer into whatever lies next in RAM, upy raises `IndexError`.
 *
 * @module
 */

import type { CodeInfo } from "./code.ts";
import { indexError, notImplementedError, typeError } from "./exc.ts";
import { PyMap } from "./map.ts";
import { getBuffer } from "./obj_bytes.ts";
import {
  makeType,
  PyNativeFunction,
  type PyObj,
  PyObject,
  type PyType,
} from "./obj.ts";
import { nameNotDefined, toInt, toSmallInt, typeName } from "./runtime.ts";

/** A viper pointer: a typed view of a buffer's bytes. */
class ViperPointer extends PyObject {
  declare readonly view: DataView;
  /** Bytes per item: 1, 2 or 4. */
  declare readonly width: number;
  constructor(type: PyType, data: Uint8Array, width: number) {
    // A machine word on the board: it costs no heap.
    super(type);
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.width = width;
  }
}

const pointerType: PyType = makeType("ptr");

/** The byte offset of item `index`, checked against the buffer. */
function offsetOf(p: ViperPointer, index: PyObj): number {
  const i = toSmallInt(index);
  const at = i * p.width;
  if (i < 0 || at + p.width > p.view.byteLength) {
    throw indexError("viper pointer access outside its buffer");
  }
  return at;
}

pointerType.subscrLoad = (self: PyObj, index: PyObj): PyObj => {
  const p = self as ViperPointer;
  const at = offsetOf(p, index);
  switch (p.width) {
    case 1:
      return p.view.getUint8(at);
    case 2:
      return p.view.getUint16(at, true);
    default:
      return p.view.getInt32(at, true);
  }
};

pointerType.subscrStore = (
  self: PyObj,
  index: PyObj,
  value: PyObj | undefined,
): boolean => {
  const p = self as ViperPointer;
  if (value === undefined) return false;
  const at = offsetOf(p, index);
  const word = machineWord(value);
  switch (p.width) {
    case 1:
      p.view.setUint8(at, word & 0xff);
      break;
    case 2:
      p.view.setUint16(at, word & 0xffff, true);
      break;
    default:
      p.view.setInt32(at, word, true);
  }
  return true;
};

/** An int as the 32-bit machine word viper code works with (two's complement). */
function machineWord(v: PyObj): number {
  const n = toInt(v);
  return typeof n === "bigint" ? Number(BigInt.asIntN(32, n)) : n | 0;
}

function pointerCast(name: string, width: number): PyNativeFunction {
  return new PyNativeFunction(name, (args) => {
    if (args.length !== 1) {
      throw typeError(
        `function takes 1 positional arguments but ${args.length} were given`,
      );
    }
    const target = args[0];
    if (typeof target === "number" || typeof target === "bigint") {
      throw notImplementedError(
        "viper pointers to raw addresses need a real board",
      );
    }
    const data = getBuffer(target);
    if (data === undefined) {
      throw typeError(`can't convert ${typeName(target)} to int`);
    }
    return new ViperPointer(pointerType, data, width);
  });
}

/** The names only viper functions see. */
const viperNames: PyMap = new PyMap();
viperNames.set("ptr8", pointerCast("ptr8", 1));
viperNames.set("ptr16", pointerCast("ptr16", 2));
viperNames.set("ptr32", pointerCast("ptr32", 4));
viperNames.set(
  "uint",
  new PyNativeFunction("uint", (args) => {
    if (args.length !== 1) {
      throw typeError(
        `function takes 1 positional arguments but ${args.length} were given`,
      );
    }
    return machineWord(args[0]) >>> 0;
  }),
);

/**
 * A global that is neither in the module nor in the built-ins: one of the
 * viper names when `code` is a viper function, else the `NameError`.
 */
export function missingGlobal(code: CodeInfo, name: string): PyObj {
  if (code.raw.decorator === "viper") {
    const v = viperNames.get(name);
    if (v !== undefined) return v;
  }
  throw nameNotDefined(name);
}
