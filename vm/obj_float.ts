/**
 * `float` (`py/objfloat.c`): construction and parsing, arithmetic with
 * Python's floor-division and modulo rules, comparisons with ints (which are
 * converted to float, as MicroPython does), hashing, and MicroPython's repr.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { newStr } from "./alloc.ts";
import { defineBuiltinValue } from "./builtins.ts";
import { typeError, valueError, zeroDivisionError } from "./exc.ts";
import {
  fl,
  floatIsSingle,
  floatValueMaybe,
  newFloat,
  numberContains,
  toFloat,
} from "./float_impl.ts";
import { floatRepr } from "../compiler/format_float.ts";
import { complexBinaryOp, floatHash } from "./obj_complex.ts";
import {
  floatType,
  type KwArgs,
  PyByteArray,
  PyBytes,
  PyComplex,
  PyFloat,
  type PyObj,
  PyTuple,
  type PyType,
} from "./obj.ts";
import { parseNumDecimal } from "../compiler/parse_num.ts";

/** `pow` with C's special cases (`pow(1, nan)` and `pow(-1, ±inf)` are 1). */
export function cPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

function copysign(x: number, y: number): number {
  const ny = y < 0 || Object.is(y, -0);
  return ny ? -Math.abs(x) : Math.abs(x);
}

/** Floor division and modulo of two floats (`mp_obj_float_divmod`); `y` is not zero. */
export function floatDivmod(x: number, y: number): [number, number] {
  let mod = fl(x % y);
  let div = fl(fl(x - mod) / y);
  if (mod === 0) {
    mod = copysign(0, y);
  } else if ((mod < 0) !== (y < 0)) {
    mod = fl(mod + y);
    div = fl(div - 1);
  }
  let floordiv: number;
  if (div === 0) {
    floordiv = copysign(0, fl(x / y));
  } else {
    floordiv = Math.floor(div);
    if (fl(div - floordiv) > 0.5) floordiv = fl(floordiv + 1);
  }
  return [floordiv, mod];
}

/**
 * A binary operator with a float left operand (`mp_obj_float_binary_op`);
 * undefined when the right operand is not a number or the operator is not
 * one of float's.
 */
export function floatBinaryOp(
  op: BinaryOp,
  lhs: number,
  rhsIn: PyObj,
): PyObj | undefined {
  let rhs: number;
  if (rhsIn instanceof PyFloat) {
    rhs = rhsIn.value;
  } else if (typeof rhsIn === "number" && !floatIsSingle()) {
    rhs = rhsIn;
  } else if (rhsIn instanceof PyComplex) {
    return complexBinaryOp(op, lhs, 0, rhsIn);
  } else {
    const f = floatValueMaybe(rhsIn);
    if (f === undefined) return undefined;
    rhs = f;
  }
  switch (op) {
    case 27: // Add
    case 14: // InplaceAdd
      return newFloat(lhs + rhs);
    case 28: // Subtract
    case 15: // InplaceSubtract
      return newFloat(lhs - rhs);
    case 29: // Multiply
    case 16: // InplaceMultiply
      return newFloat(lhs * rhs);
    case 32: // TrueDivide
    case 19: // InplaceTrueDivide
      if (rhs === 0) throw zeroDivisionError();
      return newFloat(lhs / rhs);
    case 31: // FloorDivide
    case 18: // InplaceFloorDivide
      if (rhs === 0) throw zeroDivisionError();
      return newFloat(floatDivmod(lhs, rhs)[0]);
    case 33: // Modulo
    case 20: { // InplaceModulo
      if (rhs === 0) throw zeroDivisionError();
      let m = fl(lhs % rhs);
      if (m === 0) m = copysign(0, rhs);
      else if ((m < 0) !== (rhs < 0)) m = fl(m + rhs);
      return newFloat(m);
    }
    case 34: // Power
    case 21: // InplacePower
      if (lhs === 0 && rhs < 0 && rhs !== -Infinity) {
        throw zeroDivisionError();
      }
      if (lhs < 0 && rhs !== Math.floor(rhs) && !Number.isNaN(rhs)) {
        return complexBinaryOp(BinaryOp.Power, lhs, 0, rhsIn);
      }
      return newFloat(cPow(lhs, rhs));
    case 35: { // Divmod
      if (rhs === 0) throw zeroDivisionError();
      const [q, r] = floatDivmod(lhs, rhs);
      return new PyTuple([newFloat(q), newFloat(r)]);
    }
    case 0: // Less
      return lhs < rhs;
    case 1: // More
      return lhs > rhs;
    case 2: // Equal
      return lhs === rhs;
    case 3: // LessEqual
      return lhs <= rhs;
    case 4: // MoreEqual
      return lhs >= rhs;
  }
  return undefined;
}

/** The `repr()`/`str()` text of a float value. */
export function floatText(v: number): string {
  return floatRepr(v, { single: floatIsSingle() });
}

/** Parses `float()` text; `ValueError` when it is not a number. */
export function parseFloatArg(s: string): number {
  const r = parseNumDecimal(s, {
    allowImag: false,
    forceComplex: false,
    single: floatIsSingle(),
  });
  if (r === null) throw valueError("invalid syntax for number");
  return r.real;
}

/** Latin-1 text of a byte buffer (each byte one char), for number parsing. */
function bytesText(data: Uint8Array, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(data[i]);
  return s;
}

floatType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  if (kw !== null && kw.size > 0) {
    throw typeError("function doesn't take keyword arguments");
  }
  if (args.length > 1) {
    throw typeError(
      `function expected at most 1 arguments, got ${args.length}`,
    );
  }
  if (args.length === 0) return newFloat(0);
  const a = args[0];
  if (typeof a === "string") return newFloat(parseFloatArg(utf8Latin1(a)));
  if (a instanceof PyFloat) return a;
  if (a instanceof PyBytes) {
    return newFloat(parseFloatArg(bytesText(a.data, a.data.length)));
  }
  if (a instanceof PyByteArray) {
    return newFloat(parseFloatArg(bytesText(a.data, a.length)));
  }
  if (typeof a === "object") {
    const t = a.type;
    if (t.getBuffer !== null) {
      const buf = t.getBuffer(a, false);
      if (buf !== undefined) {
        return newFloat(parseFloatArg(bytesText(buf, buf.length)));
      }
    }
  }
  return newFloat(toFloat(a));
};

/** A str's UTF-8 bytes as latin-1 text (ASCII text is returned as is). */
function utf8Latin1(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      const b = new TextEncoder().encode(s);
      return bytesText(b, b.length);
    }
  }
  return s;
}

floatType.print = (self: PyObj): string => {
  return floatText((self as PyFloat).value);
};

floatType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  const v = (self as PyFloat).value;
  switch (op) {
    case UnaryOp.Bool:
      return v !== 0;
    case UnaryOp.Hash:
      return floatHash(v);
    case UnaryOp.Positive:
      return self;
    case UnaryOp.Negative:
      return newFloat(-v);
    case UnaryOp.Abs:
      return v < 0 || Object.is(v, -0) ? newFloat(-v) : self;
    case UnaryOp.FloatMaybe:
      return self;
  }
  return undefined;
};

floatType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  if (op >= 37) return undefined; // reverse operators: not float's
  if (op === 36) return numberContains(lhs, rhs);
  return floatBinaryOp(op, (lhs as PyFloat).value, rhs);
};

/** `str(f)` through the heap (a new str at run time). */
export function floatStr(v: number): string {
  return newStr(floatText(v));
}

defineBuiltinValue("float", floatType);
