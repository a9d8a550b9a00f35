/**
 * Running a program with the second tier in a given mode, and comparing the
 * interpreter with the tier.
 *
 * @module
 */

import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { jitCounters, JitMode, setJitMode } from "../../vm/interp.ts";
import { runVm, type RunVmOptions, type VmResult } from "./vm_support.ts";

/** Runs `code` in `mode`; the tier's default mode is restored afterwards. */
export function runIn(
  mode: JitMode,
  code: string,
  options: RunVmOptions = {},
): VmResult {
  setJitMode(mode);
  try {
    return runVm(code, options);
  } finally {
    setJitMode(JitMode.Hot);
  }
}

/**
 * Runs `code` interpreted and with all code compiled; asserts both give the
 * same result and that the tier compiled code without refusing any. Returns
 * the result.
 */
export function both(code: string, options: RunVmOptions = {}): VmResult {
  const interpreted = runIn(JitMode.Off, code, options);
  const before = jitCounters();
  const compiled = runIn(JitMode.All, code, options);
  const after = jitCounters();
  ok(after.compiled > before.compiled, "the tier compiled nothing");
  strictEqual(after.failed, before.failed, "the tier refused code");
  deepStrictEqual(compiled, interpreted);
  return compiled;
}

/**
 * Runs `code` in `mode` on an rp2 board whose heap is accounted; returns the
 * exit status, then what it printed.
 */
export function runAccounted(
  mode: JitMode,
  code: string,
  options: { heapBytes: number; floatBits: 32 | 64 },
): string {
  const r = runIn(mode, code, {
    heapBytes: options.heapBytes,
    floatBits: options.floatBits,
    accounting: true,
    platform: "rp2",
  });
  return `${r.status}\n${r.stdout}${r.stderr}`;
}
