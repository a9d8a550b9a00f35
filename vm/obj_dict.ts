/**
 * The dict type and its views (`py/objdict.c`). Every operation goes
 * through the dict's {@link PyMap}, so iteration order, `popitem` and
 * `copy` are MicroPython's: slot order of its open-addressing table.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { defineBuiltinValue } from "./builtins.ts";
import {
  KeyError,
  keyError,
  newException,
  typeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { DELETED, PyMap } from "./map.ts";
import {
  classmethodType,
  defineMethod,
  dictType,
  type KwArgs,
  makeType,
  None,
  PrintKind,
  PyDict,
  PyMethodWrapper,
  PyNativeFunction,
  type PyObj,
  PyObject,
  PyTuple,
  PyType,
  TypeFlag,
  typeOf,
} from "./obj.ts";
import { getIterator, PyTableIter, TableIterKind } from "./obj_iter.ts";
import { idOf, iterNext, len, repr } from "./runtime.ts";
import {
  checkArgs,
  guardRepr,
  nativeAs,
  objEqual,
  selfAs,
  unhashable,
} from "./sequence.ts";

/** `dict_view`: the type of `d.keys()`, `d.values()` and `d.items()`. */
export const dictViewType: PyType = makeType("dict_view");

/** A live view of a dict's keys, values or items. */
export class PyDictView extends PyObject {
  declare readonly dict: PyDict;
  declare readonly kind: TableIterKind;
  constructor(dict: PyDict, kind: TableIterKind) {
    super(dictViewType);
    this.dict = dict;
    this.kind = kind;
    this.h = heap.alloc(12, BlockKind.Other);
  }
}

/** A new dict whose table starts with `capacity` slots (`mp_obj_new_dict`). */
export function newDict(capacity = 0): PyDict {
  return new PyDict(new PyMap(capacity));
}

/** `d[key]`, or `KeyError`. */
export function dictGet(d: PyDict, key: PyObj): PyObj {
  const v = d.map.get(key);
  if (v === undefined) throw keyError(key);
  return v;
}

/** `d[key] = value`. */
export function dictSet(d: PyDict, key: PyObj, value: PyObj): void {
  d.map.set(key, value);
}

function dictText(d: PyDict): string {
  const map = d.map;
  const keys = map.keys;
  const values = map.values;
  let s = "{";
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === undefined || k === DELETED) continue;
    if (!first) s += ", ";
    first = false;
    s += repr(k) + ": " + repr(values[i] as PyObj);
  }
  return s + "}";
}

function dictPrint(self: PyObj, _kind: PrintKind): string {
  const d = self as PyDict;
  const t = d.type;
  if (d.map.used === 0) return t === dictType ? "{}" : `${t.name}({})`;
  return guardRepr(() =>
    t === dictType ? dictText(d) : `${t.name}(${dictText(d)})`
  );
}

function isDict(v: PyObj): v is PyDict {
  return v instanceof PyDict;
}

/**
 * `d.update(other, **kw)` (`dict_update`): from another dict in its slot
 * order, else from an iterable of pairs, then the keyword arguments in
 * call order.
 */
export function dictUpdate(
  d: PyDict,
  other: PyObj | undefined,
  kw: KwArgs,
): void {
  if (other !== undefined) {
    if (isDict(other)) {
      if (other !== d) {
        const src = other.map;
        for (let i = 0; i < src.keys.length; i++) {
          const k = src.keys[i];
          if (k === undefined || k === DELETED) continue;
          d.map.set(k, src.values[i] as PyObj);
        }
      }
    } else {
      const it = getIterator(other);
      for (let next = iterNext(it); next !== undefined; next = iterNext(it)) {
        const inner = getIterator(next);
        const key = iterNext(inner);
        const value = key === undefined ? undefined : iterNext(inner);
        const stop = value === undefined ? undefined : iterNext(inner);
        if (key === undefined || value === undefined || stop !== undefined) {
          throw valueError("dict update sequence has wrong length");
        }
        d.map.set(key, value);
      }
    }
  }
  if (kw !== null) {
    for (const [k, v] of kw) d.map.set(k, v);
  }
}

function dictMakeNew(type: PyType, args: PyObj[], kw: KwArgs): PyObj {
  if (args.length > 1) {
    throw typeError(
      `function expected at most 2 arguments, got ${args.length + 1}`,
    );
  }
  const d = new PyDict(
    new PyMap(),
    (type.flags & TypeFlag.UserClass) === 0 ? type : dictType,
  );
  dictUpdate(d, args[0], kw);
  return d;
}

/** `d.copy()`: same type, capacity and slot layout. */
export function dictCopy(d: PyDict): PyDict {
  return new PyDict(d.map.copy(), d.type);
}

function dictEqual(a: PyDict, b: PyDict): boolean {
  if (a.map.ordered && b.map.ordered) return orderedEqual(a.map, b.map);
  if (a.map.used !== b.map.used) return false;
  const keys = a.map.keys;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === undefined || k === DELETED) continue;
    const v = b.map.get(k);
    if (v === undefined || !objEqual(a.map.values[i] as PyObj, v)) return false;
  }
  return true;
}

/** Two ordered tables (OrderedDicts) are equal when their entries match in order. */
function orderedEqual(a: PyMap, b: PyMap): boolean {
  if (a.used !== b.used) return false;
  for (let i = 0; i < a.used; i++) {
    if (
      !objEqual(a.keys[i] as PyObj, b.keys[i] as PyObj) ||
      !objEqual(a.values[i] as PyObj, b.values[i] as PyObj)
    ) {
      return false;
    }
  }
  return true;
}

function dictBinaryOp(
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined {
  const d = lhs as PyDict;
  switch (op) {
    case BinaryOp.Contains:
      return d.map.has(rhs);
    case BinaryOp.Equal:
      return isDict(rhs) ? dictEqual(d, rhs) : false;
    case BinaryOp.Or:
    case BinaryOp.InplaceOr: {
      // Any rhs that `update` accepts will do (MicroPython does not check).
      const out = op === BinaryOp.Or ? dictCopy(d) : d;
      dictUpdate(out, rhs, null);
      return out;
    }
  }
  return undefined;
}

function dictSubscrLoad(self: PyObj, index: PyObj): PyObj | undefined {
  return dictGet(self as PyDict, index);
}

function dictSubscrStore(
  self: PyObj,
  index: PyObj,
  value: PyObj | undefined,
): boolean {
  const d = ensureNotFixed(self as PyDict);
  if (value === undefined) {
    if (!d.map.delete(index)) throw keyError(index);
  } else {
    d.map.set(index, value);
  }
  return true;
}

dictType.makeNew = dictMakeNew;
dictType.print = dictPrint;
dictType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  switch (op) {
    case UnaryOp.Bool:
      return (self as PyDict).map.used !== 0;
    case UnaryOp.Len:
      return (self as PyDict).map.used;
  }
  return undefined;
};
dictType.hash = unhashable;
dictType.binaryOp = dictBinaryOp;
dictType.subscrLoad = dictSubscrLoad;
dictType.subscrStore = dictSubscrStore;
dictType.getIter = (self: PyObj, onStack?: boolean): PyObj =>
  new PyTableIter(
    self,
    (self as PyDict).map,
    TableIterKind.Keys,
    onStack !== true,
  );
dictType.gcTrace = (self, trace): void => {
  const map = (self as PyDict).map;
  for (let i = 0; i < map.keys.length; i++) {
    const k = map.keys[i];
    if (k === undefined || k === DELETED) continue;
    trace(k);
    trace(map.values[i] as PyObj);
  }
};

function self(args: PyObj[]): PyDict {
  const s = nativeAs(args[0], PyDict);
  return s !== undefined ? s : selfAs(args[0], "dict");
}

/** Dicts that refuse changes (MicroPython's `is_fixed` maps). */
const fixedDicts = new WeakSet<PyDict>();

/**
 * A read-only copy of `map`: what `obj.__dict__` and `cls.__dict__` give in
 * MicroPython (a snapshot; changing it raises a bare `TypeError`).
 */
export function fixedDictCopy(map: PyMap): PyDict {
  const d = new PyDict(map.copy());
  fixedDicts.add(d);
  return d;
}

/** Raises the bare `TypeError` of a change to a fixed dict. */
function ensureNotFixed(d: PyDict): PyDict {
  if (fixedDicts.has(d)) throw newException(typeError("").type);
  return d;
}

/** `self(args)` for a method that changes the dict. */
function mutableSelf(args: PyObj[]): PyDict {
  return ensureNotFixed(self(args));
}

defineMethod(dictType, "__getitem__", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return dictGet(self(args), args[1]);
});

defineMethod(dictType, "__setitem__", (args, kw) => {
  checkArgs(args, kw, { min: 3, max: 3 });
  mutableSelf(args).map.set(args[1], args[2]);
  return None;
});

defineMethod(dictType, "__delitem__", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  if (!mutableSelf(args).map.delete(args[1])) throw keyError(args[1]);
  return None;
});

defineMethod(dictType, "clear", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  mutableSelf(args).map.clear();
  return None;
});

defineMethod(dictType, "copy", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return dictCopy(self(args));
});

defineMethod(dictType, "get", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 3 });
  const v = self(args).map.get(args[1]);
  if (v !== undefined) return v;
  return args.length === 3 ? args[2] : None;
});

defineMethod(dictType, "items", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return new PyDictView(self(args), TableIterKind.Items);
});

defineMethod(dictType, "keys", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return new PyDictView(self(args), TableIterKind.Keys);
});

defineMethod(dictType, "values", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return new PyDictView(self(args), TableIterKind.Values);
});

defineMethod(dictType, "pop", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 3 });
  const v = mutableSelf(args).map.pop(args[1]);
  if (v !== undefined) return v;
  if (args.length === 3) return args[2];
  throw keyError(args[1]);
});

defineMethod(dictType, "popitem", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  const map = mutableSelf(args).map;
  if (map.used === 0) {
    throw newException(KeyError, ["popitem(): dictionary is empty"]);
  }
  // The first filled slot (the last entry of an ordered table); its slot is
  // always marked deleted, never emptied.
  const slot = map.ordered ? map.used - 1 : map.firstSlot();
  const item = new PyTuple([
    map.keys[slot] as PyObj,
    map.values[slot] as PyObj,
  ]);
  map.removeSlot(slot, true);
  return item;
});

defineMethod(dictType, "setdefault", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 3 });
  const map = mutableSelf(args).map;
  const v = map.get(args[1]);
  if (v !== undefined) return v;
  const dflt = args.length === 3 ? args[2] : None;
  map.set(args[1], dflt);
  return dflt;
});

defineMethod(dictType, "update", (args, kw) => {
  if (args.length > 2) {
    throw typeError(
      `function expected at most 2 arguments, got ${args.length}`,
    );
  }
  dictUpdate(mutableSelf(args), args[1], kw);
  return None;
});

/** `len(obj)` when its type has a length, else 0 (`mp_obj_len_maybe`). */
function lenMaybe(obj: PyObj): number {
  if (typeof obj === "string") return len(obj);
  const t = typeOf(obj);
  if (t.unaryOp === null) return 0;
  const n = t.unaryOp(UnaryOp.Len, obj);
  return typeof n === "number" ? n : 0;
}

/** `dict.fromkeys(iterable, value=None)`, sized from `len(iterable)` when it has one. */
function dictFromKeys(args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 2, max: 3 });
  // Always a plain dict, whatever class it is called on (OrderedDict too).
  const it = getIterator(args[1]);
  const value = args.length === 3 ? args[2] : None;
  const d = newDict(lenMaybe(args[1]));
  for (let k = iterNext(it); k !== undefined; k = iterNext(it)) {
    d.map.set(k, value);
  }
  return d;
}

dictType.dict.set(
  "fromkeys",
  new PyMethodWrapper(
    classmethodType,
    new PyNativeFunction("fromkeys", dictFromKeys),
  ),
);

// ---------------------------------------------------------------------------
// Views

const VIEW_NAMES = ["dict_keys", "dict_values", "dict_items"];

dictViewType.print = (self: PyObj): string => {
  const v = self as PyDictView;
  const it = new PyTableIter(v.dict, v.dict.map, v.kind, false);
  return guardRepr(() => {
    let s = VIEW_NAMES[v.kind] + "([";
    let first = true;
    for (let x = it.next(); x !== undefined; x = it.next()) {
      if (!first) s += ", ";
      first = false;
      s += repr(x);
    }
    return s + "])";
  });
};
dictViewType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  const v = self as PyDictView;
  switch (op) {
    case UnaryOp.Bool:
      return v.dict.map.used !== 0;
    case UnaryOp.Len:
      return v.dict.map.used;
  }
  return undefined;
};
dictViewType.hash = (self: PyObj): number => {
  const v = self as PyDictView;
  // Only values views are hashable (by identity), as in MicroPython.
  if (v.kind !== TableIterKind.Values) unhashable(self);
  return idOf(self);
};
dictViewType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  const v = lhs as PyDictView;
  if (v.kind !== TableIterKind.Keys || op !== BinaryOp.Contains) {
    return undefined;
  }
  return v.dict.map.has(rhs);
};
dictViewType.getIter = (self: PyObj, onStack?: boolean): PyObj => {
  const v = self as PyDictView;
  return new PyTableIter(v.dict, v.dict.map, v.kind, onStack !== true);
};
dictViewType.gcTrace = (self, trace): void => trace((self as PyDictView).dict);

defineBuiltinValue("dict", dictType);
