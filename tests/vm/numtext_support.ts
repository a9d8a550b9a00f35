/**
 * Helpers for the number and text tests: run a snippet in upy (in this
 * process, on a fresh interpreter with a double- or single-precision board)
 * and in the reference MicroPython, compare line by line, and a seeded
 * generator for building test programs.
 *
 * @module
 */

import { runOracle } from "../oracle.ts";
import { runVm } from "./vm_support.ts";

/** What a run printed. */
export interface RunOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `code` as `main.py` on a fresh upy interpreter. */
export function upy(
  code: string,
  options: { floatBits?: 32 | 64 } = {},
): RunOutput {
  const r = runVm(code, {
    floatBits: options.floatBits,
    path: ["", ".frozen", "/lib"],
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

/** Runs `code` in the reference MicroPython (1.27, webassembly). */
export async function oracle(
  code: string,
  files: Record<string, string> = {},
): Promise<RunOutput> {
  const r = await runOracle({ code, files }, { heapsize: 16 * 1024 * 1024 });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

/**
 * The lines of two outputs that differ, as readable text (empty when they
 * are the same), with the source line that printed each when known.
 */
export function diffLines(
  got: string,
  want: string,
  labels: readonly string[] = [],
): string[] {
  const a = got.split("\n");
  const b = want.split("\n");
  const out: string[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n && out.length < 20; i++) {
    if (a[i] !== b[i]) {
      const label = i < labels.length ? `${labels[i]}: ` : "";
      out.push(
        `line ${i + 1}: ${label}upy ${JSON.stringify(a[i])} vs ${
          JSON.stringify(b[i])
        }`,
      );
    }
  }
  return out;
}

/**
 * A program that evaluates each expression and prints its repr (or the
 * exception's type and message), one line per expression, so that a whole
 * grid of cases runs in one interpreter. `_(x)` returns `x`: wrapping an
 * operand in it keeps the compiler from folding a constant expression.
 */
export function exprProgram(exprs: readonly string[]): string {
  const lines = [
    "def _(x):",
    "    return x",
    "def _show(f):",
    "    try:",
    "        print(repr(f()))",
    "    except Exception as e:",
    "        print(type(e).__name__, e)",
  ];
  for (const e of exprs) lines.push(`_show(lambda: (${e}))`);
  return lines.join("\n") + "\n";
}

/** Runs the expressions in upy and in the oracle and returns the differing lines. */
export async function compareExprs(
  exprs: readonly string[],
  options: { floatBits?: 32 | 64 } = {},
): Promise<string[]> {
  const code = exprProgram(exprs);
  const mine = upy(code, options);
  const ref = await oracle(code);
  if (ref.exitCode !== 0) {
    return [`the oracle failed: ${ref.stderr.slice(0, 300)}`];
  }
  if (mine.exitCode !== 0) return [`upy failed: ${mine.stderr.slice(0, 300)}`];
  return diffLines(mine.stdout, ref.stdout, exprs);
}

export { XorshiftRng as Rng } from "../seeded_random.ts";
