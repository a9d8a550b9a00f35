/**
 * Compiles every `.py` of a test tree with upy and compares the `.mpy` bytes
 * with mpy-cross's output for the same file.
 *
 *     deno run -A tools/mpy_compare.ts TESTS_DIR [--expected MPY_DIR] [--verbose]
 *
 * `TESTS_DIR/AREA/NAME.py` is compiled with the source name `AREA/NAME.py`
 * and compared with `MPY_DIR/AREA/NAME.mpy` (by default the `mpy-cross`
 * folder beside TESTS_DIR). Sources without an expected file are skipped.
 * Prints the number of identical files and, for each file that differs, the
 * first difference in disassembly form.
 *
 * @module
 */

import { parseArgs } from "node:util";
import * as path from "node:path";
import {
  compile,
  type CompiledModule,
  CompileError,
  formatCompileError,
  type RawCode,
  readMpy,
  writeMpy,
} from "../compiler/mod.ts";
import {
  decodeInstructions,
  describePrelude,
  describeTables,
  formatInstruction,
} from "../compiler/disassemble.ts";

/**
 * The files below `dir` whose names end with `suffix`, as `/`-separated
 * paths relative to `dir`, in sorted order.
 */
export function listTree(dir: string, suffix: string, rel = ""): string[] {
  const out: string[] = [];
  const entries = [...Deno.readDirSync(path.join(dir, rel))].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  for (const e of entries) {
    const r = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory) out.push(...listTree(dir, suffix, r));
    else if (e.name.endsWith(suffix)) out.push(r);
  }
  return out;
}

function preorder(rc: RawCode, out: RawCode[] = []): RawCode[] {
  out.push(rc);
  for (const c of rc.children) preorder(c, out);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Describes the first difference between two modules. */
export function firstDifference(
  ours: CompiledModule,
  theirs: CompiledModule,
): string {
  const lines: string[] = [];
  const ta = describeTables(ours);
  const tb = describeTables(theirs);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    if (ta[i] !== tb[i]) {
      lines.push(`  tables differ at line ${i}:`);
      lines.push(`    ours:   ${ta[i] ?? "<end>"}`);
      lines.push(`    theirs: ${tb[i] ?? "<end>"}`);
      break;
    }
  }
  const ra = preorder(ours.root);
  const rb = preorder(theirs.root);
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    const a = ra[i];
    const b = rb[i];
    if (a === undefined || b === undefined) {
      lines.push(
        `  raw code count differs: ours ${ra.length}, theirs ${rb.length}`,
      );
      break;
    }
    if (
      sameBytes(a.funData, b.funData) && a.children.length === b.children.length
    ) {
      continue;
    }
    const name = `raw code ${i} '${theirs.qstrs[b.simpleName]}'`;
    const pa = describePrelude(ours, a);
    const pb = describePrelude(theirs, b);
    for (let j = 0; j < pa.length; j++) {
      if (pa[j] !== pb[j]) {
        lines.push(`  ${name} prelude:`);
        lines.push(`    ours:   ${pa[j]}`);
        lines.push(`    theirs: ${pb[j]}`);
      }
    }
    const ia = decodeInstructions(ours, a);
    const ib = decodeInstructions(theirs, b);
    for (let j = 0; j < Math.max(ia.length, ib.length); j++) {
      const x = ia[j];
      const y = ib[j];
      const fx = x === undefined ? "<end>" : formatInstruction(x, "");
      const fy = y === undefined ? "<end>" : formatInstruction(y, "");
      if (fx !== fy) {
        lines.push(`  ${name} instruction ${j}:`);
        if (j > 0) {
          lines.push(`    before: ${formatInstruction(ib[j - 1], "")}`);
        }
        lines.push(`    ours:   ${fx}`);
        lines.push(`    theirs: ${fy}`);
        break;
      }
    }
    break;
  }
  if (lines.length === 0) {
    lines.push("  (bytes differ outside the decoded fields)");
  }
  return lines.join("\n");
}

function main(): void {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: {
      expected: { type: "string" },
      verbose: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) {
    console.error("usage: mpy_compare.ts TESTS_DIR [--expected MPY_DIR]");
    Deno.exit(2);
  }
  const testsDir = positionals[0];
  const expectedDir = values.expected ??
    path.join(path.dirname(path.resolve(testsDir)), "mpy-cross");
  let total = 0;
  let same = 0;
  const failures: string[] = [];
  for (const rel of listTree(testsDir, ".py")) {
    const mpyPath = path.join(expectedDir, rel.replace(/\.py$/, ".mpy"));
    let expected: Uint8Array;
    try {
      expected = Deno.readFileSync(mpyPath);
    } catch {
      continue;
    }
    total++;
    const source = Deno.readTextFileSync(path.join(testsDir, rel));
    let ours: Uint8Array;
    let module: CompiledModule;
    try {
      module = compile(source, { sourceName: rel });
      ours = writeMpy(module);
    } catch (e) {
      const msg = e instanceof CompileError ? formatCompileError(e) : String(e);
      failures.push(
        `${rel}: compile failed\n  ${msg.trim().replaceAll("\n", "\n  ")}`,
      );
      continue;
    }
    if (sameBytes(ours, expected)) {
      same++;
      if (values.verbose) console.log(`same   ${rel}`);
      continue;
    }
    const theirs = readMpy(expected);
    failures.push(`${rel}: differs\n${firstDifference(module, theirs)}`);
  }
  for (const f of failures) console.log(f);
  console.log(`${same}/${total} identical`);
}

if (import.meta.main) main();
