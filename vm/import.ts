/**
 * The import system (`py/builtinimport.c`): `import`, `from … import`,
 * `import *`, `__import__`, the `sys.path` search (in each folder: a package
 * folder, then `NAME.py`, then `NAME.mpy`), packages with or without
 * `__init__`, relative imports, `sys.modules` and circular imports, with
 * MicroPython's `ImportError` wording.
 *
 * @module
 */

import { compile, CompileError, readMpy } from "../compiler/mod.ts";
import {
  BUILTIN_MODULES,
  builtinsDict,
  defineBuiltin,
  EXTENSIBLE_MODULES,
} from "./builtins.ts";
import { importError, typeError } from "./exc.ts";
import { EntryKind, FsError } from "./host.ts";
import { heap } from "./heap.ts";
import { hooks, runCompiled } from "./interp.ts";
import { markCompiledOnBoard } from "./memory.ts";
import { intern } from "./qstr.ts";
import { PyMap } from "./map.ts";
import {
  None,
  PyBytes,
  PyDict,
  PyList,
  PyModule,
  type PyObj,
  PyTuple,
} from "./obj.ts";
import { compileErrorToException } from "./obj_exception.ts";
import { loadAttrMaybe, str, typeName } from "./runtime.ts";
import { vmState } from "./state.ts";
import { readBoardFile } from "./mod_support.ts";

/** Joins a board path and a name (`""` is the working folder). */
function joinPath(dir: string, name: string): string {
  if (dir === "") return name;
  return dir.endsWith("/") ? dir + name : dir + "/" + name;
}

/** An absolute board path for `path` (relative ones are against the cwd). */
export function absPath(path: string): string {
  const cwd = vmState().cwd;
  let p = path.startsWith("/") ? path : joinPath(cwd === "" ? "/" : cwd, path);
  const parts: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  p = "/" + parts.join("/");
  return p;
}

const enum Stat {
  None = 0,
  File = 1,
  Dir = 2,
}

function stat(path: string): Stat {
  try {
    const s = vmState().host.fs.stat(absPath(path));
    return s.kind === EntryKind.Dir ? Stat.Dir : Stat.File;
  } catch (e) {
    if (e instanceof FsError) return Stat.None;
    throw e;
  }
}

function readFile(path: string): Uint8Array {
  return readBoardFile(absPath(path));
}

function modules(): PyMap {
  return vmState().modules.map;
}

/** Where a module was found. */
interface Found {
  /** The file to run (`.py` or `.mpy`), or null for a package without `__init__`. */
  file: string | null;
  /** For a package: its folder. */
  pkgDir: string | null;
}

/** Looks for `name` (one component) in folder `dir`. */
function findIn(dir: string, name: string): Found | null {
  const base = joinPath(dir, name);
  if (stat(base) === Stat.Dir) {
    for (const init of ["__init__.py", "__init__.mpy"]) {
      const f = joinPath(base, init);
      if (stat(f) === Stat.File) return { file: f, pkgDir: base };
    }
    return { file: null, pkgDir: base };
  }
  for (const ext of [".py", ".mpy"]) {
    if (stat(base + ext) === Stat.File) {
      return { file: base + ext, pkgDir: null };
    }
  }
  return null;
}

/** Runs a module's file in its globals. */
function execFile(file: string, globals: PyMap): void {
  const data = readFile(file);
  if (file.endsWith(".mpy")) {
    runCompiled(readMpy(data), globals);
    return;
  }
  const source = new TextDecoder().decode(data);
  let module;
  try {
    module = compile(source, {
      sourceName: file,
      optLevel: vmState().optLevel,
    });
  } catch (e) {
    if (e instanceof CompileError) throw compileErrorToException(e);
    throw e;
  }
  markCompiledOnBoard(module, source);
  runCompiled(module, globals);
}

/** Makes a module object and its globals. */
export function newModule(name: string): PyModule {
  const g = new PyMap(1);
  g.set("__name__", name);
  return new PyModule(name, g);
}

/**
 * Loads the module `fullName` whose last component is `leaf`, searching
 * `dirs` (sys.path, or the parent package's folder); returns undefined when
 * it is not found.
 */
function loadModule(
  fullName: string,
  leaf: string,
  dirs: string[] | null,
): PyModule | undefined {
  const mods = modules();
  const cached = mods.get(fullName);
  if (cached !== undefined) return cached as PyModule;
  const topLevel = dirs === null;
  if (dirs === null) {
    // Built-in modules that files may not override come first.
    const builtinName = fullName === "usys" ? "sys" : fullName;
    const factory = BUILTIN_MODULES.get(builtinName);
    if (factory !== undefined && !EXTENSIBLE_MODULES.has(builtinName)) {
      return builtinModule(builtinName, factory);
    }
    dirs = pathList();
  }
  for (const dir of dirs) {
    if (dir === ".frozen") continue;
    const found = findIn(dir, leaf);
    if (found === null) continue;
    const m = newModule(fullName);
    // The importer interns the file's path (`__file__`).
    if (found.file !== null) m.dict.set("__file__", intern(found.file));
    if (found.pkgDir !== null) m.dict.set("__path__", found.pkgDir);
    mods.set(fullName, m);
    if (found.file !== null) {
      try {
        execFile(found.file, m.dict);
      } catch (e) {
        mods.delete(fullName);
        throw e;
      }
    }
    return m;
  }
  if (topLevel) return extensibleModule(fullName);
  return undefined;
}

/**
 * An extensible built-in module (`json`, `os`, `time` …), found after
 * `sys.path` so that a file of the same name wins; `import ujson` still
 * finds `json`, as MicroPython allows the old `u` names.
 */
function extensibleModule(name: string): PyModule | undefined {
  for (const candidate of [name, name.startsWith("u") ? name.slice(1) : ""]) {
    const factory = BUILTIN_MODULES.get(candidate);
    if (factory !== undefined && EXTENSIBLE_MODULES.has(candidate)) {
      return builtinModule(candidate, factory);
    }
  }
  return undefined;
}

/**
 * Built-in modules live in ROM on a board: importing one costs no heap and
 * does not enter `sys.modules`. Each interpreter builds each one once.
 */
const builtinCache = new WeakMap<object, Map<string, PyModule>>();

function builtinModule(name: string, factory: () => PyModule): PyModule {
  const state = vmState();
  let cache = builtinCache.get(state);
  if (cache === undefined) {
    cache = new Map();
    builtinCache.set(state, cache);
  }
  let m = cache.get(name);
  if (m === undefined) {
    m = heap.withoutAccounting(factory);
    cache.set(name, m);
  }
  return m;
}

let pathCache: { list: PyList; strs: string[]; key: string } | null = null;

function pathList(): string[] {
  const list = vmState().path;
  const items = list.items;
  const key = items.map((v) => (typeof v === "string" ? v : "")).join("\0");
  if (pathCache !== null && pathCache.list === list && pathCache.key === key) {
    return pathCache.strs;
  }
  const strs = items.filter((v): v is string => typeof v === "string");
  pathCache = { list, strs, key };
  return strs;
}

function noModule(name: string): never {
  throw importError(`no module named '${name}'`);
}

/** Imports a dotted name; returns the top-level and the leaf module. */
function importDotted(fullName: string): [PyModule, PyModule] {
  const parts = fullName.split(".");
  let name = "";
  let top: PyModule | null = null;
  let parent: PyModule | null = null;
  for (const part of parts) {
    name = name === "" ? part : name + "." + part;
    let dirs: string[] | null = null;
    if (parent !== null) {
      const p = parent.dict.get("__path__");
      if (typeof p !== "string") noModule(name);
      dirs = [p];
    }
    const m = loadModule(name, part, dirs);
    if (m === undefined) noModule(name);
    if (parent !== null) parent.dict.set(part, m);
    if (top === null) top = m;
    parent = m;
  }
  return [top!, parent!];
}

/** Resolves a relative import against the importing module's globals. */
function resolveRelative(name: string, level: number, globals: PyMap): string {
  const modName = globals.get("__name__");
  const isPkg = globals.get("__path__") !== undefined;
  if (typeof modName !== "string" || modName === "__main__") {
    throw importError("can't perform relative import");
  }
  let base = modName;
  const parts = base.split(".");
  const drop = isPkg ? level - 1 : level;
  const kept = parts.slice(0, parts.length - drop);
  if (drop > parts.length || kept.length === 0) {
    throw importError("can't perform relative import");
  }
  base = kept.join(".");
  return name === "" ? base : base + "." + name;
}

/** `IMPORT_NAME`: `__import__(name, globals, None, fromlist, level)`. */
export function importName(
  name: string,
  fromlist: PyObj,
  level: number,
  globals: PyMap,
): PyObj {
  const full = level > 0 ? resolveRelative(name, level, globals) : name;
  if (full === "") throw importError("can't perform relative import");
  const [top, leaf] = importDotted(full);
  const hasFrom = fromlist !== None &&
    !(fromlist instanceof PyTuple && fromlist.items.length === 0);
  if (hasFrom || level > 0 && name === "") return leaf;
  return level > 0 ? leaf : top;
}

/** `IMPORT_FROM`: an attribute of the module, or its submodule. */
export function importFrom(module: PyObj, name: string): PyObj {
  const v = loadAttrMaybe(module, name);
  if (v !== undefined) return v;
  if (module instanceof PyModule) {
    const path = module.dict.get("__path__");
    if (typeof path === "string") {
      const full = module.name + "." + name;
      const m = loadModule(full, name, [path]);
      if (m === undefined) noModule(full);
      module.dict.set(name, m);
      return m;
    }
  }
  throw importError(`can't import name ${name}`);
}

/** `IMPORT_STAR`: copies the module's public names (or its `__all__`). */
export function importStar(module: PyObj, locals: PyMap): void {
  if (!(module instanceof PyModule)) return;
  const d = module.dict;
  const all = d.get("__all__");
  if (all instanceof PyList || all instanceof PyTuple) {
    for (const n of all.items) {
      const key = str(n);
      const v = d.get(key);
      if (v !== undefined) locals.set(key, v);
    }
    return;
  }
  for (let s = d.nextSlot(-1); s >= 0; s = d.nextSlot(s)) {
    const k = d.keys[s];
    if (typeof k === "string" && !k.startsWith("_")) {
      locals.set(k, d.values[s] as PyObj);
    }
  }
}

/** Runs module `name` (found on sys.path) as `__main__` (`-m`). */
export function importModuleAsMain(name: string, mainGlobals: PyMap): void {
  const parts = name.split(".");
  let dirs = pathList();
  if (parts.length > 1) {
    const [, parent] = importDotted(parts.slice(0, -1).join("."));
    const p = parent.dict.get("__path__");
    if (typeof p !== "string") noModule(name);
    dirs = [p];
  }
  const leaf = parts[parts.length - 1];
  for (const dir of dirs) {
    const found = findIn(dir, leaf);
    if (found === null) continue;
    if (found.pkgDir !== null) {
      const main = findIn(found.pkgDir, "__main__");
      if (main === null || main.file === null) noModule(name + ".__main__");
      mainGlobals.set("__file__", main.file);
      execFile(main.file, mainGlobals);
      return;
    }
    mainGlobals.set("__file__", found.file!);
    execFile(found.file!, mainGlobals);
    return;
  }
  noModule(name);
}

hooks.importName = importName;
hooks.importFrom = importFrom;
hooks.importStar = importStar;

/** The name `__import__` is given: a str, or bytes taken as their text. */
function moduleName(v: PyObj): string {
  if (typeof v === "string") return v;
  if (v instanceof PyBytes) return new TextDecoder().decode(v.data);
  throw typeError(`can't convert '${typeName(v)}' object to str implicitly`);
}

defineBuiltin("__import__", (args) => {
  if (args.length < 1) {
    throw typeError("function missing 1 required positional arguments");
  }
  const name = moduleName(args[0]);
  const globals = args.length > 1 && args[1] instanceof PyDict
    ? args[1].map
    : vmState().mainGlobals;
  const fromlist = args.length > 3 ? args[3] : None;
  const level = args.length > 4 && typeof args[4] === "number" ? args[4] : 0;
  return importName(name, fromlist, level, globals);
});

/** The `builtins` module. */
BUILTIN_MODULES.set("builtins", () => new PyModule("builtins", builtinsDict));
