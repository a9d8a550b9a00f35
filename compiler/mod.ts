/**
 * The compiler: Python source to MicroPython bytecode, `.mpy` v6.3 reading
 * and writing, and the disassembler. It knows nothing of the VM.
 *
 * @module
 */

export {
  CodeKind,
  type CompiledModule,
  ConstKind,
  type ConstObject,
  lineForOffset,
  type RawCode,
  ScopeFlag,
  type Signature,
} from "./raw_code.ts";
export {
  BINARY_OP_NAMES,
  BinaryOp,
  Op,
  OPCODES,
  OperandKind,
  UNARY_OP_NAMES,
  UnaryOp,
} from "./opcodes.ts";
export { STATIC_QSTRS } from "./qstr_static.ts";
export {
  MPY_SUB_VERSION,
  MPY_VERSION,
  MpyFormatError,
  readMpy,
  type ReadMpyOptions,
} from "./mpy_reader.ts";
export {
  CompileError,
  type CompileErrorKind,
  formatCompileError,
} from "./compile_error.ts";
export { compile, type CompileOptions } from "./compile.ts";
export { writeMpy } from "./mpy_writer.ts";
export {
  decodeInstructions,
  decodeLineTable,
  disassemble,
  type Instruction,
} from "./disassemble.ts";
export { formatComplexConst, formatFloatConst } from "./float_format.ts";
