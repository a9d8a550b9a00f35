/**
 * Runs a program on a simulated board. The interpreter runs in a worker so
 * that Ctrl-C reaches it while Python code runs: the main thread sets a flag
 * in shared memory that the VM polls and turns into `KeyboardInterrupt`.
 *
 * @module
 */

import * as nodePath from "node:path";
import { Interpreter, startAllocationProfile } from "../vm/mod.ts";
import { formatMemReport } from "./mem_report.ts";
import type { Host } from "../vm/host.ts";
import { findBoard } from "./profiles.ts";
import { BoardFilesystem } from "./vfs.ts";

/** What to run. */
export type ProgramTarget =
  | { kind: "file"; path: string }
  | { kind: "code"; code: string }
  | { kind: "module"; name: string };

/** A run of the `upy` command, as parsed from its arguments. */
export interface RunOptions {
  /** Board profile name. */
  board: string;
  /** GC heap region in bytes (the board's, or `-X heapsize=`). */
  heapBytes: number;
  /** Charge allocations to the simulated heap (`-X accounting=off` turns it off). */
  accounting: boolean;
  optLevel: number;
  verbose: number;
  /** Start the REPL after running (`-i`). */
  inspect: boolean;
  /** null: the REPL. */
  target: ProgramTarget | null;
  /** `sys.argv`. */
  argv: string[];
  /** Host folder mounted as the board's working folder, or null for none. */
  mount: string | null;
  /** Report heap use at the end (`upy mem`). */
  memReport: boolean;
}

/** Where a host folder appears on the board. */
export const MOUNT_POINT = "/remote";
const SCRIPT_POINT = "/script";

const encoder = new TextEncoder();

/** A host for the VM backed by this process's terminal and clock. */
function makeHost(interrupt: Int32Array, fs: BoardFilesystem): Host {
  const start = performance.now();
  let stdinBuffer = new Uint8Array(0);
  const fillStdin = (): boolean => {
    const buf = new Uint8Array(4096);
    const n = Deno.stdin.readSync(buf);
    if (n === null || n === 0) return false;
    const merged = new Uint8Array(stdinBuffer.length + n);
    merged.set(stdinBuffer);
    merged.set(buf.subarray(0, n), stdinBuffer.length);
    stdinBuffer = merged;
    return true;
  };
  return {
    writeStdout: (data) => {
      Deno.stdout.writeSync(data);
    },
    writeStderr: (data) => {
      Deno.stderr.writeSync(data);
    },
    readLine: () => {
      for (;;) {
        const nl = stdinBuffer.indexOf(10);
        if (nl >= 0) {
          const line = stdinBuffer.subarray(0, nl + 1);
          stdinBuffer = stdinBuffer.slice(nl + 1);
          return new TextDecoder().decode(line);
        }
        if (!fillStdin()) {
          if (stdinBuffer.length === 0) return null;
          const rest = stdinBuffer;
          stdinBuffer = new Uint8Array(0);
          return new TextDecoder().decode(rest);
        }
      }
    },
    readStdin: (n) => {
      if (stdinBuffer.length === 0) fillStdin();
      const out = stdinBuffer.slice(0, n);
      stdinBuffer = stdinBuffer.slice(out.length);
      return out;
    },
    monotonicMs: () => performance.now() - start,
    wallSeconds: () => Date.now() / 1000,
    sleepMs: (ms) => {
      if (ms <= 0) return false;
      const r = Atomics.wait(interrupt, 0, 0, ms);
      return r !== "timed-out";
    },
    takeInterrupt: () => Atomics.exchange(interrupt, 0, 0) !== 0,
    randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
    env: new Map(Object.entries(Deno.env.toObject())),
    fs,
  };
}

/** Runs a program on the board in this thread; returns the exit status. */
export function runProgram(options: RunOptions, interrupt: Int32Array): number {
  const board = findBoard(options.board);
  if (board === undefined) throw new Error(`Unknown board ${options.board}`);
  const fs = new BoardFilesystem();
  let cwd = "/";
  if (options.mount !== null) {
    fs.mount({
      at: MOUNT_POINT,
      hostDir: nodePath.resolve(options.mount),
      readOnly: false,
    });
    cwd = MOUNT_POINT;
  }
  const host = makeHost(interrupt, fs);
  const path = ["", ".frozen", "/lib"];
  let source: string | null = null;
  let mpy: Uint8Array | null = null;
  const target = options.target;
  if (target?.kind === "file") {
    try {
      const data = Deno.readFileSync(target.path);
      if (target.path.endsWith(".mpy")) mpy = data;
      else source = new TextDecoder().decode(data);
    } catch (e) {
      const err = e as Error & { code?: string };
      host.writeStderr(
        encoder.encode(
          `upy: can't open file '${target.path}': ${err.message}\n`,
        ),
      );
      return 2;
    }
    const hostDir = nodePath.dirname(nodePath.resolve(target.path));
    let boardDir = fs.boardPathOf(hostDir);
    if (boardDir === null) {
      fs.mount({ at: SCRIPT_POINT, hostDir, readOnly: true });
      boardDir = SCRIPT_POINT;
    }
    path[0] = boardDir;
  }
  const vm = new Interpreter({
    host,
    heapBytes: options.heapBytes,
    // A memory report needs the figures: it always charges the heap.
    accounting: options.accounting || options.memReport,
    floatBits: board.floatBits,
    argv: options.argv,
    path,
    cwd,
    optLevel: options.optLevel,
    platform: board.platform,
    machine: board.machine,
    build: board.build,
    memory: {
      heapEnd: board.heapEnd,
      stackLimit: board.stackLimit,
      memStats: board.memStats,
      startupQstrs: board.startupQstrs,
      startupAllocs: board.startupAllocs,
    },
  });
  let status = 0;
  const profile = options.memReport && target?.kind === "file"
    ? startAllocationProfile(vm.heap)
    : null;
  if (target === null) {
    // As the micropython binary: a terminal gets the REPL, anything else on
    // stdin runs as a program named <stdin>.
    if (Deno.stdin.isTerminal() || options.inspect) return vm.repl();
    const input: Uint8Array[] = [];
    for (
      let chunk = host.readStdin(65536);
      chunk.length > 0;
      chunk = host.readStdin(65536)
    ) {
      input.push(chunk);
    }
    const all = new Uint8Array(input.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of input) {
      all.set(c, at);
      at += c.length;
    }
    return vm.runSource(new TextDecoder().decode(all), "<stdin>");
  } else if (target.kind === "code") {
    status = vm.runSource(target.code, "<stdin>");
  } else if (target.kind === "module") {
    status = vm.runModule(target.name);
  } else if (mpy !== null) {
    status = vm.runMpy(mpy, target.path);
  } else {
    status = vm.runSource(source ?? "", target.path);
  }
  if (profile !== null && target?.kind === "file") {
    profile.stop();
    host.writeStdout(encoder.encode(formatMemReport({
      profile,
      board: board.name,
      file: target.path,
      source: source ?? "",
      status,
    })));
  }
  if (options.inspect) status = vm.repl();
  return status;
}

/** Runs a program in a worker started from `moduleUrl` (a module that calls {@link workerMain}). */
export async function runInWorker(
  moduleUrl: URL,
  options: RunOptions,
): Promise<number> {
  const shared = new SharedArrayBuffer(4);
  const interrupt = new Int32Array(shared);
  const worker = new Worker(moduleUrl, { type: "module", name: "upy-board" });
  let presses = 0;
  const onInterrupt = (): void => {
    presses++;
    if (presses >= 3) Deno.exit(130);
    Atomics.store(interrupt, 0, 1);
    Atomics.notify(interrupt, 0);
  };
  let listening = false;
  try {
    Deno.addSignalListener("SIGINT", onInterrupt);
    listening = true;
  } catch {
    // No signals on this platform: Ctrl-C ends the process as usual.
  }
  try {
    return await new Promise<number>((resolve) => {
      worker.onmessage = (e: MessageEvent<{ status: number }>): void => {
        resolve(e.data.status);
      };
      worker.onerror = (e: ErrorEvent): void => {
        e.preventDefault();
        Deno.stderr.writeSync(
          encoder.encode(`upy: internal error: ${e.message}\n`),
        );
        resolve(1);
      };
      worker.postMessage({ options, shared });
    });
  } finally {
    if (listening) Deno.removeSignalListener("SIGINT", onInterrupt);
    worker.terminate();
  }
}

/** The worker side of {@link runInWorker}. */
export function workerMain(): void {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent) => void) | null;
    postMessage(data: unknown): void;
  };
  scope.onmessage = (
    e: MessageEvent<{ options: RunOptions; shared: SharedArrayBuffer }>,
  ): void => {
    const status = runProgram(
      e.data.options,
      new Int32Array(e.data.shared),
    );
    scope.postMessage({ status });
  };
}
