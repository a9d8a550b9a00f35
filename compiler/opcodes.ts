/**
 * MicroPython's bytecode instruction set (`py/bc0.h`) and the operator
 * numbering of `py/runtime0.h`, with the operand format of every opcode.
 *
 * @module
 */

/** Opcode byte values. Multi-opcode ranges are given by their first value. */
export const enum Op {
  LoadConstString = 0x10,
  LoadName = 0x11,
  LoadGlobal = 0x12,
  LoadAttr = 0x13,
  LoadMethod = 0x14,
  LoadSuperMethod = 0x15,
  StoreName = 0x16,
  StoreGlobal = 0x17,
  StoreAttr = 0x18,
  DeleteName = 0x19,
  DeleteGlobal = 0x1a,
  ImportName = 0x1b,
  ImportFrom = 0x1c,
  MakeClosure = 0x20,
  MakeClosureDefargs = 0x21,
  LoadConstSmallInt = 0x22,
  LoadConstObj = 0x23,
  LoadFastN = 0x24,
  LoadDeref = 0x25,
  StoreFastN = 0x26,
  StoreDeref = 0x27,
  DeleteFast = 0x28,
  DeleteDeref = 0x29,
  BuildTuple = 0x2a,
  BuildList = 0x2b,
  BuildMap = 0x2c,
  BuildSet = 0x2d,
  BuildSlice = 0x2e,
  StoreComp = 0x2f,
  UnpackSequence = 0x30,
  UnpackEx = 0x31,
  MakeFunction = 0x32,
  MakeFunctionDefargs = 0x33,
  CallFunction = 0x34,
  CallFunctionVarKw = 0x35,
  CallMethod = 0x36,
  CallMethodVarKw = 0x37,
  UnwindJump = 0x40,
  Jump = 0x42,
  PopJumpIfTrue = 0x43,
  PopJumpIfFalse = 0x44,
  JumpIfTrueOrPop = 0x45,
  JumpIfFalseOrPop = 0x46,
  SetupWith = 0x47,
  SetupExcept = 0x48,
  SetupFinally = 0x49,
  PopExceptJump = 0x4a,
  ForIter = 0x4b,
  LoadConstFalse = 0x50,
  LoadConstNone = 0x51,
  LoadConstTrue = 0x52,
  LoadNull = 0x53,
  LoadBuildClass = 0x54,
  LoadSubscr = 0x55,
  StoreSubscr = 0x56,
  DupTop = 0x57,
  DupTopTwo = 0x58,
  PopTop = 0x59,
  RotTwo = 0x5a,
  RotThree = 0x5b,
  WithCleanup = 0x5c,
  EndFinally = 0x5d,
  GetIter = 0x5e,
  GetIterStack = 0x5f,
  StoreMap = 0x62,
  ReturnValue = 0x63,
  RaiseLast = 0x64,
  RaiseObj = 0x65,
  RaiseFrom = 0x66,
  YieldValue = 0x67,
  YieldFrom = 0x68,
  ImportStar = 0x69,
  /** 0x70–0xAF: push the small int `op - 0x80` (−16 … 47). */
  LoadConstSmallIntMulti = 0x70,
  /** 0xB0–0xBF: push local slot `op - 0xB0`. */
  LoadFastMulti = 0xb0,
  /** 0xC0–0xCF: store into local slot `op - 0xC0`. */
  StoreFastMulti = 0xc0,
  /** 0xD0–0xD3: unary operator `op - 0xD0`. */
  UnaryOpMulti = 0xd0,
  /** 0xD7–0xF9: binary operator `op - 0xD7`. */
  BinaryOpMulti = 0xd7,
}

/** Unary operators, numbered as in `py/runtime0.h`. */
export const enum UnaryOp {
  Positive = 0,
  Negative = 1,
  Invert = 2,
  Not = 3,
  // Runtime-only numbers, never in bytecode.
  Bool = 4,
  Len = 5,
  Hash = 6,
  Abs = 7,
  IntMaybe = 8,
  FloatMaybe = 9,
  ComplexMaybe = 10,
  Sizeof = 11,
}

/** Binary operators, numbered as in `py/runtime0.h`. */
export const enum BinaryOp {
  Less = 0,
  More = 1,
  Equal = 2,
  LessEqual = 3,
  MoreEqual = 4,
  NotEqual = 5,
  In = 6,
  Is = 7,
  ExceptionMatch = 8,
  InplaceOr = 9,
  InplaceXor = 10,
  InplaceAnd = 11,
  InplaceLshift = 12,
  InplaceRshift = 13,
  InplaceAdd = 14,
  InplaceSubtract = 15,
  InplaceMultiply = 16,
  InplaceMatMultiply = 17,
  InplaceFloorDivide = 18,
  InplaceTrueDivide = 19,
  InplaceModulo = 20,
  InplacePower = 21,
  Or = 22,
  Xor = 23,
  And = 24,
  Lshift = 25,
  Rshift = 26,
  Add = 27,
  Subtract = 28,
  Multiply = 29,
  MatMultiply = 30,
  FloorDivide = 31,
  TrueDivide = 32,
  Modulo = 33,
  Power = 34,
  // Runtime-only numbers, never in bytecode.
  Divmod = 35,
  Contains = 36,
  ReverseOr = 37,
  ReverseXor = 38,
  ReverseAnd = 39,
  ReverseLshift = 40,
  ReverseRshift = 41,
  ReverseAdd = 42,
  ReverseSubtract = 43,
  ReverseMultiply = 44,
  ReverseMatMultiply = 45,
  ReverseFloorDivide = 46,
  ReverseTrueDivide = 47,
  ReverseModulo = 48,
  ReversePower = 49,
}

/** Number of unary operators that appear in bytecode. */
export const UNARY_OP_COUNT = 4;
/** Number of binary operators that appear in bytecode. */
export const BINARY_OP_COUNT = 35;

/** How an opcode's operand is encoded. */
export const enum OperandKind {
  /** No operand. */
  None = 0,
  /** varuint index into the file's qstr table. */
  Qstr = 1,
  /** varuint unsigned number (slot, count, packed field). */
  Uint = 2,
  /** sint signed small integer. */
  Sint = 3,
  /** varuint index into the file's object table. */
  Obj = 4,
  /** varuint index into this raw code's children. */
  Child = 5,
  /** Signed jump offset, 1 or 2 bytes. */
  JumpSigned = 6,
  /** Unsigned (forward) jump offset, 1 or 2 bytes. */
  JumpUnsigned = 7,
}

/** Mnemonics of the single opcodes, as in `py/bc0.h` without the prefix. */
const SINGLE_OPCODES: ReadonlyArray<readonly [number, string, OperandKind]> = [
  [0x10, "LOAD_CONST_STRING", OperandKind.Qstr],
  [0x11, "LOAD_NAME", OperandKind.Qstr],
  [0x12, "LOAD_GLOBAL", OperandKind.Qstr],
  [0x13, "LOAD_ATTR", OperandKind.Qstr],
  [0x14, "LOAD_METHOD", OperandKind.Qstr],
  [0x15, "LOAD_SUPER_METHOD", OperandKind.Qstr],
  [0x16, "STORE_NAME", OperandKind.Qstr],
  [0x17, "STORE_GLOBAL", OperandKind.Qstr],
  [0x18, "STORE_ATTR", OperandKind.Qstr],
  [0x19, "DELETE_NAME", OperandKind.Qstr],
  [0x1a, "DELETE_GLOBAL", OperandKind.Qstr],
  [0x1b, "IMPORT_NAME", OperandKind.Qstr],
  [0x1c, "IMPORT_FROM", OperandKind.Qstr],
  [0x20, "MAKE_CLOSURE", OperandKind.Child],
  [0x21, "MAKE_CLOSURE_DEFARGS", OperandKind.Child],
  [0x22, "LOAD_CONST_SMALL_INT", OperandKind.Sint],
  [0x23, "LOAD_CONST_OBJ", OperandKind.Obj],
  [0x24, "LOAD_FAST_N", OperandKind.Uint],
  [0x25, "LOAD_DEREF", OperandKind.Uint],
  [0x26, "STORE_FAST_N", OperandKind.Uint],
  [0x27, "STORE_DEREF", OperandKind.Uint],
  [0x28, "DELETE_FAST", OperandKind.Uint],
  [0x29, "DELETE_DEREF", OperandKind.Uint],
  [0x2a, "BUILD_TUPLE", OperandKind.Uint],
  [0x2b, "BUILD_LIST", OperandKind.Uint],
  [0x2c, "BUILD_MAP", OperandKind.Uint],
  [0x2d, "BUILD_SET", OperandKind.Uint],
  [0x2e, "BUILD_SLICE", OperandKind.Uint],
  [0x2f, "STORE_COMP", OperandKind.Uint],
  [0x30, "UNPACK_SEQUENCE", OperandKind.Uint],
  [0x31, "UNPACK_EX", OperandKind.Uint],
  [0x32, "MAKE_FUNCTION", OperandKind.Child],
  [0x33, "MAKE_FUNCTION_DEFARGS", OperandKind.Child],
  [0x34, "CALL_FUNCTION", OperandKind.Uint],
  [0x35, "CALL_FUNCTION_VAR_KW", OperandKind.Uint],
  [0x36, "CALL_METHOD", OperandKind.Uint],
  [0x37, "CALL_METHOD_VAR_KW", OperandKind.Uint],
  [0x40, "UNWIND_JUMP", OperandKind.JumpSigned],
  [0x42, "JUMP", OperandKind.JumpSigned],
  [0x43, "POP_JUMP_IF_TRUE", OperandKind.JumpSigned],
  [0x44, "POP_JUMP_IF_FALSE", OperandKind.JumpSigned],
  [0x45, "JUMP_IF_TRUE_OR_POP", OperandKind.JumpUnsigned],
  [0x46, "JUMP_IF_FALSE_OR_POP", OperandKind.JumpUnsigned],
  [0x47, "SETUP_WITH", OperandKind.JumpUnsigned],
  [0x48, "SETUP_EXCEPT", OperandKind.JumpUnsigned],
  [0x49, "SETUP_FINALLY", OperandKind.JumpUnsigned],
  [0x4a, "POP_EXCEPT_JUMP", OperandKind.JumpUnsigned],
  [0x4b, "FOR_ITER", OperandKind.JumpUnsigned],
  [0x50, "LOAD_CONST_FALSE", OperandKind.None],
  [0x51, "LOAD_CONST_NONE", OperandKind.None],
  [0x52, "LOAD_CONST_TRUE", OperandKind.None],
  [0x53, "LOAD_NULL", OperandKind.None],
  [0x54, "LOAD_BUILD_CLASS", OperandKind.None],
  [0x55, "LOAD_SUBSCR", OperandKind.None],
  [0x56, "STORE_SUBSCR", OperandKind.None],
  [0x57, "DUP_TOP", OperandKind.None],
  [0x58, "DUP_TOP_TWO", OperandKind.None],
  [0x59, "POP_TOP", OperandKind.None],
  [0x5a, "ROT_TWO", OperandKind.None],
  [0x5b, "ROT_THREE", OperandKind.None],
  [0x5c, "WITH_CLEANUP", OperandKind.None],
  [0x5d, "END_FINALLY", OperandKind.None],
  [0x5e, "GET_ITER", OperandKind.None],
  [0x5f, "GET_ITER_STACK", OperandKind.None],
  [0x62, "STORE_MAP", OperandKind.None],
  [0x63, "RETURN_VALUE", OperandKind.None],
  [0x64, "RAISE_LAST", OperandKind.None],
  [0x65, "RAISE_OBJ", OperandKind.None],
  [0x66, "RAISE_FROM", OperandKind.None],
  [0x67, "YIELD_VALUE", OperandKind.None],
  [0x68, "YIELD_FROM", OperandKind.None],
  [0x69, "IMPORT_STAR", OperandKind.None],
];

/** Operator names of `py/runtime0.h`, unary then binary, as bytecode uses them. */
export const UNARY_OP_NAMES: readonly string[] = [
  "POSITIVE",
  "NEGATIVE",
  "INVERT",
  "NOT",
];

/** Binary operator names in operator-number order. */
export const BINARY_OP_NAMES: readonly string[] = [
  "LESS",
  "MORE",
  "EQUAL",
  "LESS_EQUAL",
  "MORE_EQUAL",
  "NOT_EQUAL",
  "IN",
  "IS",
  "EXCEPTION_MATCH",
  "INPLACE_OR",
  "INPLACE_XOR",
  "INPLACE_AND",
  "INPLACE_LSHIFT",
  "INPLACE_RSHIFT",
  "INPLACE_ADD",
  "INPLACE_SUBTRACT",
  "INPLACE_MULTIPLY",
  "INPLACE_MAT_MULTIPLY",
  "INPLACE_FLOOR_DIVIDE",
  "INPLACE_TRUE_DIVIDE",
  "INPLACE_MODULO",
  "INPLACE_POWER",
  "OR",
  "XOR",
  "AND",
  "LSHIFT",
  "RSHIFT",
  "ADD",
  "SUBTRACT",
  "MULTIPLY",
  "MAT_MULTIPLY",
  "FLOOR_DIVIDE",
  "TRUE_DIVIDE",
  "MODULO",
  "POWER",
];

/** Per-opcode facts, indexed by the opcode byte; generated from the tables above. */
export interface OpcodeInfo {
  /** Mnemonic, e.g. `LOAD_FAST_N`; empty for unassigned bytes. */
  readonly name: string;
  readonly operand: OperandKind;
  /** True when one raw byte follows the operand (MAKE_CLOSURE*, UNWIND_JUMP). */
  readonly extraByte: boolean;
  readonly valid: boolean;
}

function buildOpcodeTable(): OpcodeInfo[] {
  const table: OpcodeInfo[] = [];
  for (let op = 0; op < 256; op++) {
    table.push({
      name: "",
      operand: OperandKind.None,
      extraByte: false,
      valid: false,
    });
  }
  for (const [op, name, operand] of SINGLE_OPCODES) {
    table[op] = { name, operand, extraByte: (op & 0x9e) === 0, valid: true };
  }
  const multi = (
    first: number,
    count: number,
    label: (i: number) => string,
  ): void => {
    for (let i = 0; i < count; i++) {
      table[first + i] = {
        name: label(i),
        operand: OperandKind.None,
        extraByte: false,
        valid: true,
      };
    }
  };
  multi(0x70, 64, (i) => `LOAD_CONST_SMALL_INT ${i - 16}`);
  multi(0xb0, 16, (i) => `LOAD_FAST ${i}`);
  multi(0xc0, 16, (i) => `STORE_FAST ${i}`);
  multi(0xd0, 4, (i) => `UNARY_OP ${i} __${UNARY_OP_NAMES[i]}__`);
  multi(0xd7, 35, (i) => `BINARY_OP ${i} ${BINARY_OP_NAMES[i]}`);
  return table;
}

/** Facts about every opcode byte 0–255. */
export const OPCODES: readonly OpcodeInfo[] = buildOpcodeTable();
