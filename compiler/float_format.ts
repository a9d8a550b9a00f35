/**
 * Float literals and float constant text exactly as mpy-cross produces them.
 *
 * mpy-cross (x86-64) parses decimal literals and prints float constants with
 * MicroPython's own routines (`py/parsenum.c`, `py/formatfloat.c`) in 80-bit
 * `long double`; {@link parseDecimal} and {@link formatFloat} emulate them
 * bit for bit (the run-time `float()` and `repr()` use the same code). This
 * module adds what the compiler needs on top: imaginary literals, the `.0` of
 * constant text, and caches, since programs repeat their literals.
 *
 * @module
 */

import { formatFloat, REPR_PREC } from "./format_float.ts";
import { parseDecimal } from "./parse_num.ts";

const CACHE_LIMIT = 4096;
const literalCache = new Map<string, FloatLiteral | null>();
const reprCache = new Map<number, string>();

/** The value of a float or imaginary literal. */
export interface FloatLiteral {
  readonly value: number;
  readonly imag: boolean;
}

/** A float or imaginary literal's value, or null when the text is malformed. */
export function parseFloatLiteral(text: string): FloatLiteral | null {
  let r = literalCache.get(text);
  if (r === undefined) {
    if (literalCache.size >= CACHE_LIMIT) literalCache.clear();
    r = parseFloatText(text);
    literalCache.set(text, r);
  }
  return r;
}

function parseFloatText(text: string): FloatLiteral | null {
  let i = 0;
  const top = text.length;
  let value: number;
  const lower = text.toLowerCase();
  if (lower.startsWith("inf")) {
    value = Infinity;
    i = lower.startsWith("infinity") ? 8 : 3;
  } else if (lower.startsWith("nan")) {
    value = NaN;
    i = 3;
  } else {
    const r = parseDecimal(text, 0, { single: false });
    if (r === null) return null;
    value = r.value;
    i = r.end;
  }
  let imag = false;
  if (i < top && (text.charCodeAt(i) | 0x20) === 0x6a) {
    if (i === 0) value = 1;
    i++;
    imag = true;
  }
  if (i === 0 || i !== top) return null;
  return { value, imag };
}

/** MicroPython's repr text of a double ('g' with the repr precision). */
function formatRepr(f: number): string {
  // The map cannot tell -0 from 0.
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  let s = reprCache.get(f);
  if (s === undefined) {
    if (reprCache.size >= CACHE_LIMIT) reprCache.clear();
    s = formatFloat(f, {
      fmt: "g",
      prec: REPR_PREC,
      sign: "",
      bufSize: 32,
      single: false,
    });
    reprCache.set(f, s);
  }
  return s;
}

/** The text mpy-cross stores for a float constant (Python repr). */
export function formatFloatConst(f: number): string {
  const s = formatRepr(f);
  if (!s.includes(".") && !s.includes("e") && !s.includes("n")) {
    return s + ".0";
  }
  return s;
}

/** The text mpy-cross stores for an imaginary constant `imag`j. */
export function formatComplexConst(real: number, imag: number): string {
  if (real === 0) return formatRepr(imag) + "j";
  const im = formatRepr(imag);
  const sep = im.startsWith("-") ? "" : "+";
  return `(${formatRepr(real)}${sep}${im}j)`;
}

/** Value of an int converted to float as MicroPython on a 64-bit host does. */
export function intToFloat(v: bigint): number {
  // Host small ints convert directly; bigger ones digit by digit (32-bit digits).
  if (v >= -(1n << 62n) && v < (1n << 62n)) return Number(v);
  const neg = v < 0n;
  let a = neg ? -v : v;
  const digits: number[] = [];
  while (a > 0n) {
    digits.push(Number(a & 0xffffffffn));
    a >>= 32n;
  }
  let val = 0;
  for (let i = digits.length - 1; i >= 0; i--) {
    val = val * 4294967296 + digits[i];
  }
  return neg ? -val : val;
}
