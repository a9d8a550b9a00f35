/**
 * The `type` type and user classes (`py/objtype.c`): class creation through
 * `__build_class__` and `type(name, bases, dict)`, `type(x)`, instances and
 * their attribute lookup in MicroPython's order (instance dict, then the
 * class, then `__getattr__`), dunder dispatch for every slot, `super()`,
 * `property`, `staticmethod`, `classmethod`, descriptors, `__new__` and
 * `__init__`, subclasses of built-in types (the native object lives in
 * `PyInstance.native`), and `object`.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { defineBuiltin, defineBuiltinValue } from "./builtins.ts";
import {
  attributeError,
  newException,
  StopIteration,
  typeError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { callWithLocals, hooks } from "./interp.ts";
import { PyMap } from "./map.ts";
import {
  boundMethodType,
  classmethodType,
  emptyTuple,
  isSubtype,
  type KwArgs,
  lookupInType,
  None,
  NotImplemented,
  objectType,
  PrintKind,
  propertyType,
  PyBoundMethod,
  PyDict,
  PyException,
  PyInstance,
  PyMethodWrapper,
  PyNativeFunction,
  type PyObj,
  PyObject,
  PyProperty,
  PyTuple,
  PyType,
  staticmethodType,
  superOnlyInit,
  type Tracer,
  TypeFlag,
  typeOf,
  typeType,
} from "./obj.ts";
import { dictForMap } from "./mod_builtins.ts";
import { fixedDictCopy } from "./obj_dict.ts";
import { setStopIterationArg } from "./obj_iter.ts";
import { PyCell, PyFunction } from "./obj_fun.ts";
import { exceptionText, isExceptionType } from "./obj_exception.ts";
import {
  BINARY_OP_METHOD,
  bindMember,
  call,
  idOf,
  isTrue,
  loadAttrMaybe,
  print,
  repr,
  setInstanceLoadMethod,
  str,
  typeName,
} from "./runtime.ts";

// ---------------------------------------------------------------------------
// Lookup

/** Where a class attribute was found. */
interface Found {
  value: PyObj;
  owner: PyType;
}

const found: Found = { value: None, owner: objectType };

/**
 * `epoch` is bumped whenever a class namespace changes: every lookup cache
 * (the per-class ones here and the compiled code's) is then stale.
 */
export const classState = { epoch: 0 };

/** Marks every class lookup cache stale (a class attribute was set or deleted). */
export function invalidateClassCaches(): void {
  classState.epoch++;
}

/** A cached lookup: the member and its owner, or null when absent. */
interface Entry {
  value: PyObj;
  owner: PyType;
  /** The first user-class definition (for special methods), or undefined. */
  user: PyObj | undefined;
}

function cacheOf(t: PyType): Map<string, unknown> {
  let c = t.lookupCache;
  if (c === null || t.lookupEpoch !== classState.epoch) {
    c = new Map();
    t.lookupCache = c;
    t.lookupEpoch = classState.epoch;
  }
  return c;
}

function lookupEntry(t: PyType, name: string): Entry | null {
  const cache = cacheOf(t);
  let e = cache.get(name) as Entry | null | undefined;
  if (e !== undefined) return e;
  e = null;
  let user: PyObj | undefined;
  const mro = t.mro;
  for (let i = 0; i < mro.length; i++) {
    const m = mro[i];
    // `object`'s own methods are found on `object` only (and through
    // super()): MicroPython's other types do not inherit them.
    if (m === objectType && t !== objectType) break;
    const v = m.dict.get(name);
    if (v === undefined) continue;
    if (e === null) e = { value: v, owner: m, user: undefined };
    if ((m.flags & TypeFlag.UserClass) !== 0) {
      user = v;
      break;
    }
  }
  if (e !== null) e.user = user;
  cache.set(name, e);
  return e;
}

/** Looks `name` up along `t`'s lookup order; fills {@link found}. */
function classLookup(t: PyType, name: string): boolean {
  const e = lookupEntry(t, name);
  if (e === null) return false;
  found.value = e.value;
  found.owner = e.owner;
  return true;
}

/** A special method defined by a user class (not by a native base). */
function userMethod(t: PyType, name: string): PyObj | undefined {
  const e = lookupEntry(t, name);
  return e === null ? undefined : e.user;
}

function isUserClass(t: PyType): boolean {
  return (t.flags & TypeFlag.UserClass) !== 0;
}

/** The native object behind an instance (itself for exceptions and plain objects). */
export function nativeOf(obj: PyObj): PyObj {
  if (obj instanceof PyInstance && obj.native !== undefined) return obj.native;
  return obj;
}

function instanceDict(obj: PyObj): PyMap | null {
  if (obj instanceof PyInstance) return obj.dict;
  if (obj instanceof PyException) return obj.dict;
  return null;
}

/** True when `v` is an instance whose class defines `__get__`. */
function descriptorGet(v: PyObj): PyObj | undefined {
  if (v instanceof PyInstance && isUserClass(v.type)) {
    return userMethod(v.type, "__get__");
  }
  return undefined;
}

/**
 * What a class member becomes when read through `obj` (an instance of
 * `type`): functions bind, static/class methods unwrap, properties call
 * their getter, descriptors their `__get__`; members of a native base bind
 * to the native object.
 */
function bindInstanceMember(
  member: PyObj,
  owner: PyType,
  obj: PyObj,
  type: PyType,
  viaSuper = false,
): PyObj {
  if (typeof member !== "object") return member;
  // Through super() MicroPython binds methods only: a property or another
  // descriptor comes back as the object itself.
  if (viaSuper) {
    if (member instanceof PyProperty || descriptorGet(member) !== undefined) {
      return member;
    }
  }
  if (member instanceof PyProperty) {
    if (member.fget === None) throw attributeError("unreadable attribute");
    return call(member.fget, [obj]);
  }
  const mt = member.type;
  if (mt === classmethodType) {
    return new PyBoundMethod((member as PyMethodWrapper).fn, type);
  }
  if ((mt.flags & TypeFlag.BindsAsMethod) !== 0) {
    const self = isUserClass(owner) ? obj : nativeOf(obj);
    return new PyBoundMethod(member, self);
  }
  if (mt === staticmethodType) return (member as PyMethodWrapper).fn;
  const get = descriptorGet(member);
  if (get !== undefined) return call(get, [member, obj, type]);
  return member;
}

function instanceLoadAttr(obj: PyObj, name: string): PyObj | undefined {
  const d = instanceDict(obj);
  if (d !== null) {
    const v = d.get(name);
    if (v !== undefined) return v;
  }
  const t = typeOf(obj);
  if (classLookup(t, name)) {
    return bindInstanceMember(found.value, found.owner, obj, t);
  }
  switch (name) {
    case "__class__":
      return t;
    case "__dict__":
      // A read-only snapshot, as in MicroPython.
      if (d !== null) return fixedDictCopy(d);
      break;
  }
  if (obj instanceof PyException) {
    if (name === "args") return obj.args;
    if (name === "value" || name === "errno") {
      return obj.args.items.length > 0 ? obj.args.items[0] : None;
    }
  } else if (obj instanceof PyInstance && obj.native !== undefined) {
    const nt = typeOf(obj.native);
    if (nt.loadAttr !== null) {
      const v = nt.loadAttr(obj.native, name);
      if (v !== undefined) return v;
    }
  }
  const getattr = userMethod(t, "__getattr__");
  if (getattr !== undefined && name !== "__getattr__") {
    return call(getattr, [obj, name]);
  }
  return undefined;
}

function instanceStoreAttr(
  obj: PyObj,
  name: string,
  value: PyObj | undefined,
): boolean {
  const t = typeOf(obj);
  if (classLookup(t, name)) {
    const member = found.value;
    if (member instanceof PyProperty) {
      const fn = value === undefined ? member.fdel : member.fset;
      if (fn === None) return false;
      call(fn, value === undefined ? [obj] : [obj, value]);
      return true;
    }
    if (member instanceof PyInstance && isUserClass(member.type)) {
      const m = userMethod(
        member.type,
        value === undefined ? "__delete__" : "__set__",
      );
      if (m !== undefined) {
        call(m, value === undefined ? [member, obj] : [member, obj, value]);
        return true;
      }
    }
  }
  if (value !== undefined) {
    const setattr = userMethod(t, "__setattr__");
    if (setattr !== undefined) {
      call(setattr, [obj, name, value]);
      return true;
    }
  } else {
    const delattr = userMethod(t, "__delattr__");
    if (delattr !== undefined) {
      call(delattr, [obj, name]);
      return true;
    }
  }
  if (obj instanceof PyException) {
    // Even `args` goes to the instance's dict: the exception's own arguments
    // (what str() and repr() show) are fixed when it is made.
    if (value === undefined) return obj.dict !== null && obj.dict.delete(name);
    if (obj.dict === null) obj.dict = new PyMap();
    obj.dict.set(name, value);
    return true;
  }
  if (obj instanceof PyInstance) {
    if (value === undefined) return obj.dict.delete(name);
    obj.dict.set(name, value);
    return true;
  }
  return false;
}

/** `LOAD_METHOD` on an instance of a user class, without a bound method. */
function instanceLoadMethod(
  obj: PyObj,
  name: string,
  out: [PyObj, PyObj | undefined],
): boolean {
  const d = instanceDict(obj);
  if (d !== null) {
    const v = d.get(name);
    if (v !== undefined) {
      out[0] = v;
      out[1] = undefined;
      return true;
    }
  }
  const t = typeOf(obj);
  if (classLookup(t, name)) {
    const member = found.value;
    if (
      typeof member === "object" &&
      (member.type.flags & TypeFlag.BindsAsMethod) !== 0
    ) {
      out[0] = member;
      out[1] = isUserClass(found.owner) ? obj : nativeOf(obj);
      return true;
    }
    out[0] = bindInstanceMember(member, found.owner, obj, t);
    out[1] = undefined;
    return true;
  }
  return false;
}
setInstanceLoadMethod(instanceLoadMethod);

/**
 * Whether a method load `obj.name` that just gave `[fn, self]` may be
 * cached by the type of `obj`: 1 for an instance of a user class (valid
 * while no class changes and the instance has no attribute `name`), 0 for
 * a built-in type (valid for good), -1 when it may not be cached.
 */
export function methodCacheKind(
  obj: PyObj,
  name: string,
  fn: PyObj,
  self: PyObj | undefined,
): number {
  if (self !== obj || typeof fn !== "object") return -1;
  if ((fn.type.flags & TypeFlag.BindsAsMethod) === 0) return -1;
  const t = typeOf(obj);
  if (isUserClass(t)) {
    if (!(obj instanceof PyInstance) || obj.dict.has(name)) return -1;
    const e = lookupEntry(t, name);
    return e !== null && e.value === fn && isUserClass(e.owner) ? 1 : -1;
  }
  if (t === typeType || t.loadAttr !== null) return -1;
  return lookupInType(t, name) === fn ? 0 : -1;
}

/**
 * True when storing `obj.name = value` on an instance of a user class is a
 * plain store into its attribute table (no property, descriptor or
 * `__setattr__` on the class); valid while no class changes.
 */
export function plainStore(obj: PyObj, name: string): boolean {
  if (!(obj instanceof PyInstance)) return false;
  const t = obj.type;
  if (!isUserClass(t) || t.storeAttr !== instanceStoreAttr) return false;
  const e = lookupEntry(t, name);
  if (e !== null) {
    const member = e.value;
    if (member instanceof PyProperty) return false;
    if (member instanceof PyInstance && isUserClass(member.type)) return false;
  }
  return userMethod(t, "__setattr__") === undefined;
}

/** The attribute load of instances of user classes (instance table first). */
export { instanceLoadAttr };

// ---------------------------------------------------------------------------
// Dunder dispatch

/**
 * Calls the user method `m` on `obj` with `args`. A static or class method
 * is unwrapped the way MicroPython's dispatch does it: operators called as
 * methods pass no instance to a static method and the class to a class
 * method; with `selfAlways` (unary operators, printing) the instance is
 * passed to either.
 */
function callMethod(
  m: PyObj,
  obj: PyObj,
  args: PyObj[],
  selfAlways = false,
): PyObj {
  if (m instanceof PyMethodWrapper) {
    if (selfAlways) return call(m.fn, [obj, ...args]);
    if (m.type === staticmethodType) return call(m.fn, args);
    return call(m.fn, [typeOf(obj), ...args]);
  }
  return call(m, [obj, ...args]);
}

function instancePrint(obj: PyObj, kind: PrintKind): string {
  const t = typeOf(obj);
  const hasNative = obj instanceof PyException ||
    (obj instanceof PyInstance && obj.native !== undefined);
  let m = kind === PrintKind.Str ? userMethod(t, "__str__") : undefined;
  // Without __str__ a native base prints itself before __repr__ is tried.
  if (m === undefined && !(kind === PrintKind.Str && hasNative)) {
    m = userMethod(t, "__repr__");
  }
  if (m !== undefined) {
    // MicroPython prints whatever the method returned, as str() would.
    const r = callMethod(m, obj, [], true);
    return typeof r === "string" ? r : str(r);
  }
  if (obj instanceof PyException) {
    const text = exceptionText(obj, kind);
    return text;
  }
  if (obj instanceof PyInstance && obj.native !== undefined) {
    return print(obj.native, kind);
  }
  return `<${t.name} object at ${hexId(obj)}>`;
}

/** An address-like identity for default reprs. */
export function hexId(obj: PyObj): string {
  return idOf(obj).toString(16);
}

const UNARY_METHODS: readonly (string | null)[] = [
  "__pos__",
  "__neg__",
  "__invert__",
  null,
  "__bool__",
  "__len__",
  "__hash__",
  "__abs__",
  "__int__",
  "__float__",
  "__complex__",
  "__sizeof__",
];

function instanceUnaryOp(op: UnaryOp, obj: PyObj): PyObj | undefined {
  const t = typeOf(obj);
  const name = UNARY_METHODS[op];
  if (name !== null && name !== undefined) {
    const m = userMethod(t, name);
    if (m !== undefined) {
      const r = callMethod(m, obj, [], true);
      // MicroPython takes only the True object as true: a __bool__ that
      // returns 1 (or anything but True) makes the instance false.
      if (op === UnaryOp.Bool) return r === true;
      // len() gives whatever __len__ returned (MicroPython converts nothing).
      if (op === UnaryOp.Len) return r;
      if (op === UnaryOp.Hash) {
        if (
          typeof r !== "number" && typeof r !== "bigint" &&
          typeof r !== "boolean"
        ) {
          // __hash__'s result goes through mp_obj_get_int_truncated.
          throw typeError(`can't convert ${typeName(r)} to int`);
        }
        if (typeof r === "boolean") return r ? 1 : 0;
        if (typeof r === "bigint") {
          return Number(BigInt.asIntN(32, r) << 1n >> 1n);
        }
        return r;
      }
      if (
        op === UnaryOp.IntMaybe && typeof r !== "number" &&
        typeof r !== "bigint" && typeof r !== "boolean"
      ) {
        // An __int__ that gives something else raises a bare TypeError.
        throw newException(typeError("").type);
      }
      return r;
    }
    if (op === UnaryOp.Bool) {
      // No __bool__: __len__ decides; only a result of 0 is false.
      const len = userMethod(t, "__len__");
      if (len !== undefined) return callMethod(len, obj, [], true) !== 0;
    }
    if (op === UnaryOp.Hash && userMethod(t, "__eq__") !== undefined) {
      throw typeError(`unsupported type for __hash__: '${t.name}'`);
    }
  }
  if (obj instanceof PyInstance && obj.native !== undefined) {
    const nt = typeOf(obj.native);
    if (nt.unaryOp !== null) return nt.unaryOp(op, obj.native);
  }
  return undefined;
}

function instanceHash(obj: PyObj): number {
  const r = instanceUnaryOp(UnaryOp.Hash, obj);
  if (r !== undefined) return r as number;
  if (obj instanceof PyInstance && obj.native !== undefined) {
    const nt = typeOf(obj.native);
    if (nt.hash !== null) return nt.hash(obj.native);
  }
  return idOf(obj);
}

function instanceBinaryOp(
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined {
  const t = typeOf(lhs);
  let name = BINARY_OP_METHOD[op];
  if (
    op >= BinaryOp.InplaceOr && op <= BinaryOp.InplacePower &&
    op !== BinaryOp.InplaceAdd && op !== BinaryOp.InplaceSubtract
  ) {
    // The board's firmware knows only __iadd__ and __isub__ of the in-place
    // methods (no MICROPY_PY_ALL_INPLACE_SPECIAL_METHODS): `*=` and the
    // others use the plain operator.
    name = "";
  }
  if (op === BinaryOp.NotEqual && userMethod(t, "__ne__") === undefined) {
    // No __ne__: the negation of __eq__.
    const eq = userMethod(t, "__eq__");
    if (eq !== undefined) {
      const r = callMethod(eq, lhs, [rhs]);
      return r === NotImplemented ? undefined : !isTrue(r);
    }
    name = "";
  }
  if (name !== undefined && name !== "") {
    const m = userMethod(t, name);
    if (m !== undefined) {
      const r = callMethod(m, lhs, [rhs]);
      if (r === NotImplemented) return undefined;
      if (op === BinaryOp.Contains) return isTrue(r);
      return r;
    }
  }
  if (lhs instanceof PyInstance && lhs.native !== undefined) {
    const nt = typeOf(lhs.native);
    if (nt.binaryOp !== null) {
      return nt.binaryOp(op, lhs.native, nativeOf(rhs));
    }
  }
  if (op === BinaryOp.Equal) return lhs === rhs ? true : undefined;
  return undefined;
}

function instanceCall(obj: PyObj, args: PyObj[], kw: KwArgs): PyObj {
  const m = userMethod(typeOf(obj), "__call__");
  if (m === undefined) {
    if (obj instanceof PyInstance && obj.native !== undefined) {
      return call(obj.native, args, kw);
    }
    throw typeError(`'${typeName(obj)}' object isn't callable`);
  }
  // A static or class method as __call__ is unwrapped and still gets the
  // instance, as MicroPython calls it.
  const fn = m instanceof PyMethodWrapper ? m.fn : m;
  return call(fn, [obj, ...args], kw);
}

function instanceSubscrLoad(obj: PyObj, index: PyObj): PyObj | undefined {
  const m = userMethod(typeOf(obj), "__getitem__");
  if (m !== undefined) return callMethod(m, obj, [index]);
  if (obj instanceof PyInstance && obj.native !== undefined) {
    const nt = typeOf(obj.native);
    if (nt.subscrLoad !== null) return nt.subscrLoad(obj.native, index);
  }
  return undefined;
}

function instanceSubscrStore(
  obj: PyObj,
  index: PyObj,
  value: PyObj | undefined,
): boolean {
  const t = typeOf(obj);
  const m = userMethod(t, value === undefined ? "__delitem__" : "__setitem__");
  if (m !== undefined) {
    callMethod(m, obj, value === undefined ? [index] : [index, value]);
    return true;
  }
  if (obj instanceof PyInstance && obj.native !== undefined) {
    const nt = typeOf(obj.native);
    if (nt.subscrStore !== null) {
      return nt.subscrStore(obj.native, index, value);
    }
  }
  return false;
}

/** Makes an iterator over `__getitem__` (installed by the iterator file). */
let getItemIter: ((obj: PyObj) => PyObj | undefined) | null = null;

/** Installs how objects with only `__getitem__` are iterated. */
export function setGetItemIter(fn: (obj: PyObj) => PyObj | undefined): void {
  getItemIter = fn;
}

function instanceGetIter(obj: PyObj): PyObj {
  const t = typeOf(obj);
  const m = userMethod(t, "__iter__");
  if (m !== undefined) return callMethod(m, obj, []);
  if (obj instanceof PyInstance && obj.native !== undefined) {
    const nt = typeOf(obj.native);
    if (nt.getIter !== null) return nt.getIter(obj.native);
  }
  if (userMethod(t, "__getitem__") !== undefined && getItemIter !== null) {
    const it = getItemIter(obj);
    if (it !== undefined) return it;
  }
  throw typeError(`'${t.name}' object isn't iterable`);
}

function instanceIterNext(obj: PyObj): PyObj | undefined {
  const t = typeOf(obj);
  const m = userMethod(t, "__next__");
  if (m !== undefined) {
    try {
      return callMethod(m, obj, []);
    } catch (e) {
      if (
        e instanceof PyException &&
        (e.type === StopIteration || e.type.mro.includes(StopIteration))
      ) {
        // Its value is what `next()` and `yield from` report.
        setStopIterationArg(
          e.args.items.length > 0 ? e.args.items[0] : undefined,
        );
        return undefined;
      }
      throw e;
    }
  }
  if (obj instanceof PyInstance && obj.native !== undefined) {
    const nt = typeOf(obj.native);
    if (nt.iterNext !== null) return nt.iterNext(obj.native);
  }
  throw typeError(`'${t.name}' object isn't an iterator`);
}

function instanceGetBuffer(
  obj: PyObj,
  writable: boolean,
): Uint8Array | undefined {
  if (obj instanceof PyInstance && obj.native !== undefined) {
    const nt = typeOf(obj.native);
    if (nt.getBuffer !== null) return nt.getBuffer(obj.native, writable);
  }
  return undefined;
}

function instanceGcTrace(obj: PyObj, trace: Tracer): void {
  const d = instanceDict(obj);
  if (d !== null) {
    for (let s = d.nextSlot(-1); s >= 0; s = d.nextSlot(s)) {
      trace(d.keys[s] as PyObj);
      trace(d.values[s] as PyObj);
    }
  }
  if (obj instanceof PyInstance) trace(obj.native);
  if (obj instanceof PyException) trace(obj.args);
}

// ---------------------------------------------------------------------------
// Instances

/** Makes an instance of the user class `cls` without running `__init__`. */
export function newInstance(cls: PyType, args: PyObj[], kw: KwArgs): PyObj {
  const native = cls.nativeBase;
  if (native !== null && isExceptionType(native)) {
    return new PyException(
      cls,
      args.length === 0 ? emptyTuple : new PyTuple(args.slice()),
    );
  }
  const o = new PyInstance(cls);
  if (native !== null && native.makeNew !== null) {
    // With a Python __init__ the native object starts empty; otherwise the
    // native constructor gets all the arguments.
    o.native = userMethod(cls, "__init__") !== undefined
      ? native.makeNew(native, [], null)
      : native.makeNew(native, args, kw);
  }
  return o;
}

/**
 * Instances whose native base object is still the placeholder made before
 * `__init__` ran: `super().__init__(...)` builds it from its arguments, and
 * if `__init__` never does, it is built from the class call's arguments.
 */
const nativePending = new WeakSet<PyInstance>();

/** What `super().__init__` is on an instance whose base is a built-in type. */
function nativeInit(obj: PyInstance, native: PyType): PyNativeFunction {
  return new PyNativeFunction("__init__", (args: PyObj[], kw: KwArgs) => {
    obj.native = native.makeNew!(native, args, kw);
    nativePending.delete(obj);
    return None;
  });
}

/** The built-in base `obj` extends (not an exception), or null. */
function pendingNativeBase(obj: PyObj): PyType | null {
  if (!(obj instanceof PyInstance) || obj.native === undefined) return null;
  const nb = obj.type.nativeBase;
  if (nb === null || nb.makeNew === null || isExceptionType(nb)) return null;
  return nb;
}

/** `cls(*args, **kw)` for a user class (`mp_obj_instance_make_new`). */
function instanceMakeNew(cls: PyType, args: PyObj[], kw: KwArgs): PyObj {
  const newFn = userMethod(cls, "__new__");
  let o: PyObj;
  if (newFn !== undefined) {
    const fn = newFn instanceof PyMethodWrapper ? newFn.fn : newFn;
    o = call(fn, [cls, ...args], kw);
    if (!isSubtype(typeOf(o), cls)) return o;
  } else {
    const init = userMethod(cls, "__init__");
    o = newInstance(cls, init === undefined ? args : args, kw);
    if (init === undefined) return o;
  }
  const init = userMethod(cls, "__init__");
  if (init !== undefined) {
    const nb = pendingNativeBase(o);
    if (nb !== null) nativePending.add(o as PyInstance);
    const r = call(init, [o, ...args], kw);
    if (r !== None) {
      throw typeError(`__init__() should return None, not '${typeName(r)}'`);
    }
    if (nb !== null && nativePending.has(o as PyInstance)) {
      nativePending.delete(o as PyInstance);
      (o as PyInstance).native = nb.makeNew!(nb, args, kw);
    }
  }
  return o;
}

/** Installs the slots of a user class. */
function installUserSlots(t: PyType): void {
  t.makeNew = instanceMakeNew;
  t.print = instancePrint;
  t.call = instanceCall;
  t.unaryOp = instanceUnaryOp;
  t.binaryOp = instanceBinaryOp;
  t.loadAttr = instanceLoadAttr;
  t.storeAttr = instanceStoreAttr;
  t.subscrLoad = instanceSubscrLoad;
  t.subscrStore = instanceSubscrStore;
  t.getIter = instanceGetIter;
  t.iterNext = instanceIterNext;
  t.hash = instanceHash;
  t.getBuffer = instanceGetBuffer;
  t.gcTrace = instanceGcTrace;
}

// ---------------------------------------------------------------------------
// Classes

/** Creates a class as `type(name, bases, dict)` does. */
export function makeClass(name: string, bases: PyObj[], dict: PyMap): PyType {
  const baseTypes: PyType[] = [];
  let nativeBase: PyType | null = null;
  for (const b of bases) {
    if (!(b instanceof PyType)) {
      throw typeError("type is not an acceptable base type");
    }
    if ((b.flags & (TypeFlag.BaseType | TypeFlag.UserClass)) === 0) {
      throw typeError(`type '${b.name}' isn't an acceptable base type`);
    }
    const nb = isUserClass(b) ? b.nativeBase : (b === objectType ? null : b);
    if (nb !== null) {
      if (nativeBase !== null && nativeBase !== nb) {
        throw typeError("multiple bases have instance lay-out conflict");
      }
      nativeBase = nb;
    }
    baseTypes.push(b);
  }
  const t = new PyType(
    name,
    baseTypes.length === 0 ? [objectType] : baseTypes,
    TypeFlag.UserClass | TypeFlag.BaseType,
  );
  t.dict = dict;
  t.nativeBase = nativeBase;
  // A plain function as __new__ is a static method.
  const nw = dict.get("__new__");
  if (nw instanceof PyFunction) {
    dict.set("__new__", new PyMethodWrapper(staticmethodType, nw));
  }
  installUserSlots(t);
  t.h = heap.alloc(64, BlockKind.Other);
  // Class attributes that define __set_name__ learn their name.
  for (let s = dict.nextSlot(-1); s >= 0; s = dict.nextSlot(s)) {
    const v = dict.values[s] as PyObj;
    if (v instanceof PyInstance && isUserClass(v.type)) {
      const setName = userMethod(v.type, "__set_name__");
      if (setName !== undefined) call(setName, [v, t, dict.keys[s] as PyObj]);
    }
  }
  return t;
}

function typePrint(self: PyObj, _kind: PrintKind): string {
  return `<class '${(self as PyType).name}'>`;
}

function typeCall(self: PyObj, args: PyObj[], kw: KwArgs): PyObj {
  const t = self as PyType;
  if (t === typeType) {
    // MicroPython checks 1 to 3 arguments first, then rejects exactly 2.
    if (args.length < 1) {
      throw typeError("function missing 1 required positional arguments");
    }
    if (args.length > 3) {
      throw typeError(
        `function expected at most 3 arguments, got ${args.length}`,
      );
    }
    if (args.length === 1 && (kw === null || kw.size === 0)) {
      return typeOf(args[0]);
    }
    if (args.length === 3) {
      const [name, bases, d] = args;
      if (typeof name !== "string") {
        throw typeError(
          `can't convert '${typeName(name)}' object to str implicitly`,
        );
      }
      // Bases that are not a tuple of classes, or a namespace that is not a
      // dict, raise a TypeError without a message.
      if (
        !(bases instanceof PyTuple) || !(d instanceof PyDict) ||
        !bases.items.every((b) => b instanceof PyType)
      ) {
        throw newException(typeError("").type);
      }
      const ns = new PyMap();
      const src = (d as unknown as { map: PyMap }).map;
      for (let s = src.nextSlot(-1); s >= 0; s = src.nextSlot(s)) {
        ns.set(src.keys[s] as PyObj, src.values[s] as PyObj);
      }
      return makeClass(name, bases.items, ns);
    }
    throw typeError("type takes 1 or 3 arguments");
  }
  if (t.makeNew === null) {
    throw typeError(`can't create '${t.name}' instances`);
  }
  return t.makeNew(t, args, kw);
}

function typeLoadAttr(self: PyObj, name: string): PyObj | undefined {
  const t = self as PyType;
  if (classLookup(t, name)) {
    const member = found.value;
    if (typeof member === "object") {
      const mt = member.type;
      if (mt === staticmethodType) return (member as PyMethodWrapper).fn;
      if (mt === classmethodType) {
        return new PyBoundMethod((member as PyMethodWrapper).fn, t);
      }
    }
    return member;
  }
  switch (name) {
    // `__qualname__` is only what a class body stores in the class's dict.
    case "__name__":
      return t.name;
    case "__bases__":
      return new PyTuple(
        t.bases.filter((b) => b !== objectType || t.bases.length > 1 || true),
      );
    case "__dict__":
      return fixedDictCopy(t.dict);
    case "__class__":
      return typeOf(t);
  }
  return undefined;
}

function typeStoreAttr(
  self: PyObj,
  name: string,
  value: PyObj | undefined,
): boolean {
  const t = self as PyType;
  if (!isUserClass(t)) return false;
  invalidateClassCaches();
  if (value === undefined) return t.dict.delete(name);
  t.dict.set(name, value);
  return true;
}

typeType.print = typePrint;
typeType.call = typeCall;
typeType.loadAttr = typeLoadAttr;
typeType.storeAttr = typeStoreAttr;
typeType.gcTrace = (self, trace): void => {
  const t = self as PyType;
  if (!isUserClass(t)) return;
  const d = t.dict;
  for (let s = d.nextSlot(-1); s >= 0; s = d.nextSlot(s)) {
    trace(d.keys[s] as PyObj);
    trace(d.values[s] as PyObj);
  }
};
defineBuiltinValue("type", typeType);

// `object`
objectType.makeNew = (type: PyType, args: PyObj[]): PyObj => {
  if (args.length > 0) {
    throw typeError(
      `function takes 0 positional arguments but ${args.length} were given`,
    );
  }
  return new PyInstance(type);
};
// A bare `object()` prints as `<object>`; instances of classes show their
// class and address.
objectType.print = (self: PyObj): string =>
  typeOf(self) === objectType
    ? "<object>"
    : `<${typeName(self)} object at ${hexId(self)}>`;
objectType.dict.set(
  "__init__",
  new PyNativeFunction("__init__", (): PyObj => None),
);
objectType.dict.set(
  "__new__",
  new PyMethodWrapper(
    staticmethodType,
    new PyNativeFunction("__new__", (args: PyObj[]): PyObj => {
      if (args.length !== 1) {
        throw typeError(
          `function takes 1 positional arguments but ${args.length} were given`,
        );
      }
      const cls = args[0];
      if (!(cls instanceof PyType) || !isUserClass(cls)) {
        throw typeError("arg must be user-type");
      }
      return newInstance(cls, [], null);
    }),
  ),
);
objectType.dict.set(
  "__setattr__",
  new PyNativeFunction("__setattr__", (args: PyObj[]): PyObj => {
    const d = instanceDict(args[0]);
    if (d === null || typeof args[1] !== "string") {
      throw attributeError("can't set attribute");
    }
    d.set(args[1], args[2]);
    return None;
  }),
);
objectType.dict.set(
  "__delattr__",
  new PyNativeFunction("__delattr__", (args: PyObj[]): PyObj => {
    const d = instanceDict(args[0]);
    if (d === null || typeof args[1] !== "string" || !d.delete(args[1])) {
      throw attributeError(typeof args[1] === "string" ? args[1] : "");
    }
    return None;
  }),
);
defineBuiltinValue("object", objectType);

// `__build_class__(body, name, *bases)`
defineBuiltin("__build_class__", (args: PyObj[], kw: KwArgs): PyObj => {
  if (args.length < 2) {
    throw typeError("__build_class__ takes at least 2 arguments");
  }
  const body = args[0];
  const name = args[1];
  if (!(body instanceof PyFunction) || typeof name !== "string") {
    throw typeError("__build_class__: bad arguments");
  }
  const bases = args.slice(2);
  const meta: PyObj = bases.length === 0 ? typeType : typeOf(bases[0]);
  if (kw !== null && kw.size > 0) {
    // MicroPython's __build_class__ takes no keywords (no metaclass=).
    throw typeError("function doesn't take keyword arguments");
  }
  const locals = new PyMap();
  // The class's locals dict object: it lives as long as its table does.
  heap.alloc(16, BlockKind.Dict, locals);
  const cell = callWithLocals(body, locals);
  let cls: PyObj;
  if (meta === typeType) {
    cls = makeClass(name, bases, locals);
  } else {
    cls = call(meta, [name, new PyTuple(bases), dictForMap(locals)]);
  }
  if (cell instanceof PyCell) cell.value = cls;
  return cls;
});

// ---------------------------------------------------------------------------
// super

/** `super`. */
export const superType: PyType = new PyType("super", [objectType]);

/** `super(cls, obj)`. */
export class PySuper extends PyObject {
  declare readonly cls: PyType;
  declare readonly obj: PyObj;
  constructor(cls: PyType, obj: PyObj) {
    super(superType);
    this.cls = cls;
    this.obj = obj;
    this.h = heap.alloc(12, BlockKind.Other);
  }
}

/**
 * Looks `name` up in the bases of `cls` (depth first, then `object`): as in
 * MicroPython, super() searches the class's own bases, not the rest of the
 * instance's lookup order, so with multiple inheritance a sibling class is
 * never reached.
 */
function superLookup(cls: PyType, _obj: PyObj, name: string): boolean {
  const mro = cls.mro;
  for (let i = 1; i < mro.length; i++) {
    const v = mro[i].dict.get(name) ??
      (name === "__init__" ? superOnlyInit.get(mro[i]) : undefined);
    if (v !== undefined) {
      found.value = v;
      found.owner = mro[i];
      return true;
    }
  }
  return false;
}

function superCheck(cls: PyObj): PyType {
  if (!(cls instanceof PyType)) {
    throw typeError("super() argument 1 must be type");
  }
  return cls;
}

superType.makeNew = (_t: PyType, args: PyObj[]): PyObj => {
  // `super()` without arguments gets its two from the compiler.
  if (args.length !== 2) {
    throw typeError(
      `function takes 2 positional arguments but ${args.length} were given`,
    );
  }
  const [cls, obj] = args;
  // MicroPython checks isinstance(obj, cls), with issubclass's wording for a
  // class that is not one and a bare TypeError when obj is not an instance.
  if (!(cls instanceof PyType)) {
    throw typeError(
      "issubclass() arg 2 must be a class or a tuple of classes",
    );
  }
  if (
    cls !== objectType && !isSubtype(typeOf(obj), cls) &&
    !(obj instanceof PyType && isSubtype(obj, cls))
  ) {
    throw newException(typeError("").type);
  }
  return new PySuper(cls, obj);
};
superType.print = (self: PyObj): string => {
  const s = self as PySuper;
  return `<super: ${repr(s.cls)}, ${repr(s.obj)}>`;
};
superType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  const s = self as PySuper;
  if (!superLookup(s.cls, s.obj, name)) return undefined;
  const nb = name === "__init__" && !isUserClass(found.owner)
    ? pendingNativeBase(s.obj)
    : null;
  if (nb !== null) return nativeInit(s.obj as PyInstance, nb);
  const member = found.value;
  if (s.obj instanceof PyType && isSubtype(s.obj, s.cls)) {
    // super() in a classmethod or __new__.
    if (typeof member === "object") {
      if (member.type === classmethodType) {
        return new PyBoundMethod((member as PyMethodWrapper).fn, s.obj);
      }
      if (member.type === staticmethodType) {
        return (member as PyMethodWrapper).fn;
      }
    }
    return member;
  }
  return bindInstanceMember(member, found.owner, s.obj, typeOf(s.obj), true);
};
defineBuiltinValue("super", superType);

hooks.superMethod = (
  cls: PyObj,
  self: PyObj,
  name: string,
  out: [PyObj, PyObj | undefined],
): void => {
  const c = superCheck(cls);
  if (!superLookup(c, self, name)) {
    throw attributeError(`'super' object has no attribute '${name}'`);
  }
  const nb = name === "__init__" && !isUserClass(found.owner)
    ? pendingNativeBase(self)
    : null;
  if (nb !== null) {
    out[0] = nativeInit(self as PyInstance, nb);
    out[1] = undefined;
    return;
  }
  const member = found.value;
  if (
    typeof member === "object" &&
    (member.type.flags & TypeFlag.BindsAsMethod) !== 0 &&
    !(self instanceof PyType && isSubtype(self, c))
  ) {
    out[0] = member;
    out[1] = isUserClass(found.owner) ? self : nativeOf(self);
    return;
  }
  if (self instanceof PyType && isSubtype(self, c)) {
    if (typeof member === "object" && member.type === staticmethodType) {
      out[0] = (member as PyMethodWrapper).fn;
    } else if (typeof member === "object" && member.type === classmethodType) {
      out[0] = (member as PyMethodWrapper).fn;
      out[1] = self;
      return;
    } else {
      out[0] = member;
    }
    out[1] = undefined;
    return;
  }
  out[0] = bindInstanceMember(member, found.owner, self, typeOf(self), true);
  out[1] = undefined;
};

// ---------------------------------------------------------------------------
// staticmethod, classmethod, property, bound methods

staticmethodType.makeNew = (type: PyType, args: PyObj[]): PyObj => {
  if (args.length !== 1) {
    throw typeError(
      `function takes 1 positional arguments but ${args.length} were given`,
    );
  }
  return new PyMethodWrapper(type, args[0]);
};
classmethodType.makeNew = staticmethodType.makeNew;
defineBuiltinValue("staticmethod", staticmethodType);
defineBuiltinValue("classmethod", classmethodType);
for (const t of [staticmethodType, classmethodType]) {
  t.loadAttr = (self: PyObj, name: string): PyObj | undefined =>
    name === "__func__" ? (self as PyMethodWrapper).fn : undefined;
  t.gcTrace = (self, trace): void => trace((self as PyMethodWrapper).fn);
}

propertyType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  // fget, fset, fdel and doc may be given by position.
  if (args.length > 4) throw typeError("extra positional arguments given");
  const get = (i: number, name: string): PyObj => {
    const v = kw?.get(name);
    if (v !== undefined) return v;
    return i < args.length ? args[i] : None;
  };
  return new PyProperty(get(0, "fget"), get(1, "fset"), get(2, "fdel"));
};
defineBuiltinValue("property", propertyType);
propertyType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  const p = self as PyProperty;
  switch (name) {
    case "fget":
      return p.fget;
    case "fset":
      return p.fset;
    case "fdel":
      return p.fdel;
  }
  return undefined;
};
for (
  const [name, which] of [
    ["getter", 0],
    ["setter", 1],
    ["deleter", 2],
  ] as const
) {
  propertyType.dict.set(
    name,
    new PyNativeFunction(name, (args: PyObj[]): PyObj => {
      const p = args[0] as PyProperty;
      const fn = args[1];
      return new PyProperty(
        which === 0 ? fn : p.fget,
        which === 1 ? fn : p.fset,
        which === 2 ? fn : p.fdel,
      );
    }),
  );
}
propertyType.gcTrace = (self, trace): void => {
  const p = self as PyProperty;
  trace(p.fget);
  trace(p.fset);
  trace(p.fdel);
};

boundMethodType.call = (self: PyObj, args: PyObj[], kw: KwArgs): PyObj => {
  const m = self as PyBoundMethod;
  return call(m.fn, [m.self, ...args], kw);
};
boundMethodType.print = (self: PyObj): string => {
  const m = self as PyBoundMethod;
  return `<bound_method ${hexId(m)} ${repr(m.self)}.${repr(m.fn)}>`;
};
boundMethodType.binaryOp = (op, lhs, rhs): PyObj | undefined => {
  if (op === BinaryOp.Equal) {
    return rhs instanceof PyBoundMethod &&
      (lhs as PyBoundMethod).fn === rhs.fn &&
      (lhs as PyBoundMethod).self === rhs.self;
  }
  return undefined;
};
// A bound method's attributes are its function's (`__class__` aside).
boundMethodType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  const m = self as PyBoundMethod;
  if (name === "__self__") return m.self;
  if (name === "__func__") return m.fn;
  return name === "__class__" ? undefined : loadAttrMaybe(m.fn, name);
};
boundMethodType.gcTrace = (self, trace): void => {
  const m = self as PyBoundMethod;
  trace(m.fn);
  trace(m.self);
};

export { bindMember };
