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

/**
 * Python helper the snippets start with: `t(f)` prints what `f()` returns,
 * or the type and message of what it raises.
 */
export const PRINT_OR_RAISE = `
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
`;

export { MulberryRng as Rng } from "../seeded_random.ts";
