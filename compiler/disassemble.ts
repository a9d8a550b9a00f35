/**
 * A readable listing of a compiled module: header, qstr and constant tables,
 * then every raw code with its prelude and instructions. The same form is
 * printed for upy's and mpy-cross's `.mpy` files so that a `diff` of the two
 * listings shows what differs.
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
import {
  BINARY_OP_NAMES,
  OPCODES,
  OperandKind,
  UNARY_OP_NAMES,
} from "./opcodes.ts";
import { STATIC_QSTRS } from "./qstr_static.ts";

/** One decoded instruction of a raw code. */
export interface Instruction {
  /** Bytecode offset (from the first opcode). */
  offset: number;
  /** Length in bytes, operands included. */
  length: number;
  /** The opcode byte. */
  opcode: number;
  /** Mnemonic, e.g. `LOAD_FAST_N`, `LOAD_CONST_SMALL_INT`, `BINARY_OP`. */
  name: string;
  /** Decoded operand text (qstr text, constant repr, target…); empty if none. */
  operand: string;
  /** Source line of the instruction per the line table. */
  line: number;
}

const STATIC_INDEX: Map<string, number> = new Map(
  STATIC_QSTRS.map((s, i) => [s, i] as [string, number]).slice(1),
);

/** Python-style repr of a str. */
export function reprStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c === 0x7f) {
      out += "\\x" + c.toString(16).padStart(2, "0");
    } else out += ch;
  }
  return out + quote;
}

/** Python-style repr of a bytes value. */
export function reprBytes(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 0x27) hasSingle = true;
    if (c === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = "b" + String.fromCharCode(quote);
  for (const c of b) {
    if (c === quote || c === 0x5c) out += "\\" + String.fromCharCode(c);
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c >= 0x7f) {
      out += "\\x" + c.toString(16).padStart(2, "0");
    } else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(quote);
}

/** Python-style repr of a constant-table entry. */
export function reprConst(o: ConstObject): string {
  switch (o.kind) {
    case ConstKind.FunTable:
      return "<fun_table>";
    case ConstKind.None:
      return "None";
    case ConstKind.False:
      return "False";
    case ConstKind.True:
      return "True";
    case ConstKind.Ellipsis:
      return "Ellipsis";
    case ConstKind.Str:
      return reprStr(o.value);
    case ConstKind.Bytes:
      return reprBytes(o.value);
    case ConstKind.Int:
      return o.value.toString();
    case ConstKind.Float:
      return o.text;
    case ConstKind.Complex:
      return o.text;
    case ConstKind.Tuple: {
      const items = o.items.map(reprConst);
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
  }
}

function constKindName(o: ConstObject): string {
  switch (o.kind) {
    case ConstKind.FunTable:
      return "fun_table";
    case ConstKind.None:
    case ConstKind.False:
    case ConstKind.True:
      return "const";
    case ConstKind.Ellipsis:
      return "ellipsis";
    case ConstKind.Str:
      return "str";
    case ConstKind.Bytes:
      return "bytes";
    case ConstKind.Int:
      return "int";
    case ConstKind.Float:
      return "float";
    case ConstKind.Complex:
      return "complex";
    case ConstKind.Tuple:
      return "tuple";
  }
}

/** Names of the scope flags set in `flags`, joined with `|`, or `0`. */
export function scopeFlagNames(flags: number): string {
  const names: string[] = [];
  if (flags & ScopeFlag.Generator) names.push("GENERATOR");
  if (flags & ScopeFlag.VarKeywords) names.push("VARKEYWORDS");
  if (flags & ScopeFlag.VarArgs) names.push("VARARGS");
  if (flags & ScopeFlag.DefKwArgs) names.push("DEFKWARGS");
  const rest = flags & ~0x0f;
  if (rest) names.push("0x" + rest.toString(16));
  return names.length === 0 ? "0" : names.join("|");
}

/** Decodes the line-number table into (offset, line) pairs, one per entry. */
export function decodeLineTable(code: RawCode): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const data = code.funData;
  let pos = code.lineInfoStart;
  let offset = 0;
  let line = 1;
  while (pos < code.lineInfoEnd) {
    const c = data[pos];
    let b: number;
    let l: number;
    if ((c & 0x80) === 0) {
      b = c & 0x1f;
      l = c >> 5;
      pos += 1;
    } else {
      b = c & 0x0f;
      l = ((c & 0x70) << 4) | (data[pos + 1] ?? 0);
      pos += 2;
    }
    offset += b;
    line += l;
    out.push([offset, line]);
  }
  return out;
}

function lineAt(table: Array<[number, number]>, offset: number): number {
  let line = 1;
  for (const [o, l] of table) {
    if (o <= offset) line = l;
    else break;
  }
  return line;
}

function qstrText(m: CompiledModule, i: number): string {
  const s = m.qstrs[i];
  return s === undefined ? `<qstr ${i}?>` : s;
}

/** Decodes every instruction of a bytecode raw code. */
export function decodeInstructions(
  m: CompiledModule,
  code: RawCode,
): Instruction[] {
  const out: Instruction[] = [];
  const data = code.funData;
  const table = decodeLineTable(code);
  let ip = code.codeStart;
  const end = data.length;
  while (ip < end) {
    const start = ip;
    const op = data[ip++];
    const info = OPCODES[op];
    let name = info.name;
    let operand = "";
    const readUint = (): number => {
      let v = 0;
      for (;;) {
        const b = data[ip++] ?? 0;
        v = v * 128 + (b & 0x7f);
        if ((b & 0x80) === 0 || ip >= end) return v;
      }
    };
    if (!info.valid) {
      name = `INVALID_0x${op.toString(16)}`;
    } else if (op >= 0x70 && op < 0xb0) {
      name = "LOAD_CONST_SMALL_INT";
      operand = String(op - 0x80);
    } else if (op >= 0xb0 && op < 0xc0) {
      name = "LOAD_FAST";
      operand = String(op - 0xb0);
    } else if (op >= 0xc0 && op < 0xd0) {
      name = "STORE_FAST";
      operand = String(op - 0xc0);
    } else if (op >= 0xd0 && op < 0xd7) {
      name = "UNARY_OP";
      operand = `${op - 0xd0} ${UNARY_OP_NAMES[op - 0xd0]}`;
    } else if (op >= 0xd7 && op < 0xfa) {
      name = "BINARY_OP";
      operand = `${op - 0xd7} ${BINARY_OP_NAMES[op - 0xd7]}`;
    } else {
      switch (info.operand) {
        case OperandKind.None:
          break;
        case OperandKind.Qstr: {
          const q = readUint();
          operand = `${q} ${reprStr(qstrText(m, q))}`;
          break;
        }
        case OperandKind.Obj: {
          const o = readUint();
          const obj = m.objs[o];
          operand = `${o} ${obj === undefined ? "?" : reprConst(obj)}`;
          break;
        }
        case OperandKind.Child: {
          const c = readUint();
          const child = code.children[c];
          const cname = child === undefined
            ? "?"
            : qstrText(m, child.simpleName);
          operand = `${c} ${cname}`;
          break;
        }
        case OperandKind.Uint: {
          const u = readUint();
          operand = describeUint(op, u);
          break;
        }
        case OperandKind.Sint: {
          let b = data[ip] ?? 0;
          let v = (b & 0x40) ? -1n : 0n;
          for (;;) {
            b = data[ip++] ?? 0;
            v = (v << 7n) | BigInt(b & 0x7f);
            if ((b & 0x80) === 0 || ip >= end) break;
          }
          operand = v.toString();
          break;
        }
        case OperandKind.JumpSigned:
        case OperandKind.JumpUnsigned: {
          let off = data[ip++] ?? 0;
          let long = false;
          if (off & 0x80) {
            off = (off & 0x7f) | ((data[ip++] ?? 0) << 7);
            if (info.operand === OperandKind.JumpSigned) off -= 0x4000;
            long = true;
          } else if (info.operand === OperandKind.JumpSigned) {
            off -= 0x40;
          }
          const target = ip - code.codeStart + off;
          operand = `${off} -> ${target}${long ? " (long)" : ""}`;
          break;
        }
      }
      if (info.extraByte) {
        const extra = data[ip++] ?? 0;
        if (op === 0x40) {
          operand += ` unwind=${extra & 0x7f}${
            extra & 0x80 ? " pop_iter" : ""
          }`;
        } else {
          operand += ` n_closed=${extra}`;
        }
      }
    }
    const offset = start - code.codeStart;
    out.push({
      offset,
      length: ip - start,
      opcode: op,
      name,
      operand,
      line: lineAt(table, offset),
    });
  }
  return out;
}

function describeUint(op: number, u: number): string {
  switch (op) {
    case 0x34:
    case 0x35:
    case 0x36:
    case 0x37:
      return `${u} (n_pos=${u & 0xff} n_kw=${(u >> 8) & 0xff})`;
    case 0x31:
      return `${u} (before=${u & 0xff} after=${u >> 8})`;
    case 0x2f: {
      const kinds = ["list", "dict", "set", "?"];
      return `${u} (${kinds[u & 3]} depth=${u >> 2})`;
    }
    default:
      return String(u);
  }
}

/** Text of a raw code's prelude fields, one per line, indented. */
export function describePrelude(
  m: CompiledModule,
  code: RawCode,
  options: { indent?: string } = {},
): string[] {
  const indent = options.indent ?? "";
  const lines: string[] = [];
  lines.push(
    `${indent}n_state=${code.nState} n_exc_stack=${code.nExcStack} ` +
      `flags=${scopeFlagNames(code.scopeFlags)} n_pos_args=${code.nPosArgs} ` +
      `n_kwonly_args=${code.nKwonlyArgs} n_def_pos_args=${code.nDefPosArgs}`,
  );
  lines.push(
    `${indent}args: [${code.argNames.map((q) => qstrText(m, q)).join(", ")}]`,
  );
  lines.push(`${indent}cells: [${code.cells.join(", ")}]`);
  const table = decodeLineTable(code);
  lines.push(
    `${indent}lines: [${table.map(([o, l]) => `${o}:${l}`).join(" ")}]`,
  );
  lines.push(
    `${indent}children: [${
      code.children.map((c) => qstrText(m, c.simpleName)).join(", ")
    }]`,
  );
  return lines;
}

/** One instruction as a listing line. */
export function formatInstruction(ins: Instruction, indent: string): string {
  const head = `${indent}${String(ins.offset).padStart(5)}  ${ins.name}`;
  const body = ins.operand === "" ? head : `${head} ${ins.operand}`;
  return `${body.padEnd(indent.length + 48)}  line ${ins.line}`;
}

function kindName(kind: CodeKind): string {
  switch (kind) {
    case CodeKind.Bytecode:
      return "bytecode";
    case CodeKind.Native:
      return "native";
    case CodeKind.Viper:
      return "viper";
    case CodeKind.Asm:
      return "asm";
  }
}

function listRawCode(
  m: CompiledModule,
  code: RawCode,
  depth: number,
  path: string,
  out: string[],
): void {
  const indent = "  ".repeat(depth);
  const note = code.decorator === undefined
    ? ""
    : `  ; @micropython.${code.decorator} compiled as bytecode`;
  out.push(
    `${indent}raw code ${path} ${reprStr(qstrText(m, code.simpleName))} (${
      kindName(code.kind)
    }, ${code.funData.length} bytes)${note}`,
  );
  const inner = indent + "  ";
  out.push(...describePrelude(m, code, { indent: inner }));
  if (code.kind === CodeKind.Bytecode) {
    for (const ins of decodeInstructions(m, code)) {
      out.push(formatInstruction(ins, inner));
    }
  }
  code.children.forEach((child, i) => {
    listRawCode(m, child, depth + 1, `${path}.${i}`, out);
  });
}

/** Header line and qstr/constant tables of a module. */
export function describeTables(m: CompiledModule): string[] {
  const out: string[] = [];
  const feature = m.arch === 0 ? 0 : (3 | (m.arch << 2));
  out.push(
    `mpy v6.3 feature=0x${feature.toString(16).padStart(2, "0")} ` +
      `arch=${m.arch} small-int-bits=${m.smallIntBits}`,
  );
  out.push(`qstrs[${m.qstrs.length}]:`);
  m.qstrs.forEach((q, i) => {
    const st = STATIC_INDEX.get(q);
    out.push(
      `  ${String(i).padStart(4)}: ${reprStr(q)}${
        st !== undefined ? ` (static ${st})` : ""
      }`,
    );
  });
  out.push(`objs[${m.objs.length}]:`);
  m.objs.forEach((o, i) => {
    out.push(`  ${String(i).padStart(4)}: ${constKindName(o)} ${reprConst(o)}`);
  });
  return out;
}

/** A full listing of `module`, ending with a newline. */
export function disassemble(module: CompiledModule): string {
  const out = describeTables(module);
  listRawCode(module, module.root, 0, "0", out);
  return out.join("\n") + "\n";
}
