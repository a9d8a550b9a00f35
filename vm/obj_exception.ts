/**
 * Exception objects (`py/objexcept.c`): construction, `args`, the `value`
 * and `errno` aliases, `str`/`repr` as MicroPython prints them, and the
 * traceback text of uncaught exceptions and `sys.print_exception`.
 *
 * Instances of user subclasses of exception types are {@link PyException}s
 * too, with their attributes in `dict`; the class machinery dispatches their
 * dunder methods.
 *
 * @module
 */

import type { CompileError } from "../compiler/mod.ts";
import { defineBuiltinValue } from "./builtins.ts";
import {
  BaseException,
  EXCEPTION_TYPES,
  IndentationError,
  newException,
  OSError,
  SyntaxError,
  typeError,
} from "./exc.ts";
import { PyMap } from "./map.ts";
import {
  emptyTuple,
  type KwArgs,
  None,
  PrintKind,
  PyException,
  PyNativeFunction,
  type PyObj,
  PyTuple,
  type PyType,
  superOnlyInit,
  TypeFlag,
} from "./obj.ts";
import { call, print, repr, typeName } from "./runtime.ts";

/** MicroPython's errno names (`mp_errno_to_str`), for `OSError` messages. */
export const ERRNO_NAMES: ReadonlyMap<number, string> = new Map([
  [1, "EPERM"],
  [2, "ENOENT"],
  [5, "EIO"],
  [9, "EBADF"],
  [11, "EAGAIN"],
  [12, "ENOMEM"],
  [13, "EACCES"],
  [17, "EEXIST"],
  [19, "ENODEV"],
  [20, "ENOTDIR"],
  [21, "EISDIR"],
  [22, "EINVAL"],
  [28, "ENOSPC"],
  [30, "EROFS"],
  [39, "ENOTEMPTY"],
  [95, "EOPNOTSUPP"],
  [98, "EADDRINUSE"],
  [103, "ECONNABORTED"],
  [104, "ECONNRESET"],
  [105, "ENOBUFS"],
  [107, "ENOTCONN"],
  [110, "ETIMEDOUT"],
  [111, "ECONNREFUSED"],
  [113, "EHOSTUNREACH"],
  [114, "EALREADY"],
  [115, "EINPROGRESS"],
]);

/** True when `t` is an exception type (BaseException or a subclass). */
export function isExceptionType(t: PyType): boolean {
  return t === BaseException || t.mro.includes(BaseException);
}

/** The native exception type a (possibly user) exception type derives from. */
function nativeExceptionType(t: PyType): PyType {
  for (const m of t.mro) {
    if ((m.flags & TypeFlag.UserClass) === 0 && isExceptionType(m)) return m;
  }
  return BaseException;
}

/**
 * The text of an exception as MicroPython prints it for `kind` (str or
 * repr), ignoring user `__str__`/`__repr__` (the class machinery handles
 * those). `subclass` leaves the type name out (already printed).
 */
export function exceptionText(
  e: PyException,
  kind: PrintKind,
  exc = false,
): string {
  const args = e.args.items;
  let out = "";
  if (kind === PrintKind.Repr || exc) out += e.type.name;
  if (exc) out += ": ";
  if (kind === PrintKind.Str || exc) {
    if (args.length === 0) return out;
    if (
      nativeExceptionType(e.type) === OSError && args.length < 3 &&
      typeof args[0] === "number"
    ) {
      const name = ERRNO_NAMES.get(args[0]);
      if (name !== undefined) {
        out += `[Errno ${args[0]}] ${name}`;
        if (args.length > 1) out += ": " + print(args[1], PrintKind.Str);
        return out;
      }
    }
    if (args.length === 1) return out + print(args[0], PrintKind.Str);
  }
  return out + tupleRepr(args);
}

function tupleRepr(items: PyObj[]): string {
  if (items.length === 1) return `(${repr(items[0])},)`;
  return `(${items.map(repr).join(", ")})`;
}

/**
 * The last line of a traceback (`Type: message`): a user `__repr__` wins
 * (printed alone), as MicroPython's instance printing does.
 */
export function exceptionLine(e: PyException): string {
  if ((e.type.flags & TypeFlag.UserClass) !== 0) {
    const r = lookupUser(e.type, "__repr__");
    if (r !== undefined) {
      const s = call(r, [e]);
      return print(s, PrintKind.Str);
    }
  }
  return exceptionText(e, PrintKind.Str, true);
}

/** A method defined by a user class along the lookup order (not by a native base). */
function lookupUser(t: PyType, name: string): PyObj | undefined {
  for (const m of t.mro) {
    if ((m.flags & TypeFlag.UserClass) === 0) return undefined;
    const v = m.dict.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The traceback lines of `e` (without the final line), most recent call last. */
export function tracebackText(e: PyException): string {
  const tb = e.traceback;
  if (tb.length === 0) return "";
  let out = "Traceback (most recent call last):\n";
  for (let i = tb.length - 1; i >= 0; i--) {
    const t = tb[i];
    out += `  File "${t.file}", line ${t.line}`;
    if (t.name !== "") out += `, in ${t.name}`;
    out += "\n";
  }
  return out;
}

/** The whole report of an uncaught exception, as `mp_obj_print_exception` prints it. */
export function formatException(e: PyException): string {
  return tracebackText(e) + exceptionLine(e) + "\n";
}

/** A compile error as the `SyntaxError` (or `IndentationError`) MicroPython raises. */
export function compileErrorToException(err: CompileError): PyException {
  const type = err.kind === "IndentationError" ? IndentationError : SyntaxError;
  const e = newException(type, [err.message]);
  e.traceback.push({
    file: err.file,
    line: err.line,
    name: err.block ?? "",
  });
  return e;
}

/** `args` of an exception as a Python value. */
function excArgs(e: PyException): PyTuple {
  return e.args;
}

function exceptionMakeNew(type: PyType, args: PyObj[], kw: KwArgs): PyObj {
  if (kw !== null && kw.size > 0) {
    throw typeError(`${type.name}() takes no keyword arguments`);
  }
  return new PyException(
    type,
    args.length === 0 ? emptyTuple : new PyTuple(args.slice()),
  );
}

function exceptionPrint(self: PyObj, kind: PrintKind): string {
  return exceptionText(self as PyException, kind);
}

function exceptionLoadAttr(self: PyObj, name: string): PyObj | undefined {
  const e = self as PyException;
  if (e.dict !== null) {
    const v = e.dict.get(name);
    if (v !== undefined) return v;
  }
  switch (name) {
    case "args":
      return excArgs(e);
    case "value":
    case "errno":
      return e.args.items.length > 0 ? e.args.items[0] : None;
  }
  return undefined;
}

function exceptionStoreAttr(
  self: PyObj,
  name: string,
  value: PyObj | undefined,
): boolean {
  const e = self as PyException;
  // A built-in exception takes no attributes; an instance of a subclass keeps
  // them in its dict (even `args`: the arguments it was made with, which
  // str() and repr() show, never change).
  if ((e.type.flags & TypeFlag.UserClass) === 0) return false;
  if (value === undefined) {
    return e.dict !== null && e.dict.delete(name);
  }
  if (e.dict === null) e.dict = new PyMap();
  e.dict.set(name, value);
  return true;
}

for (const t of EXCEPTION_TYPES) {
  t.makeNew = exceptionMakeNew;
  t.print = exceptionPrint;
  t.loadAttr = exceptionLoadAttr;
  t.storeAttr = exceptionStoreAttr;
  t.gcTrace = (self, trace): void => {
    const e = self as PyException;
    trace(e.args);
    if (e.dict !== null) {
      for (let s = e.dict.nextSlot(-1); s >= 0; s = e.dict.nextSlot(s)) {
        trace(e.dict.keys[s] as PyObj);
        trace(e.dict.values[s] as PyObj);
      }
    }
  };
  t.call = null;
  defineBuiltinValue(t.name, t);
}

// `super().__init__(*args)` in a subclass sets args; `BaseException` itself
// has no `__init__` attribute in MicroPython.
superOnlyInit.set(
  BaseException,
  new PyNativeFunction("__init__", (args: PyObj[]): PyObj => {
    const self = args[0];
    if (!(self instanceof PyException)) {
      throw typeError(
        `argument should be a '${BaseException.name}' not a '${
          typeName(self)
        }'`,
      );
    }
    self.args = args.length > 1 ? new PyTuple(args.slice(1)) : emptyTuple;
    return None;
  }),
);
