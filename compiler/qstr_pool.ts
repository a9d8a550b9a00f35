/**
 * The strings mpy-cross has interned before it reads a file. A string
 * literal longer than 10 bytes becomes a qstr (instead of a str object) only
 * if it is already interned when it is lexed: one of these, the source name,
 * or a name or short string seen earlier in the file.
 *
 * Only the built-in qstrs longer than 10 bytes are listed; shorter literals
 * are always interned anyway.
 *
 * @module
 */

/** mpy-cross's built-in qstrs longer than 10 bytes. */
export const BUILTIN_LONG_QSTRS: readonly string[] = [
  "__delitem__",
  "__getattr__",
  "__getitem__",
  "__qualname__",
  "__setitem__",
  "ArithmeticError",
  "AssertionError",
  "AttributeError",
  "BaseException",
  "GeneratorExit",
  "ImportError",
  "IndentationError",
  "KeyboardInterrupt",
  "LookupError",
  "MemoryError",
  "NotImplementedError",
  "OverflowError",
  "RuntimeError",
  "StopIteration",
  "SyntaxError",
  "ZeroDivisionError",
  "classmethod",
  "micropython",
  "staticmethod",
  "Interpolation",
  "StopAsyncIteration",
  "UnicodeError",
  "ViperTypeError",
  "__build_class__",
  "__complex__",
  "__contains__",
  "__repl_print__",
  "__reversed__",
  "__template__",
  "__traceback__",
  "bound_method",
  "difference_update",
  "format_spec",
  "heap_unlock",
  "interpolations",
  "intersection",
  "intersection_update",
  "maximum recursion depth exceeded",
  "string.templatelib",
  "symmetric_difference",
  "symmetric_difference_update",
  "templatelib",
  "unpack_from",
  "vcvt_f32_s32",
  "vcvt_s32_f32",
];
