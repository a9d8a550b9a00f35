/**
 * The object model (`py/obj.h`): how Python values are held, the type object
 * and its slots, and the data classes of the core objects.
 *
 * Values are native JavaScript where the semantics allow:
 *
 * | Python                 | JavaScript                                        |
 * |------------------------|---------------------------------------------------|
 * | int                    | `number` (an integer within ±(2^53−1)), else `bigint` (never a bigint in the safe range) |
 * | bool                   | `boolean`                                         |
 * | str                    | `string`                                          |
 * | None, NotImplemented, … | singleton {@link PyObject}s                     |
 * | float                  | {@link PyFloat}                                   |
 * | everything else        | a {@link PyObject} subclass                       |
 *
 * `undefined` is MicroPython's `MP_OBJ_NULL`: an empty local slot, an absent
 * argument, "not supported" from a slot, or the end of an iteration. It is
 * never a Python value.
 *
 * Types are data: a {@link PyType} carries slot functions that the runtime
 * calls; each `obj_*.ts` file fills in the slots of its type. Nothing here
 * depends on the runtime, so every other file can depend on this one.
 *
 * @module
 */

import type { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { BlockKind, heap } from "./heap.ts";
import { PyMap } from "./map.ts";

/** Any Python value. */
export type PyObj = number | bigint | string | boolean | PyObject;

/** Keyword arguments of a call, in call order; null when there are none. */
export type KwArgs = Map<string, PyObj> | null;

/** Which text `print` produces. */
export const enum PrintKind {
  Str = 0,
  Repr = 1,
}

/** Base of every object that is not a native JavaScript value. */
export class PyObject {
  declare type: PyType;
  /** Heap address of the object's own allocation; 0 when it has none (ROM). */
  declare h: number;

  constructor(type: PyType) {
    this.type = type;
    this.h = 0;
  }
}

/** Marks the objects an object references, for the collector. */
export type Tracer = (value: PyObj | undefined) => void;

/** Bit flags of a type. */
export const enum TypeFlag {
  /** Created by a `class` statement (or `type(name, bases, dict)`). */
  UserClass = 0x01,
  /** `bool`, `int`, `float`, `complex`: take part in numeric equality. */
  Numeric = 0x02,
  /** The type may be subclassed by user classes. */
  BaseType = 0x04,
  /** Instances compare equal only when identical (no `__eq__` anywhere). */
  EqIsIdentity = 0x08,
  /** Instances found on a class bind to the instance (functions, native methods). */
  BindsAsMethod = 0x10,
}

/** A type object (`mp_obj_type_t`): name, bases, namespace and slot functions. */
export class PyType extends PyObject {
  declare name: string;
  declare bases: PyType[];
  /** Lookup order: this type first, then MicroPython's depth-first walk of the bases. */
  declare mro: PyType[];
  /** The type's namespace (methods, class attributes). */
  declare dict: PyMap;
  declare flags: number;
  /** For a user class: the built-in type whose native object its instances carry. */
  declare nativeBase: PyType | null;

  /** `type(args…)`: construct an instance. */
  makeNew: ((type: PyType, args: PyObj[], kw: KwArgs) => PyObj) | null;
  /** `repr()`/`str()` of an instance. */
  print: ((self: PyObj, kind: PrintKind) => string) | null;
  /** Calling an instance. */
  call: ((self: PyObj, args: PyObj[], kw: KwArgs) => PyObj) | null;
  /** A unary operator; undefined when not supported for this operand. */
  unaryOp: ((op: UnaryOp, self: PyObj) => PyObj | undefined) | null;
  /**
   * A binary operator with an instance of this type on the left (or, for the
   * reverse operator numbers, on the right); undefined when not supported.
   */
  binaryOp:
    | ((op: BinaryOp, lhs: PyObj, rhs: PyObj) => PyObj | undefined)
    | null;
  /** Attribute load for attributes not found by the generic lookup; undefined when absent. */
  loadAttr: ((self: PyObj, name: string) => PyObj | undefined) | null;
  /** Attribute store (value) or delete (undefined); false when not possible. */
  storeAttr:
    | ((self: PyObj, name: string, value: PyObj | undefined) => boolean)
    | null;
  /** `self[index]`; undefined when not supported. */
  subscrLoad: ((self: PyObj, index: PyObj) => PyObj | undefined) | null;
  /** `self[index] = value`, or `del self[index]` when value is undefined; false when not supported. */
  subscrStore:
    | ((self: PyObj, index: PyObj, value: PyObj | undefined) => boolean)
    | null;
  /**
   * `iter(self)`. `onStack` is true when the caller keeps the iterator in
   * its own slots (a `for` loop): built-in iterators then cost no heap.
   */
  getIter: ((self: PyObj, onStack?: boolean) => PyObj) | null;
  /** Next item, or undefined when exhausted. */
  iterNext: ((self: PyObj) => PyObj | undefined) | null;
  /** `hash(self)`; null means hashing by identity. */
  hash: ((self: PyObj) => number) | null;
  /** The bytes behind the buffer protocol; undefined when the object has none. */
  getBuffer:
    | ((self: PyObj, writable: boolean) => Uint8Array | undefined)
    | null;
  /** Reports the values an instance references, for the collector. */
  gcTrace: ((self: PyObj, trace: Tracer) => void) | null;
  /** Attribute lookups along the lookup order, cached by the class machinery. */
  declare lookupCache: Map<string, unknown> | null;
  /** The class-change count the cache was filled at. */
  declare lookupEpoch: number;

  constructor(name: string, bases: PyType[], flags = 0) {
    // `type` and `object` are patched in once they exist.
    super(rootType as PyType);
    this.name = name;
    this.bases = bases;
    this.mro = [];
    this.dict = new PyMap();
    this.flags = flags;
    this.nativeBase = null;
    this.makeNew = null;
    this.print = null;
    this.call = null;
    this.unaryOp = null;
    this.binaryOp = null;
    this.loadAttr = null;
    this.storeAttr = null;
    this.subscrLoad = null;
    this.subscrStore = null;
    this.getIter = null;
    this.iterNext = null;
    this.hash = null;
    this.getBuffer = null;
    this.gcTrace = null;
    this.lookupCache = null;
    this.lookupEpoch = -1;
    this.mro = computeMro(this);
  }
}

/**
 * MicroPython's lookup order: the type, then each base's lookup order in turn
 * (depth first, left to right), skipping types already listed. `object` comes
 * last. (MicroPython has no C3 linearisation.)
 */
export function computeMro(type: PyType): PyType[] {
  const out: PyType[] = [type];
  const walk = (t: PyType): void => {
    for (const b of t.bases) {
      if (b === rootObject) continue;
      if (!out.includes(b)) out.push(b);
      walk(b);
    }
  };
  walk(type);
  if (rootObject !== null && type !== rootObject) out.push(rootObject);
  return out;
}

// `object` and `type` refer to each other: build them, then patch.
let rootObject: PyType | null = null;
let rootType: PyType | null = null;
/** `object`. */
export const objectType: PyType = new PyType("object", [], TypeFlag.BaseType);
rootObject = objectType;
/** `type`. */
export const typeType: PyType = new PyType(
  "type",
  [objectType],
  TypeFlag.BaseType,
);
rootType = typeType;
objectType.type = typeType;
typeType.type = typeType;

/** Makes a built-in type; `base` defaults to `object`. */
export function makeType(
  name: string,
  options: { base?: PyType; flags?: number } = {},
): PyType {
  return new PyType(name, [options.base ?? objectType], options.flags ?? 0);
}

/** A singleton such as None, NotImplemented or Ellipsis. */
export class PySingleton extends PyObject {
  declare readonly name: string;
  constructor(type: PyType, name: string) {
    super(type);
    this.name = name;
  }
}

/** `NoneType`. */
export const noneType: PyType = makeType("NoneType");
/** `None`. */
export const None: PySingleton = new PySingleton(noneType, "None");
/** The type of `NotImplemented`. */
export const notImplementedType: PyType = makeType("NotImplementedType");
/** `NotImplemented`. */
export const NotImplemented: PySingleton = new PySingleton(
  notImplementedType,
  "NotImplemented",
);
/** The type of `...`. */
export const ellipsisType: PyType = makeType("ellipsis");
/** `...`. */
export const Ellipsis: PySingleton = new PySingleton(ellipsisType, "Ellipsis");

/** `int`. */
export const intType: PyType = makeType("int", {
  flags: TypeFlag.Numeric | TypeFlag.BaseType,
});
/** `bool` (in MicroPython not a subclass of `int`: `isinstance(True, int)` is False). */
export const boolType: PyType = makeType("bool", {
  flags: TypeFlag.Numeric,
});
/** `float`. */
export const floatType: PyType = makeType("float", {
  flags: TypeFlag.Numeric | TypeFlag.BaseType,
});
/** `complex`. */
export const complexType: PyType = makeType("complex", {
  flags: TypeFlag.Numeric | TypeFlag.BaseType,
});
/** `str`. */
export const strType: PyType = makeType("str", { flags: TypeFlag.BaseType });
/** `bytes`. */
export const bytesType: PyType = makeType("bytes", {
  flags: TypeFlag.BaseType,
});
/** `bytearray`. */
export const bytearrayType: PyType = makeType("bytearray", {
  flags: TypeFlag.BaseType,
});
/** `tuple`. */
export const tupleType: PyType = makeType("tuple", {
  flags: TypeFlag.BaseType,
});
/** `list`. */
export const listType: PyType = makeType("list", { flags: TypeFlag.BaseType });
/** `dict`. */
export const dictType: PyType = makeType("dict", { flags: TypeFlag.BaseType });
/** `set`. */
export const setType: PyType = makeType("set", { flags: TypeFlag.BaseType });
/** `frozenset`. */
export const frozensetType: PyType = makeType("frozenset", {
  flags: TypeFlag.BaseType,
});
/** `module`. */
export const moduleType: PyType = makeType("module");
/** Built-in functions and methods (`builtin_function_or_method`). */
export const nativeFunctionType: PyType = makeType("function", {
  flags: TypeFlag.BindsAsMethod,
});
/** `staticmethod`. */
export const staticmethodType: PyType = makeType("staticmethod", {
  flags: TypeFlag.BaseType,
});
/** `classmethod`. */
export const classmethodType: PyType = makeType("classmethod", {
  flags: TypeFlag.BaseType,
});
/** `property`. */
export const propertyType: PyType = makeType("property", {
  flags: TypeFlag.BaseType,
});
/** Bound methods. */
export const boundMethodType: PyType = makeType("bound_method");

/** A float. */
export class PyFloat extends PyObject {
  declare readonly value: number;
  constructor(value: number) {
    super(floatType);
    this.value = value;
    this.h = heap.alloc(16, BlockKind.Float);
  }
}

/** A complex number. */
export class PyComplex extends PyObject {
  declare readonly real: number;
  declare readonly imag: number;
  constructor(real: number, imag: number) {
    super(complexType);
    this.real = real;
    this.imag = imag;
    this.h = heap.alloc(24, BlockKind.Other);
  }
}

/** A tuple: one allocation of a header and the items. */
export class PyTuple extends PyObject {
  declare readonly items: PyObj[];
  constructor(items: PyObj[], type: PyType = tupleType) {
    super(type);
    this.items = items;
    this.h = items.length === 0 && type === tupleType
      ? 0
      : heap.alloc(8 + 4 * items.length, BlockKind.Tuple);
  }
}

/** The empty tuple, a ROM singleton. */
export const emptyTuple: PyTuple = new PyTuple([]);

/** A list: a header and a separate item array of `alloc` slots. */
export class PyList extends PyObject {
  declare items: PyObj[];
  /** Slots of the C item array (capacity, as MicroPython grows it). */
  declare alloc: number;
  /** Heap address of the item array. */
  declare itemsAddr: number;
  constructor(items: PyObj[], type: PyType = listType) {
    super(type);
    this.items = items;
    this.h = heap.alloc(16, BlockKind.List);
    this.alloc = items.length < 4 ? 4 : items.length;
    this.itemsAddr = heap.alloc(4 * this.alloc, BlockKind.Items);
  }
}

/** A dict: a header and its hash table. */
export class PyDict extends PyObject {
  declare readonly map: PyMap;
  constructor(map?: PyMap, type: PyType = dictType) {
    super(type);
    this.h = heap.alloc(16, BlockKind.Dict);
    this.map = map ?? new PyMap();
  }
}

/** A set or frozenset. */
export class PySet extends PyObject {
  declare readonly map: PyMap;
  constructor(map?: PyMap, type: PyType = setType) {
    super(type);
    this.h = heap.alloc(16, BlockKind.Other);
    this.map = map ?? new PyMap(0, 4);
  }
}

/** bytes: immutable. */
export class PyBytes extends PyObject {
  declare readonly data: Uint8Array;
  /** Heap address of the data (0 when it has none of its own). */
  declare dataAddr: number;
  /** `sharedData`: the data belongs to another object (`str.encode`): only the header is new. */
  constructor(data: Uint8Array, type: PyType = bytesType, sharedData = false) {
    super(type);
    this.data = data;
    this.h = heap.alloc(16, BlockKind.Str);
    this.dataAddr = sharedData
      ? 0
      : heap.alloc(data.length + 1, BlockKind.Text);
  }
}

/** bytearray: mutable; `data` may be longer than `length` (spare capacity). */
export class PyByteArray extends PyObject {
  declare data: Uint8Array;
  declare length: number;
  /** Heap address of the item buffer (0 when empty). */
  declare itemsAddr: number;
  constructor(data: Uint8Array, type: PyType = bytearrayType) {
    super(type);
    this.data = data;
    this.length = data.length;
    this.h = heap.alloc(16, BlockKind.Array);
    this.itemsAddr = data.length > 0
      ? heap.alloc(data.length, BlockKind.Buffer)
      : 0;
  }
}

/** An instance of a user class: its attributes and, for subclasses of built-in types, the native object. */
export class PyInstance extends PyObject {
  declare readonly dict: PyMap;
  /** The built-in object this instance extends (e.g. the list of a list subclass). */
  declare native: PyObj | undefined;
  constructor(type: PyType) {
    super(type);
    this.h = heap.alloc(16, BlockKind.Instance);
    this.dict = new PyMap();
    this.native = undefined;
  }
}

/** A function implemented in JavaScript (`builtin_function_or_method`). */
export class PyNativeFunction extends PyObject {
  declare readonly name: string;
  readonly fn: (args: PyObj[], kw: KwArgs) => PyObj;
  /**
   * For a method of a built-in type, that type: a call through the type
   * (`list.append(x, …)`) checks its first argument against it before
   * anything else, as the firmware does.
   */
  declare readonly selfType: PyType | null;
  constructor(
    name: string,
    fn: (args: PyObj[], kw: KwArgs) => PyObj,
    selfType: PyType | null = null,
  ) {
    super(nativeFunctionType);
    this.name = name;
    this.fn = fn;
    this.selfType = selfType;
  }
}

/** A method bound to its object (`obj.meth` when stored, not called at once). */
export class PyBoundMethod extends PyObject {
  declare readonly fn: PyObj;
  declare readonly self: PyObj;
  constructor(fn: PyObj, self: PyObj) {
    super(boundMethodType);
    this.fn = fn;
    this.self = self;
    this.h = heap.alloc(12, BlockKind.Other);
  }
}

/** `staticmethod(fn)` or `classmethod(fn)`: a wrapper that changes how `fn` binds. */
export class PyMethodWrapper extends PyObject {
  declare readonly fn: PyObj;
  constructor(type: PyType, fn: PyObj) {
    super(type);
    this.fn = fn;
    this.h = heap.alloc(8, BlockKind.Other);
  }
}

/** `property(fget, fset, fdel)`. */
export class PyProperty extends PyObject {
  declare fget: PyObj;
  declare fset: PyObj;
  declare fdel: PyObj;
  constructor(fget: PyObj, fset: PyObj, fdel: PyObj) {
    super(propertyType);
    this.fget = fget;
    this.fset = fset;
    this.fdel = fdel;
    this.h = heap.alloc(16, BlockKind.Other);
  }
}

/** A module: its name and its globals. */
export class PyModule extends PyObject {
  declare readonly name: string;
  declare readonly dict: PyMap;
  constructor(name: string, dict: PyMap) {
    super(moduleType);
    this.name = name;
    this.dict = dict;
    this.h = heap.alloc(8, BlockKind.Module);
  }
}

/** One frame of a traceback: source file, line, function name. */
export interface TracebackEntry {
  file: string;
  line: number;
  name: string;
}

/**
 * An exception instance, also of user subclasses of exception types (whose
 * attributes live in `dict`). Python exceptions are thrown as these objects.
 */
export class PyException extends PyObject {
  declare args: PyTuple;
  declare traceback: TracebackEntry[];
  /** Attributes set on the instance (user subclasses, or `e.x = …`). */
  declare dict: PyMap | null;
  /** Heap address of the traceback array (3 words per entry; 0: none). */
  declare tracebackAddr: number;
  /** Heap address of the instance object of a user subclass (0: none). */
  declare instanceAddr: number;
  constructor(type: PyType, args: PyTuple) {
    super(type);
    this.args = args;
    this.traceback = [];
    this.dict = null;
    this.tracebackAddr = 0;
    this.h = heap.alloc(16, BlockKind.Exception);
    // An instance of a user subclass is an instance object (with a slot for
    // the native exception) wrapping the exception object.
    this.instanceAddr = (type.flags & TypeFlag.UserClass) !== 0
      ? heap.alloc(20, BlockKind.Instance)
      : 0;
  }
}

/** The type of any value. */
export function typeOf(v: PyObj): PyType {
  switch (typeof v) {
    case "number":
    case "bigint":
      return intType;
    case "string":
      return strType;
    case "boolean":
      return boolType;
    default:
      return v.type;
  }
}

/** True when `type` is `base` or has it in its lookup order. */
export function isSubtype(type: PyType, base: PyType): boolean {
  if (type === base) return true;
  const mro = type.mro;
  for (let i = 1; i < mro.length; i++) if (mro[i] === base) return true;
  return false;
}

/** True when `v` is an instance of `type` (or of a subclass). */
export function isInstance(v: PyObj, type: PyType): boolean {
  return isSubtype(typeOf(v), type);
}

/** Looks `name` up along the type's lookup order; undefined when absent. */
export function lookupInType(type: PyType, name: string): PyObj | undefined {
  const mro = type.mro;
  for (let i = 0; i < mro.length; i++) {
    const v = mro[i].dict.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * `__init__` of built-in types that only `super().__init__(…)` reaches:
 * MicroPython's exceptions have no `__init__` attribute, yet a subclass's
 * `super().__init__(…)` sets its args.
 */
export const superOnlyInit: Map<PyType, PyNativeFunction> = new Map();

/** Adds a built-in method (or any attribute) to a built-in type's namespace. */
export function defineMethod(
  type: PyType,
  name: string,
  fn: (args: PyObj[], kw: KwArgs) => PyObj,
): void {
  type.dict.set(
    name,
    new PyNativeFunction(name, fn, type === objectType ? null : type),
  );
}
