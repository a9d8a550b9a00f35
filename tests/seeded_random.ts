/**
 * Seeded generators for building test programs: the same seed gives the
 * same programs on every run, so a failure can be reproduced.
 *
 * @module
 */

/** mulberry32: a function returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** xorshift32: a function returning unsigned 32-bit values. */
export function xorshift32(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

/** Ints, picks and doubles drawn from {@link xorshift32}. */
export class XorshiftRng {
  private readonly source: () => number;
  constructor(seed: number) {
    this.source = xorshift32(seed);
  }
  /** The next 32-bit value. */
  next(): number {
    return this.source();
  }
  /** An int in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + (this.next() % (hi - lo + 1));
  }
  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[this.next() % items.length];
  }
  /** A double from random bits (finite). */
  double(): number {
    const f = new Float64Array(1);
    const u = new Uint32Array(f.buffer);
    for (;;) {
      u[0] = this.next();
      u[1] = this.next();
      if (Number.isFinite(f[0])) return f[0];
    }
  }
}

/** Ints and picks drawn from {@link mulberry32}. */
export class MulberryRng {
  private readonly source: () => number;
  constructor(seed: number) {
    this.source = mulberry32(seed);
  }
  /** A float in [0, 1). */
  next(): number {
    return this.source();
  }
  /** An int in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}
