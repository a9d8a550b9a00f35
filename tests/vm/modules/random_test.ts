import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram, upy } from "./support.ts";

Deno.test("random: seeded sequences are MicroPython's for many seeds", async () => {
  const seeds = [
    0,
    1,
    2,
    7,
    42,
    123,
    456,
    999,
    65535,
    2 ** 31 - 1,
    2 ** 32 - 1,
    -1,
    -12345,
    2 ** 40 + 5,
    3 ** 30,
  ];
  const lines = [
    "import random",
    "for s in " + JSON.stringify(seeds.map(String)) + ":",
  ];
  lines.push("    random.seed(int(s))");
  lines.push(
    "    print([random.getrandbits(b) for b in (0, 1, 5, 16, 31, 32, 32, 8)])",
  );
  lines.push(
    "    print([random.randrange(10) for _ in range(8)], [random.randrange(-5, 5) for _ in range(8)])",
  );
  lines.push(
    "    print([random.randrange(3, 100, 7) for _ in range(6)], [random.randrange(50, -50, -9) for _ in range(6)])",
  );
  lines.push(
    "    print([random.randint(-3, 3) for _ in range(10)], random.randint(0, 2**31 - 2))",
  );
  lines.push(
    "    print([random.choice('abcdefg') for _ in range(8)], random.choice((1, 2.5, None)))",
  );
  lines.push("    print([random.random() for _ in range(4)])");
  lines.push(
    "    print([random.uniform(-10, 10) for _ in range(3)], random.uniform(5, 5))",
  );
  assertEquals(await compareProgram(lines.join("\n") + "\n"), []);
});

Deno.test("random: errors and argument checks", async () => {
  const exprs = [
    "random.getrandbits(33)",
    "random.getrandbits(-1)",
    "random.randrange(0)",
    "random.randrange(-3)",
    "random.randrange(5, 5)",
    "random.randrange(1, 10, 0)",
    "random.randrange(10, 1, 2)",
    "random.randrange(1.5)",
    "random.randrange(2**40)",
    "random.randint(3, 1)",
    "random.choice([])",
    "random.choice('')",
    "random.choice(5)",
    "random.seed(1, 2)",
    "random.seed(1.5)",
    "random.random(1)",
    "random.uniform('a', 1)",
    "random.randrange()",
  ];
  assertEquals(await compareExprs(exprs, "import random"), []);
});

Deno.test("random: seeding without a value uses the board and still works", () => {
  const r = upy(
    "import random\nrandom.seed()\nx = random.random()\nprint(0 <= x < 1)\nrandom.seed(None)\nprint(random.getrandbits(8) < 256)\n",
  );
  assertEquals(r.stdout, "True\nTrue\n");
});

Deno.test("random: single-precision boards draw 23 fraction bits", () => {
  const r = upy(
    "import random\nrandom.seed(1)\nprint(int(random.random() * 2**23))\n",
    { floatBits: 32 },
  );
  // The first word is 2002244, which fits in the 23 fraction bits.
  assertEquals(r.stdout, "2002244\n");
});
