/**
 * `complex` (`py/objcomplex.c`): construction, arithmetic in MicroPython's
 * formulas (powers through `exp`/`log`, so `(1+2j)**2` carries rounding),
 * equality, hashing, `real`/`imag`, and printing with the repr digits of
 * each part.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { defineBuiltinValue } from "./builtins.ts";
import {
  excWithMessage,
  typeError,
  valueError,
  ZeroDivisionError,
} from "./exc.ts";
import {
  fl,
  floatIsSingle,
  floatValueMaybe,
  newFloat,
  numberContains,
} from "./float_impl.ts";
import { formatFloat, REPR_PREC } from "../compiler/format_float.ts";
import {
  complexType,
  type KwArgs,
  PyComplex,
  PyFloat,
  type PyObj,
  type PyType,
  typeOf,
} from "./obj.ts";
import { parseNumDecimal } from "../compiler/parse_num.ts";

/** A complex number rounded to the board's float precision. */
export function newComplex(real: number, imag: number): PyComplex {
  return new PyComplex(fl(real), fl(imag));
}

/** The parts of a complex, float, int or bool; undefined for anything else. */
export function complexPartsMaybe(v: PyObj): [number, number] | undefined {
  if (v instanceof PyComplex) return [v.real, v.imag];
  const f = floatValueMaybe(v);
  if (f !== undefined) return [f, 0];
  if (typeof v === "object" && v.type.unaryOp !== null) {
    // A class's __complex__, after its __float__.
    const r = v.type.unaryOp(UnaryOp.ComplexMaybe, v);
    if (r instanceof PyComplex) return [r.real, r.imag];
  }
  return undefined;
}

function complexParts(v: PyObj): [number, number] {
  const p = complexPartsMaybe(v);
  if (p === undefined) {
    throw typeError(`can't convert ${typeOf(v).name} to complex`);
  }
  return p;
}

/** Float hash as MicroPython computes it (the value truncated to a 32-bit machine int). */
export function floatHash(f: number): number {
  let v: number;
  if (Number.isNaN(f)) v = 0;
  else if (f >= 2147483647) v = 2147483647;
  else if (f <= -2147483648) v = -2147483648;
  else v = Math.trunc(f);
  // A small int keeps 31 bits.
  return (v << 1) >> 1;
}

function complexZeroDivision(message: string): never {
  throw excWithMessage(ZeroDivisionError, message);
}

/**
 * A binary operator with a complex left operand given by its parts
 * (`mp_obj_complex_binary_op`); undefined when the right operand is not a
 * number or the operator is not supported.
 */
export function complexBinaryOp(
  op: BinaryOp,
  lr: number,
  li: number,
  rhs: PyObj,
): PyObj | undefined {
  const p = complexPartsMaybe(rhs);
  if (p === undefined) return undefined;
  let rr = p[0];
  let ri = p[1];
  switch (op) {
    case BinaryOp.Add:
    case BinaryOp.InplaceAdd:
      return newComplex(lr + rr, li + ri);
    case BinaryOp.Subtract:
    case BinaryOp.InplaceSubtract:
      return newComplex(lr - rr, li - ri);
    case BinaryOp.Multiply:
    case BinaryOp.InplaceMultiply:
      return multiply(lr, li, rr, ri);
    case BinaryOp.FloorDivide:
    case BinaryOp.InplaceFloorDivide:
      throw typeError("can't truncate-divide a complex number");
    case BinaryOp.TrueDivide:
    case BinaryOp.InplaceTrueDivide:
      if (ri === 0) {
        if (rr === 0) complexZeroDivision("complex divide by zero");
        return newComplex(fl(lr / rr), fl(li / rr));
      }
      if (rr === 0) return newComplex(fl(li / ri), fl(-lr / ri));
      {
        const lenSq = fl(fl(rr * rr) + fl(ri * ri));
        rr = fl(rr / lenSq);
        ri = fl(ri / -lenSq);
        return multiply(lr, li, rr, ri);
      }
    case BinaryOp.Power:
    case BinaryOp.InplacePower:
      return power(lr, li, rr, ri);
    case BinaryOp.Equal:
      return lr === rr && li === ri;
  }
  return undefined;
}

function multiply(lr: number, li: number, rr: number, ri: number): PyComplex {
  const real = fl(fl(lr * rr) - fl(li * ri));
  const imag = fl(fl(lr * ri) + fl(li * rr));
  return newComplex(real, imag);
}

function power(lr: number, li: number, rr: number, ri: number): PyComplex {
  if (lr === 0 && li === 0) {
    if (ri !== 0 || rr < 0) complexZeroDivision("0.0 to a complex power");
    return newComplex(rr === 0 ? 1 : lr, li);
  }
  // z1**z2 = exp(z2 * ln(z1)), as the port computes it.
  const abs1 = fl(Math.sqrt(fl(fl(lr * lr) + fl(li * li))));
  const ln1 = fl(Math.log(abs1));
  const arg1 = fl(Math.atan2(li, lr));
  const x3 = fl(fl(rr * ln1) - fl(ri * arg1));
  const y3 = fl(fl(ri * ln1) + fl(rr * arg1));
  const expX3 = fl(Math.exp(x3));
  return newComplex(fl(expX3 * fl(Math.cos(y3))), fl(expX3 * fl(Math.sin(y3))));
}

/** The text of a complex number: `2j`, `(1+2j)`, `(nan+infj)`. */
export function complexRepr(real: number, imag: number): string {
  const opts = {
    fmt: "g",
    prec: REPR_PREC,
    sign: "",
    bufSize: floatIsSingle() ? 16 : 32,
    single: floatIsSingle(),
  };
  const im = formatFloat(imag, opts);
  if (real === 0) return im + "j";
  const re = formatFloat(real, opts);
  return `(${re}${im.charCodeAt(0) === 0x2d ? "" : "+"}${im}j)`;
}

function parseComplexText(s: string): PyComplex {
  const r = parseNumDecimal(s, {
    allowImag: true,
    forceComplex: true,
    single: floatIsSingle(),
  });
  if (r === null) throw valueError("invalid syntax for number");
  return newComplex(r.real, r.imag);
}

complexType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  if (kw !== null && kw.size > 0) {
    throw typeError("function doesn't take keyword arguments");
  }
  if (args.length > 2) {
    throw typeError(
      `function expected at most 2 arguments, got ${args.length}`,
    );
  }
  if (args.length === 0) return newComplex(0, 0);
  const a = args[0];
  if (args.length === 1) {
    if (typeof a === "string") return parseComplexText(a);
    if (a instanceof PyComplex) return a;
    const [re, im] = complexParts(a);
    return newComplex(re, im);
  }
  let real: number;
  let imag = 0;
  if (a instanceof PyComplex) {
    real = a.real;
    imag = a.imag;
  } else {
    real = toFloatStrict(a);
  }
  const b = args[1];
  if (b instanceof PyComplex) {
    real = fl(real - b.imag);
    imag = fl(imag + b.real);
  } else {
    imag = fl(imag + toFloatStrict(b));
  }
  return newComplex(real, imag);
};

function toFloatStrict(v: PyObj): number {
  const f = floatValueMaybe(v);
  if (f === undefined) {
    throw typeError(`can't convert ${typeOf(v).name} to float`);
  }
  return f;
}

complexType.print = (self: PyObj): string => {
  const c = self as PyComplex;
  return complexRepr(c.real, c.imag);
};

complexType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  const c = self as PyComplex;
  switch (op) {
    case UnaryOp.Bool:
      return c.real !== 0 || c.imag !== 0;
    case UnaryOp.Hash:
      return floatHash(c.real) ^ floatHash(c.imag);
    case UnaryOp.Positive:
      return c;
    case UnaryOp.Negative:
      return newComplex(-c.real, -c.imag);
    case UnaryOp.Abs:
      return newFloat(Math.sqrt(fl(fl(c.real * c.real) + fl(c.imag * c.imag))));
  }
  return undefined;
};

complexType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  if (op >= BinaryOp.ReverseOr) return undefined;
  if (op === BinaryOp.Contains) return numberContains(lhs, rhs);
  const c = lhs as PyComplex;
  return complexBinaryOp(op, c.real, c.imag, rhs);
};

complexType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  const c = self as PyComplex;
  if (name === "real") return new PyFloat(c.real);
  if (name === "imag") return new PyFloat(c.imag);
  return undefined;
};

defineBuiltinValue("complex", complexType);
