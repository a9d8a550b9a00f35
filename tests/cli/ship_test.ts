import assert from "node:assert/strict";
import * as nodePath from "node:path";
import { ROOT, runUpy } from "../upy_process.ts";

/** The program every shipping form must run end to end. */
const PROGRAM = ["-c", "print(2**70)"];
const EXPECTED = "1180591620717411303424\n";

Deno.test("the bundle is one file that runs a script", async () => {
  const out = await Deno.makeTempDir({ prefix: "upy_bundle_" });
  const bundle = nodePath.join(out, "upy.js");
  const build = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "deno", "-o", bundle, "main.ts"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(build.code, 0, new TextDecoder().decode(build.stderr));
  const version = await runUpy(["--version"], { entry: bundle, cwd: out });
  assert.equal(version.code, 0, version.stderr);
  assert.match(version.stdout, /^upy /);
  const r = await runUpy(PROGRAM, { entry: bundle, cwd: out });
  assert.equal(r.stderr, "");
  assert.equal(r.stdout, EXPECTED);
  await Deno.remove(out, { recursive: true });
});

Deno.test("main.ts runs from a URL", async () => {
  const controller = new AbortController();
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: controller.signal,
    onListen: () => {},
  }, async (req) => {
    const path = decodeURIComponent(new URL(req.url).pathname);
    const file = nodePath.join(ROOT, nodePath.normalize(path));
    if (!file.startsWith(ROOT)) {
      return new Response("forbidden", { status: 403 });
    }
    try {
      const body = await Deno.readFile(file);
      return new Response(body, {
        headers: { "content-type": "application/typescript" },
      });
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
  try {
    const url = `http://127.0.0.1:${server.addr.port}/main.ts`;
    const version = await runUpy(["--version"], { entry: url });
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, /^upy /);
    const r = await runUpy(PROGRAM, { entry: url });
    assert.equal(r.stderr, "");
    assert.equal(r.stdout, EXPECTED);
  } finally {
    controller.abort();
    await server.finished;
  }
});
