/**
 * Reads a `.mpy` v6.3 file into a raw code tree, checking every field so that
 * no malformed file can reach the VM: any defect raises {@link MpyFormatError}.
 *
 * @module
 */

import {
  CodeKind,
  type CompiledModule,
  ConstKind,
  type ConstObject,
  type RawCode,
  ScopeFlag,
} from "./raw_code.ts";
import { LAST_STATIC_QSTR, STATIC_QSTRS } from "./qstr_static.ts";
import { OPCODES, OperandKind } from "./opcodes.ts";

/** The `.mpy` major version read and written. */
export const MPY_VERSION = 6;
/** The `.mpy` sub-version read and written. */
export const MPY_SUB_VERSION = 3;

/** A `.mpy` file that cannot be loaded; the VM reports it as `ValueError`. */
export class MpyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MpyFormatError";
  }
}

/** Options for {@link readMpy}. */
export interface ReadMpyOptions {
  /** Largest small-int width the runtime accepts (31 on a 32-bit port). */
  maxSmallIntBits?: number;
}

// Bounds the reader's recursion; above what the compiler emits (at most 1000
// nested scopes, constant tuples 100 deep), which MicroPython loads too.
const MAX_NESTING = 1024;

class Reader {
  pos = 0;
  constructor(readonly data: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.data.length) {
      throw new MpyFormatError("incompatible .mpy file");
    }
    return this.data[this.pos++];
  }

  uint(): number {
    let v = 0;
    for (let i = 0;; i++) {
      const b = this.byte();
      v = v * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
      if (i >= 4) throw new MpyFormatError("incompatible .mpy file");
    }
    return v;
  }

  bytes(n: number): Uint8Array {
    if (n > this.data.length - this.pos) {
      throw new MpyFormatError("incompatible .mpy file");
    }
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new MpyFormatError("incompatible .mpy file");
  }
}

function readQstr(r: Reader): string {
  const h = r.uint();
  if (h & 1) {
    const n = h >> 1;
    if (n < 1 || n > LAST_STATIC_QSTR) {
      throw new MpyFormatError("incompatible .mpy file");
    }
    return STATIC_QSTRS[n];
  }
  const text = decodeUtf8(r.bytes(h >>> 1));
  if (r.byte() !== 0) throw new MpyFormatError("incompatible .mpy file");
  return text;
}

const NUMBER_TEXT = /^[-+]?[0-9a-zA-Z.+\-]*j?$/;

function readConst(r: Reader, depth: number): ConstObject {
  const tag = r.byte();
  switch (tag) {
    case ConstKind.FunTable:
      return { kind: ConstKind.FunTable };
    case ConstKind.None:
      return { kind: ConstKind.None };
    case ConstKind.False:
      return { kind: ConstKind.False };
    case ConstKind.True:
      return { kind: ConstKind.True };
    case ConstKind.Ellipsis:
      return { kind: ConstKind.Ellipsis };
    case ConstKind.Str: {
      const value = decodeUtf8(r.bytes(r.uint()));
      if (r.byte() !== 0) throw new MpyFormatError("incompatible .mpy file");
      return { kind: ConstKind.Str, value };
    }
    case ConstKind.Bytes: {
      const value = r.bytes(r.uint()).slice();
      if (r.byte() !== 0) throw new MpyFormatError("incompatible .mpy file");
      return { kind: ConstKind.Bytes, value };
    }
    case ConstKind.Int: {
      const text = decodeUtf8(r.bytes(r.uint()));
      if (!/^-?[0-9]+$/.test(text)) {
        throw new MpyFormatError("incompatible .mpy file");
      }
      return { kind: ConstKind.Int, value: BigInt(text) };
    }
    case ConstKind.Float:
    case ConstKind.Complex: {
      const text = decodeUtf8(r.bytes(r.uint()));
      if (!NUMBER_TEXT.test(text) || text.length === 0) {
        throw new MpyFormatError("incompatible .mpy file");
      }
      return tag === ConstKind.Float
        ? { kind: ConstKind.Float, text }
        : { kind: ConstKind.Complex, text };
    }
    case ConstKind.Tuple: {
      if (depth > MAX_NESTING) {
        throw new MpyFormatError("incompatible .mpy file");
      }
      const n = r.uint();
      const items: ConstObject[] = [];
      for (let i = 0; i < n; i++) items.push(readConst(r, depth + 1));
      return { kind: ConstKind.Tuple, items };
    }
    default:
      throw new MpyFormatError("incompatible .mpy file");
  }
}

/** Decodes a prelude signature at `pos`; returns the fields and the next position. */
export function decodeSignature(
  data: Uint8Array,
  pos: number,
): {
  nState: number;
  nExcStack: number;
  scopeFlags: number;
  nPosArgs: number;
  nKwonlyArgs: number;
  nDefPosArgs: number;
  next: number;
} {
  const at = (): number => {
    if (pos >= data.length) throw new MpyFormatError("incompatible .mpy file");
    return data[pos++];
  };
  let z = at();
  let s = (z >> 3) & 0xf;
  let e = (z >> 2) & 0x1;
  let f = 0;
  let a = z & 0x3;
  let k = 0;
  let d = 0;
  let n = 0;
  while (z & 0x80) {
    if (n > 8) throw new MpyFormatError("incompatible .mpy file");
    z = at();
    s |= (z & 0x30) << (2 * n);
    e |= (z & 0x02) << n;
    f |= ((z & 0x40) >> 6) << n;
    a |= (z & 0x04) << n;
    k |= (z & 0x08) >> 3 << n;
    d |= (z & 0x01) << n;
    n++;
  }
  return {
    nState: s + 1,
    nExcStack: e,
    scopeFlags: f,
    nPosArgs: a,
    nKwonlyArgs: k,
    nDefPosArgs: d,
    next: pos,
  };
}

/** Decodes a prelude size field at `pos`. */
export function decodeSize(
  data: Uint8Array,
  pos: number,
): { nInfo: number; nCell: number; next: number } {
  let nInfo = 0;
  let nCell = 0;
  let n = 0;
  for (;;) {
    if (pos >= data.length || n > 5) {
      throw new MpyFormatError("incompatible .mpy file");
    }
    const z = data[pos++];
    nInfo |= ((z & 0x7e) >> 1) << (6 * n);
    nCell |= (z & 1) << n;
    n++;
    if ((z & 0x80) === 0) break;
  }
  return { nInfo, nCell, next: pos };
}

function readVaruintAt(
  data: Uint8Array,
  pos: number,
  end: number,
): [number, number] {
  let v = 0;
  for (let i = 0;; i++) {
    if (pos >= end || i > 4) throw new MpyFormatError("incompatible .mpy file");
    const b = data[pos++];
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return [v, pos];
  }
}

function readRawCode(
  r: Reader,
  nQstr: number,
  nObj: number,
  depth: number,
): RawCode {
  if (depth > MAX_NESTING) throw new MpyFormatError("incompatible .mpy file");
  const kindLen = r.uint();
  const kind = kindLen & 3;
  const hasChildren = (kindLen & 4) !== 0;
  const funData = r.bytes(Math.floor(kindLen / 8)).slice();
  if (kind !== CodeKind.Bytecode) {
    // Machine code cannot run on a simulated board.
    throw new MpyFormatError("incompatible .mpy arch");
  }
  const children: RawCode[] = [];
  if (hasChildren) {
    const n = r.uint();
    for (let i = 0; i < n; i++) {
      children.push(readRawCode(r, nQstr, nObj, depth + 1));
    }
  }
  const sig = decodeSignature(funData, 0);
  const size = decodeSize(funData, sig.next);
  const infoStart = size.next;
  const infoEnd = infoStart + size.nInfo;
  const cellsEnd = infoEnd + size.nCell;
  if (cellsEnd > funData.length) {
    throw new MpyFormatError("incompatible .mpy file");
  }
  let pos = infoStart;
  let simpleName: number;
  [simpleName, pos] = readVaruintAt(funData, pos, infoEnd);
  if (simpleName >= nQstr) throw new MpyFormatError("incompatible .mpy file");
  const argNames: number[] = [];
  for (let i = 0; i < sig.nPosArgs + sig.nKwonlyArgs; i++) {
    let q: number;
    [q, pos] = readVaruintAt(funData, pos, infoEnd);
    if (q >= nQstr) throw new MpyFormatError("incompatible .mpy file");
    argNames.push(q);
  }
  const cells: number[] = [];
  for (let i = infoEnd; i < cellsEnd; i++) {
    if (funData[i] >= sig.nState) {
      throw new MpyFormatError("incompatible .mpy file");
    }
    cells.push(funData[i]);
  }
  const code: RawCode = {
    kind,
    nState: sig.nState,
    nExcStack: sig.nExcStack,
    scopeFlags: sig.scopeFlags,
    nPosArgs: sig.nPosArgs,
    nKwonlyArgs: sig.nKwonlyArgs,
    nDefPosArgs: sig.nDefPosArgs,
    funData,
    codeStart: cellsEnd,
    simpleName,
    argNames,
    lineInfoStart: pos,
    lineInfoEnd: infoEnd,
    cells,
    children,
    preludeOffset: 0,
  };
  const extraSlots = ((sig.scopeFlags & ScopeFlag.VarArgs) ? 1 : 0) +
    ((sig.scopeFlags & ScopeFlag.VarKeywords) ? 1 : 0);
  if (
    sig.nDefPosArgs > sig.nPosArgs ||
    sig.nPosArgs + sig.nKwonlyArgs + extraSlots > sig.nState
  ) {
    throw new MpyFormatError("incompatible .mpy file");
  }
  validateBytecode(code, nQstr, nObj);
  return code;
}

/**
 * Walks every instruction of a raw code and checks that it decodes, that its
 * operands index existing table entries, slots and children, and that every
 * jump lands on an instruction boundary inside the code.
 */
export function validateBytecode(
  code: RawCode,
  nQstr: number,
  nObj: number,
): void {
  const data = code.funData;
  const start = code.codeStart;
  const end = data.length;
  const boundaries = new Uint8Array(end - start + 1);
  const targets: number[] = [];
  let ip = start;
  const bad = (): never => {
    throw new MpyFormatError("incompatible .mpy file");
  };
  while (ip < end) {
    boundaries[ip - start] = 1;
    const op = data[ip++];
    const info = OPCODES[op];
    if (!info.valid) bad();
    let operand = 0;
    switch (info.operand) {
      case OperandKind.None:
        break;
      case OperandKind.Qstr:
      case OperandKind.Uint:
      case OperandKind.Obj:
      case OperandKind.Child:
        [operand, ip] = readVaruintAt(data, ip, end);
        break;
      case OperandKind.Sint: {
        let n = 0;
        for (;;) {
          if (ip >= end || n > 9) bad();
          const b = data[ip++];
          n++;
          if ((b & 0x80) === 0) break;
        }
        break;
      }
      case OperandKind.JumpSigned:
      case OperandKind.JumpUnsigned: {
        if (ip >= end) bad();
        let off = data[ip++];
        if (off & 0x80) {
          if (ip >= end) bad();
          off = (off & 0x7f) | (data[ip++] << 7);
          if (info.operand === OperandKind.JumpSigned) off -= 0x4000;
        } else if (info.operand === OperandKind.JumpSigned) {
          off -= 0x40;
        }
        targets.push(ip + off);
        break;
      }
    }
    if (info.operand === OperandKind.Qstr && operand >= nQstr) bad();
    if (info.operand === OperandKind.Obj && operand >= nObj) bad();
    if (info.operand === OperandKind.Child && operand >= code.children.length) {
      bad();
    }
    if (info.extraByte) {
      if (ip >= end) bad();
      ip++;
    }
  }
  if (ip !== end) bad();
  boundaries[end - start] = 1;
  for (const t of targets) {
    if (t < start || t > end || boundaries[t - start] === 0) bad();
  }
}

/** Parses a `.mpy` file; throws {@link MpyFormatError} for anything malformed. */
export function readMpy(
  data: Uint8Array,
  options: ReadMpyOptions = {},
): CompiledModule {
  const maxBits = options.maxSmallIntBits ?? 31;
  const r = new Reader(data);
  if (data.length < 4 || r.byte() !== 0x4d || r.byte() !== MPY_VERSION) {
    throw new MpyFormatError("incompatible .mpy file");
  }
  const feature = r.byte();
  const smallIntBits = r.byte();
  const arch = (feature >> 2) & 0x0f;
  if (
    (feature & 0x80) !== 0 ||
    (arch !== 0 && (feature & 3) !== MPY_SUB_VERSION) ||
    smallIntBits > maxBits
  ) {
    throw new MpyFormatError("incompatible .mpy file");
  }
  if (arch !== 0) throw new MpyFormatError("incompatible .mpy arch");
  if (feature & 0x40) r.uint();
  const nQstr = r.uint();
  const nObj = r.uint();
  if (nQstr > data.length || nObj > data.length) {
    throw new MpyFormatError("incompatible .mpy file");
  }
  const qstrs: string[] = [];
  for (let i = 0; i < nQstr; i++) qstrs.push(readQstr(r));
  const objs: ConstObject[] = [];
  for (let i = 0; i < nObj; i++) objs.push(readConst(r, 0));
  const root = readRawCode(r, nQstr, nObj, 0);
  if (nQstr === 0) throw new MpyFormatError("incompatible .mpy file");
  return { smallIntBits, arch, qstrs, objs, root };
}
