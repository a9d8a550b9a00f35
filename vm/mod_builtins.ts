/**
 * The built-in functions of the object model (`py/modbuiltins.c`): `print`,
 * `repr`, `isinstance`, `issubclass`, `getattr`/`setattr`/`hasattr`/
 * `delattr`, `callable`, `id`, `globals`, `locals`, `exec`, `eval`,
 * `compile`, `input`, `__repl_print__`, and the constants `NotImplemented`,
 * `Ellipsis`, `None`, `True`, `False`.
 *
 * @module
 */

import { STATIC_QSTRS } from "../compiler/mod.ts";
import { intern, qstrPools, romQstrs } from "./qstr.ts";
import {
  compile as compileSource,
  type CompiledModule,
  CompileError,
} from "../compiler/mod.ts";
import { newStr } from "./alloc.ts";
import {
  BUILTIN_MODULES,
  defineBuiltin,
  defineBuiltinValue,
} from "./builtins.ts";
import { prepareModule } from "./code.ts";
import {
  AttributeError,
  EOFError,
  newException,
  typeError,
  valueError,
} from "./exc.ts";
import {
  currentFrame,
  currentGlobals,
  currentLocals,
  runWithLocals,
} from "./interp.ts";
import { PyMap } from "./map.ts";
import {
  bytesType,
  Ellipsis,
  isSubtype,
  lookupInType,
  makeType,
  None,
  NotImplemented,
  objectType,
  PrintKind,
  PyBoundMethod,
  PyBytes,
  PyDict,
  PyException,
  PyList,
  PyModule,
  type PyObj,
  PyObject,
  PyTuple,
  PyType,
  TypeFlag,
  typeOf,
} from "./obj.ts";
import { compileErrorToException } from "./obj_exception.ts";
import {
  call,
  getAttr,
  idOf,
  isCallable,
  loadAttrMaybe,
  print,
  repr,
  setNotImplemented,
  storeAttr,
  str,
  typeName,
} from "./runtime.ts";
import { printPieces } from "./sequence.ts";
import { currentHost, vmStateOrNull } from "./state.ts";
import {
  checkStream,
  fsCall,
  isPythonStream,
  readBoardFile,
  resolvePath,
  streamWriteBytes,
} from "./mod_support.ts";

const encoder = new TextEncoder();

/** Writes text to the program's standard output. */
export function writeStdout(text: string): void {
  currentHost().writeStdout(encoder.encode(text));
}

setNotImplemented(NotImplemented);
defineBuiltinValue("__name__", "builtins");
defineBuiltinValue("NotImplemented", NotImplemented);
defineBuiltinValue("Ellipsis", Ellipsis);

function kwArg(
  kw: Map<string, PyObj> | null,
  name: string,
): PyObj | undefined {
  return kw === null ? undefined : kw.get(name);
}

/**
 * A `sep` or `end` of print (`mp_obj_str_get_data`): a str, or the bytes'
 * data; anything else, None included, is a TypeError.
 */
function printSeparator(v: PyObj): string {
  if (typeof v === "string") return v;
  if (v instanceof PyBytes && v.type === bytesType) {
    return new TextDecoder().decode(v.data);
  }
  throw typeError(`can't convert '${typeName(v)}' object to str implicitly`);
}

defineBuiltin("print", (args, kw) => {
  let sepObj: PyObj = " ";
  let endObj: PyObj = "\n";
  let file: PyObj | undefined;
  if (kw !== null) {
    for (const [k, v] of kw) {
      if (k === "sep") sepObj = v;
      else if (k === "end") endObj = v;
      // file=None is no stream (MicroPython has no stdout fallback for it).
      else if (k === "file") file = v;
      // print takes only sep, end and file (no flush).
      else throw typeError("extra keyword arguments given");
    }
  }
  const sep = printSeparator(sepObj);
  const end = printSeparator(endObj);
  const target = file;
  // The stream is checked before anything is printed.
  if (target !== undefined) checkStream(target);
  const emit = (text: string): void => {
    if (target === undefined) writeStdout(text);
    else if (text !== "") streamWriteBytes(target, encoder.encode(text));
  };
  if (target !== undefined && isPythonStream(target)) {
    // MicroPython prints straight to the stream, so a stream written in
    // Python sees each item, separator and end as a write of its own.
    for (let i = 0; i < args.length; i++) {
      if (i > 0) emit(sep);
      const a = args[i];
      emit(typeof a === "string" ? a : print(a, PrintKind.Str));
    }
    emit(end);
    return None;
  }
  // MicroPython writes each item (and each part of a list, tuple or dict)
  // as it goes: text before a __str__/__repr__ that prints or raises is
  // already out. The text is gathered and written before any Python code.
  let out = "";
  const write = (text: string): void => {
    out += text;
  };
  const flush = (): void => {
    if (out !== "") emit(out);
    out = "";
  };
  try {
    for (let i = 0; i < args.length; i++) {
      if (i > 0) out += sep;
      const a = args[i];
      if (typeof a === "string") out += a;
      else printPieces(a, PrintKind.Str, write, flush);
    }
  } catch (e) {
    flush();
    throw e;
  }
  emit(out + end);
  return None;
});

defineBuiltin("__repl_print__", (args) => {
  const v = args[0];
  if (v !== None) {
    writeStdout(repr(v) + "\n");
    const s = vmStateOrNull();
    if (s !== null) s.mainGlobals.set("_", v);
  }
  return None;
});

defineBuiltin("repr", (args) => {
  checkNArgs("repr", args, 1, 1);
  return newStr(repr(args[0]));
});

function checkNArgs(
  name: string,
  args: PyObj[],
  min: number,
  max: number,
): void {
  if (args.length < min || args.length > max) {
    if (min === max) {
      throw typeError(
        `function takes ${min} positional arguments but ${args.length} were given`,
      );
    }
    throw typeError(
      args.length < min
        ? `function missing ${min - args.length} required positional arguments`
        : `function expected at most ${max} arguments, got ${args.length}`,
    );
  }
  void name;
}

/**
 * `isinstance(obj, cls)` / `issubclass(cls, cls2)` core: `cls` may be a flat
 * tuple (MicroPython does not look into nested tuples, and items that are not
 * classes simply never match); both builtins report a bad `cls` as issubclass.
 */
function isSubclassOf(t: PyType, classinfo: PyObj): boolean {
  if (classinfo instanceof PyType) return isSubtype(t, classinfo);
  if (classinfo instanceof PyTuple) {
    for (const c of classinfo.items) {
      if (c instanceof PyType && isSubtype(t, c)) return true;
    }
    return false;
  }
  throw typeError("issubclass() arg 2 must be a class or a tuple of classes");
}

defineBuiltin("isinstance", (args) => {
  checkNArgs("isinstance", args, 2, 2);
  return isSubclassOf(typeOf(args[0]), args[1]);
});

defineBuiltin("issubclass", (args) => {
  checkNArgs("issubclass", args, 2, 2);
  const t = args[0];
  if (!(t instanceof PyType)) {
    throw typeError("issubclass() arg 1 must be a class");
  }
  return isSubclassOf(t, args[1]);
});

function attrName(v: PyObj): string {
  if (typeof v !== "string") {
    // The name goes through mp_obj_str_get_qstr, which words it so.
    throw typeError(
      `can't convert '${typeName(v)}' object to str implicitly`,
    );
  }
  // MicroPython looks attributes up by qstr: the name is interned.
  return intern(v);
}

defineBuiltin("getattr", (args) => {
  checkNArgs("getattr", args, 2, 3);
  const name = attrName(args[1]);
  if (args.length === 3) {
    try {
      const v = loadAttrMaybe(args[0], name);
      return v === undefined ? args[2] : v;
    } catch (e) {
      if (e instanceof PyException && isSubtype(e.type, AttributeError)) {
        return args[2];
      }
      throw e;
    }
  }
  return getAttr(args[0], name);
});

defineBuiltin("setattr", (args) => {
  checkNArgs("setattr", args, 3, 3);
  storeAttr(args[0], attrName(args[1]), args[2]);
  return None;
});

defineBuiltin("delattr", (args) => {
  checkNArgs("delattr", args, 2, 2);
  storeAttr(args[0], attrName(args[1]), undefined);
  return None;
});

defineBuiltin("hasattr", (args) => {
  checkNArgs("hasattr", args, 2, 2);
  const name = attrName(args[1]);
  try {
    return loadAttrMaybe(args[0], name) !== undefined;
  } catch (e) {
    if (e instanceof PyException && isSubtype(e.type, AttributeError)) {
      return false;
    }
    throw e;
  }
});

defineBuiltin("callable", (args) => {
  checkNArgs("callable", args, 1, 1);
  return isCallable(args[0]);
});

defineBuiltin("id", (args) => {
  checkNArgs("id", args, 1, 1);
  return idOf(args[0]);
});

/** The dict object of a namespace map (one per map, so `globals() is globals()`). */
const dictOfMap = new WeakMap<PyMap, PyDict>();

/** A dict that shares `map` (module globals seen as a dict). */
export function dictForMap(map: PyMap): PyDict {
  let d = dictOfMap.get(map);
  if (d === undefined) {
    d = new PyDict(map);
    dictOfMap.set(map, d);
  }
  return d;
}

defineBuiltin("globals", (args) => {
  checkNArgs("globals", args, 0, 0);
  const g = currentGlobals();
  return g === null ? None : dictForMap(g);
});

defineBuiltin("locals", (args) => {
  checkNArgs("locals", args, 0, 0);
  const f = currentFrame;
  if (f === null) return None;
  const l = currentLocals();
  return l === null ? None : dictForMap(l);
});

/** The code object `compile()` returns. */
export const codeType: PyType = makeType("code");
codeType.print = (): string => "<code>";

/** A compiled code object: the raw code tree and its mode. */
export class PyCode extends PyObject {
  readonly module: CompiledModule;
  readonly mode: string;
  constructor(module: CompiledModule, mode: string) {
    super(codeType);
    this.module = module;
    this.mode = mode;
  }
}

function compileText(
  source: PyObj,
  filename: string,
  mode: string,
  notText = "object with buffer protocol required",
): CompiledModule {
  let text: string;
  if (typeof source === "string") text = source;
  else {
    const buf = typeOf(source).getBuffer;
    const bytes = buf === null ? undefined : buf(source, false);
    if (bytes === undefined) throw typeError(notText);
    text = new TextDecoder().decode(bytes);
  }
  if (mode !== "exec" && mode !== "eval" && mode !== "single") {
    throw valueError("bad compile mode");
  }
  try {
    return compileSource(text, {
      sourceName: filename,
      optLevel: vmStateOrNull()?.optLevel ?? 0,
      mode,
    });
  } catch (e) {
    if (e instanceof CompileError) throw compileErrorToException(e);
    throw e;
  }
}

defineBuiltin("compile", (args) => {
  checkNArgs("compile", args, 3, 6);
  const filename = str(args[1]);
  const mode = str(args[2]);
  // compile() reads its source as a str (exec and eval take any buffer).
  const notText = `can't convert '${
    typeName(args[0])
  }' object to str implicitly`;
  return new PyCode(compileText(args[0], filename, mode, notText), mode);
});

function namespaceArg(v: PyObj | undefined): PyMap | null {
  if (v === undefined || v === None) return null;
  if (v instanceof PyDict) return v.map;
  // MicroPython raises a TypeError without a message here.
  throw newException(typeError("").type);
}

function execOrEval(
  args: PyObj[],
  mode: "exec" | "eval",
  fromFile = false,
): PyObj {
  checkNArgs(mode, args, 1, 3);
  let globals = namespaceArg(args[1]);
  let locals = namespaceArg(args[2]);
  if (globals === null) {
    globals = currentGlobals() ?? new PyMap();
    if (locals === null) locals = currentLocals() ?? globals;
  } else if (locals === null) {
    locals = globals;
  }
  const src = args[0];
  const module = src instanceof PyCode
    ? src.module
    : fromFile
    ? compileText(readSourceFile(str(src)), str(src), mode)
    : compileText(src, "<string>", mode);
  const code = prepareModule(module);
  const r = runWithLocals(code, globals, locals);
  return mode === "eval" ? r : None;
}

defineBuiltin("exec", (args) => execOrEval(args, "exec"));
defineBuiltin("eval", (args) => execOrEval(args, "eval"));

/** The text of a file on the board (for `execfile`). */
function readSourceFile(name: string): string {
  return fsCall(() =>
    new TextDecoder().decode(readBoardFile(resolvePath(name)))
  );
}

// execfile(filename, globals, locals): exec() of a file's text.
defineBuiltin("execfile", (args) => execOrEval(args, "exec", true));

defineBuiltin("input", (args) => {
  checkNArgs("input", args, 0, 1);
  if (args.length === 1) writeStdout(str(args[0]));
  const line = currentHost().readLine();
  if (line === null) throw newException(EOFError);
  return newStr(line.replace(/\r?\n$/, ""));
});

/** The names MicroPython's qstr table holds, in its order. */
function qstrsInOrder(): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (n: string): void => {
    if (n !== "" && !seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  };
  // The static qstrs by number, then the rest of the firmware's names (its
  // pool is sorted), then the names interned at run time as they came.
  for (const n of STATIC_QSTRS) add(n);
  const rom = [...romQstrs()].filter((n) => !seen.has(n));
  rom.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const n of rom) add(n);
  if (qstrPools !== null) { for (const n of qstrPools.ramInOrder()) add(n); }
  return out;
}

/**
 * `object`'s own methods: MicroPython finds them on `object` itself but not
 * through other types, so dir() of anything else leaves them out.
 */
const OBJECT_ONLY = new Set([
  "__init__",
  "__new__",
  "__setattr__",
  "__delattr__",
]);

/** True when `name` on `obj` would only be found in `object`'s table. */
function onlyOnObject(obj: PyObj, name: string): boolean {
  if (!OBJECT_ONLY.has(name) || obj === objectType) return false;
  const t = obj instanceof PyType ? obj : typeOf(obj);
  if (t === objectType) return false;
  const inst = (obj as { dict?: unknown }).dict;
  if (!(obj instanceof PyType) && inst instanceof PyMap && inst.has(name)) {
    return false;
  }
  return lookupInType(t, name) === objectType.dict.get(name);
}

/**
 * dir(obj) as MicroPython builds it: every qstr, in table order, that names
 * an attribute `obj` has (looking each up, as `getattr` would).
 */
function dirNames(obj: PyObj): PyObj[] | PyObj {
  // A __dir__ method bound to obj answers instead (its result as it is).
  if (!(obj instanceof PyType)) {
    const own = loadAttrMaybe(obj, "__dir__");
    if (own instanceof PyBoundMethod) return call(own, []);
  }
  const out: PyObj[] = [];
  const listed = new Set<string>();
  const probe = (name: string): void => {
    if (listed.has(name) || onlyOnObject(obj, name)) return;
    let v: PyObj | undefined;
    try {
      v = loadAttrMaybe(obj, name);
    } catch {
      v = undefined;
    }
    if (v === undefined) return;
    listed.add(name);
    out.push(name);
  };
  for (const n of qstrsInOrder()) probe(n);
  // Names in a namespace that were never interned come last.
  const addMap = (m: PyMap): void => {
    for (let s = m.nextSlot(-1); s >= 0; s = m.nextSlot(s)) {
      const k = m.keys[s] as PyObj;
      if (typeof k === "string") probe(k);
    }
  };
  if (obj instanceof PyModule) {
    addMap(obj.dict);
  } else {
    const inst = (obj as { dict?: unknown }).dict;
    if (!(obj instanceof PyType) && inst instanceof PyMap) addMap(inst);
    const t = obj instanceof PyType ? obj : typeOf(obj);
    for (const c of t.mro) addMap(c.dict);
  }
  return out;
}

/** What `help()` prints (the firmware's default text). */
const HELP_TEXT = "Welcome to MicroPython!\n\n" +
  "For online docs please visit http://docs.micropython.org/\n\n" +
  "Control commands:\n" +
  "  CTRL-A        -- on a blank line, enter raw REPL mode\n" +
  "  CTRL-B        -- on a blank line, enter normal REPL mode\n" +
  "  CTRL-C        -- interrupt a running program\n" +
  "  CTRL-D        -- on a blank line, exit or do a soft reset\n" +
  "  CTRL-E        -- on a blank line, enter paste mode\n\n" +
  "For further help on a specific object, type help(obj)\n" +
  "For a list of available modules, type help('modules')\n";

/** `help('modules')`: the built-in modules in columns. */
function helpModules(): string {
  const names = [...BUILTIN_MODULES.keys(), "__main__"].sort();
  const rows = Math.ceil(names.length / 4);
  let out = "";
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < 4; c++) {
      const n = names[c * rows + r];
      if (n !== undefined) line += c < 3 ? n.padEnd(18) : n;
    }
    out += line.trimEnd() + "\n";
  }
  return out + "Plus any modules on the filesystem\n";
}

defineBuiltin("help", (args) => {
  checkNArgs("help", args, 0, 1);
  if (args.length === 0) {
    writeStdout(HELP_TEXT);
    return None;
  }
  const obj = args[0];
  if (obj === "modules") {
    writeStdout(helpModules());
    return None;
  }
  // The object, its type, then the names in its namespace (a module's
  // globals or a class's own table) with their values.
  let out = `object ${str(obj)} is of type ${typeName(obj)}\n`;
  const t = obj instanceof PyType ? obj : typeOf(obj);
  const map = obj instanceof PyModule ? obj.dict : t.dict;
  const entries: [PyObj, PyObj][] = [];
  for (let s = map.nextSlot(-1); s >= 0; s = map.nextSlot(s)) {
    entries.push([map.keys[s] as PyObj, map.values[s] as PyObj]);
  }
  if (!(obj instanceof PyModule) && (t.flags & TypeFlag.UserClass) === 0) {
    // A built-in type's table is in ROM, sorted by name.
    entries.sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
  }
  for (const [k, v] of entries) out += `  ${str(k)} -- ${str(v)}\n`;
  writeStdout(out);
  return None;
});

defineBuiltin("dir", (args) => {
  checkNArgs("dir", args, 0, 1);
  if (args.length === 0) {
    const l = currentLocals();
    const out: PyObj[] = [];
    if (l !== null) {
      for (let s = l.nextSlot(-1); s >= 0; s = l.nextSlot(s)) {
        out.push(l.keys[s] as PyObj);
      }
    }
    return new PyList(out);
  }
  const names = dirNames(args[0]);
  return Array.isArray(names) ? new PyList(names) : names;
});

/** `kwArg` is kept for built-ins that read keyword options. */
export { kwArg };
