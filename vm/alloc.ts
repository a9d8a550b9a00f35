/**
 * Charging values that live as JavaScript primitives — str and int — to the
 * simulated heap. Every built-in that creates a new str at run time returns
 * it through {@link newStr}; every int result outside the 31-bit small-int
 * range goes through {@link newInt}. (Objects charge in their constructors.)
 *
 * A primitive has nowhere to keep its heap address, so the allocations live
 * in a side table keyed by value. The collector counts how many slots of
 * reachable objects hold each value and keeps that many of its allocations
 * (equal strs are indistinguishable in JavaScript; on the board they are
 * separate objects), and frees the rest.
 *
 * @module
 */

import { BlockKind, type GcHeap, heap } from "./heap.ts";
import { isInterned, utf8Length } from "./qstr.ts";

/** A primitive value that can own heap allocations. */
export type PrimitiveKey = string | number | bigint;

/**
 * A big int is looked up by a fingerprint — the nearest double, which costs
 * no allocation — so that the table does not keep large values alive. Live
 * big ints of equal fingerprint (equal in their top 53 bits) share a count;
 * they are of the same size, so the heap figures do not change.
 */
function bigKey(v: bigint): number {
  const d = Number(v);
  // Beyond a double's range, the size is what matters: key by digit count.
  if (d === Infinity) return mpzDigits(v) + 0.5;
  if (d === -Infinity) return -mpzDigits(v) - 0.5;
  return d;
}

/**
 * Allocations of primitive values, as a log of objects: value, header
 * address, text-or-digits address. Appending is all an allocation costs; a
 * collection indexes the log, counts the reachable slots holding each value,
 * keeps that many of its objects, and compacts the log.
 */
export class PrimitiveTable {
  readonly heap: GcHeap;
  /**
   * str objects: text, then header and text addresses (two per object).
   * Typed arrays sized ahead and grown fourfold: a busy program never pays
   * for growing them one element at a time.
   */
  private strKeys: string[];
  private strAddrs: Int32Array;
  private nStr: number;
  /** Big ints: value (or fingerprint), 1 for a fingerprint, two addresses. */
  private numKeys: Float64Array;
  private numBig: Uint8Array;
  private numAddrs: Int32Array;
  private nNum: number;
  /** During a collection: reachable slots per value, by kind of key. */
  private strReached: Map<string, number>;
  private numReached: Map<number, number>;
  private bigReached: Map<number, number>;

  constructor(h: GcHeap) {
    this.heap = h;
    // Every object takes at least two blocks: this many fit in the heap.
    const cap = Math.max(16, Math.min(1 << 16, h.nBlocks >> 1));
    this.strKeys = new Array<string>(cap).fill("");
    this.strAddrs = new Int32Array(2 * cap);
    this.nStr = 0;
    this.numKeys = new Float64Array(cap);
    this.numBig = new Uint8Array(cap);
    this.numAddrs = new Int32Array(2 * cap);
    this.nNum = 0;
    this.strReached = new Map();
    this.numReached = new Map();
    this.bigReached = new Map();
    h.addCollectListener(() => this.compact());
  }

  /** Records one object of value `v` made of the allocations `head` and `data`. */
  record(v: PrimitiveKey, head: number, data: number): void {
    if (typeof v === "string") {
      const i = this.nStr;
      if (i === this.strKeys.length) this.growStr();
      this.strKeys[i] = v;
      this.strAddrs[2 * i] = head;
      this.strAddrs[2 * i + 1] = data;
      this.nStr = i + 1;
      return;
    }
    const i = this.nNum;
    if (i === this.numKeys.length) this.growNum();
    if (typeof v === "number") {
      this.numKeys[i] = v;
      this.numBig[i] = 0;
    } else {
      this.numKeys[i] = bigKey(v);
      this.numBig[i] = 1;
    }
    this.numAddrs[2 * i] = head;
    this.numAddrs[2 * i + 1] = data;
    this.nNum = i + 1;
  }

  private growStr(): void {
    const n = this.strKeys.length;
    const keys = new Array<string>(4 * n).fill("");
    for (let i = 0; i < n; i++) keys[i] = this.strKeys[i];
    this.strKeys = keys;
    const addrs = new Int32Array(8 * n);
    addrs.set(this.strAddrs);
    this.strAddrs = addrs;
  }

  private growNum(): void {
    const n = this.numKeys.length;
    const keys = new Float64Array(4 * n);
    keys.set(this.numKeys);
    this.numKeys = keys;
    const big = new Uint8Array(4 * n);
    big.set(this.numBig);
    this.numBig = big;
    const addrs = new Int32Array(8 * n);
    addrs.set(this.numAddrs);
    this.numAddrs = addrs;
  }

  /** The collector reached one slot holding `v`. */
  reach(v: PrimitiveKey): void {
    if (typeof v === "string") {
      if (this.nStr === 0) return;
      this.strReached.set(v, (this.strReached.get(v) ?? 0) + 1);
    } else if (this.nNum === 0) {
      return;
    } else if (typeof v === "number") {
      this.numReached.set(v, (this.numReached.get(v) ?? 0) + 1);
    } else {
      const k = bigKey(v);
      this.bigReached.set(k, (this.bigReached.get(k) ?? 0) + 1);
    }
  }

  /** Marks, for every reached value, as many of its objects as slots held it. */
  markReached(): void {
    const h = this.heap;
    if (this.strReached.size > 0) {
      const m = this.strReached;
      const addrs = this.strAddrs;
      const keys = this.strKeys;
      for (let i = 0; i < this.nStr; i++) {
        const key = keys[i];
        const count = m.get(key);
        if (count === undefined || count === 0) continue;
        if (keep(h, addrs[2 * i], addrs[2 * i + 1])) m.set(key, count - 1);
      }
    }
    if (this.numReached.size > 0 || this.bigReached.size > 0) {
      const addrs = this.numAddrs;
      const keys = this.numKeys;
      for (let i = 0; i < this.nNum; i++) {
        const m = this.numBig[i] === 0 ? this.numReached : this.bigReached;
        if (m.size === 0) continue;
        const key = keys[i];
        const count = m.get(key);
        if (count === undefined || count === 0) continue;
        if (keep(h, addrs[2 * i], addrs[2 * i + 1])) m.set(key, count - 1);
      }
    }
    this.strReached.clear();
    this.numReached.clear();
    this.bigReached.clear();
  }

  /** Drops the objects a collection freed. */
  private compact(): void {
    const h = this.heap;
    let addrs = this.strAddrs;
    let j = 0;
    for (let i = 0; i < this.nStr; i++) {
      const head = addrs[2 * i];
      const data = addrs[2 * i + 1];
      if (!h.isLive(head) && !h.isLive(data)) continue;
      this.strKeys[j] = this.strKeys[i];
      addrs[2 * j] = head;
      addrs[2 * j + 1] = data;
      j++;
    }
    // Stale texts past the end are dropped so they can be reclaimed.
    this.strKeys.fill("", j, this.nStr);
    this.nStr = j;
    addrs = this.numAddrs;
    j = 0;
    for (let i = 0; i < this.nNum; i++) {
      const head = addrs[2 * i];
      const data = addrs[2 * i + 1];
      if (!h.isLive(head) && !h.isLive(data)) continue;
      this.numKeys[j] = this.numKeys[i];
      this.numBig[j] = this.numBig[i];
      addrs[2 * j] = head;
      addrs[2 * j + 1] = data;
      j++;
    }
    this.nNum = j;
  }

  /** Number of live objects recorded for `v`. */
  countOf(v: PrimitiveKey): number {
    let c = 0;
    if (typeof v === "string") {
      for (let i = 0; i < this.nStr; i++) if (this.strKeys[i] === v) c++;
      return c;
    }
    const key = typeof v === "bigint" ? bigKey(v) : v;
    const big = typeof v === "bigint" ? 1 : 0;
    for (let i = 0; i < this.nNum; i++) {
      if (this.numBig[i] === big && this.numKeys[i] === key) c++;
    }
    return c;
  }
}

/** Marks one object's two allocations; false when both are gone. */
function keep(h: GcHeap, head: number, data: number): boolean {
  if (!h.isLive(head) && !h.isLive(data)) return false;
  h.markAddr(head);
  h.markAddr(data);
  return true;
}

let table: PrimitiveTable | null = null;

/** The primitive table of the running heap (made on first use). */
export function primitiveTable(): PrimitiveTable {
  const h = heap;
  if (table === null || table.heap !== h) table = new PrimitiveTable(h);
  return table;
}

/** The primitive table of the running heap if it has one (for the collector). */
export function primitiveTableOf(h: GcHeap): PrimitiveTable | null {
  return table !== null && table.heap === h ? table : null;
}

/**
 * A str created at run time: costs a heap str (16-byte header plus its
 * UTF-8 text and a NUL) unless its text is already interned.
 */
export function newStr(s: string): string {
  const h = heap;
  if (!h.accounting || isInterned(s)) return s;
  // The text buffer is built first (vstr), then the header takes it over.
  const data = h.alloc(utf8Length(s) + 1, BlockKind.Text);
  const head = h.alloc(16, BlockKind.Str);
  primitiveTable().record(s, head, data);
  return s;
}

/** Bytes of 16-bit digits a big int of magnitude `v` needs at least. */
export function mpzDigits(v: number | bigint): number {
  if (typeof v === "number") {
    const a = v < 0 ? -v : v;
    return a === 0
      ? 0
      : a < 65536
      ? 1
      : a < 4294967296
      ? 2
      : a < 281474976710656
      ? 3
      : 4;
  }
  const m = v < 0n ? -v : v;
  if (m < TWO_53) return mpzDigits(Number(m));
  // Smallest d with m < 2^(16·d): exponential then binary search by
  // comparison with cached powers (comparing allocates nothing).
  let lo = 3;
  let hi = 4;
  while (m >= pow16(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (m >= pow16(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

const TWO_53 = 1n << 53n;
const POW16: bigint[] = [];

/** 2^(16·d), cached. */
function pow16(d: number): bigint {
  let p = POW16[d];
  if (p === undefined) {
    p = 1n << BigInt(16 * d);
    POW16[d] = p;
  }
  return p;
}

/**
 * An int created at run time: a big int (outside ±2^30) costs a 16-byte
 * header plus its digits (16 bits each, at least 2). `allocDigits` gives the
 * digit count MicroPython's operation allocates when it is more than the
 * value needs (a shift allocates `len + shift/16 + 1`, a sum `max + 1`, a
 * product `len_a + len_b`, a parse `chars·log2(base)/16 + 1`).
 */
export function newInt(
  v: number | bigint,
  allocDigits?: number,
): number | bigint {
  if (typeof v === "number" && v >= -0x40000000 && v < 0x40000000) return v;
  const h = heap;
  if (!h.accounting) return v;
  let digits = allocDigits ?? mpzDigits(v);
  if (digits < 2) digits = 2;
  const head = h.alloc(16, BlockKind.BigInt);
  const data = h.alloc(2 * digits, BlockKind.BigInt);
  primitiveTable().record(v, head, data);
  return v;
}

/** True when an int value is a big int on a 32-bit board (a heap object). */
export function isBigInt(v: number | bigint): boolean {
  return typeof v === "bigint" || v < -0x40000000 || v >= 0x40000000;
}

/** An exception's traceback as the heap sees it: 3 words per entry. */
interface TracebackHolder {
  traceback: unknown[];
  tracebackAddr: number;
}

/**
 * Charges one more traceback entry of `exc` (`mp_obj_exception_add_traceback`):
 * the array grows by 12 bytes (3 words) per entry, moving when it must. When
 * the heap cannot grow it, MicroPython drops the entry silently; upy keeps
 * the text but charges nothing more.
 */
export function chargeTraceback(exc: TracebackHolder): void {
  const h = heap;
  if (!h.accounting) return;
  const bytes = 12 * exc.traceback.length;
  if (exc.tracebackAddr === 0 || !h.isLive(exc.tracebackAddr)) {
    exc.tracebackAddr = h.tryAlloc(bytes, BlockKind.Exception, exc);
    return;
  }
  try {
    exc.tracebackAddr = h.realloc(exc.tracebackAddr, bytes, true);
  } catch {
    // Out of memory (or locked): the entry is not charged.
  }
}

/**
 * A str that shares the data of the object it was made from (`bytes.decode`,
 * `str(b, enc)` of a bytes object): only a 16-byte header is new, unless the
 * text is interned.
 */
export function newStrSharing(s: string): string {
  const h = heap;
  if (!h.accounting || isInterned(s)) return s;
  const head = h.alloc(16, BlockKind.Str);
  primitiveTable().record(s, head, 0);
  return s;
}

/**
 * The big int a small int becomes when an operation on it overflows
 * (`mp_obj_new_int_from_ll`): a 16-byte header and 4 digits, garbage as
 * soon as the operation has its result.
 */
export function chargeIntPromotion(): void {
  const h = heap;
  if (!h.accounting) return;
  h.alloc(16, BlockKind.BigInt);
  h.alloc(8, BlockKind.BigInt);
}
