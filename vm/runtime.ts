/**
 * Generic operations on any value (`py/runtime.c`): truth, repr/str, hashing,
 * equality, operators, attributes, calls, iteration and subscripts, with
 * MicroPython's dispatch order and error messages. Each operation takes the
 * fast path for native JavaScript values and otherwise calls the slots of the
 * value's type.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { attributeError, BaseException, nameError, typeError } from "./exc.ts";
import { builtinsDict } from "./builtins.ts";
import { hashKey, setKeySemantics } from "./map.ts";
import { heap } from "./heap.ts";
import {
  boundMethodType,
  classmethodType,
  type KwArgs,
  listType,
  lookupInType,
  None,
  noneType,
  objectType,
  PrintKind,
  PyBoundMethod,
  PyDict,
  PyException,
  PyFloat,
  PyList,
  PyMethodWrapper,
  PyModule,
  PyNativeFunction,
  type PyObj,
  PyObject,
  PyProperty,
  PySet,
  PySingleton,
  PyTuple,
  PyType,
  staticmethodType,
  TypeFlag,
  typeOf,
  typeType,
} from "./obj.ts";

/** Method names of the binary operators, by operator number (for messages and dunder lookup). */
export const BINARY_OP_METHOD: readonly string[] = [
  "__lt__",
  "__gt__",
  "__eq__",
  "__le__",
  "__ge__",
  "__ne__",
  "__contains__",
  "__is__",
  "__exception_match__",
  "__ior__",
  "__ixor__",
  "__iand__",
  "__ilshift__",
  "__irshift__",
  "__iadd__",
  "__isub__",
  "__imul__",
  "__imatmul__",
  "__ifloordiv__",
  "__itruediv__",
  "__imod__",
  "__ipow__",
  "__or__",
  "__xor__",
  "__and__",
  "__lshift__",
  "__rshift__",
  "__add__",
  "__sub__",
  "__mul__",
  "__matmul__",
  "__floordiv__",
  "__truediv__",
  "__mod__",
  "__pow__",
  "__divmod__",
  "__contains__",
  "__ror__",
  "__rxor__",
  "__rand__",
  "__rlshift__",
  "__rrshift__",
  "__radd__",
  "__rsub__",
  "__rmul__",
  "__rmatmul__",
  "__rfloordiv__",
  "__rtruediv__",
  "__rmod__",
  "__rpow__",
];

/** Method names of the unary operators, by operator number. */
export const UNARY_OP_METHOD: readonly string[] = [
  "__pos__",
  "__neg__",
  "__invert__",
  "<not>",
  "__bool__",
  "__len__",
  "__hash__",
  "__abs__",
  "__int__",
  "__float__",
  "__complex__",
  "__sizeof__",
];

/** The name of a value's type, as messages print it. */
export function typeName(v: PyObj): string {
  return typeOf(v).name;
}

// ---------------------------------------------------------------------------
// Truth, text, hashing, equality

/** Truth value (`bool(v)`). */
export function isTrue(v: PyObj): boolean {
  switch (typeof v) {
    case "boolean":
      return v;
    case "number":
      return v !== 0;
    case "string":
      return v.length !== 0;
    case "bigint":
      return v !== 0n;
  }
  if (v === None) return false;
  const t = v.type;
  if (t.unaryOp !== null) {
    const r = t.unaryOp(UnaryOp.Bool, v);
    if (r !== undefined) return r === true;
    const n = t.unaryOp(UnaryOp.Len, v);
    if (n !== undefined) return n !== 0;
  }
  return true;
}

/** `repr(v)`. */
export function repr(v: PyObj): string {
  return print(v, PrintKind.Repr);
}

/** `str(v)`. */
export function str(v: PyObj): string {
  if (typeof v === "string") return v;
  return print(v, PrintKind.Str);
}

/** Text of `v` for `str()` or `repr()`. */
export function print(v: PyObj, kind: PrintKind): string {
  const t = typeOf(v);
  if (t.print !== null) return t.print(v, kind);
  switch (typeof v) {
    case "number":
    case "bigint":
      return String(v);
    case "boolean":
      return v ? "True" : "False";
    case "string":
      return kind === PrintKind.Repr ? simpleStrRepr(v) : v;
  }
  if (v instanceof PySingleton) return v.name;
  // A built-in type without a print of its own shows just its name.
  return `<${t.name}>`;
}

/** repr of a str before the str type has its own: quotes and escapes. */
function simpleStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) {
      out += "\\x" + c.toString(16).padStart(2, "0");
    } else out += ch;
  }
  return out + q;
}

const ids = new WeakMap<PyObject, number>();
let nextId = 0x1000;

/** A stable identity number for `v` (what `id()` returns for heap objects). */
export function idOf(v: PyObj): number {
  // A small int's id is its tagged word, 2n+1, as MicroPython's id() gives.
  if (typeof v === "number") return 2 * v + 1;
  if (typeof v !== "object") return hashKey(v);
  let id = ids.get(v);
  if (id === undefined) {
    id = nextId;
    nextId += 16;
    ids.set(v, id);
  }
  return id;
}

/** `hash(v)`; raises `TypeError` for unhashable values. */
export function hash(v: PyObj): number {
  if (typeof v !== "object") return hashKey(v);
  const t = v.type;
  if (t.hash !== null) return t.hash(v);
  if (t.unaryOp !== null) {
    const r = t.unaryOp(UnaryOp.Hash, v);
    if (r !== undefined) return r as number;
  }
  if (v === None) return 6;
  return idOf(v);
}

/** Python equality `a == b`. */
export function equals(a: PyObj, b: PyObj): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === "number" && tb === "number") return false;
  if (ta === "string" && tb === "string") return false;
  return isTrue(binaryOp(BinaryOp.Equal, a, b));
}

setKeySemantics({ hash, equals });

// ---------------------------------------------------------------------------
// Operators

/** A unary operator on any value. */
export function unaryOp(op: UnaryOp, v: PyObj): PyObj {
  if (op === UnaryOp.Not) return !isTrue(v);
  const t = typeOf(v);
  if (t.unaryOp !== null) {
    const r = t.unaryOp(op, v);
    if (r !== undefined) return r;
  }
  if (op === UnaryOp.Hash) return hash(v);
  if (op === UnaryOp.Bool) return isTrue(v);
  throw typeError(
    `unsupported type for ${UNARY_OP_METHOD[op]}: '${t.name}'`,
  );
}

/** True when `e` (an exception instance or class) matches the class or tuple of classes `match`. */
export function exceptionMatches(e: PyObj, match: PyObj): boolean {
  const et = e instanceof PyType ? e : typeOf(e);
  // What is not an exception class fails as MicroPython's exception-match
  // operator does: an unsupported operation whose name is empty.
  const unsupported = (m: PyObj): PyException =>
    typeError(`unsupported types for : '${typeName(e)}', '${typeName(m)}'`);
  if (match instanceof PyType) {
    if (!isSubclassOf(match, BaseException)) throw unsupported(match);
    return isSubclassOf(et, match);
  }
  if (match instanceof PyTuple) {
    for (const m of match.items) {
      if (!(m instanceof PyType) || !isSubclassOf(m, BaseException)) {
        throw unsupported(m);
      }
      if (isSubclassOf(et, m)) return true;
    }
    return false;
  }
  throw unsupported(match);
}

function isSubclassOf(t: PyType, base: PyType): boolean {
  return t === base || t.mro.includes(base);
}

/**
 * A binary operator on any value, in MicroPython's order: identity,
 * equality, exception matching, `in`, then the left operand's type, then the
 * reflected operator on the right operand's type.
 */
export function binaryOp(op: BinaryOp, lhs: PyObj, rhs: PyObj): PyObj {
  switch (op) {
    case BinaryOp.Is:
      return isSame(lhs, rhs);
    case BinaryOp.Equal:
    case BinaryOp.NotEqual: {
      // A class's __eq__ (or __ne__) answers, the left operand's first and
      // then the right one's; its result is returned as it is.
      const r = userEquality(op, lhs, rhs) ?? userEquality(op, rhs, lhs);
      if (r !== undefined) return r;
      const eq = equalsGeneric(lhs, rhs);
      return op === BinaryOp.Equal ? eq : !eq;
    }
    case BinaryOp.ExceptionMatch:
      return exceptionMatches(lhs, rhs);
    case BinaryOp.In:
      return contains(rhs, lhs);
  }
  let t = typeOf(lhs);
  if (t.binaryOp !== null) {
    const r = t.binaryOp(op, lhs, rhs);
    if (r !== undefined && r !== NotImplementedValue) return r;
  }
  // An in-place operator falls back to the plain one.
  if (op >= BinaryOp.InplaceOr && op <= BinaryOp.InplacePower) {
    op += BinaryOp.Or - BinaryOp.InplaceOr;
    if (t.binaryOp !== null) {
      const r = t.binaryOp(op, lhs, rhs);
      if (r !== undefined && r !== NotImplementedValue) return r;
    }
  }
  if (op >= BinaryOp.Or && op <= BinaryOp.Power) {
    t = typeOf(rhs);
    if (t.binaryOp !== null) {
      const r = t.binaryOp(
        op + (BinaryOp.ReverseOr - BinaryOp.Or),
        rhs,
        lhs,
      );
      if (r !== undefined && r !== NotImplementedValue) return r;
    }
  }
  throw typeError(
    `unsupported types for ${BINARY_OP_METHOD[op]}: '${typeName(lhs)}', '${
      typeName(rhs)
    }'`,
  );
}

/** `a == b` or `a != b` by the methods of `a`'s class, when it is a class. */
function userEquality(op: BinaryOp, a: PyObj, b: PyObj): PyObj | undefined {
  if (typeof a !== "object") return undefined;
  const t = a.type;
  if ((t.flags & TypeFlag.UserClass) === 0 || t.binaryOp === null) {
    return undefined;
  }
  const r = t.binaryOp(op, a, b);
  return r === NotImplementedValue ? undefined : r;
}

/** `a is b`. */
export function isSame(a: PyObj, b: PyObj): boolean {
  return a === b;
}

function equalsGeneric(a: PyObj, b: PyObj): boolean {
  if (a === b) {
    // A float NaN is not equal to itself, even when it is the same object.
    return !(a instanceof PyFloat && Number.isNaN(a.value));
  }
  let t = typeOf(a);
  if (t.binaryOp !== null) {
    const r = t.binaryOp(BinaryOp.Equal, a, b);
    if (r !== undefined && r !== NotImplementedValue) return isTrue(r);
  }
  t = typeOf(b);
  if (t.binaryOp !== null) {
    const r = t.binaryOp(BinaryOp.Equal, b, a);
    if (r !== undefined && r !== NotImplementedValue) return isTrue(r);
  }
  return false;
}

// Set by the module that defines NotImplemented handling; kept as a value so
// that equality can ignore it without importing behaviour files.
let NotImplementedValue: PyObj | undefined = undefined;

/** Tells the runtime which object is `NotImplemented`. */
export function setNotImplemented(v: PyObj): void {
  NotImplementedValue = v;
}

/** `item in container`. */
export function contains(container: PyObj, item: PyObj): boolean {
  const t = typeOf(container);
  if (t.binaryOp !== null) {
    const r = t.binaryOp(BinaryOp.Contains, container, item);
    if (r !== undefined) return isTrue(r);
  }
  if (t.getIter !== null) {
    // As `mp_binary_op` does, with the iterator in a buffer on the C stack:
    // a built-in iterator costs no heap.
    const it = t.getIter(container, true);
    for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
      if (equals(x, item)) return true;
    }
    return false;
  }
  throw typeError(`'${t.name}' object isn't iterable`);
}

// ---------------------------------------------------------------------------
// Calls

/** Calls `f(*args, **kw)`. */
export function call(f: PyObj, args: PyObj[], kw: KwArgs = null): PyObj {
  const t = typeOf(f);
  if (t.call !== null) return t.call(f, args, kw);
  throw typeError(`'${t.name}' object isn't callable`);
}

/** True when `v` can be called. */
export function isCallable(v: PyObj): boolean {
  const t = typeOf(v);
  if (t.call === null) return false;
  if ((t.flags & TypeFlag.UserClass) !== 0) {
    return lookupInType(t, "__call__") !== undefined;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Attributes

/**
 * What a member found on a type becomes when loaded through `self`
 * (`mp_convert_member_lookup`): functions bind, staticmethods unwrap,
 * classmethods bind to the class, properties call their getter.
 */
export function bindMember(
  member: PyObj,
  self: PyObj,
  owner: PyType,
): PyObj {
  if (typeof member !== "object") return member;
  const mt = member.type;
  if ((mt.flags & TypeFlag.BindsAsMethod) !== 0) {
    return new PyBoundMethod(member, self);
  }
  if (mt === staticmethodType) return (member as PyMethodWrapper).fn;
  if (mt === classmethodType) {
    return new PyBoundMethod((member as PyMethodWrapper).fn, owner);
  }
  if (member instanceof PyProperty) {
    if (member.fget === None) throw attributeError("unreadable attribute");
    return call(member.fget, [self]);
  }
  return member;
}

/** `getattr(obj, name)`, or undefined when the attribute does not exist. */
export function loadAttrMaybe(obj: PyObj, name: string): PyObj | undefined {
  const t = typeOf(obj);
  if (t.loadAttr !== null) {
    const v = t.loadAttr(obj, name);
    if (v !== undefined) return v;
    if ((t.flags & TypeFlag.UserClass) !== 0 || t === typeType) {
      return undefined;
    }
  }
  if (name === "__class__") return t;
  const member = lookupInType(t, name);
  if (member === undefined || inheritedFromObject(t, name, member)) {
    if (name === "__next__" && t.iterNext !== null && t !== typeType) {
      // Anything that iterates has __next__, as next(obj).
      return new PyBoundMethod(nextMethod, obj);
    }
    return undefined;
  }
  return bindMember(member, obj, t);
}

/** The `__next__` any iterator has: `next(self)`. */
const nextMethod = new PyNativeFunction(
  "__next__",
  (args: PyObj[]): PyObj => call(builtinsDict.get("next") as PyObj, [args[0]]),
);

/**
 * True when `member` is `object`'s own method reached through another type:
 * MicroPython's built-in types do not inherit `object`'s table.
 */
function inheritedFromObject(t: PyType, name: string, member: PyObj): boolean {
  return t !== objectType && objectType.dict.get(name) === member;
}

/** `getattr(obj, name)`; raises `AttributeError`. */
export function getAttr(obj: PyObj, name: string): PyObj {
  const v = loadAttrMaybe(obj, name);
  if (v !== undefined) return v;
  throw noAttribute(obj, name);
}

/** The `AttributeError` for a missing attribute, worded as MicroPython words it. */
export function noAttribute(obj: PyObj, name: string): PyException {
  if (obj instanceof PyModule) {
    return attributeError(
      `module '${obj.name}' has no attribute '${name}'`,
    );
  }
  if (obj instanceof PyType) {
    return attributeError(
      `type object '${obj.name}' has no attribute '${name}'`,
    );
  }
  return attributeError(
    `'${typeName(obj)}' object has no attribute '${name}'`,
  );
}

/**
 * Method lookup without creating a bound method (`LOAD_METHOD`): returns
 * `[fn, self]` when the attribute is a plain method, else `[value, undefined]`.
 */
export function loadMethod(
  obj: PyObj,
  name: string,
  out: [PyObj, PyObj | undefined],
): void {
  const t = typeOf(obj);
  if ((t.flags & TypeFlag.UserClass) !== 0) {
    if (instanceLoadMethod !== null && instanceLoadMethod(obj, name, out)) {
      return;
    }
  } else if (t !== typeType && t.loadAttr === null) {
    const member = lookupInType(t, name);
    if (
      member !== undefined && typeof member === "object" &&
      !inheritedFromObject(t, name, member) &&
      (member.type.flags & TypeFlag.BindsAsMethod) !== 0
    ) {
      out[0] = member;
      out[1] = obj;
      return;
    }
  }
  const v = getAttr(obj, name);
  if (v instanceof PyObject && v.type === boundMethodType) {
    out[0] = (v as PyBoundMethod).fn;
    out[1] = (v as PyBoundMethod).self;
    return;
  }
  out[0] = v;
  out[1] = undefined;
}

/** `setattr(obj, name, value)`, or `delattr` when value is undefined. */
export function storeAttr(
  obj: PyObj,
  name: string,
  value: PyObj | undefined,
): void {
  const t = typeOf(obj);
  if (t.storeAttr !== null && t.storeAttr(obj, name, value)) return;
  throw attributeError(
    `'${t.name}' object has no attribute '${name}'`,
  );
}

// ---------------------------------------------------------------------------
// Iteration

/** `iter(obj)`. */
export function getIter(obj: PyObj): PyObj {
  const t = typeOf(obj);
  if (t.getIter !== null) return t.getIter(obj);
  throw typeError(`'${t.name}' object isn't iterable`);
}

/** Next item of an iterator, or undefined when it is exhausted. */
export function iterNext(it: PyObj): PyObj | undefined {
  const t = typeOf(it);
  if (t.iterNext !== null) return t.iterNext(it);
  throw typeError(`'${t.name}' object isn't an iterator`);
}

/** All items of an iterable, as a JavaScript array. */
export function toArray(iterable: PyObj): PyObj[] {
  const out: PyObj[] = [];
  const it = getIter(iterable);
  for (let x = iterNext(it); x !== undefined; x = iterNext(it)) out.push(x);
  return out;
}

// ---------------------------------------------------------------------------
// Subscripts

/** `obj[index]`. */
export function subscrLoad(obj: PyObj, index: PyObj): PyObj {
  const t = typeOf(obj);
  if (t.subscrLoad !== null) {
    const r = t.subscrLoad(obj, index);
    if (r !== undefined) return r;
  }
  throw typeError(`'${t.name}' object isn't subscriptable`);
}

/** `obj[index] = value`, or `del obj[index]` when value is undefined. */
export function subscrStore(
  obj: PyObj,
  index: PyObj,
  value: PyObj | undefined,
): void {
  const t = typeOf(obj);
  if (t.subscrStore !== null && t.subscrStore(obj, index, value)) return;
  throw typeError(
    value === undefined
      ? `'${t.name}' object doesn't support item deletion`
      : `'${t.name}' object doesn't support item assignment`,
  );
}

// ---------------------------------------------------------------------------
// Conversions

/** `len(obj)`. */
export function len(obj: PyObj): number {
  const n = lenValue(obj);
  if (typeof n === "number") return n;
  if (typeof n === "boolean") return n ? 1 : 0;
  // A class's __len__ may return anything; code that needs a size needs an int.
  throw typeError(
    `'${typeName(n)}' object cannot be interpreted as an integer`,
  );
}

/** What `len(obj)` returns: a class's `__len__` result is passed on as it is. */
export function lenValue(obj: PyObj): PyObj {
  if (typeof obj === "string") return strLength(obj);
  const t = typeOf(obj);
  if (t.unaryOp !== null) {
    const n = t.unaryOp(UnaryOp.Len, obj);
    if (n !== undefined) return n;
  }
  throw typeError(`object of type '${t.name}' has no len()`);
}

/** Number of code points of a str (surrogate pairs count once). */
export function strLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/** The int value of an int or bool, for arguments that must be ints. */
export function toInt(v: PyObj): number | bigint {
  if (typeof v === "number" || typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw typeError(`can't convert ${typeName(v)} to int`);
}

/** A small int argument (index, count…) as a JavaScript number. */
export function toSmallInt(v: PyObj): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  throw typeError(`can't convert ${typeName(v)} to int`);
}

/** The `NameError` for an undefined name. */
export function nameNotDefined(name: string): PyException {
  return nameError(`name '${name}' isn't defined`);
}

/** `None` check that also accepts the NULL marker. */
export function isNone(v: PyObj | undefined): boolean {
  return v === undefined || v === None;
}

/** The type of None, for files that need it without the singleton. */
export { noneType };

// ---------------------------------------------------------------------------
// Container stores the interpreter uses (comprehensions, displays)

/** `lst.append(v)`: grows the item array as MicroPython does (doubling). */
export function listAppend(lst: PyObj, v: PyObj): void {
  if (lst instanceof PyList && lst.type === listType) {
    const items = lst.items;
    if (items.length >= lst.alloc) {
      const alloc = lst.alloc * 2;
      lst.itemsAddr = heap.realloc(lst.itemsAddr, 4 * alloc, true);
      lst.alloc = alloc;
    }
    items.push(v);
    return;
  }
  call(getAttr(lst, "append"), [v]);
}

/** `d[k] = v` for a dict (or anything with `__setitem__`). */
export function dictStore(d: PyObj, k: PyObj, v: PyObj): void {
  if (d instanceof PyDict) {
    d.map.set(k, v);
    return;
  }
  subscrStore(d, k, v);
}

/** `s.add(v)` for a set. */
export function setAdd(s: PyObj, v: PyObj): void {
  if (s instanceof PySet) {
    s.map.add(v);
    return;
  }
  call(getAttr(s, "add"), [v]);
}

/**
 * Method lookup for instances of user classes without creating a bound
 * method; installed by the class machinery. Returns false when it did not
 * handle the lookup.
 */
let instanceLoadMethod:
  | ((obj: PyObj, name: string, out: [PyObj, PyObj | undefined]) => boolean)
  | null = null;

/** Installs the method lookup for instances of user classes. */
export function setInstanceLoadMethod(
  fn: (obj: PyObj, name: string, out: [PyObj, PyObj | undefined]) => boolean,
): void {
  instanceLoadMethod = fn;
}
