#!/usr/bin/env -S deno run -A
/**
 * The `upy` command line: parses arguments and dispatches to the compiler,
 * the board and the VM. Nothing else lives here.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  compile,
  CompileError,
  disassemble,
  formatCompileError,
  MPY_SUB_VERSION,
  MPY_VERSION,
  MpyFormatError,
  readMpy,
  writeMpy,
} from "./compiler/mod.ts";
import {
  BOARDS,
  findBoard,
  type ProgramTarget,
  runInWorker,
  type RunOptions,
  workerMain,
} from "./board/mod.ts";

/** upy's own version. */
export const VERSION = "0.1.0";

const HELP = `upy ${VERSION}: MicroPython's compiler, VM and a simulated board

usage: upy [options] FILE.py|FILE.mpy [ARGS...]   run a script
       upy [options] -c CODE [ARGS...]            run a string of code
       upy [options] -m MODULE [ARGS...]          run a module
       upy [options]                              the REPL (or run piped stdin)
       upy compile FILE.py [-o OUT.mpy] [-s NAME] [-O N]
       upy dis FILE.py|FILE.mpy
       upy mem [options] FILE.py [ARGS...]
       upy boards

options (as the micropython binary has them):
  -X heapsize=N[k|m]  GC heap size of the board (default: the board's)
  -X emit=bytecode    code emitter (bytecode only)
  -X accounting=off   no heap accounting: no memory limit, no heap figures
  -O[N]               optimisation level (-O, -OO, -O3)
  -v                  verbose: print memory figures at exit
  -i                  inspect: start the REPL after running
  --board NAME        simulated board (upy boards lists them; default host)
  --mount DIR         host folder the VM sees as its working folder
                      (default: the current folder)
  --no-mount          give the VM no host folder at all
  -h, --help          this help; upy COMMAND --help for a command's
  --version           upy's version and the .mpy version it reads and writes

exit status: 0 on success, 1 on an uncaught exception, 2 on a usage error`;

const COMMAND_HELP: Record<string, string> = {
  compile: `usage: upy compile FILE.py [-o OUT.mpy] [-s SOURCE_NAME] [-O N]

Compiles FILE.py to a .mpy v${MPY_VERSION}.${MPY_SUB_VERSION} file, as mpy-cross does.
  -o OUT.mpy        output file (default: FILE.mpy beside the source)
  -s SOURCE_NAME    source name stored in the file (default: FILE.py as given)
  -O N              optimisation level 0-3 (also -O, -OO, -O3)
  -msmall-int-bits=N  small-int width of the target (default 31)`,
  dis: `usage: upy dis FILE.py|FILE.mpy

Prints the disassembly of a .mpy file (or of FILE.py compiled in memory): the
qstr and constant tables, every raw code's prelude, and each instruction with
its offset, opcode, operands and source line.`,
  mem: `usage: upy mem [options] FILE.py [ARGS...]

Runs FILE.py on the simulated board and reports the peak heap, what is live at
the end by kind, and the source lines that allocated the most bytes, with
advice on saving RAM. Takes the options of a plain run (--board, -X heapsize).`,
  boards: `usage: upy boards

Lists the simulated boards with their word size, heap size and float precision.`,
};

/** A usage error: printed with a hint, exit status 2. */
class UsageError extends Error {}

function usageError(message: string): never {
  throw new UsageError(message);
}

const encoder = new TextEncoder();

function writeOut(text: string): void {
  Deno.stdout.writeSync(encoder.encode(text));
}

function writeErr(text: string): void {
  Deno.stderr.writeSync(encoder.encode(text));
}

/** Parses `-X heapsize=…` values: N, Nk, Nm, with an optional `w` for words. */
function parseHeapSize(text: string): number {
  const m = /^(\d+)(w?)([kKmM]?)$/.exec(text);
  if (m === null) usageError(`invalid heap size '${text}'`);
  let n = Number(m[1]);
  if (m[2] === "w") n *= 4;
  if (m[3] === "k" || m[3] === "K") n *= 1024;
  if (m[3] === "m" || m[3] === "M") n *= 1024 * 1024;
  if (n < 1024) usageError(`heap size '${text}' is too small (minimum 1k)`);
  return n;
}

/** Splits argv into the options before the program and the program's own arguments. */
function splitProgramArgs(argv: string[]): {
  options: string[];
  target: ProgramTarget | null;
  scriptArgs: string[];
} {
  const withValue = new Set(["-X", "--board", "--mount"]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-c" || a === "-m") {
      if (i + 1 >= argv.length) usageError(`option ${a} needs an argument`);
      const target: ProgramTarget = a === "-c"
        ? { kind: "code", code: argv[i + 1] }
        : { kind: "module", name: argv[i + 1] };
      return {
        options: argv.slice(0, i),
        target,
        scriptArgs: a === "-c"
          ? ["-c", ...argv.slice(i + 2)]
          : [argv[i + 1], ...argv.slice(i + 2)],
      };
    }
    if (withValue.has(a)) {
      i++;
      continue;
    }
    if (a === "-" || !a.startsWith("-")) {
      return {
        options: argv.slice(0, i),
        target: { kind: "file", path: a },
        scriptArgs: argv.slice(i),
      };
    }
  }
  return { options: argv, target: null, scriptArgs: [] };
}

/** Rewrites `-O`, `-OO`, `-O2` into `--opt=N` so parseArgs can read them. */
function normaliseOpt(args: string[]): string[] {
  return args.map((a) => {
    const m = /^-(O+)(\d?)$/.exec(a);
    if (m === null) return a;
    return `--opt=${m[2] !== "" ? m[2] : m[1].length}`;
  });
}

function parseRunOptions(argv: string[]): RunOptions {
  const split = splitProgramArgs(argv);
  const { values } = parseArgs({
    args: normaliseOpt(split.options),
    options: {
      X: { type: "string", short: "X", multiple: true },
      opt: { type: "string" },
      v: { type: "boolean", short: "v", multiple: true },
      i: { type: "boolean", short: "i" },
      board: { type: "string" },
      mount: { type: "string" },
      "no-mount": { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  const board = findBoard(values.board ?? "host");
  if (board === undefined) {
    usageError(
      `unknown board '${values.board}' (known: ${
        BOARDS.map((b) => b.name).join(", ")
      })`,
    );
  }
  let heapBytes = board.heapBytes;
  let accounting = true;
  for (const x of values.X ?? []) {
    const [key, value] = x.split("=", 2);
    if (key === "heapsize" && value !== undefined) {
      heapBytes = parseHeapSize(value);
    } else if (key === "emit") {
      if (value !== "bytecode") {
        usageError(
          `emitter '${value}' is not available: upy runs bytecode only (-X emit=bytecode)`,
        );
      }
    } else if (key === "accounting" && (value === "on" || value === "off")) {
      accounting = value === "on";
    } else if (key === "compile-only") {
      usageError("-X compile-only is not supported; use upy compile");
    } else {
      usageError(`unknown implementation option -X ${x}`);
    }
  }
  const optLevel = values.opt === undefined ? 0 : Number(values.opt);
  if (!(optLevel >= 0 && optLevel <= 3)) {
    usageError(`invalid optimisation level -O${values.opt}`);
  }
  return {
    board: board.name,
    heapBytes,
    accounting,
    optLevel,
    verbose: values.v?.length ?? 0,
    inspect: values.i ?? false,
    target: split.target,
    argv: split.scriptArgs,
    mount: values["no-mount"] ? null : (values.mount ?? Deno.cwd()),
    memReport: false,
  };
}

async function cmdRun(argv: string[], memReport: boolean): Promise<number> {
  const options = parseRunOptions(argv);
  if (memReport && options.target?.kind !== "file") {
    usageError("upy mem needs a FILE.py to run");
  }
  options.memReport = memReport;
  return await runInWorker(new URL(import.meta.url), options);
}

function cmdCompile(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: normaliseOpt(argv).map((a) =>
      a.startsWith("-msmall-int-bits=") ? `--${a.slice(2)}` : a
    ),
    options: {
      o: { type: "string", short: "o" },
      s: { type: "string", short: "s" },
      opt: { type: "string" },
      "small-int-bits": { type: "string" },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    usageError("upy compile needs exactly one FILE.py");
  }
  const input = positionals[0];
  const optLevel = values.opt === undefined ? 0 : Number(values.opt);
  if (!(optLevel >= 0 && optLevel <= 3)) {
    usageError(`invalid optimisation level ${values.opt}`);
  }
  const smallIntBits = values["small-int-bits"] === undefined
    ? 31
    : Number(values["small-int-bits"]);
  const source = readText(input);
  const sourceName = (values.s ?? input).replaceAll("\\", "/");
  try {
    const module = compile(source, { sourceName, optLevel, smallIntBits });
    const out = values.o ?? input.replace(/\.py$/, "") + ".mpy";
    Deno.writeFileSync(out, writeMpy(module));
    return 0;
  } catch (e) {
    if (e instanceof CompileError) {
      writeErr(formatCompileError(e));
      return 1;
    }
    throw e;
  }
}

function cmdDis(argv: string[]): number {
  const { positionals } = parseArgs({
    args: argv,
    options: {},
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    usageError("upy dis needs exactly one FILE.py or FILE.mpy");
  }
  const input = positionals[0];
  try {
    const module = input.endsWith(".mpy")
      ? readMpy(readBytes(input), { maxSmallIntBits: 63 })
      : compile(readText(input), { sourceName: input });
    writeOut(disassemble(module));
    return 0;
  } catch (e) {
    if (e instanceof CompileError) {
      writeErr(formatCompileError(e));
      return 1;
    }
    if (e instanceof MpyFormatError) {
      writeErr(`upy: ${input}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function cmdBoards(argv: string[]): number {
  if (argv.length > 0) usageError(`unexpected argument '${argv[0]}'`);
  const rows = BOARDS.map((b) => [
    b.name,
    `${b.wordBits}-bit`,
    `heap ${b.heapBytes} bytes`,
    `${b.floatBits === 32 ? "single" : "double"}-precision float`,
    b.description,
  ]);
  const widths = rows[0].map((_, i) =>
    Math.max(...rows.map((r) => r[i].length))
  );
  for (const r of rows) {
    writeOut(r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd() + "\n");
  }
  return 0;
}

function readBytes(path: string): Uint8Array {
  try {
    return Deno.readFileSync(path);
  } catch (e) {
    usageError(`can't open file '${path}': ${(e as Error).message}`);
  }
}

function readText(path: string): string {
  return new TextDecoder().decode(readBytes(path));
}

/** Runs the command line `argv`; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === "-h" || first === "--help") {
      writeOut(HELP + "\n");
      return 0;
    }
    if (first === "--version") {
      writeOut(
        `upy ${VERSION}; reads and writes .mpy v${MPY_VERSION}.${MPY_SUB_VERSION}\n`,
      );
      return 0;
    }
    if (first !== undefined && first in COMMAND_HELP) {
      if (rest.includes("-h") || rest.includes("--help")) {
        writeOut(COMMAND_HELP[first] + "\n");
        return 0;
      }
      switch (first) {
        case "compile":
          return cmdCompile(rest);
        case "dis":
          return cmdDis(rest);
        case "boards":
          return cmdBoards(rest);
        case "mem":
          return await cmdRun(rest, true);
      }
    }
    return await cmdRun(argv, false);
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      writeErr(
        `upy: ${
          (e as Error).message
        }\nTry 'upy --help' for more information.\n`,
      );
      return 2;
    }
    throw e;
  }
}

function isParseArgsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

// The board runs in a worker started from this same module (so that one
// bundled file is enough); the worker's `import.meta.main` is true as well.
if ((self as unknown as { name?: string }).name === "upy-board") {
  workerMain();
} else if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
