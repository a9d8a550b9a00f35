/**
 * Helpers for the container tests: run a snippet in upy (in this process,
 * on a fresh interpreter) and in the reference MicroPython, and a seeded
 * random generator for building test programs.
 *
 * @module
 */

import { runOracle } from "../oracle.ts";
import { runVm } from "./vm_support.ts";

/** What a run printed. */
export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `code` as `main.py` on a fresh upy interpreter and collects its output. */
export function runUpy(
  code: string,
  options: { heapBytes?: number; accounting?: boolean } = {},
): RunResult {
  const r = runVm(code, {
    heapBytes: options.heapBytes ?? 1024 * 1024,
    accounting: options.accounting,
    platform: "rp2",
    path: ["", ".frozen", "/lib"],
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

/** Runs `code` in upy and in MicroPython; returns both results. */
export async function runBoth(
  code: string,
): Promise<{ upy: RunResult; mp: RunResult }> {
  const mp = await runOracle({ code });
  const upy = runUpy(code);
  return { upy, mp };
}

/** A small deterministic random generator (mulberry32). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An int in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** One element of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}
