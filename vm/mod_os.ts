/**
 * `os` (`extmod/modos.c`, `extmod/vfs.c`): the board's file system seen
 * from Python — `listdir`, `ilistdir`, `stat`, `statvfs`, `mkdir`,
 * `remove`, `rmdir`, `rename`, `getcwd`, `chdir` — plus `urandom`, `sep`,
 * `uname` (on boards) and the environment functions of the unix port
 * (`getenv`, `putenv`, `unsetenv`, on the host board). Paths are resolved
 * against the VM's working folder; failures raise `OSError(errno)`.
 *
 * @module
 */

import { newStr } from "./alloc.ts";
import { defineFunction, defineModule } from "./builtins.ts";
import { newException, OSError, typeError } from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { EntryKind, type FileStat } from "./host.ts";
import {
  makeType,
  None,
  PyBytes,
  type PyObj,
  PyObject,
  PyTuple,
  PyType,
  tupleType,
} from "./obj.ts";
import { repr, typeName } from "./runtime.ts";
import { currentCwd, setCwd, vmStateOrNull } from "./state.ts";
import {
  checkArgs,
  fsCall,
  intResult,
  listAppend,
  moduleHost,
  newBytes,
  newList,
  resolvePath,
  toMachineInt,
} from "./mod_support.ts";

/** `S_IFDIR` and `S_IFREG`, as `stat` and `ilistdir` report entry kinds. */
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;

const ENOTDIR = 20;
const EISDIR = 21;
const EINVAL = 22;
const ENOTEMPTY = 39;

function statMaybe(path: string): FileStat | null {
  try {
    return moduleHost().fs.stat(path);
  } catch {
    return null;
  }
}

/**
 * The errors rename(2) gives where the board's file system would just move
 * the entry: a file onto a folder, a folder onto a file or a non-empty
 * folder, a folder into itself.
 */
function checkRename(from: string, to: string): void {
  const src = statOf(from);
  if (from === to) return;
  const isDir = src.kind === EntryKind.Dir;
  if (isDir && to.startsWith(from.endsWith("/") ? from : from + "/")) {
    throw newException(OSError, [EINVAL]);
  }
  const dst = statMaybe(to);
  if (dst === null) return;
  if (dst.kind === EntryKind.Dir) {
    if (!isDir) throw newException(OSError, [EISDIR]);
    if (listNames(to).length > 0) throw newException(OSError, [ENOTEMPTY]);
  } else if (isDir) {
    throw newException(OSError, [ENOTDIR]);
  }
}

/** The MicroPython release `os.uname()` reports. */
const MICROPYTHON_VERSION = "1.27.0";

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** A path: a str, or bytes (MicroPython reads either as text). */
function pathArg(v: PyObj): string {
  if (typeof v === "string") return v;
  if (v instanceof PyBytes) return utf8.decode(v.data);
  throw typeError(`can't convert '${typeName(v)}' object to str implicitly`);
}

function statOf(path: string): FileStat {
  const fs = moduleHost().fs;
  return fsCall(() => fs.stat(path));
}

function modeOf(st: FileStat): number {
  return st.kind === EntryKind.Dir ? S_IFDIR : S_IFREG;
}

function listNames(dir: string): string[] {
  const fs = moduleHost().fs;
  return fsCall(() => fs.listdir(dir));
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith("/") ? dir + name : dir + "/" + name;
}

/** The iterator `os.ilistdir` returns. */
const ilistdirType: PyType = makeType("iterator");

class PyIlistdir extends PyObject {
  readonly dir: string;
  readonly names: string[];
  /** Names come back as bytes (the folder was given as bytes). */
  readonly asBytes: boolean;
  /** Entries are `(name, type, inode)` as the unix port's VfsPosix gives, not `(name, type, inode, size)`. */
  readonly posix: boolean;
  pos: number;
  constructor(dir: string, names: string[], asBytes: boolean, posix: boolean) {
    super(ilistdirType);
    this.dir = dir;
    this.names = names;
    this.asBytes = asBytes;
    this.posix = posix;
    this.pos = 0;
    this.h = heap.alloc(16, BlockKind.Other);
  }
}

ilistdirType.print = () => "<iterator>";
ilistdirType.getIter = (self) => self;
ilistdirType.iterNext = (self) => {
  const it = self as PyIlistdir;
  if (it.pos >= it.names.length) return undefined;
  const name = it.names[it.pos++];
  let mode = S_IFREG;
  let size = 0;
  try {
    const st = moduleHost().fs.stat(joinPath(it.dir, name));
    mode = modeOf(st);
    size = st.size;
  } catch {
    // An entry that vanished meanwhile is listed as a file.
  }
  const nameObj = it.asBytes
    ? newBytes(utf8Encoder.encode(name))
    : newStr(name);
  return new PyTuple(
    it.posix ? [nameObj, mode, 0] : [nameObj, mode, 0, intResult(size)],
  );
};

const UNAME_FIELDS = ["sysname", "nodename", "release", "version", "machine"];

/** `os.uname()`'s result: a tuple whose items are also attributes (an attrtuple). */
const attrTupleType: PyType = new PyType("tuple", [tupleType]);
attrTupleType.unaryOp = tupleType.unaryOp;
attrTupleType.binaryOp = tupleType.binaryOp;
attrTupleType.subscrLoad = tupleType.subscrLoad;
attrTupleType.getIter = tupleType.getIter;
attrTupleType.hash = tupleType.hash;
attrTupleType.print = (self) => {
  const items = (self as PyTuple).items;
  const parts = items.map((v, i) => `${UNAME_FIELDS[i]}=${repr(v)}`);
  return `(${parts.join(", ")})`;
};
attrTupleType.loadAttr = (self, name) => {
  const i = UNAME_FIELDS.indexOf(name);
  return i < 0 ? undefined : (self as PyTuple).items[i];
};

function uname(): PyTuple {
  const state = vmStateOrNull();
  const sysname = state?.platform ?? "upy";
  const machine = state?.machine ?? "upy";
  return new PyTuple([
    sysname,
    sysname,
    MICROPYTHON_VERSION,
    `v${MICROPYTHON_VERSION} on upy`,
    machine,
  ], attrTupleType);
}

defineModule("os", (dict) => {
  const platform = vmStateOrNull()?.platform ?? "linux";
  const unixLike = platform === "linux" || platform === "darwin";
  dict.set("sep", "/");
  if (!unixLike) {
    defineFunction(dict, "uname", (args, kw) => {
      checkArgs(args, kw, 0);
      return uname();
    });
  }
  defineFunction(dict, "urandom", (args, kw) => {
    checkArgs(args, kw, 1);
    const n = toMachineInt(args[0]);
    return newBytes(moduleHost().randomBytes(Math.max(0, n)));
  });
  if (unixLike) {
    defineFunction(dict, "getenv", (args, kw) => {
      checkArgs(args, kw, 1, 2);
      const v = moduleHost().env.get(pathArg(args[0]));
      if (v === undefined) return args.length > 1 ? args[1] : None;
      return newStr(v);
    });
    defineFunction(dict, "putenv", (args, kw) => {
      checkArgs(args, kw, 2);
      moduleHost().env.set(pathArg(args[0]), pathArg(args[1]));
      return None;
    });
    defineFunction(dict, "unsetenv", (args, kw) => {
      checkArgs(args, kw, 1);
      moduleHost().env.delete(pathArg(args[0]));
      return None;
    });
  }
  defineFunction(dict, "getcwd", (args, kw) => {
    checkArgs(args, kw, 0);
    return newStr(currentCwd());
  });
  defineFunction(dict, "chdir", (args, kw) => {
    checkArgs(args, kw, 1);
    const path = resolvePath(pathArg(args[0]));
    const st = statOf(path);
    if (st.kind !== EntryKind.Dir) throw newException(OSError, [ENOTDIR]);
    setCwd(path);
    return None;
  });
  defineFunction(dict, "listdir", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    const dir = resolvePath(args.length > 0 ? pathArg(args[0]) : ".");
    const asBytes = args.length > 0 && args[0] instanceof PyBytes;
    const out = newList([]);
    for (const name of listNames(dir)) {
      listAppend(
        out,
        asBytes ? newBytes(utf8Encoder.encode(name)) : newStr(name),
      );
    }
    return out;
  });
  defineFunction(dict, "ilistdir", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    const dir = resolvePath(args.length > 0 ? pathArg(args[0]) : ".");
    const asBytes = args.length > 0 && args[0] instanceof PyBytes;
    return new PyIlistdir(dir, listNames(dir), asBytes, unixLike);
  });
  defineFunction(dict, "mkdir", (args, kw) => {
    checkArgs(args, kw, 1);
    const path = resolvePath(pathArg(args[0]));
    fsCall(() => moduleHost().fs.mkdir(path));
    return None;
  });
  const remove = (args: PyObj[], kw: Map<string, PyObj> | null): PyObj => {
    checkArgs(args, kw, 1);
    const path = resolvePath(pathArg(args[0]));
    fsCall(() => moduleHost().fs.remove(path));
    return None;
  };
  defineFunction(dict, "remove", remove);
  defineFunction(dict, "unlink", remove);
  defineFunction(dict, "rmdir", (args, kw) => {
    checkArgs(args, kw, 1);
    const path = resolvePath(pathArg(args[0]));
    fsCall(() => moduleHost().fs.rmdir(path));
    return None;
  });
  defineFunction(dict, "rename", (args, kw) => {
    checkArgs(args, kw, 2);
    const from = resolvePath(pathArg(args[0]));
    const to = resolvePath(pathArg(args[1]));
    checkRename(from, to);
    fsCall(() => moduleHost().fs.rename(from, to));
    return None;
  });
  defineFunction(dict, "stat", (args, kw) => {
    checkArgs(args, kw, 1);
    const st = statOf(resolvePath(pathArg(args[0])));
    const t = intResult(st.mtime);
    return new PyTuple([
      modeOf(st),
      0,
      0,
      0,
      0,
      0,
      intResult(st.size),
      t,
      t,
      t,
    ]);
  });
  defineFunction(dict, "statvfs", (args, kw) => {
    checkArgs(args, kw, 1);
    const path = resolvePath(pathArg(args[0]));
    const v = fsCall(() => moduleHost().fs.statvfs(path));
    return new PyTuple([
      v.blockSize,
      v.blockSize,
      v.blocks,
      v.free,
      v.free,
      0,
      0,
      0,
      0,
      255,
    ]);
  });
  defineFunction(dict, "sync", (args, kw) => {
    checkArgs(args, kw, 0);
    return None;
  });
  defineFunction(dict, "dupterm", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    return None;
  });
}, { extensible: true });
