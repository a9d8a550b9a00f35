/**
 * MicroPython inside a JavaScript program, in the shape of MicroPython's own
 * JavaScript API (the webassembly port's `loadMicroPython`): `runPython`,
 * `globals.get/set/delete`, `registerJsModule`, `pyimport`. Values cross
 * the boundary converted: None/bool/int/float/str/bytes/list/tuple/dict to
 * their JavaScript counterparts and back; Python callables become JavaScript
 * functions and JavaScript functions Python callables; other objects travel
 * as proxies.
 *
 * @module
 */

import { compile, CompileError } from "../compiler/mod.ts";
import { BUILTIN_MODULES } from "./builtins.ts";
import { type Filesystem, FsError, type Host } from "./host.ts";
import { runCompiled, toPyException } from "./interp.ts";
import { newModule } from "./import.ts";
import {
  None,
  PyBytes,
  PyDict,
  PyFloat,
  PyList,
  PyModule,
  PyNativeFunction,
  type PyObj,
  PyObject,
  PyTuple,
  typeOf,
} from "./obj.ts";
import { compileErrorToException, formatException } from "./obj_exception.ts";
import { call, getAttr, isCallable, storeAttr } from "./runtime.ts";
import { Interpreter } from "./vm.ts";

/** Options of {@link loadMicroPython}, as MicroPython's JavaScript API has them. */
export interface LoadOptions {
  /** GC heap size in bytes (default 1 MiB). */
  heapsize?: number;
  /** Receives program output: lines (linebuffer true, the default) or byte chunks. */
  stdout?: (data: string | Uint8Array) => void;
  /** Receives error output, as `stdout`. */
  stderr?: (data: string | Uint8Array) => void;
  /** Call `stdout`/`stderr` once per line (true, the default) or per write. */
  linebuffer?: boolean;
  /** Lines returned by `input()` / `sys.stdin.readline()`. */
  stdin?: () => string | null;
  /** The file system the program sees (default: none). */
  fs?: Filesystem;
}

/** A running MicroPython, as `loadMicroPython` returns it. */
export interface MicroPython {
  /** Runs code; returns the value of a final expression (else undefined). */
  runPython(code: string): unknown;
  /** `__main__`'s globals. */
  globals: {
    get(name: string): unknown;
    set(name: string, value: unknown): void;
    delete(name: string): void;
  };
  /** Makes a JavaScript object importable as module `name`. */
  registerJsModule(name: string, module: object): void;
  /** Imports a Python module and returns it as a proxy. */
  pyimport(name: string): unknown;
  /** The interpreter behind the API. */
  interpreter: Interpreter;
}

/** A Python exception that reached JavaScript. */
export class PythonError extends Error {
  /** The Python exception's type name. */
  readonly type: string;
  constructor(type: string, message: string) {
    super(message);
    this.name = "PythonError";
    this.type = type;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function emptyFs(): Filesystem {
  const fail = (): never => {
    // An empty file system: every path is missing (ENOENT), as on a board
    // with nothing on its flash; importing built-in modules still works.
    throw new FsError(2, "no such file or directory");
  };
  return {
    stat: fail,
    listdir: fail,
    open: fail,
    mkdir: fail,
    remove: fail,
    rmdir: fail,
    rename: fail,
    statvfs: () => ({ blockSize: 512, blocks: 0, free: 0 }),
  };
}

function sink(
  fn: ((data: string | Uint8Array) => void) | undefined,
  lines: boolean,
): (data: Uint8Array) => void {
  if (fn === undefined) return () => {};
  if (!lines) return (data) => fn(data.slice());
  let pending = "";
  return (data) => {
    pending += decoder.decode(data);
    let nl = pending.indexOf("\n");
    while (nl >= 0) {
      fn(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf("\n");
    }
  };
}

/** JavaScript value → Python value. */
export function jsToPy(v: unknown): PyObj {
  if (v === undefined || v === null) return None;
  switch (typeof v) {
    case "boolean":
      return v;
    case "number":
      return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER
        ? v
        : new PyFloat(v);
    case "bigint":
      return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
    case "string":
      return v;
    case "function": {
      const fn = v as (...args: unknown[]) => unknown;
      return new PyNativeFunction(
        fn.name || "js_function",
        (args) => jsToPy(fn(...args.map(pyToJs))),
      );
    }
  }
  if (v instanceof PyObject) return v;
  const proxied = (v as { [PY_OBJECT]?: PyObj })[PY_OBJECT];
  if (proxied !== undefined) return proxied;
  if (v instanceof Uint8Array) return new PyBytes(v.slice());
  if (Array.isArray(v)) return new PyList(v.map(jsToPy));
  if (v instanceof Map) {
    const d = new PyDict();
    for (const [k, x] of v) d.map.set(jsToPy(k), jsToPy(x));
    return d;
  }
  const d = new PyDict();
  for (const [k, x] of Object.entries(v as object)) d.map.set(k, jsToPy(x));
  return d;
}

const PY_OBJECT = Symbol("python object");

/** Python value → JavaScript value. */
export function pyToJs(v: PyObj): unknown {
  switch (typeof v) {
    case "number":
    case "bigint":
    case "boolean":
    case "string":
      return v;
  }
  if (v === None) return null;
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyBytes) return v.data.slice();
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map(pyToJs);
  if (v instanceof PyDict) {
    const out: Record<string, unknown> = {};
    const m = v.map;
    for (let s = m.nextSlot(-1); s >= 0; s = m.nextSlot(s)) {
      out[String(pyToJs(m.keys[s] as PyObj))] = pyToJs(m.values[s] as PyObj);
    }
    return out;
  }
  return proxy(v);
}

/** A JavaScript proxy of a Python object: attributes, calls. */
function proxy(obj: PyObj): unknown {
  const target = isCallable(obj)
    ? function (...args: unknown[]): unknown {
      return guarded(() => pyToJs(call(obj, args.map(jsToPy))));
    }
    : {};
  return new Proxy(target, {
    get(_t, key): unknown {
      if (key === PY_OBJECT) return obj;
      if (typeof key !== "string") return undefined;
      if (key === "toString") return () => `<python ${typeOf(obj).name}>`;
      return guarded(() => pyToJs(getAttr(obj, key)));
    },
    set(_t, key, value): boolean {
      if (typeof key !== "string") return false;
      guarded(() => storeAttr(obj, key, jsToPy(value)));
      return true;
    },
  });
}

let activeInterpreter: Interpreter | null = null;

function guarded<T>(body: () => T): T {
  if (activeInterpreter !== null) activeInterpreter.enter();
  try {
    return body();
  } catch (e) {
    const exc = e instanceof CompileError
      ? compileErrorToException(e)
      : toPyException(e);
    throw new PythonError(exc.type.name, formatException(exc).trimEnd());
  }
}

/** Starts a MicroPython interpreter for use from JavaScript. */
export function loadMicroPython(options: LoadOptions = {}): MicroPython {
  const lines = options.linebuffer ?? true;
  const out = sink(options.stdout, lines);
  const err = sink(options.stderr, lines);
  const stdinLines = options.stdin;
  let stdinBuf = new Uint8Array(0);
  const host: Host = {
    writeStdout: out,
    writeStderr: err,
    readLine: () => (stdinLines === undefined ? null : stdinLines()),
    readStdin: (n) => {
      if (stdinBuf.length === 0 && stdinLines !== undefined) {
        const l = stdinLines();
        if (l !== null) stdinBuf = encoder.encode(l);
      }
      const r = stdinBuf.slice(0, n);
      stdinBuf = stdinBuf.slice(r.length);
      return r;
    },
    monotonicMs: () => performance.now(),
    wallSeconds: () => Date.now() / 1000,
    sleepMs: () => false,
    takeInterrupt: () => false,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    env: new Map(),
    fs: options.fs ?? emptyFs(),
  };
  const interp = new Interpreter({
    host,
    heapBytes: options.heapsize ?? 1024 * 1024,
    accounting: true,
    floatBits: 64,
    argv: [],
    path: ["", "/lib"],
    cwd: "/",
    optLevel: 0,
    platform: "webassembly",
    machine: "JavaScript with upy",
    build: "embed",
  });
  const globals = interp.mainGlobals;
  const run = <T>(body: () => T): T => {
    activeInterpreter = interp;
    return guarded(body);
  };
  return {
    interpreter: interp,
    runPython(code: string): unknown {
      return run(() => {
        let module;
        try {
          module = compile(code, { sourceName: "<stdin>", mode: "eval" });
        } catch {
          module = compile(code, { sourceName: "<stdin>" });
          runCompiled(module, globals);
          return undefined;
        }
        return pyToJs(runCompiled(module, globals));
      });
    },
    globals: {
      get: (name) =>
        run(() => {
          const v = globals.get(name);
          return v === undefined ? undefined : pyToJs(v);
        }),
      set: (name, value) => run(() => globals.set(name, jsToPy(value))),
      delete: (name) => run(() => void globals.delete(name)),
    },
    registerJsModule(name: string, module: object): void {
      BUILTIN_MODULES.set(name, (): PyModule => {
        const m = newModule(name);
        for (const [k, v] of Object.entries(module)) m.dict.set(k, jsToPy(v));
        return m;
      });
      run(() => interp.state.modules.map.delete(name));
    },
    pyimport(name: string): unknown {
      return run(() => {
        const top = call(getAttr(builtinsModule(), "__import__"), [name]);
        let m: PyObj = top;
        for (const part of name.split(".").slice(1)) m = getAttr(m, part);
        return proxy(m);
      });
    },
  };
}

function builtinsModule(): PyObj {
  const f = BUILTIN_MODULES.get("builtins");
  if (f === undefined) throw new Error("No builtins module");
  return f();
}
