/**
 * The tuple type (`py/objtuple.c`): construction, repr, indexing and step-1
 * slicing, concatenation, repetition, lexicographic comparison, hashing,
 * `count` and `index`.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { defineBuiltinValue } from "./builtins.ts";
import { BlockKind, heap } from "./heap.ts";
import { to31 } from "./map.ts";
import {
  defineMethod,
  emptyTuple,
  PrintKind,
  PyList,
  type PyObj,
  PyTuple,
  type PyType,
  tupleType,
} from "./obj.ts";
import { getIterator, PyArrayIter } from "./obj_iter.ts";
import { PySlice, sliceBounds, stepSliceError } from "./obj_slice.ts";
import { hash, iterNext, repr } from "./runtime.ts";
import {
  checkArgs,
  getIndex,
  guardRepr,
  nativeAs,
  repeatCountMaybe,
  repeatItems,
  selfAs,
  seqCompare,
  seqCount,
  seqIndex,
  toMachineIntMaybe,
} from "./sequence.ts";

/**
 * Where upy places the empty tuple in its simulated ROM. A tuple's hash
 * starts from this address (as MicroPython's starts from the address of its
 * empty-tuple singleton); the value is that of the reference WebAssembly
 * build, so dicts and sets keyed by tuples iterate in the same order.
 */
export const EMPTY_TUPLE_ADDRESS = 98208;

/** A tuple of `items` (the empty-tuple singleton when there are none). */
export function newTuple(items: PyObj[]): PyTuple {
  return items.length === 0 ? emptyTuple : new PyTuple(items);
}

/** `hash(tuple)`: the empty tuple's address plus the items' hashes, in 31 bits. */
function tupleHash(self: PyObj): number {
  const items = (self as PyTuple).items;
  let h = EMPTY_TUPLE_ADDRESS;
  for (let i = 0; i < items.length; i++) h = (h + hash(items[i])) | 0;
  return to31(h);
}

/** Text of a tuple: `()`, `(1,)`, `(1, 2)`. */
function tuplePrint(self: PyObj, _kind: PrintKind): string {
  const items = (self as PyTuple).items;
  if (items.length === 0) return "()";
  return guardRepr(() => {
    let s = "(" + repr(items[0]);
    for (let i = 1; i < items.length; i++) s += ", " + repr(items[i]);
    return items.length === 1 ? s + ",)" : s + ")";
  });
}

function tupleItems(v: PyObj): PyObj[] | undefined {
  const t = nativeAs(v, PyTuple);
  return t === undefined ? undefined : t.items;
}

function tupleBinaryOp(
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined {
  const a = (lhs as PyTuple).items;
  switch (op) {
    case BinaryOp.Add:
    case BinaryOp.InplaceAdd: {
      const b = tupleItems(rhs);
      if (b === undefined) return undefined;
      return newTuple(a.concat(b));
    }
    case BinaryOp.Multiply:
    case BinaryOp.InplaceMultiply:
    case BinaryOp.ReverseMultiply: {
      // `seq * obj` takes obj's __int__; `obj * seq` only a real int.
      const n = op === BinaryOp.ReverseMultiply
        ? toMachineIntMaybe(rhs)
        : repeatCountMaybe(rhs);
      if (n === undefined) return undefined;
      if (n <= 0 || a.length === 0) return emptyTuple;
      return new PyTuple(repeatItems(a, n));
    }
    case BinaryOp.Equal:
    case BinaryOp.Less:
    case BinaryOp.LessEqual:
    case BinaryOp.More:
    case BinaryOp.MoreEqual: {
      const b = tupleItems(rhs);
      if (b === undefined) return op === BinaryOp.Equal ? false : undefined;
      return seqCompare(op, a, b);
    }
  }
  return undefined;
}

function tupleSubscr(self: PyObj, index: PyObj): PyObj | undefined {
  const items = (self as PyTuple).items;
  if (typeof index === "number") {
    let i = index;
    if (i < 0) i += items.length;
    if (i >= 0 && i < items.length) return items[i];
  }
  if (index instanceof PySlice) {
    const b = sliceBounds(index, items.length);
    if (b.step !== 1) throw stepSliceError();
    return newTuple(items.slice(b.start, b.stop));
  }
  return items[getIndex("tuple", items.length, index)];
}

/** `tuple()` / `tuple(iterable)`. */
function tupleMakeNew(
  _type: PyType,
  args: PyObj[],
  kw: Map<string, PyObj> | null,
): PyObj {
  checkArgs(args, kw, { min: 0, max: 1 });
  if (args.length === 0) return emptyTuple;
  const src = args[0];
  if (src instanceof PyTuple && src.type === tupleType) return src;
  // MicroPython gathers the items in a scratch array that starts at 4 slots
  // and doubles, then copies them into the tuple and frees the array.
  let alloc = 4;
  let buf = heap.alloc(4 * alloc, BlockKind.Other);
  let items: PyObj[];
  if (src instanceof PyList) {
    // The same allocations as iterating it, without the per-item work.
    heap.alloc(16, BlockKind.Other);
    items = src.items.slice();
    while (alloc < items.length) {
      alloc *= 2;
      buf = heap.realloc(buf, 4 * alloc, true);
    }
  } else {
    items = [];
    const it = getIterator(src);
    for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
      if (items.length >= alloc) {
        alloc *= 2;
        buf = heap.realloc(buf, 4 * alloc, true);
      }
      items.push(x);
    }
  }
  const t = newTuple(items);
  heap.free(buf);
  return t;
}

tupleType.makeNew = tupleMakeNew;
tupleType.print = tuplePrint;
tupleType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  switch (op) {
    case UnaryOp.Bool:
      return (self as PyTuple).items.length !== 0;
    case UnaryOp.Len:
      return (self as PyTuple).items.length;
    case UnaryOp.Hash:
      return tupleHash(self);
  }
  return undefined;
};
tupleType.hash = tupleHash;
tupleType.binaryOp = tupleBinaryOp;
tupleType.subscrLoad = tupleSubscr;
tupleType.getIter = (self: PyObj, onStack?: boolean): PyObj =>
  new PyArrayIter(self, (self as PyTuple).items, onStack !== true);
tupleType.gcTrace = (self, trace): void => {
  const items = (self as PyTuple).items;
  for (let i = 0; i < items.length; i++) trace(items[i]);
};

function selfItems(args: PyObj[]): PyObj[] {
  const items = tupleItems(args[0]);
  return items !== undefined ? items : selfAs(args[0], "tuple");
}

defineMethod(tupleType, "count", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return seqCount(selfItems(args), args[1]);
});

defineMethod(tupleType, "index", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 4 });
  return seqIndex("tuple", selfItems(args), args);
});

defineBuiltinValue("tuple", tupleType);
