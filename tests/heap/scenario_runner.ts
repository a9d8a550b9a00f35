/**
 * Runs the heap scenarios of `scenarios/` on the simulated board the way
 * the reference figures were taken: the script fed as `<stdin>` from inside
 * the scenario folder, `sys.path` = `['', '.frozen', '/lib']`, the heap size
 * the reference used, and the host profile's start-up state. Each scenario
 * prints `name value` lines; {@link compareFigures} checks them against the
 * reference with the tolerances of the heap model.
 *
 * Run as a script to print a comparison table:
 * `deno run -A tests/heap/scenario_runner.ts [NAME_FILTER]`.
 *
 * @module
 */

import * as nodePath from "node:path";
import { BoardFilesystem } from "../../board/vfs.ts";
import { findBoard } from "../../board/profiles.ts";
import { Interpreter } from "../../vm/mod.ts";
import type { Host } from "../../vm/host.ts";

/** The folder of the scenario scripts and `reference.json`. */
export const SCENARIO_DIR: string = nodePath.join(
  nodePath.dirname(new URL(import.meta.url).pathname),
  "scenarios",
);

/** One scenario's reference: heap size and figures. */
export interface ScenarioReference {
  heapsize: number;
  figures: Record<string, number>;
}

/** The reference figures, by scenario file name. */
export function loadReference(): Record<string, ScenarioReference> {
  return JSON.parse(
    Deno.readTextFileSync(nodePath.join(SCENARIO_DIR, "reference.json")),
  );
}

/** What a run printed. */
export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** A host whose terminal is a pair of strings and whose clock never moves. */
export function captureHost(
  fs: BoardFilesystem,
  options: { realClock?: boolean } = {},
): Host & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const decoder = new TextDecoder();
  let clock = 0;
  return {
    out,
    err,
    writeStdout: (data) => {
      out.push(decoder.decode(data));
    },
    writeStderr: (data) => {
      err.push(decoder.decode(data));
    },
    readLine: () => null,
    readStdin: () => new Uint8Array(0),
    monotonicMs: options.realClock === true
      ? () => performance.now()
      : () => (clock += 1),
    wallSeconds: () => 1700000000,
    sleepMs: () => false,
    takeInterrupt: () => false,
    randomBytes: (n) => new Uint8Array(n),
    env: new Map(),
    fs,
  };
}

/**
 * Runs Python `source` as `<stdin>` on a board with `heapBytes` of heap
 * region, in a folder holding `dir`'s files (mounted read-only as the
 * working folder), with the start-up state of `board` (default `host`).
 */
export function runOnBoard(
  source: string,
  options: {
    heapBytes?: number;
    dir?: string;
    board?: string;
    accounting?: boolean;
    realClock?: boolean;
    /** Keep `m_malloc` statistics (the board's setting when not given). */
    memStats?: boolean;
  } = {},
): RunResult {
  const board = findBoard(options.board ?? "host");
  if (board === undefined) throw new Error(`Unknown board ${options.board}`);
  const fs = new BoardFilesystem();
  let cwd = "/";
  if (options.dir !== undefined) {
    fs.mount({ at: "/remote", hostDir: options.dir, readOnly: true });
    cwd = "/remote";
  }
  const host = captureHost(fs, { realClock: options.realClock });
  const vm = new Interpreter({
    host,
    heapBytes: options.heapBytes ?? board.heapBytes,
    accounting: options.accounting ?? true,
    floatBits: board.floatBits,
    argv: [],
    path: ["", ".frozen", "/lib"],
    cwd,
    optLevel: 0,
    platform: board.platform,
    machine: board.machine,
    build: board.build,
    memory: {
      heapEnd: board.heapEnd,
      stackLimit: board.stackLimit,
      memStats: options.memStats ?? board.memStats,
      startupQstrs: board.startupQstrs,
      startupAllocs: board.startupAllocs,
    },
  });
  const status = vm.runSource(source, "<stdin>");
  return { stdout: host.out.join(""), stderr: host.err.join(""), status };
}

/** Runs scenario `file` (e.g. `cost_list.py`) with its reference heap size. */
export function runScenario(file: string, heapBytes: number): RunResult {
  const source = Deno.readTextFileSync(nodePath.join(SCENARIO_DIR, file));
  return runOnBoard(source, { heapBytes, dir: SCENARIO_DIR });
}

/** `name value` lines of a scenario's output. */
export function parseFigures(stdout: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of stdout.split("\n")) {
    const m = /^(\S+) (-?\d+)$/.exec(line.trim());
    if (m !== null) out[m[1]] = Number(m[2]);
  }
  return out;
}

/** How a figure is judged. */
export const enum FigureKind {
  /** Bytes: ±10 %, or ±32 bytes under 320. */
  Cost = 0,
  /** Objects counted until MemoryError: ±5 %. */
  Count = 1,
  /** Fragmentation figures: ±10 %. */
  Fragmentation = 2,
  /** Exact counts (names in a dict). */
  Exact = 3,
}

/** The kind of figure `name` of scenario `file` is. */
export function figureKind(file: string, name: string): FigureKind {
  if (name.endsWith("_dict_entries")) return FigureKind.Exact;
  if (file.startsWith("fragmentation_")) {
    return name.endsWith("_until_oom")
      ? FigureKind.Count
      : FigureKind.Fragmentation;
  }
  if (name.endsWith("_until_oom")) return FigureKind.Count;
  return FigureKind.Cost;
}

/** True when `actual` is within the tolerance of `kind` around `expected`. */
export function withinTolerance(
  kind: FigureKind,
  expected: number,
  actual: number,
): boolean {
  const diff = Math.abs(actual - expected);
  switch (kind) {
    case FigureKind.Cost:
      return expected < 320 ? diff <= 32 : diff <= 0.1 * expected;
    case FigureKind.Count:
      return diff <= 0.05 * expected;
    case FigureKind.Fragmentation:
      return diff <= 0.1 * expected;
    case FigureKind.Exact:
      return diff === 0;
  }
}

/** One figure compared. */
export interface FigureCheck {
  name: string;
  expected: number;
  actual: number | undefined;
  ok: boolean;
}

/** Compares a run's figures with the reference. */
export function compareFigures(
  file: string,
  reference: Record<string, number>,
  actual: Record<string, number>,
): FigureCheck[] {
  return Object.entries(reference).map(([name, expected]) => {
    const a = actual[name];
    const ok = a !== undefined &&
      withinTolerance(figureKind(file, name), expected, a);
    return { name, expected, actual: a, ok };
  });
}

if (import.meta.main) {
  const filter = Deno.args[0] ?? "";
  const ref = loadReference();
  let total = 0;
  let good = 0;
  for (const [file, r] of Object.entries(ref)) {
    if (!file.includes(filter)) continue;
    const t0 = performance.now();
    const run = runScenario(file, r.heapsize);
    const ms = Math.round(performance.now() - t0);
    const checks = compareFigures(file, r.figures, parseFigures(run.stdout));
    const bad = checks.filter((c) => !c.ok);
    total += checks.length;
    good += checks.length - bad.length;
    console.log(
      `${file}: ${checks.length - bad.length}/${checks.length} (${ms} ms)` +
        (run.status !== 0 ? ` status ${run.status}` : ""),
    );
    for (const c of checks) {
      if (!c.ok || Deno.args.includes("-v")) {
        console.log(
          `  ${c.ok ? " " : "x"} ${c.name.padEnd(40)} ref ${
            String(c.expected).padStart(7)
          }  upy ${String(c.actual).padStart(7)}`,
        );
      }
    }
    if (run.stderr !== "") {
      console.log(run.stderr.trimEnd().replace(/^/gm, "  ! "));
    }
  }
  console.log(`total ${good}/${total}`);
}
