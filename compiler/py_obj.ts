/**
 * Compile-time Python constants: the values the parser folds and the
 * compiler puts in the constant table, with MicroPython's arithmetic for
 * constant folding (`mp_binary_op` on ints and floats, as on a 64-bit host).
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "./opcodes.ts";
import { ConstKind, type ConstObject } from "./raw_code.ts";
import {
  formatComplexConst,
  formatFloatConst,
  intToFloat,
} from "./float_format.ts";

/** Type of a compile-time constant. */
export const enum ObjKind {
  None,
  False,
  True,
  Ellipsis,
  Int,
  Float,
  Complex,
  Str,
  Bytes,
  Tuple,
}

/** A compile-time constant. */
export type PyObj =
  | { readonly kind: ObjKind.None }
  | { readonly kind: ObjKind.False }
  | { readonly kind: ObjKind.True }
  | { readonly kind: ObjKind.Ellipsis }
  | { readonly kind: ObjKind.Int; readonly value: bigint }
  | { readonly kind: ObjKind.Float; readonly value: number }
  | {
    readonly kind: ObjKind.Complex;
    readonly real: number;
    readonly imag: number;
  }
  | { readonly kind: ObjKind.Str; readonly value: string }
  | { readonly kind: ObjKind.Bytes; readonly value: Uint8Array }
  | { readonly kind: ObjKind.Tuple; readonly items: readonly PyObj[] };

/** The `None` constant. */
export const PY_NONE: PyObj = { kind: ObjKind.None };
/** The `False` constant. */
export const PY_FALSE: PyObj = { kind: ObjKind.False };
/** The `True` constant. */
export const PY_TRUE: PyObj = { kind: ObjKind.True };
/** The `...` constant. */
export const PY_ELLIPSIS: PyObj = { kind: ObjKind.Ellipsis };
/** The empty tuple. */
export const PY_EMPTY_TUPLE: PyObj = { kind: ObjKind.Tuple, items: [] };

/** An int constant. */
export function pyInt(value: bigint): PyObj {
  return { kind: ObjKind.Int, value };
}

/** A float constant. */
export function pyFloat(value: number): PyObj {
  return { kind: ObjKind.Float, value };
}

/** A str constant. */
export function pyStr(value: string): PyObj {
  return { kind: ObjKind.Str, value };
}

// Constants of every kind share the `{kind, value}` shape: its `value` field
// takes its general representation here, before any code is optimised
// (met later, the change deoptimises every function that has read one).
function settleConstShape(): void {
  const seeds: PyObj[] = [];
  seeds.push(pyFloat(0.5), pyStr(""), pyInt(0n));
  seeds.push({ kind: ObjKind.Complex, real: 0.5, imag: 0.5 });
}
settleConstShape();

/** Python truth value of a constant. */
export function isTrue(o: PyObj): boolean {
  switch (o.kind) {
    case ObjKind.None:
    case ObjKind.False:
      return false;
    case ObjKind.True:
    case ObjKind.Ellipsis:
      return true;
    case ObjKind.Int:
      return o.value !== 0n;
    case ObjKind.Float:
      return o.value !== 0;
    case ObjKind.Complex:
      return o.real !== 0 || o.imag !== 0;
    case ObjKind.Str:
      return o.value.length !== 0;
    case ObjKind.Bytes:
      return o.value.length !== 0;
    case ObjKind.Tuple:
      return o.items.length !== 0;
  }
}

function sameFloat(a: number, b: number): boolean {
  // Distinct NaN objects never merge; 0.0 and -0.0 stay distinct.
  return a === b && (a !== 0 || Object.is(a, b));
}

/**
 * Whether two constants may share one constant-table entry: the same object,
 * or the same type and an equal value (tuples item by item).
 */
export function strictlyEqual(a: PyObj, b: PyObj): boolean {
  // The same object is always equal to itself (even a NaN float).
  if (a === b) return true;
  switch (a.kind) {
    case ObjKind.None:
    case ObjKind.False:
    case ObjKind.True:
    case ObjKind.Ellipsis:
      return a.kind === b.kind;
    case ObjKind.Int:
      return b.kind === ObjKind.Int && a.value === b.value;
    case ObjKind.Float:
      return b.kind === ObjKind.Float && sameFloat(a.value, b.value);
    case ObjKind.Complex:
      return b.kind === ObjKind.Complex && sameFloat(a.real, b.real) &&
        sameFloat(a.imag, b.imag);
    case ObjKind.Str:
      return b.kind === ObjKind.Str && a.value === b.value;
    case ObjKind.Bytes: {
      if (b.kind !== ObjKind.Bytes || a.value.length !== b.value.length) {
        return false;
      }
      for (let i = 0; i < a.value.length; i++) {
        if (a.value[i] !== b.value[i]) return false;
      }
      return true;
    }
    case ObjKind.Tuple: {
      if (b.kind !== ObjKind.Tuple || a.items.length !== b.items.length) {
        return false;
      }
      for (let i = 0; i < a.items.length; i++) {
        if (!strictlyEqual(a.items[i], b.items[i])) return false;
      }
      return true;
    }
  }
}

/** The constant-table form of a constant. */
export function toConstObject(o: PyObj): ConstObject {
  switch (o.kind) {
    case ObjKind.None:
      return { kind: ConstKind.None };
    case ObjKind.False:
      return { kind: ConstKind.False };
    case ObjKind.True:
      return { kind: ConstKind.True };
    case ObjKind.Ellipsis:
      return { kind: ConstKind.Ellipsis };
    case ObjKind.Int:
      return { kind: ConstKind.Int, value: o.value };
    case ObjKind.Float:
      return { kind: ConstKind.Float, text: formatFloatConst(o.value) };
    case ObjKind.Complex:
      return {
        kind: ConstKind.Complex,
        text: formatComplexConst(o.real, o.imag),
      };
    case ObjKind.Str:
      return { kind: ConstKind.Str, value: o.value };
    case ObjKind.Bytes:
      return { kind: ConstKind.Bytes, value: o.value };
    case ObjKind.Tuple:
      return { kind: ConstKind.Tuple, items: o.items.map(toConstObject) };
  }
}

// Folding never builds ints larger than this many bits (mpy-cross would run
// out of heap long before).
const MAX_FOLD_BITS = 1 << 20;

// Total bits of big-int results one source may fold: turning huge ints into
// decimal text is quadratic, so a source full of them must not stall.
const FOLD_BUDGET_BITS = 1 << 21;

// Ints within ±2^64 are cheap and never charged to the budget.
const CHEAP_INT = 1n << 64n;

function bitLen(v: bigint): number {
  if (v < 0n) v = -v;
  return v === 0n ? 0 : v.toString(16).length * 4;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return (r !== 0n && (r < 0n) !== (b < 0n)) ? r + b : r;
}

function copysign(x: number, y: number): number {
  const neg = y < 0 || Object.is(y, -0);
  return neg ? -Math.abs(x) : Math.abs(x);
}

function floatBinary(op: BinaryOp, lhs: number, rhs: number): PyObj | null {
  switch (op) {
    case BinaryOp.Add:
      return pyFloat(lhs + rhs);
    case BinaryOp.Subtract:
      return pyFloat(lhs - rhs);
    case BinaryOp.Multiply:
      return pyFloat(lhs * rhs);
    case BinaryOp.TrueDivide:
      if (rhs === 0) return null;
      return pyFloat(lhs / rhs);
    case BinaryOp.FloorDivide: {
      if (rhs === 0) return null;
      let mod = lhs % rhs;
      let div = (lhs - mod) / rhs;
      if (mod === 0) {
        mod = copysign(0, rhs);
      } else if ((mod < 0) !== (rhs < 0)) {
        mod += rhs;
        div -= 1;
      }
      let floordiv: number;
      if (div === 0) {
        floordiv = copysign(0, lhs / rhs);
      } else {
        floordiv = Math.floor(div);
        if (div - floordiv > 0.5) floordiv += 1;
      }
      return pyFloat(floordiv);
    }
    case BinaryOp.Modulo: {
      if (rhs === 0) return null;
      let v = lhs % rhs;
      if (v === 0) v = copysign(0, rhs);
      else if ((v < 0) !== (rhs < 0)) v += rhs;
      return pyFloat(v);
    }
    case BinaryOp.Power:
      if (lhs === 0 && rhs < 0 && Number.isFinite(rhs)) return null;
      // A negative base with a fractional exponent gives a complex number.
      if (lhs < 0 && rhs !== Math.floor(rhs) && !Number.isNaN(rhs)) {
        return null;
      }
      return pyFloat(Math.pow(lhs, rhs));
    default:
      return null;
  }
}

function intBinary(op: BinaryOp, a: bigint, b: bigint): PyObj | null {
  switch (op) {
    case BinaryOp.Or:
      return pyInt(a | b);
    case BinaryOp.Xor:
      return pyInt(a ^ b);
    case BinaryOp.And:
      return pyInt(a & b);
    case BinaryOp.Lshift:
      if (b < 0n) return null;
      if (a === 0n) return pyInt(0n);
      if (BigInt(bitLen(a)) + b > BigInt(MAX_FOLD_BITS)) return null;
      return pyInt(a << b);
    case BinaryOp.Rshift:
      if (b < 0n) return null;
      if (b > BigInt(MAX_FOLD_BITS)) return pyInt(a < 0n ? -1n : 0n);
      return pyInt(a >> b);
    case BinaryOp.Add:
      return pyInt(a + b);
    case BinaryOp.Subtract:
      return pyInt(a - b);
    case BinaryOp.Multiply:
      if (bitLen(a) + bitLen(b) > MAX_FOLD_BITS) return null;
      return pyInt(a * b);
    case BinaryOp.FloorDivide:
      if (b === 0n) return null;
      return pyInt(floorDiv(a, b));
    case BinaryOp.Modulo:
      if (b === 0n) return null;
      return pyInt(floorMod(a, b));
    case BinaryOp.TrueDivide:
      if (b === 0n) return null;
      return pyFloat(intToFloat(a) / intToFloat(b));
    case BinaryOp.Power: {
      if (b < 0n) return floatBinary(op, intToFloat(a), intToFloat(b));
      if (a === 0n || a === 1n || a === -1n || b === 0n) {
        return pyInt(b === 0n ? 1n : (a === -1n && (b & 1n) === 0n) ? 1n : a);
      }
      if (BigInt(bitLen(a)) * b > BigInt(MAX_FOLD_BITS)) return null;
      return pyInt(a ** b);
    }
    default:
      return null;
  }
}

function numValue(o: PyObj): number | null {
  if (o.kind === ObjKind.Float) return o.value;
  if (o.kind === ObjKind.Int) return intToFloat(o.value);
  return null;
}

function foldBinary(op: BinaryOp, lhs: PyObj, rhs: PyObj): PyObj | null {
  if (lhs.kind === ObjKind.Int && rhs.kind === ObjKind.Int) {
    return intBinary(op, lhs.value, rhs.value);
  }
  const l = numValue(lhs);
  const r = numValue(rhs);
  if (l === null || r === null) return null;
  return floatBinary(op, l, r);
}

function foldUnary(op: UnaryOp, operand: PyObj): PyObj | null {
  if (operand.kind === ObjKind.Int) {
    switch (op) {
      case UnaryOp.Positive:
        return operand;
      case UnaryOp.Negative:
        return pyInt(-operand.value);
      case UnaryOp.Invert:
        return pyInt(~operand.value);
      default:
        return null;
    }
  }
  if (operand.kind === ObjKind.Float) {
    switch (op) {
      case UnaryOp.Positive:
        return operand;
      case UnaryOp.Negative:
        return pyFloat(-operand.value);
      default:
        return null;
    }
  }
  return null;
}

/**
 * Folds operations on int/float constants with MicroPython semantics. One
 * folder serves one source: it limits the total size of the big ints it
 * builds, so pathological sources compile in bounded time.
 */
export class ConstFolder {
  private bigBitsLeft = FOLD_BUDGET_BITS;

  /**
   * `lhs op rhs`, or null when the operation raises, is unsupported, gives
   * a complex result or would exceed the size limits.
   */
  binary(op: BinaryOp, lhs: PyObj, rhs: PyObj): PyObj | null {
    const r = foldBinary(op, lhs, rhs);
    return r === null ? null : this.charge(r);
  }

  /** `op operand`, or null when unsupported. */
  unary(op: UnaryOp, operand: PyObj): PyObj | null {
    const r = foldUnary(op, operand);
    return r === null ? null : this.charge(r);
  }

  private charge(r: PyObj): PyObj | null {
    if (
      r.kind !== ObjKind.Int || (r.value < CHEAP_INT && r.value > -CHEAP_INT)
    ) {
      return r;
    }
    const bits = bitLen(r.value);
    if (bits > this.bigBitsLeft) return null;
    this.bigBitsLeft -= bits;
    return r;
  }
}

function floatKey(v: number): string | null {
  if (Number.isNaN(v)) return null;
  return Object.is(v, -0) ? "-0" : String(v);
}

/**
 * A string that is equal for exactly the constants that
 * {@link strictlyEqual} merges, or null when only identity can tell (NaN).
 */
export function objKey(o: PyObj): string | null {
  switch (o.kind) {
    case ObjKind.None:
      return "N";
    case ObjKind.False:
      return "F";
    case ObjKind.True:
      return "T";
    case ObjKind.Ellipsis:
      return "E";
    case ObjKind.Int:
      // Hex: linear time even for huge ints.
      return "i" + o.value.toString(16);
    case ObjKind.Float: {
      const k = floatKey(o.value);
      return k === null ? null : "f" + k;
    }
    case ObjKind.Complex: {
      const r = floatKey(o.real);
      const i = floatKey(o.imag);
      return r === null || i === null ? null : `c${r},${i}`;
    }
    case ObjKind.Str:
      return "s" + o.value;
    case ObjKind.Bytes: {
      let s = "b";
      for (const c of o.value) s += String.fromCharCode(c);
      return s;
    }
    case ObjKind.Tuple: {
      let s = `t${o.items.length}:`;
      for (const item of o.items) {
        const k = objKey(item);
        if (k === null) return null;
        s += `${k.length}:${k}`;
      }
      return s;
    }
  }
}

/** The shared `math.nan` constant: one object, so its uses merge. */
export const MATH_NAN: PyObj = { kind: ObjKind.Float, value: NaN };
