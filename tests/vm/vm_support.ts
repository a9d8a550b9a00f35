/**
 * Runs Python in an interpreter inside the test process, with an in-memory
 * board file system and captured output.
 *
 * @module
 */

import { BoardFilesystem } from "../../board/mod.ts";
import { Interpreter } from "../../vm/mod.ts";
import type { Host } from "../../vm/mod.ts";

/** What a run printed and how it ended. */
export interface VmResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** Options of {@link runVm}. */
export interface RunVmOptions {
  /** Files on the board (path relative to `/` → text or bytes). */
  files?: Record<string, string | Uint8Array>;
  /** Lines of standard input. */
  stdin?: string;
  /** Interrupt after this many polls of the Ctrl-C flag (a budget). */
  interruptAfter?: number;
  /** Run a `.mpy` image instead of source. */
  mpy?: Uint8Array;
  /** Source name used in tracebacks. */
  name?: string;
  /** GC heap size (default 8 MiB). */
  heapBytes?: number;
  /** Charge the simulated heap (default off). */
  accounting?: boolean;
  /** Float precision of the board (default double). */
  floatBits?: 32 | 64;
  /** `sys.platform` (default `linux`). */
  platform?: string;
  /** `sys.path` (default `['', '/lib']`). */
  path?: string[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An in-memory host; `out` collects what the program writes. */
export function makeHost(
  options: RunVmOptions,
  out: { stdout: string; stderr: string },
): Host {
  const fs = new BoardFilesystem();
  for (const [name, content] of Object.entries(options.files ?? {})) {
    const parts = name.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = "/" + parts.slice(0, i).join("/");
      try {
        fs.mkdir(dir);
      } catch {
        // exists
      }
    }
    const h = fs.open("/" + name, {
      read: false,
      write: true,
      append: false,
      create: true,
      truncate: true,
    });
    h.write(typeof content === "string" ? encoder.encode(content) : content);
    h.close();
  }
  let input = options.stdin ?? "";
  let polls = 0;
  return {
    writeStdout: (d) => {
      out.stdout += decoder.decode(d);
    },
    writeStderr: (d) => {
      out.stderr += decoder.decode(d);
    },
    readLine: () => {
      if (input === "") return null;
      const nl = input.indexOf("\n");
      const line = nl < 0 ? input : input.slice(0, nl + 1);
      input = input.slice(line.length);
      return line;
    },
    readStdin: (n) => {
      const b = encoder.encode(input).slice(0, n);
      input = decoder.decode(encoder.encode(input).slice(b.length));
      return b;
    },
    monotonicMs: () => 0,
    wallSeconds: () => 0,
    sleepMs: () => false,
    takeInterrupt: () =>
      options.interruptAfter !== undefined && ++polls > options.interruptAfter,
    randomBytes: (n) => new Uint8Array(n),
    env: new Map(),
    fs,
  };
}

/** Makes an interpreter on an in-memory board. */
export function makeInterpreter(
  options: RunVmOptions,
  out: { stdout: string; stderr: string },
): Interpreter {
  return new Interpreter({
    host: makeHost(options, out),
    heapBytes: options.heapBytes ?? 8 * 1024 * 1024,
    accounting: options.accounting ?? false,
    floatBits: options.floatBits ?? 64,
    argv: [options.name ?? "main.py"],
    path: options.path ?? ["", "/lib"],
    cwd: "/",
    optLevel: 0,
    platform: options.platform ?? "linux",
    machine: "test board",
    build: "test",
  });
}

/** Runs `code` (or `options.mpy`) as `__main__`. */
export function runVm(code: string, options: RunVmOptions = {}): VmResult {
  const out = { stdout: "", stderr: "" };
  const vm = makeInterpreter(options, out);
  const status = options.mpy !== undefined
    ? vm.runMpy(options.mpy, options.name ?? "main.mpy")
    : vm.runSource(code, options.name ?? "main.py");
  return { ...out, status };
}

/** Dedents a block of Python written indented inside a test. */
export function py(text: string): string {
  const lines = text.replace(/^\n/, "").split("\n");
  const indent = Math.min(
    ...lines.filter((l) => l.trim() !== "").map((l) =>
      l.length - l.trimStart().length
    ),
  );
  return lines.map((l) => l.slice(indent)).join("\n");
}
