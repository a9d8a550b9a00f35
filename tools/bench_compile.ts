/**
 * Measures compile speed: compiles every `.py` under the given folders in one
 * process (source to `.mpy` bytes), several rounds, and reports megabytes of
 * source (UTF-8 bytes) per second of wall time for the first round (cold:
 * nothing of the compiler has run or been optimised yet), the best round and
 * all rounds together. The sources are read before the clock starts.
 *
 * Beside wall time it gives the CPU time of the thread that compiles (where
 * the system reports it): on a busy machine that figure is what the machine
 * load does not stretch.
 *
 *     deno run -A tools/bench_compile.ts DIR... [--rounds N]
 *
 * @module
 */

import { parseArgs } from "node:util";
import process from "node:process";
import * as path from "node:path";
import { compile, CompileError, writeMpy } from "../compiler/mod.ts";

function collect(dir: string, out: Array<[string, string]>): void {
  for (const e of Deno.readDirSync(dir)) {
    const p = path.join(dir, e.name);
    if (e.isDirectory) collect(p, out);
    else if (e.name.endsWith(".py")) out.push([p, Deno.readTextFileSync(p)]);
  }
}

/** CPU time of the calling thread in milliseconds, or NaN if unknown. */
function threadCpuMs(): number {
  try {
    const stat = Deno.readTextFileSync("/proc/thread-self/schedstat");
    return Number(stat.split(" ")[0]) / 1e6;
  } catch {
    return NaN;
  }
}

function main(): void {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    allowPositionals: true,
    options: { rounds: { type: "string", default: "10" } },
  });
  if (positionals.length === 0) {
    console.error("usage: bench_compile.ts DIR... [--rounds N]");
    Deno.exit(2);
  }
  const files: Array<[string, string]> = [];
  for (const dir of positionals) collect(dir, files);
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const [, src] of files) bytes += encoder.encode(src).length;
  const rounds = Math.max(1, Number(values.rounds));
  const times: number[] = [];
  let errors = 0;
  const cpu: number[] = [];
  const threadCpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const m0 = threadCpuMs();
    const t0 = performance.now();
    for (const [name, src] of files) {
      try {
        writeMpy(compile(src, { sourceName: name }));
      } catch (e) {
        if (!(e instanceof CompileError)) throw e;
        if (r === 0) errors++;
      }
    }
    times.push(performance.now() - t0);
    threadCpu.push(threadCpuMs() - m0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mb = bytes / 1e6;
  const cold = times[0];
  const best = Math.min(...times);
  console.log(
    `${files.length} files, ${bytes} bytes of source` +
      (errors ? `, ${errors} rejected` : ""),
  );
  // The compiling thread's CPU time is steadier than wall time on a busy
  // machine; the process's adds the optimising compiler's and the GC's
  // helper threads.
  const thread = Number.isNaN(threadCpu[0])
    ? ""
    : `compiling thread CPU ${threadCpu[0].toFixed(1)} ms = ${
      (mb / (threadCpu[0] / 1000)).toFixed(2)
    } MB/s, `;
  console.log(
    `first round (cold): ${cold.toFixed(1)} ms = ${
      (mb / (cold / 1000)).toFixed(2)
    } MB/s (${thread}process CPU ${cpu[0].toFixed(1)} ms)`,
  );
  const total = times.reduce((a, b) => a + b, 0);
  console.log(
    `best of ${rounds}: ${best.toFixed(1)} ms = ${
      (mb / (best / 1000)).toFixed(2)
    } MB/s; all ${rounds} rounds: ${
      (mb * rounds / (total / 1000)).toFixed(2)
    } MB/s`,
  );
}

if (import.meta.main) main();
