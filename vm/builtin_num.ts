/**
 * The built-in functions of numbers and text (`py/modbuiltins.c`): `abs`,
 * `divmod`, `pow`, `round`, `hex`, `oct`, `bin`, `chr`, `ord` and `hash`,
 * with MicroPython's rules (`round` rounds halves to even, also for ints
 * with negative digits; three-argument `pow` wants ints) and messages.
 *
 * MicroPython has no `format()` and no `ascii()` built-in, so neither is
 * defined here.
 *
 * @module
 */

import { intern } from "./qstr.ts";
import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { newStr } from "./alloc.ts";
import { defineBuiltin } from "./builtins.ts";
import { typeError, valueError } from "./exc.ts";
import { fl, newFloat, toFloat } from "./float_impl.ts";
import { PyBytes, type PyObj, typeOf } from "./obj.ts";
import { intFromFloat, intPowMod } from "./obj_int.ts";
import { binaryOp, hash, unaryOp } from "./runtime.ts";
import { checkArgs, toMachineInt } from "./sequence.ts";
import { percentFormat, strFormat } from "./str_format.ts";
import { cpLength } from "./unicode.ts";

/** Rounds to the nearest integer, halves to even (C `nearbyint`). */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  let r: number;
  if (d < 0.5) r = f;
  else if (d > 0.5) r = f + 1;
  else r = f % 2 === 0 ? f : f + 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

defineBuiltin("abs", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return unaryOp(UnaryOp.Abs, args[0]);
});

defineBuiltin("divmod", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return binaryOp(BinaryOp.Divmod, args[0], args[1]);
});

function isIntObj(v: PyObj): v is number | bigint {
  return typeof v === "number" || typeof v === "bigint";
}

defineBuiltin("pow", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 3 });
  if (args.length === 2) return binaryOp(BinaryOp.Power, args[0], args[1]);
  const [b, e, m] = args;
  if (!isIntObj(b) || !isIntObj(e) || !isIntObj(m)) {
    throw typeError("pow() with 3 arguments requires integers");
  }
  if (m === 0) throw valueError("divide by zero");
  if (e < 0) return 0;
  return intPowMod(b, e, m);
});

defineBuiltin("round", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 2 });
  const x = args[0];
  if (isIntObj(x)) {
    if (args.length < 2) return x;
    const digits = toMachineInt(args[1]);
    if (digits >= 0) return x;
    return roundIntDigits(x, -digits);
  }
  const v = toFloat(x);
  if (args.length > 1) {
    const digits = toMachineInt(args[1]);
    const mult = fl(Math.pow(10, digits));
    return newFloat(fl(roundHalfEven(fl(v * mult)) / mult));
  }
  return intFromFloat(roundHalfEven(v));
});

/** `round(int, -n)`: to a multiple of 10^n, halves to even. */
function roundIntDigits(x: number | bigint, n: number): PyObj {
  const mult = binaryOp(BinaryOp.Power, 10, n);
  const half = binaryOp(BinaryOp.FloorDivide, mult, 2);
  const mod = binaryOp(BinaryOp.Modulo, x, mult);
  const rounded = binaryOp(BinaryOp.Subtract, x, mod);
  if (binaryOp(BinaryOp.More, half, mod) === true) return rounded;
  if (binaryOp(BinaryOp.More, mod, half) === true) {
    return binaryOp(BinaryOp.Add, rounded, mult);
  }
  const floor = binaryOp(BinaryOp.FloorDivide, x, mult);
  if (binaryOp(BinaryOp.And, floor, 1) !== 0) {
    return binaryOp(BinaryOp.Add, rounded, mult);
  }
  return rounded;
}

// hex(x) and oct(x) are "%#x" % x and "%#o" % x on the board (so a tuple
// argument is taken as the format's argument list).
defineBuiltin("hex", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return newStr(percentFormat("%#x", args[0], { bytes: false }));
});

defineBuiltin("oct", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return newStr(percentFormat("%#o", args[0], { bytes: false }));
});

defineBuiltin("bin", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return newStr(strFormat("{:#b}", [args[0]], null));
});

defineBuiltin("chr", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  const c = toMachineInt(args[0]);
  if (c < 0 || c > 0x10ffff) {
    throw valueError("char not in range(0x110000)");
  }
  // MicroPython makes chr()'s result a qstr (`mp_obj_new_str_via_qstr`).
  return intern(String.fromCodePoint(c));
});

defineBuiltin("ord", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  const v = args[0];
  if (typeof v === "string") {
    const n = cpLength(v);
    if (n !== 1) {
      throw typeError(
        `ord() expected a character, but string of length ${n} found`,
      );
    }
    return v.codePointAt(0) as number;
  }
  if (v instanceof PyBytes) {
    if (v.data.length !== 1) {
      throw typeError(
        `ord() expected a character, but string of length ${v.data.length} found`,
      );
    }
    return v.data[0];
  }
  throw typeError(
    `can't convert '${typeOf(v).name}' object to str implicitly`,
  );
});

defineBuiltin("hash", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return hash(args[0]);
});
