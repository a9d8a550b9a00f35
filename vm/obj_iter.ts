/**
 * Iterator objects and the built-ins that make or consume iterators
 * (`py/objpolyiter.c`, `py/objgetitemiter.c`, `py/objenumerate.c`,
 * `py/objzip.c`, `py/objmap.c`, `py/objfilter.c`, `py/objreversed.c` and
 * the iteration parts of `py/modbuiltins.c`): `len`, `iter`, `next`,
 * `enumerate`, `zip`, `map`, `filter`, `reversed`, `min`, `max`, `sum`,
 * `any`, `all`.
 *
 * Iterators return `undefined` when exhausted. The iterators of built-in
 * containers cost 16 bytes of heap when made by `iter()`; made for a `for`
 * loop (`getIter(obj, true)`) they live in the frame, as MicroPython puts
 * them in the loop's stack slots, and cost nothing.
 *
 * @module
 */

import { BinaryOp } from "../compiler/mod.ts";
import { newInt } from "./alloc.ts";
import { defineBuiltin, defineBuiltinValue } from "./builtins.ts";
import {
  IndexError,
  StopIteration,
  stopIteration,
  typeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { DELETED, type PyMap, to31 } from "./map.ts";
import {
  type KwArgs,
  lookupInType,
  makeType,
  None,
  PyException,
  PyList,
  type PyObj,
  PyObject,
  PyTuple,
  type PyType,
  type Tracer,
  TypeFlag,
  typeOf,
} from "./obj.ts";
import {
  binaryOp,
  call,
  isTrue,
  iterNext,
  len,
  lenValue,
  loadMethod,
  subscrLoad,
} from "./runtime.ts";
import { checkArgs, noKwArgs, toMachineInt } from "./sequence.ts";
import { hooks } from "./interp.ts";
import { setGetItemIter } from "./obj_type.ts";

/** The type of the built-in containers' iterators (`iterator`). */
export const iteratorType: PyType = makeType("iterator");

/** Base of the built-in containers' iterators: one type, each class its own `next`. */
export abstract class PyIterator extends PyObject {
  constructor(onHeap: boolean) {
    super(iteratorType);
    this.h = onHeap ? heap.alloc(16, BlockKind.Other) : 0;
  }
  /** The next item, or undefined at the end. */
  abstract next(): PyObj | undefined;
  /** Reports the values the iterator references. */
  abstract trace(trace: Tracer): void;
}

/** Iterator over a list; sees items appended while iterating. */
export class PyListIter extends PyIterator {
  declare readonly list: PyList;
  declare cur: number;
  constructor(list: PyList, onHeap: boolean) {
    super(onHeap);
    this.list = list;
    this.cur = 0;
  }
  next(): PyObj | undefined {
    const items = this.list.items;
    if (this.cur < items.length) return items[this.cur++];
    return undefined;
  }
  trace(trace: Tracer): void {
    trace(this.list);
  }
}

/** Iterator over a fixed item array (tuples). */
export class PyArrayIter extends PyIterator {
  declare readonly owner: PyObj;
  declare readonly items: readonly PyObj[];
  declare cur: number;
  constructor(owner: PyObj, items: readonly PyObj[], onHeap: boolean) {
    super(onHeap);
    this.owner = owner;
    this.items = items;
    this.cur = 0;
  }
  next(): PyObj | undefined {
    if (this.cur < this.items.length) return this.items[this.cur++];
    return undefined;
  }
  trace(trace: Tracer): void {
    trace(this.owner);
  }
}

/** What a hash-table iterator yields. */
export const enum TableIterKind {
  Keys = 0,
  Values = 1,
  Items = 2,
}

/**
 * Iterator over a dict or set table in slot order (`dict_iter_next`,
 * `set_it_iternext`): it keeps a slot index, so it carries on across
 * insertions and rehashes exactly as MicroPython's does.
 */
export class PyTableIter extends PyIterator {
  declare readonly owner: PyObj;
  declare readonly map: PyMap;
  declare readonly kind: TableIterKind;
  declare cur: number;
  constructor(
    owner: PyObj,
    map: PyMap,
    kind: TableIterKind,
    onHeap: boolean,
  ) {
    super(onHeap);
    this.owner = owner;
    this.map = map;
    this.kind = kind;
    this.cur = 0;
  }
  next(): PyObj | undefined {
    const keys = this.map.keys;
    const n = keys.length;
    for (let i = this.cur; i < n; i++) {
      const k = keys[i];
      if (k !== undefined && k !== DELETED) {
        this.cur = i + 1;
        switch (this.kind) {
          case TableIterKind.Keys:
            return k;
          case TableIterKind.Values:
            return this.map.values[i] as PyObj;
          case TableIterKind.Items:
            return new PyTuple([k, this.map.values[i] as PyObj]);
        }
      }
    }
    this.cur = n;
    return undefined;
  }
  trace(trace: Tracer): void {
    trace(this.owner);
  }
}

/**
 * Iterator of an object that has `__getitem__` but no `__iter__`
 * (`py/objgetitemiter.c`): indexes 0, 1, 2, … until `IndexError` or
 * `StopIteration` (exactly those types) is raised.
 */
export class PyGetItemIter extends PyIterator {
  declare readonly fn: PyObj;
  declare readonly self: PyObj | undefined;
  declare cur: number;
  constructor(fn: PyObj, self: PyObj | undefined, onStack: boolean) {
    super(!onStack);
    this.fn = fn;
    this.self = self;
    this.cur = 0;
  }
  next(): PyObj | undefined {
    let v: PyObj;
    try {
      v = this.self === undefined
        ? call(this.fn, [this.cur])
        : call(this.fn, [this.self, this.cur]);
    } catch (e) {
      if (
        e instanceof PyException &&
        (e.type === IndexError || e.type === StopIteration)
      ) {
        return undefined;
      }
      throw e;
    }
    this.cur++;
    return v;
  }
  trace(trace: Tracer): void {
    trace(this.fn);
    if (this.self !== undefined) trace(this.self);
  }
}

/**
 * An iterator that indexes `obj.__getitem__` (for objects with `__getitem__`
 * and no `__iter__`); undefined when the object has no `__getitem__`.
 */
export function newGetItemIter(
  obj: PyObj,
  onStack = false,
): PyObj | undefined {
  if (lookupInType(typeOf(obj), "__getitem__") === undefined) return undefined;
  const out: [PyObj, PyObj | undefined] = [None, undefined];
  loadMethod(obj, "__getitem__", out);
  return new PyGetItemIter(out[0], out[1], onStack);
}

setGetItemIter((obj) => newGetItemIter(obj));

/**
 * `iter(obj)` as `mp_getiter` does it: the type's iterator, else an index
 * iterator over `__getitem__`, else `TypeError`. `onStack` asks for a
 * built-in iterator that costs no heap (the VM's for-loop slots).
 */
export function getIterator(obj: PyObj, onStack = false): PyObj {
  const t = typeOf(obj);
  if (t.getIter !== null) return t.getIter(obj, onStack);
  const it = newGetItemIter(obj, onStack);
  if (it !== undefined) return it;
  throw typeError(`'${t.name}' object isn't iterable`);
}

// A `for` loop keeps the iterator in its stack slots: it costs no heap.
const previousIterStack = hooks.iterStack;
hooks.iterStack = (obj, st, at): boolean => {
  if (previousIterStack !== undefined && previousIterStack(obj, st, at)) {
    return true;
  }
  st[at] = undefined;
  st[at + 1] = getIterator(obj, true);
  st[at + 2] = undefined;
  st[at + 3] = undefined;
  return true;
};

iteratorType.iterNext = (self) => (self as PyIterator).next();
iteratorType.getIter = (self) => self;
iteratorType.print = () => "<iterator>";
iteratorType.gcTrace = (self, trace) => (self as PyIterator).trace(trace);

// ---------------------------------------------------------------------------
// enumerate, zip, map, filter, reversed

/** Prints an object of a type without a `print` slot, as MicroPython does. */
function printTypeName(self: PyObj): string {
  return `<${typeOf(self).name}>`;
}

/** `enumerate`. */
export const enumerateType: PyType = makeType("enumerate");
/** `zip`. */
export const zipType: PyType = makeType("zip");
/** `map`. */
export const mapType: PyType = makeType("map");
/** `filter`. */
export const filterType: PyType = makeType("filter");
/** `reversed`. */
export const reversedType: PyType = makeType("reversed");

/** An `enumerate` object. */
export class PyEnumerate extends PyObject {
  declare readonly iter: PyObj;
  declare cur: number;
  constructor(iter: PyObj, start: number) {
    super(enumerateType);
    this.iter = iter;
    this.cur = start;
    this.h = heap.alloc(12, BlockKind.Other);
  }
}

/** A `zip` object. */
export class PyZip extends PyObject {
  declare readonly iters: PyObj[];
  constructor(iters: PyObj[]) {
    super(zipType);
    this.iters = iters;
    this.h = heap.alloc(8 + 4 * iters.length, BlockKind.Other);
  }
}

/** A `map` object. */
export class PyMapIter extends PyObject {
  declare readonly fn: PyObj;
  declare readonly iters: PyObj[];
  constructor(fn: PyObj, iters: PyObj[]) {
    super(mapType);
    this.fn = fn;
    this.iters = iters;
    this.h = heap.alloc(12 + 4 * iters.length, BlockKind.Other);
  }
}

/** A `filter` object. */
export class PyFilter extends PyObject {
  declare readonly fn: PyObj;
  declare readonly iter: PyObj;
  constructor(fn: PyObj, iter: PyObj) {
    super(filterType);
    this.fn = fn;
    this.iter = iter;
    this.h = heap.alloc(12, BlockKind.Other);
  }
}

/** A `reversed` object: indexes its sequence from the end. */
export class PyReversed extends PyObject {
  declare readonly seq: PyObj;
  declare cur: number;
  constructor(seq: PyObj, cur: number) {
    super(reversedType);
    this.seq = seq;
    this.cur = cur;
    this.h = heap.alloc(12, BlockKind.Other);
  }
}

function returnSelf(self: PyObj): PyObj {
  return self;
}

for (const t of [enumerateType, zipType, mapType, filterType, reversedType]) {
  t.getIter = returnSelf;
  t.print = printTypeName;
}

enumerateType.makeNew = (_type, args, kw) => {
  let iterable: PyObj | undefined = args[0];
  let start: PyObj | undefined = args[1];
  if (args.length > 2) throw typeError("extra positional arguments given");
  if (kw !== null && kw.size > 0) {
    let used = 0;
    const ki = kw.get("iterable");
    if (ki !== undefined) {
      if (iterable !== undefined) {
        throw typeError("argument 'iterable' given twice");
      }
      iterable = ki;
      used++;
    }
    const ks = kw.get("start");
    if (ks !== undefined) {
      if (start !== undefined) throw typeError("argument 'start' given twice");
      start = ks;
      used++;
    }
    if (used !== kw.size) throw typeError("extra keyword arguments given");
  }
  if (iterable === undefined) {
    throw typeError("'iterable' argument required");
  }
  const it = getIterator(iterable);
  return new PyEnumerate(it, start === undefined ? 0 : toMachineInt(start));
};
enumerateType.iterNext = (self) => {
  const e = self as PyEnumerate;
  const next = iterNext(e.iter);
  if (next === undefined) return undefined;
  // The counter is a small int in MicroPython: it wraps at 31 bits.
  const i = to31(e.cur);
  e.cur = i + 1;
  return new PyTuple([i, next]);
};
enumerateType.gcTrace = (self, trace) => trace((self as PyEnumerate).iter);

zipType.makeNew = (_type, args, kw) => {
  noKwArgs(kw);
  const iters: PyObj[] = new Array(args.length);
  for (let i = 0; i < args.length; i++) iters[i] = getIterator(args[i]);
  return new PyZip(iters);
};
zipType.iterNext = (self) => {
  const iters = (self as PyZip).iters;
  const n = iters.length;
  if (n === 0) return undefined;
  const items: PyObj[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = iterNext(iters[i]);
    if (v === undefined) return undefined;
    items[i] = v;
  }
  return new PyTuple(items);
};
zipType.gcTrace = (self, trace) => {
  for (const it of (self as PyZip).iters) trace(it);
};

mapType.makeNew = (_type, args, kw) => {
  checkArgs(args, kw, { min: 2, max: 0x7fffffff });
  const iters: PyObj[] = new Array(args.length - 1);
  for (let i = 1; i < args.length; i++) iters[i - 1] = getIterator(args[i]);
  return new PyMapIter(args[0], iters);
};
mapType.iterNext = (self) => {
  const m = self as PyMapIter;
  const n = m.iters.length;
  // MicroPython gathers the arguments in a fresh heap array each step.
  const buf = heap.alloc(4 * n, BlockKind.Other);
  const argv: PyObj[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = iterNext(m.iters[i]);
    if (v === undefined) {
      heap.free(buf);
      return undefined;
    }
    argv[i] = v;
  }
  return call(m.fn, argv);
};
mapType.gcTrace = (self, trace) => {
  const m = self as PyMapIter;
  trace(m.fn);
  for (const it of m.iters) trace(it);
};

filterType.makeNew = (_type, args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  return new PyFilter(args[0], getIterator(args[1]));
};
filterType.iterNext = (self) => {
  const f = self as PyFilter;
  for (;;) {
    const next = iterNext(f.iter);
    if (next === undefined) return undefined;
    const val = f.fn === None ? next : call(f.fn, [next]);
    if (isTrue(val)) return next;
  }
};
filterType.gcTrace = (self, trace) => {
  const f = self as PyFilter;
  trace(f.fn);
  trace(f.iter);
};

reversedType.makeNew = (_type, args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  const seq = args[0];
  if ((typeOf(seq).flags & TypeFlag.UserClass) !== 0) {
    const out: [PyObj, PyObj | undefined] = [None, undefined];
    if (lookupInType(typeOf(seq), "__reversed__") !== undefined) {
      loadMethod(seq, "__reversed__", out);
      return out[1] === undefined ? call(out[0], []) : call(out[0], [out[1]]);
    }
  }
  return new PyReversed(seq, toMachineInt(len(seq)));
};
reversedType.iterNext = (self) => {
  const r = self as PyReversed;
  if (r.cur === 0) return undefined;
  r.cur -= 1;
  const seq = r.seq;
  if (seq instanceof PyList && r.cur < seq.items.length) {
    return seq.items[r.cur];
  }
  return subscrLoad(seq, r.cur);
};
reversedType.gcTrace = (self, trace) => trace((self as PyReversed).seq);

defineBuiltinValue("enumerate", enumerateType);
defineBuiltinValue("zip", zipType);
defineBuiltinValue("map", mapType);
defineBuiltinValue("filter", filterType);
defineBuiltinValue("reversed", reversedType);

// ---------------------------------------------------------------------------
// len, iter, next, min, max, sum, any, all

defineBuiltin("len", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return lenValue(args[0]);
});

defineBuiltin("iter", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  return getIterator(args[0]);
});

/** The value the last exhausted iterator's `StopIteration` carries, if any. */
let stopArg: PyObj | undefined = undefined;

/**
 * Records the value of the `StopIteration` that ends an iterator, just
 * before its `iterNext` returns undefined (a generator's return value), so
 * that `next(it)` raises `StopIteration(value)` as MicroPython does while
 * loops simply stop.
 */
export function setStopIterationArg(v: PyObj | undefined): void {
  stopArg = v;
}

/** Takes (and clears) the value recorded by {@link setStopIterationArg}. */
export function takeStopIterationArg(): PyObj | undefined {
  const v = stopArg;
  stopArg = undefined;
  return v;
}

defineBuiltin("next", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 2 });
  stopArg = undefined;
  const v = iterNext(args[0]);
  if (v !== undefined) return v;
  if (args.length === 2) return args[1];
  const arg = stopArg;
  stopArg = undefined;
  throw stopIteration(arg === None ? undefined : arg);
});

function minMax(args: PyObj[], kw: KwArgs, op: BinaryOp): PyObj {
  if (args.length === 0) {
    throw typeError("function missing 1 required positional arguments");
  }
  const keyFn = kw === null ? undefined : kw.get("key");
  let bestKey: PyObj | undefined = undefined;
  let bestObj: PyObj | undefined = undefined;
  const consider = (item: PyObj): void => {
    const key = keyFn === undefined ? item : call(keyFn, [item]);
    if (bestObj === undefined) {
      bestKey = key;
      bestObj = item;
      return;
    }
    let better: boolean;
    if (typeof key === "number" && typeof bestKey === "number") {
      better = op === BinaryOp.Less ? key < bestKey : key > bestKey;
    } else {
      better = binaryOp(op, key, bestKey as PyObj) === true;
    }
    if (better) {
      bestKey = key;
      bestObj = item;
    }
  };
  if (args.length === 1) {
    const it = getIterator(args[0], true);
    for (let x = iterNext(it); x !== undefined; x = iterNext(it)) consider(x);
    if (bestObj === undefined) {
      const dflt = kw === null ? undefined : kw.get("default");
      if (dflt !== undefined) return dflt;
      throw valueError("arg is an empty sequence");
    }
    return bestObj;
  }
  for (let i = 0; i < args.length; i++) consider(args[i]);
  return bestObj as unknown as PyObj;
}

defineBuiltin("min", (args, kw) => minMax(args, kw, BinaryOp.Less));
defineBuiltin("max", (args, kw) => minMax(args, kw, BinaryOp.More));

const SMALL_INT_MAX = 0x3fffffff;

/** `value + x` for `sum`, with the int fast path. */
function addItem(value: PyObj, x: PyObj): PyObj {
  if (typeof value === "number" && typeof x === "number") {
    const r = value + x;
    if (r <= SMALL_INT_MAX && r >= -SMALL_INT_MAX - 1) return r;
    if (Number.isSafeInteger(r)) return newInt(r);
  }
  return binaryOp(BinaryOp.Add, value, x);
}

defineBuiltin("sum", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 2 });
  let value: PyObj = args.length === 1 ? 0 : args[1];
  const src = args[0];
  if (src instanceof PyList || src instanceof PyTuple) {
    // What the loop-slot iterator would yield, without making one.
    for (let i = 0; i < src.items.length; i++) {
      value = addItem(value, src.items[i]);
    }
    return value;
  }
  const it = getIterator(src, true);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    value = addItem(value, x);
  }
  return value;
});

defineBuiltin("any", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  const it = getIterator(args[0], true);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    if (isTrue(x)) return true;
  }
  return false;
});

defineBuiltin("all", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 1 });
  const it = getIterator(args[0], true);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
    if (!isTrue(x)) return false;
  }
  return true;
});
