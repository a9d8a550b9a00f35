/**
 * The board's float implementation (`MICROPY_FLOAT_IMPL`): double or single
 * precision, and the conversions between Python values and floats that the
 * numeric types share (`mp_obj_get_float`, `mp_obj_int_as_float`).
 *
 * A single-precision board (rp2040) rounds every float result to binary32;
 * {@link newFloat} and {@link fl} do that when the running interpreter's
 * board asks for it.
 *
 * @module
 */

import { UnaryOp } from "../compiler/mod.ts";
import { typeError } from "./exc.ts";
import { PyFloat, type PyObj, typeOf } from "./obj.ts";
import { floatSingle } from "./state.ts";

/** True when floats are single precision (the running board's `floatBits` is 32). */
export function floatIsSingle(): boolean {
  return floatSingle;
}

/** Rounds a result to the board's float precision. */
export function fl(v: number): number {
  return floatSingle ? Math.fround(v) : v;
}

/** A new float object holding `v` rounded to the board's precision. */
export function newFloat(v: number): PyFloat {
  return new PyFloat(floatSingle ? Math.fround(v) : v);
}

/**
 * An int as a float (`mp_obj_int_as_float`). Ints beyond the 31-bit
 * small-int range are big ints on a 32-bit port, converted digit by digit
 * (16-bit digits, most significant first) with a rounding at each step.
 */
export function intAsFloat(v: number | bigint): number {
  if (typeof v === "number") {
    if (!floatIsSingle() || (v >= -0x40000000 && v < 0x40000000)) return fl(v);
    return hornerFloat(BigInt(v));
  }
  return hornerFloat(v);
}

function hornerFloat(v: bigint): number {
  const neg = v < 0n;
  const hex = (neg ? -v : v).toString(16);
  // Split into 16-bit digits from the most significant end.
  let first = hex.length % 4;
  if (first === 0) first = 4;
  let val = 0;
  let i = 0;
  let n = first;
  while (i < hex.length) {
    const d = parseInt(hex.slice(i, i + n), 16);
    val = floatIsSingle()
      ? Math.fround(Math.fround(val * 65536) + d)
      : val * 65536 + d;
    i += n;
    n = 4;
  }
  return neg ? -val : val;
}

/**
 * The float value of a float, int or bool, or of an object whose type
 * converts itself (`__float__`); undefined otherwise
 * (`mp_obj_get_float_maybe`).
 */
export function floatValueMaybe(v: PyObj): number | undefined {
  switch (typeof v) {
    case "number":
      return floatIsSingle() ? intAsFloat(v) : v;
    case "bigint":
      return hornerFloat(v);
    case "boolean":
      return v ? 1 : 0;
    case "string":
      return undefined;
  }
  if (v instanceof PyFloat) return v.value;
  const t = v.type;
  if (t.unaryOp !== null) {
    const r = t.unaryOp(UnaryOp.FloatMaybe, v);
    if (r instanceof PyFloat) return r.value;
  }
  return undefined;
}

/** The float value of an argument (`mp_obj_get_float`); `TypeError` otherwise. */
export function toFloat(v: PyObj): number {
  const f = floatValueMaybe(v);
  if (f !== undefined) return f;
  throw typeError(`can't convert ${typeOf(v).name} to float`);
}

/**
 * `item in n` for a number `n` (int, float, complex): the board's small-int
 * fast path rejects a small-int item with an unnamed operator; anything else
 * falls back to iteration, which fails with "object isn't iterable"
 * (undefined here lets the runtime raise that).
 */
export function numberContains(container: PyObj, item: PyObj): undefined {
  const small = isSmallInt(container);
  if (
    isSmallInt(item) && (small || typeof container === "object")
  ) {
    throw typeError(
      `unsupported types for : 'int', '${typeOf(container).name}'`,
    );
  }
  if (small && typeof item === "boolean") {
    // The bool becomes an int and meets the small-int fast path.
    throw typeError("unsupported types for __contains__: 'int', 'int'");
  }
  return undefined;
}

/** True for an int the board holds as a small int (31 bits). */
export function isSmallInt(v: PyObj): boolean {
  return typeof v === "number" && v >= -0x40000000 && v < 0x40000000;
}
