/**
 * Runs the `upy` command as a user would: a subprocess per call, with its
 * output, errors and exit status.
 *
 * @module
 */

import * as nodePath from "node:path";

/** The repository root. */
export const ROOT: string = nodePath.resolve(
  nodePath.dirname(new URL(import.meta.url).pathname),
  "..",
);

/** What a run of the command produced. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link runUpy}. */
export interface RunUpyOptions {
  /** Working folder (default: a fresh temporary folder is not made; the repository root). */
  cwd?: string;
  /** Text fed to standard input. */
  stdin?: string;
  /** The program to run instead of `main.ts` (a bundle or a URL). */
  entry?: string;
}

/** Runs `deno run -A main.ts ARGS…` and collects its output. */
export async function runUpy(
  args: string[],
  options: RunUpyOptions = {},
): Promise<ProcessResult> {
  const entry = options.entry ?? nodePath.join(ROOT, "main.ts");
  const command = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--quiet", entry, ...args],
    cwd: options.cwd ?? ROOT,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  });
  const child = command.spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const out = await child.output();
  const decoder = new TextDecoder();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
  };
}

/** A fresh temporary folder holding `files` (name → content). */
export async function tempFolder(
  files: Record<string, string | Uint8Array>,
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "upy_test_" });
  for (const [name, content] of Object.entries(files)) {
    const path = nodePath.join(dir, name);
    await Deno.mkdir(nodePath.dirname(path), { recursive: true });
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else await Deno.writeFile(path, content);
  }
  return dir;
}
