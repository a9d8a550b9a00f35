/**
 * Runs the conformance corpus from mpy-cross's `.mpy` files instead of the
 * `.py` sources: each test folder is copied to a temporary folder, each
 * test's `.py` is replaced by its compiled `.mpy` (helper modules stay as
 * they are), `main.ts NAME.mpy` runs there, and stdout is compared with the
 * test's `.exp`.
 *
 *     deno run -A tools/conformance_mpy.ts [--corpus DIR] [--match TEXT] [--failures]
 *
 * `--corpus` is the folder holding `tests/` and `mpy-cross/` (by default the
 * `shared/conformance` folder beside the repository). The last line reads
 * `conformance-mpy: N passed, M failed`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import * as path from "node:path";
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    corpus: { type: "string" },
    match: { type: "string" },
    failures: { type: "boolean" },
    jobs: { type: "string" },
    timeout: { type: "string" },
  },
});

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.resolve(
  values.corpus ?? path.join(repo, "..", "shared", "conformance"),
);
const mainTs = path.join(repo, "main.ts");
const jobs = Number(values.jobs ?? "2");
const timeoutMs = Number(values.timeout ?? "30") * 1000;

interface Case {
  area: string;
  name: string;
  mpy: string;
  exp: string;
}

function collect(): Case[] {
  const out: Case[] = [];
  const testsDir = path.join(corpus, "tests");
  for (const area of fs.readdirSync(testsDir).sort()) {
    const dir = path.join(testsDir, area);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith(".py.exp")) continue;
      const name = f.slice(0, -".py.exp".length);
      const mpy = path.join(corpus, "mpy-cross", area, name + ".mpy");
      if (!fs.existsSync(mpy)) continue;
      if (
        values.match !== undefined && !`${area}/${name}`.includes(values.match)
      ) {
        continue;
      }
      out.push({ area, name, mpy, exp: path.join(dir, f) });
    }
  }
  return out;
}

/** Copies a test folder once per area; the tests' own `.py` files are left out. */
function prepareArea(area: string, tmp: string, tests: Set<string>): string {
  const src = path.join(corpus, "tests", area);
  const dst = path.join(tmp, area);
  fs.cpSync(src, dst, {
    recursive: true,
    filter: (p: string) => {
      const base = path.basename(p);
      if (base.endsWith(".exp")) return false;
      if (path.dirname(p) === src && base.endsWith(".py")) {
        return !tests.has(base.slice(0, -3));
      }
      return true;
    },
  });
  return dst;
}

async function runCase(c: Case, dir: string): Promise<[boolean, string]> {
  fs.copyFileSync(c.mpy, path.join(dir, c.name + ".mpy"));
  const cmd = new Deno.Command("deno", {
    args: ["run", "-A", mainTs, c.name + ".mpy"],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  });
  const child = cmd.spawn();
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }, timeoutMs);
  const out = await child.output();
  clearTimeout(timer);
  const got = new TextDecoder().decode(out.stdout);
  const want = fs.readFileSync(c.exp, "utf8");
  if (got === want) return [true, ""];
  const g = got.split("\n");
  const w = want.split("\n");
  let i = 0;
  while (i < g.length && i < w.length && g[i] === w[i]) i++;
  const err = new TextDecoder().decode(out.stderr).trim().split("\n").pop() ??
    "";
  return [
    false,
    `line ${i + 1}: got ${JSON.stringify(g[i] ?? "<missing>")} expected ${
      JSON.stringify(w[i] ?? "<missing>")
    }${err ? " | stderr: " + err : ""}`,
  ];
}

async function main(): Promise<number> {
  const cases = collect();
  const tmp = fs.mkdtempSync(
    path.join(Deno.env.get("TMPDIR") ?? "/tmp", "upy-mpy-"),
  );
  const dirs = new Map<string, string>();
  for (const area of new Set(cases.map((c) => c.area))) {
    const names = new Set(
      cases.filter((c) => c.area === area).map((c) => c.name),
    );
    dirs.set(area, prepareArea(area, tmp, names));
  }
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++];
      const [ok, why] = await runCase(c, dirs.get(c.area)!);
      if (ok) passed++;
      else {
        failed++;
        failures.push(`FAIL ${c.area}/${c.name}.mpy: ${why}`);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  fs.rmSync(tmp, { recursive: true, force: true });
  if (values.failures) { for (const f of failures.sort()) console.log(f); }
  console.log(`conformance-mpy: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
