/**
 * The interpreter as a whole: its state (`mp_state_ctx_t`), start-up, and the
 * entry points that run a file, a string, a module, a `.mpy` or the REPL.
 *
 * Uncaught exceptions end a run with their traceback on stderr in
 * MicroPython's format and exit status 1; `SystemExit` ends it with its
 * code, as the unix port's `micropython` binary does.
 *
 * @module
 */

import {
  compile,
  type CompiledModule,
  CompileError,
  MpyFormatError,
  readMpy,
} from "../compiler/mod.ts";
import "./install.ts";
import { builtinsDict } from "./builtins.ts";
import { SystemExit } from "./exc.ts";
import { type GcHeap, heap, setHeap, type Visit } from "./heap.ts";
import {
  BoardMemory,
  type BoardMemoryOptions,
  markCompiledOnBoard,
  staticObject,
} from "./memory.ts";
import { intern, qstrPools, setQstrPools } from "./qstr.ts";
import type { Host } from "./host.ts";
import {
  resetInterpreter,
  runCompiled,
  setInterruptSource,
  toPyException,
} from "./interp.ts";
import { currentFrame } from "./interp.ts";
import { PyMap } from "./map.ts";
import {
  None,
  PyDict,
  PyException,
  PyList,
  PyModule,
  type PyObj,
} from "./obj.ts";
import { compileErrorToException, formatException } from "./obj_exception.ts";
import { importModuleAsMain } from "./import.ts";
import { repr } from "./runtime.ts";
import { runScheduled } from "./scheduler.ts";
import { setVmState, type VmState } from "./state.ts";

/** How an interpreter is set up; a board profile and the command line decide it. */
export interface InterpreterOptions {
  /** The terminal, clock and file system. */
  host: Host;
  /** Bytes of the GC heap region (as `-X heapsize=`). */
  heapBytes: number;
  /** Charge every allocation to the simulated heap (false: no limit, no figures). */
  accounting: boolean;
  /** Float precision of the board: 64 (double) or 32 (single). */
  floatBits: 32 | 64;
  /** `sys.argv`. */
  argv: string[];
  /** `sys.path` (board paths). */
  path: string[];
  /** The working folder on the board. */
  cwd: string;
  /** Optimisation level for code compiled at run time (`-O`). */
  optLevel: number;
  /** `sys.platform`. */
  platform: string;
  /** `sys.implementation._machine`. */
  machine: string;
  /** `sys.implementation._build`. */
  build: string;
  /** The board's memory figures besides the heap size (C stack, start-up qstrs, …). */
  memory?: Omit<BoardMemoryOptions, "accounting" | "heapBytes">;
}

const encoder = new TextEncoder();

/** MicroPython's version the VM reports. */
export const MICROPYTHON_VERSION = "1.27.0";

/** One MicroPython interpreter on one board. */
export class Interpreter {
  readonly options: InterpreterOptions;
  /** The board's GC heap. */
  readonly heap: GcHeap;
  /** The board's heap and qstr pools. */
  readonly memory: BoardMemory;
  /** The interpreter's state (sys.modules, sys.path, …). */
  readonly state: VmState;
  /** `__main__`'s globals. */
  readonly mainGlobals: PyMap;

  constructor(options: InterpreterOptions) {
    this.options = options;
    const previousHeap = heap;
    const previousPools = qstrPools;
    this.memory = new BoardMemory({
      ...options.memory,
      accounting: options.accounting,
      heapBytes: options.heapBytes,
    });
    this.heap = this.memory.heap;
    this.memory.activate();
    try {
      // The __main__ globals start with room for one name (`dict_main`).
      const mainGlobals = new PyMap(1);
      mainGlobals.set("__name__", "__main__");
      const modules = new PyDict(new PyMap(3));
      this.mainGlobals = mainGlobals;
      this.state = {
        host: options.host,
        modules,
        path: new PyList(options.path.slice()),
        argv: new PyList(options.argv.slice()),
        cwd: options.cwd,
        optLevel: options.optLevel,
        floatBits: options.floatBits,
        platform: options.platform,
        machine: options.machine,
        build: options.build,
        mainGlobals,
        extraRoots: [],
      };
      modules.map.set("__main__", new PyModule("__main__", mainGlobals));
      // These objects live in the interpreter's static state on a board:
      // only their tables and item arrays are on the heap.
      staticObject(modules);
      staticObject(this.state.path);
      staticObject(this.state.argv);
      staticObject(modules.map.get("__main__") as PyModule);
    } finally {
      setHeap(previousHeap);
      setQstrPools(previousPools);
    }
    this.heap.addRootTracer((visit: Visit): void => this.traceRoots(visit));
  }

  private traceRoots(visit: Visit): void {
    visit(this.state.modules);
    visit(this.state.path);
    visit(this.state.argv);
    visit(this.mainGlobals);
    for (const r of this.state.extraRoots) visit(r);
    visit(builtinsDict);
    for (let f = currentFrame; f !== null; f = f.back) {
      for (const v of f.state) if (v !== undefined) visit(v);
      visit(f.globals);
      visit(f.locals);
      for (const e of f.prevExc) if (e !== undefined) visit(e);
      if (f.caught !== undefined) visit(f.caught);
      // The running function and its code (tables, constants, a heap frame).
      visit(f);
    }
  }

  /** Makes this interpreter the running one (heap, state, Ctrl-C). */
  enter(): void {
    this.memory.activate();
    setVmState(this.state);
    const host = this.options.host;
    setInterruptSource(() => host.takeInterrupt());
  }

  /** Writes text to the host's stderr. */
  private writeErr(text: string): void {
    this.options.host.writeStderr(encoder.encode(text));
  }

  /**
   * Runs `body` as a top-level program step: an uncaught exception prints its
   * traceback and gives 1, `SystemExit` its code.
   */
  private guard(body: () => void): number {
    this.enter();
    try {
      body();
      // The unix port and pyexec run what micropython.schedule queued
      // before reporting the end (mp_handle_pending after the script).
      runScheduled();
      return 0;
    } catch (err) {
      resetInterpreter();
      try {
        runScheduled();
      } catch {
        // A callback failing while the script's exception is reported has
        // nowhere to go.
      }
      let exc: PyException;
      try {
        exc = err instanceof CompileError
          ? compileErrorToException(err)
          : toPyException(err);
      } catch {
        this.writeErr(`upy: internal error: ${String(err)}\n`);
        return 1;
      }
      return this.uncaught(exc);
    } finally {
      this.flush();
    }
  }

  /** Flushes buffered output (`sys.stdout` writes go straight to the host). */
  private flush(): void {}

  /** Reports an exception that reached the top; returns the exit status. */
  uncaught(exc: PyException): number {
    if (exc.type === SystemExit || exc.type.mro.includes(SystemExit)) {
      return this.systemExitStatus(exc);
    }
    try {
      this.writeErr(formatException(exc));
    } catch (e) {
      this.writeErr(
        `${exc.type.name}: <exception str() failed: ${String(e)}>\n`,
      );
    }
    return 1;
  }

  private systemExitStatus(exc: PyException): number {
    const args = exc.args.items;
    if (args.length === 0) return 0;
    const code = args[0];
    if (code === None) return 0;
    if (typeof code === "number") return code & 0xff;
    if (typeof code === "boolean") return code ? 1 : 0;
    // A message: printed to stderr, status 1.
    try {
      this.writeErr(
        (typeof code === "string" ? code : repr(code)) + "\n",
      );
    } catch {
      // ignore
    }
    return 1;
  }

  /** Compiles and runs `source` in `globals`; raises on error. */
  execSource(
    source: string,
    sourceName: string,
    globals: PyMap,
    mode: "exec" | "single" = "exec",
  ): PyObj {
    const module = compile(source, {
      sourceName,
      optLevel: this.options.optLevel,
      mode,
    });
    markCompiledOnBoard(module, source);
    return runCompiled(module, globals);
  }

  /**
   * Runs Python source as `__main__`; `sourceName` appears in tracebacks.
   * Returns the exit status: 0, 1 after an uncaught exception (traceback
   * printed to stderr), or the `SystemExit` code.
   */
  runSource(source: string, sourceName: string): number {
    return this.guard(() => {
      // As the unix port and pyexec do for file input: `__file__` is the
      // source name, interned (`'<stdin>'` for a script sent to a board).
      // They store it once the lexer exists, just before parsing.
      const globals = this.mainGlobals;
      const storeFile = (): void => {
        globals.set("__file__", intern(sourceName));
      };
      let module: CompiledModule;
      try {
        module = compile(source, {
          sourceName,
          optLevel: this.options.optLevel,
          mode: "exec",
        });
      } catch (err) {
        storeFile();
        throw err;
      }
      markCompiledOnBoard(module, source, { afterLexer: storeFile });
      runCompiled(module, globals);
    });
  }

  /** Runs a `.mpy` file's module as `__main__`. */
  runMpy(data: Uint8Array, sourceName: string): number {
    return this.guard(() => {
      let module: CompiledModule;
      try {
        module = readMpy(data);
      } catch (e) {
        if (e instanceof MpyFormatError) throw toPyException(e);
        throw e;
      }
      this.mainGlobals.set("__file__", sourceName);
      runCompiled(module, this.mainGlobals);
    });
  }

  /** Imports module `name` as `__main__` (`-m`). */
  runModule(name: string): number {
    return this.guard(() => {
      importModuleAsMain(name, this.mainGlobals);
    });
  }

  /** Runs one chunk of REPL input; returns false when the REPL should stop. */
  private replRun(source: string): number | null {
    this.enter();
    try {
      this.execSource(source, "<stdin>", this.mainGlobals, "single");
      return null;
    } catch (err) {
      resetInterpreter();
      const exc = err instanceof CompileError
        ? compileErrorToException(err)
        : toPyException(err);
      if (exc.type === SystemExit || exc.type.mro.includes(SystemExit)) {
        return this.systemExitStatus(exc);
      }
      this.uncaught(exc);
      return null;
    }
  }

  /** The interactive REPL on the host's terminal. */
  repl(): number {
    const host = this.options.host;
    const out = (s: string): void => host.writeStdout(encoder.encode(s));
    out(
      `MicroPython v${MICROPYTHON_VERSION} on 2025-12-09; ${this.options.machine}\n` +
        `Type "help()" for more information.\n`,
    );
    for (;;) {
      out(">>> ");
      const first = host.readLine();
      if (first === null) {
        out("\n");
        return 0;
      }
      let line = first.replace(/\r?\n$/, "");
      if (line === "\x04") {
        out("\n");
        return 0;
      }
      if (line.trim() === "") continue;
      let source = line;
      while (needsContinuation(source, line)) {
        out("... ");
        const next = host.readLine();
        if (next === null) break;
        line = next.replace(/\r?\n$/, "");
        source += "\n" + line;
        if (line.trim() === "") break;
      }
      const status = this.replRun(source + "\n");
      if (status !== null) return status;
    }
  }
}

/** MicroPython's rule for asking for another REPL line (`mp_repl_continue_with_input`). */
function needsContinuation(source: string, last: string): boolean {
  // Unbalanced brackets or an open triple-quoted string.
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote !== null) {
      if (c === "\\") {
        i++;
      } else if (source.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = null;
      }
      continue;
    }
    if (c === "#") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === "'" || c === '"') {
      quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    } else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
  }
  if (quote !== null && quote.length === 3) return true;
  if (depth > 0) return true;
  if (last.trimEnd().endsWith("\\")) return true;
  // A compound statement continues until an empty line.
  const firstLine = source.split("\n")[0];
  if (/:\s*(#.*)?$/.test(firstLine.trimEnd()) || source.includes("\n")) {
    return last.trim() !== "";
  }
  return /^\s*@/.test(firstLine);
}

/** A module's globals for `runSource` callers that build their own. */
export function newGlobals(name: string): PyMap {
  const g = new PyMap();
  g.set("__name__", name);
  return g;
}
