/**
 * The real MicroPython (v1.27, webassembly port, 32-bit) as an oracle: runs a
 * snippet, a file or a `.mpy` there and returns what it printed, so a test can
 * compare upy with MicroPython side by side.
 *
 * Its memory figures are approximate (conservative GC, growing heap); use the
 * reference data for exact heap figures.
 *
 * @module
 */

import { loadMicroPython } from "npm:@micropython/micropython-webassembly-pyscript@1.27.0";

/** What the oracle printed. */
export interface OracleResult {
  stdout: string;
  stderr: string;
  /** 0 on success, 1 when an exception escaped (its traceback is in stderr). */
  exitCode: number;
}

/** What to run in the oracle. */
export interface OracleInput {
  /** Python source to run as the main script. */
  code?: string;
  /** A `.mpy` file to import as the main module (instead of `code`). */
  mpy?: Uint8Array;
  /** Extra files placed beside the script (name → content). */
  files?: Record<string, string | Uint8Array>;
  /** Name of the main script file in tracebacks; defaults to `main.py`. */
  name?: string;
}

/** Options for {@link runOracle}. */
export interface OracleOptions {
  /** GC heap size in bytes; defaults to 1 MiB. */
  heapsize?: number;
}

const WORK_DIR = "/oracle";
let queue: Promise<unknown> = Promise.resolve();

interface EmscriptenFs {
  mkdir(path: string): void;
  writeFile(path: string, data: string | Uint8Array): void;
}

async function runOnce(
  input: OracleInput,
  options: OracleOptions,
): Promise<OracleResult> {
  let stdout = "";
  let stderr = "";
  const mp = await loadMicroPython({
    heapsize: options.heapsize ?? 1024 * 1024,
    linebuffer: false,
    stdout: (b: Uint8Array) => {
      stdout += new TextDecoder().decode(b);
    },
    stderr: (b: Uint8Array) => {
      stderr += new TextDecoder().decode(b);
    },
  });
  const fs = mp.FS as EmscriptenFs;
  fs.mkdir(WORK_DIR);
  for (const [name, data] of Object.entries(input.files ?? {})) {
    fs.writeFile(`${WORK_DIR}/${name}`, data);
  }
  const name = input.name ?? "main.py";
  let driver: string;
  if (input.mpy !== undefined) {
    fs.writeFile(`${WORK_DIR}/__oracle_main.mpy`, input.mpy);
    driver = "__import__('__oracle_main')";
  } else {
    fs.writeFile(`${WORK_DIR}/${name}`, input.code ?? "");
    driver = `exec(compile(open(${JSON.stringify(name)}).read(), ${
      JSON.stringify(name)
    }, 'exec'), {'__name__': '__main__'})`;
  }
  const wrapper = [
    "import os, sys",
    `os.chdir(${JSON.stringify(WORK_DIR)})`,
    `sys.path.insert(0, ${JSON.stringify(WORK_DIR)})`,
    "_oracle_code = 0",
    "try:",
    `    ${driver}`,
    "except SystemExit as e:",
    "    _oracle_code = e.args[0] if e.args and isinstance(e.args[0], int) else 0",
    "except BaseException as e:",
    "    sys.print_exception(e, sys.stderr)",
    "    _oracle_code = 1",
  ].join("\n");
  mp.runPython(wrapper);
  const exitCode = Number(mp.globals.get("_oracle_code") ?? 0);
  // Drop the wrapper's own frame so tracebacks read as the script's.
  stderr = stderr.replace(/^ {2}File "<stdin>", line \d+, in <module>\n/m, "");
  return { stdout, stderr, exitCode };
}

/**
 * Runs `input` in a fresh real MicroPython and returns its output. Calls are
 * serialised: the webassembly port keeps global state.
 */
export function runOracle(
  input: OracleInput,
  options: OracleOptions = {},
): Promise<OracleResult> {
  const result = queue.then(() => runOnce(input, options));
  queue = result.catch(() => undefined);
  return result;
}

/** Runs a snippet of Python source in the oracle and returns its stdout. */
export async function oracleOutput(code: string): Promise<string> {
  return (await runOracle({ code })).stdout;
}
