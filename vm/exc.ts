/**
 * The built-in exception types (`py/objexcept.c`) and helpers that build the
 * exceptions the runtime raises. Python exceptions travel through JavaScript
 * as thrown {@link PyException} objects: `throw typeError("…")`.
 *
 * @module
 */

import {
  emptyTuple,
  makeType,
  PyException,
  type PyObj,
  PyTuple,
  type PyType,
  TypeFlag,
} from "./obj.ts";

function excType(name: string, base?: PyType): PyType {
  return makeType(name, { base, flags: TypeFlag.BaseType });
}

/** `BaseException`. */
export const BaseException: PyType = excType("BaseException");
/** `SystemExit`. */
export const SystemExit: PyType = excType("SystemExit", BaseException);
/** `KeyboardInterrupt`. */
export const KeyboardInterrupt: PyType = excType(
  "KeyboardInterrupt",
  BaseException,
);
/** `GeneratorExit`. */
export const GeneratorExit: PyType = excType("GeneratorExit", BaseException);
/** `Exception`. */
export const Exception: PyType = excType("Exception", BaseException);
/** `StopIteration`. */
export const StopIteration: PyType = excType("StopIteration", Exception);
/** `StopAsyncIteration`. */
export const StopAsyncIteration: PyType = excType(
  "StopAsyncIteration",
  Exception,
);
/** `ArithmeticError`. */
export const ArithmeticError: PyType = excType("ArithmeticError", Exception);
/** `OverflowError`. */
export const OverflowError: PyType = excType("OverflowError", ArithmeticError);
/** `ZeroDivisionError`. */
export const ZeroDivisionError: PyType = excType(
  "ZeroDivisionError",
  ArithmeticError,
);
/** `AssertionError`. */
export const AssertionError: PyType = excType("AssertionError", Exception);
/** `AttributeError`. */
export const AttributeError: PyType = excType("AttributeError", Exception);
/** `EOFError`. */
export const EOFError: PyType = excType("EOFError", Exception);
/** `ImportError`. */
export const ImportError: PyType = excType("ImportError", Exception);
/** `LookupError`. */
export const LookupError: PyType = excType("LookupError", Exception);
/** `IndexError`. */
export const IndexError: PyType = excType("IndexError", LookupError);
/** `KeyError`. */
export const KeyError: PyType = excType("KeyError", LookupError);
/** `MemoryError`. */
export const MemoryError: PyType = excType("MemoryError", Exception);
/** `NameError`. */
export const NameError: PyType = excType("NameError", Exception);
/** `OSError`. */
export const OSError: PyType = excType("OSError", Exception);
/** `RuntimeError`. */
export const RuntimeError: PyType = excType("RuntimeError", Exception);
/** `NotImplementedError`. */
export const NotImplementedError: PyType = excType(
  "NotImplementedError",
  RuntimeError,
);
/** `SyntaxError`. */
export const SyntaxError: PyType = excType("SyntaxError", Exception);
/** `IndentationError`. */
export const IndentationError: PyType = excType(
  "IndentationError",
  SyntaxError,
);
/** `TypeError`. */
export const TypeError: PyType = excType("TypeError", Exception);
/** `ValueError`. */
export const ValueError: PyType = excType("ValueError", Exception);
/** `UnicodeError`. */
export const UnicodeError: PyType = excType("UnicodeError", ValueError);

/** Every built-in exception type, in the order `builtins` lists them. */
export const EXCEPTION_TYPES: readonly PyType[] = [
  BaseException,
  SystemExit,
  KeyboardInterrupt,
  GeneratorExit,
  Exception,
  StopIteration,
  StopAsyncIteration,
  ArithmeticError,
  OverflowError,
  ZeroDivisionError,
  AssertionError,
  AttributeError,
  EOFError,
  ImportError,
  LookupError,
  IndexError,
  KeyError,
  MemoryError,
  NameError,
  OSError,
  RuntimeError,
  NotImplementedError,
  SyntaxError,
  IndentationError,
  TypeError,
  ValueError,
  UnicodeError,
];

/** A new exception of `type` with the given args. */
export function newException(type: PyType, args: PyObj[] = []): PyException {
  return new PyException(
    type,
    args.length === 0 ? emptyTuple : new PyTuple(args),
  );
}

/** A new exception of `type` whose single argument is `message`. */
export function excWithMessage(type: PyType, message: string): PyException {
  return newException(type, [message]);
}

/** `TypeError(message)`. */
export function typeError(message: string): PyException {
  return excWithMessage(TypeError, message);
}

/** `ValueError(message)`. */
export function valueError(message: string): PyException {
  return excWithMessage(ValueError, message);
}

/** `IndexError(message)`. */
export function indexError(message: string): PyException {
  return excWithMessage(IndexError, message);
}

/** `KeyError(key)`. */
export function keyError(key: PyObj): PyException {
  return newException(KeyError, [key]);
}

/** `AttributeError(message)`. */
export function attributeError(message: string): PyException {
  return excWithMessage(AttributeError, message);
}

/** `NameError(message)`. */
export function nameError(message: string): PyException {
  return excWithMessage(NameError, message);
}

/** `ZeroDivisionError(message)`. */
export function zeroDivisionError(
  message = "divide by zero",
): PyException {
  return excWithMessage(ZeroDivisionError, message);
}

/** `OverflowError(message)`. */
export function overflowError(message: string): PyException {
  return excWithMessage(OverflowError, message);
}

/** `RuntimeError(message)`. */
export function runtimeError(message: string): PyException {
  return excWithMessage(RuntimeError, message);
}

/** `NotImplementedError(message)`. */
export function notImplementedError(message: string): PyException {
  return excWithMessage(NotImplementedError, message);
}

/** `OSError(errno)`, as MicroPython raises it (args is the errno alone). */
export function osError(errno: number): PyException {
  return newException(OSError, [errno]);
}

/** `MemoryError(message)`. */
export function memoryError(message?: string): PyException {
  return message === undefined
    ? newException(MemoryError)
    : excWithMessage(MemoryError, message);
}

/** `ImportError(message)`. */
export function importError(message: string): PyException {
  return excWithMessage(ImportError, message);
}

/** `StopIteration(value)`, or `StopIteration()` when value is None/absent. */
export function stopIteration(value?: PyObj): PyException {
  return value === undefined
    ? newException(StopIteration)
    : newException(StopIteration, [value]);
}
