/**
 * The bytecode emitter (`py/emitbc.c`). The compiler drives it twice per
 * scope: in the scope pass it only registers qstrs and constants (in
 * MicroPython's order); in the code pass it records the instruction stream
 * (fixed bytes, jumps, labels, line events) while tracking the stack depth.
 * {@link Emitter.assemble} then replays MicroPython's jump-sizing passes over
 * that record and produces the final `fun_data`.
 *
 * @module
 */

import { BinaryOp, Op, UnaryOp } from "./opcodes.ts";
import { objKey, PY_ELLIPSIS, type PyObj, strictlyEqual } from "./py_obj.ts";
import { IdKind, type Scope, ScopeFlags, ScopeKind } from "./scope.ts";

/** Compiler pass. */
export const enum Pass {
  /** Identifier analysis; only qstr/constant registration reaches the emitter. */
  Scope = 1,
  /** Code generation into the instruction record. */
  Code = 2,
}

/** Kinds of `setup_block`. */
export const enum BlockKind {
  With = 0,
  Except = 1,
  Finally = 2,
}

/** Kinds of identifier access for locals. */
export const enum LocalKind {
  Fast = 0,
  Deref = 1,
}

/** Kinds of identifier access for globals. */
export const enum GlobalKind {
  Name = 0,
  Global = 1,
}

/** Kinds of subscript / attribute access. */
export const enum AccessKind {
  Load,
  Store,
  Delete,
}

/** Kinds of `build`. */
export const enum BuildKind {
  Tuple = 0,
  List = 1,
  Map = 2,
  Set = 3,
  Slice = 4,
}

/** Star flags of a call. */
export const enum StarFlag {
  Single = 0x01,
  Double = 0x02,
}

/** Kinds of `import`. */
export const enum ImportKind {
  Name,
  From,
  Star,
}

/** A break label has this bit set when it leaves a `for` loop. */
export const BREAK_FROM_FOR = 0x8000;

/** Pseudo binary operators for `not in` and `is not`. */
export const enum ExtraOp {
  NotIn = 100,
  IsNot = 101,
}

/** The qstr and constant tables shared by all code objects of a module. */
export class ModuleTables {
  /** qstr table in registration order; entry 0 is the source name. */
  readonly qstrs: string[] = [];
  private readonly qstrIndex = new Map<string, number>();
  /** Constant table in registration order. */
  readonly objs: PyObj[] = [];
  private readonly objIndex = new Map<string, number>();
  private readonly unkeyed: number[] = [];
  private readonly objByIdentity = new Map<PyObj, number>();

  constructor(sourceName: string) {
    this.useQstr(sourceName);
  }

  /** Index of `s` in the qstr table, added if new. */
  useQstr(s: string): number {
    let i = this.qstrIndex.get(s);
    if (i === undefined) {
      i = this.qstrs.length;
      this.qstrs.push(s);
      this.qstrIndex.set(s, i);
    }
    return i;
  }

  /** Index of `o` in the constant table, merged with an equal entry if any. */
  useObj(o: PyObj): number {
    // Both passes load the same constant objects: find them again by identity.
    const known = this.objByIdentity.get(o);
    if (known !== undefined) return known;
    const i = this.findObj(o);
    this.objByIdentity.set(o, i);
    return i;
  }

  private findObj(o: PyObj): number {
    const key = objKey(o);
    if (key !== null) {
      let i = this.objIndex.get(key);
      if (i === undefined) {
        i = this.objs.length;
        this.objs.push(o);
        this.objIndex.set(key, i);
      }
      return i;
    }
    for (const i of this.unkeyed) {
      if (strictlyEqual(this.objs[i], o)) return i;
    }
    const i = this.objs.length;
    this.objs.push(o);
    this.unkeyed.push(i);
    return i;
  }
}

const enum Item {
  Bytes = 1,
  Jump,
  Label,
  Line,
}

/** A compile error raised while assembling (offset overflow). */
export class AssembleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssembleError";
  }
}

function pushVaruint(out: number[], v: number): void {
  // Seven bits a byte, most significant first (operands are below 2^31).
  let shift = 0;
  while (v >>> (shift + 7) !== 0) shift += 7;
  for (; shift > 0; shift -= 7) out.push(0x80 | ((v >>> shift) & 0x7f));
  out.push(v & 0x7f);
}

/** Copies the numbers of `src` into `out` from `at`. */
function copyInto(out: Uint8Array, src: number[], at: number): void {
  for (let i = 0; i < src.length; i++) out[at + i] = src[i];
}

/** Bytes of one line-table event (B bytes forward, L lines forward). */
function lineEventBytes(out: number[] | null, b: number, l: number): number {
  let n = 0;
  while (b > 0 || l > 0) {
    let db: number;
    let dl: number;
    if (l <= 6 || b > 15) {
      db = Math.min(b, 31);
      dl = db < b ? 0 : Math.min(l, 3);
      if (out) out.push(db | (dl << 5));
      n += 1;
    } else {
      db = Math.min(b, 15);
      dl = Math.min(l, 2047);
      if (out) out.push(0x80 | db | ((dl >> 4) & 0x70), dl & 0xff);
      n += 2;
    }
    b -= db;
    l -= dl;
  }
  return n;
}

/**
 * The line-table bytes of one event: `b` bytecode bytes and `l` lines
 * forward (the writer of the .mpy specification §4.6).
 */
export function encodeLineEvent(b: number, l: number): number[] {
  const out: number[] = [];
  lineEventBytes(out, b, l);
  return out;
}

/** The prelude signature bytes. */
function encodeSignature(
  nState: number,
  nExc: number,
  flags: number,
  nPos: number,
  nKw: number,
  nDef: number,
): number[] {
  const out: number[] = [];
  let s = nState - 1;
  let e = nExc;
  let f = flags & 0x0f;
  let a = nPos;
  let k = nKw;
  let d = nDef;
  let z = ((s & 0xf) << 3) | ((e & 1) << 2) | (a & 3);
  s >>= 4;
  e >>= 1;
  a >>= 2;
  while (s | e | f | a | k | d) {
    out.push(z | 0x80);
    z = ((f & 1) << 6) | ((s & 3) << 4) | ((k & 1) << 3) | ((a & 1) << 2) |
      ((e & 1) << 1) | (d & 1);
    s >>= 2;
    e >>= 1;
    f >>= 1;
    a >>= 1;
    k >>= 1;
    d >>= 1;
  }
  out.push(z);
  return out;
}

/** The prelude size bytes (n_info, n_cell). */
function encodeSize(nInfo: number, nCell: number): number[] {
  const out: number[] = [];
  do {
    let z = (nCell & 1) | ((nInfo & 0x3f) << 1);
    nCell >>= 1;
    nInfo >>>= 6;
    if (nCell | nInfo) z |= 0x80;
    out.push(z);
  } while (nCell | nInfo);
  return out;
}

/** Number of prelude size bytes {@link encodeSize} gives. */
function sizeLength(nInfo: number, nCell: number): number {
  let n = 0;
  do {
    nCell >>= 1;
    nInfo >>>= 6;
    n++;
  } while (nCell | nInfo);
  return n;
}

/** The result of assembling one scope. */
export interface Assembled {
  funData: Uint8Array;
  codeStart: number;
  lineInfoStart: number;
  lineInfoEnd: number;
  argNames: number[];
  cells: number[];
}

/** Emits the bytecode of one scope at a time. */
export class Emitter {
  declare readonly tables: ModuleTables;
  declare private readonly noLines: boolean;
  pass: Pass = Pass.Scope;
  scope!: Scope;
  /** True after an unconditional control transfer, until the next label. */
  suppress = false;
  private stackSize = 0;
  private childCount = 0;
  /** Children of the current scope, in MAKE_FUNCTION/MAKE_CLOSURE order. */
  children: Scope[] = [];
  private lastLine = 1;

  // The recorded code: fixed bytes, and items (kind, a, b, c) in order.
  private bytes = new Uint8Array(256);
  private bytesLen = 0;
  private items = new Int32Array(256);
  private itemsLen = 0;
  private numLabels = 0;
  private numJumps = 0;
  // Label offsets and jump sizes of the layout passes.
  private labels = new Int32Array(64);
  private jumpLong = new Uint8Array(256);
  // Results of the last layout pass.
  private layoutCodeSize = 0;
  private layoutLineSize = 0;

  constructor(tables: ModuleTables, noLines: boolean) {
    this.tables = tables;
    this.noLines = noLines;
  }

  /** Starts a pass over `scope` (the scope's own names are registered here). */
  startPass(pass: Pass, scope: Scope): void {
    this.pass = pass;
    this.scope = scope;
    this.suppress = false;
    this.stackSize = 0;
    this.childCount = 0;
    this.children = [];
    this.lastLine = 1;
    this.bytesLen = 0;
    this.itemsLen = 0;
    this.numLabels = 0;
    this.numJumps = 0;
    if (pass === Pass.Scope) {
      scope.stackSize = 0;
      scope.excStackSize = 0;
    }
    this.tables.useQstr(scope.simpleName);
    if (pass === Pass.Code) {
      const names = this.argNameQstrs();
      for (let i = 0; i < names.length; i++) this.tables.useQstr(names[i]);
    }
  }

  private argNameQstrs(): string[] {
    const scope = this.scope;
    const ids = scope.ids;
    const names: string[] = [];
    for (let i = 0; i < scope.numPosArgs + scope.numKwonlyArgs; i++) {
      let q = "*";
      for (let j = 0; j < ids.length; j++) {
        const id = ids[j];
        if ((id.flags & 1) && id.localNum === i) {
          q = id.name;
          break;
        }
      }
      names.push(q);
    }
    return names;
  }

  /** Adjusts the tracked stack depth (no bytes). */
  adjustStackSize(delta: number): void {
    if (this.pass === Pass.Scope) return;
    this.stackSize += delta;
    if (this.stackSize > this.scope.stackSize) {
      this.scope.stackSize = this.stackSize;
    }
  }

  /** Records a line-number event for a node starting on `line`. */
  setSourceLine(line: number): void {
    if (this.noLines || this.pass !== Pass.Code) return;
    if (line > this.lastLine) {
      this.pushItem(Item.Line, line - this.lastLine, 0, 0);
      this.lastLine = line;
    }
  }

  /** Places `label` at the current position; ends any dead-code region. */
  labelAssign(label: number): void {
    this.suppress = false;
    if (this.pass !== Pass.Code) return;
    this.pushItem(Item.Label, label, 0, 0);
    if (label >= this.numLabels) this.numLabels = label + 1;
  }

  // --- low-level writers ----------------------------------------------

  private pushItem(kind: number, a: number, b: number, c: number): void {
    let items = this.items;
    const n = this.itemsLen;
    if (n + 4 > items.length) {
      const bigger = new Int32Array(items.length * 2);
      bigger.set(items);
      this.items = items = bigger;
    }
    items[n] = kind;
    items[n + 1] = a;
    items[n + 2] = b;
    items[n + 3] = c;
    this.itemsLen = n + 4;
  }

  private reserveBytes(count: number): number {
    let bytes = this.bytes;
    const start = this.bytesLen;
    if (start + count > bytes.length) {
      const bigger = new Uint8Array(Math.max(bytes.length * 2, start + count));
      bigger.set(bytes);
      this.bytes = bytes = bigger;
    }
    // Extend the current run of fixed bytes, or start a new one.
    const n = this.itemsLen;
    const items = this.items;
    if (
      n > 0 && items[n - 4] === Item.Bytes &&
      items[n - 3] + items[n - 2] === start
    ) {
      items[n - 2] += count;
    } else {
      this.pushItem(Item.Bytes, start, count, 0);
    }
    this.bytesLen = start + count;
    return start;
  }

  private writeRaw(b: number): void {
    if (this.suppress || this.pass !== Pass.Code) return;
    const at = this.reserveBytes(1);
    this.bytes[at] = b;
  }

  private writeOp(stackAdj: number, op: number): void {
    // The scope pass records nothing here.
    if (this.pass !== Pass.Code) return;
    this.adjustStackSize(stackAdj);
    if (this.suppress) return;
    const at = this.reserveBytes(1);
    this.bytes[at] = op;
  }

  private writeOpUint(stackAdj: number, op: number, v: number): void {
    // The scope pass records nothing here.
    if (this.pass !== Pass.Code) return;
    this.adjustStackSize(stackAdj);
    if (this.suppress) return;
    // Operands are below 2^31: seven bits a byte, most significant first.
    let len = 1;
    for (let t = v >>> 7; t !== 0; t >>>= 7) len++;
    const at = this.reserveBytes(1 + len);
    const bytes = this.bytes;
    bytes[at] = op;
    let k = at + len;
    bytes[k] = v & 0x7f;
    for (let t = v >>> 7; t !== 0; t >>>= 7) bytes[--k] = 0x80 | (t & 0x7f);
  }

  private writeOpQstr(stackAdj: number, op: number, q: string): void {
    this.writeOpUint(stackAdj, op, this.tables.useQstr(q));
  }

  private writeOpInt(stackAdj: number, op: number, num: number): void {
    this.adjustStackSize(stackAdj);
    if (this.suppress || this.pass !== Pass.Code) return;
    // Signed groups of seven bits, least significant first here.
    const groups: number[] = [];
    let sign: number;
    if (num >= -0x80000000 && num <= 0x7fffffff) {
      let v = num | 0;
      do {
        groups.push(v & 0x7f);
        v >>= 7;
      } while (v !== 0 && v !== -1);
      sign = v;
    } else {
      // Wider small ints (63-bit targets).
      let v = BigInt(num);
      do {
        groups.push(Number(v & 0x7fn));
        v >>= 7n;
      } while (v !== 0n && v !== -1n);
      sign = Number(v);
    }
    const topGroup = groups[groups.length - 1];
    if (sign === -1 && (topGroup & 0x40) === 0) groups.push(0x7f);
    else if (sign === 0 && (topGroup & 0x40) !== 0) groups.push(0);
    const at = this.reserveBytes(1 + groups.length);
    const bytes = this.bytes;
    bytes[at] = op;
    let k = at + 1;
    for (let i = groups.length - 1; i > 0; i--) bytes[k++] = groups[i] | 0x80;
    bytes[k] = groups[0];
  }

  private writeJump(
    stackAdj: number,
    op: number,
    label: number,
    extra: number,
  ): void {
    if (this.pass !== Pass.Code) return;
    this.adjustStackSize(stackAdj);
    if (this.suppress) return;
    this.numJumps++;
    this.pushItem(Item.Jump, op, label, extra);
  }

  // --- the emit interface ------------------------------------------------

  /** `import`: IMPORT_NAME, IMPORT_FROM or IMPORT_STAR. */
  import(q: string, kind: ImportKind): void {
    if (kind === ImportKind.Star) this.writeOp(-1, Op.ImportStar);
    else if (kind === ImportKind.Name) this.writeOpQstr(-1, Op.ImportName, q);
    else this.writeOpQstr(1, Op.ImportFrom, q);
  }

  /** None, True, False (or `...` as a constant object). */
  loadConstNone(): void {
    this.writeOp(1, Op.LoadConstNone);
  }

  /**
   * The constant a token leaf stands for (None, True, False, `...`);
   * nothing for a newline; false for any other token.
   */
  loadConstToken(tok: number): boolean {
    switch (tok) {
      case 5: // newline
        return true;
      case 13: // ...
        this.loadConstObj(PY_ELLIPSIS);
        return true;
      case 14: // False
        this.writeOp(1, Op.LoadConstFalse);
        return true;
      case 15: // None
        this.writeOp(1, Op.LoadConstNone);
        return true;
      case 16: // True
        this.writeOp(1, Op.LoadConstTrue);
        return true;
      default:
        return false;
    }
  }

  /** `True` or `False`. */
  loadConstBool(v: boolean): void {
    this.writeOp(1, v ? Op.LoadConstTrue : Op.LoadConstFalse);
  }

  /** A small int (must fit the target's small-int range). */
  loadConstSmallInt(v: number): void {
    if (v >= -16 && v < 48) {
      this.writeOp(1, Op.LoadConstSmallIntMulti + 16 + v);
    } else {
      this.writeOpInt(1, Op.LoadConstSmallInt, v);
    }
  }

  /** An interned string. */
  loadConstStr(q: string): void {
    this.writeOpQstr(1, Op.LoadConstString, q);
  }

  /** A constant object. */
  loadConstObj(o: PyObj): void {
    this.writeOpUint(1, Op.LoadConstObj, this.tables.useObj(o));
  }

  /** The NULL marker. */
  loadNull(): void {
    this.writeOp(1, Op.LoadNull);
  }

  /** A fast local or a cell's content. */
  loadLocal(slot: number, kind: LocalKind): void {
    if (kind === LocalKind.Fast && slot <= 15) {
      this.writeOp(1, Op.LoadFastMulti + slot);
    } else {
      this.writeOpUint(1, Op.LoadFastN + kind, slot);
    }
  }

  /** A name or global. */
  loadGlobal(q: string, kind: GlobalKind): void {
    this.writeOpQstr(1, Op.LoadName + kind, q);
  }

  /** LOAD_METHOD or LOAD_SUPER_METHOD. */
  loadMethod(q: string, isSuper: boolean): void {
    this.writeOpQstr(
      isSuper ? -1 : 1,
      isSuper ? Op.LoadSuperMethod : Op.LoadMethod,
      q,
    );
  }

  /** LOAD_BUILD_CLASS. */
  loadBuildClass(): void {
    this.writeOp(1, Op.LoadBuildClass);
  }

  /** Subscript load, store or delete. */
  subscr(kind: AccessKind): void {
    if (kind === AccessKind.Load) {
      this.writeOp(-1, Op.LoadSubscr);
    } else {
      if (kind === AccessKind.Delete) {
        this.loadNull();
        this.rotThree();
      }
      this.writeOp(-3, Op.StoreSubscr);
    }
  }

  /** Attribute load, store or delete. */
  attr(q: string, kind: AccessKind): void {
    if (kind === AccessKind.Load) {
      this.writeOpQstr(0, Op.LoadAttr, q);
    } else {
      if (kind === AccessKind.Delete) {
        this.loadNull();
        this.rotTwo();
      }
      this.writeOpQstr(-2, Op.StoreAttr, q);
    }
  }

  /** Store into a fast local or a cell. */
  storeLocal(slot: number, kind: LocalKind): void {
    if (kind === LocalKind.Fast && slot <= 15) {
      this.writeOp(-1, Op.StoreFastMulti + slot);
    } else {
      this.writeOpUint(-1, Op.StoreFastN + kind, slot);
    }
  }

  /** Store into a name or global. */
  storeGlobal(q: string, kind: GlobalKind): void {
    this.writeOpQstr(-1, Op.StoreName + kind, q);
  }

  /** Delete a fast local or a cell's content. */
  deleteLocal(slot: number, kind: LocalKind): void {
    this.writeOpUint(0, Op.DeleteFast + kind, slot);
  }

  /** Delete a name or global. */
  deleteGlobal(q: string, kind: GlobalKind): void {
    this.writeOpQstr(0, Op.DeleteName + kind, q);
  }

  /** DUP_TOP. */
  dupTop(): void {
    this.writeOp(1, Op.DupTop);
  }

  /** DUP_TOP_TWO. */
  dupTopTwo(): void {
    this.writeOp(2, Op.DupTopTwo);
  }

  /** POP_TOP. */
  popTop(): void {
    this.writeOp(-1, Op.PopTop);
  }

  /** ROT_TWO. */
  rotTwo(): void {
    this.writeOp(0, Op.RotTwo);
  }

  /** ROT_THREE. */
  rotThree(): void {
    this.writeOp(0, Op.RotThree);
  }

  /** Unconditional jump. */
  jump(label: number): void {
    this.writeJump(0, Op.Jump, label, -1);
    this.suppress = true;
  }

  /** POP_JUMP_IF_TRUE / POP_JUMP_IF_FALSE. */
  popJumpIf(cond: boolean, label: number): void {
    this.writeJump(-1, cond ? Op.PopJumpIfTrue : Op.PopJumpIfFalse, label, -1);
  }

  /** JUMP_IF_TRUE_OR_POP / JUMP_IF_FALSE_OR_POP. */
  jumpIfOrPop(cond: boolean, label: number): void {
    this.writeJump(
      -1,
      cond ? Op.JumpIfTrueOrPop : Op.JumpIfFalseOrPop,
      label,
      -1,
    );
  }

  /** break/continue: a plain jump, or an unwind across handler blocks. */
  unwindJump(label: number, exceptDepth: number): void {
    const fromFor = (label & BREAK_FROM_FOR) !== 0;
    const target = label & ~BREAK_FROM_FOR;
    if (exceptDepth === 0) {
      if (fromFor) {
        // Drop the iterator's 4 slots.
        for (let i = 0; i < 4; i++) this.writeRaw(Op.PopTop);
      }
      this.writeJump(0, Op.Jump, target, -1);
    } else {
      this.writeJump(
        0,
        Op.UnwindJump,
        target,
        (fromFor ? 0x80 : 0) | exceptDepth,
      );
    }
    this.suppress = true;
  }

  /** SETUP_WITH / SETUP_EXCEPT / SETUP_FINALLY. */
  setupBlock(label: number, kind: BlockKind): void {
    this.writeJump(
      kind === BlockKind.With ? 2 : 0,
      Op.SetupWith + kind,
      label,
      -1,
    );
  }

  /** The end of a `with` block: None, the handler label, WITH_CLEANUP. */
  withCleanup(label: number): void {
    this.loadConstNone();
    this.labelAssign(label);
    this.writeOp(2, Op.WithCleanup);
    this.adjustStackSize(-4);
  }

  /** END_FINALLY. */
  endFinally(): void {
    this.writeOp(-1, Op.EndFinally);
  }

  /** GET_ITER or GET_ITER_STACK. */
  getIter(useStack: boolean): void {
    this.writeOp(useStack ? 3 : 0, useStack ? Op.GetIterStack : Op.GetIter);
  }

  /** FOR_ITER. */
  forIter(label: number): void {
    this.writeJump(1, Op.ForIter, label, -1);
  }

  /** After a for loop's exit label: its 4 iterator slots are gone. */
  forIterEnd(): void {
    this.adjustStackSize(-4);
  }

  /** POP_EXCEPT_JUMP. */
  popExceptJump(label: number): void {
    this.writeJump(0, Op.PopExceptJump, label, -1);
    this.suppress = true;
  }

  /** A unary operator. */
  unaryOp(op: UnaryOp): void {
    this.writeOp(0, Op.UnaryOpMulti + op);
  }

  /** A binary operator (`not in`/`is not` add a NOT). */
  binaryOp(op: BinaryOp | ExtraOp): void {
    let invert = false;
    let real = op as number;
    if (op === ExtraOp.NotIn) {
      invert = true;
      real = BinaryOp.In;
    } else if (op === ExtraOp.IsNot) {
      invert = true;
      real = BinaryOp.Is;
    }
    this.writeOp(-1, Op.BinaryOpMulti + real);
    if (invert) this.writeOp(0, Op.UnaryOpMulti + UnaryOp.Not);
  }

  /** BUILD_TUPLE/LIST/MAP/SET/SLICE. */
  build(n: number, kind: BuildKind): void {
    this.writeOpUint(
      kind === BuildKind.Map ? 1 : 1 - n,
      Op.BuildTuple + kind,
      n,
    );
  }

  /** STORE_MAP. */
  storeMap(): void {
    this.writeOp(-2, Op.StoreMap);
  }

  /** STORE_COMP for a list, dict or set comprehension. */
  storeComp(kind: ScopeKind, collectionIndex: number): void {
    let n = 0;
    let t = 0;
    if (kind === ScopeKind.DictComp) {
      n = 1;
      t = 1;
    } else if (kind === ScopeKind.SetComp) {
      t = 2;
    }
    this.writeOpUint(-1 - n, Op.StoreComp, ((collectionIndex + n) << 2) | t);
  }

  /** UNPACK_SEQUENCE. */
  unpackSequence(n: number): void {
    this.writeOpUint(-1 + n, Op.UnpackSequence, n);
  }

  /** UNPACK_EX. */
  unpackEx(left: number, right: number): void {
    this.writeOpUint(left + right, Op.UnpackEx, left | (right << 8));
  }

  private allocChild(scope: Scope): number {
    if (this.pass === Pass.Code) this.children.push(scope);
    return this.childCount++;
  }

  /** MAKE_FUNCTION[_DEFARGS]. */
  makeFunction(scope: Scope, nPosDefaults: number, nKwDefaults: number): void {
    const child = this.allocChild(scope);
    if (nPosDefaults === 0 && nKwDefaults === 0) {
      this.writeOpUint(1, Op.MakeFunction, child);
    } else {
      this.writeOpUint(-1, Op.MakeFunctionDefargs, child);
    }
  }

  /** MAKE_CLOSURE[_DEFARGS] over `nClosed` cells. */
  makeClosure(
    scope: Scope,
    nClosed: number,
    nPosDefaults: number,
    nKwDefaults: number,
  ): void {
    const child = this.allocChild(scope);
    if (nPosDefaults === 0 && nKwDefaults === 0) {
      this.writeOpUint(1 - nClosed, Op.MakeClosure, child);
    } else {
      this.writeOpUint(-1 - nClosed, Op.MakeClosureDefargs, child);
    }
    this.writeRaw(nClosed);
  }

  private call(
    stackAdj: number,
    base: number,
    nPos: number,
    nKw: number,
    starFlags: number,
  ): void {
    if (starFlags) {
      this.writeOpUint(
        stackAdj - nPos - 2 * nKw - 1,
        base + 1,
        (nKw << 8) | nPos,
      );
    } else {
      this.writeOpUint(stackAdj - nPos - 2 * nKw, base, (nKw << 8) | nPos);
    }
  }

  /** CALL_FUNCTION[_VAR_KW]. */
  callFunction(nPos: number, nKw: number, starFlags: number): void {
    this.call(0, Op.CallFunction, nPos, nKw, starFlags);
  }

  /** CALL_METHOD[_VAR_KW]. */
  callMethod(nPos: number, nKw: number, starFlags: number): void {
    this.call(-1, Op.CallMethod, nPos, nKw, starFlags);
  }

  /** RETURN_VALUE. */
  returnValue(): void {
    this.writeOp(-1, Op.ReturnValue);
    this.suppress = true;
  }

  /** RAISE_LAST / RAISE_OBJ / RAISE_FROM. */
  raiseVarargs(nArgs: number): void {
    // 0 - n, not -n: -0 is a heap number, and would make every stack
    // size computed from it one.
    this.writeOp(0 - nArgs, Op.RaiseLast + nArgs);
    this.suppress = true;
  }

  /** YIELD_VALUE (`from` false) or YIELD_FROM; marks the scope a generator. */
  yield(from: boolean): void {
    this.writeOp(from ? -1 : 0, from ? Op.YieldFrom : Op.YieldValue);
    this.scope.scopeFlags |= ScopeFlags.Generator;
  }

  /** Stack room at an except handler: the exception and unwind state. */
  startExceptHandler(): void {
    this.adjustStackSize(4);
  }

  /** Releases the room taken by {@link startExceptHandler}. */
  endExceptHandler(): void {
    this.adjustStackSize(-3);
  }

  /**
   * One layout pass over the record: label offsets, and each jump's size
   * (all long in the first pass, else from the previous pass's labels);
   * sets {@link layoutCodeSize} and {@link layoutLineSize}.
   */
  private layout(
    labels: Int32Array,
    jumpLong: Uint8Array,
    firstPass: boolean,
  ): void {
    const items = this.items;
    const nItems = this.itemsLen;
    let offset = 0;
    let lastLineOffset = 0;
    let lineBytes = 0;
    for (let i = 0; i < nItems; i += 4) {
      switch (items[i]) {
        case Item.Bytes:
          offset += items[i + 2];
          break;
        case Item.Label:
          labels[items[i + 1]] = offset;
          break;
        case Item.Line:
          lineBytes += lineEventBytes(
            null,
            offset - lastLineOffset,
            items[i + 1],
          );
          lastLineOffset = offset;
          break;
        case Item.Jump: {
          let long = 1;
          if (!firstPass) {
            const op = items[i + 1];
            const d = labels[items[i + 2]] - offset - 2;
            if (
              op <= Op.PopJumpIfFalse
                ? (d >= -64 && d <= 63)
                : (d >= 0 && d <= 127)
            ) {
              long = 0;
            }
          }
          jumpLong[i >> 2] = long;
          offset += 2 + long + (items[i + 3] >= 0 ? 1 : 0);
          break;
        }
      }
    }
    this.layoutCodeSize = offset;
    this.layoutLineSize = lineBytes;
  }

  /**
   * Writes the record into `out` from `codeStart`, with the jump sizes and
   * label offsets of the last layout, and the line table into `lineOut`.
   */
  private emitCode(
    out: Uint8Array,
    codeStart: number,
    labels: Int32Array,
    jumpLong: Uint8Array,
    lineOut: number[],
  ): void {
    const items = this.items;
    const nItems = this.itemsLen;
    const bytes = this.bytes;
    let k = codeStart;
    let offset = 0;
    let lastLineOffset = 0;
    for (let i = 0; i < nItems; i += 4) {
      switch (items[i]) {
        case Item.Bytes: {
          // Most runs are a few bytes: copied without making a subarray.
          const start = items[i + 1];
          const len = items[i + 2];
          if (len > 16) out.set(bytes.subarray(start, start + len), k);
          else for (let j = 0; j < len; j++) out[k + j] = bytes[start + j];
          k += len;
          offset += len;
          break;
        }
        case Item.Label:
          break;
        case Item.Line:
          lineEventBytes(lineOut, offset - lastLineOffset, items[i + 1]);
          lastLineOffset = offset;
          break;
        case Item.Jump: {
          const op = items[i + 1];
          const isSigned = op <= Op.PopJumpIfFalse;
          let d = labels[items[i + 2]] - offset - 2;
          out[k++] = op;
          if (jumpLong[i >> 2] === 0) {
            out[k++] = isSigned ? d + 0x40 : d;
            offset += 2;
          } else {
            d -= 1;
            if (isSigned) d += 0x4000;
            if (d < 0 || d > 0x7fff) {
              throw new AssembleError("bytecode overflow");
            }
            out[k++] = 0x80 | (d & 0x7f);
            out[k++] = d >> 7;
            offset += 3;
          }
          if (items[i + 3] >= 0) {
            out[k++] = items[i + 3];
            offset += 1;
          }
          break;
        }
      }
    }
  }

  /** Assembles the recorded code of the current scope (after the code pass). */
  assemble(): Assembled {
    const scope = this.scope;
    const tables = this.tables;
    const nameBytes: number[] = [];
    pushVaruint(nameBytes, tables.useQstr(scope.simpleName));
    const argNames: number[] = [];
    const names = this.argNameQstrs();
    for (let i = 0; i < names.length; i++) {
      const q = tables.useQstr(names[i]);
      argNames.push(q);
      pushVaruint(nameBytes, q);
    }
    const cells: number[] = [];
    const ids = scope.ids;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i].kind === IdKind.Cell) cells.push(ids[i].localNum);
    }
    let nState = scope.numLocals + scope.stackSize;
    if (nState === 0) nState = 1;
    const sig = encodeSignature(
      nState,
      scope.excStackSize,
      scope.scopeFlags,
      scope.numPosArgs,
      scope.numKwonlyArgs,
      scope.numDefPosArgs,
    );

    // Scratch tables, kept between scopes.
    if (this.labels.length < this.numLabels) {
      this.labels = new Int32Array(
        Math.max(this.numLabels, 2 * this.labels.length),
      );
    }
    if (this.jumpLong.length < this.itemsLen >> 2) {
      this.jumpLong = new Uint8Array(
        Math.max(this.itemsLen >> 2, 2 * this.jumpLong.length),
      );
    }
    const labels = this.labels;
    const jumpLong = this.jumpLong;
    labels.fill(0, 0, this.numLabels);

    // The code pass (all jumps long), then the size pass, then emit passes
    // until the code and code-info sizes stop changing. Without jumps every
    // pass gives the same layout.
    this.layout(labels, jumpLong, true);
    let bcSize = this.layoutCodeSize;
    let lineSize = this.layoutLineSize;
    let nInfo = nameBytes.length + lineSize;
    // The n_info the prelude's size field holds: that of the pass before.
    let sizeNInfo = nInfo;
    if (this.numJumps !== 0) {
      let prevTotal = -1;
      let prevBc = -1;
      for (let passNo = 3;; passNo++) {
        sizeNInfo = nInfo;
        this.layout(labels, jumpLong, false);
        bcSize = this.layoutCodeSize;
        lineSize = this.layoutLineSize;
        const newNInfo = nameBytes.length + lineSize;
        const total = sig.length + sizeLength(sizeNInfo, cells.length) +
          newNInfo + cells.length;
        if (passNo >= 4 && total === prevTotal && bcSize === prevBc) {
          nInfo = newNInfo;
          break;
        }
        prevTotal = total;
        prevBc = bcSize;
        nInfo = newNInfo;
      }
    }

    // Final bytes, from the last layout (jump sizes and label offsets).
    const sizeBytes = encodeSize(sizeNInfo, cells.length);
    const lineInfoStart = sig.length + sizeBytes.length + nameBytes.length;
    const lineInfoEnd = lineInfoStart + lineSize;
    const codeStart = lineInfoEnd + cells.length;
    const out = new Uint8Array(codeStart + bcSize);
    copyInto(out, sig, 0);
    copyInto(out, sizeBytes, sig.length);
    copyInto(out, nameBytes, sig.length + sizeBytes.length);
    copyInto(out, cells, lineInfoEnd);
    const lineOut: number[] = [];
    this.emitCode(out, codeStart, labels, jumpLong, lineOut);
    copyInto(out, lineOut, lineInfoStart);
    return {
      funData: out,
      codeStart,
      lineInfoStart,
      lineInfoEnd,
      argNames,
      cells,
    };
  }
}

// The buffers an emitter replaces as they grow are marked as written after
// construction before any code is optimised (met later, that deoptimises
// every function that has used them).
function settleEmitterShape(): void {
  const e = new Emitter(new ModuleTables(""), false);
  e["bytes"] = new Uint8Array(256);
  e["items"] = new Int32Array(256);
  e["labels"] = new Int32Array(64);
  e["jumpLong"] = new Uint8Array(256);
}
settleEmitterShape();
