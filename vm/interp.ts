/**
 * The bytecode interpreter (`py/vm.c`): frames, the dispatch loop, calls of
 * bytecode functions, exception handling with MicroPython's handler records,
 * and the resumption of generator frames.
 *
 * A frame's state is one JavaScript array laid out as MicroPython lays it
 * out: local slot i at `state[nState - 1 - i]`, the value stack growing up
 * from `state[0]`. Handler records are three ints each (handler position,
 * saved stack pointer, finally flag) plus the exception being handled.
 * Instructions come pre-decoded from {@link CodeInfo}.
 *
 * @module
 */

import { type CodeInfo, prepareModule } from "./code.ts";
import type { CompiledModule } from "../compiler/mod.ts";
import { builtinsDict } from "./builtins.ts";
import {
  GeneratorExit,
  KeyboardInterrupt,
  keyError,
  MemoryError,
  newException,
  notImplementedError,
  runtimeError,
  StopIteration,
  typeError,
  valueError,
} from "./exc.ts";
import {
  chargeTraceback,
  newExceptionMessage,
  newStrSharing,
} from "./alloc.ts";
import { pendingWork, runScheduled } from "./scheduler.ts";
import { heap, HeapExhausted, setCallDepthProbe } from "./heap.ts";
import { PyMap } from "./map.ts";
import {
  emptyTuple,
  type KwArgs,
  listType,
  None,
  PyDict,
  PyException,
  PyList,
  type PyObj,
  PySet,
  PyTuple,
  PyType,
  typeOf,
} from "./obj.ts";
import { PySlice } from "./obj_slice.ts";
import { vmStateOrNull } from "./state.ts";
import { missingGlobal } from "./viper.ts";
import {
  bindArgs,
  closureType,
  functionType,
  PyCell,
  PyFunction,
} from "./obj_fun.ts";
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
  nameNotDefined,
  setAdd,
  storeAttr,
  subscrLoad,
  subscrStore,
  toArray,
  typeName,
  unaryOp,
} from "./runtime.ts";

// ---------------------------------------------------------------------------
// Frames

const NO_HANDLERS: number[] = [];
const NO_EXC: (PyException | undefined)[] = [];

/**
 * Compiled code (the second tier): runs `frame` from `frame.ip` until it
 * returns, yields or raises, exactly as {@link run} does.
 */
export type JitFn = (frame: Frame, throwIn: PyException | undefined) => PyObj;

/** One activation of a raw code. */
export class Frame {
  declare readonly code: CodeInfo;
  /** The function being run (null for module code run directly). */
  declare readonly fun: PyFunction | null;
  /** Locals (top, numbered downwards) and the value stack (bottom, upwards). */
  declare readonly state: (PyObj | undefined)[];
  /** Position of the next instruction to run. */
  declare ip: number;
  /** Index of the top of the value stack (-1: empty). */
  declare sp: number;
  declare readonly globals: PyMap;
  /** The dict `*_NAME` opcodes use (the globals at module level). */
  declare locals: PyMap;
  /** Handler records, three ints each: handler position, saved sp, finally flag. */
  declare readonly handlers: number[];
  /** The exception each record's handler is handling (for bare `raise`). */
  declare readonly prevExc: (PyException | undefined)[];
  /** Number of active handler records. */
  declare excTop: number;
  /** Set by the loop when it returned because of a yield. */
  declare yielded: boolean;
  /** The frame that called this one, while this one runs. */
  declare back: Frame | null;
  /**
   * The last exception this frame caught: the firmware's VM keeps it in its
   * non-local return buffer on the C stack, which a collection scans, until
   * the frame returns or catches another.
   */
  declare caught: PyException | undefined;

  constructor(code: CodeInfo, fun: PyFunction | null, globals: PyMap) {
    this.code = code;
    this.fun = fun;
    this.state = new Array(code.nState);
    this.ip = 0;
    this.sp = -1;
    this.globals = globals;
    this.locals = globals;
    if (code.nExcStack > 0 || code.hasHandlers) {
      this.handlers = new Array(code.nExcStack * 3);
      this.prevExc = new Array(code.nExcStack);
    } else {
      // Code without handler records never writes these.
      this.handlers = NO_HANDLERS;
      this.prevExc = NO_EXC;
    }
    this.excTop = 0;
    this.yielded = false;
    this.back = null;
    this.caught = undefined;
  }

  /** Source line being executed. */
  get line(): number {
    return this.code.lineAt(this.ip);
  }
}

// ---------------------------------------------------------------------------
// Interpreter-wide state

/** The frame running now (innermost), or null. */
export let currentFrame: Frame | null = null;
let callDepth = 0;
/** Python call depth at which `RuntimeError` is raised. */
let maxDepth = 2000;
let pollCountdown = 1024;
let interruptSource: (() => boolean) | null = null;
/** The exception most recently caught by a handler (`sys.exc_info`). */
let activeException: PyException | null = null;

/** Sets the Python call depth limit. */
export function setRecursionLimit(n: number): void {
  maxDepth = n;
}

/** Installs the Ctrl-C flag the loop polls (null: never interrupted). */
export function setInterruptSource(fn: (() => boolean) | null): void {
  interruptSource = fn;
}

/** Resets per-run state (call depth, current frame) after a run ended abnormally. */
export function resetInterpreter(): void {
  currentFrame = null;
  callDepth = 0;
}

/** The exception being handled, for `sys.exc_info()`. */
export function currentException(): PyException | null {
  return activeException;
}

/** Hooks other parts of the VM install (they depend on this file, not the reverse). */
export interface InterpHooks {
  /** Makes a generator object that owns `frame`. */
  makeGenerator: (frame: Frame) => PyObj;
  /**
   * Resumes a sub-iterator for `yield from`: returns the value it yielded
   * and sets `out.done` false, or the value it returned with `out.done` true.
   */
  resumeSub: (
    it: PyObj,
    send: PyObj,
    exc: PyException | undefined,
    out: { done: boolean },
  ) => PyObj;
  /** `import name` as `IMPORT_NAME` does it. */
  importName: (
    name: string,
    fromlist: PyObj,
    level: number,
    globals: PyMap,
  ) => PyObj;
  /** `from module import name`. */
  importFrom: (module: PyObj, name: string) => PyObj;
  /** `from module import *` into `locals`. */
  importStar: (module: PyObj, locals: PyMap) => void;
  /** `super(cls, self).name` as a method pair for `LOAD_SUPER_METHOD`. */
  superMethod: (
    cls: PyObj,
    self: PyObj,
    name: string,
    out: [PyObj, PyObj | undefined],
  ) => void;
  /** A fast iterator for `GET_ITER_STACK`: fills the 4 slots, or returns false. */
  iterStack?: (obj: PyObj, st: (PyObj | undefined)[], at: number) => boolean;
  /** The second tier: compiles a code to JavaScript (null: it cannot). */
  compileJit?: (code: CodeInfo) => JitFn | null;
}

function missingHook(name: string): never {
  throw runtimeError(`${name} is not available`);
}

/** The installed hooks; each part of the VM replaces its own entry. */
export const hooks: InterpHooks = {
  makeGenerator: () => missingHook("generators"),
  resumeSub: () => missingHook("yield from"),
  importName: () => missingHook("import"),
  importFrom: () => missingHook("import"),
  importStar: () => missingHook("import"),
  superMethod: () => missingHook("super"),
};

// ---------------------------------------------------------------------------
// Errors

function localNameError(): PyException {
  return newException(
    builtinsDict.get("NameError") as PyType,
    ["local variable referenced before assignment"],
  );
}

/**
 * Turns anything thrown inside a Python operation into a Python exception:
 * heap exhaustion into `MemoryError`, a JavaScript stack overflow into
 * `RuntimeError`, any other JavaScript error into `RuntimeError` naming it.
 */
export function toPyException(err: unknown): PyException {
  if (err instanceof PyException) return err;
  if (err instanceof HeapExhausted) return memoryErrorFor(err);
  if (err instanceof RangeError || err instanceof SyntaxError) {
    // Near the end of the JavaScript stack anything may overflow it again
    // (even compiling a regular expression): no regular expressions here.
    const m = err.message;
    if (m.indexOf("stack") >= 0 || m.indexOf("Stack") >= 0) {
      return runtimeError("maximum recursion depth exceeded");
    }
    if (err instanceof RangeError) {
      return newException(MemoryError, ["memory allocation failed"]);
    }
  }
  if (err instanceof Error) {
    if (err.name === "MpyFormatError") return valueError(err.message);
    return runtimeError(`internal error: ${err.message}`);
  }
  return runtimeError(`internal error: ${String(err)}`);
}

/**
 * The `MemoryError` for a failed allocation. When the heap cannot hold the
 * exception itself, it lives outside the heap, as MicroPython's emergency
 * exception does.
 */
function memoryErrorFor(err: HeapExhausted): PyException {
  try {
    // `m_malloc_fail` formats the size into a message of its own.
    const message = err.locked
      ? newStrSharing(err.message)
      : newExceptionMessage([
        "memory allocation failed, allocating ",
        String(err.requested >>> 0),
        " bytes",
      ], 45);
    return newException(MemoryError, [message]);
  } catch (e) {
    if (!(e instanceof HeapExhausted)) throw e;
    return heap.withoutAccounting(() =>
      newException(MemoryError, [err.message])
    );
  }
}

function recursionError(): PyException {
  return runtimeError("maximum recursion depth exceeded");
}

/** Appends this frame's line to an exception's traceback. */
function addTraceback(exc: PyException, code: CodeInfo, pc: number): void {
  exc.traceback.push({
    file: code.file.sourceName,
    line: code.lineAt(pc),
    name: code.name,
  });
  chargeTraceback(exc);
}

function isStopIteration(e: PyException): boolean {
  const t = e.type;
  return t === StopIteration || t.mro.includes(StopIteration);
}

function pollInterrupt(): void {
  pollCountdown = 1024;
  if (interruptSource !== null && interruptSource()) {
    throw newException(KeyboardInterrupt);
  }
}

// The heap frees the frames of calls that have returned (it asks for the depth).
setCallDepthProbe((): number => callDepth);

/**
 * When true, every instruction records its position in its frame, so that
 * an allocation can be traced to its source line (`upy mem`).
 */
let lineTracking = false;

/** Switches per-instruction line tracking on or off. */
export function setLineTracking(on: boolean): void {
  lineTracking = on;
}

// ---------------------------------------------------------------------------
// The second tier: when code is compiled to JavaScript

/** When the second tier compiles code. */
export const enum JitMode {
  /** Never: everything runs in the interpreter. */
  Off = 0,
  /** Code called or looping often enough. */
  Hot = 1,
  /** All code, on its first run (so that tests exercise the tier). */
  All = 2,
}

/**
 * Calls (or generator resumptions) after which a function's code is
 * compiled. The first: the interpreter loop is itself cold when a program
 * starts (V8 has not optimised it yet), so even one pass through it costs
 * more than compiling.
 */
const HOT_CALLS = 1;
/** Runs after which module-level code (run once, usually) is compiled. */
const HOT_MODULE_RUNS = 2;
/** Backward jumps in the interpreter after which a running frame switches over. */
const HOT_LOOPS = 1;

let jitCallThreshold = HOT_CALLS;
let jitModuleThreshold = HOT_MODULE_RUNS;
let jitLoopThreshold = HOT_LOOPS;

/** Sets when code is compiled to JavaScript (`UPY_JIT=off|hot|all` sets it at start). */
export function setJitMode(mode: JitMode): void {
  switch (mode) {
    case JitMode.Off:
      jitCallThreshold = Infinity;
      jitModuleThreshold = Infinity;
      jitLoopThreshold = Infinity;
      break;
    case JitMode.Hot:
      jitCallThreshold = HOT_CALLS;
      jitModuleThreshold = HOT_MODULE_RUNS;
      jitLoopThreshold = HOT_LOOPS;
      break;
    case JitMode.All:
      jitCallThreshold = 1;
      jitModuleThreshold = 1;
      jitLoopThreshold = 1;
      break;
  }
}

/** The mode the environment asks for (`UPY_JIT`), read once. */
function jitModeFromEnv(): JitMode {
  let v: string | undefined;
  try {
    v = Deno.env.get("UPY_JIT");
  } catch {
    v = undefined;
  }
  switch (v) {
    case "off":
    case "0":
      return JitMode.Off;
    case "all":
      return JitMode.All;
  }
  return JitMode.Hot;
}
setJitMode(jitModeFromEnv());

/** What the second tier has done in this process (for tests and reports). */
export interface JitCounters {
  /** Codes compiled. */
  compiled: number;
  /** Codes the tier could not take (they stay interpreted). */
  failed: number;
  /** Running frames that moved from the interpreter to compiled code. */
  switched: number;
}

const counters: JitCounters = { compiled: 0, failed: 0, switched: 0 };

/** A copy of the tier's counters. */
export function jitCounters(): JitCounters {
  return { ...counters };
}

/** Compiles `code` (once); null when the tier cannot take it. */
function jitFor(code: CodeInfo): JitFn | null {
  if (code.jitFailed) return null;
  const compile = hooks.compileJit;
  let fn: JitFn | null = null;
  if (compile !== undefined) {
    try {
      fn = compile(code);
    } catch {
      fn = null;
    }
  }
  if (fn === null) {
    code.jitFailed = true;
    counters.failed++;
  } else {
    code.jit = fn;
    counters.compiled++;
  }
  return fn;
}

// ---------------------------------------------------------------------------
// Calls

/** Calls a bytecode function with `n` positional arguments `src[start …]` and keywords `kw`. */
export function callFunction(
  fun: PyFunction,
  src: readonly (PyObj | undefined)[],
  start: number,
  n: number,
  kw: KwArgs,
): PyObj {
  const code = fun.code;
  const frame = new Frame(code, fun, fun.globals);
  const closure = fun.closure;
  if (
    kw === null && code.simpleArgs &&
    n + (closure === null ? 0 : closure.length) === code.nPosArgs
  ) {
    // Positional arguments only, all given: copy them (after the closed-over
    // cells) into their slots.
    const st = frame.state;
    let k = code.nState - 1;
    if (closure !== null) {
      for (let i = 0; i < closure.length; i++) st[k--] = closure[i];
    }
    for (let i = start, end = start + n; i < end; i++) st[k--] = src[i];
  } else {
    bindArgs(fun, frame.state, src, start, n, kw);
  }
  if (code.isGenerator) return hooks.makeGenerator(frame);
  return execute(frame);
}

/** Runs a fresh frame to completion, counting the Python call depth. */
export function execute(frame: Frame): PyObj {
  if (++callDepth > maxDepth) {
    callDepth--;
    throw recursionError();
  }
  if (--pollCountdown <= 0) {
    try {
      pollInterrupt();
    } catch (e) {
      callDepth--;
      throw e;
    }
  }
  // run() (or the compiled code) takes the depth back when it returns or raises.
  const code = frame.code;
  // A board without a Python stack puts a frame whose state exceeds 11
  // words on the heap for the duration of the call (HEAP_MODEL §1.11).
  const stateBytes = 4 * code.nState + 8 * code.nExcStack;
  if (stateBytes > 44) heap.enterFrame(20 + stateBytes, callDepth);
  let jit = code.jit;
  if (
    jit === null &&
    ++code.calls >=
      (frame.fun === null ? jitModuleThreshold : jitCallThreshold)
  ) {
    jit = jitFor(code);
  }
  if (jit !== null && !lineTracking) return jit(frame, undefined);
  return run(frame, undefined);
}

/** Resumes a suspended frame (generators), with an exception to raise at the resume point or not. */
export function resumeFrame(frame: Frame, exc: PyException | undefined): PyObj {
  if (++callDepth > maxDepth) {
    callDepth--;
    throw recursionError();
  }
  const code = frame.code;
  let jit = code.jit;
  if (jit === null && ++code.calls >= jitCallThreshold) jit = jitFor(code);
  if (jit !== null && !lineTracking) return jit(frame, exc);
  return run(frame, exc);
}

/** Runs module-level code `code` with `globals` as both globals and locals. */
export function runModuleCode(code: CodeInfo, globals: PyMap): PyObj {
  const frame = new Frame(code, null, globals);
  return execute(frame);
}

/** Prepares and runs a compiled module in `globals`. */
export function runCompiled(module: CompiledModule, globals: PyMap): PyObj {
  return runModuleCode(prepareModule(module), globals);
}

/**
 * Calls `fun` (a class body) with `locals` as the dict of its `*_NAME`
 * opcodes, as `__build_class__` does.
 */
export function callWithLocals(fun: PyFunction, locals: PyMap): PyObj {
  const frame = new Frame(fun.code, fun, fun.globals);
  frame.locals = locals;
  bindArgs(fun, frame.state, [], 0, 0, null);
  return execute(frame);
}

/** Runs `code` (from `exec`/`eval`) with the given globals and locals. */
export function runWithLocals(
  code: CodeInfo,
  globals: PyMap,
  locals: PyMap,
): PyObj {
  const frame = new Frame(code, null, globals);
  frame.locals = locals;
  return execute(frame);
}

function callFunctionObj(
  self: PyObj,
  args: PyObj[],
  kw: KwArgs,
): PyObj {
  if (kw === null) return callDirect(self as PyFunction, args, 0, args.length);
  return callFunction(self as PyFunction, args, 0, args.length, kw);
}
functionType.call = callFunctionObj;
closureType.call = callFunctionObj;

/** Builds the keyword map of a call from `n` name/value pairs at `st[at]`. */
function kwFromStack(
  st: (PyObj | undefined)[],
  at: number,
  n: number,
): Map<string, PyObj> {
  const kw = new Map<string, PyObj>();
  for (let i = 0; i < n; i++) {
    addKw(kw, st[at + 2 * i] as PyObj, st[at + 2 * i + 1] as PyObj);
  }
  return kw;
}

/** Adds the items of a `**mapping` argument to `kw`. */
function addMappingKw(kw: Map<string, PyObj>, mapping: PyObj): void {
  if (mapping instanceof PyDict) {
    const m = mapping.map;
    for (let s = m.nextSlot(-1); s >= 0; s = m.nextSlot(s)) {
      addKw(kw, m.keys[s] as PyObj, m.values[s] as PyObj);
    }
    return;
  }
  const keys = toArray(call(getAttr(mapping, "keys"), []));
  for (const k of keys) addKw(kw, k, subscrLoad(mapping, k));
}

/** One keyword argument: a name given twice is an error, as binding finds it. */
function addKw(kw: Map<string, PyObj>, name: PyObj, value: PyObj): void {
  if (typeof name !== "string") {
    throw typeError(
      `can't convert '${typeName(name)}' object to str implicitly`,
    );
  }
  if (kw.has(name)) {
    throw typeError(`function got multiple values for argument '${name}'`);
  }
  kw.set(name, value);
}

/**
 * The arguments of a `*_VAR_KW` call: positional slots `st[at …]` (those
 * whose bit is set in `bits` are expanded), then `nKw` keyword pairs (a
 * NULL name marks a `**` mapping).
 */
function varArgs(
  st: (PyObj | undefined)[],
  at: number,
  nPos: number,
  nKw: number,
  bits: number,
  first: PyObj | undefined,
  out: { kw: KwArgs },
): PyObj[] {
  const args: PyObj[] = [];
  if (first !== undefined) args.push(first);
  for (let i = 0; i < nPos; i++) {
    const v = st[at + i] as PyObj;
    if (i < 31 && (bits & (1 << i)) !== 0) {
      if (v instanceof PyTuple || v instanceof PyList) {
        for (const x of v.items) args.push(x);
      } else {
        for (const x of toArray(v)) args.push(x);
      }
    } else {
      args.push(v);
    }
  }
  let kw: Map<string, PyObj> | null = null;
  for (let i = 0; i < nKw; i++) {
    const k = st[at + nPos + 2 * i];
    const v = st[at + nPos + 2 * i + 1] as PyObj;
    if (kw === null) kw = new Map();
    if (k === undefined) addMappingKw(kw, v);
    else kw.set(k as string, v);
  }
  out.kw = kw !== null && kw.size > 0 ? kw : null;
  return args;
}

const varOut: { kw: KwArgs } = { kw: null };

// ---------------------------------------------------------------------------
// Helpers used by the loop

const methodOut: [PyObj, PyObj | undefined] = [None, undefined];

function unpackSequence(
  seq: PyObj,
  n: number,
  st: (PyObj | undefined)[],
  at: number,
): void {
  let items: PyObj[];
  if (seq instanceof PyTuple || seq instanceof PyList) {
    items = seq.items;
  } else {
    items = [];
    const it = getIter(seq);
    for (;;) {
      const x = iterNext(it);
      if (x === undefined) break;
      if (items.length === n) {
        throw valueError(`too many values to unpack (expected ${n})`);
      }
      items.push(x);
    }
  }
  if (items.length < n) {
    throw valueError(`need more than ${items.length} values to unpack`);
  }
  if (items.length > n) {
    throw valueError(`too many values to unpack (expected ${n})`);
  }
  for (let i = 0; i < n; i++) st[at + n - 1 - i] = items[i];
}

function unpackEx(
  seq: PyObj,
  arg: number,
  st: (PyObj | undefined)[],
  at: number,
): number {
  const nBefore = arg & 0xff;
  const nAfter = (arg >> 8) & 0xff;
  const items = seq instanceof PyTuple || seq instanceof PyList
    ? seq.items.slice()
    : toArray(seq);
  if (items.length < nBefore + nAfter) {
    throw valueError(`need more than ${items.length} values to unpack`);
  }
  let p = at;
  for (let i = 0; i < nAfter; i++) st[p++] = items[items.length - 1 - i];
  st[p++] = new PyList(items.slice(nBefore, items.length - nAfter));
  for (let i = nBefore - 1; i >= 0; i--) st[p++] = items[i];
  return p - 1;
}

function raiseObject(v: PyObj): PyException {
  if (v instanceof PyType) {
    const e = call(v, []);
    if (e instanceof PyException) return e;
    return typeError("exceptions must derive from BaseException");
  }
  if (v instanceof PyException) return v;
  return typeError("exceptions must derive from BaseException");
}

const subOut = { done: false };

/** MicroPython prints this for `raise … from …` and drops the cause. */
function warnChaining(): void {
  const s = vmStateOrNull();
  if (s !== null) {
    s.host.writeStderr(
      new TextEncoder().encode("Warning: exception chaining not supported\n"),
    );
  }
}

// ---------------------------------------------------------------------------
// The loop

/**
 * Runs `frame` from its current position until it returns, yields (sets
 * `frame.yielded`) or raises. `throwIn` is raised at the resume point first
 * (or passed to the sub-iterator of a pending `yield from`).
 */
export function run(frame: Frame, throwIn: PyException | undefined): PyObj {
  const code = frame.code;
  const ops = code.ops;
  const st = frame.state;
  const qstrs = code.file.qstrs;
  const consts = code.file.consts;
  const globals = frame.globals;
  const handlers = frame.handlers;
  let ip = frame.ip;
  let sp = frame.sp;
  let pc = ip;
  let pending: PyException | undefined = throwIn;
  let injected: PyException | undefined = undefined;
  let reraise = false;
  frame.yielded = false;
  frame.back = currentFrame;
  currentFrame = frame;

  loop: for (;;) {
    try {
      if (pending !== undefined) {
        const e = pending;
        pending = undefined;
        if (ops[ip] === 0x68) {
          injected = e;
        } else {
          pc = ip;
          if (e.type === GeneratorExit) reraise = true;
          throw e;
        }
      }
      for (;;) {
        pc = ip;
        if (lineTracking) frame.ip = ip;
        switch (ops[ip]) {
          case 0x22: // LOAD_CONST_SMALL_INT
            st[++sp] = ops[ip + 1];
            ip += 3;
            break;
          case 0x24: { // LOAD_FAST_N
            const v = st[ops[ip + 1]];
            if (v === undefined) throw localNameError();
            st[++sp] = v;
            ip += 3;
            break;
          }
          case 0x26: // STORE_FAST_N
            st[ops[ip + 1]] = st[sp--];
            ip += 3;
            break;
          case 0x10: // LOAD_CONST_STRING
            st[++sp] = qstrs[ops[ip + 1]];
            ip += 3;
            break;
          case 0x11: { // LOAD_NAME
            const name = qstrs[ops[ip + 1]];
            let v = frame.locals.get(name);
            if (v === undefined && frame.locals !== globals) {
              v = globals.get(name);
            }
            if (v === undefined) v = builtinsDict.get(name);
            if (v === undefined) throw nameNotDefined(name);
            st[++sp] = v;
            ip += 3;
            break;
          }
          case 0x12: { // LOAD_GLOBAL
            const name = qstrs[ops[ip + 1]];
            let v = globals.get(name);
            if (v === undefined) v = builtinsDict.get(name);
            if (v === undefined) v = missingGlobal(code, name);
            st[++sp] = v;
            ip += 3;
            break;
          }
          case 0x13: // LOAD_ATTR
            st[sp] = getAttr(st[sp] as PyObj, qstrs[ops[ip + 1]]);
            ip += 3;
            break;
          case 0x14: // LOAD_METHOD
            loadMethod(st[sp] as PyObj, qstrs[ops[ip + 1]], methodOut);
            st[sp] = methodOut[0];
            st[++sp] = methodOut[1];
            ip += 3;
            break;
          case 0x15: // LOAD_SUPER_METHOD
            hooks.superMethod(
              st[sp - 1] as PyObj,
              st[sp] as PyObj,
              qstrs[ops[ip + 1]],
              methodOut,
            );
            sp--;
            st[sp - 1] = methodOut[0];
            st[sp] = methodOut[1];
            ip += 3;
            break;
          case 0x16: // STORE_NAME
            frame.locals.set(qstrs[ops[ip + 1]], st[sp--] as PyObj);
            ip += 3;
            break;
          case 0x17: // STORE_GLOBAL
            globals.set(qstrs[ops[ip + 1]], st[sp--] as PyObj);
            ip += 3;
            break;
          case 0x18: // STORE_ATTR
            storeAttr(st[sp] as PyObj, qstrs[ops[ip + 1]], st[sp - 1]);
            sp -= 2;
            ip += 3;
            break;
          case 0x19: { // DELETE_NAME
            const name = qstrs[ops[ip + 1]];
            // The name's dict entry goes: a missing one is a KeyError.
            if (!frame.locals.delete(name)) throw keyError(name);
            ip += 3;
            break;
          }
          case 0x1a: { // DELETE_GLOBAL
            const name = qstrs[ops[ip + 1]];
            if (!globals.delete(name)) throw keyError(name);
            ip += 3;
            break;
          }
          case 0x1b: { // IMPORT_NAME
            const fromlist = st[sp--] as PyObj;
            const level = st[sp] as PyObj;
            st[sp] = hooks.importName(
              qstrs[ops[ip + 1]],
              fromlist,
              typeof level === "number" ? level : 0,
              globals,
            );
            ip += 3;
            break;
          }
          case 0x1c: // IMPORT_FROM
            st[sp + 1] = hooks.importFrom(st[sp] as PyObj, qstrs[ops[ip + 1]]);
            sp++;
            ip += 3;
            break;
          case 0x20: { // MAKE_CLOSURE
            const n = ops[ip + 2];
            const cells = st.slice(sp - n + 1, sp + 1) as PyObj[];
            sp -= n - 1;
            st[sp] = new PyFunction(
              code.child(ops[ip + 1]),
              globals,
              null,
              null,
              cells,
            );
            ip += 3;
            break;
          }
          case 0x21: { // MAKE_CLOSURE_DEFARGS
            const n = ops[ip + 2];
            const cells = st.slice(sp - n + 1, sp + 1) as PyObj[];
            sp -= n;
            const dkw = st[sp--];
            const dpos = st[sp];
            st[sp] = new PyFunction(
              code.child(ops[ip + 1]),
              globals,
              dpos instanceof PyTuple ? dpos.items : null,
              dkw instanceof PyDict ? dkw : null,
              cells,
            );
            ip += 3;
            break;
          }
          case 0x23: // LOAD_CONST_OBJ
            st[++sp] = consts[ops[ip + 1]];
            ip += 3;
            break;
          case 0x02: // (LOAD_EXTRA_CONST)
            st[++sp] = code.extraConsts[ops[ip + 1]];
            ip += 3;
            break;
          case 0x25: { // LOAD_DEREF
            const v = (st[ops[ip + 1]] as PyCell).value;
            if (v === undefined) throw localNameError();
            st[++sp] = v;
            ip += 3;
            break;
          }
          case 0x27: // STORE_DEREF
            (st[ops[ip + 1]] as PyCell).value = st[sp--];
            ip += 3;
            break;
          case 0x28: // DELETE_FAST
            if (st[ops[ip + 1]] === undefined) throw localNameError();
            st[ops[ip + 1]] = undefined;
            ip += 3;
            break;
          case 0x29: { // DELETE_DEREF
            const cell = st[ops[ip + 1]] as PyCell;
            if (cell.value === undefined) throw localNameError();
            cell.value = undefined;
            ip += 3;
            break;
          }
          case 0x2a: { // BUILD_TUPLE
            const n = ops[ip + 1];
            if (n === 0) {
              st[++sp] = emptyTuple;
            } else {
              const items = st.slice(sp - n + 1, sp + 1) as PyObj[];
              sp -= n - 1;
              st[sp] = new PyTuple(items);
            }
            ip += 3;
            break;
          }
          case 0x2b: { // BUILD_LIST
            const n = ops[ip + 1];
            const items = st.slice(sp - n + 1, sp + 1) as PyObj[];
            sp -= n - 1;
            st[sp] = new PyList(items);
            ip += 3;
            break;
          }
          case 0x2c: // BUILD_MAP
            st[++sp] = new PyDict(new PyMap(ops[ip + 1]));
            ip += 3;
            break;
          case 0x2d: { // BUILD_SET
            const n = ops[ip + 1];
            const set = new PySet(new PyMap(n, 4));
            for (let i = sp - n + 1; i <= sp; i++) setAdd(set, st[i] as PyObj);
            sp -= n - 1;
            st[sp] = set;
            ip += 3;
            break;
          }
          case 0x2e: { // BUILD_SLICE
            let step: PyObj = None;
            if (ops[ip + 1] === 3) step = st[sp--] as PyObj;
            const stop = st[sp--] as PyObj;
            st[sp] = new PySlice(st[sp] as PyObj, stop, step);
            ip += 3;
            break;
          }
          case 0x2f: { // STORE_COMP
            const a = ops[ip + 1];
            const coll = st[sp - (a >> 2)] as PyObj;
            switch (a & 3) {
              case 0:
                listAppend(coll, st[sp--] as PyObj);
                break;
              case 1:
                dictStore(coll, st[sp] as PyObj, st[sp - 1] as PyObj);
                sp -= 2;
                break;
              default:
                setAdd(coll, st[sp--] as PyObj);
            }
            ip += 3;
            break;
          }
          case 0x30: { // UNPACK_SEQUENCE
            const n = ops[ip + 1];
            unpackSequence(st[sp] as PyObj, n, st, sp);
            sp += n - 1;
            ip += 3;
            break;
          }
          case 0x31: // UNPACK_EX
            sp = unpackEx(st[sp] as PyObj, ops[ip + 1], st, sp);
            ip += 3;
            break;
          case 0x32: // MAKE_FUNCTION
            st[++sp] = new PyFunction(
              code.child(ops[ip + 1]),
              globals,
              null,
              null,
              null,
            );
            ip += 3;
            break;
          case 0x33: { // MAKE_FUNCTION_DEFARGS
            const dkw = st[sp--];
            const dpos = st[sp];
            st[sp] = new PyFunction(
              code.child(ops[ip + 1]),
              globals,
              dpos instanceof PyTuple ? dpos.items : null,
              dkw instanceof PyDict ? dkw : null,
              null,
            );
            ip += 3;
            break;
          }
          case 0x34: { // CALL_FUNCTION
            const a = ops[ip + 1];
            const nPos = a & 0xff;
            const nKw = (a >> 8) & 0xff;
            const base = sp - nPos - 2 * nKw;
            const fn = st[base] as PyObj;
            frame.ip = pc;
            if (fn instanceof PyFunction) {
              st[base] = callFunction(
                fn,
                st,
                base + 1,
                nPos,
                nKw === 0 ? null : kwFromStack(st, base + 1 + nPos, nKw),
              );
            } else {
              st[base] = call(
                fn,
                st.slice(base + 1, base + 1 + nPos) as PyObj[],
                nKw === 0 ? null : kwFromStack(st, base + 1 + nPos, nKw),
              );
            }
            sp = base;
            ip += 3;
            break;
          }
          case 0x36: { // CALL_METHOD
            const a = ops[ip + 1];
            const nPos = a & 0xff;
            const nKw = (a >> 8) & 0xff;
            const base = sp - nPos - 2 * nKw - 1;
            const fn = st[base] as PyObj;
            const self = st[base + 1];
            const kw = nKw === 0 ? null : kwFromStack(st, base + 2 + nPos, nKw);
            frame.ip = pc;
            if (fn instanceof PyFunction) {
              st[base] = self === undefined
                ? callFunction(fn, st, base + 2, nPos, kw)
                : callFunction(fn, st, base + 1, nPos + 1, kw);
            } else {
              st[base] = call(
                fn,
                st.slice(
                  self === undefined ? base + 2 : base + 1,
                  base + 2 + nPos,
                ) as PyObj[],
                kw,
              );
            }
            sp = base;
            ip += 3;
            break;
          }
          case 0x35: // CALL_FUNCTION_VAR_KW
          case 0x37: { // CALL_METHOD_VAR_KW
            const isMethod = ops[ip] === 0x37;
            const a = ops[ip + 1];
            const nPos = a & 0xff;
            const nKw = (a >> 8) & 0xff;
            const base = sp - nPos - 2 * nKw - (isMethod ? 2 : 1);
            const bits = st[sp] as number;
            const fn = st[base] as PyObj;
            const args = varArgs(
              st,
              base + (isMethod ? 2 : 1),
              nPos,
              nKw,
              typeof bits === "number" ? bits : 0,
              isMethod ? st[base + 1] : undefined,
              varOut,
            );
            const kw = varOut.kw;
            frame.ip = pc;
            st[base] = fn instanceof PyFunction
              ? callFunction(fn, args, 0, args.length, kw)
              : call(fn, args, kw);
            sp = base;
            ip += 3;
            break;
          }
          case 0x42: { // JUMP
            const t = ops[ip + 1];
            // Every jump is a point where scheduled callbacks run.
            if (pendingWork.scheduled) runScheduled();
            if (t <= ip) {
              if (--pollCountdown <= 0) {
                frame.ip = pc;
                pollInterrupt();
              }
              if (++code.loops >= jitLoopThreshold && osrReady(code)) {
                ip = t;
                break loop;
              }
            }
            ip = t;
            break;
          }
          case 0x43: { // POP_JUMP_IF_TRUE
            const v = st[sp--] as PyObj;
            const jump = v === true || (v !== false && isTrue(v));
            if (pendingWork.scheduled) runScheduled();
            if (jump) {
              const t = ops[ip + 1];
              ip = t;
              if (t <= pc) {
                if (--pollCountdown <= 0) pollInterrupt();
                if (++code.loops >= jitLoopThreshold && osrReady(code)) {
                  break loop;
                }
              }
            } else {
              ip += 3;
            }
            break;
          }
          case 0x44: { // POP_JUMP_IF_FALSE
            const v = st[sp--] as PyObj;
            const jump = v === false || (v !== true && !isTrue(v));
            if (pendingWork.scheduled) runScheduled();
            if (jump) {
              const t = ops[ip + 1];
              ip = t;
              if (t <= pc) {
                if (--pollCountdown <= 0) pollInterrupt();
                if (++code.loops >= jitLoopThreshold && osrReady(code)) {
                  break loop;
                }
              }
            } else {
              ip += 3;
            }
            break;
          }
          case 0x45: // JUMP_IF_TRUE_OR_POP
            if (isTrue(st[sp] as PyObj)) ip = ops[ip + 1];
            else {
              sp--;
              ip += 3;
            }
            if (pendingWork.scheduled) runScheduled();
            break;
          case 0x46: // JUMP_IF_FALSE_OR_POP
            if (!isTrue(st[sp] as PyObj)) ip = ops[ip + 1];
            else {
              sp--;
              ip += 3;
            }
            if (pendingWork.scheduled) runScheduled();
            break;
          case 0x47: { // SETUP_WITH
            const ctx = st[sp] as PyObj;
            loadMethod(ctx, "__exit__", methodOut);
            st[sp] = methodOut[0];
            st[sp + 1] = methodOut[1];
            loadMethod(ctx, "__enter__", methodOut);
            const enter = methodOut[0];
            const enterSelf = methodOut[1];
            const value = enterSelf === undefined
              ? call(enter, [])
              : call(enter, [enterSelf]);
            sp++;
            const r = frame.excTop++ * 3;
            handlers[r] = ops[ip + 1];
            handlers[r + 1] = sp;
            handlers[r + 2] = 1;
            frame.prevExc[frame.excTop - 1] = undefined;
            st[++sp] = value;
            ip += 3;
            break;
          }
          case 0x48: // SETUP_EXCEPT
          case 0x49: { // SETUP_FINALLY
            const r = frame.excTop++ * 3;
            handlers[r] = ops[ip + 1];
            handlers[r + 1] = sp;
            handlers[r + 2] = ops[ip] === 0x49 ? 1 : 0;
            frame.prevExc[frame.excTop - 1] = undefined;
            ip += 3;
            break;
          }
          case 0x4a: // POP_EXCEPT_JUMP
            if (frame.excTop > 0) frame.excTop--;
            ip = ops[ip + 1];
            if (pendingWork.scheduled) runScheduled();
            break;
          case 0x4b: { // FOR_ITER
            const tag = st[sp - 3];
            let v: PyObj | undefined;
            if (tag === 1) {
              // A list: [1, list, index, -].
              const items = (st[sp - 2] as PyList).items;
              const i = st[sp - 1] as number;
              if (i < items.length) {
                v = items[i];
                st[sp - 1] = i + 1;
              }
            } else if (tag === 2) {
              // A range of small ints: [2, next, stop, step].
              const cur = st[sp - 2] as number;
              const step = st[sp] as number;
              if (
                step > 0
                  ? cur < (st[sp - 1] as number)
                  : cur > (st[sp - 1] as number)
              ) {
                v = cur;
                st[sp - 2] = cur + step;
              }
            } else {
              v = iterNext(st[sp - 2] as PyObj);
            }
            if (v === undefined) {
              sp -= 4;
              ip = ops[ip + 1];
            } else {
              st[++sp] = v;
              ip += 3;
            }
            break;
          }
          case 0x50: // LOAD_CONST_FALSE
            st[++sp] = false;
            ip += 3;
            break;
          case 0x51: // LOAD_CONST_NONE
            st[++sp] = None;
            ip += 3;
            break;
          case 0x52: // LOAD_CONST_TRUE
            st[++sp] = true;
            ip += 3;
            break;
          case 0x53: // LOAD_NULL
            st[++sp] = undefined;
            ip += 3;
            break;
          case 0x54: { // LOAD_BUILD_CLASS
            const v = builtinsDict.get("__build_class__");
            if (v === undefined) throw nameNotDefined("__build_class__");
            st[++sp] = v;
            ip += 3;
            break;
          }
          case 0x55: { // LOAD_SUBSCR
            const index = st[sp--] as PyObj;
            const obj = st[sp] as PyObj;
            if (
              typeof index === "number" && obj instanceof PyList &&
              obj.type === listType
            ) {
              const items = obj.items;
              const i = index < 0 ? index + items.length : index;
              if (i >= 0 && i < items.length) {
                st[sp] = items[i];
                ip += 3;
                break;
              }
            }
            st[sp] = subscrLoad(obj, index);
            ip += 3;
            break;
          }
          case 0x56: // STORE_SUBSCR
            subscrStore(st[sp - 1] as PyObj, st[sp] as PyObj, st[sp - 2]);
            sp -= 3;
            ip += 3;
            break;
          case 0x57: // DUP_TOP
            st[sp + 1] = st[sp];
            sp++;
            ip += 3;
            break;
          case 0x58: // DUP_TOP_TWO
            st[sp + 1] = st[sp - 1];
            st[sp + 2] = st[sp];
            sp += 2;
            ip += 3;
            break;
          case 0x59: // POP_TOP
            sp--;
            ip += 3;
            break;
          case 0x5a: { // ROT_TWO
            const t = st[sp];
            st[sp] = st[sp - 1];
            st[sp - 1] = t;
            ip += 3;
            break;
          }
          case 0x5b: { // ROT_THREE
            const t = st[sp];
            st[sp] = st[sp - 1];
            st[sp - 1] = st[sp - 2];
            st[sp - 2] = t;
            ip += 3;
            break;
          }
          case 0x5c: { // WITH_CLEANUP
            const x = st[sp];
            if (x === None) {
              // … exit ctx None
              const exit = st[sp - 2] as PyObj;
              const self = st[sp - 1];
              callExit(exit, self, None, None, None);
              sp -= 2;
              st[sp] = None;
            } else if (typeof x === "number") {
              // … exit ctx V n
              const exit = st[sp - 3] as PyObj;
              const self = st[sp - 2];
              callExit(exit, self, None, None, None);
              st[sp - 3] = st[sp - 1];
              st[sp - 2] = x;
              sp -= 2;
            } else {
              // … exit ctx e
              const exit = st[sp - 2] as PyObj;
              const self = st[sp - 1];
              const e = x as PyObj;
              const r = callExit(exit, self, typeOf(e), e, None);
              sp -= 2;
              st[sp] = isTrue(r) ? None : e;
            }
            ip += 3;
            break;
          }
          case 0x5d: { // END_FINALLY
            if (frame.excTop > 0) frame.excTop--;
            const x = st[sp--];
            if (x === None || x === undefined) {
              ip += 3;
            } else if (typeof x === "number") {
              if (x < 0) {
                // Resume a return: the value is now TOS.
                const r = unwindReturn(frame, pc, sp);
                if (r < 0) {
                  return finish(frame, st[frame.sp] as PyObj, ip, frame.sp);
                }
                sp = frame.sp;
                ip = r;
              } else {
                const r = unwindJump(frame, pc, sp, x);
                sp = frame.sp;
                ip = r;
              }
            } else {
              reraise = true;
              throw x;
            }
            break;
          }
          case 0x40: { // UNWIND_JUMP
            st[++sp] = ops[ip + 1];
            const r = unwindJump(frame, pc, sp, ops[ip + 2]);
            sp = frame.sp;
            ip = r;
            break;
          }
          case 0x5e: // GET_ITER
            st[sp] = getIter(st[sp] as PyObj);
            ip += 3;
            break;
          case 0x5f: { // GET_ITER_STACK
            const obj = st[sp] as PyObj;
            if (obj instanceof PyList && obj.type === listType) {
              st[sp] = 1;
              st[sp + 1] = obj;
              st[sp + 2] = 0;
              st[sp + 3] = undefined;
            } else if (
              hooks.iterStack === undefined || !hooks.iterStack(obj, st, sp)
            ) {
              const it = getIter(obj);
              st[sp] = undefined;
              st[sp + 1] = it;
              st[sp + 2] = undefined;
              st[sp + 3] = undefined;
            }
            sp += 3;
            ip += 3;
            break;
          }
          case 0x62: // STORE_MAP
            sp -= 2;
            dictStore(
              st[sp] as PyObj,
              st[sp + 2] as PyObj,
              st[sp + 1] as PyObj,
            );
            ip += 3;
            break;
          case 0x63: { // RETURN_VALUE
            if (frame.excTop > 0) {
              const r = unwindReturn(frame, pc, sp);
              if (r >= 0) {
                sp = frame.sp;
                ip = r;
                break;
              }
              sp = frame.sp;
            }
            return finish(frame, st[sp] as PyObj, ip, sp);
          }
          case 0x64: { // RAISE_LAST
            let e: PyException | undefined;
            for (let i = frame.excTop - 1; i >= 0; i--) {
              if (frame.prevExc[i] !== undefined) {
                e = frame.prevExc[i];
                break;
              }
            }
            if (e === undefined) {
              throw runtimeError("no active exception to reraise");
            }
            reraise = true;
            throw e;
          }
          case 0x65: // RAISE_OBJ
            throw raiseObject(st[sp] as PyObj);
          case 0x66: // RAISE_FROM
            if (st[sp--] !== None) warnChaining();
            throw raiseObject(st[sp] as PyObj);
          case 0x67: // YIELD_VALUE
            frame.yielded = true;
            return finish(frame, st[sp] as PyObj, ip + 3, sp);
          case 0x68: { // YIELD_FROM
            const send = st[sp] as PyObj;
            const it = st[sp - 1] as PyObj;
            const exc = injected;
            injected = undefined;
            const v = hooks.resumeSub(it, send, exc, subOut);
            if (subOut.done) {
              sp--;
              st[sp] = v;
              ip += 3;
            } else {
              st[sp] = v;
              frame.yielded = true;
              return finish(frame, v, ip, sp);
            }
            break;
          }
          case 0x69: // IMPORT_STAR
            hooks.importStar(st[sp--] as PyObj, frame.locals);
            ip += 3;
            break;
          case 0xd0: { // UNARY_OP
            const op = ops[ip + 1];
            const v = st[sp] as PyObj;
            if (op === 3) {
              st[sp] = !isTrue(v);
            } else if (
              typeof v === "number" && op === 1 && v > -0x40000000 &&
              v < 0x40000000
            ) {
              st[sp] = 0 - v;
            } else {
              st[sp] = unaryOp(op, v);
            }
            ip += 3;
            break;
          }
          case 0xd7: { // BINARY_OP LESS
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            st[sp] = typeof a === "number" && typeof b === "number"
              ? a < b
              : binaryOp(0, a, b);
            ip += 3;
            break;
          }
          case 0xd8: { // BINARY_OP MORE
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            st[sp] = typeof a === "number" && typeof b === "number"
              ? a > b
              : binaryOp(1, a, b);
            ip += 3;
            break;
          }
          case 0xd9: { // BINARY_OP EQUAL
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            const ta = typeof a;
            st[sp] = ta === typeof b && (ta === "number" || ta === "string")
              ? a === b
              : binaryOp(2, a, b);
            ip += 3;
            break;
          }
          case 0xda: { // BINARY_OP LESS_EQUAL
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            st[sp] = typeof a === "number" && typeof b === "number"
              ? a <= b
              : binaryOp(3, a, b);
            ip += 3;
            break;
          }
          case 0xdb: { // BINARY_OP MORE_EQUAL
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            st[sp] = typeof a === "number" && typeof b === "number"
              ? a >= b
              : binaryOp(4, a, b);
            ip += 3;
            break;
          }
          case 0xdc: { // BINARY_OP NOT_EQUAL
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            const ta = typeof a;
            st[sp] = ta === typeof b && (ta === "number" || ta === "string")
              ? a !== b
              : binaryOp(5, a, b);
            ip += 3;
            break;
          }
          case 0xde: { // BINARY_OP IS
            const b = st[sp--] as PyObj;
            st[sp] = st[sp] === b;
            ip += 3;
            break;
          }
          case 0xdf: { // BINARY_OP EXCEPTION_MATCH
            const b = st[sp--] as PyObj;
            st[sp] = exceptionMatches(st[sp] as PyObj, b);
            ip += 3;
            break;
          }
          case 0xe5: // BINARY_OP INPLACE_ADD
          case 0xf2: { // BINARY_OP ADD
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            if (typeof a === "number" && typeof b === "number") {
              const r = a + b;
              if (r >= -0x40000000 && r < 0x40000000) {
                st[sp] = r;
                ip += 3;
                break;
              }
            }
            st[sp] = binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xe6: // BINARY_OP INPLACE_SUBTRACT
          case 0xf3: { // BINARY_OP SUBTRACT
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            if (typeof a === "number" && typeof b === "number") {
              const r = a - b;
              if (r >= -0x40000000 && r < 0x40000000) {
                st[sp] = r;
                ip += 3;
                break;
              }
            }
            st[sp] = binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xe7: // BINARY_OP INPLACE_MULTIPLY
          case 0xf4: { // BINARY_OP MULTIPLY
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            if (typeof a === "number" && typeof b === "number") {
              const r = a * b;
              if (r > -0x40000000 && r < 0x40000000) {
                st[sp] = r + 0;
                ip += 3;
                break;
              }
            }
            st[sp] = binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xe9: // BINARY_OP INPLACE_FLOOR_DIVIDE
          case 0xf6: { // BINARY_OP FLOOR_DIVIDE
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            if (
              typeof a === "number" && typeof b === "number" && b !== 0 &&
              a >= -0x40000000 && a < 0x40000000
            ) {
              st[sp] = Math.floor(a / b) + 0;
              ip += 3;
              break;
            }
            st[sp] = binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xeb: // BINARY_OP INPLACE_MODULO
          case 0xf8: { // BINARY_OP MODULO
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            if (typeof a === "number" && typeof b === "number" && b !== 0) {
              let r = a % b;
              if (r !== 0 && (r < 0) !== (b < 0)) r += b;
              st[sp] = r + 0;
              ip += 3;
              break;
            }
            st[sp] = binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xe0: // BINARY_OP INPLACE_OR
          case 0xed: { // BINARY_OP OR
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            st[sp] = typeof a === "number" && typeof b === "number" &&
                a >= -0x40000000 && a < 0x40000000 && b >= -0x40000000 &&
                b < 0x40000000
              ? a | b
              : binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xe1: // BINARY_OP INPLACE_XOR
          case 0xee: { // BINARY_OP XOR
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            st[sp] = typeof a === "number" && typeof b === "number" &&
                a >= -0x40000000 && a < 0x40000000 && b >= -0x40000000 &&
                b < 0x40000000
              ? a ^ b
              : binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xe2: // BINARY_OP INPLACE_AND
          case 0xef: { // BINARY_OP AND
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            st[sp] = typeof a === "number" && typeof b === "number" &&
                a >= -0x40000000 && a < 0x40000000 && b >= -0x40000000 &&
                b < 0x40000000
              ? a & b
              : binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xe4: // BINARY_OP INPLACE_RSHIFT
          case 0xf1: { // BINARY_OP RSHIFT
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            st[sp] = typeof a === "number" && typeof b === "number" &&
                a >= -0x40000000 && a < 0x40000000 && b >= 0 && b < 32
              ? a >> b
              : binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xe3: // BINARY_OP INPLACE_LSHIFT
          case 0xf0: { // BINARY_OP LSHIFT
            const b = st[sp--] as PyObj;
            const a = st[sp] as PyObj;
            if (
              typeof a === "number" && typeof b === "number" && b >= 0 &&
              b < 31
            ) {
              const r = a * (1 << b);
              if (r >= -0x40000000 && r < 0x40000000) {
                st[sp] = r;
                ip += 3;
                break;
              }
            }
            st[sp] = binaryOp(ops[ip + 1], a, b);
            ip += 3;
            break;
          }
          case 0xdd: // BINARY_OP IN
          case 0xe8: // BINARY_OP INPLACE_MAT_MULTIPLY
          case 0xea: // BINARY_OP INPLACE_TRUE_DIVIDE
          case 0xec: // BINARY_OP INPLACE_POWER
          case 0xf5: // BINARY_OP MAT_MULTIPLY
          case 0xf7: // BINARY_OP TRUE_DIVIDE
          case 0xf9: { // BINARY_OP POWER
            const b = st[sp--] as PyObj;
            st[sp] = binaryOp(ops[ip + 1], st[sp] as PyObj, b);
            ip += 3;
            break;
          }
          case 0x00: // ran past the end
            throw runtimeError("bytecode ran past its end");
          default:
            throw notImplementedError("opcode");
        }
      }
    } catch (err) {
      const exc = toPyException(err);
      const op = ops[pc];
      if (op === 0x4b && isStopIteration(exc)) {
        // A StopIteration raised by the iterator ends the loop.
        sp -= 4;
        ip = ops[pc + 1];
        continue;
      }
      if (!reraise) addTraceback(exc, code, pc);
      reraise = false;
      let found = false;
      while (frame.excTop > 0) {
        const r = (frame.excTop - 1) * 3;
        if (handlers[r] <= pc) {
          frame.excTop--;
          continue;
        }
        sp = handlers[r + 1];
        frame.caught = exc;
        frame.prevExc[frame.excTop - 1] = exc;
        st[++sp] = exc;
        ip = handlers[r];
        activeException = exc;
        found = true;
        break;
      }
      if (found) continue;
      frame.ip = pc;
      frame.sp = sp;
      currentFrame = frame.back;
      callDepth--;
      throw exc;
    }
  }
  // A hot loop: the compiled code takes the frame over at the loop's head.
  counters.switched++;
  frame.ip = ip;
  frame.sp = sp;
  currentFrame = frame.back;
  return (code.jit as JitFn)(frame, undefined);
}

/** True when `code` has compiled code a running frame can switch to. */
function osrReady(code: CodeInfo): boolean {
  if (lineTracking) return false;
  return code.jit !== null || jitFor(code) !== null;
}

function finish(frame: Frame, value: PyObj, ip: number, sp: number): PyObj {
  frame.ip = ip;
  frame.sp = sp;
  currentFrame = frame.back;
  callDepth--;
  return value;
}

function callExit(
  exit: PyObj,
  self: PyObj | undefined,
  a: PyObj,
  b: PyObj,
  c: PyObj,
): PyObj {
  return self === undefined
    ? call(exit, [a, b, c])
    : call(exit, [self, a, b, c]);
}

/** Drops the state of an active finally block that a return or jump leaves. */
function cancelActiveFinally(st: (PyObj | undefined)[], sp: number): number {
  if (typeof st[sp - 1] === "number") {
    st[sp - 2] = st[sp];
    return sp - 2;
  }
  st[sp - 1] = st[sp];
  return sp - 1;
}

/**
 * A return (value at `st[sp]`) leaving handler blocks: runs the first finally
 * block not yet active and returns its position (with `frame.sp` set), or
 * -1 when the frame can return now.
 */
function unwindReturn(frame: Frame, pc: number, sp: number): number {
  const st = frame.state;
  const handlers = frame.handlers;
  while (frame.excTop > 0) {
    const r = (frame.excTop - 1) * 3;
    if (handlers[r + 2] === 1) {
      if (handlers[r] > pc) {
        const base = handlers[r + 1];
        st[base + 1] = st[sp];
        sp = base + 1;
        st[++sp] = -1;
        frame.sp = sp;
        return handlers[r];
      }
      sp = cancelActiveFinally(st, sp);
    }
    frame.excTop--;
  }
  // Move the value to the top for the caller.
  frame.sp = sp;
  return -1;
}

/**
 * A jump leaving handler blocks (`break`/`continue` through `try`/`with`):
 * the destination is TOS, `count` the blocks to leave (bit 7: drop a `for`
 * iterator too). Returns where to continue (with `frame.sp` set).
 */
function unwindJump(
  frame: Frame,
  pc: number,
  sp: number,
  count: number,
): number {
  const st = frame.state;
  const handlers = frame.handlers;
  while ((count & 0x7f) > 0) {
    count--;
    if (frame.excTop === 0) break;
    const r = (frame.excTop - 1) * 3;
    if (handlers[r + 2] === 1) {
      if (handlers[r] > pc) {
        st[++sp] = count;
        frame.sp = sp;
        return handlers[r];
      }
      sp = cancelActiveFinally(st, sp);
    }
    frame.excTop--;
  }
  const dest = st[sp--] as number;
  if ((count & 0x80) !== 0) sp -= 4;
  frame.sp = sp;
  // The jump itself, as every jump, runs scheduled callbacks.
  if (pendingWork.scheduled) runScheduled();
  return dest;
}

/** `globals()` of the running code. */
export function currentGlobals(): PyMap | null {
  return currentFrame === null ? null : currentFrame.globals;
}

/** `locals()` of the running code (the globals at module level). */
export function currentLocals(): PyMap | null {
  return currentFrame === null ? null : currentFrame.locals;
}

// ---------------------------------------------------------------------------
// What compiled code calls (the second tier shares frames, handler records
// and every slow path with the loop above)

/** Prologue of compiled code: the frame becomes the running one. */
function jitEnter(frame: Frame): void {
  frame.yielded = false;
  frame.back = currentFrame;
  currentFrame = frame;
}

/** A return from compiled code of a frame that does not resume. */
function jitLeave(frame: Frame, value: PyObj): PyObj {
  currentFrame = frame.back;
  callDepth--;
  return value;
}

/** A backward jump: polls Ctrl-C and scheduled callbacks now and then. */
function jitBackEdge(frame: Frame, pc: number): void {
  if (--pollCountdown <= 0) {
    frame.ip = pc;
    pollInterrupt();
  }
}

/**
 * The catch path of compiled code, as the loop's: an exception at `pc`
 * (stack top `sp`) either ends a `for` loop (StopIteration from its
 * iterator), or goes to the innermost handler that is not already running
 * (returns its position, with `frame.sp` set), or leaves the frame.
 */
function jitCatch(
  frame: Frame,
  err: unknown,
  pc: number,
  sp: number,
  reraise: boolean,
): number {
  const exc = toPyException(err);
  const code = frame.code;
  const ops = code.ops;
  if (ops[pc] === 0x4b && isStopIteration(exc)) {
    frame.sp = sp - 4;
    return ops[pc + 1];
  }
  if (!reraise) addTraceback(exc, code, pc);
  const handlers = frame.handlers;
  while (frame.excTop > 0) {
    const r = (frame.excTop - 1) * 3;
    if (handlers[r] <= pc) {
      frame.excTop--;
      continue;
    }
    let s = handlers[r + 1];
    frame.caught = exc;
    frame.prevExc[frame.excTop - 1] = exc;
    frame.state[++s] = exc;
    frame.sp = s;
    activeException = exc;
    return handlers[r];
  }
  frame.ip = pc;
  frame.sp = sp;
  currentFrame = frame.back;
  callDepth--;
  throw exc;
}

/** `LOAD_NAME`. */
function loadName(frame: Frame, name: string): PyObj {
  let v = frame.locals.get(name);
  if (v === undefined && frame.locals !== frame.globals) {
    v = frame.globals.get(name);
  }
  if (v === undefined) v = builtinsDict.get(name);
  if (v === undefined) throw nameNotDefined(name);
  return v;
}

/** `LOAD_GLOBAL`. */
function loadGlobal(globals: PyMap, name: string, code: CodeInfo): PyObj {
  let v = globals.get(name);
  if (v === undefined) v = builtinsDict.get(name);
  if (v === undefined) v = missingGlobal(code, name);
  return v;
}

/** `LOAD_BUILD_CLASS`. */
function loadBuildClass(): PyObj {
  const v = builtinsDict.get("__build_class__");
  if (v === undefined) throw nameNotDefined("__build_class__");
  return v;
}

/** `SETUP_WITH` with the context manager at `st[sp]`; returns the new stack top. */
function setupWith(frame: Frame, sp: number, handler: number): number {
  const st = frame.state;
  const ctx = st[sp] as PyObj;
  loadMethod(ctx, "__exit__", methodOut);
  st[sp] = methodOut[0];
  st[sp + 1] = methodOut[1];
  loadMethod(ctx, "__enter__", methodOut);
  const enter = methodOut[0];
  const enterSelf = methodOut[1];
  const value = enterSelf === undefined
    ? call(enter, [])
    : call(enter, [enterSelf]);
  sp++;
  const handlers = frame.handlers;
  const r = frame.excTop++ * 3;
  handlers[r] = handler;
  handlers[r + 1] = sp;
  handlers[r + 2] = 1;
  frame.prevExc[frame.excTop - 1] = undefined;
  st[++sp] = value;
  return sp;
}

/** `WITH_CLEANUP`; returns the new stack top. */
function withCleanup(st: (PyObj | undefined)[], sp: number): number {
  const x = st[sp];
  if (x === None) {
    callExit(st[sp - 2] as PyObj, st[sp - 1], None, None, None);
    sp -= 2;
    st[sp] = None;
  } else if (typeof x === "number") {
    callExit(st[sp - 3] as PyObj, st[sp - 2], None, None, None);
    st[sp - 3] = st[sp - 1];
    st[sp - 2] = x;
    sp -= 2;
  } else {
    const e = x as PyObj;
    const r = callExit(st[sp - 2] as PyObj, st[sp - 1], typeOf(e), e, None);
    sp -= 2;
    st[sp] = isTrue(r) ? None : e;
  }
  return sp;
}

/**
 * `END_FINALLY` resuming a return (`x` < 0) or a jump (`x` blocks left):
 * the position to continue at (with `frame.sp` set), or -1 when the frame
 * returns the value at `st[frame.sp]`.
 */
function endFinallyResume(
  frame: Frame,
  pc: number,
  sp: number,
  x: number,
): number {
  if (x < 0) return unwindReturn(frame, pc, sp);
  return unwindJump(frame, pc, sp, x);
}

/** The exception a bare `raise` re-raises, or undefined. */
function lastException(frame: Frame): PyException | undefined {
  for (let i = frame.excTop - 1; i >= 0; i--) {
    const e = frame.prevExc[i];
    if (e !== undefined) return e;
  }
  return undefined;
}

/** `CALL_FUNCTION_VAR_KW`/`CALL_METHOD_VAR_KW` with the callee at `st[base]`. */
function callVarKw(
  st: (PyObj | undefined)[],
  base: number,
  a: number,
  isMethod: boolean,
  top: number,
): PyObj {
  const nPos = a & 0xff;
  const nKw = (a >> 8) & 0xff;
  const bits = st[top];
  const fn = st[base] as PyObj;
  const args = varArgs(
    st,
    base + (isMethod ? 2 : 1),
    nPos,
    nKw,
    typeof bits === "number" ? bits : 0,
    isMethod ? st[base + 1] : undefined,
    varOut,
  );
  const kw = varOut.kw;
  return fn instanceof PyFunction
    ? callFunction(fn, args, 0, args.length, kw)
    : call(fn, args, kw);
}

/**
 * A call of a function with `n` positional arguments `src[start …]`: when
 * its code is compiled and takes exactly those (the common case), the
 * frame is filled and run here, without the general binding.
 */
function callDirect(
  fun: PyFunction,
  src: readonly (PyObj | undefined)[],
  start: number,
  n: number,
): PyObj {
  const code = fun.code;
  const jit = code.jit;
  const closure = fun.closure;
  if (
    jit !== null && code.plainCall && !lineTracking &&
    n + (closure === null ? 0 : closure.length) === code.nPosArgs
  ) {
    const frame = new Frame(code, fun, fun.globals);
    const st = frame.state;
    let k = code.nState - 1;
    if (closure !== null) {
      for (let i = 0; i < closure.length; i++) st[k--] = closure[i];
    }
    for (let i = start, end = start + n; i < end; i++) st[k--] = src[i];
    if (++callDepth > maxDepth) {
      callDepth--;
      throw recursionError();
    }
    if (--pollCountdown <= 0) {
      try {
        pollInterrupt();
      } catch (e) {
        callDepth--;
        throw e;
      }
    }
    // The heap frame of a large state, as execute() charges it.
    const stateBytes = 4 * code.nState + 8 * code.nExcStack;
    if (stateBytes > 44) heap.enterFrame(20 + stateBytes, callDepth);
    return jit(frame, undefined);
  }
  return callFunction(fun, src, start, n, null);
}

/** `CALL_FUNCTION` without keywords: the callee at `st[base]`, `n` arguments after it. */
function callPositional(
  st: (PyObj | undefined)[],
  base: number,
  n: number,
): PyObj {
  const fn = st[base] as PyObj;
  if (fn instanceof PyFunction) return callDirect(fn, st, base + 1, n);
  return call(fn, st.slice(base + 1, base + 1 + n) as PyObj[], null);
}

/** `CALL_METHOD` without keywords: method and self (or NULL) at `st[base]`, then `n` arguments. */
function callMethodPositional(
  st: (PyObj | undefined)[],
  base: number,
  n: number,
): PyObj {
  const fn = st[base] as PyObj;
  const self = st[base + 1];
  if (fn instanceof PyFunction) {
    return self === undefined
      ? callDirect(fn, st, base + 2, n)
      : callDirect(fn, st, base + 1, n + 1);
  }
  return call(
    fn,
    st.slice(self === undefined ? base + 2 : base + 1, base + 2 + n) as PyObj[],
    null,
  );
}

/** The non-list part of `GET_ITER_STACK`: fills the four slots at `st[at]`. */
function iterStackSlow(st: (PyObj | undefined)[], at: number): void {
  const obj = st[at] as PyObj;
  if (hooks.iterStack === undefined || !hooks.iterStack(obj, st, at)) {
    const it = getIter(obj);
    st[at] = undefined;
    st[at + 1] = it;
    st[at + 2] = undefined;
    st[at + 3] = undefined;
  }
}

/** `YIELD_FROM`: resumes the sub-iterator; `out.done` tells whether it ended. */
function yieldFrom(
  it: PyObj,
  send: PyObj,
  exc: PyException | undefined,
  out: { done: boolean },
): PyObj {
  return hooks.resumeSub(it, send, exc, out);
}

/** Everything compiled code calls, handed to the code it is made of. */
export const jitSupport = {
  nameNotDefined,
  enter: jitEnter,
  leave: jitLeave,
  finish,
  backEdge: jitBackEdge,
  jitCatch,
  run,
  loadName,
  loadGlobal,
  loadBuildClass,
  setupWith,
  withCleanup,
  endFinallyResume,
  unwindReturn,
  unwindJump,
  lastException,
  callVarKw,
  callPositional,
  callMethodPositional,
  iterStackSlow,
  yieldFrom,
  kwFromStack,
  unpackSequence,
  unpackEx,
  raiseObject,
  warnChaining,
  localNameError,
  callFunction,
  GeneratorExit,
} as const;

/** The type of {@link jitSupport}. */
export type JitSupport = typeof jitSupport;
