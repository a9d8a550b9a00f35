/**
 * Raw code prepared for the interpreter: each raw code's bytecode decoded
 * once into a flat instruction array (three ints per instruction: opcode,
 * operand, extra operand), with jump targets turned into instruction
 * positions, local slot numbers turned into state indices, and the file's
 * qstr and constant tables converted once to Python values.
 *
 * The decoded form is what the interpreter loop (and a later compiling tier)
 * reads; the original bytes stay for line numbers.
 *
 * @module
 */

import {
  type CompiledModule,
  ConstKind,
  type ConstObject,
  lineForOffset,
  type RawCode,
} from "../compiler/mod.ts";
import { newInt } from "./alloc.ts";
import { valueError } from "./exc.ts";
import { chargeCodeLoad } from "./memory.ts";
import {
  Ellipsis,
  emptyTuple,
  None,
  PyBytes,
  PyComplex,
  PyException,
  PyFloat,
  type PyObj,
  PyTuple,
} from "./obj.ts";
import { parseNumDecimal } from "../compiler/parse_num.ts";
import type { JitFn } from "./interp.ts";
import { floatSingle } from "./state.ts";

/** Synthetic opcodes the decoder emits (never in a `.mpy`). */
export const enum XOp {
  /** Ran past the last instruction. */
  End = 0x00,
  /** An opcode byte with no meaning: raises `NotImplementedError('opcode')`. */
  Bad = 0x01,
  /** Pushes `code.extraConsts[arg]` (a small int too wide for an operand). */
  LoadExtraConst = 0x02,
}

/** What every raw code of one file shares: its tables, converted once. */
export class FileContext {
  /** The qstr table; entry 0 is the source file name. */
  declare readonly qstrs: string[];
  /** The constant table as Python values. */
  declare readonly consts: PyObj[];
  /** Source file name as tracebacks print it. */
  declare readonly sourceName: string;

  constructor(qstrs: string[], consts: PyObj[]) {
    this.qstrs = qstrs;
    this.consts = consts;
    this.sourceName = qstrs.length > 0 ? qstrs[0] : "<unknown>";
  }
}

/** A raw code with its instructions decoded. */
export class CodeInfo {
  declare readonly raw: RawCode;
  declare readonly file: FileContext;
  /** Simple name (`<module>`, `f`, `<lambda>` …). */
  declare readonly name: string;
  /** Parameter names in slot order (positional, then keyword-only). */
  declare readonly argNames: string[];
  declare readonly nState: number;
  declare readonly nExcStack: number;
  declare readonly scopeFlags: number;
  declare readonly nPosArgs: number;
  declare readonly nKwonlyArgs: number;
  declare readonly nDefPosArgs: number;
  /** State indices of the slots that become cells after argument binding. */
  declare readonly cells: number[];
  declare readonly isGenerator: boolean;
  /** Instructions: `[op, a, b]` per instruction, positions are multiples of 3. */
  declare readonly ops: Int32Array;
  /** Bytecode offset of each instruction (index = position / 3). */
  declare readonly offsets: Int32Array;
  /** Constants too large for an instruction operand. */
  declare readonly extraConsts: PyObj[];
  /** Children, decoded on first use. */
  declare private readonly childCache: (CodeInfo | undefined)[];
  /** Calls so far (for a compiling tier to find hot code). */
  declare calls: number;
  /** Backward jumps taken by the interpreter (loops that may be worth compiling). */
  declare loops: number;
  /**
   * The compiled form of this code (a JavaScript function made by the
   * second tier), or null while it runs in the interpreter.
   */
  declare jit: JitFn | null;
  /** True once compiling was tried and failed (the interpreter keeps it). */
  declare jitFailed: boolean;
  /** True when the code has handler records (`SETUP_*` instructions). */
  declare readonly hasHandlers: boolean;
  /**
   * True when a call binds only positional parameters: no `*args`,
   * `**kwargs`, keyword-only parameters or cells.
   */
  declare readonly simpleArgs: boolean;
  /** {@link simpleArgs} and not a generator: a call only fills the slots and runs. */
  declare readonly plainCall: boolean;

  constructor(raw: RawCode, file: FileContext) {
    this.raw = raw;
    this.file = file;
    const q = file.qstrs;
    this.name = raw.simpleName < q.length ? q[raw.simpleName] : "?";
    this.argNames = raw.argNames.map((i) => (i < q.length ? q[i] : "*"));
    this.nState = raw.nState;
    this.nExcStack = raw.nExcStack;
    this.scopeFlags = raw.scopeFlags;
    this.nPosArgs = raw.nPosArgs;
    this.nKwonlyArgs = raw.nKwonlyArgs;
    this.nDefPosArgs = raw.nDefPosArgs;
    this.isGenerator = (raw.scopeFlags & 0x01) !== 0;
    const top = raw.nState - 1;
    this.cells = raw.cells.map((slot) => {
      if (slot > top) throw badMpy();
      return top - slot;
    });
    this.extraConsts = [];
    this.childCache = new Array(raw.children.length);
    this.calls = 0;
    this.loops = 0;
    this.jit = null;
    this.jitFailed = false;
    const [ops, offsets] = decode(this);
    this.ops = ops;
    this.offsets = offsets;
    let handlers = false;
    for (let i = 0; i < ops.length; i += 3) {
      const op = ops[i];
      if (op >= 0x47 && op <= 0x49) handlers = true;
    }
    this.hasHandlers = handlers;
    this.simpleArgs = (raw.scopeFlags & 0x0e) === 0 && raw.nKwonlyArgs === 0 &&
      this.cells.length === 0;
    this.plainCall = this.simpleArgs && !this.isGenerator;
  }

  /** Child raw code `i`, decoded. */
  child(i: number): CodeInfo {
    let c = this.childCache[i];
    if (c === undefined) {
      c = new CodeInfo(this.raw.children[i], this.file);
      this.childCache[i] = c;
    }
    return c;
  }

  /** Source line of the instruction at position `pos`. */
  lineAt(pos: number): number {
    const i = Math.floor(pos / 3);
    if (i < 0 || i >= this.offsets.length) return 1;
    try {
      return lineForOffset(this.raw, this.offsets[i]);
    } catch {
      return 1;
    }
  }
}

function badMpy(): PyException {
  return valueError("incompatible .mpy file");
}

/** Decodes the bytecode of `code` into instructions. */
function decode(code: CodeInfo): [Int32Array, Int32Array] {
  const raw = code.raw;
  const data = raw.funData;
  const start = raw.codeStart;
  const end = data.length;
  const top = raw.nState - 1;
  const nQstr = code.file.qstrs.length;
  const nConst = code.file.consts.length;
  // First pass: instruction boundaries.
  const indexOf = new Int32Array(end - start + 1).fill(-1);
  const ops: number[] = [];
  const offsets: number[] = [];
  const jumps: number[] = []; // positions in ops whose operand is a byte target
  let ip = start;
  const byte = (): number => {
    if (ip >= end) throw badMpy();
    return data[ip++];
  };
  const uint = (): number => {
    let v = 0;
    for (let i = 0;; i++) {
      const b = byte();
      v = v * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
      if (i > 8) throw badMpy();
    }
    return v;
  };
  const local = (slot: number): number => {
    if (slot > top) throw badMpy();
    return top - slot;
  };
  while (ip < end) {
    const at = ip - start;
    indexOf[at] = ops.length;
    offsets.push(at);
    const op = data[ip++];
    let a = 0;
    let b = 0;
    let xop = op;
    if (op >= 0x70 && op <= 0xaf) {
      xop = 0x22;
      a = op - 0x80;
    } else if (op >= 0xb0 && op <= 0xbf) {
      xop = 0x24;
      a = local(op - 0xb0);
    } else if (op >= 0xc0 && op <= 0xcf) {
      xop = 0x26;
      a = local(op - 0xc0);
    } else if (op >= 0xd0 && op <= 0xd3) {
      xop = 0xd0;
      a = op - 0xd0;
    } else if (op >= 0xd7 && op <= 0xf9) {
      // Binary operators keep their own opcodes (fast paths by operator).
      a = op - 0xd7;
    } else if (op >= 0x10 && op <= 0x1c && op !== 0x1d) {
      a = uint();
      if (a >= nQstr) throw badMpy();
    } else {
      switch (op) {
        case 0x20: // MAKE_CLOSURE
        case 0x21: // MAKE_CLOSURE_DEFARGS
          a = uint();
          b = byte();
          if (a >= raw.children.length) throw badMpy();
          break;
        case 0x22: { // LOAD_CONST_SMALL_INT
          let neg = false;
          let v = 0n;
          let first = true;
          for (let i = 0;; i++) {
            const c = byte();
            if (first) {
              neg = (c & 0x40) !== 0;
              first = false;
              if (neg) v = -1n;
            }
            v = (v << 7n) | BigInt(c & 0x7f);
            if ((c & 0x80) === 0) break;
            if (i > 9) throw badMpy();
          }
          if (v >= -0x80000000n && v <= 0x7fffffffn) {
            a = Number(v);
          } else {
            xop = XOp.LoadExtraConst;
            a = code.extraConsts.length;
            code.extraConsts.push(newInt(normalise(v)));
          }
          break;
        }
        case 0x23: // LOAD_CONST_OBJ
          a = uint();
          if (a >= nConst) throw badMpy();
          break;
        case 0x24: // LOAD_FAST_N
        case 0x25: // LOAD_DEREF
        case 0x26: // STORE_FAST_N
        case 0x27: // STORE_DEREF
        case 0x28: // DELETE_FAST
        case 0x29: // DELETE_DEREF
          a = local(uint());
          break;
        case 0x32: // MAKE_FUNCTION
        case 0x33: // MAKE_FUNCTION_DEFARGS
          a = uint();
          if (a >= raw.children.length) throw badMpy();
          break;
        case 0x2a:
        case 0x2b:
        case 0x2c:
        case 0x2d:
        case 0x2e:
        case 0x2f:
        case 0x30:
        case 0x31:
        case 0x34:
        case 0x35:
        case 0x36:
        case 0x37:
          a = uint();
          break;
        case 0x40: // UNWIND_JUMP
        case 0x42:
        case 0x43:
        case 0x44:
        case 0x45:
        case 0x46:
        case 0x47:
        case 0x48:
        case 0x49:
        case 0x4a:
        case 0x4b: {
          const signed = op <= 0x44;
          let off = byte();
          if (off & 0x80) {
            off = (off & 0x7f) | (byte() << 7);
            if (signed) off -= 0x4000;
          } else if (signed) {
            off -= 0x40;
          }
          a = ip - start + off; // byte target, fixed up below
          jumps.push(ops.length);
          if (op === 0x40) b = byte();
          break;
        }
        case 0x50:
        case 0x51:
        case 0x52:
        case 0x53:
        case 0x54:
        case 0x55:
        case 0x56:
        case 0x57:
        case 0x58:
        case 0x59:
        case 0x5a:
        case 0x5b:
        case 0x5c:
        case 0x5d:
        case 0x5e:
        case 0x5f:
        case 0x62:
        case 0x63:
        case 0x64:
        case 0x65:
        case 0x66:
        case 0x67:
        case 0x68:
        case 0x69:
          break;
        default:
          xop = XOp.Bad;
      }
    }
    ops.push(xop, a, b);
  }
  // The end of the code is a valid jump target: a sentinel instruction.
  indexOf[end - start] = ops.length;
  offsets.push(end - start);
  ops.push(XOp.End, 0, 0);
  for (const p of jumps) {
    const target = ops[p + 1];
    if (target < 0 || target > end - start || indexOf[target] < 0) {
      throw badMpy();
    }
    ops[p + 1] = indexOf[target];
  }
  return [Int32Array.from(ops), Int32Array.from(offsets)];
}

function normalise(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Parses float text as MicroPython writes it in a `.mpy` (`1.5`, `1e+16`, `inf`, `nan`). */
function parseFloatText(text: string): number {
  // The port's own decimal conversion (not always correctly rounded).
  const r = parseNumDecimal(text, {
    allowImag: false,
    forceComplex: false,
    single: floatSingle,
  });
  return r === null ? 0 : r.real;
}

function roundFloat(v: number): number {
  return floatSingle ? Math.fround(v) : v;
}

function parseComplexText(text: string): PyComplex {
  let t = text.trim();
  if (t.startsWith("(") && t.endsWith(")")) t = t.slice(1, -1);
  if (!t.endsWith("j")) return new PyComplex(roundFloat(parseFloatText(t)), 0);
  t = t.slice(0, -1);
  // Split at the last sign that is not part of an exponent.
  for (let i = t.length - 1; i > 0; i--) {
    const c = t[i];
    if ((c === "+" || c === "-") && t[i - 1] !== "e" && t[i - 1] !== "E") {
      return new PyComplex(
        roundFloat(parseFloatText(t.slice(0, i))),
        roundFloat(parseFloatText(t.slice(i))),
      );
    }
  }
  return new PyComplex(0, roundFloat(parseFloatText(t)));
}

/** A constant-table entry as a Python value. */
export function constToPy(c: ConstObject): PyObj {
  switch (c.kind) {
    case ConstKind.FunTable:
    case ConstKind.None:
      return None;
    case ConstKind.False:
      return false;
    case ConstKind.True:
      return true;
    case ConstKind.Ellipsis:
      return Ellipsis;
    case ConstKind.Str:
      return c.value;
    case ConstKind.Bytes:
      return new PyBytes(c.value);
    case ConstKind.Int: {
      // Loading parses the decimal text: mpz sizes it from the length.
      const text = (c.value < 0n ? -c.value : c.value).toString();
      return newInt(normalise(c.value), Math.floor((text.length * 8) / 16) + 1);
    }
    case ConstKind.Float:
      return new PyFloat(roundFloat(parseFloatText(c.text)));
    case ConstKind.Complex:
      return parseComplexText(c.text);
    case ConstKind.Tuple:
      return c.items.length === 0
        ? emptyTuple
        : new PyTuple(c.items.map(constToPy));
  }
}

/** Prepares a whole compiled module: its file context and its root code. */
export function prepareModule(module: CompiledModule): CodeInfo {
  const consts = module.objs.map(constToPy);
  const file = new FileContext(module.qstrs, consts);
  // The bytecode and tables of a loaded file live on the heap.
  chargeCodeLoad(module, file);
  return new CodeInfo(module.root, file);
}
