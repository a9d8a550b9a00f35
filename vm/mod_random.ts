/**
 * `random` (`extmod/modrandom.c`): MicroPython's own generator, Yasmarang,
 * so that `random.seed(n)` gives exactly the numbers a board gives.
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import { IndexError, newException, ValueError, valueError } from "./exc.ts";
import { None } from "./obj.ts";
import { len, subscrLoad } from "./runtime.ts";
import {
  checkArgs,
  floatBits,
  hasModuleHost,
  intResult,
  moduleHost,
  newFloat,
  toFloat,
  toMachineInt,
  toUint32Truncated,
} from "./mod_support.ts";

// Generator state: 32-bit words and one byte, as the C original keeps them.
let pad = 0xeda4baba;
let num = 69;
let dee = 233;
let dat = 0;
let seededOnImport = false;

/** One step of Yasmarang: the next 32-bit word (unsigned). */
export function yasmarang(): number {
  pad = (pad + dat + Math.imul(dee, num)) >>> 0;
  pad = ((pad << 3) + (pad >>> 29)) >>> 0;
  num = (pad | 2) >>> 0;
  dee = (dee ^ (((pad << 31) + (pad >>> 1)) >>> 0)) >>> 0;
  dat = (dat ^ (pad & 0xff) ^ (dee >>> 8) ^ 1) & 0xff;
  return (pad ^ (dee << 5) ^ (pad >>> 18) ^ (dat << 1)) >>> 0;
}

/** Restarts the generator from a 32-bit seed. */
export function seedGenerator(seed: number): void {
  pad = seed >>> 0;
  num = 69;
  dee = 233;
  dat = 0;
}

/** A uniformly drawn unsigned number below `n` (1 ≤ n < 2^32), by rejection. */
function randBelow(n: number): number {
  n = n >>> 0;
  let mask = 1;
  while (((n & mask) >>> 0) < n) mask = ((mask << 1) | 1) >>> 0;
  let r: number;
  do {
    r = (yasmarang() & mask) >>> 0;
  } while (r >= n);
  return r;
}

/** A float in [0, 1) whose fraction bits come from the generator. */
function randomFraction(): number {
  if (floatBits() === 32) {
    return (yasmarang() & 0x7fffff) / 0x800000;
  }
  const hi = yasmarang() & 0xfffff;
  const lo = yasmarang();
  return (hi * 4294967296 + lo) / 4503599627370496;
}

function seedFromBoard(): number {
  if (!hasModuleHost()) return (Date.now() ^ 0x5a5a5a5a) >>> 0;
  const b = moduleHost().randomBytes(4);
  return ((b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0);
}

function seedOnImport(): void {
  if (!seededOnImport) {
    seededOnImport = true;
    seedGenerator(seedFromBoard());
  }
}

defineModule("random", (dict) => {
  // Seeded once, when first imported (as ports with a seed source do).
  seedOnImport();
  defineFunction(dict, "__init__", (args, kw) => {
    checkArgs(args, kw, 0);
    seedOnImport();
    return None;
  });
  defineFunction(dict, "getrandbits", (args, kw) => {
    checkArgs(args, kw, 1);
    const n = toMachineInt(args[0]);
    if (n > 32 || n < 0) throw valueError("bits must be 32 or less");
    if (n === 0) return 0;
    const mask = 0xffffffff >>> (32 - n);
    return intResult((yasmarang() & mask) >>> 0);
  });
  defineFunction(dict, "seed", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    if (args.length === 0 || args[0] === None) {
      seedGenerator(seedFromBoard());
    } else {
      seedGenerator(toUint32Truncated(args[0]));
    }
    return None;
  });
  defineFunction(dict, "randrange", (args, kw) => {
    checkArgs(args, kw, 1, 3);
    const start = toMachineInt(args[0]);
    if (args.length === 1) {
      if (start > 0) return intResult(randBelow(start));
      throw newException(ValueError);
    }
    const stop = toMachineInt(args[1]);
    if (args.length === 2) {
      if (start < stop) {
        return intResult((start + randBelow((stop - start) >>> 0)) | 0);
      }
      throw newException(ValueError);
    }
    const step = toMachineInt(args[2]);
    let n: number;
    if (step > 0) {
      n = Math.trunc(((((stop - start) | 0) + step - 1) | 0) / step);
    } else if (step < 0) {
      n = Math.trunc(((((stop - start) | 0) + step + 1) | 0) / step);
    } else {
      throw newException(ValueError);
    }
    if (n > 0) {
      return intResult((start + Math.imul(step, randBelow(n))) | 0);
    }
    throw newException(ValueError);
  });
  defineFunction(dict, "randint", (args, kw) => {
    checkArgs(args, kw, 2);
    const a = toMachineInt(args[0]);
    const b = toMachineInt(args[1]);
    if (a <= b) return intResult((a + randBelow((b - a + 1) >>> 0)) | 0);
    throw newException(ValueError);
  });
  defineFunction(dict, "choice", (args, kw) => {
    checkArgs(args, kw, 1);
    const n = len(args[0]);
    if (n > 0) return subscrLoad(args[0], randBelow(n));
    throw newException(IndexError);
  });
  defineFunction(dict, "random", (args, kw) => {
    checkArgs(args, kw, 0);
    return newFloat(randomFraction());
  });
  defineFunction(dict, "uniform", (args, kw) => {
    checkArgs(args, kw, 2);
    const a = toFloat(args[0]);
    const b = toFloat(args[1]);
    if (floatBits() === 32) {
      const fa = Math.fround(a);
      const diff = Math.fround(Math.fround(b) - fa);
      return newFloat(fa + Math.fround(diff * randomFraction()));
    }
    return newFloat(a + (b - a) * randomFraction());
  });
}, { extensible: true });
