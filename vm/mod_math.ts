/**
 * `math` (`py/modmath.c`): MicroPython's functions and constants, its domain
 * checks ("math domain error" whenever a finite argument gives a NaN or an
 * infinite result) and its argument conversions (ints, big ints, bools,
 * floats, objects with `__float__`).
 *
 * The special functions (erf, erfc, gamma, lgamma) follow the C library
 * algorithms MicroPython's ports link against, so results agree to the bit
 * in nearly all cases.
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import {
  excWithMessage,
  typeError,
  valueError,
  ZeroDivisionError,
} from "./exc.ts";
import type { PyMap } from "./map.ts";
import { PyTuple } from "./obj.ts";
import {
  checkArgs,
  floatBits,
  floatToInt,
  intResult,
  newFloat,
  parseArgs,
  toFloat,
  toMachineInt,
} from "./mod_support.ts";

function mathError(): never {
  throw valueError("math domain error");
}

/** Rounds to the board's float precision. */
function prec(x: number): number {
  return floatBits() === 32 ? Math.fround(x) : x;
}

function oneArg(
  dict: PyMap,
  name: string,
  f: (x: number) => number,
): void {
  defineFunction(dict, name, (args, kw) => {
    checkArgs(args, kw, 1);
    const x = prec(toFloat(args[0]));
    const ans = prec(f(x));
    if (
      (Number.isNaN(ans) && !Number.isNaN(x)) ||
      (!Number.isFinite(ans) && !Number.isNaN(ans) && Number.isFinite(x))
    ) {
      mathError();
    }
    return newFloat(ans);
  });
}

function twoArgs(
  dict: PyMap,
  name: string,
  f: (x: number, y: number) => number,
): void {
  defineFunction(dict, name, (args, kw) => {
    checkArgs(args, kw, 2);
    const x = prec(toFloat(args[0]));
    const y = prec(toFloat(args[1]));
    const ans = prec(f(x, y));
    if (
      (Number.isNaN(ans) && !Number.isNaN(x) && !Number.isNaN(y)) ||
      // An infinite result is an overflow only when both inputs are finite
      // (pow(0.0, -inf) is inf, not an error).
      (!Number.isFinite(ans) && !Number.isNaN(ans) && Number.isFinite(x) &&
        Number.isFinite(y))
    ) {
      mathError();
    }
    return newFloat(ans);
  });
}

function toIntFunction(
  dict: PyMap,
  name: string,
  f: (x: number) => number,
): void {
  defineFunction(dict, name, (args, kw) => {
    checkArgs(args, kw, 1);
    return floatToInt(f(prec(toFloat(args[0]))));
  });
}

function toBoolFunction(
  dict: PyMap,
  name: string,
  f: (x: number) => boolean,
): void {
  defineFunction(dict, name, (args, kw) => {
    checkArgs(args, kw, 1);
    return f(toFloat(args[0]));
  });
}

// ---------------------------------------------------------------------------
// Bits of doubles

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Little-endian hosts: word 1 is the high word.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function highWord(x: number): number {
  f64[0] = x;
  return u32[HI];
}

function withLowWordZero(x: number): number {
  f64[0] = x;
  u32[LO] = 0;
  return f64[0];
}

/** True when the sign bit of `x` is set (also for -0.0 and negative NaNs). */
export function signBit(x: number): boolean {
  f64[0] = x;
  return (u32[HI] >>> 31) === 1;
}

/** C's copysign. */
export function copysign(x: number, y: number): number {
  const mag = Math.abs(x);
  return signBit(y) ? -mag : mag;
}

/** C's frexp: [mantissa in [0.5, 1), exponent]. */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  f64[0] = x;
  let e = (u32[HI] >>> 20) & 0x7ff;
  let scale = 0;
  if (e === 0) {
    // Subnormal: normalise first.
    f64[0] = x * 18014398509481984; // 2^54
    e = (u32[HI] >>> 20) & 0x7ff;
    scale = -54;
  }
  const exp = e - 1022 + scale;
  u32[HI] = (u32[HI] & 0x800fffff) | (1022 << 20);
  return [f64[0], exp];
}

/** C's ldexp (as scalbn: scaled in steps so that rounding happens once). */
export function ldexp(x: number, e: number): number {
  const P1023 = 8.98846567431158e307; // 2^1023
  const PM969 = 2.004168360008973e-292; // 2^-1022 · 2^53
  if (e > 1023) {
    x *= P1023;
    e -= 1023;
    if (e > 1023) {
      x *= P1023;
      e -= 1023;
      if (e > 1023) e = 1023;
    }
  } else if (e < -1022) {
    x *= PM969;
    e += 969;
    if (e < -1022) {
      x *= PM969;
      e += 969;
      if (e < -1022) e = -1022;
    }
  }
  return x * Math.pow(2, e);
}

/** C's modf: [fraction, integral part], the fraction's zero signed as x. */
function modf(x: number): [number, number] {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x)) return [x, x];
    return [copysign(0, x), x];
  }
  const ip = Math.trunc(x);
  let frac = x - ip;
  if (frac === 0) frac = copysign(0, x);
  return [frac, ip === 0 ? copysign(0, x) : ip];
}

/** pow with C's special cases (and the NaN fix MicroPython applies). */
export function cPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (x === -1 && !Number.isFinite(y) && !Number.isNaN(y)) return 1;
  return Math.pow(x, y);
}

// ---------------------------------------------------------------------------
// erf and erfc (the classic fdlibm rational approximations)

const ERX = 8.45062911510467529297e-01;
const EFX8 = 1.02703333676410069053e+00;
const PP = [
  1.28379167095512558561e-01,
  -3.25042107247001499370e-01,
  -2.84817495755985104766e-02,
  -5.77027029648944159157e-03,
  -2.37630166566501626084e-05,
];
const QQ = [
  3.97917223959155352819e-01,
  6.50222499887672944485e-02,
  5.08130628187576562776e-03,
  1.32494738004321644526e-04,
  -3.96022827877536812320e-06,
];
const PA = [
  -2.36211856075265944077e-03,
  4.14856118683748331666e-01,
  -3.72207876035701323847e-01,
  3.18346619901161753674e-01,
  -1.10894694282396677476e-01,
  3.54783043256182359371e-02,
  -2.16637559486879084300e-03,
];
const QA = [
  1.06420880400844228286e-01,
  5.40397917702171048937e-01,
  7.18286544141962662868e-02,
  1.26171219808761642112e-01,
  1.36370839120290507362e-02,
  1.19844998467991074170e-02,
];
const RA = [
  -9.86494403484714822705e-03,
  -6.93858572707181764372e-01,
  -1.05586262253232909814e+01,
  -6.23753324503260060396e+01,
  -1.62396669462573470355e+02,
  -1.84605092906711035994e+02,
  -8.12874355063065934246e+01,
  -9.81432934416914548592e+00,
];
const SA = [
  1.96512716674392571292e+01,
  1.37657754143519042600e+02,
  4.34565877475229228821e+02,
  6.45387271733267880336e+02,
  4.29008140027567833386e+02,
  1.08635005541779435134e+02,
  6.57024977031928170135e+00,
  -6.04244152148580987438e-02,
];
const RB = [
  -9.86494292470009928597e-03,
  -7.99283237680523006574e-01,
  -1.77579549177547519889e+01,
  -1.60636384855821916062e+02,
  -6.37566443368389627722e+02,
  -1.02509513161107724954e+03,
  -4.83519191608651397019e+02,
];
const SB = [
  3.03380607434824582924e+01,
  3.25792512996573918826e+02,
  1.53672958608443695994e+03,
  3.19985821950859553908e+03,
  2.55305040643316442583e+03,
  4.74528541206955367215e+02,
  -2.24409524465858183362e+01,
];

/** erf/erfc on [0.84375, 1.25): erx + P/Q around 1. */
function erfc1(x: number): number {
  const s = Math.abs(x) - 1;
  const p = PA[0] +
    s *
      (PA[1] +
        s * (PA[2] + s * (PA[3] + s * (PA[4] + s * (PA[5] + s * PA[6])))));
  const q = 1 +
    s *
      (QA[0] +
        s * (QA[1] + s * (QA[2] + s * (QA[3] + s * (QA[4] + s * QA[5])))));
  return 1 - ERX - p / q;
}

/** erfc for |x| in [1.25, 28). */
function erfc2(ix: number, x: number): number {
  if (ix < 0x3ff40000) return erfc1(x); // |x| < 1.25
  x = Math.abs(x);
  const s = 1 / (x * x);
  let r: number;
  let big: number;
  if (ix < 0x4006db6d) { // |x| < 1/0.35
    r = RA[0] +
      s *
        (RA[1] +
          s *
            (RA[2] +
              s *
                (RA[3] + s * (RA[4] + s * (RA[5] + s * (RA[6] + s * RA[7]))))));
    big = 1 +
      s *
        (SA[0] +
          s *
            (SA[1] +
              s *
                (SA[2] +
                  s *
                    (SA[3] +
                      s * (SA[4] + s * (SA[5] + s * (SA[6] + s * SA[7])))))));
  } else {
    r = RB[0] +
      s *
        (RB[1] +
          s * (RB[2] + s * (RB[3] + s * (RB[4] + s * (RB[5] + s * RB[6])))));
    big = 1 +
      s *
        (SB[0] +
          s *
            (SB[1] +
              s *
                (SB[2] + s * (SB[3] + s * (SB[4] + s * (SB[5] + s * SB[6]))))));
  }
  const z = withLowWordZero(x);
  return Math.exp(-z * z - 0.5625) * Math.exp((z - x) * (z + x) + r / big) / x;
}

/** The error function. */
export function erf(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const sign = hx >>> 31;
  if (ix >= 0x7ff00000) {
    // erf(nan) = nan, erf(±inf) = ±1
    return 1 - 2 * sign + 1 / x;
  }
  if (ix < 0x3feb0000) { // |x| < 0.84375
    if (ix < 0x3e300000) { // |x| < 2^-28
      return 0.125 * (8 * x + EFX8 * x);
    }
    const z = x * x;
    const r = PP[0] + z * (PP[1] + z * (PP[2] + z * (PP[3] + z * PP[4])));
    const s = 1 +
      z * (QQ[0] + z * (QQ[1] + z * (QQ[2] + z * (QQ[3] + z * QQ[4]))));
    const y = r / s;
    return x + x * y;
  }
  let y: number;
  if (ix < 0x40180000) y = 1 - erfc2(ix, x); // |x| < 6
  else y = 1 - 1e-300;
  return sign ? -y : y;
}

/** The complementary error function. */
export function erfc(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const sign = hx >>> 31;
  if (ix >= 0x7ff00000) {
    // erfc(nan) = nan, erfc(+inf) = 0, erfc(-inf) = 2
    return 2 * sign + 1 / x;
  }
  if (ix < 0x3feb0000) { // |x| < 0.84375
    if (ix < 0x3c700000) return 1 - x; // |x| < 2^-56
    const z = x * x;
    const r = PP[0] + z * (PP[1] + z * (PP[2] + z * (PP[3] + z * PP[4])));
    const s = 1 +
      z * (QQ[0] + z * (QQ[1] + z * (QQ[2] + z * (QQ[3] + z * QQ[4]))));
    const y = r / s;
    if (sign || ix < 0x3fd00000) return 1 - (x + x * y); // x < 1/4
    return 0.5 - (x - 0.5 + x * y);
  }
  if (ix < 0x403c0000) { // 0.84375 <= |x| < 28
    return sign ? 2 - erfc2(ix, x) : erfc2(ix, x);
  }
  return sign ? 2 - 1e-300 : 1e-300 * 1e-300;
}

// ---------------------------------------------------------------------------
// Gamma functions

const PI = 3.141592653589793238462643383279502884;

/** sin(pi·x) for x > 0 without the loss of precision of multiplying first. */
function sinPi(x: number): number {
  x = x * 0.5;
  x = 2 * (x - Math.floor(x));
  let n = Math.trunc(4 * x);
  n = Math.trunc((n + 1) / 2);
  x -= n * 0.5;
  x *= PI;
  switch (n) {
    case 1:
      return Math.cos(x);
    case 2:
      return Math.sin(-x);
    case 3:
      return -Math.cos(x);
    default:
      return Math.sin(x);
  }
}

const GMHALF = 5.524680040776729583740234375;
const SNUM = [
  23531376880.410759688572007674451636754734846804940,
  42919803642.649098768957899047001988850926355848959,
  35711959237.355668049440185451547166705960488635843,
  17921034426.037209699919755754458931112671403265390,
  6039542586.3520280050642916443072979210699388420708,
  1439720407.3117216736632230727949123939715485786772,
  248874557.86205415651146038641322942321632125127801,
  31426415.585400194380614231628318205362874684987640,
  2876370.6289353724412254090516208496135991145378768,
  186056.26539522349504029498971604569928220784236328,
  8071.6720023658162106380029022722506138218516325024,
  210.82427775157934587250973392071336271166969580291,
  2.5066282746310002701649081771338373386264310793408,
];
const SDEN = [
  0,
  39916800,
  120543840,
  150917976,
  105258076,
  45995730,
  13339535,
  2637558,
  357423,
  32670,
  1925,
  66,
  1,
];
const FACT = [
  1,
  1,
  2,
  6,
  24,
  120,
  720,
  5040.0,
  40320.0,
  362880.0,
  3628800.0,
  39916800.0,
  479001600.0,
  6227020800.0,
  87178291200.0,
  1307674368000.0,
  20922789888000.0,
  355687428096000.0,
  6402373705728000.0,
  121645100408832000.0,
  2432902008176640000.0,
  51090942171709440000.0,
  1124000727777607680000.0,
];

/** The Lanczos sum S(x) for x > 0. */
function lanczosSum(x: number): number {
  let num = 0;
  let den = 0;
  if (x < 8) {
    for (let i = 12; i >= 0; i--) {
      num = num * x + SNUM[i];
      den = den * x + SDEN[i];
    }
  } else {
    for (let i = 0; i <= 12; i++) {
      num = num / x + SNUM[i];
      den = den / x + SDEN[i];
    }
  }
  return num / den;
}

/** The gamma function (Lanczos approximation with error correction). */
export function tgamma(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const sign = hx >>> 31;
  if (ix >= 0x7ff00000) return x + Infinity;
  if (ix < (0x3ff - 54) << 20) return 1 / x;
  if (x === Math.floor(x)) {
    if (sign) return NaN;
    if (x <= FACT.length) return FACT[x - 1];
  }
  if (ix >= 0x40670000) { // |x| >= 184
    if (sign) {
      if (Math.floor(x) * 0.5 === Math.floor(x * 0.5)) return 0;
      return -0;
    }
    return x * 8.98846567431158e307;
  }
  const absx = sign ? -x : x;
  let y = absx + GMHALF;
  let dy: number;
  if (absx > GMHALF) {
    dy = y - absx;
    dy -= GMHALF;
  } else {
    dy = y - GMHALF;
    dy -= absx;
  }
  let z = absx - 0.5;
  let r = lanczosSum(absx) * Math.exp(-y);
  if (x < 0) {
    r = -PI / (sinPi(absx) * absx * r);
    dy = -dy;
    z = -z;
  }
  r += dy * (GMHALF + 0.5) * r / y;
  z = Math.pow(y, 0.5 * z);
  y = r * z * z;
  return y;
}

const LG_A = [
  7.72156649015328655494e-02,
  3.22467033424113591611e-01,
  6.73523010531292681824e-02,
  2.05808084325167332806e-02,
  7.38555086081402883957e-03,
  2.89051383673415629091e-03,
  1.19270763183362067845e-03,
  5.10069792153511336608e-04,
  2.20862790713908385557e-04,
  1.08011567247583939954e-04,
  2.52144565451257326939e-05,
  4.48640949618915160150e-05,
];
const LG_TC = 1.46163214496836224576e+00;
const LG_TF = -1.21486290535849611461e-01;
const LG_TT = -3.63867699703950536541e-18;
const LG_T = [
  4.83836122723810047042e-01,
  -1.47587722994593911752e-01,
  6.46249402391333854778e-02,
  -3.27885410759859649565e-02,
  1.79706750811820387126e-02,
  -1.03142241298341437450e-02,
  6.10053870246291332635e-03,
  -3.68452016781138256760e-03,
  2.25964780900612472250e-03,
  -1.40346469989232843813e-03,
  8.81081882437654011382e-04,
  -5.38595305356740546715e-04,
  3.15632070903625950361e-04,
  -3.12754168375120860518e-04,
  3.35529192635519073543e-04,
];
const LG_U = [
  -7.72156649015328655494e-02,
  6.32827064025093366517e-01,
  1.45492250137234768737e+00,
  9.77717527963372745603e-01,
  2.28963728064692451092e-01,
  1.33810918536787660377e-02,
];
const LG_V = [
  0,
  2.45597793713041134822e+00,
  2.12848976379893395361e+00,
  7.69285150456672783825e-01,
  1.04222645593369134254e-01,
  3.21709242282423911810e-03,
];
const LG_S = [
  -7.72156649015328655494e-02,
  2.14982415960608852501e-01,
  3.25778796408930981787e-01,
  1.46350472652464452805e-01,
  2.66422703033638609560e-02,
  1.84028451407337715652e-03,
  3.19475326584100867617e-05,
];
const LG_R = [
  0,
  1.39200533467621045958e+00,
  7.21935547567138069525e-01,
  1.71933865632803078993e-01,
  1.86459191715652901344e-02,
  7.77942496381893596434e-04,
  7.32668430744625636189e-06,
];
const LG_W = [
  4.18938533204672725052e-01,
  8.33333333333329678849e-02,
  -2.77777777728775536470e-03,
  7.93650558643019558500e-04,
  -5.95187557450339963135e-04,
  8.36339918996282139126e-04,
  -1.63092934096575273989e-03,
];
const LG_PI = 3.14159265358979311600e+00;

/** log|Γ(x)|. */
export function lgamma(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const sign = hx >>> 31;
  if (ix >= 0x7ff00000) return x * x;
  if (ix < (0x3ff - 70) << 20) { // |x| < 2^-70
    return -Math.log(Math.abs(x));
  }
  let nadj = 0;
  if (sign) {
    x = -x;
    let t = sinPi(x);
    if (t === 0) return Infinity; // -integer
    if (t < 0) t = -t;
    nadj = Math.log(LG_PI / (t * x));
  }
  let r: number;
  // lgamma(1) = lgamma(2) = 0; the low word test is implied by exact equality.
  if (x === 1 || x === 2) {
    r = 0;
  } else if (ix < 0x40000000) { // x < 2
    let y: number;
    let i: number;
    if (ix <= 0x3feccccc) { // lgamma(x) = lgamma(x+1) - log(x)
      r = -Math.log(x);
      if (ix >= 0x3fe76944) {
        y = 1 - x;
        i = 0;
      } else if (ix >= 0x3fcda661) {
        y = x - (LG_TC - 1);
        i = 1;
      } else {
        y = x;
        i = 2;
      }
    } else {
      r = 0;
      if (ix >= 0x3ffbb4c3) { // [1.7316, 2]
        y = 2 - x;
        i = 0;
      } else if (ix >= 0x3ff3b4c4) { // [1.23, 1.73]
        y = x - LG_TC;
        i = 1;
      } else {
        y = x - 1;
        i = 2;
      }
    }
    switch (i) {
      case 0: {
        const z = y * y;
        const p1 = LG_A[0] +
          z *
            (LG_A[2] +
              z * (LG_A[4] + z * (LG_A[6] + z * (LG_A[8] + z * LG_A[10]))));
        const p2 = z *
          (LG_A[1] +
            z *
              (LG_A[3] +
                z * (LG_A[5] + z * (LG_A[7] + z * (LG_A[9] + z * LG_A[11])))));
        const p = y * p1 + p2;
        r += p - 0.5 * y;
        break;
      }
      case 1: {
        const z = y * y;
        const w = z * y;
        const p1 = LG_T[0] +
          w * (LG_T[3] + w * (LG_T[6] + w * (LG_T[9] + w * LG_T[12])));
        const p2 = LG_T[1] +
          w * (LG_T[4] + w * (LG_T[7] + w * (LG_T[10] + w * LG_T[13])));
        const p3 = LG_T[2] +
          w * (LG_T[5] + w * (LG_T[8] + w * (LG_T[11] + w * LG_T[14])));
        const p = z * p1 - (LG_TT - w * (p2 + y * p3));
        r += LG_TF + p;
        break;
      }
      default: {
        const p1 = y *
          (LG_U[0] +
            y *
              (LG_U[1] +
                y * (LG_U[2] + y * (LG_U[3] + y * (LG_U[4] + y * LG_U[5])))));
        const p2 = 1 +
          y *
            (LG_V[1] +
              y * (LG_V[2] + y * (LG_V[3] + y * (LG_V[4] + y * LG_V[5]))));
        r += -0.5 * y + p1 / p2;
      }
    }
  } else if (ix < 0x40200000) { // x < 8
    const i = Math.trunc(x);
    const y = x - i;
    const p = y *
      (LG_S[0] +
        y *
          (LG_S[1] +
            y *
              (LG_S[2] +
                y * (LG_S[3] + y * (LG_S[4] + y * (LG_S[5] + y * LG_S[6]))))));
    const q = 1 +
      y *
        (LG_R[1] +
          y *
            (LG_R[2] +
              y * (LG_R[3] + y * (LG_R[4] + y * (LG_R[5] + y * LG_R[6])))));
    r = 0.5 * y + p / q;
    if (i >= 3) {
      // lgamma(y + i) = lgamma(y) + log((y + 1)(y + 2)…(y + i − 1)), from the top
      let z = 1;
      for (let k = i - 1; k >= 2; k--) z *= y + k;
      r += Math.log(z);
    }
  } else if (ix < 0x43900000) { // 8 <= x < 2^58
    const t = Math.log(x);
    const z = 1 / x;
    const y = z * z;
    const w = LG_W[0] +
      z *
        (LG_W[1] +
          y *
            (LG_W[2] +
              y * (LG_W[3] + y * (LG_W[4] + y * (LG_W[5] + y * LG_W[6])))));
    r = (x - 0.5) * (t - 1) + w;
  } else {
    r = x * (Math.log(x) - 1);
  }
  if (sign) r = nadj - r;
  return r;
}

// ---------------------------------------------------------------------------
// factorial

/** A product, charged to the heap when it is a big int (as each step is on the board). */
function product(a: bigint, b: bigint): bigint {
  const p = a * b;
  intResult(p);
  return p;
}

function factorialRange(start: number, end: number): bigint {
  if (start === end) return BigInt(start);
  if (end - start === 1) return product(BigInt(start), BigInt(end));
  if (end - start === 2) {
    return product(product(BigInt(start), BigInt(start + 1)), BigInt(end));
  }
  const middle = start + ((end - start) >> 1);
  return product(
    factorialRange(start, middle),
    factorialRange(middle + 1, end),
  );
}

// ---------------------------------------------------------------------------
// The module

defineModule("math", (dict) => {
  dict.set("e", newFloat(Math.E));
  dict.set("pi", newFloat(Math.PI));
  dict.set("tau", newFloat(2 * Math.PI));
  dict.set("inf", newFloat(Infinity));
  dict.set("nan", newFloat(NaN));
  oneArg(dict, "sqrt", Math.sqrt);
  twoArgs(dict, "pow", cPow);
  oneArg(dict, "exp", Math.exp);
  oneArg(dict, "expm1", Math.expm1);
  defineFunction(dict, "log", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    const x = prec(toFloat(args[0]));
    if (x <= 0) mathError();
    const l = Math.log(x);
    if (args.length === 1) return newFloat(l);
    const base = prec(toFloat(args[1]));
    if (base <= 0) mathError();
    if (base === 1) {
      throw excWithMessage(ZeroDivisionError, "divide by zero");
    }
    return newFloat(l / Math.log(base));
  });
  oneArg(dict, "log2", Math.log2);
  oneArg(dict, "log10", Math.log10);
  oneArg(dict, "cosh", Math.cosh);
  oneArg(dict, "sinh", Math.sinh);
  oneArg(dict, "tanh", Math.tanh);
  oneArg(dict, "acosh", Math.acosh);
  oneArg(dict, "asinh", Math.asinh);
  oneArg(dict, "atanh", Math.atanh);
  oneArg(dict, "cos", Math.cos);
  oneArg(dict, "sin", Math.sin);
  oneArg(dict, "tan", Math.tan);
  oneArg(dict, "acos", Math.acos);
  oneArg(dict, "asin", Math.asin);
  oneArg(dict, "atan", Math.atan);
  twoArgs(dict, "atan2", Math.atan2);
  toIntFunction(dict, "ceil", Math.ceil);
  twoArgs(dict, "copysign", copysign);
  oneArg(dict, "fabs", Math.abs);
  toIntFunction(dict, "floor", Math.floor);
  twoArgs(dict, "fmod", (x, y) => x % y);
  defineFunction(dict, "frexp", (args, kw) => {
    checkArgs(args, kw, 1);
    const [m, e] = frexp(prec(toFloat(args[0])));
    return new PyTuple([newFloat(m), e]);
  });
  defineFunction(dict, "ldexp", (args, kw) => {
    checkArgs(args, kw, 2);
    const x = prec(toFloat(args[0]));
    const e = toMachineInt(args[1]);
    return newFloat(ldexp(x, e));
  });
  defineFunction(dict, "modf", (args, kw) => {
    checkArgs(args, kw, 1);
    const [frac, ip] = modf(prec(toFloat(args[0])));
    return new PyTuple([newFloat(frac), newFloat(ip)]);
  });
  toBoolFunction(dict, "isfinite", Number.isFinite);
  toBoolFunction(
    dict,
    "isinf",
    (x) => !Number.isFinite(x) && !Number.isNaN(x),
  );
  toBoolFunction(dict, "isnan", Number.isNaN);
  defineFunction(dict, "isclose", (args, kw) => {
    if (args.length < 2) {
      throw typeError(
        `function missing ${2 - args.length} required positional arguments`,
      );
    }
    const [relArg, absArg] = parseArgs(args, kw, [
      { name: "rel_tol", kwOnly: true },
      { name: "abs_tol", kwOnly: true },
    ], 2);
    const a = prec(toFloat(args[0]));
    const b = prec(toFloat(args[1]));
    const relTol = relArg === undefined ? prec(1e-9) : prec(toFloat(relArg));
    const absTol = absArg === undefined ? 0 : prec(toFloat(absArg));
    if (relTol < 0 || absTol < 0) mathError();
    if (a === b) return true;
    const difference = prec(Math.abs(a - b));
    if (!Number.isFinite(difference) && !Number.isNaN(difference)) {
      return false;
    }
    return difference <= absTol ||
      difference <= Math.abs(prec(relTol * a)) ||
      difference <= Math.abs(prec(relTol * b));
  });
  toIntFunction(dict, "trunc", Math.trunc);
  defineFunction(dict, "radians", (args, kw) => {
    checkArgs(args, kw, 1);
    return newFloat(prec(toFloat(args[0])) * prec(Math.PI / 180));
  });
  defineFunction(dict, "degrees", (args, kw) => {
    checkArgs(args, kw, 1);
    return newFloat(prec(toFloat(args[0])) * prec(180 / Math.PI));
  });
  defineFunction(dict, "factorial", (args, kw) => {
    checkArgs(args, kw, 1);
    const max = toMachineInt(args[0]);
    if (max < 0) throw valueError("negative factorial");
    if (max === 0) return 1;
    const r = factorialRange(1, max);
    // The steps were charged as they were made; only normalise the result.
    return r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r;
  });
  oneArg(dict, "erf", erf);
  oneArg(dict, "erfc", erfc);
  oneArg(dict, "gamma", tgamma);
  oneArg(dict, "lgamma", lgamma);
});
