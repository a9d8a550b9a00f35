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

/**
 * The newest objects of each log that a collection may have kept without
 * reaching their value: it pins the allocations made last (8 of them in
 * the heap; twice that here, to be safe).
 */
const PIN_WINDOW = 16;

/** Low bits of an int key that {@link keyFilter} looks at. */
const FILTER_MASK = 4095;

/** 1 at the low bits of every int key a collection reached (0 between collections). */
const keyFilter = new Uint8Array(FILTER_MASK + 1);

/** Reached values up to this many are found by a search of the log each. */
const FEW_REACHED = 32;

/** A primitive value that can own heap allocations. */
export type PrimitiveKey = string | number | bigint;

/**
 * A big int is looked up by a fingerprint — the nearest double, which costs
 * no allocation — so that the table does not keep large values alive. Live
 * big ints of equal fingerprint (equal in their top 53 bits) share a count;
 * they are of the same size, so the heap figures do not change.
 */
function bigKey(v: bigint, nearDigits = 0): number {
  const d = Number(v);
  // Beyond a double's range, the size is what matters: key by digit count.
  if (d === Infinity) return mpzDigits(v, nearDigits) + 0.5;
  if (d === -Infinity) return -mpzDigits(v, nearDigits) - 0.5;
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
  /**
   * 1 for each object the collection running now kept (its value was
   * reached): with the few newest, which a collection may pin, the only
   * ones the compaction after the sweep needs to look at.
   */
  private strKept: Uint8Array;
  private numKept: Uint8Array;
  /** During a collection: reachable slots per value, by kind of key. */
  private strReached: Map<string, number>;
  private numReached: KeyCounts;
  private bigReached: KeyCounts;

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
    this.strKept = new Uint8Array(cap);
    this.numKept = new Uint8Array(cap);
    this.strReached = new Map();
    this.numReached = new KeyCounts();
    this.bigReached = new KeyCounts();
    h.addCollectListener(() => this.compact());
  }

  /**
   * Records one object of value `v` made of the allocations `head` and
   * `data` (`digits`: how many its data holds, when `v` is a big int).
   */
  record(v: PrimitiveKey, head: number, data: number, digits = 0): void {
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
      this.numKeys[i] = bigKey(v, digits);
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
    const kept = new Uint8Array(4 * n);
    kept.set(this.strKept);
    this.strKept = kept;
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
    const kept = new Uint8Array(4 * n);
    kept.set(this.numKept);
    this.numKept = kept;
  }

  /** The collector reached one slot holding `v`. */
  reach(v: PrimitiveKey): void {
    if (typeof v === "string") {
      if (this.nStr === 0) return;
      this.strReached.set(v, (this.strReached.get(v) ?? 0) + 1);
    } else if (this.nNum === 0) {
      return;
    } else if (typeof v === "number") {
      this.numReached.add(v);
    } else {
      this.bigReached.add(bigKey(v));
    }
  }

  /** Marks, for every reached value, as many of its objects as slots held it. */
  markReached(): void {
    const h = this.heap;
    // A collection runs seldom, so this code is cold when it does: with few
    // values reached, the arrays' own search is faster than a pass over the
    // whole log.
    const fewStrs = this.strReached.size <= FEW_REACHED;
    const fewNums = this.numReached.size + this.bigReached.size <= FEW_REACHED;
    if (fewStrs) {
      for (const [key, count] of this.strReached) this.keepStr(key, count);
    } else {
      const m = this.strReached;
      const addrs = this.strAddrs;
      const keys = this.strKeys;
      for (let i = 0; i < this.nStr; i++) {
        const key = keys[i];
        const count = m.get(key);
        if (count === undefined || count === 0) continue;
        if (keep(h, addrs[2 * i], addrs[2 * i + 1])) {
          m.set(key, count - 1);
          this.strKept[i] = 1;
        }
      }
    }
    if (fewNums) {
      this.numReached.forEach((key, count) => this.keepNum(key, count, 0));
      this.bigReached.forEach((key, count) => this.keepNum(key, count, 1));
    } else {
      const addrs = this.numAddrs;
      const keys = this.numKeys;
      // Most of the log is garbage: a filter on the keys' low bits passes
      // over it before any hashing.
      const filter = keyFilter;
      this.numReached.forEach((key) => filter[key & FILTER_MASK] = 1);
      this.bigReached.forEach((key) => filter[key & FILTER_MASK] = 1);
      for (let i = 0; i < this.nNum; i++) {
        if (filter[keys[i] & FILTER_MASK] === 0) continue;
        const m = this.numBig[i] === 0 ? this.numReached : this.bigReached;
        if (m.size === 0) continue;
        const slot = m.find(keys[i]);
        if (slot < 0) continue;
        if (keep(h, addrs[2 * i], addrs[2 * i + 1])) {
          m.takeOne(slot);
          this.numKept[i] = 1;
        }
      }
    }
    keyFilter.fill(0);
    this.strReached.clear();
    this.numReached.clear();
    this.bigReached.clear();
  }

  /** Keeps the first `count` live objects of the str `key`, in log order. */
  private keepStr(key: string, count: number): void {
    keepFirst(this.heap, this.strKeys, key, count, {
      n: this.nStr,
      addrs: this.strAddrs,
      kept: this.strKept,
      kinds: null,
      kind: 0,
    });
  }

  /**
   * Keeps the first `count` live objects of the int key `key` (`big`: 1
   * for a big int's fingerprint), in log order.
   */
  private keepNum(key: number, count: number, big: number): void {
    keepFirst(this.heap, this.numKeys.subarray(0, this.nNum), key, count, {
      n: this.nNum,
      addrs: this.numAddrs,
      kept: this.numKept,
      kinds: this.numBig,
      kind: big,
    });
  }

  /**
   * Drops the objects a collection freed. An object lives on when the
   * collection kept it or, among the newest, when it pinned it.
   */
  private compact(): void {
    const n = this.compactTable(
      this.nStr,
      this.strAddrs,
      this.strKept,
      (from, to) => {
        this.strKeys[to] = this.strKeys[from];
      },
    );
    // Stale texts past the end are dropped so they can be reclaimed.
    this.strKeys.fill("", n, this.nStr);
    this.nStr = n;
    this.nNum = this.compactTable(
      this.nNum,
      this.numAddrs,
      this.numKept,
      (from, to) => {
        this.numKeys[to] = this.numKeys[from];
        this.numBig[to] = this.numBig[from];
      },
    );
  }

  /**
   * Compacts one table of `n` entries in place (`move` copies an entry's
   * key); returns how many remain.
   */
  private compactTable(
    n: number,
    addrs: Int32Array,
    kept: Uint8Array,
    move: (from: number, to: number) => void,
  ): number {
    const h = this.heap;
    const pinFrom = n - PIN_WINDOW > 0 ? n - PIN_WINDOW : 0;
    let j = 0;
    // Before the pinned window only what the collection kept stays: found
    // by the array's own search (most of the log is garbage).
    for (
      let i = kept.indexOf(1);
      i >= 0 && i < pinFrom;
      i = kept.indexOf(1, i + 1)
    ) {
      kept[i] = 0;
      move(i, j);
      addrs[2 * j] = addrs[2 * i];
      addrs[2 * j + 1] = addrs[2 * i + 1];
      j++;
    }
    for (let i = pinFrom; i < n; i++) {
      const head = addrs[2 * i];
      const data = addrs[2 * i + 1];
      if (kept[i] === 0) {
        if (!h.isLive(head) && !h.isLive(data)) continue;
      } else {
        kept[i] = 0;
      }
      move(i, j);
      addrs[2 * j] = head;
      addrs[2 * j + 1] = data;
      j++;
    }
    return j;
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

const hashBits = new Float64Array(1);
const hashWords = new Int32Array(hashBits.buffer);

/** A hash of a number's bits (no allocation, unlike a `Map` lookup). */
function hashKey(k: number): number {
  hashBits[0] = k;
  const h = Math.imul(
    hashWords[0] ^ Math.imul(hashWords[1], 0x27d4eb2d),
    0x9e3779b1,
  );
  return h ^ (h >>> 15);
}

/**
 * How many reached slots hold each number (or fingerprint) during a
 * collection: open addressing in typed arrays, so that counting and looking
 * up allocate nothing.
 */
class KeyCounts {
  /** Keys with a count of at least 1 (entries are never removed). */
  size: number;
  private keys: Float64Array;
  private counts: Int32Array;
  private used: Uint8Array;

  constructor() {
    this.size = 0;
    this.keys = new Float64Array(16);
    this.counts = new Int32Array(16);
    this.used = new Uint8Array(16);
  }

  /** Counts one more slot holding `k`. */
  add(k: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const keys = this.keys;
    const used = this.used;
    const mask = keys.length - 1;
    let i = hashKey(k) & mask;
    while (used[i] !== 0) {
      if (keys[i] === k) {
        this.counts[i]++;
        return;
      }
      i = (i + 1) & mask;
    }
    used[i] = 1;
    keys[i] = k;
    this.counts[i] = 1;
    this.size++;
  }

  /** Calls `fn` with every key and its count. */
  forEach(fn: (key: number, count: number) => void): void {
    const used = this.used;
    for (let i = 0; i < used.length; i++) {
      if (used[i] !== 0) fn(this.keys[i], this.counts[i]);
    }
  }

  /** The slot of `k` while its count is above 0, or -1. */
  find(k: number): number {
    const keys = this.keys;
    const used = this.used;
    const mask = keys.length - 1;
    let i = hashKey(k) & mask;
    while (used[i] !== 0) {
      if (keys[i] === k) return this.counts[i] > 0 ? i : -1;
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** One slot of the key at `slot` is accounted for. */
  takeOne(slot: number): void {
    this.counts[slot]--;
  }

  /** Forgets every key. */
  clear(): void {
    if (this.size === 0) return;
    this.used.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const oldUsed = this.used;
    const n = 2 * oldKeys.length;
    this.keys = new Float64Array(n);
    this.counts = new Int32Array(n);
    this.used = new Uint8Array(n);
    const mask = n - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      if (oldUsed[j] === 0) continue;
      let i = hashKey(oldKeys[j]) & mask;
      while (this.used[i] !== 0) i = (i + 1) & mask;
      this.used[i] = 1;
      this.keys[i] = oldKeys[j];
      this.counts[i] = oldCounts[j];
    }
  }
}

/** Where {@link keepFirst} looks: one of the primitive table's logs. */
interface LogView {
  /** Entries in use. */
  n: number;
  addrs: Int32Array;
  kept: Uint8Array;
  /** The kind of each entry's key, when the log holds two (`kind` wanted). */
  kinds: Uint8Array | null;
  kind: number;
}

/**
 * Marks, in log order, the first `count` live objects whose key is `key`,
 * found by the keys array's own search.
 */
function keepFirst<K>(
  h: GcHeap,
  keys: { indexOf(key: K, from?: number): number },
  key: K,
  count: number,
  log: LogView,
): void {
  // No search once the count is met: one more would pass the rest of the
  // log, and the free capacity after it.
  for (let i = keys.indexOf(key); i >= 0 && i < log.n;) {
    if (
      (log.kinds === null || log.kinds[i] === log.kind) &&
      keep(h, log.addrs[2 * i], log.addrs[2 * i + 1])
    ) {
      log.kept[i] = 1;
      if (--count === 0) return;
    }
    i = keys.indexOf(key, i + 1);
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

/**
 * 16-bit digits a big int of magnitude `v` needs at least. `near`, when
 * given, is a count the answer is likely close to (the digits an operation
 * allocated): beyond a double's range the search starts there.
 */
export function mpzDigits(v: number | bigint, near = 0): number {
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
  // |v| is compared with powers of two of the sign of v: negating a long
  // value would copy it.
  const neg = v < 0n;
  if (neg ? v > -TWO_53 : v < TWO_53) return mpzDigits(Number(v));
  if (neg ? v > -TWO_64 : v < TWO_64) return 4;
  // Smallest d with |v| < 2^(16·d), d >= 5. Within a double's range its
  // exponent gives d, give or take one near a power of two (rounding);
  // beyond, the caller's count is a good start when it has one.
  const x = Math.abs(Number(v));
  const guess = x !== Infinity
    ? Math.ceil((Math.floor(Math.log2(x)) + 1) / 16)
    : near > 4
    ? near
    : 128;
  return searchDigits(v, neg, guess);
}

/**
 * The smallest d with |v| < 2^(16·d) (v of sign `neg`, at least 2^64),
 * searched outwards from `guess`, then by halving: a few comparisons with
 * cached powers when the guess is close (comparing numbers of different
 * lengths costs next to nothing when it is not).
 */
function searchDigits(v: bigint, neg: boolean, guess: number): number {
  // Invariant: |v| >= 2^(16·lo) (lo = 4 holds) and |v| < 2^(16·hi).
  let lo: number;
  let hi: number;
  let step = 1;
  if (guess < 5) guess = 5;
  if (below(v, neg, guess)) {
    hi = guess;
    lo = guess - step;
    while (lo > 4 && below(v, neg, lo)) {
      hi = lo;
      step *= 2;
      lo = hi - step;
    }
    if (lo < 4) lo = 4;
  } else {
    lo = guess;
    hi = guess + step;
    while (!below(v, neg, hi)) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (below(v, neg, mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** |v| < 2^(16·d), for v of sign `neg`. */
function below(v: bigint, neg: boolean, d: number): boolean {
  return neg ? v > pow16(d, true) : v < pow16(d, false);
}

const TWO_53 = 1n << 53n;
const TWO_64 = 1n << 64n;
const POW16: bigint[] = [];
const NEG_POW16: bigint[] = [];

/** 2^(16·d) (`negative`: its negation), cached. */
function pow16(d: number, negative: boolean): bigint {
  const cache = negative ? NEG_POW16 : POW16;
  let p = cache[d];
  if (p === undefined) {
    p = 1n << BigInt(16 * d);
    if (negative) p = -p;
    cache[d] = p;
  }
  return p;
}

/**
 * True when allocations are charged: callers skip working out figures
 * (digit counts) that only the charge needs.
 */
export function charging(): boolean {
  return heap.accounting;
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
  primitiveTable().record(v, head, data, digits);
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

/**
 * The message str of an exception whose text is formatted at run time
 * (`mp_obj_new_exception_msg_varg`): the str header, then a buffer the size
 * of the format string, grown by each printed piece that does not leave room
 * for the terminating NUL (by the piece's length plus 16). `pieces` are the
 * printed runs in order (literal text and each converted argument); `format`
 * is the format string's length in bytes. Nothing is charged for what the
 * heap cannot hold (the message then stays outside it, as the firmware's
 * fixed text does).
 */
export function newExceptionMessage(
  pieces: readonly string[],
  format: number,
): string {
  const s = pieces.join("");
  const h = heap;
  if (!h.accounting || isInterned(s)) return s;
  const head = h.tryAlloc(16, BlockKind.Str);
  if (head === 0) return s;
  let alloc = format + 1;
  let data = h.tryAlloc(alloc, BlockKind.Text);
  if (data !== 0) {
    let len = 0;
    for (const p of pieces) {
      const n = utf8Length(p);
      if (len + n >= alloc) {
        const grown = h.realloc(data, alloc + n + 16, true);
        if (grown === 0) break;
        data = grown;
        alloc += n + 16;
      }
      len += n;
    }
  }
  primitiveTable().record(s, head, data);
  return s;
}
