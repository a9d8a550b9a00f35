import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram } from "./support.ts";

const ARGS = [
  "0",
  "-0.0",
  "1",
  "-1",
  "2",
  "0.5",
  "-0.5",
  "3.7",
  "-2.5",
  "10",
  "100",
  "1e-10",
  "1e10",
  "1e300",
  "-1e300",
  "2**70",
  "-2**70",
  "10**400",
  "True",
  "math.inf",
  "-math.inf",
  "math.nan",
  "math.pi",
  "math.e",
];
const ONE_ARG = [
  "sqrt",
  "exp",
  "expm1",
  "log",
  "log2",
  "log10",
  "cosh",
  "sinh",
  "tanh",
  "acosh",
  "asinh",
  "atanh",
  "cos",
  "sin",
  "tan",
  "acos",
  "asin",
  "atan",
  "ceil",
  "floor",
  "trunc",
  "fabs",
  "isfinite",
  "isinf",
  "isnan",
  "frexp",
  "modf",
  "radians",
  "degrees",
  "erf",
  "erfc",
  "gamma",
  "lgamma",
];

// Results are rounded to 12 significant digits: the C libraries behind the
// real ports differ among themselves in the last bit of some functions.
const SETUP = `import math
def r(v):
    if isinstance(v, float):
        return float('%.12g' % v)
    if isinstance(v, tuple):
        return tuple(r(x) for x in v)
    return v`;

Deno.test("math: one-argument functions on a grid of values", async () => {
  const exprs: string[] = [];
  for (const f of ONE_ARG) {
    for (const a of ARGS) exprs.push(`r(math.${f}(${a}))`);
  }
  assertEquals(await compareExprs(exprs, SETUP), []);
});

Deno.test("math: two-argument functions, factorial, isclose, errors", async () => {
  const pairs = [
    ["2", "10"],
    ["-8", "1/3"],
    ["0", "-1"],
    ["1", "math.nan"],
    ["math.nan", "0"],
    ["-1", "math.inf"],
    ["2", "10000"],
    ["0", "0"],
    ["3", "-2"],
    ["-2", "3"],
    ["math.inf", "2"],
    ["1e308", "10"],
    ["5", "0.5"],
  ];
  const exprs: string[] = [];
  for (const f of ["pow", "atan2", "copysign", "fmod", "log"]) {
    for (const [a, b] of pairs) exprs.push(`r(math.${f}(${a}, ${b}))`);
  }
  for (
    const [a, b] of [["1", "5"], ["0.5", "-1080"], ["3", "2**40"], [
      "1",
      "10000",
    ], ["-0.0", "3"]]
  ) {
    exprs.push(`r(math.ldexp(${a}, ${b}))`);
  }
  for (const n of ["0", "1", "5", "20", "30", "-1", "1.0", "True", "2**31"]) {
    exprs.push(`math.factorial(${n})`);
  }
  exprs.push(
    "math.isclose(1, 1 + 1e-10)",
    "math.isclose(1, 1.01, rel_tol=0.1)",
    "math.isclose(0, 1e-12, abs_tol=1e-9)",
    "math.isclose(1, 2, rel_tol=-1)",
    "math.isclose(math.inf, math.inf)",
    "math.isclose(math.inf, 1e308)",
    "math.isclose(1)",
    "math.isclose(1, 2, 3)",
    "math.isclose(1, 2, tol=3)",
    "math.sqrt('x')",
    "math.sqrt(None)",
    "math.sqrt(1 + 2j)",
    "math.sqrt()",
    "math.sqrt(1, 2)",
    "math.sqrt(x=1)",
    "math.log()",
    "math.log(1, 2, 3)",
    "(math.pi, math.e, math.tau, math.inf, math.nan)",
    "sorted(n for n in dir(math) if not n.startswith('_'))",
  );
  assertEquals(await compareExprs(exprs, SETUP), []);
});

Deno.test("math: objects with __float__ are accepted", async () => {
  const code = `import math
class F:
    def __float__(self):
        return 2.25
print(math.sqrt(F()), math.floor(F()), math.isnan(F()))
`;
  assertEquals(await compareProgram(code), []);
});

Deno.test("cmath: functions on complex, float and int arguments", async () => {
  const args = [
    "0",
    "1",
    "-1",
    "1j",
    "-1j",
    "3+4j",
    "-2-2j",
    "0.5-0.25j",
    "2",
    "-4.5",
    "True",
  ];
  const exprs: string[] = [];
  for (
    const f of ["sqrt", "exp", "log", "log10", "sin", "cos", "phase", "polar"]
  ) {
    for (const a of args) exprs.push(`rc(cmath.${f}(${a}))`);
  }
  exprs.push(
    "rc(cmath.rect(2, 0.5))",
    "rc(cmath.rect(1, math.pi))",
    "cmath.rect(1j, 0)",
    "cmath.sqrt('x')",
    "cmath.sqrt([])",
    "(cmath.pi, cmath.e)",
    "sorted(n for n in dir(cmath) if not n.startswith('_'))",
  );
  const setup = `import cmath, math
def rc(v):
    if isinstance(v, complex):
        return complex(float('%.10g' % v.real), float('%.10g' % v.imag))
    if isinstance(v, float):
        return float('%.10g' % v)
    if isinstance(v, tuple):
        return tuple(rc(x) for x in v)
    return v`;
  assertEquals(await compareExprs(exprs, setup), []);
});
