/**
 * `collections` (`py/modcollections.c`, `py/objdeque.c`,
 * `py/objnamedtuple.c`): `deque` (a fixed-size ring buffer: `maxlen` is
 * required, overflow drops from the other end unless the strict flag asks
 * for `IndexError("full")`), `namedtuple` (new tuple types with named
 * fields, printed as `Name(a=1, b=2)`) and `OrderedDict` (a dict over an
 * ordered table: insertion order, LIFO `popitem`, order-sensitive equality
 * between two of them).
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { defineFunction, defineModule } from "./builtins.ts";
import {
  attributeError,
  indexError,
  newException,
  typeError,
  ValueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { PyMap } from "./map.ts";
import {
  defineMethod,
  dictType,
  emptyTuple,
  type KwArgs,
  makeType,
  None,
  PrintKind,
  PyDict,
  PyList,
  type PyObj,
  PyObject,
  PyTuple,
  PyType,
  tupleType,
  TypeFlag,
} from "./obj.ts";
import {
  call,
  equals,
  iterNext,
  noAttribute,
  repr,
  typeName,
} from "./runtime.ts";
import { getIndex, unhashable } from "./sequence.ts";
import { getIterator } from "./obj_iter.ts";
import { checkArgs, toMachineInt } from "./mod_support.ts";

// ---------------------------------------------------------------------------
// deque

/** `collections.deque`. */
export const dequeType: PyType = makeType("deque");
const dequeIterType: PyType = makeType("iterator");

/** A deque: a ring of `alloc = maxlen + 1` slots between `get` and `put`. */
export class PyDeque extends PyObject {
  readonly items: (PyObj | undefined)[];
  readonly alloc: number;
  get: number;
  put: number;
  readonly strict: boolean;
  /** Heap address of the item ring. */
  readonly itemsAddr: number;
  constructor(type: PyType, maxlen: number, strict: boolean) {
    super(type);
    this.alloc = maxlen + 1;
    this.items = new Array(this.alloc);
    this.get = 0;
    this.put = 0;
    this.strict = strict;
    this.h = heap.alloc(24, BlockKind.Other);
    this.itemsAddr = heap.alloc(4 * this.alloc, BlockKind.Other);
  }

  get length(): number {
    const n = this.put - this.get;
    return n < 0 ? n + this.alloc : n;
  }

  append(v: PyObj): void {
    let next = this.put + 1;
    if (next === this.alloc) next = 0;
    if (this.strict && next === this.get) throw indexError("full");
    this.items[this.put] = v;
    this.put = next;
    if (this.get === next) {
      this.items[this.get] = undefined;
      this.get = this.get + 1 === this.alloc ? 0 : this.get + 1;
    }
  }

  appendLeft(v: PyObj): void {
    const next = this.get === 0 ? this.alloc - 1 : this.get - 1;
    if (this.strict && next === this.put) throw indexError("full");
    this.get = next;
    this.items[next] = v;
    if (this.put === next) {
      this.put = this.put === 0 ? this.alloc - 1 : this.put - 1;
      this.items[this.put] = undefined;
    }
  }

  /** The slot of the `i`th item from the left. */
  slot(i: number): number {
    const s = this.get + i;
    return s >= this.alloc ? s - this.alloc : s;
  }
}

class PyDequeIter extends PyObject {
  readonly deque: PyDeque;
  pos: number;
  constructor(deque: PyDeque, onStack: boolean) {
    super(dequeIterType);
    this.deque = deque;
    this.pos = deque.get;
    this.h = onStack ? 0 : heap.alloc(16, BlockKind.Other);
  }
}

function dequeOf(v: PyObj): PyDeque {
  if (v instanceof PyDeque) return v;
  const native = (v as { native?: PyObj }).native;
  if (native instanceof PyDeque) return native;
  throw typeError("deque expected");
}

function extendDeque(d: PyDeque, iterable: PyObj): void {
  const it = getIterator(iterable, true);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) d.append(x);
}

dequeType.flags |= TypeFlag.BaseType;
dequeType.makeNew = (type, args, kw) => {
  checkArgs(args, kw, 2, 3);
  const maxlen = toMachineInt(args[1]);
  if (maxlen < 0) throw newException(ValueError);
  const strict = args.length > 2 && (toMachineInt(args[2]) & 1) !== 0;
  const d = new PyDeque(
    (type.flags & TypeFlag.UserClass) === 0 ? type : dequeType,
    maxlen,
    strict,
  );
  // The board skips the iteration (and its iterator) for the empty tuple.
  if (args[0] !== emptyTuple) extendDeque(d, args[0]);
  return d;
};
dequeType.unaryOp = (op, self) => {
  const d = self as PyDeque;
  switch (op) {
    case UnaryOp.Bool:
      return d.get !== d.put;
    case UnaryOp.Len:
      return d.length;
    case UnaryOp.Sizeof:
      return 24 + 4 * d.alloc;
  }
  return undefined;
};
dequeType.subscrLoad = (self, index) => {
  const d = self as PyDeque;
  const i = getIndex("deque", d.length, index);
  return d.items[d.slot(i)] as PyObj;
};
dequeType.subscrStore = (self, index, value) => {
  if (value === undefined) return false;
  const d = self as PyDeque;
  const i = getIndex("deque", d.length, index);
  d.items[d.slot(i)] = value;
  return true;
};
dequeType.getIter = (self, onStack) =>
  new PyDequeIter(self as PyDeque, onStack === true);
dequeType.gcTrace = (self, trace) => {
  const d = self as PyDeque;
  for (let i = 0; i < d.length; i++) trace(d.items[d.slot(i)]);
};
dequeType.print = () => "<deque>";
dequeType.hash = unhashable;
dequeIterType.print = () => "<iterator>";
dequeIterType.getIter = (self) => self;
dequeIterType.iterNext = (self) => {
  const it = self as PyDequeIter;
  const d = it.deque;
  if (it.pos === d.put) return undefined;
  const v = d.items[it.pos];
  it.pos = it.pos + 1 === d.alloc ? 0 : it.pos + 1;
  return v;
};
dequeIterType.gcTrace = (self, trace) => trace((self as PyDequeIter).deque);

defineMethod(dequeType, "append", (args, kw) => {
  checkArgs(args, kw, 2);
  dequeOf(args[0]).append(args[1]);
  return None;
});
defineMethod(dequeType, "appendleft", (args, kw) => {
  checkArgs(args, kw, 2);
  dequeOf(args[0]).appendLeft(args[1]);
  return None;
});
defineMethod(dequeType, "extend", (args, kw) => {
  checkArgs(args, kw, 2);
  extendDeque(dequeOf(args[0]), args[1]);
  return None;
});
defineMethod(dequeType, "pop", (args, kw) => {
  checkArgs(args, kw, 1);
  const d = dequeOf(args[0]);
  if (d.get === d.put) throw indexError("empty");
  d.put = d.put === 0 ? d.alloc - 1 : d.put - 1;
  const v = d.items[d.put] as PyObj;
  d.items[d.put] = undefined;
  return v;
});
defineMethod(dequeType, "popleft", (args, kw) => {
  checkArgs(args, kw, 1);
  const d = dequeOf(args[0]);
  if (d.get === d.put) throw indexError("empty");
  const v = d.items[d.get] as PyObj;
  d.items[d.get] = undefined;
  d.get = d.get + 1 === d.alloc ? 0 : d.get + 1;
  return v;
});

// ---------------------------------------------------------------------------
// namedtuple

/** The field names of each namedtuple type. */
const namedTupleFields = new WeakMap<PyType, string[]>();

/** The field names behind a namedtuple type (or a user subclass of one). */
function fieldsOf(type: PyType): { fields: string[]; base: PyType } | null {
  for (const t of type.mro) {
    const f = namedTupleFields.get(t);
    if (f !== undefined) return { fields: f, base: t };
  }
  return null;
}

function tupleOf(v: PyObj): PyTuple | null {
  if (v instanceof PyTuple) return v;
  const native = (v as { native?: PyObj }).native;
  return native instanceof PyTuple ? native : null;
}

function namedTupleMakeNew(type: PyType, args: PyObj[], kw: KwArgs): PyObj {
  const info = fieldsOf(type);
  if (info === null) throw typeError("bad namedtuple");
  const { fields, base } = info;
  const n = fields.length;
  const nKw = kw === null ? 0 : kw.size;
  if (args.length + nKw !== n) {
    throw typeError(
      `${type.name}() takes ${n} positional arguments but ${
        args.length + nKw
      } were given`,
    );
  }
  const items: (PyObj | undefined)[] = args.slice();
  items.length = n;
  if (kw !== null) {
    for (const [name, value] of kw) {
      const id = fields.indexOf(name);
      if (id < 0) throw typeError(`unexpected keyword argument '${name}'`);
      if (items[id] !== undefined) {
        throw typeError(`function got multiple values for argument '${name}'`);
      }
      items[id] = value;
    }
  }
  const tupleType = (type.flags & TypeFlag.UserClass) === 0 ? type : base;
  return new PyTuple(items as PyObj[], tupleType);
}

function namedTuplePrint(self: PyObj, _kind: PrintKind): string {
  const t = tupleOf(self) as PyTuple;
  const info = fieldsOf(t.type);
  const fields = info === null ? [] : info.fields;
  const parts = t.items.map((v, i) => `${fields[i]}=${repr(v)}`);
  return `${t.type.name}(${parts.join(", ")})`;
}

function namedTupleLoadAttr(self: PyObj, name: string): PyObj | undefined {
  const t = tupleOf(self);
  if (t === null) return undefined;
  const info = fieldsOf(t.type);
  if (info === null) return undefined;
  const id = info.fields.indexOf(name);
  if (id >= 0) return t.items[id];
  if (name === "__class__") return undefined;
  if (self === t) throw noAttribute(self, name);
  return undefined;
}

function namedTupleStoreAttr(): boolean {
  throw attributeError("can't set attribute");
}

/** Makes a new namedtuple type (`mp_obj_new_namedtuple_type`). */
export function newNamedTupleType(name: string, fields: string[]): PyType {
  const t = new PyType(name, [tupleType], TypeFlag.BaseType);
  // A namedtuple is a tuple in every other respect.
  t.unaryOp = tupleType.unaryOp;
  t.binaryOp = tupleType.binaryOp;
  t.subscrLoad = tupleType.subscrLoad;
  t.getIter = tupleType.getIter;
  t.hash = tupleType.hash;
  t.getBuffer = tupleType.getBuffer;
  t.gcTrace = tupleType.gcTrace;
  t.makeNew = namedTupleMakeNew;
  t.print = namedTuplePrint;
  t.loadAttr = namedTupleLoadAttr;
  t.storeAttr = namedTupleStoreAttr;
  t.h = heap.alloc(64 + 4 * fields.length, BlockKind.Other);
  namedTupleFields.set(t, fields);
  return t;
}

function qstrArg(v: PyObj): string {
  if (typeof v === "string") return v;
  throw typeError(`can't convert '${typeName(v)}' object to str implicitly`);
}

function namedTuple(args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, 2);
  const name = qstrArg(args[0]);
  const spec = args[1];
  let fields: string[];
  if (typeof spec === "string") {
    fields = spec.split(/[ \t\n\r\v\f]+/).filter((s) => s.length > 0);
    // The board splits the str into a list first (garbage afterwards).
    new PyList(fields.slice());
  } else if (spec instanceof PyTuple || spec instanceof PyList) {
    fields = spec.items.map(qstrArg);
  } else {
    // Other iterables are not taken (mp_obj_get_array).
    throw typeError(`object '${typeName(spec)}' isn't a tuple or list`);
  }
  return newNamedTupleType(name, fields);
}

// ---------------------------------------------------------------------------
// OrderedDict

/** `collections.OrderedDict`. */
export const orderedDictType: PyType = new PyType(
  "OrderedDict",
  [dictType],
  TypeFlag.BaseType,
);

function orderedMakeNew(type: PyType, args: PyObj[], kw: KwArgs): PyObj {
  if (args.length > 1) {
    throw typeError(
      `function expected at most 2 arguments, got ${args.length + 1}`,
    );
  }
  const d = new PyDict(
    new PyMap(0, 8, true),
    (type.flags & TypeFlag.UserClass) === 0 ? type : orderedDictType,
  );
  const update = dictType.dict.get("update");
  if (update !== undefined) {
    call(update, args.length > 0 ? [d, args[0]] : [d], kw);
  }
  return d;
}

function orderedEqual(a: PyDict, b: PyDict): boolean {
  if (a.map.used !== b.map.used) return false;
  for (let i = 0; i < a.map.used; i++) {
    if (!equals(a.map.keys[i] as PyObj, b.map.keys[i] as PyObj)) return false;
    if (!equals(a.map.values[i] as PyObj, b.map.values[i] as PyObj)) {
      return false;
    }
  }
  return true;
}

let orderedReady = false;

/** Gives OrderedDict the dict behaviour (once the dict type is complete). */
function setUpOrderedDict(): void {
  if (orderedReady) return;
  orderedReady = true;
  const t = orderedDictType;
  t.print = dictType.print;
  t.unaryOp = dictType.unaryOp;
  t.subscrLoad = dictType.subscrLoad;
  t.subscrStore = dictType.subscrStore;
  t.getIter = dictType.getIter;
  t.hash = dictType.hash;
  t.gcTrace = dictType.gcTrace;
  t.makeNew = orderedMakeNew;
  const dictBinaryOp = dictType.binaryOp;
  t.binaryOp = (op, lhs, rhs) => {
    if (op === BinaryOp.Equal) {
      if (rhs instanceof PyDict && rhs.map.ordered) {
        return orderedEqual(lhs as PyDict, rhs);
      }
      if (rhs instanceof PyDict) return false;
    }
    return dictBinaryOp === null ? undefined : dictBinaryOp(op, lhs, rhs);
  };
}

defineModule("collections", (dict) => {
  setUpOrderedDict();
  dict.set("deque", dequeType);
  defineFunction(dict, "namedtuple", namedTuple);
  dict.set("OrderedDict", orderedDictType);
}, { extensible: true });
