/**
 * `io` (`extmod/modio.c`, `py/objstringio.c`, `extmod/vfs_posix_file.c`)
 * and the `open` built-in: in-memory streams `StringIO` and `BytesIO`,
 * files on the board's file system (`FileIO` for binary modes,
 * `TextIOWrapper` for text), and `IOBase`, the base class that makes a
 * user class a stream for `print(file=…)`, `json.dump` and friends.
 *
 * All streams share one set of methods over {@link StreamObject}: text
 * streams read and write str (counting characters on read), binary ones
 * bytes; positions are byte offsets, as on the board.
 *
 * @module
 */

import { newStr } from "./alloc.ts";
import { defineBuiltin, defineFunction, defineModule } from "./builtins.ts";
import {
  newException,
  OSError,
  StopIteration,
  typeError,
  UnicodeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import type { FileHandle } from "./host.ts";
import {
  bytesType,
  defineMethod,
  type KwArgs,
  makeType,
  None,
  PyByteArray,
  PyBytes,
  type PyObj,
  PyObject,
  type PyType,
  TypeFlag,
} from "./obj.ts";
import { idOf, typeName } from "./runtime.ts";
import { vmStateOrNull } from "./state.ts";
import {
  bufferOf,
  checkArgs,
  concatBytes,
  fsCall,
  listAppend,
  moduleHost,
  type NativeStream,
  newBytes,
  newList,
  parseArgs,
  registerIoBase,
  resolvePath,
  toMachineInt,
  writeWindow,
} from "./mod_support.ts";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** `OSError(EINVAL)` and friends. */
function osError(errno: number): PyObject {
  return newException(OSError, [errno]);
}

const EINVAL = 22;

/** A str from UTF-8 bytes; invalid text raises `UnicodeError` as on the board. */
export function decodeText(data: Uint8Array): string {
  try {
    return strictUtf8.decode(data);
  } catch {
    throw newException(UnicodeError);
  }
}

/** Number of UTF-8 bytes in the sequence that starts with byte `b`. */
function seqLength(b: number): number {
  if (b < 0x80) return 1;
  if (b >= 0xf0) return 4;
  if (b >= 0xe0) return 3;
  if (b >= 0xc0) return 2;
  return 1;
}

/** A stream implemented here: a byte store with a position. */
export abstract class StreamObject extends PyObject implements NativeStream {
  closed: boolean;
  readonly isText: boolean;

  constructor(type: PyType, isText: boolean) {
    super(type);
    this.closed = false;
    this.isText = isText;
  }

  /** Raises when the stream is closed. */
  checkOpen(): void {
    if (this.closed) throw valueError("I/O operation on closed file");
  }

  /** Reads up to `n` bytes (all when n < 0). */
  abstract readRaw(n: number): Uint8Array;
  /** Writes bytes at the position. */
  abstract writeRaw(data: Uint8Array): number;
  /** Moves the position; returns the new one. */
  abstract seekRaw(offset: number, whence: number): number;
  abstract tellRaw(): number;
  abstract closeRaw(): void;
  flushRaw(): void {}

  streamRead(n: number): Uint8Array {
    this.checkOpen();
    return this.readRaw(n);
  }

  streamWrite(data: Uint8Array): number {
    this.checkOpen();
    return this.writeRaw(data);
  }
}

/** A byte buffer with a position: the store behind StringIO and BytesIO. */
export class PyStringIO extends StreamObject {
  data: Uint8Array;
  length: number;
  pos: number;
  /** Heap address of the buffer. */
  bufAddr: number;

  /**
   * `byRef`: the initial data belongs to an immutable str/bytes, which the
   * stream reads in place until the first write copies it (as the board does).
   */
  constructor(
    type: PyType,
    isText: boolean,
    initial: Uint8Array,
    options: { alloc?: number; byRef?: boolean } = {},
  ) {
    super(type, isText);
    const cap = Math.max(initial.length, options.alloc ?? 0);
    this.data = new Uint8Array(cap);
    this.data.set(initial);
    this.length = initial.length;
    this.pos = 0;
    // mp_obj_stringio_t, its vstr and (unless shared) the vstr's buffer.
    this.h = heap.alloc(16, BlockKind.Other);
    heap.alloc(16, BlockKind.Other, this);
    this.bufAddr = options.byRef === true
      ? 0
      : heap.alloc(cap + 1, BlockKind.Other);
  }

  private ensure(size: number): void {
    if (this.bufAddr === 0) {
      // Copy on write: the stream gets a buffer of its own.
      this.bufAddr = heap.alloc(
        Math.max(size, this.length) + 1,
        BlockKind.Other,
      );
    }
    if (size <= this.data.length) return;
    const grown = new Uint8Array(size + 16);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
    this.bufAddr = heap.realloc(this.bufAddr, grown.length + 1, true);
  }

  readRaw(n: number): Uint8Array {
    const start = Math.min(this.pos, this.length);
    const end = n < 0 ? this.length : Math.min(this.length, start + n);
    this.pos = Math.max(this.pos, end);
    return this.data.slice(start, end);
  }

  writeRaw(src: Uint8Array): number {
    const end = this.pos + src.length;
    this.ensure(end);
    if (this.pos > this.length) this.data.fill(0, this.length, this.pos);
    this.data.set(src, this.pos);
    this.pos = end;
    if (end > this.length) this.length = end;
    return src.length;
  }

  seekRaw(offset: number, whence: number): number {
    const ref = whence === 1 ? this.pos : whence === 2 ? this.length : 0;
    let p = ref + offset;
    if (whence !== 0 && p < 0) p = 0;
    this.pos = p;
    return p;
  }

  tellRaw(): number {
    return this.pos;
  }

  closeRaw(): void {}
}

/** A file on the board's file system. */
export class PyFile extends StreamObject {
  readonly handle: FileHandle;
  readonly fd: number;
  constructor(type: PyType, isText: boolean, handle: FileHandle, fd: number) {
    super(type, isText);
    this.handle = handle;
    this.fd = fd;
    this.h = heap.alloc(8, BlockKind.Other);
  }

  readRaw(n: number): Uint8Array {
    return fsCall(() => this.handle.read(n));
  }

  writeRaw(data: Uint8Array): number {
    return fsCall(() => this.handle.write(data));
  }

  seekRaw(offset: number, whence: number): number {
    // lseek rejects an unknown whence.
    if (whence < 0 || whence > 2) throw osError(EINVAL);
    return fsCall(() => this.handle.seek(offset, whence));
  }

  tellRaw(): number {
    return fsCall(() => this.handle.tell());
  }

  override flushRaw(): void {
    fsCall(() => this.handle.flush());
  }

  closeRaw(): void {
    fdTable().delete(this.fd);
    fsCall(() => this.handle.close());
  }
}

// ---------------------------------------------------------------------------
// Types

/** `io.StringIO`. */
export const stringIOType: PyType = makeType("StringIO", {
  flags: TypeFlag.BaseType,
});
/** `io.BytesIO`. */
export const bytesIOType: PyType = makeType("BytesIO", {
  flags: TypeFlag.BaseType,
});
/** Binary files. */
export const fileIOType: PyType = makeType("FileIO");
/** Text files. */
export const textIOType: PyType = makeType("TextIOWrapper");
/** `io.IOBase`. */
export const ioBaseType: PyType = makeType("IOBase", {
  flags: TypeFlag.BaseType,
});

function streamOf(v: PyObj): StreamObject {
  if (v instanceof StreamObject) return v;
  const native = (v as { native?: PyObj }).native;
  if (native instanceof StreamObject) return native;
  throw typeError(`'${typeName(v)}' object isn't a stream`);
}

/** Reads `n` characters of a text stream (all when n < 0). */
function readChars(s: StreamObject, n: number): Uint8Array {
  if (n < 0) return s.readRaw(-1);
  const parts: Uint8Array[] = [];
  let total = 0;
  let chars = 0;
  let pending = 0; // continuation bytes still owed by the last sequence
  while (chars < n || pending > 0) {
    const want = pending > 0 ? pending : n - chars;
    const chunk = s.readRaw(want);
    if (chunk.length === 0) break;
    parts.push(chunk);
    total += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (pending > 0 && (b & 0xc0) === 0x80) {
        pending--;
        continue;
      }
      chars++;
      pending = seqLength(b) - 1;
    }
  }
  return concatBytes(parts, total);
}

function result(s: StreamObject, data: Uint8Array): PyObj {
  return s.isText ? newStr(decodeText(data)) : newBytes(data);
}

function sizeArg(args: PyObj[], i: number): number {
  if (args.length <= i) return -1;
  return toMachineInt(args[i]);
}

/** Reads one line of at most `max` bytes (no limit when max < 0). */
function readLine(s: StreamObject, max: number): Uint8Array {
  const out: number[] = [];
  while (max < 0 || out.length < max) {
    const b = s.readRaw(1);
    if (b.length === 0) break;
    out.push(b[0]);
    if (b[0] === 10) break;
  }
  return Uint8Array.from(out);
}

function defineStreamMethods(t: PyType, withReadlines: boolean): void {
  defineMethod(t, "read", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    const s = streamOf(args[0]);
    s.checkOpen();
    const n = sizeArg(args, 1);
    return result(s, s.isText ? readChars(s, n) : s.readRaw(n));
  });
  defineMethod(t, "readinto", (args, kw) => {
    checkArgs(args, kw, 2, 3);
    const s = streamOf(args[0]);
    s.checkOpen();
    const buf = bufferOf(args[1], true);
    let n = buf.length;
    if (args.length > 2) n = Math.min(n, toMachineInt(args[2]));
    const data = s.readRaw(n);
    buf.set(data);
    return data.length;
  });
  defineMethod(t, "readline", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    const s = streamOf(args[0]);
    s.checkOpen();
    return result(s, readLine(s, sizeArg(args, 1)));
  });
  if (withReadlines) {
    defineMethod(t, "readlines", (args, kw) => {
      checkArgs(args, kw, 1);
      const s = streamOf(args[0]);
      s.checkOpen();
      const out = newList([]);
      for (;;) {
        const line = readLine(s, -1);
        if (line.length === 0) break;
        listAppend(out, result(s, line));
      }
      return out;
    });
  }
  defineMethod(t, "write", (args, kw) => {
    checkArgs(args, kw, 2, 4);
    const s = streamOf(args[0]);
    s.checkOpen();
    return s.writeRaw(writeWindow(bufferOf(args[1]), args.slice(2)));
  });
  defineMethod(t, "flush", (args, kw) => {
    checkArgs(args, kw, 1);
    const s = streamOf(args[0]);
    s.checkOpen();
    s.flushRaw();
    return None;
  });
  defineMethod(t, "close", (args, kw) => {
    checkArgs(args, kw, 1);
    const s = streamOf(args[0]);
    if (!s.closed) {
      s.closed = true;
      s.closeRaw();
    }
    return None;
  });
  defineMethod(t, "seek", (args, kw) => {
    checkArgs(args, kw, 2, 3);
    const s = streamOf(args[0]);
    const offset = toMachineInt(args[1]);
    const whence = args.length > 2 ? toMachineInt(args[2]) : 0;
    if (whence === 0 && offset < 0) throw osError(EINVAL);
    if (s instanceof PyFile) s.checkOpen();
    return s.seekRaw(offset, whence);
  });
  defineMethod(t, "tell", (args, kw) => {
    checkArgs(args, kw, 1);
    const s = streamOf(args[0]);
    if (s instanceof PyFile) s.checkOpen();
    return s.tellRaw();
  });
  defineMethod(t, "__enter__", (args, kw) => {
    checkArgs(args, kw, 1);
    return args[0];
  });
  defineMethod(t, "__exit__", (args) => {
    const s = streamOf(args[0]);
    if (!s.closed) {
      s.closed = true;
      s.closeRaw();
    }
    return None;
  });
  defineMethod(t, "__next__", (args, kw) => {
    checkArgs(args, kw, 1);
    const v = iterNextLine(args[0]);
    if (v === undefined) throw newException(StopIteration);
    return v;
  });
  t.getIter = (self) => self;
  t.iterNext = iterNextLine;
}

function iterNextLine(self: PyObj): PyObj | undefined {
  const s = streamOf(self);
  s.checkOpen();
  const line = readLine(s, -1);
  if (line.length === 0) return undefined;
  return result(s, line);
}

function memoryStreamNew(
  isText: boolean,
): (type: PyType, args: PyObj[], kw: KwArgs) => PyObj {
  return (type: PyType, args: PyObj[], kw: KwArgs): PyObj => {
    // Extra arguments, keywords included, are ignored, as on the board.
    void kw;
    const own = (type.flags & TypeFlag.UserClass) === 0
      ? type
      : isText
      ? stringIOType
      : bytesIOType;
    if (args.length > 0) {
      const init = args[0];
      if (typeof init === "number") {
        return new PyStringIO(own, isText, new Uint8Array(0), { alloc: init });
      }
      const byRef = typeof init === "string" ||
        (init instanceof PyObject && init.type === bytesType);
      return new PyStringIO(own, isText, bufferOf(init).slice(), { byRef });
    }
    return new PyStringIO(own, isText, new Uint8Array(0));
  };
}

for (
  const [t, isText] of [[stringIOType, true], [bytesIOType, false]] as const
) {
  t.makeNew = memoryStreamNew(isText);
  t.print = (self) => `<io.${t.name} 0x${idOf(self).toString(16)}>`;
  defineStreamMethods(t, false);
  defineMethod(t, "getvalue", (args, kw) => {
    checkArgs(args, kw, 1);
    const s = streamOf(args[0]) as PyStringIO;
    s.checkOpen();
    return result(s, s.data.slice(0, s.length));
  });
}

for (const t of [fileIOType, textIOType]) {
  t.print = (self) => `<io.${t.name} ${(self as PyFile).fd}>`;
  defineStreamMethods(t, true);
  defineMethod(t, "fileno", (args, kw) => {
    checkArgs(args, kw, 1);
    return (streamOf(args[0]) as PyFile).fd;
  });
  defineMethod(t, "__del__", (args, kw) => {
    checkArgs(args, kw, 1);
    const s = streamOf(args[0]);
    if (!s.closed) {
      s.closed = true;
      s.closeRaw();
    }
    return None;
  });
}

let ioBaseSingleton: PyObject | null = null;
ioBaseType.makeNew = (type) => {
  if ((type.flags & TypeFlag.UserClass) !== 0) return new PyObject(ioBaseType);
  if (ioBaseSingleton === null) ioBaseSingleton = new PyObject(ioBaseType);
  return ioBaseSingleton;
};
ioBaseType.print = () => "<IOBase>";
registerIoBase(ioBaseType);

// ---------------------------------------------------------------------------
// open()

/** File descriptors in use, per interpreter: new files take the lowest free one. */
const openFds = new WeakMap<object, Set<number>>();

function fdTable(): Set<number> {
  const key = vmStateOrNull() ?? openFds;
  let t = openFds.get(key);
  if (t === undefined) {
    t = new Set();
    openFds.set(key, t);
  }
  return t;
}

function allocFd(): number {
  const t = fdTable();
  let fd = 3;
  while (t.has(fd)) fd++;
  t.add(fd);
  return fd;
}

interface ModeFlags {
  read: boolean;
  write: boolean;
  append: boolean;
  create: boolean;
  truncate: boolean;
  exclusive: boolean;
  binary: boolean;
}

/** Parses an `open()` mode as the board's VFS does (unknown letters are ignored). */
function parseMode(mode: string): ModeFlags {
  const m: ModeFlags = {
    read: true,
    write: false,
    append: false,
    create: false,
    truncate: false,
    exclusive: false,
    binary: false,
  };
  for (const c of mode) {
    switch (c) {
      case "r":
        // Only the access mode: creation flags set by an earlier letter
        // stay ("wr" truncates), as the unix port's mode parser does.
        m.read = true;
        m.write = false;
        break;
      case "w":
        Object.assign(m, {
          read: false,
          write: true,
          append: false,
          create: true,
          truncate: true,
          exclusive: false,
        });
        break;
      case "x":
        Object.assign(m, {
          read: false,
          write: true,
          append: false,
          create: true,
          truncate: false,
          exclusive: true,
        });
        break;
      case "a":
        Object.assign(m, {
          read: false,
          write: true,
          append: true,
          create: true,
          truncate: false,
          exclusive: false,
        });
        break;
      case "+":
        m.read = true;
        m.write = true;
        break;
      case "b":
        m.binary = true;
        break;
      case "t":
        m.binary = false;
        break;
    }
  }
  return m;
}

function isUnixLike(): boolean {
  const platform = vmStateOrNull()?.platform ?? "linux";
  return platform === "linux" || platform === "darwin";
}

/** `open(file, mode="r", buffering=-1, encoding=None)` on the board's file system. */
export function openFile(args: PyObj[], kw: KwArgs): PyObj {
  const [file, modeArg] = parseArgs(args, kw, [
    { name: "file", required: true },
    { name: "mode" },
    { name: "buffering" },
    { name: "encoding" },
  ]);
  // A bytes path reads as text, as MicroPython's str-or-bytes accessor does.
  const fileName = file instanceof PyBytes && !(file instanceof PyByteArray)
    ? new TextDecoder().decode(file.data)
    : file;
  if (typeof fileName !== "string") {
    throw typeError(
      `can't convert '${typeName(file as PyObj)}' object to str implicitly`,
    );
  }
  const mode = modeArg === undefined
    ? "r"
    : modeArg instanceof PyBytes && !(modeArg instanceof PyByteArray)
    ? new TextDecoder().decode(modeArg.data)
    : modeArg;
  if (typeof mode !== "string") {
    throw typeError(
      `can't convert '${typeName(mode)}' object to str implicitly`,
    );
  }
  const flags = parseMode(mode);
  const path = resolvePath(fileName);
  const fs = moduleHost().fs;
  if (flags.exclusive) {
    let exists = true;
    try {
      fs.stat(path);
    } catch {
      exists = false;
    }
    if (exists) throw osError(17);
  }
  const handle = fsCall(() =>
    fs.open(path, {
      read: flags.read,
      write: flags.write,
      append: flags.append,
      create: flags.create,
      truncate: flags.truncate,
    })
  );
  if (flags.append && isUnixLike()) {
    // O_APPEND starts at 0 (reads see the start); writes still go to the end.
    fsCall(() => handle.seek(0, 0));
  }
  return new PyFile(
    flags.binary ? fileIOType : textIOType,
    !flags.binary,
    handle,
    allocFd(),
  );
}

defineBuiltin("open", openFile);

defineModule("io", (dict) => {
  defineFunction(dict, "open", openFile);
  dict.set("IOBase", ioBaseType);
  dict.set("StringIO", stringIOType);
  dict.set("BytesIO", bytesIOType);
  dict.set("SEEK_SET", 0);
  dict.set("SEEK_CUR", 1);
  dict.set("SEEK_END", 2);
}, { extensible: true });
