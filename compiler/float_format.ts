/**
 * Float literals and float constant text exactly as mpy-cross produces them.
 *
 * mpy-cross (x86-64) parses decimal literals and prints float constants with
 * MicroPython's own routines (`py/parsenum.c`, `py/formatfloat.c`), which
 * compute in 80-bit `long double`. This module emulates that arithmetic
 * (64-bit significand, round to nearest even) with bigints, so that literal
 * values and `.mpy` float text are bit-for-bit those of mpy-cross.
 *
 * @module
 */

/** An x87 extended-precision value: `m * 2^e`, `m` normalised to 64 bits. */
interface Ext {
  readonly neg: boolean;
  /** 0 for zero, else in [2^63, 2^64). */
  readonly m: bigint;
  readonly e: number;
  /** Infinity (m and e unused). */
  readonly inf: boolean;
}

const TWO64 = 1n << 64n;
const TWO63 = 1n << 63n;
const EXT_MAX_EXP = 16383; // largest binary exponent of a finite value
const EXT_MIN_EXP = -16445; // values below flush to zero

const ZERO: Ext = { neg: false, m: 0n, e: 0, inf: false };
const INF: Ext = { neg: false, m: 0n, e: 0, inf: true };

function bitLength(v: bigint): number {
  if (v === 0n) return 0;
  const d = Number(v);
  if (d === Infinity) return v.toString(2).length;
  // The double may have rounded up to the next power of two: check.
  let n = Math.floor(Math.log2(d)) + 1;
  if (v >> BigInt(n - 1) === 0n) n--;
  else if (v >> BigInt(n) !== 0n) n++;
  return n;
}

/** Rounds `m * 2^e` (plus a sticky bit below m) to a 64-bit significand. */
function makeExt(neg: boolean, m: bigint, e: number, sticky: boolean): Ext {
  if (m === 0n) return neg ? { ...ZERO, neg: true } : ZERO;
  const len = bitLength(m);
  if (len <= 64) {
    // Exact; a sticky remainder is below half an ulp and rounds away.
    const shift = 64 - len;
    m <<= BigInt(shift);
    e -= shift;
  } else {
    const shift = BigInt(len - 64);
    const rem = m & ((1n << shift) - 1n);
    let q = m >> shift;
    const half = 1n << (shift - 1n);
    e += len - 64;
    if (rem > half || (rem === half && (sticky || (q & 1n) === 1n))) {
      q += 1n;
      if (q === TWO64) {
        q = TWO63;
        e += 1;
      }
    }
    m = q;
  }
  if (e + 63 > EXT_MAX_EXP) return neg ? { ...INF, neg: true } : INF;
  if (e + 63 < EXT_MIN_EXP) return neg ? { ...ZERO, neg: true } : ZERO;
  return { neg, m, e, inf: false };
}

function extFromUint(v: bigint): Ext {
  return makeExt(false, v, 0, false);
}

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

function extFromDouble(d: number): Ext {
  if (d === Infinity) return INF;
  if (d === -Infinity) return { ...INF, neg: true };
  F64[0] = d;
  const bits = U64[0];
  const neg = (bits >> 63n) === 1n;
  const bexp = Number((bits >> 52n) & 0x7ffn);
  let frac = bits & ((1n << 52n) - 1n);
  if (bexp === 0) {
    if (frac === 0n) return neg ? { ...ZERO, neg: true } : ZERO;
    return makeExt(neg, frac, -1074, false);
  }
  frac |= 1n << 52n;
  return makeExt(neg, frac, bexp - 1075, false);
}

function extMul(a: Ext, b: Ext): Ext {
  const neg = a.neg !== b.neg;
  if (a.inf || b.inf) {
    if ((a.inf && b.m === 0n && !b.inf) || (b.inf && a.m === 0n && !a.inf)) {
      return { ...INF, neg }; // 0 * inf does not occur in these routines
    }
    return { ...INF, neg };
  }
  if (a.m === 0n || b.m === 0n) return { ...ZERO, neg };
  return makeExt(neg, a.m * b.m, a.e + b.e, false);
}

function extDiv(a: Ext, b: Ext): Ext {
  const neg = a.neg !== b.neg;
  if (a.inf) return { ...INF, neg };
  if (b.inf) return { ...ZERO, neg };
  if (a.m === 0n) return { ...ZERO, neg };
  // 66 extra bits of quotient give the guard bits; the remainder is sticky.
  const num = a.m << 66n;
  const q = num / b.m;
  const rem = num - q * b.m;
  return makeExt(neg, q, a.e - b.e - 66, rem !== 0n);
}

/** Sum of two non-negative finite values. */
function extAdd(a: Ext, b: Ext): Ext {
  if (a.inf || b.inf) return INF;
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  // Align with enough room; the exponents differ by little in practice.
  const diff = Math.max(a.e, b.e) - e;
  if (diff > 200) {
    // The smaller operand only contributes a sticky bit.
    const big = a.e > b.e ? a : b;
    return makeExt(false, big.m << 2n, big.e - 2, true);
  }
  const sum = (a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e));
  return makeExt(false, sum, e, false);
}

/** Rounds an extended value to the nearest double. */
function extToDouble(a: Ext): number {
  if (a.inf) return a.neg ? -Infinity : Infinity;
  if (a.m === 0n) return a.neg ? -0 : 0;
  const top = a.e + 63; // value in [2^top, 2^(top+1))
  if (top > 1023) return a.neg ? -Infinity : Infinity;
  const ulpExp = Math.max(top - 52, -1074);
  const shift = ulpExp - a.e; // >= 11
  let q: bigint;
  if (shift >= 130) {
    q = 0n;
  } else {
    const s = BigInt(shift);
    q = a.m >> s;
    const rem = a.m & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  const v = Number(q) * Math.pow(2, ulpExp);
  return a.neg ? -v : v;
}

/** Truncates a non-negative extended value to an integer. */
function extToUintTrunc(a: Ext): bigint {
  if (a.m === 0n) return 0n;
  if (a.e >= 0) return a.m << BigInt(a.e);
  if (a.e <= -64) return 0n;
  return a.m >> BigInt(-a.e);
}

const TEN = extFromUint(10n);
const ONE = extFromUint(1n);
const HALF = makeExt(false, 1n, -1, false);

/** `num * 10^decExp` computed by binary powering in extended precision. */
function decimalExp(num: Ext, decExp: number): Ext {
  if (decExp === 0 || num.m === 0n && !num.inf) return num;
  const negExp = decExp < 0;
  if (negExp) decExp = -decExp;
  let res = num;
  let expo = TEN;
  while (decExp) {
    if (decExp & 1) res = negExp ? extDiv(res, expo) : extMul(res, expo);
    decExp = Math.floor(decExp / 2);
    if (decExp) expo = extMul(expo, expo);
  }
  return res;
}

const MANTISSA_MAX = 0x1999999999999998n;
const INT_MAX_HALF_LIMIT = Math.floor((0x3fffffff - 9) / 10);

const enum In {
  Intg,
  Frac,
  Exp,
}

/**
 * MicroPython's unsigned decimal parser: returns the value and the number of
 * bytes consumed, or null when an exponent has no digits.
 */
function parseDecimal(
  s: string,
  start: number,
): { value: number; end: number } | null {
  let i = start;
  const top = s.length;
  let state = In.Intg;
  let expNeg = false;
  // The mantissa: a number while it is below 2^53 (exact), then a bigint.
  let small = 0;
  let big: bigint | null = null;
  let expVal = 0;
  let expExtra = 0;
  let zerosIntg = 0;
  let zerosFrac = 0;
  const atMax = (): boolean => big !== null && big >= MANTISSA_MAX;
  const accept = (dig: number, where: In): void => {
    if (big === null) {
      if (small < SMALL_MANTISSA_LIMIT) {
        if (where === In.Frac) expExtra--;
        small = small * 10 + dig;
        return;
      }
      big = BigInt(small);
    }
    if (big < MANTISSA_MAX) {
      if (where === In.Frac) expExtra--;
      big = big * 10n + BigInt(dig);
    } else if (where === In.Intg) {
      expExtra++;
    }
  };
  while (i < top) {
    const c = s.charCodeAt(i++);
    if (c >= 0x30 && c <= 0x39) {
      const dig = c - 0x30;
      if (state === In.Exp) {
        if (expVal < INT_MAX_HALF_LIMIT) expVal = 10 * expVal + dig;
      } else if (dig === 0 || atMax()) {
        if (state === In.Intg) zerosIntg++;
        else zerosFrac++;
      } else {
        while (zerosIntg) {
          accept(0, In.Intg);
          zerosIntg--;
        }
        while (zerosFrac) {
          accept(0, In.Frac);
          zerosFrac--;
        }
        accept(dig, state);
      }
    } else if (state === In.Intg && c === 0x2e) {
      state = In.Frac;
    } else if (state !== In.Exp && (c | 0x20) === 0x65) {
      state = In.Exp;
      if (i < top) {
        if (s.charCodeAt(i) === 0x2b) i++;
        else if (s.charCodeAt(i) === 0x2d) {
          i++;
          expNeg = true;
        }
      }
      if (i === top) return null;
    } else if (c === 0x5f) {
      continue;
    } else {
      i--;
      break;
    }
  }
  if (expNeg) expVal = -expVal;
  expVal += expExtra + zerosIntg;
  if (big === null) {
    const value = exactDecimal(small, expVal);
    if (value >= 0) return { value, end: i };
    big = BigInt(small);
  }
  return {
    value: extToDouble(decimalExp(extFromUint(big), expVal)),
    end: i,
  };
}

// Mantissas below this take another digit without reaching 2^53.
const SMALL_MANTISSA_LIMIT = Math.floor((2 ** 53 - 9) / 10);
const TWO_53 = 2 ** 53;

/**
 * `m * 10^e` for a mantissa below 2^53 where the double is sure to be what
 * the extended-precision computation rounds to, else -1: an exact integer
 * product, or one division by 10 or 100, whose single extended rounding
 * lies too far from any halfway point between doubles to change the final
 * rounding (a quotient m / 10^k with m below 2^53 is at least 2^-53 / 10^k
 * of its magnitude away from such a point, far more than 2^-64).
 */
function exactDecimal(m: number, e: number): number {
  if (e === 0) return m;
  if (e > 0) {
    if (e > 15) return -1;
    const p = m * 10 ** e;
    return p < TWO_53 ? p : -1;
  }
  if (e === -1) return m / 10;
  if (e === -2) return m / 100;
  return -1;
}

// The extended-precision arithmetic is slow (bigints) and programs repeat
// their literals (0.5, 1.0…): results are remembered, up to a bound.
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
    const r = parseDecimal(text, 0);
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

function biasedExp(f: number): number {
  F64[0] = f;
  return Number((U64[0] >> 52n) & 0x7ffn) - 1023;
}

const MAX_EXP_ZEROS = 16;

/** The 'g'-style rendering of a decimal mantissa (`mp_format_mantissa`). */
function formatMantissa(
  mantissaIn: bigint,
  cap: bigint,
  numDigitsIn: number,
  trailingIn: number,
  eIn: number,
): string {
  let mantissa = mantissaIn;
  let numDigits = numDigitsIn;
  let trailing = trailingIn;
  let e = eIn;
  let dec = 0;
  let prefix = "";
  if (mantissa !== 0n && mantissa >= cap) {
    mantissa /= 10n;
    e++;
  }
  if (e !== 0) {
    if (e >= 0) {
      if (e < MAX_EXP_ZEROS) {
        dec += e;
        if (dec >= numDigits) trailing = dec - (numDigits - 1);
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
      prefix = "0." + "0".repeat(Math.max(0, cnt - e - 1));
      dec = 255;
      e = 0;
    }
  }
  let digits = mantissa.toString();
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
  if (trailing) {
    dec -= numDigits - 1;
    while (trailing--) {
      if (dec === 0) {
        s += ".";
        dot = true;
      }
      dec--;
      s += "0";
    }
  }
  if (dot) {
    let end = s.length;
    while (end > 0 && s.charCodeAt(end - 1) === 0x30) end--;
    if (end > 0 && s.charCodeAt(end - 1) === 0x2e) end--;
    s = s.slice(0, end);
  }
  if (e !== 0) {
    s += "e";
    if (e >= 0) s += "+";
    else {
      s += "-";
      e = -e;
    }
    if (e >= 100) s += String(Math.floor(e / 100));
    s += String(Math.floor(e / 10) % 10) + String(e % 10);
  }
  return s;
}

const MAX_MANTISSA_DIGITS = 19;
const SAFE_MANTISSA_DIGITS = 16;

/** MicroPython's shortest-that-round-trips 'g' text of a finite or special double. */
function formatRepr(f: number): string {
  // The map cannot tell -0 from 0.
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  let s = reprCache.get(f);
  if (s === undefined) {
    if (reprCache.size >= CACHE_LIMIT) reprCache.clear();
    s = computeRepr(f);
    reprCache.set(f, s);
  }
  return s;
}

function computeRepr(f0: number): string {
  let sign = "";
  let f = f0;
  if (Object.is(f, -0) || f < 0) {
    f = -f;
    sign = "-";
  }
  const short = shortRepr(f);
  return short !== null ? sign + short : sign + extendedRepr(f);
}

const U32 = new Uint32Array(F64.buffer);
// Index of the high word of a double in U32 (the host's byte order).
const HI = (() => {
  F64[0] = 1;
  return U32[1] === 0x3ff00000 ? 1 : 0;
})();
const CAP16 = 10n ** 16n;

/**
 * The repr of a positive double whose exact decimal value has at most 16
 * significant digits and lies in [1e-16, 1e16), or null. For these the
 * extended-precision steps of {@link extendedRepr} are all exact (every
 * product stays within 64 bits), so its 16-digit mantissa is the exact
 * decimal digits, which read back as the same double: the text follows
 * from the digits alone.
 */
function shortRepr(f: number): string | null {
  if (!(f >= 1e-16 && f < 1e16)) return null;
  F64[0] = f;
  const hi = U32[HI];
  const lo = U32[1 - HI];
  const bexp = (hi >>> 20) & 0x7ff;
  // Binary exponent of the lowest set bit of the significand.
  let low: number;
  if (lo !== 0) {
    low = 31 - Math.clz32(lo & -lo);
  } else {
    const h = (hi & 0xfffff) | 0x100000;
    low = 63 - Math.clz32(h & -h);
  }
  const fracBits = 1075 - bexp - low;
  if (fracBits > 60) return null;
  // Exact: toFixed renders the exact value with that many decimals.
  const text = f.toFixed(fracBits > 0 ? fracBits : 0);
  const dot = text.indexOf(".");
  const intLen = dot < 0 ? text.length : dot;
  const digits = dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1);
  let first = 0;
  while (digits.charCodeAt(first) === 0x30) first++;
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === 0x30) end--;
  const n = end - first;
  if (n > SAFE_MANTISSA_DIGITS) return null;
  const e = intLen - 1 - first;
  if (e < -16 || e > 15) return null;
  const mantissa = BigInt(
    digits.slice(first, end) + "0".repeat(SAFE_MANTISSA_DIGITS - n),
  );
  return formatMantissa(
    mantissa,
    CAP16,
    SAFE_MANTISSA_DIGITS,
    MAX_MANTISSA_DIGITS - SAFE_MANTISSA_DIGITS,
    e,
  );
}

/**
 * The repr of a non-negative double computed as MicroPython does, in
 * extended precision (without the shortcut of {@link shortRepr}).
 */
export function extendedRepr(f: number): string {
  if (f === Infinity) return "inf";
  if (Number.isNaN(f)) return "nan";
  let e = 0;
  if (f !== 0) {
    e = Math.trunc(biasedExp(f) * 0.3010299956639812);
    const positive = f >= 1 ? 1 : 0;
    let uBase = extToDouble(decimalExp(ONE, e + positive));
    while ((f >= uBase ? 1 : 0) === positive) {
      e += positive ? 1 : -1;
      uBase = extToDouble(decimalExp(ONE, e + positive));
    }
  }
  const maxDigits = MAX_MANTISSA_DIGITS;
  let numDigits = SAFE_MANTISSA_DIGITS;
  for (;;) {
    const extraZeros = maxDigits - numDigits;
    const decexp = f === 0 ? 0 : numDigits - e - 1;
    const cap = 10n ** BigInt(numDigits);
    const mf = decimalExp(extFromDouble(f), decexp);
    const mantissa = extToUintTrunc(extAdd(mf, HALF));
    const text = formatMantissa(mantissa, cap, numDigits, extraZeros, e);
    if (numDigits < maxDigits) {
      const check = parseDecimal(text, 0);
      if (check === null || check.value !== f) {
        numDigits++;
        continue;
      }
    }
    return text;
  }
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
