/**
 * The raw code tree: the one representation between the compiler and the VM.
 *
 * It mirrors what a `.mpy` v6.3 file holds (see the .mpy specification): one
 * qstr table and one constant table per file, and a tree of raw codes whose
 * bytecode indexes both. The compiler produces it, the `.mpy` reader produces
 * it, the `.mpy` writer and the VM consume it.
 *
 * @module
 */

/** Kind of a raw code, as numbered in the `.mpy` file. */
export const enum CodeKind {
  Bytecode = 0,
  Native = 1,
  Viper = 2,
  Asm = 3,
}

/** Scope flags stored in a bytecode prelude. */
export const enum ScopeFlag {
  Generator = 0x01,
  VarKeywords = 0x02,
  VarArgs = 0x04,
  DefKwArgs = 0x08,
}

/** Tag of an entry in the constant-object table. */
export const enum ConstKind {
  FunTable = 0,
  None = 1,
  False = 2,
  True = 3,
  Ellipsis = 4,
  Str = 5,
  Bytes = 6,
  Int = 7,
  Float = 8,
  Complex = 9,
  Tuple = 10,
}

/**
 * A constant from the object table. Numbers keep their exact source form:
 * ints as `bigint`, floats and complex numbers as MicroPython's repr text, so
 * that a writer reproduces the same bytes and a VM parses them with its own
 * float rules.
 */
export type ConstObject =
  | { readonly kind: ConstKind.FunTable }
  | { readonly kind: ConstKind.None }
  | { readonly kind: ConstKind.False }
  | { readonly kind: ConstKind.True }
  | { readonly kind: ConstKind.Ellipsis }
  | { readonly kind: ConstKind.Str; readonly value: string }
  | { readonly kind: ConstKind.Bytes; readonly value: Uint8Array }
  | { readonly kind: ConstKind.Int; readonly value: bigint }
  | { readonly kind: ConstKind.Float; readonly text: string }
  | { readonly kind: ConstKind.Complex; readonly text: string }
  | { readonly kind: ConstKind.Tuple; readonly items: readonly ConstObject[] };

/** The fields of a bytecode prelude's signature. */
export interface Signature {
  /** Local slots plus the maximum value-stack depth (at least 1). */
  nState: number;
  /** Maximum nesting of exception-handler blocks. */
  nExcStack: number;
  /** Bitwise OR of {@link ScopeFlag} values. */
  scopeFlags: number;
  /** Positional parameters, including closure cells passed in front. */
  nPosArgs: number;
  /** Keyword-only parameters. */
  nKwonlyArgs: number;
  /** Positional parameters that have defaults. */
  nDefPosArgs: number;
}

/** One compiled code object: module body, function, lambda, class body or comprehension. */
export interface RawCode extends Signature {
  kind: CodeKind;
  /**
   * The whole `fun_data` as stored in the file: prelude, source info,
   * closure info, then the opcodes starting at {@link codeStart}.
   */
  funData: Uint8Array;
  /** Offset in {@link funData} of the first opcode; bytecode offsets count from here. */
  codeStart: number;
  /** qstr-table index of the code's simple name (`<module>`, `f`, `<lambda>`, …). */
  simpleName: number;
  /** qstr-table indices of the parameter names, in slot order. */
  argNames: number[];
  /** Offset in {@link funData} of the line-number table. */
  lineInfoStart: number;
  /** Offset in {@link funData} one past the line-number table. */
  lineInfoEnd: number;
  /** Local slot numbers that become cells after argument binding. */
  cells: number[];
  /** Child raw codes, indexed by MAKE_FUNCTION/MAKE_CLOSURE operands. */
  children: RawCode[];
  /** For native kinds: offset of the prelude inside the machine code. */
  preludeOffset: number;
  /**
   * Set by the compiler when the function carried `@micropython.native` or
   * `@micropython.viper`: it is still compiled as bytecode, this only records
   * the request (a `.mpy` file cannot carry it).
   */
  decorator?: "native" | "viper";
}

/** A whole compilation unit: what one `.mpy` file holds. */
export interface CompiledModule {
  /** Number of bits of a small int the file was compiled for (31 by default). */
  smallIntBits: number;
  /** Feature byte's native architecture (0 for bytecode-only files). */
  arch: number;
  /** The qstr table; entry 0 is the source file name. */
  qstrs: string[];
  /** The constant-object table. */
  objs: ConstObject[];
  /** The module body; every other raw code is below it. */
  root: RawCode;
}

/** Line number of the instruction at bytecode offset `offset` (counted from the first opcode). */
export function lineForOffset(code: RawCode, offset: number): number {
  const data = code.funData;
  let line = 1;
  let pos = code.lineInfoStart;
  while (pos < code.lineInfoEnd) {
    let b: number;
    let l: number;
    const c = data[pos];
    if ((c & 0x80) === 0) {
      b = c & 0x1f;
      l = c >> 5;
      pos += 1;
    } else {
      b = c & 0x0f;
      l = ((c & 0x70) << 4) | data[pos + 1];
      pos += 2;
    }
    if (offset >= b) {
      offset -= b;
      line += l;
    } else {
      break;
    }
  }
  return line;
}
