/**
 * Helpers shared by the sequence types (`py/sequence.c`, `py/argcheck.c`):
 * index normalisation, machine-int conversion, lexicographic comparison,
 * `index`/`count`, and MicroPython's argument-count errors for native
 * functions.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import {
  indexError,
  memoryError,
  overflowError,
  runtimeError,
  typeError,
  valueError,
} from "./exc.ts";
import { DELETED } from "./map.ts";
import {
  dictType,
  type KwArgs,
  listType,
  PrintKind,
  PyByteArray,
  PyBytes,
  PyDict,
  PyFloat,
  PyInstance,
  PyList,
  type PyObj,
  type PyObject,
  PySingleton,
  PyTuple,
  tupleType,
  TypeFlag,
  typeOf,
} from "./obj.ts";
import { binaryOp, isTrue, print } from "./runtime.ts";
import { compareStr } from "./unicode.ts";

/** The largest magnitude a 32-bit port's `mp_int_t` argument may have. */
const MACHINE_INT_MAX = 0x7fffffff;

/** The `OverflowError` of an int too large for a machine word. */
export function machineWordOverflow(): ReturnType<typeof overflowError> {
  return overflowError("overflow converting long int to machine word");
}

/**
 * An int argument as a machine int (`mp_obj_get_int`): ints and bools are
 * accepted, values beyond a 32-bit word raise `OverflowError`, anything else
 * raises `TypeError`.
 */
export function toMachineInt(v: PyObj): number {
  if (typeof v === "number") {
    if (v > MACHINE_INT_MAX || v < -MACHINE_INT_MAX) {
      throw machineWordOverflow();
    }
    return v;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") throw machineWordOverflow();
  const r = intMaybe(v);
  if (r !== undefined) return toMachineInt(r);
  throw typeError(`can't convert ${typeOf(v).name} to int`);
}

/** What a class's `__int__` gives for `v` (`MP_UNARY_OP_INT_MAYBE`), if any. */
function intMaybe(v: PyObj): number | bigint | boolean | undefined {
  if (typeof v !== "object" || v.type.unaryOp === null) return undefined;
  const r = v.type.unaryOp(UnaryOp.IntMaybe, v);
  return typeof r === "number" || typeof r === "bigint" ||
      typeof r === "boolean"
    ? r
    : undefined;
}

/**
 * Like {@link toMachineInt} but returns undefined for values that are not
 * ints (`mp_obj_get_int_maybe`).
 */
export function toMachineIntMaybe(v: PyObj): number | undefined {
  if (
    typeof v === "number" || typeof v === "boolean" || typeof v === "bigint"
  ) {
    return toMachineInt(v);
  }
  return undefined;
}

/**
 * A repeat count (`mp_obj_get_int_maybe`): an int, or what an object's
 * `__int__` gives; undefined when neither.
 */
export function repeatCountMaybe(v: PyObj): number | undefined {
  const n = toMachineIntMaybe(v);
  if (n !== undefined) return n;
  const r = intMaybe(v);
  return r === undefined ? undefined : toMachineInt(r);
}

/**
 * Normalises a subscript (`mp_get_index`): negative values count from the
 * end; out of range raises `IndexError` ("NAME index out of range"), or is
 * clamped to `0 … len` when `clamp` is set (start/stop of `index()`).
 */
export function getIndex(
  typeName: string,
  len: number,
  index: PyObj,
  clamp = false,
): number {
  let i: number;
  if (typeof index === "number") {
    i = index;
    if (i > MACHINE_INT_MAX || i < -MACHINE_INT_MAX) {
      throw machineWordOverflow();
    }
  } else if (typeof index === "boolean") {
    i = index ? 1 : 0;
  } else if (typeof index === "bigint") {
    throw machineWordOverflow();
  } else if (
    index instanceof PyInstance &&
    (typeof index.native === "number" || typeof index.native === "boolean")
  ) {
    // An instance of an int subclass indexes by its int value.
    return getIndex(typeName, len, index.native, clamp);
  } else {
    // So does an object with __int__ (called once).
    const n = intMaybe(index);
    if (n !== undefined) return getIndex(typeName, len, n, clamp);
    throw typeError(
      `${typeName} indices must be integers, not ${typeOf(index).name}`,
    );
  }
  if (i < 0) i += len;
  if (clamp) {
    if (i < 0) i = 0;
    else if (i > len) i = len;
  } else if (i < 0 || i >= len) {
    throw indexError(`${typeName} index out of range`);
  }
  return i;
}

/**
 * Lexicographic comparison of two item arrays (`mp_seq_cmp_objs`) for
 * `Less`, `LessEqual`, `More`, `MoreEqual` and `Equal`. As in MicroPython,
 * `<`/`<=` are evaluated as `>`/`>=` with the operands swapped, so the first
 * unequal pair is compared with `>`/`>=` (which shows in error messages).
 */
export function seqCompare(
  op: BinaryOp,
  a: readonly PyObj[],
  b: readonly PyObj[],
): boolean {
  let items1 = a;
  let items2 = b;
  if (op === BinaryOp.Equal && items1.length !== items2.length) return false;
  if (op === BinaryOp.Less || op === BinaryOp.LessEqual) {
    items1 = b;
    items2 = a;
    op = op === BinaryOp.Less ? BinaryOp.More : BinaryOp.MoreEqual;
  }
  const len1 = items1.length;
  const len2 = items2.length;
  const len = len1 < len2 ? len1 : len2;
  for (let i = 0; i < len; i++) {
    const x = items1[i];
    const y = items2[i];
    if (objEqual(x, y)) continue;
    if (op === BinaryOp.Equal) return false;
    if (typeof x === "number" && typeof y === "number") {
      return op === BinaryOp.More ? x > y : x >= y;
    }
    if (typeof x === "string" && typeof y === "string") {
      // Unequal: `>` and `>=` agree.
      return compareStr(x, y) > 0;
    }
    return binaryOp(op, x, y) === true;
  }
  if (len1 !== len2) {
    if (len1 < len2) return false;
  } else if (op === BinaryOp.More) {
    return false;
  }
  return true;
}

/**
 * Python equality (`mp_obj_equal`) with fast paths for ints and strs; a float
 * NaN is unequal even to itself.
 */
export function objEqual(a: PyObj, b: PyObj): boolean {
  const ta = typeof a;
  if (ta === typeof b && (ta === "number" || ta === "string")) return a === b;
  // A class's __eq__ may return any object: its truth decides.
  return isTrue(binaryOp(BinaryOp.Equal, a, b));
}

/** `seq.count(value)` over an item array (`mp_seq_count_obj`). */
export function seqCount(items: readonly PyObj[], value: PyObj): number {
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    if (objEqual(items[i], value)) n++;
  }
  return n;
}

/**
 * `seq.index(value[, start[, stop]])` over an item array
 * (`mp_seq_index_obj`); `args` are the method's arguments with self first.
 */
export function seqIndex(
  typeName: string,
  items: readonly PyObj[],
  args: PyObj[],
): number {
  const len = items.length;
  const value = args[1];
  let start = 0;
  let stop = len;
  if (args.length >= 3) {
    start = getIndex(typeName, len, args[2], true);
    if (args.length >= 4) stop = getIndex(typeName, len, args[3], true);
  }
  for (let i = start; i < stop && i < items.length; i++) {
    if (objEqual(items[i], value)) return i;
  }
  throw valueError("object not in sequence");
}

/**
 * Checks the number of arguments of a native function as MicroPython does
 * (`mp_arg_check_num`): counts include `self` for methods.
 */
export function checkArgs(
  args: readonly PyObj[],
  kw: KwArgs,
  range: { min: number; max: number; takesKw?: boolean },
): void {
  const n = args.length;
  if (kw !== null && kw.size > 0 && range.takesKw !== true) {
    throw typeError("function doesn't take keyword arguments");
  }
  if (range.min === range.max) {
    if (n !== range.min) {
      throw typeError(
        `function takes ${range.min} positional arguments but ${n} were given`,
      );
    }
  } else if (n < range.min) {
    throw typeError(
      `function missing ${range.min - n} required positional arguments`,
    );
  } else if (n > range.max) {
    throw typeError(
      `function expected at most ${range.max} arguments, got ${n}`,
    );
  }
}

/**
 * The `TypeError` of a method called on the wrong type of object
 * (`mp_check_self`), e.g. `list.append((), 1)`.
 */
export function selfAs(v: PyObj, expected: string): never {
  throw typeError(
    `argument should be a '${expected}' not a '${typeOf(v).name}'`,
  );
}

/** The `hash` slot of unhashable types: raises MicroPython's `TypeError`. */
export function unhashable(self: PyObj): never {
  throw typeError(`unsupported type for __hash__: '${typeOf(self).name}'`);
}

/** Raises the `TypeError` for keyword arguments given to a function without any. */
export function noKwArgs(kw: KwArgs): void {
  if (kw !== null && kw.size > 0) {
    throw typeError("function doesn't take keyword arguments");
  }
}

/**
 * Parses keyword-only arguments against a list of allowed names
 * (`mp_arg_parse_all` for functions whose options are all keyword-only):
 * unknown names raise "extra keyword arguments given".
 */
export function kwOnly(
  kw: KwArgs,
  allowed: readonly string[],
): (PyObj | undefined)[] {
  const out: (PyObj | undefined)[] = new Array(allowed.length);
  if (kw === null || kw.size === 0) return out;
  let used = 0;
  for (let i = 0; i < allowed.length; i++) {
    const v = kw.get(allowed[i]);
    if (v !== undefined) {
      out[i] = v;
      used++;
    }
  }
  if (used !== kw.size) throw typeError("extra keyword arguments given");
  return out;
}

/**
 * The native object of the given class behind `v`: `v` itself, or the
 * built-in object a user-class instance carries; undefined otherwise.
 */
export function nativeAs<T extends PyObject>(
  v: PyObj,
  cls: abstract new (...args: never[]) => T,
): T | undefined {
  if (v instanceof cls) return v;
  if (v instanceof PyInstance && v.native instanceof cls) {
    return v.native as T;
  }
  return undefined;
}

/** How deep container reprs may nest before `RuntimeError` (a stand-in for the C stack limit). */
const MAX_REPR_DEPTH = 1000;
let reprDepth = 0;

/**
 * Runs a container's repr with a nesting guard: a container that contains
 * itself recurses until MicroPython's stack check raises
 * `RuntimeError: maximum recursion depth exceeded`, and so does this.
 */
export function guardRepr(fn: () => string): string {
  if (reprDepth >= MAX_REPR_DEPTH) {
    throw runtimeError("maximum recursion depth exceeded");
  }
  reprDepth++;
  try {
    return fn();
  } finally {
    reprDepth--;
  }
}

/**
 * True when printing `v` runs no Python code: a number, str, bool, None,
 * float, bytes or bytearray of a built-in type.
 */
function printsWithoutPython(v: PyObj): boolean {
  if (typeof v !== "object") return true;
  if ((v.type.flags & TypeFlag.UserClass) !== 0) return false;
  return v instanceof PyFloat || v instanceof PySingleton ||
    v instanceof PyBytes || v instanceof PyByteArray;
}

/**
 * Prints `v` piece by piece into `write`, as MicroPython's print() streams a
 * list, tuple or dict: when an item's `__repr__` raises, the text before it
 * has already been written. `flush` is called before anything that may run
 * Python code (which may print too). Other objects are written whole.
 */
export function printPieces(
  v: PyObj,
  kind: PrintKind,
  write: (text: string) => void,
  flush: () => void,
): void {
  if (typeof v !== "object") {
    write(print(v, kind));
    return;
  }
  const t = v.type;
  if (t === listType || t === tupleType) {
    const items = (v as PyList | PyTuple).items;
    const tuple = t === tupleType;
    if (items.length === 0) {
      write(tuple ? "()" : "[]");
      return;
    }
    guardRepr(() => {
      write(tuple ? "(" : "[");
      for (let i = 0; i < items.length; i++) {
        if (i > 0) write(", ");
        printPieces(items[i], PrintKind.Repr, write, flush);
      }
      write(tuple ? (items.length === 1 ? ",)" : ")") : "]");
      return "";
    });
    return;
  }
  if (t === dictType) {
    const map = (v as PyDict).map;
    if (map.used === 0) {
      write("{}");
      return;
    }
    guardRepr(() => {
      write("{");
      let first = true;
      for (let i = 0; i < map.keys.length; i++) {
        const k = map.keys[i];
        if (k === undefined || k === DELETED) continue;
        if (!first) write(", ");
        first = false;
        printPieces(k, PrintKind.Repr, write, flush);
        write(": ");
        printPieces(map.values[i] as PyObj, PrintKind.Repr, write, flush);
      }
      write("}");
      return "";
    });
    return;
  }
  if (!printsWithoutPython(v)) flush();
  write(print(v, kind));
}

/** Largest item count a sequence may be built with before `MemoryError`. */
const MAX_ITEMS = 1 << 26;

/**
 * Raises MicroPython's `MemoryError` for a sequence of `n` items whose C
 * array (`bytes` long) no board could hold, before the host tries to.
 */
export function checkSeqSize(n: number, bytes: number): void {
  if (n > MAX_ITEMS) {
    throw memoryError(`memory allocation failed, allocating ${bytes} bytes`);
  }
}

/** `items * n` as a new array (n ≥ 1). */
export function repeatItems(items: readonly PyObj[], n: number): PyObj[] {
  const len = items.length;
  const total = len * n;
  checkSeqSize(total, 4 * total);
  const out: PyObj[] = new Array(total);
  for (let k = 0, p = 0; k < n; k++) {
    for (let i = 0; i < len; i++) out[p++] = items[i];
  }
  return out;
}
