/**
 * The `sys` module (`py/modsys.c`): argv, path, modules, exit, the standard
 * streams, print_exception, exc_info, implementation, version, version_info,
 * maxsize, byteorder and platform.
 *
 * `sys.implementation` reports MicroPython 1.27.0 (the release the oracle
 * runs; 1.29 is a preview) and `_mpy` 0x0306 = 774: `.mpy` major version 6,
 * sub-version 3, native architecture "none", because this VM runs bytecode
 * only — a tool that reads `_mpy` to pick an architecture builds a
 * bytecode-only file, which is what loads here.
 *
 * @module
 */

import { newStr } from "./alloc.ts";
import { defineFunction, defineModule } from "./builtins.ts";
import { newException, SystemExit, typeError } from "./exc.ts";
import { currentException } from "./interp.ts";
import type { PyMap } from "./map.ts";
import {
  defineMethod,
  makeType,
  None,
  PrintKind,
  PyBytes,
  PyException,
  type PyObj,
  PyObject,
  PyTuple,
  type PyType,
  tupleType,
  typeOf,
} from "./obj.ts";
import { exceptionLine, tracebackText } from "./obj_exception.ts";
import { print, repr, str } from "./runtime.ts";
import { vmState } from "./state.ts";
import {
  checkArgs,
  concatBytes,
  type NativeStream,
  streamWriteBytes,
  writeWindow,
} from "./mod_support.ts";

/** MicroPython release the VM reports. */
export const VERSION_TUPLE: readonly [number, number, number] = [1, 27, 0];
/** `sys.implementation._mpy`: .mpy v6.3, no native architecture. */
export const SYS_MPY = 0x0306;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// ---------------------------------------------------------------------------
// Attribute tuples (sys.implementation)

/** A tuple whose items are also attributes (`mp_obj_attrtuple`). */
const attrtupleType: PyType = makeType("tuple", { base: tupleType });

class PyAttrTuple extends PyTuple {
  readonly fields: string[];
  constructor(fields: string[], items: PyObj[]) {
    super(items, attrtupleType);
    this.fields = fields;
  }
}

attrtupleType.print = (self: PyObj): string => {
  const t = self as PyAttrTuple;
  return "(" +
    t.fields.map((f, i) => `${f}=${repr(t.items[i])}`).join(", ") + ")";
};
attrtupleType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  const t = self as PyAttrTuple;
  const i = t.fields.indexOf(name);
  return i < 0 ? undefined : t.items[i];
};
attrtupleType.subscrLoad = (self: PyObj, index: PyObj): PyObj | undefined => {
  const t = self as PyAttrTuple;
  if (typeof index === "number") {
    const i = index < 0 ? index + t.items.length : index;
    if (i >= 0 && i < t.items.length) return t.items[i];
  }
  const base = tupleType.subscrLoad;
  return base === null ? undefined : base(new PyTuple(t.items), index);
};
attrtupleType.unaryOp = (op, self): PyObj | undefined => {
  const base = tupleType.unaryOp;
  return base === null
    ? undefined
    : base(op, new PyTuple((self as PyTuple).items));
};
attrtupleType.getIter = (self): PyObj => {
  const base = tupleType.getIter;
  if (base === null) throw typeError("'tuple' object isn't iterable");
  return base(new PyTuple((self as PyTuple).items));
};

// ---------------------------------------------------------------------------
// Standard streams

/** The type of `sys.stdin`, `sys.stdout`, `sys.stderr`. */
export const textStreamType: PyType = makeType("TextIOWrapper");
/** The type of their `.buffer`. */
export const byteStreamType: PyType = makeType("FileIO");

/** One standard stream: 0 stdin, 1 stdout, 2 stderr. */
class PyStdStream extends PyObject implements NativeStream {
  readonly fd: number;
  readonly binary: boolean;
  constructor(fd: number, binary: boolean) {
    super(binary ? byteStreamType : textStreamType);
    this.fd = fd;
    this.binary = binary;
  }
  get isText(): boolean {
    return !this.binary;
  }
  streamRead(n: number): Uint8Array {
    const host = vmState().host;
    if (n >= 0) return host.readStdin(n);
    const parts: Uint8Array[] = [];
    for (;;) {
      const chunk = host.readStdin(4096);
      if (chunk.length === 0) break;
      parts.push(chunk);
    }
    return concatBytes(parts);
  }
  streamWrite(data: Uint8Array): number {
    writeRaw(this, data);
    return data.length;
  }
}

/**
 * `write(buf[, max_len])` / `write(buf, off, max_len)`: returns the count of
 * bytes written, for text too (a stream counts bytes).
 */
function streamWrite(s: PyStdStream, data: PyObj, extra: PyObj[]): number {
  let bytes: Uint8Array;
  if (typeof data === "string") {
    bytes = encoder.encode(data);
  } else {
    const gb = typeOf(data).getBuffer;
    const b = gb === null ? undefined : gb(data, false);
    if (b === undefined) {
      throw typeError(`object with buffer protocol required`);
    }
    bytes = b;
  }
  bytes = writeWindow(bytes, extra);
  writeRaw(s, bytes);
  return bytes.length;
}

function writeRaw(s: PyStdStream, bytes: Uint8Array): void {
  const host = vmState().host;
  if (s.fd === 2) host.writeStderr(bytes);
  else if (s.fd === 1) host.writeStdout(bytes);
  else throw newException(typeError("").type, ["stream not writable"]);
}

function streamRead(s: PyStdStream, n: number): PyObj {
  const host = vmState().host;
  let bytes: Uint8Array;
  if (n < 0) {
    const parts: Uint8Array[] = [];
    for (;;) {
      const chunk = host.readStdin(4096);
      if (chunk.length === 0) break;
      parts.push(chunk);
    }
    let len = 0;
    for (const p of parts) len += p.length;
    bytes = new Uint8Array(len);
    let o = 0;
    for (const p of parts) {
      bytes.set(p, o);
      o += p.length;
    }
  } else {
    bytes = host.readStdin(n);
  }
  return s.binary ? new PyBytes(bytes) : newStr(decoder.decode(bytes));
}

for (const t of [textStreamType, byteStreamType]) {
  t.print = (self: PyObj, _k: PrintKind): string =>
    `<io.${t.name} ${(self as PyStdStream).fd}>`;
  defineMethod(t, "write", (args, kw) => {
    checkArgs(args, kw, 2, 4);
    return streamWrite(args[0] as PyStdStream, args[1], args.slice(2));
  });
  defineMethod(t, "fileno", (args, kw) => {
    checkArgs(args, kw, 1);
    return (args[0] as PyStdStream).fd;
  });
  defineMethod(t, "read", (args) => {
    const n = args.length > 1 && typeof args[1] === "number" ? args[1] : -1;
    return streamRead(args[0] as PyStdStream, n);
  });
  defineMethod(t, "readline", (args) => {
    const s = args[0] as PyStdStream;
    const line = vmState().host.readLine() ?? "";
    return s.binary ? new PyBytes(encoder.encode(line)) : newStr(line);
  });
  defineMethod(t, "flush", () => None);
  defineMethod(t, "close", () => None);
  t.getIter = (self) => self;
  t.iterNext = (self): PyObj | undefined => {
    const line = vmState().host.readLine();
    if (line === null || line === "") return undefined;
    return (self as PyStdStream).binary
      ? new PyBytes(encoder.encode(line))
      : newStr(line);
  };
}
textStreamType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  if (name === "buffer") return buffers[(self as PyStdStream).fd];
  return undefined;
};

const buffers = [
  new PyStdStream(0, true),
  new PyStdStream(1, true),
  new PyStdStream(2, true),
];
const streams = [
  new PyStdStream(0, false),
  new PyStdStream(1, false),
  new PyStdStream(2, false),
];

/** `sys.stdout`, for `print(file=…)` defaults. */
export const stdoutStream: PyObj = streams[1];

// ---------------------------------------------------------------------------
// Functions

/**
 * Writes the traceback and the exception line of `exc` to the stream `file`;
 * anything that is not an exception is printed as `str` would.
 */
export function printException(exc: PyObj, file: PyObj): void {
  const text = exc instanceof PyException
    ? tracebackText(exc) + exceptionLine(exc) + "\n"
    : str(exc) + "\n";
  streamWriteBytes(file, encoder.encode(text));
}

function buildSys(d: PyMap): void {
  const s = vmState();
  d.set("argv", s.argv);
  d.set("path", s.path);
  d.set("modules", s.modules);
  d.set("stdin", streams[0]);
  d.set("stdout", streams[1]);
  d.set("stderr", streams[2]);
  d.set("byteorder", "little");
  d.set("maxsize", 2147483647);
  d.set("platform", s.platform);
  d.set("ps1", ">>> ");
  d.set("ps2", "... ");
  const [maj, min, mic] = VERSION_TUPLE;
  d.set(
    "version",
    `3.4.0; MicroPython v${maj}.${min}.${mic} on 2025-12-09`,
  );
  d.set("version_info", new PyTuple([3, 4, 0]));
  d.set(
    "implementation",
    new PyAttrTuple(
      ["name", "version", "_machine", "_mpy", "_build"],
      [
        "micropython",
        new PyTuple([maj, min, mic, ""]),
        s.machine,
        SYS_MPY,
        s.build,
      ],
    ),
  );
  defineFunction(d, "exit", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    throw newException(SystemExit, args.length > 0 ? [args[0]] : []);
  });
  defineFunction(d, "print_exception", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    printException(args[0], args.length > 1 ? args[1] : streams[1]);
    return None;
  });
  defineFunction(d, "exc_info", (args, kw) => {
    checkArgs(args, kw, 0);
    const e = currentException();
    if (e === null) return new PyTuple([None, None, None]);
    return new PyTuple([e.type, e, None]);
  });
  defineFunction(d, "intern", (args, kw) => {
    checkArgs(args, kw, 1);
    if (typeof args[0] !== "string") throw typeError("expected str");
    return args[0];
  });
  void print;
  void str;
}

defineModule("sys", buildSys);
