/**
 * Runs the conformance corpus's own runner against this checkout.
 *
 *     deno run -A tools/conformance.ts [--corpus DIR] [RUNNER ARGS…]
 *
 * The runner (`DIR/run.py`, by default `shared/conformance` beside the
 * repository) runs each test in the test's own folder, so a command naming
 * `main.ts` relative to the repository finds no module there. This passes it
 * `deno run -A ABSOLUTE/main.ts` and forwards every other argument
 * (`--dir`, `--match`, `--failures`, `--sample`, …).
 *
 * @module
 */

import * as path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = [...Deno.args];
let corpus = path.join(repo, "..", "shared", "conformance");
const at = args.indexOf("--corpus");
if (at >= 0 && at + 1 < args.length) {
  corpus = path.resolve(args[at + 1]);
  args.splice(at, 2);
}
const cmd = `${Deno.execPath()} run -A ${path.join(repo, "main.ts")}`;
const child = new Deno.Command("python3", {
  args: [path.join(corpus, "run.py"), "--cmd", cmd, ...args],
  stdout: "inherit",
  stderr: "inherit",
}).spawn();
Deno.exit((await child.status).code);
