/**
 * The set and frozenset types (`py/objset.c`). Every operation goes through
 * the set's {@link PyMap}, building results in the same order of insertions
 * and deletions as MicroPython, so iteration order (and `pop`) match it.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { defineBuiltinValue } from "./builtins.ts";
import { KeyError, keyError, newException } from "./exc.ts";
import { DELETED, PyMap, to31 } from "./map.ts";
import {
  defineMethod,
  frozensetType,
  isSubtype,
  type KwArgs,
  None,
  PrintKind,
  type PyObj,
  PySet,
  type PyType,
  setType,
  TypeFlag,
} from "./obj.ts";
import { getIterator, PyTableIter, TableIterKind } from "./obj_iter.ts";
import { hash, iterNext, repr } from "./runtime.ts";
import {
  checkArgs,
  guardRepr,
  nativeAs,
  selfAs,
  unhashable,
} from "./sequence.ts";

/**
 * Where upy places the frozenset type in its simulated ROM: a frozenset's
 * hash starts from this address, as MicroPython's starts from its type's.
 * The value is that of the reference WebAssembly build.
 */
export const FROZENSET_TYPE_ADDRESS = 96676;

/** A new empty set (`mp_obj_new_set(0)`). */
export function newSet(type: PyType = setType): PySet {
  return new PySet(new PyMap(0, 4), type);
}

/** A copy with the same type, capacity and slot layout (`set_copy`). */
export function setCopy(s: PySet): PySet {
  return new PySet(s.map.copy(), s.type);
}

function isSetOrFrozen(v: PyObj): v is PySet {
  return v instanceof PySet;
}

/** Adds every item of an iterable (`set_update_int`). */
function updateFrom(s: PySet, iterable: PyObj): void {
  const map = s.map;
  const it = getIterator(iterable);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) map.add(x);
}

function setPrint(self: PyObj, _kind: PrintKind): string {
  const s = self as PySet;
  const frozen = s.type === frozensetType;
  if (s.map.used === 0) return frozen ? "frozenset()" : "set()";
  return guardRepr(() => {
    const keys = s.map.keys;
    let out = frozen ? "frozenset({" : "{";
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined || k === DELETED) continue;
      if (!first) out += ", ";
      first = false;
      out += repr(k);
    }
    return frozen ? out + "})" : out + "}";
  });
}

function setMakeNew(type: PyType, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 0, max: 1 });
  const t = (type.flags & TypeFlag.UserClass) === 0
    ? type
    : isSubtype(type, frozensetType)
    ? frozensetType
    : setType;
  const s = newSet(t);
  if (args.length === 1) updateFrom(s, args[0]);
  return s;
}

function frozensetHash(self: PyObj): number {
  const keys = (self as PySet).map.keys;
  let h = FROZENSET_TYPE_ADDRESS;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === undefined || k === DELETED) continue;
    h = (h + hash(k)) | 0;
  }
  return to31(h);
}

/** `self | other` and `self.union(other)`. */
function union(self: PySet, other: PyObj): PySet {
  const out = setCopy(self);
  updateFrom(out, other);
  return out;
}

/** `self.symmetric_difference_update(other)`: add what is absent, remove what is present. */
function symDiffUpdate(self: PySet, other: PyObj): void {
  const map = self.map;
  const it = getIterator(other);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    if (!map.delete(x)) map.add(x);
  }
}

/**
 * Intersection (`set_intersect_int`): iterates `other` and keeps what
 * `self` has, into a new set; with `update`, `self` takes the new table.
 */
function intersect(self: PySet, other: PyObj, update: boolean): PySet {
  if (self === other) return update ? self : setCopy(self);
  const out = newSet();
  const it = getIterator(other);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    if (self.map.has(x)) out.map.add(x);
  }
  if (update) {
    self.map.adopt(out.map);
    return self;
  }
  return out;
}

/** Difference (`set_diff_int`) of `self` and each of `others`, in place or on a copy. */
function difference(
  self: PySet,
  others: readonly PyObj[],
  update: boolean,
): PySet {
  const out = update ? self : setCopy(self);
  for (const other of others) {
    if (out === other) {
      out.map.clear();
      continue;
    }
    const map = out.map;
    const it = getIterator(other);
    for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
      map.delete(x);
    }
  }
  return out;
}

/** `self <= other` (`set_issubset_internal`), or `<` when `proper`. */
function isSubset(selfIn: PyObj, otherIn: PyObj, proper: boolean): boolean {
  const self = isSetOrFrozen(selfIn) ? selfIn : setFrom(selfIn);
  const other = isSetOrFrozen(otherIn) ? otherIn : setFrom(otherIn);
  if (proper && self.map.used === other.map.used) return false;
  const keys = self.map.keys;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === undefined || k === DELETED) continue;
    if (!other.map.has(k)) return false;
  }
  return true;
}

function setFrom(iterable: PyObj): PySet {
  const s = newSet();
  updateFrom(s, iterable);
  return s;
}

function setEqual(a: PySet, b: PySet): boolean {
  if (a.map.used !== b.map.used) return false;
  return isSubset(a, b, false);
}

function setBinaryOp(
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined {
  const self = lhs as PySet;
  if (op === BinaryOp.Contains) return self.map.has(rhs);
  if (!isSetOrFrozen(rhs)) return undefined;
  const update = self.type === setType;
  switch (op) {
    case BinaryOp.Or:
      return union(self, rhs);
    case BinaryOp.Xor: {
      const out = setCopy(self);
      symDiffUpdate(out, rhs);
      return out;
    }
    case BinaryOp.And:
      return intersect(self, rhs, false);
    case BinaryOp.Subtract:
      return difference(self, [rhs], false);
    case BinaryOp.InplaceOr:
      if (update) {
        updateFrom(self, rhs);
        return self;
      }
      return union(self, rhs);
    case BinaryOp.InplaceXor: {
      const out = update ? self : setCopy(self);
      symDiffUpdate(out, rhs);
      return out;
    }
    case BinaryOp.InplaceAnd:
      return intersect(self, rhs, update);
    case BinaryOp.InplaceSubtract:
      return difference(self, [rhs], update);
    case BinaryOp.Less:
      return isSubset(self, rhs, true);
    case BinaryOp.More:
      return isSubset(rhs, self, true);
    case BinaryOp.Equal:
      return setEqual(self, rhs);
    case BinaryOp.LessEqual:
      return isSubset(self, rhs, false);
    case BinaryOp.MoreEqual:
      return isSubset(rhs, self, false);
  }
  return undefined;
}

for (const t of [setType, frozensetType]) {
  t.makeNew = setMakeNew;
  t.print = setPrint;
  t.binaryOp = setBinaryOp;
  t.getIter = (self: PyObj, onStack?: boolean): PyObj =>
    new PyTableIter(
      self,
      (self as PySet).map,
      TableIterKind.Keys,
      onStack !== true,
    );
  t.gcTrace = (self, trace): void => {
    const keys = (self as PySet).map.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== undefined && k !== DELETED) trace(k);
    }
  };
}

setType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  switch (op) {
    case UnaryOp.Bool:
      return (self as PySet).map.used !== 0;
    case UnaryOp.Len:
      return (self as PySet).map.used;
  }
  return undefined;
};
setType.hash = unhashable;

frozensetType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  switch (op) {
    case UnaryOp.Bool:
      return (self as PySet).map.used !== 0;
    case UnaryOp.Len:
      return (self as PySet).map.used;
    case UnaryOp.Hash:
      return frozensetHash(self);
  }
  return undefined;
};
frozensetType.hash = frozensetHash;

// ---------------------------------------------------------------------------
// Methods

/** The set a method runs on; frozensets are allowed when `frozen` is. */
function selfSet(args: PyObj[], frozen: boolean): PySet {
  const s = nativeAs(args[0], PySet);
  if (s !== undefined && (frozen || s.type !== frozensetType)) return s;
  return selfAs(args[0], "set");
}

/** Defines a method on set and, when `frozen`, on frozenset too. */
function method(
  name: string,
  frozen: boolean,
  fn: (args: PyObj[], kw: KwArgs) => PyObj,
): void {
  defineMethod(setType, name, fn);
  if (frozen) defineMethod(frozensetType, name, fn);
}

method("add", false, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  selfSet(args, false).map.add(args[1]);
  return None;
});

method("clear", false, (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  selfSet(args, false).map.clear();
  return None;
});

method("copy", true, (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return setCopy(selfSet(args, true));
});

method("discard", false, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  selfSet(args, false).map.delete(args[1]);
  return None;
});

method("difference", true, (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 0x7fffffff });
  return difference(selfSet(args, true), args.slice(1), false);
});

method("difference_update", false, (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 0x7fffffff });
  difference(selfSet(args, false), args.slice(1), true);
  return None;
});

method("intersection", true, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return intersect(selfSet(args, true), args[1], false);
});

method("intersection_update", false, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  intersect(selfSet(args, false), args[1], true);
  return None;
});

method("isdisjoint", true, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  const self = selfSet(args, true);
  const it = getIterator(args[1], true);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    if (self.map.has(x)) return false;
  }
  return true;
});

method("issubset", true, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return isSubset(args[0], args[1], false);
});

method("issuperset", true, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return isSubset(args[1], args[0], false);
});

method("pop", false, (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  const map = selfSet(args, false).map;
  const slot = map.firstSlot();
  if (slot < 0) throw newException(KeyError, ["pop from an empty set"]);
  const v = map.keys[slot] as PyObj;
  map.removeSlot(slot, false);
  return v;
});

method("remove", false, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  if (!selfSet(args, false).map.delete(args[1])) throw keyError(args[1]);
  return None;
});

method("symmetric_difference", true, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  const out = setCopy(selfSet(args, true));
  symDiffUpdate(out, args[1]);
  return out;
});

method("symmetric_difference_update", false, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  symDiffUpdate(selfSet(args, false), args[1]);
  return None;
});

method("union", true, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return union(selfSet(args, true), args[1]);
});

method("update", false, (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 0x7fffffff });
  const self = selfSet(args, false);
  for (let i = 1; i < args.length; i++) updateFrom(self, args[i]);
  return None;
});

method("__contains__", true, (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return selfSet(args, true).map.has(args[1]);
});

defineBuiltinValue("set", setType);
defineBuiltinValue("frozenset", frozensetType);
