import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram, Rng } from "./support.ts";

Deno.test("heapq: random push/pop/heapify sequences keep MicroPython's order", async () => {
  const rng = new Rng(17);
  const lines = ["import heapq"];
  for (let t = 0; t < 40; t++) {
    const items = Array.from({ length: rng.int(0, 20) }, () => rng.int(0, 9));
    lines.push(`h = ${JSON.stringify(items)}`);
    lines.push("heapq.heapify(h)");
    lines.push("print(h)");
    const pushes = Array.from(
      { length: rng.int(0, 6) },
      () => `(${rng.int(0, 9)}, ${rng.int(0, 99)})`,
    );
    lines.push(`t = []`);
    lines.push(`for x in [${pushes.join(", ")}]:\n    heapq.heappush(t, x)`);
    lines.push("print(t, [heapq.heappop(h) for _ in range(len(h) // 2)], h)");
  }
  assertEquals(await compareProgram(lines.join("\n") + "\n"), []);
});

Deno.test("heapq: errors", async () => {
  const exprs = [
    "heapq.heappop([])",
    "heapq.heappush((), 1)",
    "heapq.heapify('abc')",
    "heapq.heappush(L(), 1)",
    "heapq.heappush([1, 'a'], 2)",
    "heapq.heappop([1])",
    "heapq.heapify([3, 'x', 1])",
  ];
  assertEquals(
    await compareExprs(exprs, "import heapq\nclass L(list): pass"),
    [],
  );
});

Deno.test("errno: constants and errorcode", async () => {
  const exprs = [
    "sorted(n for n in dir(errno) if n[0] == 'E')",
    "[(n, getattr(errno, n)) for n in sorted(dir(errno)) if n[0] == 'E']",
    "errno.errorcode",
    "errno.errorcode[errno.ENOENT]",
    "errno.errorcode.get(999, 'none')",
    "type(errno.errorcode).__name__",
  ];
  assertEquals(await compareExprs(exprs, "import errno"), []);
});
