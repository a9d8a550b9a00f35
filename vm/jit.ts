/**
 * The second tier: turns a raw code's pre-decoded bytecode into one
 * JavaScript function (made with `new Function`), which V8 then compiles to
 * machine code. The idea is MicroPython's `@micropython.native`; the result
 * behaves exactly as the interpreter loop does.
 *
 * The compiled function shares everything with the interpreter: the frame,
 * its state array (locals and value stack in MicroPython's layout), the
 * handler records, and every slow path. It only drops the dispatch: each
 * instruction becomes a few lines of JavaScript with the stack positions
 * known, values kept in JavaScript locals while a block runs (every stack
 * write still goes to the state array, so the collector sees the same
 * roots), and the fast paths inlined. A frame can therefore move from the
 * interpreter to its compiled code at a loop head, and a generator can
 * resume in either.
 *
 * Control flow: the code is cut into blocks at jump targets, handler
 * positions and resume points; the function is a loop around a `switch`
 * over block numbers, with one `try` whose `catch` finds the handler
 * record as the interpreter does (so tracebacks get the same lines).
 *
 * @module
 */

import type { CodeInfo } from "./code.ts";
import {
  type Frame,
  hooks,
  type JitFn,
  jitSupport,
  type JitSupport,
} from "./interp.ts";
import { notImplementedError, runtimeError } from "./exc.ts";
import { PyMap } from "./map.ts";
import {
  emptyTuple,
  listType,
  None,
  PyDict,
  PyFloat,
  PyList,
  PySet,
  PyTuple,
  tupleType,
} from "./obj.ts";
import { PySlice } from "./obj_slice.ts";
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

/** Runtime values the generated code refers to (besides {@link jitSupport}). */
const objects = {
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

/** True for a JavaScript number literal as the generator writes it. */
function isNumLit(e: string): boolean {
  return /^\(?-?\d+\)?$/.test(e);
}

/** The value of a number literal written by {@link isNumLit}. */
function numLit(e: string): number {
  return Number(e.replace(/[()]/g, ""));
}

/** One raw code's translation. */
class Translator {
  private readonly code: CodeInfo;
  private readonly ops: Int32Array;
  /** Block number of each instruction position that starts a block, else -1. */
  readonly blockOf: Int32Array;
  private readonly starts: number[];
  private out: string[] = [];
  /** The true stack top is the runtime `sp` plus this. */
  private off = 0;
  /** Stack slots (relative to the runtime `sp`) whose value is held in a JS expression. */
  private shadow = new Map<number, string>();
  /** Locals (state index) whose value is held in a JS temp known to be bound. */
  private localShadow = new Map<number, string>();
  private temps = 0;
  private maxTemps = 0;
  private readonly qstrsUsed = new Set<number>();
  private readonly constsUsed = new Set<number>();
  private readonly extraUsed = new Set<number>();
  /** True after an instruction that does not fall through (rest of block is dead). */
  private dead = false;

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

  /** `st[…]` for the slot at `rel` (relative to the runtime `sp`). */
  private slot(rel: number): string {
    if (rel === 0) return "st[sp]";
    return rel > 0 ? `st[sp + ${rel}]` : `st[sp - ${-rel}]`;
  }

  /** `sp + rel` as an expression. */
  private at(rel: number): string {
    if (rel === 0) return "sp";
    return rel > 0 ? `(sp + ${rel})` : `(sp - ${-rel})`;
  }

  /** True for an expression that may be used more than once as it is. */
  private simple(e: string): boolean {
    return /^[A-Za-z_$][\w$]*$/.test(e) || isNumLit(e);
  }

  /** The value of stack slot `rel`, as a simple expression. */
  private get(rel: number): string {
    const s = this.shadow.get(rel);
    if (s !== undefined) return s;
    const t = this.temp();
    this.emit(`${t} = ${this.slot(rel)};`);
    this.shadow.set(rel, t);
    return t;
  }

  /** Writes `e` to stack slot `rel` (and keeps it as the slot's value). */
  private set(rel: number, e: string): void {
    let v = e;
    if (!this.simple(v)) {
      v = this.temp();
      this.emit(`${v} = ${e};`);
    }
    this.emit(`${this.slot(rel)} = ${v};`);
    this.shadow.set(rel, v);
  }

  private push(e: string): void {
    this.off++;
    this.set(this.off, e);
  }

  private pop(): string {
    const v = this.get(this.off);
    this.off--;
    return v;
  }

  private top(k = 0): string {
    return this.get(this.off - k);
  }

  /** Makes the runtime `sp` the true stack top. */
  private flush(): void {
    if (this.off === 0) return;
    this.emit(`sp += ${this.off};`);
    const moved = new Map<number, string>();
    for (const [k, v] of this.shadow) moved.set(k - this.off, v);
    this.shadow = moved;
    this.off = 0;
  }

  /** Forgets every held stack value (after code that writes the state array itself). */
  private forgetStack(): void {
    this.shadow.clear();
  }

  /** Forgets held locals (after code that may change them behind our back). */
  private forgetLocals(): void {
    this.localShadow.clear();
  }

  private q(i: number): string {
    this.qstrsUsed.add(i);
    return `q${i}`;
  }

  private jumpTo(target: number): void {
    this.flush();
    this.emit(`L = ${this.blockOf[target]}; continue;`);
  }

  private pcIs(p: number): void {
    this.emit(`pc = ${p};`);
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
      this.off = 0;
      this.shadow = new Map();
      this.localShadow = new Map();
      this.temps = 0;
      this.dead = false;
      for (let ip = start; ip < end && !this.dead; ip += 3) {
        this.instruction(ip);
      }
      if (!this.dead) this.flush();
      body.push(`case ${b}: {`);
      for (const l of this.out) body.push(l);
      body.push("}");
    }
    const pre: string[] = [];
    pre.push('"use strict";');
    pre.push(
      "const {nameNotDefined, enter, leave, finish, backEdge, jitCatch, run, loadName, loadGlobal, loadBuildClass, setupWith, withCleanup, endFinallyResume, unwindReturn, unwindJump, lastException, callVarKw, iterStackSlow, yieldFrom, kwFromStack, unpackSequence, unpackEx, raiseObject, warnChaining, localNameError, callFunction, GeneratorExit} = R;",
    );
    pre.push(
      "const {binaryOp, call, dictStore, exceptionMatches, getAttr, getIter, isTrue, iterNext, listAppend, loadMethod, setAdd, storeAttr, subscrLoad, subscrStore, unaryOp, runtimeError, notImplementedError, emptyTuple, listType, tupleType, None, PyDict, PyFloat, PyList, PyMap, PySet, PySlice, PyTuple, PyFunction, hooks} = O;",
    );
    pre.push(
      "const ops = code.ops, Q = code.file.qstrs, K = code.file.consts, X = code.extraConsts;",
    );
    for (const i of this.qstrsUsed) pre.push(`const q${i} = Q[${i}];`);
    for (const i of this.constsUsed) pre.push(`const k${i} = K[${i}];`);
    for (const i of this.extraUsed) pre.push(`const x${i} = X[${i}];`);
    pre.push("const MO = [None, undefined];");
    pre.push("const SUB = { done: false };");
    const name = code.name.replace(/[^\w$]/g, "_");
    pre.push(`return function py_${name}(frame, throwIn) {`);
    pre.push("let L = BL[frame.ip];");
    pre.push("if (L < 0) return run(frame, throwIn);");
    pre.push("const st = frame.state, H = frame.handlers, G = frame.globals;");
    pre.push("let sp = frame.sp, pc = frame.ip, rr = false, inj = undefined;");
    if (this.maxTemps > 0) {
      const ts: string[] = [];
      for (let i = 0; i < this.maxTemps; i++) ts.push(`t${i}`);
      pre.push(`let ${ts.join(", ")};`);
    }
    pre.push("enter(frame);");
    pre.push("if (throwIn !== undefined) {");
    pre.push("  if (ops[pc] === 0x68) inj = throwIn;");
    pre.push(
      "  else { L = BL[jitCatch(frame, throwIn, pc, sp, throwIn.type === GeneratorExit)]; sp = frame.sp; }",
    );
    pre.push("}");
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
      "};",
    ];
    return [...pre, ...body, ...post].join("\n");
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
      case 0x23: // LOAD_CONST_OBJ
        this.constsUsed.add(a);
        this.push(`k${a}`);
        return;
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
        let v = this.localShadow.get(a);
        if (v === undefined) {
          v = this.temp();
          this.emit(`${v} = st[${a}];`);
          this.emit(
            `if (${v} === undefined) { pc = ${ip}; throw localNameError(); }`,
          );
          this.localShadow.set(a, v);
        }
        this.push(v);
        return;
      }
      case 0x26: { // STORE_FAST_N
        const v = this.pop();
        this.emit(`st[${a}] = ${v};`);
        if (v !== "undefined") this.localShadow.set(a, v);
        else this.localShadow.delete(a);
        return;
      }
      case 0x28: // DELETE_FAST
        this.pcIs(ip);
        this.emit(`if (st[${a}] === undefined) throw localNameError();`);
        this.emit(`st[${a}] = undefined;`);
        this.localShadow.delete(a);
        return;
      case 0x25: { // LOAD_DEREF
        const t = this.temp();
        this.emit(`${t} = st[${a}].value;`);
        this.emit(
          `if (${t} === undefined) { pc = ${ip}; throw localNameError(); }`,
        );
        this.push(t);
        return;
      }
      case 0x27: // STORE_DEREF
        this.emit(`st[${a}].value = ${this.pop()};`);
        return;
      case 0x29: // DELETE_DEREF
        this.pcIs(ip);
        this.emit(`if (st[${a}].value === undefined) throw localNameError();`);
        this.emit(`st[${a}].value = undefined;`);
        return;
      case 0x11: // LOAD_NAME
        this.pcIs(ip);
        this.push(`loadName(frame, ${this.q(a)})`);
        return;
      case 0x12: // LOAD_GLOBAL
        this.pcIs(ip);
        this.push(`loadGlobal(G, ${this.q(a)})`);
        return;
      case 0x13: { // LOAD_ATTR
        const v = this.top();
        this.pcIs(ip);
        this.set(this.off, `getAttr(${v}, ${this.q(a)})`);
        return;
      }
      case 0x14: { // LOAD_METHOD
        const v = this.top();
        this.pcIs(ip);
        this.emit(`loadMethod(${v}, ${this.q(a)}, MO);`);
        this.set(this.off, "MO[0]");
        this.off++;
        this.set(this.off, "MO[1]");
        return;
      }
      case 0x15: { // LOAD_SUPER_METHOD
        const self = this.top();
        const cls = this.top(1);
        this.pcIs(ip);
        this.emit(`hooks.superMethod(${cls}, ${self}, ${this.q(a)}, MO);`);
        this.off--;
        this.set(this.off - 1, "MO[0]");
        this.set(this.off, "MO[1]");
        return;
      }
      case 0x16: // STORE_NAME
        this.emit(`frame.locals.set(${this.q(a)}, ${this.pop()});`);
        return;
      case 0x17: // STORE_GLOBAL
        this.emit(`G.set(${this.q(a)}, ${this.pop()});`);
        return;
      case 0x18: { // STORE_ATTR
        const obj = this.top();
        const value = this.top(1);
        this.pcIs(ip);
        this.emit(`storeAttr(${obj}, ${this.q(a)}, ${value});`);
        this.off -= 2;
        return;
      }
      case 0x19: // DELETE_NAME
        this.pcIs(ip);
        this.emit(
          `if (!frame.locals.delete(${this.q(a)})) throw nameNotDefined(${
            this.q(a)
          });`,
        );
        return;
      case 0x1a: // DELETE_GLOBAL
        this.pcIs(ip);
        this.emit(
          `if (!G.delete(${this.q(a)})) throw nameNotDefined(${this.q(a)});`,
        );
        return;
      case 0x1b: { // IMPORT_NAME
        const fromlist = this.pop();
        const level = this.top();
        this.pcIs(ip);
        this.set(
          this.off,
          `hooks.importName(${
            this.q(a)
          }, ${fromlist}, typeof ${level} === "number" ? ${level} : 0, G)`,
        );
        return;
      }
      case 0x1c: { // IMPORT_FROM
        const m = this.top();
        this.pcIs(ip);
        this.push(`hooks.importFrom(${m}, ${this.q(a)})`);
        return;
      }
      case 0x69: { // IMPORT_STAR
        const m = this.pop();
        this.pcIs(ip);
        this.emit(`hooks.importStar(${m}, frame.locals);`);
        return;
      }
      case 0x32: // MAKE_FUNCTION
        this.pcIs(ip);
        this.push(`new PyFunction(code.child(${a}), G, null, null, null)`);
        return;
      case 0x33: { // MAKE_FUNCTION_DEFARGS
        const dkw = this.pop();
        const dpos = this.top();
        this.pcIs(ip);
        this.set(
          this.off,
          `new PyFunction(code.child(${a}), G, ${dpos} instanceof PyTuple ? ${dpos}.items : null, ${dkw} instanceof PyDict ? ${dkw} : null, null)`,
        );
        return;
      }
      case 0x20: { // MAKE_CLOSURE
        const cells: string[] = [];
        for (let i = b - 1; i >= 0; i--) cells.push(this.top(i));
        this.off -= b;
        this.pcIs(ip);
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
        this.off -= b;
        const dkw = this.pop();
        const dpos = this.top();
        this.pcIs(ip);
        this.set(
          this.off,
          `new PyFunction(code.child(${a}), G, ${dpos} instanceof PyTuple ? ${dpos}.items : null, ${dkw} instanceof PyDict ? ${dkw} : null, [${
            cells.join(", ")
          }])`,
        );
        return;
      }
      case 0x2a: { // BUILD_TUPLE
        if (a === 0) {
          this.push("emptyTuple");
          return;
        }
        const items: string[] = [];
        for (let i = a - 1; i >= 0; i--) items.push(this.top(i));
        this.off -= a;
        this.pcIs(ip);
        this.push(`new PyTuple([${items.join(", ")}])`);
        return;
      }
      case 0x2b: { // BUILD_LIST
        const items: string[] = [];
        for (let i = a - 1; i >= 0; i--) items.push(this.top(i));
        this.off -= a;
        this.pcIs(ip);
        this.push(`new PyList([${items.join(", ")}])`);
        return;
      }
      case 0x2c: // BUILD_MAP
        this.pcIs(ip);
        this.push(`new PyDict(new PyMap(${a}))`);
        return;
      case 0x2d: { // BUILD_SET
        const items: string[] = [];
        for (let i = a - 1; i >= 0; i--) items.push(this.top(i));
        this.pcIs(ip);
        const s = this.temp();
        this.emit(`${s} = new PySet(new PyMap(${a}, 4));`);
        for (const x of items) this.emit(`setAdd(${s}, ${x});`);
        this.off -= a;
        this.push(s);
        return;
      }
      case 0x2e: { // BUILD_SLICE
        let step = "None";
        if (a === 3) step = this.pop();
        const stop = this.pop();
        const start = this.top();
        this.pcIs(ip);
        this.set(this.off, `new PySlice(${start}, ${stop}, ${step})`);
        return;
      }
      case 0x2f: { // STORE_COMP
        const coll = this.top(a >> 2);
        this.pcIs(ip);
        switch (a & 3) {
          case 0:
            this.emit(`listAppend(${coll}, ${this.pop()});`);
            break;
          case 1: {
            const k = this.top();
            const v = this.top(1);
            this.emit(`dictStore(${coll}, ${k}, ${v});`);
            this.off -= 2;
            break;
          }
          default:
            this.emit(`setAdd(${coll}, ${this.pop()});`);
        }
        return;
      }
      case 0x30: { // UNPACK_SEQUENCE
        const seq = this.top();
        this.flush();
        this.pcIs(ip);
        this.emit(`unpackSequence(${seq}, ${a}, st, sp);`);
        this.forgetStack();
        this.off += a - 1;
        return;
      }
      case 0x31: { // UNPACK_EX
        const seq = this.top();
        this.flush();
        this.pcIs(ip);
        this.emit(`sp = unpackEx(${seq}, ${a}, st, sp);`);
        this.forgetStack();
        return;
      }
      case 0x34: { // CALL_FUNCTION
        const nPos = a & 0xff;
        const nKw = (a >> 8) & 0xff;
        const base = this.off - nPos - 2 * nKw;
        const fn = this.get(base);
        const args: string[] = [];
        for (let i = 1; i <= nPos; i++) args.push(this.get(base + i));
        this.pcIs(ip);
        const kw = nKw === 0
          ? "null"
          : `kwFromStack(st, ${this.at(base + 1 + nPos)}, ${nKw})`;
        const r = this.temp();
        this.emit(
          `${r} = ${fn} instanceof PyFunction ? callFunction(${fn}, st, ${
            this.at(base + 1)
          }, ${nPos}, ${kw}) : call(${fn}, [${args.join(", ")}], ${kw});`,
        );
        this.off = base;
        this.set(base, r);
        return;
      }
      case 0x36: { // CALL_METHOD
        const nPos = a & 0xff;
        const nKw = (a >> 8) & 0xff;
        const base = this.off - nPos - 2 * nKw - 1;
        const fn = this.get(base);
        const self = this.get(base + 1);
        const args: string[] = [];
        for (let i = 2; i <= nPos + 1; i++) args.push(this.get(base + i));
        this.pcIs(ip);
        let kw = "null";
        if (nKw !== 0) {
          kw = this.temp();
          this.emit(
            `${kw} = kwFromStack(st, ${this.at(base + 2 + nPos)}, ${nKw});`,
          );
        }
        const r = this.temp();
        const selfArgs = [self, ...args].join(", ");
        this.emit(
          `if (${fn} instanceof PyFunction) ${r} = ${self} === undefined ? callFunction(${fn}, st, ${
            this.at(base + 2)
          }, ${nPos}, ${kw}) : callFunction(${fn}, st, ${
            this.at(base + 1)
          }, ${nPos + 1}, ${kw});`,
        );
        this.emit(
          `else ${r} = ${self} === undefined ? call(${fn}, [${
            args.join(", ")
          }], ${kw}) : call(${fn}, [${selfArgs}], ${kw});`,
        );
        this.off = base;
        this.set(base, r);
        return;
      }
      case 0x35: // CALL_FUNCTION_VAR_KW
      case 0x37: { // CALL_METHOD_VAR_KW
        const isMethod = op === 0x37;
        const nPos = a & 0xff;
        const nKw = (a >> 8) & 0xff;
        const base = this.off - nPos - 2 * nKw - (isMethod ? 2 : 1);
        this.pcIs(ip);
        const r = this.temp();
        this.emit(
          `${r} = callVarKw(st, ${this.at(base)}, ${a}, ${isMethod}, ${
            this.at(this.off)
          });`,
        );
        this.off = base;
        this.set(base, r);
        return;
      }
      case 0x42: { // JUMP
        if (a <= ip) {
          this.pcIs(ip);
          this.emit(`backEdge(frame, ${ip});`);
        }
        this.jumpTo(a);
        this.dead = true;
        return;
      }
      case 0x43: // POP_JUMP_IF_TRUE
      case 0x44: { // POP_JUMP_IF_FALSE
        const v = this.pop();
        this.flush();
        const cond = op === 0x43
          ? `${v} === true || (${v} !== false && isTrue(${v}))`
          : `${v} === false || (${v} !== true && !isTrue(${v}))`;
        if ((v !== "true" && v !== "false") || a <= ip) this.pcIs(ip);
        const back = a <= ip ? `backEdge(frame, ${ip}); ` : "";
        this.emit(
          `if (${cond}) { ${back}L = ${this.blockOf[a]}; continue; }`,
        );
        return;
      }
      case 0x45: // JUMP_IF_TRUE_OR_POP
      case 0x46: { // JUMP_IF_FALSE_OR_POP
        const v = this.top();
        this.flush();
        this.pcIs(ip);
        this.emit(
          `if (${op === 0x45 ? "" : "!"}isTrue(${v})) { L = ${
            this.blockOf[a]
          }; continue; }`,
        );
        this.off--;
        return;
      }
      case 0x47: // SETUP_WITH
        this.flush();
        this.pcIs(ip);
        this.emit(`sp = setupWith(frame, sp, ${a});`);
        this.forgetStack();
        return;
      case 0x48: // SETUP_EXCEPT
      case 0x49: // SETUP_FINALLY
        this.emit(
          `{ const r = frame.excTop++ * 3; H[r] = ${a}; H[r + 1] = ${
            this.at(this.off)
          }; H[r + 2] = ${
            op === 0x49 ? 1 : 0
          }; frame.prevExc[frame.excTop - 1] = undefined; }`,
        );
        return;
      case 0x4a: // POP_EXCEPT_JUMP
        this.emit("if (frame.excTop > 0) frame.excTop--;");
        this.jumpTo(a);
        this.dead = true;
        return;
      case 0x4b: { // FOR_ITER
        this.flush();
        this.forgetStack();
        this.pcIs(ip);
        const v = this.temp();
        const tag = this.temp();
        this.emit(`${v} = undefined; ${tag} = st[sp - 3];`);
        this.emit(
          `if (${tag} === 1) { const items = st[sp - 2].items, i = st[sp - 1]; if (i < items.length) { ${v} = items[i]; st[sp - 1] = i + 1; } }`,
        );
        this.emit(
          `else if (${tag} === 2) { const cur = st[sp - 2], step = st[sp]; if (step > 0 ? cur < st[sp - 1] : cur > st[sp - 1]) { ${v} = cur; st[sp - 2] = cur + step; } }`,
        );
        this.emit(`else ${v} = iterNext(st[sp - 2]);`);
        this.emit(
          `if (${v} === undefined) { sp -= 4; L = ${this.blockOf[a]}; continue; }`,
        );
        this.push(v);
        return;
      }
      case 0x54: // LOAD_BUILD_CLASS
        this.pcIs(ip);
        this.push("loadBuildClass()");
        return;
      case 0x55: { // LOAD_SUBSCR
        const index = this.pop();
        const obj = this.top();
        const r = this.temp();
        this.emit(`${r} = undefined;`);
        this.emit(
          `if (typeof ${index} === "number" && (${obj} instanceof PyList ? ${obj}.type === listType : ${obj} instanceof PyTuple && ${obj}.type === tupleType)) { const items = ${obj}.items; const i = ${index} < 0 ? ${index} + items.length : ${index}; if (i >= 0 && i < items.length) ${r} = items[i]; }`,
        );
        this.emit(
          `if (${r} === undefined) { pc = ${ip}; ${r} = subscrLoad(${obj}, ${index}); }`,
        );
        this.set(this.off, r);
        return;
      }
      case 0x56: { // STORE_SUBSCR
        const index = this.top();
        const obj = this.top(1);
        const value = this.top(2);
        this.pcIs(ip);
        this.emit(
          `if (typeof ${index} === "number" && ${obj} instanceof PyList && ${obj}.type === listType && ${index} >= 0 && ${index} < ${obj}.items.length) ${obj}.items[${index}] = ${value};`,
        );
        this.emit(`else subscrStore(${obj}, ${index}, ${value});`);
        this.off -= 3;
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
        this.off--;
        return;
      case 0x5a: { // ROT_TWO
        const x = this.top();
        const y = this.top(1);
        this.set(this.off, y);
        this.set(this.off - 1, x);
        return;
      }
      case 0x5b: { // ROT_THREE
        const x = this.top();
        const y = this.top(1);
        const z = this.top(2);
        this.set(this.off, y);
        this.set(this.off - 1, z);
        this.set(this.off - 2, x);
        return;
      }
      case 0x5c: // WITH_CLEANUP
        this.flush();
        this.pcIs(ip);
        this.emit("sp = withCleanup(st, sp);");
        this.forgetStack();
        return;
      case 0x5d: { // END_FINALLY
        this.flush();
        this.forgetStack();
        this.pcIs(ip);
        const x = this.temp();
        this.emit("if (frame.excTop > 0) frame.excTop--;");
        this.emit(`${x} = st[sp--];`);
        this.emit(`if (${x} === None || ${x} === undefined) {}`);
        this.emit(
          `else if (typeof ${x} === "number") { const r = endFinallyResume(frame, ${ip}, sp, ${x}); if (r < 0) { sp = frame.sp; return finish(frame, st[sp], ${ip}, sp); } sp = frame.sp; L = BL[r]; continue; }`,
        );
        this.emit(`else { rr = true; throw ${x}; }`);
        return;
      }
      case 0x40: // UNWIND_JUMP
        this.flush();
        this.forgetStack();
        this.pcIs(ip);
        this.emit(`st[++sp] = ${a};`);
        this.emit(
          `{ const r = unwindJump(frame, ${ip}, sp, ${b}); sp = frame.sp; L = BL[r]; continue; }`,
        );
        this.dead = true;
        return;
      case 0x5e: { // GET_ITER
        const v = this.top();
        this.pcIs(ip);
        this.set(this.off, `getIter(${v})`);
        return;
      }
      case 0x5f: { // GET_ITER_STACK
        const v = this.top();
        const at = this.at(this.off);
        this.pcIs(ip);
        this.emit(
          `if (${v} instanceof PyList && ${v}.type === listType) { st[${at}] = 1; st[${at} + 1] = ${v}; st[${at} + 2] = 0; st[${at} + 3] = undefined; }`,
        );
        this.emit(`else iterStackSlow(st, ${at});`);
        this.forgetStack();
        this.off += 3;
        return;
      }
      case 0x62: { // STORE_MAP
        const k = this.top();
        const v = this.top(1);
        const d = this.top(2);
        this.pcIs(ip);
        this.emit(`dictStore(${d}, ${k}, ${v});`);
        this.off -= 2;
        return;
      }
      case 0x63: { // RETURN_VALUE
        const v = this.top();
        if (this.code.hasHandlers) {
          this.flush();
          this.pcIs(ip);
          this.emit(
            `if (frame.excTop > 0) { const r = unwindReturn(frame, ${ip}, sp); sp = frame.sp; if (r >= 0) { L = BL[r]; continue; } return finish(frame, st[sp], ${ip}, sp); }`,
          );
        }
        if (this.code.isGenerator) {
          this.emit(`return finish(frame, ${v}, ${ip}, ${this.at(this.off)});`);
        } else {
          this.emit(`return leave(frame, ${v});`);
        }
        this.dead = true;
        return;
      }
      case 0x64: // RAISE_LAST
        this.pcIs(ip);
        this.emit(
          '{ const e = lastException(frame); if (e === undefined) throw runtimeError("no active exception to reraise"); rr = true; throw e; }',
        );
        this.dead = true;
        return;
      case 0x65: // RAISE_OBJ
        this.pcIs(ip);
        this.emit(`throw raiseObject(${this.top()});`);
        this.dead = true;
        return;
      case 0x66: { // RAISE_FROM
        this.off--;
        const v = this.top();
        this.pcIs(ip);
        this.emit("warnChaining();");
        this.emit(`throw raiseObject(${v});`);
        this.dead = true;
        return;
      }
      case 0x67: { // YIELD_VALUE
        const v = this.top();
        this.emit("frame.yielded = true;");
        this.emit(`return finish(frame, ${v}, ${ip + 3}, ${this.at(this.off)});`);
        this.dead = true;
        return;
      }
      case 0x68: { // YIELD_FROM
        const send = this.top();
        const it = this.top(1);
        this.pcIs(ip);
        const v = this.temp();
        this.emit(
          `{ const exc = inj; inj = undefined; ${v} = yieldFrom(${it}, ${send}, exc, SUB); }`,
        );
        this.emit(
          `if (!SUB.done) { ${this.slot(this.off)} = ${v}; frame.yielded = true; return finish(frame, ${v}, ${ip}, ${
            this.at(this.off)
          }); }`,
        );
        this.off--;
        this.set(this.off, v);
        return;
      }
      case 0xd0: { // UNARY_OP
        const v = this.top();
        this.pcIs(ip);
        if (a === 3) {
          this.set(this.off, `!isTrue(${v})`);
        } else if (a === 1) {
          this.set(
            this.off,
            `typeof ${v} === "number" && ${v} > -0x40000000 && ${v} < 0x40000000 ? 0 - ${v} : unaryOp(1, ${v})`,
          );
        } else {
          this.set(this.off, `unaryOp(${a}, ${v})`);
        }
        return;
      }
      case 0x00: // ran past the end
        this.pcIs(ip);
        this.emit('throw runtimeError("bytecode ran past its end");');
        this.dead = true;
        return;
    }
    if (op >= 0xd7 && op <= 0xf9) {
      this.binary(ip, op, a);
      return;
    }
    this.pcIs(ip);
    this.emit('throw notImplementedError("opcode");');
    this.dead = true;
  }

  /** `BINARY_OP` (operator `n`, opcode `op`) with its fast paths. */
  private binary(ip: number, op: number, n: number): void {
    const y = this.pop();
    const x = this.top();
    const r = this.temp();
    const checks: string[] = [];
    if (!isNumLit(x)) checks.push(`typeof ${x} === "number"`);
    if (!isNumLit(y)) checks.push(`typeof ${y} === "number"`);
    const nums = checks.length > 0 ? checks.join(" && ") : "true";
    const slow = `{ pc = ${ip}; ${r} = binaryOp(${n}, ${x}, ${y}); }`;
    const cmp = COMPARE[op];
    if (cmp !== undefined) {
      this.emit(`if (${nums}) ${r} = ${x} ${cmp} ${y}; else ${slow}`);
    } else if (op === 0xd9 || op === 0xdc) { // EQUAL, NOT_EQUAL
      const eq = op === 0xd9 ? "===" : "!==";
      this.emit(
        `if (typeof ${x} === typeof ${y} && (typeof ${x} === "number" || typeof ${x} === "string")) ${r} = ${x} ${eq} ${y}; else ${slow}`,
      );
    } else if (op === 0xde) { // IS
      this.emit(`${r} = ${x} === ${y};`);
    } else if (op === 0xdf) { // EXCEPTION_MATCH
      this.pcIs(ip);
      this.emit(`${r} = exceptionMatches(${x}, ${y});`);
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
      const small = (e: string): string =>
        isNumLit(e) && numLit(e) >= -0x40000000 && numLit(e) < 0x40000000
          ? ""
          : ` && ${e} >= -0x40000000 && ${e} < 0x40000000`;
      this.emit(
        `if (${nums}${small(x)}${small(y)}) ${r} = ${x} ${
          BITWISE[op]
        } ${y}; else ${slow}`,
      );
    } else if (op === 0xe4 || op === 0xf1) { // RSHIFT
      this.emit(
        `if (${nums} && ${x} >= -0x40000000 && ${x} < 0x40000000 && ${y} >= 0 && ${y} < 32) ${r} = ${x} >> ${y}; else ${slow}`,
      );
    } else if (op === 0xe3 || op === 0xf0) { // LSHIFT
      this.emit(
        `if (${nums} && ${y} >= 0 && ${y} < 31 && (${r} = ${x} * (1 << ${y})) >= -0x40000000 && ${r} < 0x40000000) {} else ${slow}`,
      );
    } else if (op === 0xe9 || op === 0xf6) { // FLOOR_DIVIDE
      this.emit(
        `if (${nums} && ${y} !== 0 && ${x} >= -0x40000000 && ${x} < 0x40000000) ${r} = Math.floor(${x} / ${y}) + 0; else ${slow}`,
      );
    } else if (op === 0xeb || op === 0xf8) { // MODULO
      this.emit(
        `if (${nums} && ${y} !== 0) { ${r} = ${x} % ${y}; if (${r} !== 0 && (${r} < 0) !== (${y} < 0)) ${r} += ${y}; ${r} += 0; } else ${slow}`,
      );
    } else {
      this.emit(`pc = ${ip}; ${r} = binaryOp(${n}, ${x}, ${y});`);
    }
    this.set(this.off, r);
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
