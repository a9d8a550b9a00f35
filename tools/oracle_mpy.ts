/**
 * Checks that every `.mpy` upy writes for a test tree loads and runs in the
 * real MicroPython (the npm oracle) and prints what the `.py` prints there.
 *
 *     deno run -A tools/oracle_mpy.ts TESTS_DIR [--verbose]
 *
 * Each test (`TESTS_DIR/AREA/NAME.py` with its expected output
 * `NAME.py.exp`) is compiled with the source name `AREA/NAME.py`; the oracle
 * then imports the source and the `.mpy` as the same module, each with the
 * files of the test's folder beside it. Prints the number of tests whose
 * outputs agree and, for each that does not, the first differing line.
 * Tests the oracle cannot run from source (it has no native emitter for
 * `@micropython.native`/`viper`) are counted apart.
 *
 * @module
 */

import { parseArgs } from "node:util";
import * as path from "node:path";
import { compile, writeMpy } from "../compiler/mod.ts";
import { runOracle } from "../tests/oracle.ts";
import { listTree } from "./mpy_compare.ts";

/** The files beside a test (helper modules, data), by name. */
function neighbours(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const e of Deno.readDirSync(dir)) {
    if (e.isFile && !e.name.endsWith(".exp")) {
      files[e.name] = Deno.readFileSync(path.join(dir, e.name));
    }
  }
  return files;
}

function firstDifference(a: string, b: string): string {
  const la = a.split("\n");
  const lb = b.split("\n");
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      return `  line ${i + 1}:\n    .py:  ${la[i] ?? "<end>"}\n    .mpy: ${
        lb[i] ?? "<end>"
      }`;
    }
  }
  return "  (same lines)";
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: { verbose: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) {
    console.error("usage: oracle_mpy.ts TESTS_DIR [--verbose]");
    Deno.exit(2);
  }
  const testsDir = positionals[0];
  let total = 0;
  let same = 0;
  const failures: string[] = [];
  const noNative: string[] = [];
  // Each test is a NAME.py with its expected output NAME.py.exp beside it.
  for (const exp of listTree(testsDir, ".py.exp")) {
    const rel = exp.slice(0, -".exp".length);
    total++;
    const file = path.join(testsDir, rel);
    const files = neighbours(path.dirname(file));
    const source = Deno.readTextFileSync(file);
    let mpy: Uint8Array;
    try {
      mpy = writeMpy(compile(source, { sourceName: rel }));
    } catch (e) {
      failures.push(`${rel}: upy could not compile it: ${e}`);
      continue;
    }
    // The oracle imports a .mpy as module __oracle_main: import the source
    // the same way, so that __name__ agrees.
    const fromSource = await runOracle({
      code: "__import__('__oracle_main')",
      files: { ...files, "__oracle_main.py": source },
    });
    const fromMpy = await runOracle({ mpy, files });
    if (
      /native code emitter|invalid micropython decorator/.test(
        fromSource.stderr,
      )
    ) {
      noNative.push(rel);
      continue;
    }
    // Tracebacks name the file; compare what the program printed.
    if (
      fromSource.stdout === fromMpy.stdout &&
      fromSource.exitCode === fromMpy.exitCode
    ) {
      same++;
      if (values.verbose) console.log(`same   ${rel}`);
    } else {
      failures.push(
        `${rel}: output differs\n${
          firstDifference(fromSource.stdout, fromMpy.stdout)
        }`,
      );
    }
  }
  for (const f of failures) console.log(f);
  if (noNative.length > 0) {
    console.log(
      `not runnable from source in the oracle (no native emitter): ${
        noNative.join(", ")
      }`,
    );
  }
  console.log(
    `${same}/${total - noNative.length} print the same from upy's .mpy`,
  );
}

if (import.meta.main) await main();
