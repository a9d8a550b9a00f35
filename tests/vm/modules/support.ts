/**
 * Helpers for the built-in module tests: run a program in upy (in this
 * process, on a fresh interpreter whose file system holds the given files)
 * and in the reference MicroPython, and compare their output line by line.
 *
 * @module
 */

import { BoardFilesystem } from "../../../board/vfs.ts";
import { Interpreter } from "../../../vm/mod.ts";
import type { Host } from "../../../vm/mod.ts";
import { runOracle } from "../../oracle.ts";

/** What a run printed. */
export interface RunOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** How to set up the board a program runs on. */
export interface UpyOptions {
  /** Files placed in the working folder (`/work` on the board). */
  files?: Record<string, string | Uint8Array>;
  floatBits?: 32 | 64;
  /** `sys.platform` (the host board is `linux`). */
  platform?: string;
  env?: Record<string, string>;
  /** Seconds since the epoch the board's clock reports. */
  wallSeconds?: number;
  /** Called for each sleep; returns true to report an interrupt. */
  onSleep?: (ms: number) => boolean;
}

const WORK = "/work";

/** Runs `code` as `main.py` on a fresh upy interpreter. */
export function upy(code: string, options: UpyOptions = {}): RunOutput {
  const decoder = new TextDecoder();
  let stdout = "";
  let stderr = "";
  const fs = new BoardFilesystem();
  fs.mkdir(WORK);
  for (const [name, data] of Object.entries(options.files ?? {})) {
    const f = fs.open(`${WORK}/${name}`, {
      read: false,
      write: true,
      append: false,
      create: true,
      truncate: true,
    });
    f.write(typeof data === "string" ? new TextEncoder().encode(data) : data);
    f.close();
  }
  let clock = 0;
  const host: Host = {
    writeStdout: (d) => {
      stdout += decoder.decode(d, { stream: true });
    },
    writeStderr: (d) => {
      stderr += decoder.decode(d);
    },
    readLine: () => null,
    readStdin: () => new Uint8Array(0),
    monotonicMs: () => clock,
    wallSeconds: () => options.wallSeconds ?? 1700000000.25,
    sleepMs: (ms) => {
      clock += ms;
      return options.onSleep === undefined ? false : options.onSleep(ms);
    },
    takeInterrupt: () => false,
    randomBytes: (n) => new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255),
    env: new Map(Object.entries(options.env ?? {})),
    fs,
  };
  const vm = new Interpreter({
    host,
    heapBytes: 8 * 1024 * 1024,
    accounting: false,
    floatBits: options.floatBits ?? 64,
    argv: [],
    path: ["", ".frozen", "/lib"],
    cwd: WORK,
    optLevel: 0,
    platform: options.platform ?? "linux",
    machine: "upy test board",
    build: "",
  });
  const exitCode = vm.runSource(code, "main.py");
  return { stdout, stderr, exitCode };
}

/** Runs `code` in the reference MicroPython (1.27, webassembly). */
export async function oracle(
  code: string,
  files: Record<string, string | Uint8Array> = {},
): Promise<RunOutput> {
  const r = await runOracle({ code, files }, { heapsize: 16 * 1024 * 1024 });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

/** The lines of two outputs that differ, as readable text (empty when equal). */
export function diffLines(got: string, want: string): string[] {
  const a = got.split("\n");
  const b = want.split("\n");
  const out: string[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n && out.length < 20; i++) {
    if (a[i] !== b[i]) {
      out.push(
        `line ${i + 1}: upy ${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}`,
      );
    }
  }
  return out;
}

/**
 * A program that evaluates each expression (a statement block may precede
 * them) and prints its repr, or the exception's type and message, one line
 * per expression.
 */
export function exprProgram(exprs: readonly string[], setup = ""): string {
  const lines = [
    setup,
    "def _show(f):",
    "    try:",
    "        print(repr(f()))",
    "    except Exception as e:",
    "        print(type(e).__name__, e)",
  ];
  for (const e of exprs) lines.push(`_show(lambda: ${e})`);
  return lines.join("\n") + "\n";
}

/** Runs a program in upy and in the oracle; returns the differing lines. */
export async function compareProgram(
  code: string,
  options: UpyOptions = {},
): Promise<string[]> {
  const ref = await oracle(code, options.files);
  if (ref.exitCode !== 0) {
    return [`the oracle failed: ${ref.stderr.slice(0, 400)}`];
  }
  const mine = upy(code, options);
  if (mine.exitCode !== 0) {
    return [`upy failed: ${mine.stderr.slice(0, 400)}`];
  }
  return diffLines(mine.stdout, ref.stdout);
}

/** Runs expressions in upy and in the oracle; returns the differing lines. */
export function compareExprs(
  exprs: readonly string[],
  setup = "",
  options: UpyOptions = {},
): Promise<string[]> {
  return compareProgram(exprProgram(exprs, setup), options);
}

export { XorshiftRng as Rng } from "../../seeded_random.ts";

/** Bytes as a Python bytes literal. */
export function pyBytes(data: Uint8Array): string {
  return "b'" +
    Array.from(data, (b) => "\\x" + b.toString(16).padStart(2, "0")).join("") +
    "'";
}

/** A JavaScript string as a Python str literal. */
export function pyStr(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === "\\" || ch === "'") out += "\\" + ch;
    else if (c >= 32 && c < 127) out += ch;
    else if (c < 256) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += "\\U" + c.toString(16).padStart(8, "0");
  }
  return out + "'";
}
