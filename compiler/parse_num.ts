/**
 * Parsing numbers from text as MicroPython does (`py/parsenum.c`): `int()`
 * with bases, prefixes and underscores, and `float()`/`complex()` with the
 * port's own decimal conversion.
 *
 * A double-precision port (x86-64 unix, the reference) converts decimals
 * with 80-bit `long double` arithmetic: a 64-bit integer mantissa scaled by
 * powers of ten built by repeated squaring, then rounded to a double. The
 * result is not always the correctly rounded one, and `repr` relies on the
 * same routine to check its output, so both are emulated here bit for bit
 * ({@link Ext}). A single-precision board (rp2040) uses `float` arithmetic
 * throughout (`MICROPY_FLOAT_FORMAT_IMPL_APPROX`), emulated with
 * `Math.fround`.
 *
 * @module
 */

// ---------------------------------------------------------------------------
// Extended precision (`long double`)

/** Significand bits of the emulated `long double`: 64 (x87); 113 for binary128. */
let extBits = 64;
let extOne = 1n << 63n;

/**
 * Selects the significand width of the emulated `long double`: 64 bits as on
 * x86 (the default, what the reference port uses) or 113 bits as on ports
 * whose `long double` is IEEE binary128 (the webassembly build).
 */
export function setLongDoubleBits(bits: 64 | 113): void {
  extBits = bits;
  extOne = 1n << BigInt(bits - 1);
  powChain.length = 0;
}

/** Largest and smallest binary exponents of a normal `long double`. */
const EXT_MAX_EXP = 16383;
const EXT_MIN_EXP = -16382;

/**
 * A non-negative `long double`: `m * 2^e` with `m` holding exactly
 * `extBits` bits, or zero (`m === 0n`), or infinity (`e === Infinity`).
 */
interface Ext {
  m: bigint;
  e: number;
}

const EXT_ZERO: Ext = { m: 0n, e: 0 };
const EXT_INF: Ext = { m: 0n, e: Infinity };

function bitLength(v: bigint): number {
  const hex = v.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** Rounds `m * 2^e` (plus a sticky remainder below `m`) to a `long double`. */
function extRound(m: bigint, e: number, sticky: boolean): Ext {
  if (m === 0n) return EXT_ZERO;
  const len = bitLength(m);
  let shift = len - extBits;
  // Values below the normal range keep fewer bits (gradual underflow).
  const top = e + len - 1;
  if (top < EXT_MIN_EXP) shift += EXT_MIN_EXP - top;
  if (shift <= 0) {
    m <<= BigInt(-shift);
    e += shift;
  } else {
    const s = BigInt(shift);
    const rem = m & ((1n << s) - 1n);
    let q = m >> s;
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (sticky || (q & 1n) === 1n))) q++;
    m = q;
    e += shift;
    if (m === 0n) return EXT_ZERO;
    // Renormalise (a carry out of the top, or a subnormal result).
    const l2 = bitLength(m);
    if (l2 > extBits) {
      m >>= 1n;
      e++;
    } else if (l2 < extBits) {
      const d = BigInt(extBits - l2);
      m <<= d;
      e -= Number(d);
    }
  }
  if (e + extBits - 1 > EXT_MAX_EXP) return EXT_INF;
  return { m, e };
}

function extFromUint(v: bigint): Ext {
  return extRound(v, 0, false);
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** The exact `long double` of a non-negative double. */
function extFromDouble(d: number): Ext {
  if (d === Infinity) return EXT_INF;
  if (d === 0) return EXT_ZERO;
  F64[0] = d;
  const hi = U32[1];
  const lo = U32[0];
  const bexp = (hi >>> 20) & 0x7ff;
  let frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (bexp === 0) return extRound(frac, -1074, false);
  frac |= 1n << 52n;
  return extRound(frac, bexp - 1075, false);
}

function extMul(a: Ext, b: Ext): Ext {
  if (a.e === Infinity || b.e === Infinity) return EXT_INF;
  if (a.m === 0n || b.m === 0n) return EXT_ZERO;
  return extRound(a.m * b.m, a.e + b.e, false);
}

function extDiv(a: Ext, b: Ext): Ext {
  if (a.e === Infinity) return EXT_INF;
  if (b.e === Infinity || a.m === 0n) return EXT_ZERO;
  const shift = BigInt(extBits + 2);
  const num = a.m << shift;
  const q = num / b.m;
  return extRound(q, a.e - b.e - Number(shift), q * b.m !== num);
}

function extAdd(a: Ext, b: Ext): Ext {
  if (a.e === Infinity || b.e === Infinity) return EXT_INF;
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const big = a.e >= b.e ? a : b;
  const small = big === a ? b : a;
  const diff = big.e - small.e;
  if (diff > extBits + 4) {
    // The small operand only breaks ties.
    return extRound(big.m << 3n, big.e - 3, true);
  }
  return extRound((big.m << BigInt(diff)) + small.m, small.e, false);
}

/** The `long double` converted to double (round to nearest even). */
function extToDouble(a: Ext): number {
  if (a.e === Infinity) return Infinity;
  if (a.m === 0n) return 0;
  const top = a.e + extBits - 1;
  if (top > 1023) return Infinity;
  // Bits kept: 53, fewer for subnormal doubles.
  const ulpExp = top - 52 < -1074 ? -1074 : top - 52;
  const shift = ulpExp - a.e;
  let q: bigint;
  if (shift <= 0) {
    q = a.m << BigInt(-shift);
  } else if (shift > extBits + 1) {
    return 0;
  } else {
    const s = BigInt(shift);
    q = a.m >> s;
    const rem = a.m & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
  }
  return Number(q) * Math.pow(2, ulpExp);
}

/** Truncates a `long double` to an unsigned 64-bit integer. */
function extToUint(a: Ext): bigint {
  if (a.m === 0n) return 0n;
  if (a.e >= 0) return (a.m << BigInt(a.e)) & 0xffffffffffffffffn;
  if (a.e <= -extBits) return 0n;
  return a.m >> BigInt(-a.e);
}

/** `10^(2^i)` as the port's repeated squaring computes them. */
const powChain: Ext[] = [];

function chainPow(i: number): Ext {
  while (powChain.length <= i) {
    const n = powChain.length;
    powChain.push(
      n === 0 ? extFromUint(10n) : extMul(powChain[n - 1], powChain[n - 1]),
    );
  }
  return powChain[i];
}

/** `num * 10^decExp` in `long double` (`mp_decimal_exp`, exact variant). */
function extDecimalExp(num: Ext, decExp: number): Ext {
  if (decExp === 0 || num.m === 0n && num.e !== Infinity) return num;
  const neg = decExp < 0;
  let k = neg ? -decExp : decExp;
  let res = num;
  for (let i = 0; k !== 0; i++, k = Math.floor(k / 2)) {
    if (k % 2 === 1) {
      res = neg ? extDiv(res, chainPow(i)) : extMul(res, chainPow(i));
    }
  }
  return res;
}

const EXT_HALF = (): Ext => ({ m: extOne, e: -extBits });

/**
 * `(uint64)(f * 10^decExp + 0.5)` in `long double`: the decimal mantissa
 * that `mp_format_float` starts from on a double-precision port.
 */
export function doubleMantissa(f: number, decExp: number): bigint {
  const x = extDecimalExp(extFromDouble(f), decExp);
  return extToUint(extAdd(x, EXT_HALF()));
}

/** `(double)(10^n)` computed as the port computes it. */
export function doublePow10(n: number): number {
  return extToDouble(extDecimalExp(extFromUint(1n), n));
}

// ---------------------------------------------------------------------------
// Single precision (`float`, approximate variant)

const F32 = new Float32Array(1);
const U32F = new Uint32Array(F32.buffer);

/** 5^n rounded to single precision (what `powf(5, n)` returns). */
function pow5f(n: number): number {
  if (n >= 0) {
    if (n > 60) return Infinity;
    return roundRatioToSingle(5n ** BigInt(n), 1n);
  }
  if (n < -70) return 0;
  return roundRatioToSingle(1n, 5n ** BigInt(-n));
}

/** `num / den` (both positive) rounded to the nearest single-precision value. */
function roundRatioToSingle(num: bigint, den: bigint): number {
  // Scale to a quotient of at least 26 bits, then round once.
  let e = 0;
  let n = num;
  let d = den;
  const want = 27;
  const ln = bitLength(n);
  const ld = bitLength(d);
  const shift = want - (ln - ld);
  if (shift > 0) n <<= BigInt(shift);
  else d <<= BigInt(-shift);
  e -= shift;
  const q = n / d;
  const sticky = q * d !== n;
  // q has 27 or 28 bits: keep 24 (fewer for subnormals).
  const lq = bitLength(q);
  let top = e + lq - 1;
  let keep = 24;
  if (top < -126) keep -= -126 - top;
  if (keep <= 0) return 0;
  const drop = BigInt(lq - keep);
  let r = q >> drop;
  const rem = q & ((1n << drop) - 1n);
  const half = 1n << (drop - 1n);
  if (rem > half || (rem === half && (sticky || (r & 1n) === 1n))) r++;
  top = e + Number(drop);
  const v = Number(r) * Math.pow(2, top);
  return Math.fround(v);
}

/** `num * 10^decExp` in single precision (`mp_decimal_exp`, approximate variant). */
export function singleDecimalExp(num: number, decExp: number): number {
  if (decExp === 0 || num === 0) return num;
  F32[0] = num;
  let bits = U32F[0];
  // Multiply by 2^decExp through the exponent field (it wraps like the C bitfield).
  const exp = ((bits >>> 23) + decExp) & 0xff;
  bits = (bits & 0x807fffff) | (exp << 23);
  U32F[0] = bits;
  const scaled = F32[0];
  if (decExp < 0 && decExp >= -10) {
    return Math.fround(scaled / pow5f(-decExp));
  }
  return Math.fround(scaled * pow5f(decExp));
}

// ---------------------------------------------------------------------------
// Decimal text to float (`mp_parse_float_internal`)

const enum In {
  Intg = 0,
  Frac = 1,
  Exp = 2,
}

/** `(INT_MAX / 2 - 9) / 10` of a C int. */
const EXP_LIMIT = Math.floor((Math.floor(0x7fffffff / 2) - 9) / 10);

/** Result of {@link parseDecimal}: the value and where parsing stopped. */
export interface ParsedDecimal {
  value: number;
  end: number;
}

/**
 * Parses an unsigned decimal (digits, `.`, exponent, underscores) starting
 * at `start` of `s` as the port does, in double or single precision; null
 * when an exponent marker has no digits after it.
 */
export function parseDecimal(
  s: string,
  start: number,
  options: { single: boolean },
): ParsedDecimal | null {
  const single = options.single;
  const mantissaMax = single ? 0x19999998 : 0x1999999999999998n;
  let i = start;
  const top = s.length;
  let state = In.Intg;
  let expNeg = false;
  // The mantissa as a number while it is exact, as a bigint beyond.
  let mant = 0;
  let mantBig = 0n;
  let big = false;
  let expVal = 0;
  let expExtra = 0;
  let zerosIntg = 0;
  let zerosFrac = 0;
  const accept = (dig: number, where: In): void => {
    const below = single
      ? mant < (mantissaMax as number)
      : big
      ? mantBig < (mantissaMax as bigint)
      : true;
    if (below) {
      if (where === In.Frac) expExtra--;
      if (big) {
        mantBig = mantBig * 10n + BigInt(dig);
      } else {
        mant = mant * 10 + dig;
        if (!single && mant > 0x1fffffffffffff / 10 - 10) {
          big = true;
          mantBig = BigInt(mant);
        }
      }
    } else if (where === In.Intg) {
      expExtra++;
    }
  };
  const atMax = (): boolean =>
    single
      ? mant >= (mantissaMax as number)
      : big && mantBig >= (mantissaMax as bigint);
  while (i < top) {
    const c = s.charCodeAt(i++);
    if (c >= 0x30 && c <= 0x39) {
      const dig = c - 0x30;
      if (state === In.Exp) {
        if (expVal < EXP_LIMIT) expVal = 10 * expVal + dig;
      } else if (dig === 0 || atMax()) {
        if (state === In.Intg) zerosIntg++;
        else zerosFrac++;
      } else {
        while (zerosIntg > 0) {
          accept(0, In.Intg);
          zerosIntg--;
        }
        while (zerosFrac > 0) {
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
        const n = s.charCodeAt(i);
        if (n === 0x2b) i++;
        else if (n === 0x2d) {
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
  let value: number;
  if (single) {
    value = singleDecimalExp(Math.fround(mant), expVal);
  } else if (!big && expVal === 0) {
    value = mant;
  } else {
    const m = big ? mantBig : BigInt(mant);
    value = extToDouble(extDecimalExp(extFromUint(m), expVal));
  }
  return { value, end: i };
}

/** The whitespace MicroPython skips around numbers (`unichar_isspace`). */
export function isSpaceCode(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The index of the first character of `s` at or after `i` that is not a space. */
function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** A parsed `float()`/`complex()` argument: real and imaginary parts. */
export interface ParsedNumber {
  real: number;
  imag: number;
  /** True when the text had an imaginary part (or `forceComplex` was set). */
  complex: boolean;
}

/**
 * `mp_parse_num_decimal`: parses a float (or, with `allowImag`, an
 * imaginary literal; with `forceComplex`, a `complex()` argument such as
 * `1+2j`). Returns null when the text is not a valid number (the caller
 * raises "invalid syntax for number").
 */
export function parseNumDecimal(
  s: string,
  options: { allowImag: boolean; forceComplex: boolean; single: boolean },
): ParsedNumber | null {
  const top = s.length;
  let i = 0;
  let state = 0; // bit 1: have real; bit 2: have imag
  let real = 0;
  let value = 0;
  for (;;) {
    i = skipSpaces(s, i);
    const neg = s.charCodeAt(i) === 0x2d;
    if (neg || s.charCodeAt(i) === 0x2b) i++;
    const valStart = i;
    const lower3 = i + 2 < top ? s.slice(i, i + 3).toLowerCase() : "";
    if (lower3 === "inf") {
      i += 3;
      value = Infinity;
      if (i + 4 < top && s.slice(i, i + 5).toLowerCase() === "inity") i += 5;
    } else if (lower3 === "nan") {
      i += 3;
      value = NaN;
    } else {
      const r = parseDecimal(s, i, { single: options.single });
      if (r === null) return null;
      value = r.value;
      i = r.end;
    }
    if (options.allowImag && i < top && (s.charCodeAt(i) | 0x20) === 0x6a) {
      if (i === valStart) value = 1;
      i++;
      state |= 2;
    }
    if (neg) value = -value;
    if (i === valStart) return null;
    i = skipSpaces(s, i);
    if (i !== top) {
      if (options.forceComplex && state === 0) {
        real = value;
        value = 0;
        state |= 1;
        continue;
      }
      return null;
    }
    break;
  }
  if (state === 1) return null;
  if (state !== 0) return { real, imag: value, complex: true };
  if (options.forceComplex) return { real: value, imag: 0, complex: true };
  return { real: value, imag: 0, complex: false };
}

// ---------------------------------------------------------------------------
// Integers (`mp_parse_num_integer`)

/** Length of a base prefix at `start` (`mp_parse_num_base`); updates `base`. */
function parseBasePrefix(
  s: string,
  start: number,
  base: number,
): { skip: number; base: number } {
  const len = s.length - start;
  let skip = 0;
  if (len > 1) {
    const c = s.charCodeAt(start);
    const c2 = s.charCodeAt(start + 1) | 0x20;
    if ((base === 0 || base === 16) && c === 0x30) {
      if (c2 === 0x78) {
        base = 16;
        skip = 2;
      } else if (base === 0 && c2 === 0x6f) {
        base = 8;
        skip = 2;
      } else if (base === 0 && c2 === 0x62) {
        base = 2;
        skip = 2;
      } else if (base === 0) {
        base = 1;
      }
    } else if (base === 8 && c === 0x30 && c2 === 0x6f) {
      skip = 2;
    } else if (base === 2 && c === 0x30 && c2 === 0x62) {
      skip = 2;
    }
  }
  if (base === 0) base = 10;
  return { skip, base };
}

/** Why {@link parseInteger} failed. */
export interface IntSyntaxError {
  /** The base named in the message (0 for a leading zero in base 0). */
  base: number;
  /** The text from where the digits should start, for the message. */
  rest: string;
}

const UNDERSCORE = 99;

/** A digit's value (36 for anything that is no digit, UNDERSCORE for `_`). */
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c === 0x5f) return UNDERSCORE;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x7a) return l - 0x61 + 10;
  return 36;
}

/**
 * Parses an int as `int(text, base)` does; returns the value (a number in
 * the safe range, else a bigint) or the details of the syntax error. The
 * caller checks that `base` is 0 or 2…36.
 */
export function parseInteger(
  s: string,
  base: number,
): number | bigint | IntSyntaxError {
  const top = s.length;
  let i = 0;
  i = skipSpaces(s, i);
  const neg = s.charCodeAt(i) === 0x2d;
  if (neg || s.charCodeAt(i) === 0x2b) i++;
  const p = parseBasePrefix(s, i, base);
  i += p.skip;
  base = p.base;
  const valStart = i;
  let val = 0;
  let bigVal = 0n;
  let big = false;
  for (; i < top; i++) {
    const dig = digitValue(s.charCodeAt(i));
    if (dig === UNDERSCORE) continue;
    if (dig >= base) break;
    val = val * base + dig;
    if (val > 0x3fffffff) {
      // Beyond a small int: the port parses again as a big int, and that
      // parser stops at an underscore.
      big = true;
      const bigBase = BigInt(base);
      for (i = valStart; i < top; i++) {
        const d = digitValue(s.charCodeAt(i));
        if (d >= base || d === UNDERSCORE) break;
        bigVal = bigVal * bigBase + BigInt(d);
      }
      break;
    }
  }
  if (i === valStart) {
    return { base: base === 1 ? 0 : base, rest: s.slice(valStart) };
  }
  i = skipSpaces(s, i);
  if (i !== top) {
    return { base: base === 1 ? 0 : base, rest: s.slice(valStart) };
  }
  if (!big) return neg ? -val : val;
  if (neg) bigVal = -bigVal;
  return bigVal >= -0x1fffffffffffffn && bigVal <= 0x1fffffffffffffn
    ? Number(bigVal)
    : bigVal;
}
