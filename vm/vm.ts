/**
 * The interpreter as a whole: its state (`mp_state_ctx_t`), start-up, and the
 * entry points that run a file, a string, a module, a `.mpy` or the REPL.
 *
 * @module
 */

import type { Host } from "./host.ts";

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
}

/** One MicroPython interpreter on one board. */
export class Interpreter {
  readonly options: InterpreterOptions;

  constructor(options: InterpreterOptions) {
    this.options = options;
  }

  /**
   * Runs Python source as `__main__`; `sourceName` appears in tracebacks.
   * Returns the exit status: 0, 1 after an uncaught exception (traceback
   * printed to stderr), or the `SystemExit` code.
   */
  runSource(_source: string, _sourceName: string): number {
    this.options.host.writeStderr(
      new TextEncoder().encode("upy: the VM is not available yet\n"),
    );
    return 1;
  }

  /** Runs a `.mpy` file's module as `__main__`. */
  runMpy(_data: Uint8Array, _sourceName: string): number {
    return this.runSource("", "");
  }

  /** Imports module `name` as `__main__` (`-m`). */
  runModule(_name: string): number {
    return this.runSource("", "");
  }

  /** The interactive REPL on the host's terminal. */
  repl(): number {
    return this.runSource("", "");
  }
}
