/**
 * MicroPython's hash table (`py/map.c`): open addressing with linear probing,
 * its capacity sequence, its hash functions and its deletion rule, so that
 * iteration order is exactly MicroPython's. Dicts, sets, instance attributes,
 * module globals and class namespaces all use it.
 *
 * The table knows nothing of Python objects beyond what hashing and equality
 * need; the runtime installs those for keys that are not str, int or bool.
 *
 * @module
 */

import { BlockKind, heap } from "./heap.ts";
import type { PyObj } from "./obj.ts";

type Key = PyObj;

/** Marker of a deleted slot. */
export const DELETED: unique symbol = Symbol("deleted");

/** Hashing and equality of keys that are objects; installed by the runtime. */
export interface KeySemantics {
  hash(key: Key): number;
  equals(a: Key, b: Key): boolean;
}

let keySemantics: KeySemantics = {
  hash: (): number => 0,
  equals: (a: Key, b: Key): boolean => a === b,
};

/** Installs how object keys hash and compare. */
export function setKeySemantics(semantics: KeySemantics): void {
  keySemantics = semantics;
}

const PRIMES = [
  0,
  2,
  4,
  6,
  8,
  10,
  12,
  17,
  23,
  29,
  37,
  47,
  59,
  73,
  97,
  127,
  167,
  223,
  293,
  389,
  521,
  691,
  919,
  1223,
  1627,
  2161,
  3229,
  4831,
  7243,
  10861,
  16273,
  24407,
  36607,
  54907,
];

/** The capacity MicroPython picks for a table that must hold at least `n` slots. */
export function capacityFor(n: number): number {
  for (const p of PRIMES) {
    if (p >= n) return p;
  }
  return (n + (n >> 1)) | 1;
}

const encoder = new TextEncoder();

/** MicroPython's str/bytes hash (djb2 with XOR over the UTF-8 bytes, 16 bits, never 0). */
export function strHash(s: string): number {
  let h = 5381;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return bytesHash(encoder.encode(s));
    h = ((h * 33) ^ c) & 0xffff;
  }
  return h === 0 ? 1 : h;
}

/** The same hash over raw bytes. */
export function bytesHash(b: Uint8Array): number {
  let h = 5381;
  for (let i = 0; i < b.length; i++) h = ((h * 33) ^ b[i]) & 0xffff;
  return h === 0 ? 1 : h;
}

/** Keeps the low 31 bits and sign-extends them (a 32-bit port's small int). */
export function to31(x: number): number {
  return (x << 1) >> 1;
}

/** hash() of an int held as a JS number (small or, on 32-bit, big). */
export function intHash(v: number): number {
  if (v >= -0x40000000 && v < 0x40000000) return v;
  let m = Math.abs(v) % 4294967296;
  if (v < 0) m = (4294967296 - m) % 4294967296;
  return to31(m);
}

/** hash() of an int held as a bigint. */
export function bigintHash(v: bigint): number {
  const neg = v < 0n;
  let m = Number((neg ? -v : v) & 0xffffffffn);
  if (neg) m = (4294967296 - m) % 4294967296;
  return to31(m);
}

/** hash() of any key, as the table uses it. */
export function hashKey(k: Key): number {
  switch (typeof k) {
    case "string":
      return strHash(k);
    case "number":
      return intHash(k);
    case "boolean":
      return k ? 1 : 0;
    case "bigint":
      return bigintHash(k);
    default:
      return keySemantics.hash(k);
  }
}

/** Python equality of two keys, with fast paths for str and int. */
export function keysEqual(a: Key, b: Key): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === "string" || tb === "string") {
    return ta === "object" || tb === "object"
      ? keySemantics.equals(a, b)
      : false;
  }
  if (ta === "number" && tb === "number") return false;
  return keySemantics.equals(a, b);
}

/** Source of {@link PyMap.version} values: unique across all tables. */
let versionCounter = 0;

/** Tables this size or smaller are searched by scanning; larger ones keep a str index. */
const SCAN_LIMIT = 8;

/**
 * One hash table. Slots are `undefined` (empty), {@link DELETED} or a key.
 * `values` is parallel to `keys` (unused for sets).
 */
export class PyMap {
  declare keys: (Key | undefined | typeof DELETED)[];
  declare values: (Key | undefined)[];
  /**
   * The hash (as an unsigned word) of the key in each filled slot: probing
   * compares keys only when their hashes match, and growth re-inserts
   * without hashing again.
   */
  declare hashes: number[];
  /** Number of filled slots. */
  declare used: number;
  /** Bytes one slot costs on the heap: 8 for dicts and maps, 4 for sets. */
  declare readonly slotBytes: number;
  /** Heap address of the slot table (0 while capacity is 0). */
  declare tableAddr: number;
  /** str key → slot, kept for tables larger than {@link SCAN_LIMIT}. */
  declare index: Map<string, number> | null;
  /**
   * An ordered table (`OrderedDict`, ROM tables): entries sit in insertion
   * order in the first `used` slots, lookup scans them, deletion shifts the
   * tail down, and the table grows 4 slots at a time.
   */
  declare readonly ordered: boolean;
  /**
   * True while every key ever stored (since creation or `clear`) is a str
   * (MicroPython's `all_keys_are_qstrs`): a dict lookup of any other key
   * then fails at once, without hashing it (so `[] in {"a": 1}` is False,
   * not a TypeError). Sets do not do this.
   */
  declare allStrKeys: boolean;
  /**
   * Changes (to a value no table had before) whenever a key is added or
   * removed: a lookup cache that saw a key absent stays valid while this
   * does not change.
   */
  declare version: number;

  constructor(capacity = 0, slotBytes = 8, ordered = false) {
    this.keys = capacity > 0 ? new Array(capacity) : [];
    this.values = capacity > 0 ? new Array(capacity) : [];
    this.hashes = capacity > 0 ? new Array(capacity) : [];
    this.used = 0;
    this.slotBytes = slotBytes;
    this.tableAddr = capacity > 0
      ? heap.alloc(capacity * slotBytes, BlockKind.Table)
      : 0;
    this.index = capacity > SCAN_LIMIT && !ordered ? new Map() : null;
    this.ordered = ordered;
    this.allStrKeys = true;
    this.version = ++versionCounter;
  }

  /** Number of slots. */
  get capacity(): number {
    return this.keys.length;
  }

  /** Slot of `key`, or -1. */
  find(key: Key): number {
    const cap = this.keys.length;
    if (cap === 0) return -1;
    const keys = this.keys;
    if (typeof key === "string") {
      if (this.index !== null) {
        const slot = this.index.get(key);
        return slot === undefined ? -1 : slot;
      }
      for (let i = 0; i < cap; i++) {
        if (keys[i] === key) return i;
      }
      return -1;
    }
    if (this.allStrKeys && this.slotBytes === 8) return -1;
    if (this.ordered) {
      for (let i = 0; i < this.used; i++) {
        if (keysEqual(keys[i] as Key, key)) return i;
      }
      return -1;
    }
    const h = hashKey(key) >>> 0;
    const start = h % cap;
    // Ints, strs and big ints equal only themselves; bools and objects need
    // Python equality (True == 1 == 1.0), and only with a key of equal hash.
    const plain = typeof key !== "object" && typeof key !== "boolean";
    const hashes = this.hashes;
    let pos = start;
    do {
      const s = keys[pos];
      if (s === undefined) return -1;
      if (s === key) return pos;
      if (
        s !== DELETED && hashes[pos] === h &&
        (!plain || typeof s === "object" || typeof s === "boolean") &&
        keysEqual(s, key)
      ) {
        return pos;
      }
      pos = pos + 1 === cap ? 0 : pos + 1;
    } while (pos !== start);
    return -1;
  }

  /** Value stored under `key`, or undefined. */
  get(key: Key): Key | undefined {
    const slot = this.find(key);
    return slot < 0 ? undefined : this.values[slot];
  }

  /** True when `key` is present. */
  has(key: Key): boolean {
    return this.find(key) >= 0;
  }

  /** Stores `value` under `key`, adding the key as MicroPython's insert does. */
  set(key: Key, value: Key): void {
    if (typeof key === "string" && this.index !== null) {
      const slot = this.index.get(key);
      if (slot !== undefined) {
        this.values[slot] = value;
        return;
      }
    }
    this.insert(key, value, typeof key === "string" && this.index !== null);
  }

  /** Adds `key` (for sets); returns false when it was already present. */
  add(key: Key): boolean {
    const before = this.used;
    if (typeof key === "string" && this.index !== null) {
      if (this.index.has(key)) return false;
      this.insert(key, undefined, true);
    } else {
      this.insert(key, undefined, false);
    }
    return this.used !== before;
  }

  private insert(
    key: Key,
    value: Key | undefined,
    knownAbsent: boolean,
    hash = -1,
  ): void {
    if (this.ordered) {
      const slot = knownAbsent ? -1 : this.find(key);
      if (slot >= 0) {
        this.values[slot] = value;
        return;
      }
      if (this.used === this.keys.length) this.grow();
      if (typeof key !== "string") this.allStrKeys = false;
      this.keys[this.used] = key;
      this.values[this.used] = value;
      this.used++;
      this.version = ++versionCounter;
      return;
    }
    if (this.keys.length === 0) this.grow();
    const h = hash >= 0 ? hash : hashKey(key) >>> 0;
    const plain = typeof key !== "object" && typeof key !== "boolean";
    for (;;) {
      const keys = this.keys;
      const hashes = this.hashes;
      const cap = keys.length;
      const start = h % cap;
      let pos = start;
      let avail = -1;
      do {
        const s = keys[pos];
        if (s === undefined) {
          this.fill(avail >= 0 ? avail : pos, key, value, h);
          return;
        }
        if (s === DELETED) {
          if (avail < 0) avail = pos;
        } else if (
          !knownAbsent &&
          (s === key ||
            (hashes[pos] === h &&
              (!plain || typeof s === "object" || typeof s === "boolean") &&
              keysEqual(s, key)))
        ) {
          this.values[pos] = value;
          return;
        }
        pos = pos + 1 === cap ? 0 : pos + 1;
      } while (pos !== start);
      if (avail >= 0) {
        this.fill(avail, key, value, h);
        return;
      }
      this.grow();
    }
  }

  private fill(
    slot: number,
    key: Key,
    value: Key | undefined,
    hash: number,
  ): void {
    this.keys[slot] = key;
    this.values[slot] = value;
    this.hashes[slot] = hash;
    this.used++;
    this.version = ++versionCounter;
    if (typeof key !== "string") this.allStrKeys = false;
    else if (this.index !== null) this.index.set(key, slot);
  }

  /** Grows to the next capacity and re-inserts in old slot order. */
  grow(): void {
    if (this.ordered) {
      const cap = this.keys.length + 4;
      const addr = heap.alloc(cap * this.slotBytes, BlockKind.Other);
      if (this.tableAddr !== 0) heap.free(this.tableAddr);
      this.tableAddr = addr;
      this.keys.length = cap;
      this.values.length = cap;
      return;
    }
    this.rehash(capacityFor(this.keys.length + 1));
  }

  /** Re-inserts every entry into a table of `capacity` slots. */
  rehash(capacity: number): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldHashes = this.hashes;
    const oldAddr = this.tableAddr;
    const newAddr = heap.alloc(capacity * this.slotBytes, BlockKind.Table);
    this.keys = new Array(capacity);
    this.values = new Array(capacity);
    this.hashes = new Array(capacity);
    this.used = 0;
    this.tableAddr = newAddr;
    this.index = capacity > SCAN_LIMIT ? new Map() : null;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i];
      if (k !== undefined && k !== DELETED) {
        this.insert(k, oldValues[i], true, oldHashes[i]);
      }
    }
    if (oldAddr !== 0) heap.free(oldAddr);
  }

  /** Removes `key`; returns false when it was absent. */
  delete(key: Key): boolean {
    const slot = this.find(key);
    if (slot < 0) return false;
    this.removeSlot(slot, false);
    return true;
  }

  /** Removes `key` and returns its value, or undefined when absent. */
  pop(key: Key): Key | undefined {
    const slot = this.find(key);
    if (slot < 0) return undefined;
    const value = this.values[slot];
    this.removeSlot(slot, false);
    return value;
  }

  /** Empties `slot` by MicroPython's rule (or always marks it deleted). */
  removeSlot(slot: number, alwaysDeleted: boolean): void {
    this.version = ++versionCounter;
    if (this.ordered) {
      this.used--;
      this.keys.copyWithin(slot, slot + 1, this.used + 1);
      this.values.copyWithin(slot, slot + 1, this.used + 1);
      this.keys[this.used] = undefined;
      this.values[this.used] = undefined;
      return;
    }
    const cap = this.keys.length;
    const key = this.keys[slot];
    if (this.index !== null && typeof key === "string") this.index.delete(key);
    this.used--;
    const next = slot + 1 === cap ? 0 : slot + 1;
    this.keys[slot] = !alwaysDeleted && this.keys[next] === undefined
      ? undefined
      : DELETED;
    this.values[slot] = undefined;
  }

  /** Slot of the first filled entry in slot order, or -1. */
  firstSlot(): number {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== undefined && k !== DELETED) return i;
    }
    return -1;
  }

  /** Next filled slot after `slot` (start with -1), or -1 at the end. */
  nextSlot(slot: number): number {
    const keys = this.keys;
    for (let i = slot + 1; i < keys.length; i++) {
      const k = keys[i];
      if (k !== undefined && k !== DELETED) return i;
    }
    return -1;
  }

  /** Frees the table and returns to capacity 0 (`clear()`). */
  clear(): void {
    if (this.tableAddr !== 0) heap.free(this.tableAddr);
    this.keys = [];
    this.values = [];
    this.hashes = [];
    this.used = 0;
    this.tableAddr = 0;
    this.index = null;
    this.allStrKeys = true;
    this.version = ++versionCounter;
  }

  /**
   * Takes over the table of `other` (which must not be used afterwards):
   * `set.intersection_update` keeps the table it built.
   */
  adopt(other: PyMap): void {
    if (this.tableAddr !== 0) heap.free(this.tableAddr);
    this.keys = other.keys;
    this.values = other.values;
    this.hashes = other.hashes;
    this.used = other.used;
    this.tableAddr = other.tableAddr;
    this.index = other.index;
    this.allStrKeys = other.allStrKeys;
    this.version = ++versionCounter;
  }

  /** A copy with the same capacity and slot layout (`d.copy()`). */
  copy(): PyMap {
    const m = new PyMap(this.keys.length, this.slotBytes, this.ordered);
    m.keys = this.keys.slice();
    m.values = this.values.slice();
    m.hashes = this.hashes.slice();
    m.used = this.used;
    m.index = this.index === null ? null : new Map(this.index);
    m.allStrKeys = this.allStrKeys;
    return m;
  }
}
