// The compiler's fast paths against the careful ones they shortcut: the
// recursive-descent parser against MicroPython's grammar-table parser
// (same tree, or it gives up), the lexer's direct reading of common tokens
// against its character-by-character path (same tokens), and the FIRST-set
// table against its generator.
import assert from "node:assert/strict";
import { mulberry32 as rng } from "../seeded_random.ts";
import {
  InputKind,
  parse,
  ParseError,
  parseFast,
  type ParseOptions,
  parseWithTables,
} from "../../compiler/parser.ts";
import { Lexer, sourceBytes } from "../../compiler/lexer.ts";
import { NodeKind, type PN } from "../../compiler/parse_node.ts";
import { objKey } from "../../compiler/py_obj.ts";
import { Tok } from "../../compiler/tokens.ts";
import {
  formatFloatConst,
  parseFloatLiteral,
} from "../../compiler/float_format.ts";
import { reprBySearch } from "../../compiler/format_float.ts";
import { generateGrammarFirst } from "../../tools/gen_grammar_first.ts";

const PROGRAMS = new URL("./programs/", import.meta.url);

function programs(): string[] {
  return [...Deno.readDirSync(PROGRAMS)]
    .filter((e) => e.isFile && e.name.endsWith(".py"))
    .map((e) => e.name)
    .sort()
    .map((n) => Deno.readTextFileSync(new URL(n, PROGRAMS)));
}

// Constructs the programs may not cover, one per line.
const SNIPPETS = `
x = 1 if a else 2 if b else 3
y = not not a or b and not c
z = a < b <= c != d is not e not in f in g is h
w = -+~x ** -y ** 2 * 3 // 4 % 5 @ m / 6 + 7 - 8 << 9 >> 10 & 11 ^ 12 | 13
t = (1, 2, (3, 4), "s", b"b", 1.5, 2j, ..., None, True, False)
u = (1,); v = (); q = (a,); r = [a, *b, c]; s = {a: 1, b: 2} if 0 else {1, 2}
f(a, *b, c=1, **d); f(x for x in y if x if y); g(a := 1); h(*a, **b)
a[1:2, ::3, 4:, :5:6, ...]; a[:]; a[1]; a[b, c]; a[(1, 2)]
lambda: 0; lambda a, b=1, *c, d, e=2, **f: a; lambda *, k: k; lambda *a: a
[x for x in y for z in w if z]; {k: v for k, v in d}; {s for s in t}
x: int = 5; y: list; a += 1; b //= 2; c **= 3; d @= e; x = y = z = 1, 2
del a, b[1], c.d; assert a, "msg"; raise; raise E; raise E from None
import a.b.c as d, e; from . import x; from ..m import (a, b as c,); from m import *
global g; nonlocal n; pass; break; continue; return; return a, b
X = const(1); _Y = const(2); Z = X + _Y; import math; p = math.pi
"doc"; 123; "long string literal here"; b"bytes" b"more"; "a" "b" 'c'
f"{a} {b!r} {c:>{w}} {{}} {d=}"; rf"{x}\\n" "y"; print(f'{x}' f"{y}")
x = 0x1f + 0o17 + 0b101 + 1_000 + 1e10 + 1.5e-3j + .5 + 5.
async def f():
  async with a as b, c:
    await x
  async for i in y: pass
  return await z
@d1
@d2.e(1, k=2)
class C(B, metaclass=M):
  def m(self, a: int = 1, *args: str, kw, **kws: dict) -> None:
    yield from g()
    yield
    yield a, b
try:
  pass
except (A, B) as e:
  pass
except C:
  pass
else:
  pass
finally:
  pass
while 1:
  if a: break
  elif b: continue
  else: pass
else: pass
for i, (j, *k) in enumerate(x): pass
with a, b as (c, d): pass
if __debug__: x = 2 ** 100 - 1 << 3
`;

function snippets(): string[] {
  return SNIPPETS.split("\n").filter((l) => l.trim() !== "");
}

/** A parse tree as text: kinds, rules, positions, values and children. */
function dump(pn: PN): string {
  if (pn === null) return "_";
  switch (pn.kind) {
    case NodeKind.SmallInt:
      return `i${pn.num}`;
    case NodeKind.Id:
      return `n${JSON.stringify(pn.str)}`;
    case NodeKind.Str:
      return `s${JSON.stringify(pn.str)}`;
    case NodeKind.Token:
      return `t${pn.rule}`;
    case NodeKind.Struct: {
      const obj = pn.obj === null ? "" : `=${objKey(pn.obj)}`;
      return `(${pn.rule}@${pn.line}.${pn.col}${obj} ${
        pn.nodes.map(dump).join(" ")
      })`;
    }
  }
}

const OPTIONS: ParseOptions = {
  sourceName: "t.py",
  optLevel: 0,
  smallIntBits: 31,
};

/** What the grammar-table parser makes of `src`: a tree or an error. */
function tableResult(
  src: string,
  input: InputKind,
  opts: ParseOptions,
): string {
  try {
    return dump(parseWithTables(src, input, opts).root);
  } catch (e) {
    if (!(e instanceof ParseError) && !(e instanceof RangeError)) throw e;
    return `error ${e.message}`;
  }
}

const PIECES = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ":",
  ",",
  ".",
  ";",
  "=",
  "==",
  ":=",
  "*",
  "**",
  "\\",
  "\n",
  "\t",
  " ",
  "    ",
  "#",
  "'",
  '"',
  '"""',
  "f'",
  "b'",
  "rf'{",
  "{x}",
  "0x",
  "1e",
  "1_",
  ".5",
  "é",
  "lambda",
  "yield",
  "await ",
  "async ",
  "def ",
  "class ",
  "return",
  "del ",
  "global x",
  "import ",
  "from . import",
  "if ",
  "else:",
  "elif ",
  "try:",
  "except",
  "finally:",
  "with ",
  "as ",
  "for ",
  "in ",
  "not ",
  "and ",
  "or ",
  "is ",
  "None",
  "...",
  "@",
  "->",
  "const(",
  "-",
  "~",
  "<<",
  "!=",
  "x",
  "1",
  "'s'",
  " if x else ",
];

function mutate(src: string, r: () => number): string {
  const pos = Math.floor(r() * (src.length + 1));
  switch (Math.floor(r() * 4)) {
    case 0:
      return src.slice(0, pos);
    case 1:
      return src.slice(0, pos) + src.slice(pos + Math.floor(r() * 20));
    case 2:
      return src.slice(0, pos) + PIECES[Math.floor(r() * PIECES.length)] +
        src.slice(pos);
    default: {
      const lines = src.split("\n");
      const i = Math.floor(r() * lines.length);
      lines[i] = " ".repeat(Math.floor(r() * 6)) + lines[i].trimStart();
      return lines.join("\n");
    }
  }
}

Deno.test("the FIRST-set table is what its generator makes of the grammar", () => {
  const file = Deno.readTextFileSync(
    new URL("../../compiler/grammar_first.ts", import.meta.url),
  );
  assert.equal(file, generateGrammarFirst());
});

Deno.test("the fast parser builds the grammar-table parser's trees", () => {
  const inputs: Array<[string, InputKind]> = [];
  for (const src of programs()) inputs.push([src, InputKind.File]);
  inputs.push([SNIPPETS, InputKind.File]);
  for (const line of snippets()) {
    // The lines that are whole statements on their own.
    if (tableResult(line, InputKind.File, OPTIONS).startsWith("error")) {
      continue;
    }
    inputs.push([line, InputKind.File], [line, InputKind.Single]);
  }
  inputs.push(["1, 2", InputKind.Eval], ["(a if b else c)\n", InputKind.Eval]);
  for (const [src, input] of inputs) {
    for (
      const opts of [OPTIONS, { ...OPTIONS, optLevel: 1, smallIntBits: 63 }]
    ) {
      const fast = parseFast(src, input, opts);
      const what = `${JSON.stringify(src.slice(0, 60))} (input ${input})`;
      // Valid source never sends the fast parser back to the tables.
      assert.notEqual(fast, null, what);
      if (fast !== null) {
        assert.equal(dump(fast.root), tableResult(src, input, opts), what);
      }
    }
  }
});

Deno.test("mutated sources: the fast parser agrees or gives up", () => {
  const r = rng(20250611);
  const bases = [...programs(), SNIPPETS];
  let agreed = 0;
  let gaveUp = 0;
  for (let round = 0; round < 30; round++) {
    for (const base of bases) {
      let src = base;
      const steps = 1 + Math.floor(r() * 3);
      for (let k = 0; k < steps; k++) src = mutate(src, r);
      const expected = tableResult(src, InputKind.File, OPTIONS);
      const fast = parseFast(src, InputKind.File, OPTIONS);
      if (fast === null) {
        gaveUp++;
      } else {
        agreed++;
        assert.equal(dump(fast.root), expected, JSON.stringify(src));
      }
      // Whatever path it takes, parse() answers as the tables do.
      let got: string;
      try {
        got = dump(parse(src, InputKind.File, OPTIONS).root);
      } catch (e) {
        if (!(e instanceof ParseError) && !(e instanceof RangeError)) throw e;
        got = `error ${e.message}`;
      }
      assert.equal(got, expected, JSON.stringify(src));
    }
  }
  // Both paths were exercised.
  assert.ok(agreed > 50 && gaveUp > 50, `${agreed} agreed, ${gaveUp} gave up`);
});

Deno.test("deep nesting goes to the grammar-table parser", () => {
  const src = "x = " + "(".repeat(3000) + "1" + ")".repeat(3000) + "\n";
  assert.equal(parseFast(src, InputKind.File, OPTIONS), null);
  assert.equal(
    dump(parse(src, InputKind.File, OPTIONS).root),
    tableResult(src, InputKind.File, OPTIONS),
  );
});

/** Every token of `src` with its text and position. */
function tokens(src: string, fastPath: boolean, optLevel: number): string[] {
  const out: string[] = [];
  try {
    const lex = new Lexer(sourceBytes(src), optLevel, { fastPath });
    for (let i = 0; i < 100_000; i++) {
      const k = lex.tokKind;
      let s = `${k}@${lex.tokLine}.${lex.tokColumn}`;
      if (k >= Tok.Name && k <= Tok.String) {
        s += `:${JSON.stringify(lex.tokText())}/${lex.tokByteLength}`;
      } else if (k === Tok.Bytes) {
        s += `:${lex.tokBytes().join(",")}`;
      }
      out.push(s);
      if (k === Tok.End) break;
      lex.next();
    }
  } catch (e) {
    out.push(`error ${(e as Error).message}`);
  }
  return out;
}

Deno.test("the lexer's fast path gives the careful path's tokens", () => {
  const r = rng(7);
  const sources = [...programs(), SNIPPETS];
  const extra = ["\t", "\f", "x\\\n", "'a' 'b'", "('a'\n'b')", "é", "1.5"];
  for (let round = 0; round < 12; round++) {
    for (const base of sources) {
      let src = base;
      if (round > 0) {
        const steps = 1 + Math.floor(r() * 4);
        for (let k = 0; k < steps; k++) {
          src = r() < 0.3
            ? src.slice(0, Math.floor(r() * src.length)) +
              extra[Math.floor(r() * extra.length)] +
              src.slice(Math.floor(r() * src.length))
            : mutate(src, r);
        }
      }
      const optLevel = round % 2;
      assert.deepEqual(
        tokens(src, true, optLevel),
        tokens(src, false, optLevel),
        JSON.stringify(src.slice(0, 200)),
      );
    }
  }
});

/**
 * `m / 10^k` as an x87 long double would make it (round to a 64-bit
 * significand, to nearest even) and then rounded to a double.
 */
function viaLongDouble(m: bigint, k: number): number {
  if (m === 0n) return 0;
  const d = 10n ** BigInt(k);
  // Scale so that the quotient has at least 66 bits.
  let shift = 0n;
  while ((m << shift) / d < 1n << 66n) shift++;
  const num = m << shift;
  let q = num / d;
  const sticky = num % d !== 0n;
  // Round q (with sticky) to 64 bits.
  let len = q.toString(2).length;
  const drop = BigInt(len - 64);
  const rem = q & ((1n << drop) - 1n);
  const half = 1n << (drop - 1n);
  q >>= drop;
  if (rem > half || (rem === half && (sticky || (q & 1n) === 1n))) q++;
  if (q === 1n << 64n) {
    q >>= 1n;
    shift -= 1n;
  }
  len = 64;
  // Round the 64-bit significand to 53 bits (ties to even).
  const rem2 = q & 0x7ffn;
  let r = q >> 11n;
  if (rem2 > 0x400n || (rem2 === 0x400n && (r & 1n) === 1n)) r++;
  return Number(r) * 2 ** (Number(drop) + 11 - Number(shift));
}

Deno.test("float literals read like mpy-cross's long doubles do", () => {
  const r = rng(99);
  for (let i = 0; i < 3000; i++) {
    const m = BigInt(Math.floor(r() * 2 ** 26)) * 2n ** 27n +
      BigInt(Math.floor(r() * 2 ** 27));
    const mant = m % (2n ** BigInt(1 + Math.floor(r() * 53)));
    const k = 1 + Math.floor(r() * 2);
    const digits = mant.toString().padStart(k + 1, "0");
    const text = digits.slice(0, -k) + "." + digits.slice(-k);
    const got = parseFloatLiteral(text);
    assert.equal(got?.value, viaLongDouble(mant, k), text);
  }
});

Deno.test("float constant text: the short-decimal shortcut agrees with the long-double path", () => {
  const r = rng(7);
  const values: number[] = [0.5, 1.5, 2.5, 0.125, 1e15, 123456789012345.6];
  for (let e = -18; e <= 17; e++) {
    const p = 10 ** e;
    values.push(p, p * 2.5, p * 9.5, p * (1 + 2 ** -52), p * (1 - 2 ** -53));
  }
  for (let i = 0; i < 4000; i++) {
    // Integers, dyadic fractions (exact short decimals or not), and decimal
    // literals rounded to a few digits.
    values.push(Math.floor(r() * 2 ** 53) * 2 ** -Math.floor(r() * 70));
    values.push(Math.floor(r() * 1e6) / 2 ** Math.floor(r() * 30));
    values.push(Number((r() * 10 ** (Math.floor(r() * 30) - 15)).toPrecision(
      1 + Math.floor(r() * 17),
    )));
  }
  for (const v of values) {
    const slow = reprBySearch(v);
    const expected = /[.en]/.test(slow) ? slow : slow + ".0";
    assert.equal(formatFloatConst(v), expected, String(v));
    assert.equal(formatFloatConst(-v), "-" + expected, String(-v));
  }
});
