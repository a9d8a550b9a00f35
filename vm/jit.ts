/**
 * The second tier: turns a raw code's pre-decoded bytecode into one
 * JavaScript function (made with `new Function`), which V8 then compiles to
 * machine code. The idea is MicroPython's `@micropython.native`; the result
 * behaves exactly as the interpreter loop does.
 *
 * The compiled function shares everything with the interpreter: the frame,
 * its state array (locals and value stack in MicroPython's layout), the
 * handler records, and every slow path. It drops the dispatch and the stack
 * pointer: each instruction becomes a few lines of JavaScript with the
 * stack positions known at translation time, values kept in JavaScript
 * locals, and the fast paths inlined.
 *
 * The state array is what the collector scans, what handlers and resumed
 * generators read, and what the interpreter continues from. Writes to it are
 * therefore deferred, not dropped: at every point where anything could look
 * (before any call or throw, at the end of each block, before a yield) the
 * array holds exactly what the interpreter's would, stale slots included, so
 * heap figures do not depend on the tier. A frame can move from the
 * interpreter to its compiled code at a loop head, and a generator can
 * resume in either.
 *
 * Control flow: the code is cut into blocks at jump targets, handler
 * positions and resume points; the function is a loop around a `switch`
 * over block numbers, with one `try` whose `catch` finds the handler record
 * as the interpreter does (so tracebacks get the same lines). Code without
 * `finally`/`with` has a stack depth known at every instruction; code with
 * them keeps a stack pointer, as `finally` blocks are entered at more than
 * one depth.
 *
 * @module
 */

import type { CodeInfo } from "./code.ts";
import {
  type Frame,
  hooks,
  type JitFn,
  type JitSupport,
  jitSupport,
} from "./interp.ts";
import { keyError, notImplementedError, runtimeError } from "./exc.ts";
import { PyMap } from "./map.ts";
import { pendingWork, runScheduled } from "./scheduler.ts";
import {
  emptyTuple,
  listType,
  None,
  PyDict,
  PyFloat,
  PyInstance,
  PyList,
  PyModule,
  type PyObj,
  PySet,
  PyTuple,
  type PyType,
  tupleType,
  typeOf,
} from "./obj.ts";
import { PySlice } from "./obj_slice.ts";
import { floatBinaryOp } from "./obj_float.ts";
import { intBinaryOp } from "./obj_int.ts";
import { intAsFloat, newFloat } from "./float_impl.ts";
import { builtinsDict } from "./builtins.ts";
import {
  classState,
  instanceLoadAttr,
  methodCacheKind,
  plainStore,
} from "./obj_type.ts";
import { PyFunction } from "./obj_fun.ts";
import {
  binaryOp,
  call,
  dictStore,
  exceptionMatches,
  getAttr,
  getIter,
  isTrue,
  iterNext,
  listAppend,
  loadMethod,
  setAdd,
  storeAttr,
  subscrLoad,
  subscrStore,
  unaryOp,
} from "./runtime.ts";

// ---------------------------------------------------------------------------
// Inline caches. Each site has a small array of entries; a probe never
// allocates or calls Python code (so it needs no state writes before it)
// and answers undefined when the cache cannot; the site then writes the
// state array and takes the slow path, which also fills the cache.

/** Entries an attribute or method site keeps (one per type seen). */
const POLY = 4;

/** `LOAD_GLOBAL` site: [slot in globals, globals version, slot in builtins]. */
type GlobalSite = [number, number, number];

/** The builtin `q` when the globals (unchanged since) did not have it. */
function globalProbe(G: PyMap, q: string, c: GlobalSite): PyObj | undefined {
  if (G.version === c[1]) {
    const s = c[2];
    if (builtinsDict.keys[s] === q) return builtinsDict.values[s];
  }
  return undefined;
}

/** `LOAD_GLOBAL` the slow way, filling the site's cache. */
function globalMiss(
  G: PyMap,
  q: string,
  c: GlobalSite,
  frame: Frame,
): PyObj {
  const v = jitSupport.loadGlobal(G, q, frame.code);
  const s = G.find(q);
  if (s >= 0) {
    c[0] = s;
  } else {
    c[1] = G.version;
    c[2] = Math.max(0, builtinsDict.find(q));
  }
  return v;
}

/**
 * `LOAD_ATTR` site: pairs of (type, slot): instances of that user class
 * (or modules) held the attribute at that slot of their table.
 */
type AttrSite = (PyType | number | null)[];

/** Attribute `q` of `o` from its own table, when the site has seen its type. */
function attrProbe(o: PyObj, q: string, c: AttrSite): PyObj | undefined {
  if (typeof o !== "object") return undefined;
  const t = o.type;
  for (let i = 0; i < c.length; i += 2) {
    if (c[i] === t) {
      const d = (o as PyInstance).dict;
      const s = c[i + 1] as number;
      if (d.keys[s] === q) return d.values[s];
      return undefined;
    }
  }
  return undefined;
}

/** Records where `o` keeps `q`, when loading it from there is what `getAttr` does. */
function attrRecord(o: PyObj, q: string, c: AttrSite): void {
  let d: PyMap;
  if (o instanceof PyInstance && o.type.loadAttr === instanceLoadAttr) {
    d = o.dict;
  } else if (o instanceof PyModule) {
    d = o.dict;
  } else {
    return;
  }
  const s = d.find(q);
  if (s < 0) return;
  const t = o.type;
  for (let i = 0; i < c.length; i += 2) {
    if (c[i] === t) {
      c[i + 1] = s;
      return;
    }
  }
  if (c[0] === null) {
    c[0] = t;
    c[1] = s;
    return;
  }
  if (c.length >= 2 * POLY) c.length = 2; // full: start over
  c.push(t, s);
}

/** `LOAD_ATTR` the slow way, filling the site's cache. */
function attrMiss(o: PyObj, q: string, c: AttrSite): PyObj {
  const v = getAttr(o, q);
  attrRecord(o, q, c);
  return v;
}

/**
 * `STORE_ATTR` site: triples of (type, class epoch, slot): a plain store
 * into the instance's table was right for that class.
 */
type StoreSite = (PyType | number | null)[];

/** Stores `o.q = v` over an existing entry when the site allows it; false if not. */
function storeProbe(o: PyObj, q: string, v: PyObj, c: StoreSite): boolean {
  if (typeof o !== "object") return false;
  const t = o.type;
  for (let i = 0; i < c.length; i += 3) {
    if (c[i] === t) {
      if (c[i + 1] !== classState.epoch) return false;
      const d = (o as PyInstance).dict;
      const s = c[i + 2] as number;
      if (d.keys[s] !== q) return false;
      d.values[s] = v;
      return true;
    }
  }
  return false;
}

/** `STORE_ATTR` the slow way, filling the site's cache. */
function storeMiss(o: PyObj, q: string, v: PyObj, c: StoreSite): void {
  storeAttr(o, q, v);
  if (v === undefined || !plainStore(o, q)) return;
  const t = (o as PyInstance).type;
  const s = Math.max(0, (o as PyInstance).dict.find(q));
  for (let i = 0; i < c.length; i += 3) {
    if (c[i] === t) {
      c[i + 1] = classState.epoch;
      c[i + 2] = s;
      return;
    }
  }
  if (c[0] === null) {
    c[0] = t;
    c[1] = classState.epoch;
    c[2] = s;
    return;
  }
  if (c.length >= 3 * POLY) c.length = 3; // full: start over
  c.push(t, classState.epoch, s);
}

/**
 * `LOAD_METHOD` site: quadruples of (type, kind, class epoch, function):
 * kind 0 for a built-in type, 1 for a user class (valid while no class
 * changes and the instance does not have the name itself).
 */
type MethodSite = (PyObj | null)[];

/** Fills `out` with `[fn, o]` when the site knows the method; false if not. */
function methodProbe(
  o: PyObj,
  q: string,
  c: MethodSite,
  out: [PyObj, PyObj | undefined],
): boolean {
  const t = typeof o === "object" ? o.type : typeOf(o);
  for (let i = 0; i < c.length; i += 4) {
    if (c[i] === t) {
      if (c[i + 1] === 1) {
        if (c[i + 2] !== classState.epoch) return false;
        if ((o as PyInstance).dict.find(q) >= 0) return false;
      }
      out[0] = c[i + 3] as PyObj;
      out[1] = o;
      return true;
    }
  }
  return false;
}

/** `LOAD_METHOD` the slow way, filling the site's cache. */
function methodMiss(
  o: PyObj,
  q: string,
  c: MethodSite,
  out: [PyObj, PyObj | undefined],
): void {
  loadMethod(o, q, out);
  const k = methodCacheKind(o, q, out[0], out[1]);
  if (k < 0) return;
  const t = typeOf(o);
  for (let i = 0; i < c.length; i += 4) {
    if (c[i] === t) {
      c[i + 1] = k;
      c[i + 2] = classState.epoch;
      c[i + 3] = out[0];
      return;
    }
  }
  if (c[0] === null) {
    c[0] = t;
    c[1] = k;
    c[2] = classState.epoch;
    c[3] = out[0];
    return;
  }
  if (c.length >= 4 * POLY) c.length = 4; // full: start over
  c.push(t, k, classState.epoch, out[0]);
}

/** `obj[index]` for a list or tuple and an int in range; undefined otherwise. */
function itemProbe(obj: PyObj, index: PyObj): PyObj | undefined {
  if (typeof index !== "number" || typeof obj !== "object") return undefined;
  const t = obj.type;
  if (t !== listType && t !== tupleType) return undefined;
  const items = (obj as PyList).items;
  const i = index < 0 ? index + items.length : index;
  return i >= 0 && i < items.length ? items[i] : undefined;
}

/** `obj[index] = value` for a list and an int in range; false otherwise. */
function itemStore(obj: PyObj, index: PyObj, value: PyObj): boolean {
  if (typeof index !== "number" || typeof obj !== "object") return false;
  if (obj.type !== listType || value === undefined) return false;
  const items = (obj as PyList).items;
  const i = index < 0 ? index + items.length : index;
  if (i < 0 || i >= items.length) return false;
  items[i] = value;
  return true;
}

/**
 * A numeric operator on operands that are not both small ints: a float on
 * either side goes straight to float's operator (what `binaryOp` would
 * reach), anything else through `binaryOp`.
 */
function arith(n: number, x: PyObj, y: PyObj): PyObj {
  if (x instanceof PyFloat) {
    const r = floatBinaryOp(n, x.value, y);
    if (r !== undefined) return r;
  } else if (typeof x === "number" || typeof x === "bigint") {
    // Two ints go straight to int's operator (what binaryOp would reach).
    if (typeof y === "number" || typeof y === "bigint") {
      const r = intBinaryOp(n, x, y);
      if (r !== undefined) return r;
    } else if (y instanceof PyFloat) {
      const r = floatBinaryOp(n, intAsFloat(x), y);
      if (r !== undefined) return r;
    }
  }
  return binaryOp(n, x, y);
}

/** `x + y` when neither is a small int: two floats here, the rest by {@link arith}. */
function fadd(n: number, x: PyObj, y: PyObj): PyObj {
  return x instanceof PyFloat && y instanceof PyFloat
    ? newFloat(x.value + y.value)
    : arith(n, x, y);
}

/** `x - y` when neither is a small int (see {@link fadd}). */
function fsub(n: number, x: PyObj, y: PyObj): PyObj {
  return x instanceof PyFloat && y instanceof PyFloat
    ? newFloat(x.value - y.value)
    : arith(n, x, y);
}

/** `x * y` when neither is a small int (see {@link fadd}). */
function fmul(n: number, x: PyObj, y: PyObj): PyObj {
  return x instanceof PyFloat && y instanceof PyFloat
    ? newFloat(x.value * y.value)
    : arith(n, x, y);
}

/** `x / y` when the operands are floats and `y` is not zero (see {@link fadd}). */
function fdiv(n: number, x: PyObj, y: PyObj): PyObj {
  return x instanceof PyFloat && y instanceof PyFloat && y.value !== 0
    ? newFloat(x.value / y.value)
    : arith(n, x, y);
}

/** Runtime values the generated code refers to (besides {@link jitSupport}). */
const objects = {
  CS: classState,
  newFloat,
  arith,
  SW: pendingWork,
  runScheduled,
  fadd,
  fsub,
  fmul,
  fdiv,
  globalProbe,
  globalMiss,
  attrProbe,
  attrMiss,
  storeProbe,
  storeMiss,
  methodProbe,
  methodMiss,
  itemProbe,
  itemStore,
  binaryOp,
  call,
  dictStore,
  exceptionMatches,
  getAttr,
  getIter,
  isTrue,
  iterNext,
  listAppend,
  loadMethod,
  setAdd,
  storeAttr,
  subscrLoad,
  subscrStore,
  unaryOp,
  runtimeError,
  notImplementedError,
  keyError,
  emptyTuple,
  listType,
  tupleType,
  None,
  PyDict,
  PyFloat,
  PyList,
  PyMap,
  PySet,
  PySlice,
  PyTuple,
  PyFunction,
  hooks,
};

type Objects = typeof objects;

/** Names of {@link jitSupport} and {@link objects} the generated code may use. */
const R_NAMES: string[] = Object.keys(jitSupport);
const O_NAMES: string[] = Object.keys(objects);

/** Any of those names, as a word (one pass over a factory's source). */
const NAMES_RE = new RegExp(
  `(?<![\\w$])(?:${[...R_NAMES, ...O_NAMES].join("|")})(?![\\w$])`,
  "g",
);

/**
 * The start of a factory: the runtime names its code uses become closure
 * constants (only those: the less there is to parse, the sooner V8 runs
 * the code).
 */
function prelude(source: string): string {
  const used = new Set(source.match(NAMES_RE));
  const r = R_NAMES.filter((n) => used.has(n));
  const o = O_NAMES.filter((n) => used.has(n));
  let s = `"use strict";`;
  if (r.length > 0) s += `\nconst {${r.join(", ")}} = R;`;
  if (o.length > 0) s += `\nconst {${o.join(", ")}} = O;`;
  return s;
}

type Factory = (
  R: JitSupport,
  O: Objects,
  code: CodeInfo,
  BL: Int32Array,
) => JitFn;

/** Largest code (in instructions) the tier takes; bigger code stays interpreted. */
const MAX_INSTRUCTIONS = 20000;

/** Comparison operators with a number fast path, by opcode. */
const COMPARE: Record<number, string> = {
  0xd7: "<",
  0xd8: ">",
  0xda: "<=",
  0xdb: ">=",
};

/** Bitwise operators on two small ints, by opcode (plain and in-place). */
const BITWISE: Record<number, string> = {
  0xe0: "|",
  0xed: "|",
  0xe1: "^",
  0xee: "^",
  0xe2: "&",
  0xef: "&",
};

/** Additive and multiplicative operators with a small-int fast path. */
const ARITH: Record<number, string> = {
  0xe5: "+",
  0xf2: "+",
  0xe6: "-",
  0xf3: "-",
  0xe7: "*",
  0xf4: "*",
};

/**
 * What follows every jump, taken or not: scheduled callbacks run there, as
 * MicroPython's VM runs them (the array is in step with the interpreter's
 * at a jump, so a collection they start sees the right roots).
 */
const SCHEDULED = "if (SW.scheduled) runScheduled();";

/** Operators whose slow path tries two floats first (the helper's name). */
const FLOAT_HELPER: Record<number, string> = {
  0xe5: "fadd",
  0xf2: "fadd",
  0xe6: "fsub",
  0xf3: "fsub",
  0xe7: "fmul",
  0xf4: "fmul",
  0xea: "fdiv",
  0xf7: "fdiv",
};

const SMALL_MIN = -0x40000000;
const SMALL_MAX = 0x3fffffff;

/** The value of a small-int literal the generator wrote, or undefined. */
function smallLit(e: string): number | undefined {
  if (!isIntLit(e)) return undefined;
  const v = Number(e.charCodeAt(0) === 40 ? e.slice(1, -1) : e);
  return v >= SMALL_MIN && v <= SMALL_MAX ? v : undefined;
}

/** True for an int literal as the generator writes them (`5`, `(-5)`). */
function isIntLit(e: string): boolean {
  let i = 0;
  let end = e.length;
  if (e.charCodeAt(0) === 40) { // (
    if (e.charCodeAt(end - 1) !== 41) return false;
    i = 1;
    end--;
  }
  if (e.charCodeAt(i) === 45) i++; // -
  if (i >= end) return false;
  for (; i < end; i++) {
    const c = e.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True for an expression that may be used more than once as it is. */
function isSimple(e: string): boolean {
  if (e.length === 0) return false;
  const c0 = e.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57 || c0 === 40 || c0 === 45) return isIntLit(e);
  for (let i = 0; i < e.length; i++) {
    const c = e.charCodeAt(i);
    const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ||
      (c >= 48 && c <= 57) || c === 95 || c === 36;
    if (!word) return false;
  }
  return true;
}

/** Stack effect of the instructions whose effect depends only on operands. */
function stackEffect(op: number, a: number): number | undefined {
  if (op >= 0xd7 && op <= 0xf9) return -1; // BINARY_OP
  switch (op) {
    case 0x22: // LOAD_CONST_SMALL_INT
    case 0x02: // (LOAD_EXTRA_CONST)
    case 0x23: // LOAD_CONST_OBJ
    case 0x10: // LOAD_CONST_STRING
    case 0x24: // LOAD_FAST_N
    case 0x25: // LOAD_DEREF
    case 0x11: // LOAD_NAME
    case 0x12: // LOAD_GLOBAL
    case 0x14: // LOAD_METHOD
    case 0x1c: // IMPORT_FROM
    case 0x2c: // BUILD_MAP
    case 0x32: // MAKE_FUNCTION
    case 0x50: // LOAD_CONST_FALSE
    case 0x51: // LOAD_CONST_NONE
    case 0x52: // LOAD_CONST_TRUE
    case 0x53: // LOAD_NULL
    case 0x54: // LOAD_BUILD_CLASS
    case 0x57: // DUP_TOP
      return 1;
    case 0x58: // DUP_TOP_TWO
      return 2;
    case 0x5f: // GET_ITER_STACK
      return 3;
    case 0x13: // LOAD_ATTR
    case 0x19: // DELETE_NAME
    case 0x1a: // DELETE_GLOBAL
    case 0x28: // DELETE_FAST
    case 0x29: // DELETE_DEREF
    case 0x48: // SETUP_EXCEPT
    case 0x5a: // ROT_TWO
    case 0x5b: // ROT_THREE
    case 0x5e: // GET_ITER
    case 0xd0: // UNARY_OP
    case 0x67: // YIELD_VALUE
      return 0;
    case 0x15: // LOAD_SUPER_METHOD
    case 0x16: // STORE_NAME
    case 0x17: // STORE_GLOBAL
    case 0x1b: // IMPORT_NAME
    case 0x26: // STORE_FAST_N
    case 0x27: // STORE_DEREF
    case 0x33: // MAKE_FUNCTION_DEFARGS
    case 0x55: // LOAD_SUBSCR
    case 0x59: // POP_TOP
    case 0x68: // YIELD_FROM
    case 0x69: // IMPORT_STAR
      return -1;
    case 0x18: // STORE_ATTR
    case 0x62: // STORE_MAP
      return -2;
    case 0x56: // STORE_SUBSCR
      return -3;
    case 0x2a: // BUILD_TUPLE
    case 0x2b: // BUILD_LIST
    case 0x2d: // BUILD_SET
      return 1 - a;
    case 0x2e: // BUILD_SLICE
      return a === 3 ? -2 : -1;
    case 0x2f: // STORE_COMP
      return (a & 3) === 1 ? -2 : -1;
    case 0x30: // UNPACK_SEQUENCE
      return a - 1;
    case 0x31: // UNPACK_EX
      return (a & 0xff) + ((a >> 8) & 0xff);
    case 0x34: // CALL_FUNCTION
      return -((a & 0xff) + 2 * ((a >> 8) & 0xff));
    case 0x36: // CALL_METHOD
    case 0x35: // CALL_FUNCTION_VAR_KW
      return -((a & 0xff) + 2 * ((a >> 8) & 0xff) + 1);
    case 0x37: // CALL_METHOD_VAR_KW
      return -((a & 0xff) + 2 * ((a >> 8) & 0xff) + 2);
  }
  return undefined;
}

/**
 * Stack depth at each instruction of code without `finally`/`with`, or
 * null when it is not one fixed number (or the code is not understood).
 */
function staticDepths(ops: Int32Array): Int32Array | null {
  const n = ops.length;
  const depth = new Int32Array(n / 3 + 1).fill(-1);
  const work: number[] = [];
  let ok = true;
  const reach = (ip: number, d: number): void => {
    if (d < 0 || ip < 0 || ip >= n) {
      ok = false;
      return;
    }
    const i = ip / 3;
    if (depth[i] === -1) {
      depth[i] = d;
      work.push(ip);
    } else if (depth[i] !== d) {
      ok = false;
    }
  };
  reach(0, 0);
  while (work.length > 0 && ok) {
    const ip = work.pop()!;
    const d = depth[ip / 3];
    const op = ops[ip];
    const a = ops[ip + 1];
    const b = ops[ip + 2];
    switch (op) {
      case 0x47: // SETUP_WITH
      case 0x49: // SETUP_FINALLY
      case 0x5c: // WITH_CLEANUP
        return null;
      case 0x42: // JUMP
        reach(a, d);
        continue;
      case 0x43: // POP_JUMP_IF_TRUE
      case 0x44: // POP_JUMP_IF_FALSE
        reach(a, d - 1);
        reach(ip + 3, d - 1);
        continue;
      case 0x45: // JUMP_IF_TRUE_OR_POP
      case 0x46: // JUMP_IF_FALSE_OR_POP
        reach(a, d);
        reach(ip + 3, d - 1);
        continue;
      case 0x48: // SETUP_EXCEPT
        reach(a, d + 1);
        reach(ip + 3, d);
        continue;
      case 0x4a: // POP_EXCEPT_JUMP
        reach(a, d);
        continue;
      case 0x4b: // FOR_ITER
        reach(a, d - 4);
        reach(ip + 3, d + 1);
        continue;
      case 0x40: // UNWIND_JUMP
        reach(a, d - ((b & 0x80) !== 0 ? 4 : 0));
        continue;
      case 0x5d: // END_FINALLY
        reach(ip + 3, d - 1);
        continue;
      case 0x63: // RETURN_VALUE
      case 0x64: // RAISE_LAST
      case 0x65: // RAISE_OBJ
      case 0x66: // RAISE_FROM
      case 0x00: // end
      case 0x01: // bad opcode
        continue;
      case 0x21: // MAKE_CLOSURE_DEFARGS
        reach(ip + 3, d - b - 1);
        continue;
      case 0x20: // MAKE_CLOSURE
        reach(ip + 3, d + 1 - b);
        continue;
    }
    const e = stackEffect(op, a);
    if (e === undefined) return null;
    reach(ip + 3, d + e);
  }
  return ok ? depth : null;
}

/**
 * The locals (state indices) bound at each block start on every path that
 * reaches it: parameters are bound by the call, stores bind, and a local
 * that is deleted anywhere is never counted. Null entries: not reached.
 */
function boundLocals(
  code: CodeInfo,
  starts: number[],
  blockOf: Int32Array,
  depths: Int32Array | null,
): (Set<number> | null)[] {
  const ops = code.ops;
  const n = ops.length;
  const deleted = new Set<number>();
  for (let ip = 0; ip < n; ip += 3) {
    const op = ops[ip];
    if (op === 0x28) deleted.add(ops[ip + 1]);
    // A store of NULL unbinds; the compiler never emits one.
    if (op === 0x26 && ip >= 3 && ops[ip - 3] === 0x53) {
      deleted.add(ops[ip + 1]);
    }
  }
  const params = new Set<number>();
  const top = code.nState - 1;
  let nParams = code.nPosArgs + code.nKwonlyArgs;
  if ((code.scopeFlags & 0x04) !== 0) nParams++;
  if ((code.scopeFlags & 0x02) !== 0) nParams++;
  for (let i = 0; i < nParams; i++) {
    if (!deleted.has(top - i)) params.add(top - i);
  }
  const result: (Set<number> | null)[] = starts.map(() => null);
  if (depths === null) {
    // Jumps through finally blocks go where the stack says: only the
    // parameters are known everywhere.
    return starts.map(() => params);
  }
  const work: number[] = [0];
  result[0] = new Set(params);
  const meet = (ip: number, set: Set<number>): void => {
    const b = blockOf[ip];
    if (b < 0) return;
    const old = result[b];
    if (old === null) {
      result[b] = new Set(set);
      work.push(b);
      return;
    }
    let changed = false;
    for (const x of old) {
      if (!set.has(x)) {
        old.delete(x);
        changed = true;
      }
    }
    if (changed) work.push(b);
  };
  while (work.length > 0) {
    const b = work.pop()!;
    const cur = new Set(result[b]!);
    const end = b + 1 < starts.length ? starts[b + 1] : n;
    for (let ip = starts[b]; ip < end; ip += 3) {
      const op = ops[ip];
      const a = ops[ip + 1];
      let falls = true;
      switch (op) {
        case 0x26: // STORE_FAST_N
          if (!deleted.has(a)) cur.add(a);
          break;
        case 0x42: // JUMP
        case 0x4a: // POP_EXCEPT_JUMP
        case 0x40: // UNWIND_JUMP
          meet(a, cur);
          falls = false;
          break;
        case 0x43:
        case 0x44:
        case 0x45:
        case 0x46:
        case 0x48: // SETUP_EXCEPT (the handler sees what the try saw at its start)
        case 0x4b:
          meet(a, cur);
          break;
        case 0x63:
        case 0x64:
        case 0x65:
        case 0x66:
        case 0x00:
        case 0x01:
          falls = false;
          break;
      }
      if (!falls) break;
      if (ip + 3 === end && end < n) meet(end, cur);
    }
  }
  return result;
}

/** One raw code's translation. */
class Translator {
  private readonly code: CodeInfo;
  private readonly ops: Int32Array;
  /** Block number of each instruction position that starts a block, else -1. */
  readonly blockOf: Int32Array;
  private readonly starts: number[];
  /** Stack depth at each instruction (index = position / 3), or null: dynamic. */
  private readonly depths: Int32Array | null;
  private out: string[] = [];
  /**
   * Static code: the number of items on the stack. Dynamic code: the true
   * stack top is the runtime `sp` plus this.
   */
  private depth = 0;
  /** What each state slot (by index expression) holds, as a simple JS expression. */
  private cache = new Map<string, string>();
  /** State slots whose value is not written to the array yet (in write order). */
  private dirty = new Set<string>();
  private temps = 0;
  private maxTemps = 0;
  private readonly qstrsUsed = new Set<number>();
  private readonly constsUsed = new Set<number>();
  private readonly extraUsed = new Set<number>();
  /** Expressions known not to be small ints (constants of other kinds). */
  private readonly notSmall = new Set<string>();
  /** True after an instruction that does not fall through (rest of block is dead). */
  private dead = false;
  /** Declarations of the inline caches' state (closure variables). */
  private readonly caches: string[] = [];
  private sites = 0;
  /** Locals known bound at each block start. */
  private readonly bound: (Set<number> | null)[];
  /** Locals known bound now (in the block being translated). */
  private boundNow = new Set<number>();

  constructor(code: CodeInfo) {
    this.code = code;
    this.ops = code.ops;
    const ops = this.ops;
    const n = ops.length;
    const isStart = new Uint8Array(n + 3);
    isStart[0] = 1;
    for (let ip = 0; ip < n; ip += 3) {
      const op = ops[ip];
      switch (op) {
        case 0x40: // UNWIND_JUMP
        case 0x42: // JUMP
        case 0x4a: // POP_EXCEPT_JUMP
          isStart[ops[ip + 1]] = 1;
          isStart[ip + 3] = 1;
          break;
        case 0x43: // POP_JUMP_IF_TRUE
        case 0x44: // POP_JUMP_IF_FALSE
        case 0x45: // JUMP_IF_TRUE_OR_POP
        case 0x46: // JUMP_IF_FALSE_OR_POP
        case 0x47: // SETUP_WITH
        case 0x48: // SETUP_EXCEPT
        case 0x49: // SETUP_FINALLY
        case 0x4b: // FOR_ITER
          isStart[ops[ip + 1]] = 1;
          break;
        case 0x63: // RETURN_VALUE
        case 0x64: // RAISE_LAST
        case 0x65: // RAISE_OBJ
        case 0x66: // RAISE_FROM
        case 0x5d: // END_FINALLY (may jump anywhere it was asked to)
        case 0x67: // YIELD_VALUE (resumes after)
          isStart[ip + 3] = 1;
          break;
        case 0x68: // YIELD_FROM (resumes at itself)
          isStart[ip] = 1;
          isStart[ip + 3] = 1;
          break;
      }
    }
    this.blockOf = new Int32Array(n).fill(-1);
    this.starts = [];
    for (let ip = 0; ip < n; ip += 3) {
      if (isStart[ip]) {
        this.blockOf[ip] = this.starts.length;
        this.starts.push(ip);
      }
    }
    this.depths = staticDepths(ops);
    this.bound = boundLocals(code, this.starts, this.blockOf, this.depths);
  }

  // -------------------------------------------------------------------------
  // Emission helpers

  private emit(line: string): void {
    this.out.push(line);
  }

  private temp(): string {
    const t = `t${this.temps++}`;
    if (this.temps > this.maxTemps) this.maxTemps = this.temps;
    return t;
  }

  /** Makes `e` simple (a temp or a literal), evaluating it once. */
  private simple(e: string): string {
    if (isSimple(e)) return e;
    const t = this.temp();
    this.emit(`${t} = ${e};`);
    return t;
  }

  /** Index expression of the stack slot `k` items below the top. */
  private stackKey(k: number): string {
    if (this.depths !== null) return `${this.depth - 1 - k}`;
    const rel = this.depth - k;
    if (rel === 0) return "sp";
    return rel > 0 ? `sp + ${rel}` : `sp - ${-rel}`;
  }

  /** The stack top's index as an expression (for helpers that take it). */
  private topIndex(): string {
    return this.depths !== null ? `${this.depth - 1}` : this.stackKey(0);
  }

  /** The value of state slot `key` as a simple expression. */
  private read(key: string): string {
    const c = this.cache.get(key);
    if (c !== undefined) return c;
    const t = this.temp();
    this.emit(`${t} = st[${key}];`);
    this.cache.set(key, t);
    return t;
  }

  /** Sets state slot `key` to `e` (written to the array at the next sync). */
  private write(key: string, e: string): void {
    const v = this.simple(e);
    this.cache.set(key, v);
    this.dirty.delete(key);
    this.dirty.add(key);
  }

  /** The writes the array is missing, as code (state unchanged). */
  private syncCode(): string {
    let s = "";
    for (const k of this.dirty) s += `st[${k}] = ${this.cache.get(k)}; `;
    return s;
  }

  /** Writes every deferred value to the array (before a call, a throw, a block end). */
  private sync(): void {
    const s = this.syncCode();
    if (s !== "") this.emit(s.trimEnd());
    this.dirty.clear();
  }

  /** Code for a slow path (inside a branch): the writes, then the position. */
  private slow(ip: number): string {
    return `${this.syncCode()}pc = ${ip};`;
  }

  private push(e: string): void {
    this.depth++;
    this.write(this.stackKey(0), e);
  }

  private pop(): string {
    const v = this.read(this.stackKey(0));
    this.depth--;
    return v;
  }

  private top(k = 0): string {
    return this.read(this.stackKey(k));
  }

  /** Forgets cached stack values (after code that wrote the array itself). */
  private forgetStack(): void {
    for (const k of [...this.cache.keys()]) {
      if (this.depths === null ? k.startsWith("sp") : false) {
        this.cache.delete(k);
      }
    }
  }

  /** Forgets cached values of the given slots (the array holds them). */
  private forget(keys: string[]): void {
    for (const k of keys) {
      this.cache.delete(k);
      this.dirty.delete(k);
    }
  }

  /** Dynamic code: makes the runtime `sp` the true stack top (after a sync). */
  private flush(): void {
    if (this.depths !== null || this.depth === 0) return;
    this.sync();
    this.emit(`sp += ${this.depth};`);
    this.forgetStack();
    this.depth = 0;
  }

  /** Leaves the block for `target`: every write done, `sp` exact. */
  private jumpTo(target: number): void {
    this.sync();
    this.flush();
    this.emit(`L = ${this.blockOf[target]}; continue;`);
  }

  private q(i: number): string {
    this.qstrsUsed.add(i);
    return `q${i}`;
  }

  /** A new inline-cache site, declared with `init`; returns its name. */
  private site(init: string): string {
    const name = `c${this.sites++}`;
    this.caches.push(`const ${name} = ${init};`);
    return name;
  }

  /** The stack depth at `ip` (static code). */
  private depthAt(ip: number): number {
    return this.depths === null ? 0 : this.depths[ip / 3];
  }

  // -------------------------------------------------------------------------
  // Translation

  /** The generated source of the factory. */
  translate(): string {
    const ops = this.ops;
    const code = this.code;
    const body: string[] = [];
    for (let b = 0; b < this.starts.length; b++) {
      const start = this.starts[b];
      const end = b + 1 < this.starts.length ? this.starts[b + 1] : ops.length;
      this.out = [];
      this.depth = this.depthAt(start);
      this.cache = new Map();
      this.dirty = new Set();
      this.temps = 0;
      this.boundNow = new Set(this.bound[b] ?? []);
      this.dead = this.depths !== null && this.depths[start / 3] < 0;
      if (this.dead) this.emit("break dispatch;"); // unreachable
      for (let ip = start; ip < end && !this.dead; ip += 3) {
        this.instruction(ip);
      }
      if (!this.dead) {
        this.sync();
        this.flush();
      }
      body.push(`case ${b}: {`);
      for (const l of this.out) body.push(l);
      body.push("}");
    }
    const pre: string[] = [];
    pre.push(
      "const ops = code.ops, Q = code.file.qstrs, K = code.file.consts, X = code.extraConsts;",
    );
    for (const i of this.qstrsUsed) pre.push(`const q${i} = Q[${i}];`);
    for (const i of this.constsUsed) pre.push(`const k${i} = K[${i}];`);
    for (const i of this.extraUsed) pre.push(`const x${i} = X[${i}];`);
    for (const c of this.caches) pre.push(c);
    if (this.depths !== null) {
      const bd: number[] = [];
      for (const s of this.starts) bd.push(this.depths[s / 3] - 1);
      pre.push(`const BD = new Int32Array([${bd.join(", ")}]);`);
    }
    pre.push("const MO = [None, undefined];");
    if (code.isGenerator) pre.push("const SUB = { done: false };");
    const name = code.name.replace(/[^\w$]/g, "_");
    // Parenthesised: V8 then compiles it with the factory (one parse, not two).
    pre.push(`return (function py_${name}(frame, throwIn) {`);
    pre.push("let L = BL[frame.ip];");
    if (this.depths !== null) {
      // The depth a frame arrives with is the one this code was made for
      // (it always is; otherwise the interpreter carries on).
      pre.push("if (L < 0 || frame.sp !== BD[L]) return run(frame, throwIn);");
    } else {
      pre.push("if (L < 0) return run(frame, throwIn);");
    }
    pre.push("const st = frame.state, H = frame.handlers, G = frame.globals;");
    pre.push("let sp = frame.sp, pc = frame.ip, rr = false, inj = undefined;");
    if (this.maxTemps > 0) {
      const ts: string[] = [];
      for (let i = 0; i < this.maxTemps; i++) ts.push(`t${i}`);
      pre.push(`let ${ts.join(", ")};`);
    }
    pre.push("enter(frame);");
    if (code.isGenerator) {
      pre.push("if (throwIn !== undefined) {");
      pre.push("  if (ops[pc] === 0x68) inj = throwIn;");
      pre.push(
        "  else { L = BL[jitCatch(frame, throwIn, pc, sp, throwIn.type === GeneratorExit)]; sp = frame.sp; }",
      );
      pre.push("}");
    }
    pre.push("dispatch: for (;;) {");
    pre.push("try {");
    pre.push("switch (L) {");
    const post = [
      "default: break dispatch;",
      "}",
      "} catch (e) {",
      "L = BL[jitCatch(frame, e, pc, sp, rr)];",
      "rr = false;",
      "sp = frame.sp;",
      "}",
      "}",
      "leave(frame, None);",
      'throw runtimeError("internal error: no such block");',
      "});",
    ];
    const src = [...pre, ...body, ...post].join("\n");
    return `${prelude(src)}\n${src}`;
  }

  /** Emits one instruction at position `ip`. */
  private instruction(ip: number): void {
    const ops = this.ops;
    const op = ops[ip];
    const a = ops[ip + 1];
    const b = ops[ip + 2];
    switch (op) {
      case 0x22: // LOAD_CONST_SMALL_INT
        this.push(a < 0 ? `(${a})` : `${a}`);
        return;
      case 0x02: // (LOAD_EXTRA_CONST)
        this.extraUsed.add(a);
        this.push(`x${a}`);
        return;
      case 0x23: { // LOAD_CONST_OBJ
        const v = this.code.file.consts[a];
        if (typeof v === "number" && v >= SMALL_MIN && v <= SMALL_MAX) {
          // An int constant in the small-int range is written in place.
          this.push(v < 0 ? `(${v})` : `${v}`);
          return;
        }
        this.constsUsed.add(a);
        this.notSmall.add(`k${a}`);
        this.push(`k${a}`);
        return;
      }
      case 0x10: // LOAD_CONST_STRING
        this.push(this.q(a));
        return;
      case 0x50: // LOAD_CONST_FALSE
        this.push("false");
        return;
      case 0x51: // LOAD_CONST_NONE
        this.push("None");
        return;
      case 0x52: // LOAD_CONST_TRUE
        this.push("true");
        return;
      case 0x53: // LOAD_NULL
        this.push("undefined");
        return;
      case 0x24: { // LOAD_FAST_N
        const key = `${a}`;
        let v = this.cache.get(key);
        if (v === undefined || v === "undefined") {
          if (v === "undefined") {
            this.sync();
            this.emit(`pc = ${ip}; throw localNameError();`);
            this.dead = true;
            return;
          }
          v = this.temp();
          this.emit(`${v} = st[${a}];`);
          if (!this.boundNow.has(a)) {
            this.emit(
              `if (${v} === undefined) { ${
                this.slow(ip)
              } throw localNameError(); }`,
            );
          }
          this.cache.set(key, v);
        }
        this.push(v);
        return;
      }
      case 0x26: { // STORE_FAST_N
        // Written through at once: the array then needs no write for it at
        // each later slow path (which keeps compiled functions short).
        const v = this.simple(this.pop());
        this.emit(`st[${a}] = ${v};`);
        this.cache.set(`${a}`, v);
        this.dirty.delete(`${a}`);
        return;
      }
      case 0x28: { // DELETE_FAST
        const key = `${a}`;
        const v = this.cache.get(key);
        this.sync();
        if (v === undefined) {
          this.emit(
            `if (st[${a}] === undefined) { pc = ${ip}; throw localNameError(); }`,
          );
        } else if (v === "undefined") {
          this.emit(`pc = ${ip}; throw localNameError();`);
          this.dead = true;
          return;
        }
        this.emit(`st[${a}] = undefined;`);
        this.cache.set(key, "undefined");
        return;
      }
      case 0x25: { // LOAD_DEREF
        const cell = this.read(`${a}`);
        const t = this.temp();
        this.emit(`${t} = ${cell}.value;`);
        this.emit(
          `if (${t} === undefined) { ${
            this.slow(ip)
          } throw localNameError(); }`,
        );
        this.push(t);
        return;
      }
      case 0x27: { // STORE_DEREF
        const v = this.pop();
        const cell = this.read(`${a}`);
        this.emit(`${cell}.value = ${v};`);
        return;
      }
      case 0x29: { // DELETE_DEREF
        const cell = this.read(`${a}`);
        this.sync();
        this.emit(
          `if (${cell}.value === undefined) { pc = ${ip}; throw localNameError(); }`,
        );
        this.emit(`${cell}.value = undefined;`);
        return;
      }
      case 0x11: // LOAD_NAME
        this.sync();
        this.emit(`pc = ${ip};`);
        this.push(`loadName(frame, ${this.q(a)})`);
        return;
      case 0x12: { // LOAD_GLOBAL
        const n = this.site("[0, -1, 0]");
        const q = this.q(a);
        const t = this.temp();
        this.emit(
          `${t} = G.keys[${n}[0]] === ${q} ? G.values[${n}[0]] : globalProbe(G, ${q}, ${n});`,
        );
        this.emit(
          `if (${t} === undefined) { ${
            this.slow(ip)
          } ${t} = globalMiss(G, ${q}, ${n}, frame); }`,
        );
        this.push(t);
        return;
      }
      case 0x13: { // LOAD_ATTR
        const v = this.top();
        const n = this.site("[null, 0]");
        const q = this.q(a);
        const t = this.temp();
        // The site's first entry is checked here (its own type feedback).
        this.emit(
          `${t} = ${v}.type === ${n}[0] && ${v}.dict.keys[${n}[1]] === ${q} ? ${v}.dict.values[${n}[1]] : attrProbe(${v}, ${q}, ${n});`,
        );
        this.emit(
          `if (${t} === undefined) { ${
            this.slow(ip)
          } ${t} = attrMiss(${v}, ${q}, ${n}); }`,
        );
        this.write(this.stackKey(0), t);
        return;
      }
      case 0x14: { // LOAD_METHOD
        const v = this.top();
        const n = this.site("[null, -1, -1, None]");
        const q = this.q(a);
        const f = this.temp();
        const self = this.temp();
        this.emit(
          `if (${v}.type === ${n}[0] && (${n}[1] === 0 || (${n}[2] === CS.epoch && ${v}.dict.find(${q}) < 0))) { ${f} = ${n}[3]; ${self} = ${v}; }`,
        );
        this.emit(
          `else { if (!methodProbe(${v}, ${q}, ${n}, MO)) { ${
            this.slow(ip)
          } methodMiss(${v}, ${q}, ${n}, MO); } ${f} = MO[0]; ${self} = MO[1]; }`,
        );
        this.write(this.stackKey(0), f);
        this.push(self);
        return;
      }
      case 0x15: { // LOAD_SUPER_METHOD
        const self = this.top();
        const cls = this.top(1);
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(`hooks.superMethod(${cls}, ${self}, ${this.q(a)}, MO);`);
        this.depth--;
        this.write(this.stackKey(1), "MO[0]");
        this.write(this.stackKey(0), "MO[1]");
        return;
      }
      case 0x16: { // STORE_NAME
        const v = this.pop();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(`frame.locals.set(${this.q(a)}, ${v});`);
        return;
      }
      case 0x17: { // STORE_GLOBAL
        const v = this.pop();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(`G.set(${this.q(a)}, ${v});`);
        return;
      }
      case 0x18: { // STORE_ATTR
        const obj = this.top();
        const value = this.top(1);
        const q = this.q(a);
        this.depth -= 2;
        if (value === "undefined") {
          // `del obj.name`.
          this.sync();
          this.emit(`pc = ${ip};`);
          this.emit(`storeAttr(${obj}, ${q}, undefined);`);
          return;
        }
        const n = this.site("[null, -1, 0]");
        this.emit(
          `if (${obj}.type === ${n}[0] && ${n}[1] === CS.epoch && ${value} !== undefined && ${obj}.dict.keys[${n}[2]] === ${q}) ${obj}.dict.values[${n}[2]] = ${value};`,
        );
        this.emit(
          `else if (!storeProbe(${obj}, ${q}, ${value}, ${n})) { ${
            this.slow(ip)
          } storeMiss(${obj}, ${q}, ${value}, ${n}); }`,
        );
        return;
      }
      case 0x19: // DELETE_NAME
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(
          `if (!frame.locals.delete(${this.q(a)})) throw keyError(${
            this.q(a)
          });`,
        );
        return;
      case 0x1a: // DELETE_GLOBAL
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(
          `if (!G.delete(${this.q(a)})) throw keyError(${this.q(a)});`,
        );
        return;
      case 0x1b: { // IMPORT_NAME
        const fromlist = this.pop();
        const level = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.write(
          this.stackKey(0),
          `hooks.importName(${
            this.q(a)
          }, ${fromlist}, typeof ${level} === "number" ? ${level} : 0, G)`,
        );
        return;
      }
      case 0x1c: { // IMPORT_FROM
        const m = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.push(`hooks.importFrom(${m}, ${this.q(a)})`);
        return;
      }
      case 0x69: { // IMPORT_STAR
        const m = this.pop();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(`hooks.importStar(${m}, frame.locals);`);
        return;
      }
      case 0x32: // MAKE_FUNCTION
        this.sync();
        this.emit(`pc = ${ip};`);
        this.push(`new PyFunction(code.child(${a}), G, null, null, null)`);
        return;
      case 0x33: { // MAKE_FUNCTION_DEFARGS
        const dkw = this.pop();
        const dpos = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.write(
          this.stackKey(0),
          `new PyFunction(code.child(${a}), G, ${dpos} instanceof PyTuple ? ${dpos}.items : null, ${dkw} instanceof PyDict ? ${dkw} : null, null)`,
        );
        return;
      }
      case 0x20: { // MAKE_CLOSURE
        const cells: string[] = [];
        for (let i = b - 1; i >= 0; i--) cells.push(this.top(i));
        this.depth -= b;
        this.sync();
        this.emit(`pc = ${ip};`);
        this.push(
          `new PyFunction(code.child(${a}), G, null, null, [${
            cells.join(", ")
          }])`,
        );
        return;
      }
      case 0x21: { // MAKE_CLOSURE_DEFARGS
        const cells: string[] = [];
        for (let i = b - 1; i >= 0; i--) cells.push(this.top(i));
        this.depth -= b;
        const dkw = this.pop();
        const dpos = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.write(
          this.stackKey(0),
          `new PyFunction(code.child(${a}), G, ${dpos} instanceof PyTuple ? ${dpos}.items : null, ${dkw} instanceof PyDict ? ${dkw} : null, [${
            cells.join(", ")
          }])`,
        );
        return;
      }
      case 0x2a: // BUILD_TUPLE
      case 0x2b: { // BUILD_LIST
        if (op === 0x2a && a === 0) {
          this.push("emptyTuple");
          return;
        }
        const items: string[] = [];
        for (let i = a - 1; i >= 0; i--) items.push(this.top(i));
        this.depth -= a;
        this.sync();
        this.emit(`pc = ${ip};`);
        this.push(
          `new ${op === 0x2a ? "PyTuple" : "PyList"}([${items.join(", ")}])`,
        );
        return;
      }
      case 0x2c: // BUILD_MAP
        this.sync();
        this.emit(`pc = ${ip};`);
        this.push(`new PyDict(new PyMap(${a}))`);
        return;
      case 0x2d: { // BUILD_SET
        const items: string[] = [];
        for (let i = a - 1; i >= 0; i--) items.push(this.top(i));
        this.sync();
        this.emit(`pc = ${ip};`);
        const s = this.temp();
        this.emit(`${s} = new PySet(new PyMap(${a}, 4));`);
        for (const x of items) this.emit(`setAdd(${s}, ${x});`);
        this.depth -= a;
        this.push(s);
        return;
      }
      case 0x2e: { // BUILD_SLICE
        let step = "None";
        if (a === 3) step = this.pop();
        const stop = this.pop();
        const start = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.write(
          this.stackKey(0),
          `new PySlice(${start}, ${stop}, ${step})`,
        );
        return;
      }
      case 0x2f: { // STORE_COMP
        const coll = this.top(a >> 2);
        const x = this.top();
        const y = (a & 3) === 1 ? this.top(1) : "";
        this.depth -= (a & 3) === 1 ? 2 : 1;
        this.sync();
        this.emit(`pc = ${ip};`);
        switch (a & 3) {
          case 0:
            this.emit(`listAppend(${coll}, ${x});`);
            break;
          case 1:
            this.emit(`dictStore(${coll}, ${x}, ${y});`);
            break;
          default:
            this.emit(`setAdd(${coll}, ${x});`);
        }
        return;
      }
      case 0x30: { // UNPACK_SEQUENCE
        const seq = this.top();
        this.sync();
        const at = this.topIndex();
        this.emit(`pc = ${ip};`);
        this.emit(`unpackSequence(${seq}, ${a}, st, ${at});`);
        const keys: string[] = [];
        for (let i = 0; i < a; i++) keys.push(this.stackKey(-i));
        this.forget(keys);
        this.depth += a - 1;
        return;
      }
      case 0x31: { // UNPACK_EX
        const seq = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        if (this.depths !== null) {
          const n = (a & 0xff) + ((a >> 8) & 0xff) + 1;
          this.emit(`unpackEx(${seq}, ${a}, st, ${this.topIndex()});`);
          const keys: string[] = [];
          for (let i = 0; i < n; i++) keys.push(this.stackKey(-i));
          this.forget(keys);
          this.depth += n - 1;
        } else {
          this.flush();
          this.emit(`sp = unpackEx(${seq}, ${a}, st, sp);`);
          this.forgetStack();
        }
        return;
      }
      case 0x34: { // CALL_FUNCTION
        const nPos = a & 0xff;
        const nKw = (a >> 8) & 0xff;
        const n = nPos + 2 * nKw;
        const baseKey = this.stackKey(n);
        const r = this.temp();
        if (nKw === 0) {
          this.sync();
          this.emit(
            `pc = ${ip}; ${r} = callPositional(st, ${baseKey}, ${nPos});`,
          );
        } else {
          const fn = this.top(n);
          const args: string[] = [];
          for (let i = 1; i <= nPos; i++) args.push(this.top(n - i));
          const argAt = this.stackKey(n - 1);
          const kwAt = this.stackKey(n - 1 - nPos);
          this.sync();
          this.emit(`pc = ${ip};`);
          const kw = `kwFromStack(st, ${kwAt}, ${nKw})`;
          this.emit(
            `${r} = ${fn} instanceof PyFunction ? callFunction(${fn}, st, ${argAt}, ${nPos}, ${kw}) : call(${fn}, [${
              args.join(", ")
            }], ${kw});`,
          );
        }
        this.depth -= n;
        this.write(baseKey, r);
        return;
      }
      case 0x36: { // CALL_METHOD
        const nPos = a & 0xff;
        const nKw = (a >> 8) & 0xff;
        const n = nPos + 2 * nKw + 1;
        const baseKey = this.stackKey(n);
        const r = this.temp();
        if (nKw === 0) {
          this.sync();
          this.emit(
            `pc = ${ip}; ${r} = callMethodPositional(st, ${baseKey}, ${nPos});`,
          );
          this.depth -= n;
          this.write(baseKey, r);
          return;
        }
        const fn = this.top(n);
        const self = this.top(n - 1);
        const args: string[] = [];
        for (let i = 2; i <= nPos + 1; i++) args.push(this.top(n - i));
        const selfAt = this.stackKey(n - 1);
        const argAt = this.stackKey(n - 2);
        const kwAt = this.stackKey(n - 2 - nPos);
        this.sync();
        this.emit(`pc = ${ip};`);
        const kw = this.temp();
        this.emit(`${kw} = kwFromStack(st, ${kwAt}, ${nKw});`);
        const selfArgs = [self, ...args].join(", ");
        this.emit(
          `if (${fn} instanceof PyFunction) ${r} = ${self} === undefined ? callFunction(${fn}, st, ${argAt}, ${nPos}, ${kw}) : callFunction(${fn}, st, ${selfAt}, ${
            nPos + 1
          }, ${kw});`,
        );
        this.emit(
          `else ${r} = ${self} === undefined ? call(${fn}, [${
            args.join(", ")
          }], ${kw}) : call(${fn}, [${selfArgs}], ${kw});`,
        );
        this.depth -= n;
        this.write(baseKey, r);
        return;
      }
      case 0x35: // CALL_FUNCTION_VAR_KW
      case 0x37: { // CALL_METHOD_VAR_KW
        const isMethod = op === 0x37;
        const nPos = a & 0xff;
        const nKw = (a >> 8) & 0xff;
        const n = nPos + 2 * nKw + (isMethod ? 2 : 1);
        const baseKey = this.stackKey(n);
        const topAt = this.topIndex();
        this.sync();
        this.emit(`pc = ${ip};`);
        const r = this.temp();
        this.emit(
          `${r} = callVarKw(st, ${baseKey}, ${a}, ${isMethod}, ${topAt});`,
        );
        this.depth -= n;
        this.write(baseKey, r);
        return;
      }
      case 0x42: { // JUMP
        this.sync();
        this.flush();
        this.emit(`pc = ${ip}; ${SCHEDULED}`);
        if (a <= ip) this.emit(`backEdge(frame, ${ip});`);
        this.jumpTo(a);
        this.dead = true;
        return;
      }
      case 0x43: // POP_JUMP_IF_TRUE
      case 0x44: { // POP_JUMP_IF_FALSE
        const v = this.pop();
        this.sync();
        this.flush();
        const when = op === 0x43;
        const back = a <= ip ? `backEdge(frame, ${ip}); ` : "";
        const go = `{ ${back}L = ${this.blockOf[a]}; continue; }`;
        this.emit(`pc = ${ip};`);
        if (v === "true" || v === "false") {
          this.emit(SCHEDULED);
          if ((v === "true") === when) {
            this.emit(go);
            this.dead = true;
          }
          return;
        }
        const cond = when
          ? `${v} === true || (${v} !== false && isTrue(${v}))`
          : `${v} === false || (${v} !== true && !isTrue(${v}))`;
        const jump = this.temp();
        this.emit(`${jump} = ${cond}; ${SCHEDULED}`);
        this.emit(`if (${jump}) ${go}`);
        return;
      }
      case 0x45: // JUMP_IF_TRUE_OR_POP
      case 0x46: { // JUMP_IF_FALSE_OR_POP
        const v = this.top();
        this.sync();
        this.flush();
        this.emit(`pc = ${ip};`);
        const jump = this.temp();
        this.emit(
          `${jump} = ${op === 0x45 ? "" : "!"}isTrue(${v}); ${SCHEDULED}`,
        );
        this.emit(`if (${jump}) { L = ${this.blockOf[a]}; continue; }`);
        this.depth--;
        return;
      }
      case 0x47: // SETUP_WITH
        this.sync();
        this.flush();
        this.emit(`pc = ${ip};`);
        this.emit(`sp = setupWith(frame, sp, ${a});`);
        this.forgetStack();
        return;
      case 0x48: // SETUP_EXCEPT
      case 0x49: // SETUP_FINALLY
        this.emit(
          `{ const r = frame.excTop++ * 3; H[r] = ${a}; H[r + 1] = ${this.topIndex()}; H[r + 2] = ${
            op === 0x49 ? 1 : 0
          }; frame.prevExc[frame.excTop - 1] = undefined; }`,
        );
        return;
      case 0x4a: // POP_EXCEPT_JUMP
        this.emit("if (frame.excTop > 0) frame.excTop--;");
        this.sync();
        this.flush();
        this.emit(`pc = ${ip}; ${SCHEDULED}`);
        this.jumpTo(a);
        this.dead = true;
        return;
      case 0x4b: { // FOR_ITER
        // The four slots below the top: a list [1, list, index, -], a range
        // of small ints [2, next, stop, step], or [-, iterator, -, -].
        this.sync();
        this.flush();
        const k0 = this.stackKey(3);
        const k1 = this.stackKey(2);
        const k2 = this.stackKey(1);
        const k3 = this.stackKey(0);
        this.forget([k0, k1, k2, k3]);
        const v = this.temp();
        const tag = this.temp();
        if (this.depths !== null) this.emit(`sp = ${this.depth - 1};`);
        this.emit(`pc = ${ip}; ${v} = undefined; ${tag} = st[${k0}];`);
        this.emit(
          `if (${tag} === 1) { const items = st[${k1}].items, i = st[${k2}]; if (i < items.length) { ${v} = items[i]; st[${k2}] = i + 1; } }`,
        );
        this.emit(
          `else if (${tag} === 2) { const cur = st[${k1}], step = st[${k3}]; if (step > 0 ? cur < st[${k2}] : cur > st[${k2}]) { ${v} = cur; st[${k1}] = cur + step; } }`,
        );
        this.emit(`else ${v} = iterNext(st[${k1}]);`);
        this.depth -= 4;
        this.emit(
          `if (${v} === undefined) { ${
            this.depths === null ? "sp -= 4; " : ""
          }L = ${this.blockOf[a]}; continue; }`,
        );
        this.depth += 4;
        this.push(v);
        return;
      }
      case 0x54: // LOAD_BUILD_CLASS
        this.sync();
        this.emit(`pc = ${ip};`);
        this.push("loadBuildClass()");
        return;
      case 0x55: { // LOAD_SUBSCR
        const index = this.pop();
        const obj = this.top();
        const r = this.temp();
        // A list and an int in range are handled here (own type feedback).
        this.emit(
          `${r} = typeof ${index} === "number" && ${obj}.type === listType && ${index} >= 0 && ${index} < ${obj}.items.length ? ${obj}.items[${index}] : itemProbe(${obj}, ${index});`,
        );
        this.emit(
          `if (${r} === undefined) { ${
            this.slow(ip)
          } ${r} = subscrLoad(${obj}, ${index}); }`,
        );
        this.write(this.stackKey(0), r);
        return;
      }
      case 0x56: { // STORE_SUBSCR
        const index = this.top();
        const obj = this.top(1);
        const value = this.top(2);
        this.depth -= 3;
        if (value === "undefined") {
          // `del obj[index]`.
          this.sync();
          this.emit(`pc = ${ip};`);
          this.emit(`subscrStore(${obj}, ${index}, undefined);`);
          return;
        }
        this.emit(
          `if (typeof ${index} === "number" && ${obj}.type === listType && ${index} >= 0 && ${index} < ${obj}.items.length && ${value} !== undefined) ${obj}.items[${index}] = ${value};`,
        );
        this.emit(
          `else if (!itemStore(${obj}, ${index}, ${value})) { ${
            this.slow(ip)
          } subscrStore(${obj}, ${index}, ${value}); }`,
        );
        return;
      }
      case 0x57: // DUP_TOP
        this.push(this.top());
        return;
      case 0x58: { // DUP_TOP_TWO
        const x = this.top(1);
        const y = this.top();
        this.push(x);
        this.push(y);
        return;
      }
      case 0x59: // POP_TOP
        this.depth--;
        return;
      case 0x5a: { // ROT_TWO
        const x = this.top();
        const y = this.top(1);
        this.write(this.stackKey(0), y);
        this.write(this.stackKey(1), x);
        return;
      }
      case 0x5b: { // ROT_THREE
        const x = this.top();
        const y = this.top(1);
        const z = this.top(2);
        this.write(this.stackKey(0), y);
        this.write(this.stackKey(1), z);
        this.write(this.stackKey(2), x);
        return;
      }
      case 0x5c: // WITH_CLEANUP
        this.sync();
        this.flush();
        this.emit(`pc = ${ip};`);
        this.emit("sp = withCleanup(st, sp);");
        this.forgetStack();
        return;
      case 0x5d: { // END_FINALLY
        const x = this.pop();
        this.sync();
        this.flush();
        this.emit(`pc = ${ip};`);
        this.emit("if (frame.excTop > 0) frame.excTop--;");
        this.emit(`if (${x} === None || ${x} === undefined) {}`);
        if (this.depths === null) {
          this.emit(
            `else if (typeof ${x} === "number") { const r = endFinallyResume(frame, ${ip}, sp, ${x}); if (r < 0) { sp = frame.sp; return finish(frame, st[sp], ${ip}, sp); } sp = frame.sp; L = BL[r]; continue; }`,
          );
        } else {
          // Without finally blocks there is no return or jump to resume.
          this.emit(
            `else if (typeof ${x} === "number") throw runtimeError("bad END_FINALLY");`,
          );
        }
        this.emit(`else { rr = true; throw ${x}; }`);
        return;
      }
      case 0x40: { // UNWIND_JUMP
        this.push(`${a}`);
        this.sync();
        this.flush();
        this.emit(`pc = ${ip};`);
        this.emit(
          `{ const r = unwindJump(frame, ${ip}, ${this.topIndex()}, ${b}); sp = frame.sp; L = BL[r]; continue; }`,
        );
        this.dead = true;
        return;
      }
      case 0x5e: { // GET_ITER
        const v = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.write(this.stackKey(0), `getIter(${v})`);
        return;
      }
      case 0x5f: { // GET_ITER_STACK
        const v = this.top();
        this.sync();
        const at = this.topIndex();
        const keys = [0, -1, -2, -3].map((k) => this.stackKey(k));
        this.emit(`pc = ${ip};`);
        this.emit(
          `if (${v} instanceof PyList && ${v}.type === listType) { st[${
            keys[0]
          }] = 1; st[${keys[1]}] = ${v}; st[${keys[2]}] = 0; st[${
            keys[3]
          }] = undefined; }`,
        );
        this.emit(`else iterStackSlow(st, ${at});`);
        this.forget(keys);
        this.depth += 3;
        return;
      }
      case 0x62: { // STORE_MAP
        const k = this.top();
        const v = this.top(1);
        const d = this.top(2);
        this.depth -= 2;
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(`dictStore(${d}, ${k}, ${v});`);
        return;
      }
      case 0x63: { // RETURN_VALUE
        const v = this.top();
        if (this.code.hasHandlers) {
          this.sync();
          this.flush();
          this.emit(`pc = ${ip};`);
          this.emit(
            `if (frame.excTop > 0) { const r = unwindReturn(frame, ${ip}, ${this.topIndex()}); sp = frame.sp; if (r >= 0) { L = BL[r]; continue; } return finish(frame, st[sp], ${ip}, sp); }`,
          );
        }
        if (this.code.isGenerator) {
          this.sync();
          this.emit(`return finish(frame, ${v}, ${ip}, ${this.topIndex()});`);
        } else {
          this.emit(`return leave(frame, ${v});`);
        }
        this.dead = true;
        return;
      }
      case 0x64: // RAISE_LAST
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(
          '{ const e = lastException(frame); if (e === undefined) throw runtimeError("no active exception to reraise"); rr = true; throw e; }',
        );
        this.dead = true;
        return;
      case 0x65: { // RAISE_OBJ
        const v = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(`throw raiseObject(${v});`);
        this.dead = true;
        return;
      }
      case 0x66: { // RAISE_FROM
        const cause = this.pop();
        const v = this.top();
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit(`if (${cause} !== None) warnChaining();`);
        this.emit(`throw raiseObject(${v});`);
        this.dead = true;
        return;
      }
      case 0x67: { // YIELD_VALUE
        const v = this.top();
        this.sync();
        this.emit("frame.yielded = true;");
        this.emit(`return finish(frame, ${v}, ${ip + 3}, ${this.topIndex()});`);
        this.dead = true;
        return;
      }
      case 0x68: { // YIELD_FROM
        const send = this.top();
        const it = this.top(1);
        this.sync();
        this.emit(`pc = ${ip};`);
        const v = this.temp();
        this.emit(
          `{ const exc = inj; inj = undefined; ${v} = yieldFrom(${it}, ${send}, exc, SUB); }`,
        );
        this.emit(
          `if (!SUB.done) { st[${
            this.stackKey(0)
          }] = ${v}; frame.yielded = true; return finish(frame, ${v}, ${ip}, ${this.topIndex()}); }`,
        );
        this.depth--;
        this.write(this.stackKey(0), v);
        return;
      }
      case 0xd0: { // UNARY_OP
        const v = this.top();
        const r = this.temp();
        if (a === 1) {
          this.emit(
            `if (typeof ${v} === "number" && ${v} > -0x40000000 && ${v} < 0x40000000) ${r} = 0 - ${v}; else { ${
              this.slow(ip)
            } ${r} = unaryOp(1, ${v}); }`,
          );
        } else if (a === 3) {
          this.emit(
            `if (typeof ${v} === "boolean") ${r} = !${v}; else { ${
              this.slow(ip)
            } ${r} = !isTrue(${v}); }`,
          );
        } else {
          this.sync();
          this.emit(`pc = ${ip}; ${r} = unaryOp(${a}, ${v});`);
        }
        this.write(this.stackKey(0), r);
        return;
      }
      case 0x00: // ran past the end
        this.sync();
        this.emit(`pc = ${ip};`);
        this.emit('throw runtimeError("bytecode ran past its end");');
        this.dead = true;
        return;
    }
    if (op >= 0xd7 && op <= 0xf9) {
      this.binary(ip, op, a);
      return;
    }
    this.sync();
    this.emit(`pc = ${ip};`);
    this.emit('throw notImplementedError("opcode");');
    this.dead = true;
  }

  /** `BINARY_OP` (operator `n`, opcode `op`) with its fast paths. */
  private binary(ip: number, op: number, n: number): void {
    const y = this.pop();
    const x = this.top();
    const r = this.temp();
    const ints = !this.notSmall.has(x) && !this.notSmall.has(y) &&
      x !== "None" && y !== "None" && x !== "true" && y !== "true" &&
      x !== "false" && y !== "false";
    const checks: string[] = [];
    if (smallLit(x) === undefined) checks.push(`typeof ${x} === "number"`);
    if (smallLit(y) === undefined) checks.push(`typeof ${y} === "number"`);
    const nums = checks.length > 0 ? checks.join(" && ") : "true";
    // Equality, identity, `in` and exception matching have their own rules.
    const numeric = op !== 0xd9 && op !== 0xdc && op !== 0xdd && op !== 0xde &&
      op !== 0xdf;
    // Floats take the slow path too (arith starts with them): written out
    // here, they made compiled functions longer and slower to get going.
    const call = `${
      numeric ? (FLOAT_HELPER[op] ?? "arith") : "binaryOp"
    }(${n}, ${x}, ${y})`;
    const slow = `{ ${this.slow(ip)} ${r} = ${call}; }`;
    const small = (e: string): string =>
      smallLit(e) !== undefined
        ? ""
        : ` && ${e} >= -0x40000000 && ${e} < 0x40000000`;
    const cmp = COMPARE[op];
    const numeric0 = numeric && !ints;
    if (numeric0 && op !== 0xd9 && op !== 0xdc) {
      // An operand that is never a small int: only the slow path.
      this.sync();
      this.emit(`pc = ${ip}; ${r} = ${call};`);
    } else if (cmp !== undefined) {
      this.emit(`if (${nums}) ${r} = ${x} ${cmp} ${y}; else ${slow}`);
    } else if (op === 0xd9 || op === 0xdc) { // EQUAL, NOT_EQUAL
      const eq = op === 0xd9 ? "===" : "!==";
      this.emit(
        `if (typeof ${x} === typeof ${y} && (typeof ${x} === "number" || typeof ${x} === "string")) ${r} = ${x} ${eq} ${y}; else ${slow}`,
      );
    } else if (op === 0xde) { // IS
      this.emit(`${r} = ${x} === ${y};`);
    } else if (op === 0xdf) { // EXCEPTION_MATCH
      this.sync();
      this.emit(`pc = ${ip}; ${r} = exceptionMatches(${x}, ${y});`);
    } else if (ARITH[op] !== undefined) {
      const o = ARITH[op];
      if (o === "*") {
        this.emit(
          `if (${nums} && (${r} = ${x} * ${y}) > -0x40000000 && ${r} < 0x40000000) ${r} += 0; else ${slow}`,
        );
      } else {
        this.emit(
          `if (${nums} && (${r} = ${x} ${o} ${y}) >= -0x40000000 && ${r} < 0x40000000) {} else ${slow}`,
        );
      }
    } else if (BITWISE[op] !== undefined) {
      this.emit(
        `if (${nums}${small(x)}${small(y)}) ${r} = ${x} ${
          BITWISE[op]
        } ${y}; else ${slow}`,
      );
    } else if (op === 0xe4 || op === 0xf1) { // RSHIFT
      const ly = smallLit(y);
      const range = ly === undefined ? ` && ${y} >= 0 && ${y} < 32` : "";
      if (ly !== undefined && (ly < 0 || ly >= 32)) {
        this.sync();
        this.emit(`pc = ${ip}; ${r} = arith(${n}, ${x}, ${y});`);
      } else {
        this.emit(
          `if (${nums}${small(x)}${range}) ${r} = ${x} >> ${y}; else ${slow}`,
        );
      }
    } else if (op === 0xe3 || op === 0xf0) { // LSHIFT
      const ly = smallLit(y);
      const range = ly === undefined ? ` && ${y} >= 0 && ${y} < 31` : "";
      if (ly !== undefined && (ly < 0 || ly >= 31)) {
        this.sync();
        this.emit(`pc = ${ip}; ${r} = arith(${n}, ${x}, ${y});`);
      } else {
        this.emit(
          `if (${nums}${range} && (${r} = ${x} * ${
            ly === undefined ? `(1 << ${y})` : `${1 << ly}`
          }) >= -0x40000000 && ${r} < 0x40000000) {} else ${slow}`,
        );
      }
    } else if (op === 0xe9 || op === 0xf6) { // FLOOR_DIVIDE
      this.emit(
        `if (${nums} && ${y} !== 0${
          small(x)
        }) ${r} = Math.floor(${x} / ${y}) + 0; else ${slow}`,
      );
    } else if (op === 0xeb || op === 0xf8) { // MODULO
      this.emit(
        `if (${nums} && ${y} !== 0) { ${r} = ${x} % ${y}; if (${r} !== 0 && (${r} < 0) !== (${y} < 0)) ${r} += ${y}; ${r} += 0; } else ${slow}`,
      );
    } else {
      this.sync();
      this.emit(`pc = ${ip}; ${r} = ${call};`);
    }
    this.write(this.stackKey(0), r);
  }
}

/** Makes the compiled function of `code`; null when the tier does not take it. */
export function compileCode(code: CodeInfo): JitFn | null {
  if (code.ops.length / 3 > MAX_INSTRUCTIONS) return null;
  const tr = new Translator(code);
  const src = tr.translate();
  const factory = new Function("R", "O", "code", "BL", src) as Factory;
  return factory(jitSupport, objects, code, tr.blockOf);
}

/** The JavaScript the tier makes of `code` (for debugging and tests). */
export function jitSource(code: CodeInfo): string {
  return new Translator(code).translate();
}

hooks.compileJit = compileCode;

/** Frames are what compiled functions receive; re-exported for type users. */
export type { Frame };
