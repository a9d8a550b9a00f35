/**
 * Float to text as MicroPython does it (`py/formatfloat.c`,
 * `mp_format_float`): `%e`/`%f`/`%g` with a precision, and `repr`, which
 * tries 16, then 17, 18, 19 significant digits (6 to 9 in single precision)
 * until the text parses back to the same float — not CPython's shortest
 * form (`repr(0.07)` is `0.07000000000000001`).
 *
 * Output is limited by the C buffer the caller passes (32 bytes for `%`
 * formatting): large precisions are cut and `%f` of huge values switches to
 * `%g`, as on the board.
 *
 * Double precision follows the exact variant (decimal mantissa computed in
 * `long double`, see `parse_num.ts`); single precision follows the
 * approximate variant (float arithmetic and a dichotomic search), which is
 * what a single-precision port such as the rp2040 builds.
 *
 * @module
 */

import {
  doubleMantissa,
  doublePow10,
  parseDecimal,
  singleDecimalExp,
} from "./parse_num.ts";

/** The precision value that asks for `repr` (`MP_FLOAT_REPR_PREC`). */
export const REPR_PREC = 99;

const FLAG_E = 0x01;
const FLAG_G = 0x02;
const FLAG_F = 0x04;
/** Set when the format letter is lower case (`'E' | 0x20` is `'e'`). */
const FLAG_LOWER = 0x20;

/** Limits of one precision: mantissa digits and minimal buffer. */
interface Precision {
  maxDigits: number;
  safeDigits: number;
  minBuf: number;
}

const DOUBLE: Precision = { maxDigits: 19, safeDigits: 16, minBuf: 7 };
const SINGLE: Precision = { maxDigits: 9, safeDigits: 6, minBuf: 6 };

/** What {@link formatFloat} needs besides the value. */
export interface FormatFloatOptions {
  /** `e`, `f`, `g` or upper case; anything else formats as `e`. */
  fmt: string;
  /** Digits (after the point for e/f, significant for g); negative: 6; {@link REPR_PREC}: repr. */
  prec: number;
  /** `'+'`, `' '` or `''`: what to print before a non-negative value. */
  sign: string;
  /** Size of the C buffer, including the terminating NUL. */
  bufSize: number;
  /** Single precision (the value must already be a single-precision float). */
  single: boolean;
}

/** `mp_format_float`: the text of `f` in the given format. */
export function formatFloat(f: number, options: FormatFloatOptions): string {
  let sign = options.sign;
  let bufSize = options.bufSize;
  if ((f < 0 || Object.is(f, -0)) && !Number.isNaN(f)) {
    f = -f;
    sign = "-";
  }
  if (sign !== "") bufSize--;
  const fmtCode = options.fmt.charCodeAt(0);
  const lower = fmtCode & 0x20;
  if (f === Infinity) return sign + (lower ? "inf" : "INF");
  if (Number.isNaN(f)) return sign + (lower ? "nan" : "NAN");
  return sign +
    (options.single
      ? formatSingle(f, fmtCode, options.prec, bufSize)
      : formatDouble(f, fmtCode, options.prec, bufSize));
}

/** The layout decisions shared by both precisions. */
interface Layout {
  flags: number;
  prec: number;
  e: number;
  maxExpZeros: number;
  maxDigits: number;
  leadZeros: number;
  trailZeros: number;
}

function layout(
  fmtCode: number,
  precIn: number,
  bufSize: number,
  p: Precision,
  e: number,
): Layout {
  let flags = fmtCode & 0x20;
  const lo = fmtCode | 0x20;
  if (lo === 0x66) flags |= FLAG_F;
  else if (lo === 0x67) flags |= FLAG_G;
  else flags |= FLAG_E;
  let prec = precIn < 0 ? 6 : precIn;
  let maxExpZeros = prec < bufSize - 3 ? prec : bufSize - 3;
  if (prec === REPR_PREC) {
    prec = p.maxDigits;
    maxExpZeros = 16;
  }
  if ((flags & FLAG_F) !== 0 && e > 0 && e + prec + 2 > bufSize) {
    flags ^= FLAG_F;
    flags |= FLAG_G;
    prec++;
  }
  let maxDigits = prec;
  let leadZeros = 0;
  let trailZeros = 0;
  if ((flags & FLAG_F) !== 0) {
    if (maxDigits > bufSize - 3) maxDigits = bufSize - 3;
    if (e < 0) {
      if (maxDigits > 2 && e < -2) {
        leadZeros = (-e < maxDigits ? -e : maxDigits) - 2;
        maxDigits -= leadZeros;
      } else {
        maxDigits++;
      }
    } else {
      maxDigits += e + 1;
    }
  } else if ((flags & FLAG_G) === 0 || maxDigits === 0) {
    maxDigits++;
  }
  if (maxDigits > p.maxDigits) {
    trailZeros = maxDigits - p.maxDigits;
    maxDigits = p.maxDigits;
  }
  const overhead = (flags & FLAG_F) !== 0 ? 3 : p.minBuf + 1;
  if (trailZeros > bufSize - maxDigits - overhead) {
    trailZeros = bufSize - maxDigits - overhead;
  }
  return { flags, prec, e, maxExpZeros, maxDigits, leadZeros, trailZeros };
}

/** Where the digits go for one attempt with `numDigits` digits. */
interface Attempt {
  prefix: string;
  decexp: number;
  dec: number;
}

function attempt(f: number, l: Layout, numDigits: number): Attempt {
  let prefix = "";
  let decexp: number;
  let dec = 0;
  if (f === 0) {
    decexp = 0;
  } else if ((l.flags & FLAG_F) !== 0) {
    decexp = numDigits - 1;
    if (l.e < 0) {
      if (l.leadZeros > 0) {
        prefix = "0." + "0".repeat(l.leadZeros);
        decexp += l.leadZeros + 1;
        dec = 255;
      }
    } else {
      decexp -= l.e;
      dec = l.e;
    }
  } else {
    decexp = numDigits - l.e - 1;
  }
  return { prefix, decexp, dec };
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** The unbiased binary exponent field of a double (`fp_expval`). */
function expvalDouble(f: number): number {
  F64[0] = f;
  return ((U32[1] >>> 20) & 0x7ff) - 1023;
}

/** `(double)10^n` as the port computes it, cached for −400 ≤ n < 400. */
const pow10Cache: number[] = new Array(800).fill(NaN);

function pow10Double(n: number): number {
  if (n < -400 || n >= 400) return doublePow10(n);
  let v = pow10Cache[n + 400];
  if (Number.isNaN(v)) {
    v = doublePow10(n);
    pow10Cache[n + 400] = v;
  }
  return v;
}

/** The decimal exponent of `f` (`floor(log10(f))` as the port finds it). */
function decimalExponent(
  f: number,
  guess: number,
  pow10: (n: number) => number,
): number {
  if (f === 0) return 0;
  let e = guess;
  const positive = f >= 1 ? 1 : 0;
  let uBase = pow10(e + positive);
  while ((f >= uBase ? 1 : 0) === positive) {
    e += positive ? 1 : -1;
    uBase = pow10(e + positive);
  }
  return e;
}

function formatDouble(
  f: number,
  fmtCode: number,
  prec: number,
  bufSize: number,
): string {
  if (prec === REPR_PREC) {
    // Integral values below 10^16 print exactly: skip the search.
    if (f < 1e16 && Number.isInteger(f)) return String(f);
    const fast = reprFast(f);
    if (fast !== undefined) return fast;
  }
  return searchDouble(f, fmtCode, prec, bufSize);
}

/**
 * The repr text of a non-negative finite double found by the board's own
 * search, without the exact shortcuts (so that tests can check them).
 */
export function reprBySearch(f: number): string {
  return searchDouble(f, 0x67, REPR_PREC, 32);
}

/** {@link formatDouble} the board's way: digits until the text reads back. */
function searchDouble(
  f: number,
  fmtCode: number,
  prec: number,
  bufSize: number,
): string {
  const e = decimalExponent(
    f,
    Math.trunc(expvalDouble(f) * 0.3010299956639812),
    pow10Double,
  );
  const l = layout(fmtCode, prec, bufSize, DOUBLE, e);
  let numDigits = l.maxDigits < DOUBLE.safeDigits
    ? l.maxDigits
    : DOUBLE.safeDigits;
  for (;;) {
    const a = attempt(f, l, numDigits);
    const extraZeros = l.trailZeros + (l.maxDigits - numDigits);
    const cap = 10n ** BigInt(numDigits);
    const mantissa = f === 0 ? 0n : doubleMantissa(f, a.decexp);
    const text = formatMantissa(mantissa, cap, a.prefix, {
      numDigits,
      maxExpZeros: l.maxExpZeros,
      trailingZeros: extraZeros,
      dec: a.dec,
      e: l.e,
      flags: l.flags,
    });
    if (numDigits < l.maxDigits) {
      const check = parseDecimal(text, 0, { single: false });
      if (check === null || check.value !== f) {
        numDigits++;
        continue;
      }
    }
    return text;
  }
}

/**
 * The repr digits of `f` (positive, finite) found with exact JavaScript
 * arithmetic instead of the emulated `long double`, or undefined when the
 * two could differ: when the mantissa is close to a rounding tie, or the
 * candidate text close to the midpoint between two doubles (where the
 * board's inexact conversion may go either way), or out of the range where
 * that inexactness is known to be tiny.
 */
function reprFast(f: number): string | undefined {
  if (!(f >= 1e-25 && f < 1e25)) return undefined;
  // 21 significant digits: 17 candidates and guard digits.
  const t = f.toExponential(20);
  const ePos = t.indexOf("e");
  const e = Number(t.slice(ePos + 1));
  if (!(pow10Double(e) <= f && f < pow10Double(e + 1))) return undefined;
  F64[0] = f;
  if ((U32[1] & 0xfffff) === 0 && U32[0] === 0) return undefined; // a power of two
  const exp2 = ((U32[1] >>> 20) & 0x7ff) - 1023;
  // Half an ulp of f in units of the 21st digit.
  const halfUlp = Math.pow(2, exp2 - 53) * Math.pow(10, 20 - e);
  const digits = t[0] + t.slice(2, ePos);
  for (let n = 16; n <= 17; n++) {
    const unit = n === 16 ? 100000 : 10000;
    const guard = Number(digits.slice(n));
    const half = unit / 2;
    if (Math.abs(guard - half) < (n === 16 ? 0.02 : 0.1) * half) {
      return undefined;
    }
    const up = guard >= half;
    // Distance from the candidate to the exact value, in 21st digits.
    const r = (up ? unit - guard : guard) / halfUlp;
    if (Math.abs(r - 1) < 0.02) return undefined;
    if (r < 1) {
      let mantissa = BigInt(digits.slice(0, n));
      if (up) mantissa++;
      return formatMantissa(mantissa, n === 16 ? CAP16 : CAP17, "", {
        numDigits: n,
        maxExpZeros: 16,
        trailingZeros: 19 - n,
        dec: 0,
        e,
        flags: FLAG_G | FLAG_LOWER,
      });
    }
  }
  return undefined;
}

const CAP16 = 10n ** 16n;
const CAP17 = 10n ** 17n;

const F32 = new Float32Array(1);
const U32F = new Uint32Array(F32.buffer);

function expvalSingle(f: number): number {
  F32[0] = f;
  return ((U32F[0] >>> 23) & 0xff) - 127;
}

const LOG10_2_SINGLE = Math.fround(0.3010299956639812);

function pow10Single(n: number): number {
  return singleDecimalExp(1, n);
}

function parseSingle(text: string): number {
  const r = parseDecimal(text, 0, { single: true });
  return r === null ? NaN : r.value;
}

function formatSingle(
  f: number,
  fmtCode: number,
  prec: number,
  bufSize: number,
): string {
  const e = decimalExponent(
    f,
    Math.trunc(Math.fround(expvalSingle(f) * LOG10_2_SINGLE)),
    pow10Single,
  );
  const l = layout(fmtCode, prec, bufSize, SINGLE, e);
  let numDigits = l.maxDigits < SINGLE.safeDigits
    ? l.maxDigits
    : SINGLE.safeDigits;
  for (;;) {
    const a = attempt(f, l, numDigits);
    const extraZeros = l.trailZeros + (l.maxDigits - numDigits);
    let cap = 10;
    for (let n = 1; n < numDigits; n++) cap *= 10;
    // Without a wider float, the last digits come from an integer multiply.
    let mantissa = 1;
    let decexp = a.decexp;
    if (numDigits > SINGLE.safeDigits && decexp > 1) {
      if (numDigits > SINGLE.safeDigits + 1 && decexp > 2) {
        mantissa = 100;
        decexp -= 2;
      } else {
        mantissa = 10;
        decexp -= 1;
      }
    }
    const mf = singleDecimalExp(f, decexp);
    mantissa = Math.imul(mantissa, toUint32(Math.fround(mf + 0.5))) >>> 0;
    const fm = (m: number): string =>
      formatMantissa(BigInt(m), BigInt(cap), a.prefix, {
        numDigits,
        maxExpZeros: l.maxExpZeros,
        trailingZeros: extraZeros,
        dec: a.dec,
        e: l.e,
        flags: l.flags,
      });
    let text = fm(mantissa);
    let diff = Math.fround(parseSingle(text) - f);
    if (diff === 0) return text;
    let bestDiff = diff;
    let bestMantissa = mantissa;
    let errRange = 1;
    if (numDigits > SINGLE.safeDigits) {
      errRange = (errRange << (3 * (numDigits - SINGLE.safeDigits))) >>> 0;
    }
    let runs = 3 + 3 * (SINGLE.maxDigits - SINGLE.safeDigits);
    let again = false;
    while (runs-- > 0) {
      if (diff < 0 || Object.is(diff, -0)) {
        mantissa = (mantissa + errRange) >>> 0;
      } else {
        mantissa = (mantissa - errRange) >>> 0;
      }
      text = fm(mantissa);
      diff = Math.fround(parseSingle(text) - f);
      if (diff === 0) break;
      const delta = Math.fround(Math.abs(diff) - Math.abs(bestDiff));
      if (
        delta < 0 || Object.is(delta, -0) ||
        (delta === 0 && mantissa % 10 === 0)
      ) {
        bestDiff = diff;
        bestMantissa = mantissa;
      }
      if (errRange > 1) {
        errRange >>>= 1;
      } else {
        if (numDigits < l.maxDigits) {
          numDigits++;
          again = true;
          break;
        }
        if (mantissa !== bestMantissa) text = fm(bestMantissa);
        break;
      }
    }
    if (again) continue;
    return text;
  }
}

function toUint32(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 4294967296) return 0xffffffff;
  return Math.trunc(v);
}

/** The layout of one rendering of a decimal mantissa. */
interface MantissaLayout {
  numDigits: number;
  maxExpZeros: number;
  trailingZeros: number;
  dec: number;
  e: number;
  flags: number;
}

/** Renders a decimal mantissa by the format's rules (`mp_format_mantissa`). */
function formatMantissa(
  mantissaIn: bigint,
  cap: bigint,
  prefixIn: string,
  lay: MantissaLayout,
): string {
  let mantissa = mantissaIn;
  let prefix = prefixIn;
  let { numDigits, trailingZeros, dec, e } = lay;
  const flags = lay.flags;
  if (mantissa !== 0n && mantissa >= cap) {
    if ((flags & FLAG_F) !== 0) {
      numDigits++;
      dec++;
    } else {
      mantissa /= 10n;
      e++;
    }
  }
  if ((flags & FLAG_G) !== 0 && e !== 0) {
    if (e >= 0) {
      if (e < lay.maxExpZeros) {
        dec += e;
        if (dec >= numDigits) trailingZeros = dec - (numDigits - 1);
        e = 0;
      }
    } else if (e >= -4) {
      let cnt = 0;
      while (e < 0 && mantissa % 10n === 0n) {
        mantissa /= 10n;
        cnt++;
        e++;
      }
      numDigits -= cnt;
      const zeros = cnt - e - 1;
      prefix += "0." + (zeros > 0 ? "0".repeat(zeros) : "");
      dec = 255;
      e = 0;
    }
  }
  let digits = numDigits > 0 ? mantissa.toString() : "";
  if (digits.length < numDigits) {
    digits = "0".repeat(numDigits - digits.length) + digits;
  } else if (digits.length > numDigits) {
    digits = digits.slice(digits.length - numDigits);
  }
  let dot = dec >= 255;
  let s = prefix;
  if (dec + 1 < numDigits) {
    dot = true;
    s += digits.slice(0, dec + 1) + "." + digits.slice(dec + 1);
  } else {
    s += digits;
  }
  if (trailingZeros > 0) {
    dec -= numDigits - 1;
    while (trailingZeros-- > 0) {
      if (dec-- === 0) {
        s += ".";
        dot = true;
      }
      s += "0";
    }
  }
  if ((flags & FLAG_G) !== 0 && dot) {
    let end = s.length;
    while (end > 0 && s.charCodeAt(end - 1) === 0x30) end--;
    if (end > 0 && s.charCodeAt(end - 1) === 0x2e) end--;
    s = s.slice(0, end);
  }
  if ((e !== 0 || (flags & FLAG_E) !== 0) && (flags & FLAG_F) === 0) {
    s += (flags & FLAG_LOWER) !== 0 ? "e" : "E";
    if (e >= 0) {
      s += "+";
    } else {
      s += "-";
      e = -e;
    }
    if (e >= 100) s += String(Math.floor(e / 100));
    s += String(Math.floor(e / 10) % 10) + String(e % 10);
  }
  return s;
}

/**
 * `repr()`/`str()` of a float: the repr digits, with `.0` added when the
 * text has neither a point nor an exponent (`1.0`, `1e+16`, `inf`).
 */
export function floatRepr(f: number, options: { single: boolean }): string {
  const s = formatFloat(f, {
    fmt: "g",
    prec: REPR_PREC,
    sign: "",
    bufSize: 32,
    single: options.single,
  });
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2e || c === 0x65 || c === 0x6e) return s;
  }
  return s + ".0";
}
