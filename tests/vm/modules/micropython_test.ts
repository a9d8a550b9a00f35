import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareProgram, upy } from "./support.ts";

Deno.test("micropython.schedule: the end of the script runs one queued callback", async () => {
  const code = `import micropython
def f(x):
    print('sched', x)
micropython.schedule(f, 1)
micropython.schedule(f, 2)
print('last statement')
`;
  assertEquals(await compareProgram(code), []);
  assertEquals(upy(code).stdout, "last statement\nsched 1\n");
});

Deno.test("micropython.schedule: a queued callback runs before an uncaught exception is reported", () => {
  const r = upy(`import micropython
micropython.schedule(print, 'cb')
raise ValueError('x')
`);
  assertEquals(r.stdout, "cb\n");
  assertEquals(r.exitCode, 1);
  assertEquals(r.stderr.split("\n").slice(-2), ["ValueError: x", ""]);
});

Deno.test("micropython.schedule: a failing callback prints its traceback to stdout and the script goes on", () => {
  const r = upy(`import micropython
def bad(x):
    raise ValueError('cb %d' % x)
micropython.schedule(bad, 1)
for i in range(3):
    pass
print('after')
micropython.schedule(5, 2)
`);
  assertEquals(r.stderr, "");
  assertEquals(r.exitCode, 0);
  assertEquals(
    r.stdout,
    'Traceback (most recent call last):\n  File "main.py", line 3, in bad\n' +
      "ValueError: cb 1\nafter\nTypeError: 'int' object isn't callable\n",
  );
});

Deno.test("micropython.schedule: time.sleep_ms waits on the event loop, so queued callbacks run", () => {
  const code = `import micropython, time
def f(x):
    print('cb', x)
micropython.schedule(f, 1)
micropython.schedule(f, 2)
time.sleep_ms(5)
print('after sleep')
micropython.schedule(f, 3)
time.sleep_ms(0)
print('after sleep 0')
`;
  assertEquals(
    upy(code).stdout,
    "cb 1\ncb 2\nafter sleep\nafter sleep 0\ncb 3\n",
  );
});
