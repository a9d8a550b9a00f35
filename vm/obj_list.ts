/**
 * The list type (`py/objlist.c`): every method, MicroPython's sort (its
 * quicksort: not stable, ties come out as MicroPython leaves them), slicing
 * and slice assignment/deletion, operators, and `sorted()`.
 *
 * The sort makes MicroPython's comparisons in MicroPython's order, so the
 * result is MicroPython's; a key function, though, is called once per item
 * (MicroPython calls it at every comparison), which only shows in the
 * number of calls a key with side effects sees.
 *
 * The C item array's capacity is tracked in `PyList.alloc` and charged to
 * the heap as MicroPython grows and shrinks it: it starts at 4 (or the
 * exact size for lists made whole), doubles on append, grows to the exact
 * size (+4 for `extend`) otherwise, halves when a `pop` leaves it less than
 * half full, and returns to 4 on `clear`.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { defineBuiltin, defineBuiltinValue } from "./builtins.ts";
import {
  indexError,
  newException,
  NotImplementedError,
  typeError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  defineMethod,
  type KwArgs,
  listType,
  None,
  PrintKind,
  PyList,
  type PyObj,
  PyTuple,
  type PyType,
  tupleType,
  typeOf,
} from "./obj.ts";
import { getIterator, PyListIter } from "./obj_iter.ts";
import { extractSlice, PySlice, sliceBounds } from "./obj_slice.ts";
import { binaryOp, call, isTrue, iterNext, repr } from "./runtime.ts";
import {
  checkArgs,
  getIndex,
  guardRepr,
  kwOnly,
  nativeAs,
  objEqual,
  repeatCountMaybe,
  repeatItems,
  selfAs,
  seqCompare,
  seqCount,
  seqIndex,
  toMachineIntMaybe,
  unhashable,
} from "./sequence.ts";
import { compareStr } from "./unicode.ts";

const LIST_MIN_ALLOC = 4;

/** Resizes a list's C item array to `alloc` slots (`m_renew`). */
function setAlloc(list: PyList, alloc: number): void {
  list.itemsAddr = heap.realloc(list.itemsAddr, 4 * alloc, true);
  list.alloc = alloc;
}

/** `list.append(v)`: doubles the capacity when the list is full. */
export function listAppend(list: PyList, v: PyObj): void {
  const items = list.items;
  if (items.length >= list.alloc) setAlloc(list, list.alloc * 2);
  items.push(v);
}

/** Appends every item of `iterable` (`list_extend_from_iter`). */
function extendFromIter(list: PyList, iterable: PyObj): void {
  if (iterable instanceof PyList || iterable instanceof PyTuple) {
    // The heap sees what appending item by item does: an iterator, then the
    // array doubling as it fills.
    heap.alloc(16, BlockKind.Other);
    const src = iterable.items.slice();
    const need = list.items.length + src.length;
    let alloc = list.alloc;
    while (alloc < need) {
      alloc *= 2;
      setAlloc(list, alloc);
    }
    const items = list.items;
    for (let i = 0; i < src.length; i++) items.push(src[i]);
    return;
  }
  const it = getIterator(iterable);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    listAppend(list, x);
  }
}

/** `list.extend(iterable)`. */
export function listExtend(list: PyList, iterable: PyObj): void {
  if (iterable instanceof PyList) {
    const src = iterable.items.slice();
    const need = list.items.length + src.length;
    if (need > list.alloc) setAlloc(list, need + 4);
    const items = list.items;
    for (let i = 0; i < src.length; i++) items.push(src[i]);
    return;
  }
  extendFromIter(list, iterable);
}

/** A new list of the items of any iterable (`list(iterable)`). */
export function listFromIterable(iterable: PyObj): PyList {
  const list = new PyList([]);
  extendFromIter(list, iterable);
  return list;
}

/** Removes and returns item `i` (`list_pop`), shrinking the array as MicroPython does. */
function popAt(list: PyList, i: number): PyObj {
  const items = list.items;
  const v = i === items.length - 1
    ? items.pop() as PyObj
    : items.splice(i, 1)[0];
  if (list.alloc > LIST_MIN_ALLOC && list.alloc > 2 * items.length) {
    setAlloc(list, list.alloc >> 1);
  }
  return v;
}

function listPrint(self: PyObj, _kind: PrintKind): string {
  const items = (self as PyList).items;
  if (items.length === 0) return "[]";
  return guardRepr(() => {
    let s = "[" + repr(items[0]);
    for (let i = 1; i < items.length; i++) s += ", " + repr(items[i]);
    return s + "]";
  });
}

function listBinaryOp(
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined {
  const self = lhs as PyList;
  switch (op) {
    case BinaryOp.Add: {
      if (!(rhs instanceof PyList)) return undefined;
      return new PyList(self.items.concat(rhs.items));
    }
    case BinaryOp.InplaceAdd:
      listExtend(self, rhs);
      return self;
    case BinaryOp.Multiply:
    case BinaryOp.InplaceMultiply:
    case BinaryOp.ReverseMultiply: {
      // `seq * obj` takes obj's __int__; `obj * seq` only a real int.
      let n = op === BinaryOp.ReverseMultiply
        ? toMachineIntMaybe(rhs)
        : repeatCountMaybe(rhs);
      if (n === undefined) return undefined;
      if (n < 0) n = 0;
      if (n === 0 || self.items.length === 0) return new PyList([]);
      return new PyList(repeatItems(self.items, n));
    }
    case BinaryOp.Equal:
    case BinaryOp.Less:
    case BinaryOp.LessEqual:
    case BinaryOp.More:
    case BinaryOp.MoreEqual:
      if (!(rhs instanceof PyList)) {
        return op === BinaryOp.Equal ? false : undefined;
      }
      return seqCompare(op, self.items, rhs.items);
    case BinaryOp.Contains: {
      const items = self.items;
      for (let i = 0; i < items.length; i++) {
        if (objEqual(items[i], rhs)) return true;
      }
      return false;
    }
  }
  return undefined;
}

function listSubscrLoad(self: PyObj, index: PyObj): PyObj | undefined {
  const items = (self as PyList).items;
  if (typeof index === "number") {
    let i = index;
    if (i < 0) i += items.length;
    if (i >= 0 && i < items.length) return items[i];
  } else if (index instanceof PySlice) {
    const b = sliceBounds(index, items.length);
    if (b.step === 1) return new PyList(items.slice(b.start, b.stop));
    // Stepped slices are built by appending, capacity and all.
    const out = new PyList([]);
    const picked = extractSlice(items, b);
    for (let i = 0; i < picked.length; i++) listAppend(out, picked[i]);
    return out;
  }
  return items[getIndex("list", items.length, index)];
}

/** Replaces `count` items at `start` with `src`, in place. */
function replaceRange(
  items: PyObj[],
  start: number,
  count: number,
  src: readonly PyObj[],
): void {
  const adj = src.length - count;
  const oldLen = items.length;
  if (adj > 0) {
    items.length = oldLen + adj;
    for (let i = oldLen - 1; i >= start + count; i--) items[i + adj] = items[i];
  } else if (adj < 0) {
    for (let i = start + count; i < oldLen; i++) items[i + adj] = items[i];
    items.length = oldLen + adj;
  }
  for (let i = 0; i < src.length; i++) items[start + i] = src[i];
}

/** The items of a tuple or list for slice assignment (`mp_obj_get_array`). */
function arrayOf(v: PyObj): PyObj[] {
  if (v instanceof PyTuple || v instanceof PyList) return v.items.slice();
  throw typeError(`object '${typeOf(v).name}' isn't a tuple or list`);
}

function listSubscrStore(
  self: PyObj,
  index: PyObj,
  value: PyObj | undefined,
): boolean {
  const list = self as PyList;
  const items = list.items;
  if (value === undefined) {
    if (index instanceof PySlice) {
      const b = sliceBounds(index, items.length);
      if (b.step !== 1) throw newException(NotImplementedError);
      items.splice(b.start, b.stop - b.start);
      return true;
    }
    popAt(list, getIndex("list", items.length, index));
    return true;
  }
  if (typeof index === "number") {
    let i = index;
    if (i < 0) i += items.length;
    if (i >= 0 && i < items.length) {
      items[i] = value;
      return true;
    }
  } else if (index instanceof PySlice) {
    const src = arrayOf(value);
    const b = sliceBounds(index, items.length);
    if (b.step !== 1) throw newException(NotImplementedError);
    const adj = src.length - (b.stop - b.start);
    if (adj > 0 && items.length + adj > list.alloc) {
      setAlloc(list, items.length + adj);
    }
    replaceRange(items, b.start, b.stop - b.start, src);
    return true;
  }
  items[getIndex("list", items.length, index)] = value;
  return true;
}

// ---------------------------------------------------------------------------
// Sorting (MicroPython's quicksort, `mp_quicksort`)

/** `a < b` as the sort sees it: the operator's result object. */
function less(a: PyObj, b: PyObj): PyObj {
  if (typeof a === "number" && typeof b === "number") return a < b;
  if (typeof a === "string" && typeof b === "string") {
    return compareStr(a, b) < 0;
  }
  // Sort keys are often tuples: compared without the operator's dispatch.
  if (
    a instanceof PyTuple && a.type === tupleType && b instanceof PyTuple &&
    b.type === tupleType
  ) {
    return seqCompare(BinaryOp.Less, a.items, b.items);
  }
  return binaryOp(BinaryOp.Less, a, b);
}

/**
 * Sorts `items[head..tail]` in place exactly as MicroPython does: pivot the
 * last item, Hoare-style partition, recurse into the smaller side. `keys`
 * holds each item's sort key and is permuted alongside. A comparison counts
 * as "less" only when `<` returns the very object `lessResult` (True for
 * an ascending sort, False for `reverse=True`), as in MicroPython.
 */
function quicksort(
  items: PyObj[],
  keys: PyObj[],
  head: number,
  tail: number,
  lessResult: boolean,
): void {
  while (head < tail) {
    let h = head - 1;
    let t = tail;
    const v = keys[tail];
    for (;;) {
      do ++h; while (h < t && less(keys[h], v) === lessResult);
      do --t; while (h < t && less(v, keys[t]) === lessResult);
      if (h >= t) break;
      let x = items[h];
      items[h] = items[t];
      items[t] = x;
      if (keys !== items) {
        x = keys[h];
        keys[h] = keys[t];
        keys[t] = x;
      }
    }
    let x = items[h];
    items[h] = items[tail];
    items[tail] = x;
    if (keys !== items) {
      x = keys[h];
      keys[h] = keys[tail];
      keys[tail] = x;
    }
    if (t - head < tail - h - 1) {
      quicksort(items, keys, head, t, lessResult);
      head = h + 1;
    } else {
      quicksort(items, keys, h + 1, tail, lessResult);
      tail = t;
    }
  }
}

/** `list.sort(key=…, reverse=…)` on a list (keyword arguments as given). */
export function listSort(list: PyList, kw: KwArgs): void {
  const [keyArg, reverseArg] = kwOnly(kw, ["key", "reverse"]);
  const items = list.items;
  if (items.length > 1) {
    const key = keyArg === undefined || keyArg === None ? undefined : keyArg;
    const reverse = reverseArg !== undefined && isTrue(reverseArg);
    // Each item's key is computed once; the comparisons, and so the order
    // (ties included), are MicroPython's.
    let keys = items;
    if (key !== undefined) {
      keys = new Array(items.length);
      for (let i = 0; i < items.length; i++) keys[i] = call(key, [items[i]]);
    }
    quicksort(items, keys, 0, items.length - 1, !reverse);
  }
}

// ---------------------------------------------------------------------------
// The type

listType.makeNew = (_type: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  checkArgs(args, kw, { min: 0, max: 1 });
  if (args.length === 0) return new PyList([]);
  return listFromIterable(args[0]);
};
listType.print = listPrint;
listType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  switch (op) {
    case UnaryOp.Bool:
      return (self as PyList).items.length !== 0;
    case UnaryOp.Len:
      return (self as PyList).items.length;
    case UnaryOp.Sizeof:
      return 16 + 4 * (self as PyList).alloc;
  }
  return undefined;
};
listType.hash = unhashable;
listType.binaryOp = listBinaryOp;
listType.subscrLoad = listSubscrLoad;
listType.subscrStore = listSubscrStore;
listType.getIter = (self: PyObj, onStack?: boolean): PyObj =>
  new PyListIter(self as PyList, onStack !== true);
listType.gcTrace = (self, trace): void => {
  const items = (self as PyList).items;
  for (let i = 0; i < items.length; i++) trace(items[i]);
};

function self(args: PyObj[]): PyList {
  const s = nativeAs(args[0], PyList);
  return s !== undefined ? s : selfAs(args[0], "list");
}

defineMethod(listType, "append", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  listAppend(self(args), args[1]);
  return None;
});

defineMethod(listType, "extend", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  listExtend(self(args), args[1]);
  return None;
});

defineMethod(listType, "insert", (args, kw) => {
  checkArgs(args, kw, { min: 3, max: 3 });
  const list = self(args);
  const len = list.items.length;
  const idx = args[1];
  // MicroPython reads the index as a small int without checking its type;
  // anything else lands at the end.
  let i = typeof idx === "number" && idx >= -0x40000000 && idx < 0x40000000
    ? idx
    : len;
  if (i < 0) i += len;
  if (i < 0) i = 0;
  if (i > len) i = len;
  listAppend(list, None);
  const items = list.items;
  for (let j = items.length - 1; j > i; j--) items[j] = items[j - 1];
  items[i] = args[2];
  return None;
});

defineMethod(listType, "pop", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 2 });
  const list = self(args);
  const len = list.items.length;
  if (len === 0) throw indexError("pop from empty list");
  const i = args.length === 1 ? len - 1 : getIndex("list", len, args[1]);
  return popAt(list, i);
});

defineMethod(listType, "remove", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  const list = self(args);
  popAt(list, seqIndex("list", list.items, args));
  return None;
});

defineMethod(listType, "index", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 4 });
  return seqIndex("list", self(args).items, args);
});

defineMethod(listType, "count", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return seqCount(self(args).items, args[1]);
});

defineMethod(listType, "reverse", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  self(args).items.reverse();
  return None;
});

defineMethod(listType, "copy", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return new PyList(self(args).items.slice());
});

defineMethod(listType, "clear", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  const list = self(args);
  list.items.length = 0;
  setAlloc(list, LIST_MIN_ALLOC);
  return None;
});

defineMethod(listType, "sort", (args, kw) => {
  if (args.length > 1) throw typeError("extra positional arguments given");
  listSort(self(args), kw);
  return None;
});

defineBuiltinValue("list", listType);

defineBuiltin("sorted", (args, kw) => {
  if (args.length > 1) {
    throw typeError("must use keyword argument for key function");
  }
  if (args.length === 0) {
    throw typeError("function missing 1 required positional arguments");
  }
  const list = listFromIterable(args[0]);
  listSort(list, kw);
  return list;
});
