// The lexer's token stream: kinds, texts, positions, f-string rewriting,
// literals and indentation, as MicroPython's lexer produces them.
import assert from "node:assert/strict";
import { Lexer, sourceBytes } from "../../compiler/lexer.ts";
import { Tok } from "../../compiler/tokens.ts";
import { compile, CompileError } from "../../compiler/mod.ts";

const NAMES: Map<number, string> = new Map([
  [Tok.Bytes, "Bytes"],
  [Tok.Dedent, "Dedent"],
  [Tok.DelAtEqual, "DelAtEqual"],
  [Tok.DelColon, "DelColon"],
  [Tok.DelComma, "DelComma"],
  [Tok.DelDblMoreEqual, "DelDblMoreEqual"],
  [Tok.DelDblSlashEqual, "DelDblSlashEqual"],
  [Tok.DelDblStarEqual, "DelDblStarEqual"],
  [Tok.DelEqual, "DelEqual"],
  [Tok.DelMinusMore, "DelMinusMore"],
  [Tok.DelParenClose, "DelParenClose"],
  [Tok.DelParenOpen, "DelParenOpen"],
  [Tok.DelPeriod, "DelPeriod"],
  [Tok.Ellipsis, "Ellipsis"],
  [Tok.End, "End"],
  [Tok.FloatOrImag, "FloatOrImag"],
  [Tok.Indent, "Indent"],
  [Tok.Integer, "Integer"],
  [Tok.Invalid, "Invalid"],
  [Tok.KwAsync, "KwAsync"],
  [Tok.KwAwait, "KwAwait"],
  [Tok.KwFalse, "KwFalse"],
  [Tok.KwIf, "KwIf"],
  [Tok.KwNone, "KwNone"],
  [Tok.KwNonlocal, "KwNonlocal"],
  [Tok.KwTrue, "KwTrue"],
  [Tok.LonelyStringOpen, "LonelyStringOpen"],
  [Tok.Name, "Name"],
  [Tok.Newline, "Newline"],
  [Tok.OpAssign, "OpAssign"],
  [Tok.OpLess, "OpLess"],
  [Tok.OpMore, "OpMore"],
  [Tok.OpNotEqual, "OpNotEqual"],
  [Tok.OpPlus, "OpPlus"],
  [Tok.OpTilde, "OpTilde"],
  [Tok.String, "String"],
]);

const WITH_TEXT = new Set<number>([
  Tok.Name,
  Tok.Integer,
  Tok.FloatOrImag,
  Tok.String,
  Tok.Bytes,
]);

/** Every token of `src` as `Kind` or `Kind:"text"`. */
function tokens(src: string, withPos = false): string[] {
  const lex = new Lexer(sourceBytes(src), 0);
  const out: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const kind = lex.tokKind;
    let s = NAMES.get(kind) ?? String(kind);
    if (WITH_TEXT.has(kind)) s += ":" + JSON.stringify(lex.tokText());
    if (withPos) s += `@${lex.tokLine}.${lex.tokColumn}`;
    out.push(s);
    if (kind === Tok.End) break;
    lex.next();
  }
  return out;
}

function compileError(src: string): CompileError {
  try {
    compile(src, { sourceName: "t.py" });
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
  throw new Error("source compiled: " + JSON.stringify(src));
}

Deno.test("indentation produces INDENT/DEDENT with positions", () => {
  assert.deepEqual(tokens("if x:\n  y = 1\n", true), [
    "KwIf@1.1",
    'Name:"x"@1.4',
    "DelColon@1.5",
    "Newline@1.6",
    "Indent@2.3",
    'Name:"y"@2.3',
    "DelEqual@2.5",
    'Integer:"1"@2.7',
    "Newline@2.8",
    "Dedent@3.1",
    "End@3.1",
  ]);
});

Deno.test("a tab advances the column to the next multiple of 8", () => {
  // A tab and eight spaces are the same indentation.
  assert.deepEqual(tokens("if 1:\n\tx\n        y\n", true), [
    "KwIf@1.1",
    'Integer:"1"@1.4',
    "DelColon@1.5",
    "Newline@1.6",
    "Indent@2.9",
    'Name:"x"@2.9',
    "Newline@2.10",
    'Name:"y"@3.9',
    "Newline@3.10",
    "Dedent@4.1",
    "End@4.1",
  ]);
});

Deno.test("blank lines, comments and brackets do not produce NEWLINE", () => {
  assert.deepEqual(tokens("x  # c\n# d\n  \ny\n", true), [
    'Name:"x"@1.1',
    "Newline@1.7",
    'Name:"y"@4.1',
    "Newline@4.2",
    "End@5.1",
  ]);
  assert.deepEqual(tokens("(1,\n 2)\n"), [
    "DelParenOpen",
    'Integer:"1"',
    "DelComma",
    'Integer:"2"',
    "DelParenClose",
    "Newline",
    "End",
  ]);
  // A backslash continues the line.
  assert.deepEqual(tokens("x = 1 + \\\n  2\n"), [
    'Name:"x"',
    "DelEqual",
    'Integer:"1"',
    "OpPlus",
    'Integer:"2"',
    "Newline",
    "End",
  ]);
});

Deno.test("a missing final newline is supplied and CR/CRLF are line ends", () => {
  assert.deepEqual(tokens("a"), ['Name:"a"', "Newline", "End"]);
  assert.deepEqual(tokens("a\r\nb\rc"), [
    'Name:"a"',
    "Newline",
    'Name:"b"',
    "Newline",
    'Name:"c"',
    "Newline",
    "End",
  ]);
});

Deno.test("numeric literals keep their text minus underscores", () => {
  assert.deepEqual(
    tokens("1_000 0x_ff 0o17 0b1_0 1.5e3 2j 1_0.0_1 1.e5 .5 5. 1E+5J"),
    [
      'Integer:"1000"',
      'Integer:"0xff"',
      'Integer:"0o17"',
      'Integer:"0b10"',
      'FloatOrImag:"1.5e3"',
      'FloatOrImag:"2j"',
      'FloatOrImag:"10.01"',
      'FloatOrImag:"1.e5"',
      'FloatOrImag:".5"',
      'FloatOrImag:"5."',
      'FloatOrImag:"1e+5J"',
      "Newline",
      "End",
    ],
  );
  // A number swallows following letters (MicroPython then rejects it).
  assert.deepEqual(tokens("1if x"), [
    'Integer:"1if"',
    'Name:"x"',
    "Newline",
    "End",
  ]);
});

Deno.test("operators and delimiters", () => {
  assert.deepEqual(tokens("x @= y -> ... != <> **= //= >>= := ~"), [
    'Name:"x"',
    "DelAtEqual",
    'Name:"y"',
    "DelMinusMore",
    "Ellipsis",
    "OpNotEqual",
    "OpLess",
    "OpMore",
    "DelDblStarEqual",
    "DelDblSlashEqual",
    "DelDblMoreEqual",
    "OpAssign",
    "OpTilde",
    "Newline",
    "End",
  ]);
  assert.deepEqual(tokens("$"), ["Invalid", "Newline", "End"]);
});

Deno.test("keywords; __debug__ is True without -O", () => {
  assert.deepEqual(tokens("None True __debug__ async await nonlocal"), [
    "KwNone",
    "KwTrue",
    "KwTrue",
    "KwAsync",
    "KwAwait",
    "KwNonlocal",
    "Newline",
    "End",
  ]);
});

Deno.test("adjacent strings concatenate; raw strings keep backslashes", () => {
  assert.deepEqual(tokens("s = 'a' \"b\" '''c''' r'\\n'"), [
    'Name:"s"',
    "DelEqual",
    'String:"abc\\\\n"',
    "Newline",
    "End",
  ]);
  assert.deepEqual(tokens("b'\\x41' br'\\x'"), [
    'Bytes:"A\\\\x"',
    "Newline",
    "End",
  ]);
  // Uppercase B is a name followed by a string in MicroPython.
  assert.deepEqual(tokens("B'x'"), [
    'Name:"B"',
    'String:"x"',
    "Newline",
    "End",
  ]);
});

Deno.test("string escapes", () => {
  const lex = new Lexer(
    sourceBytes(
      "'\\a\\b\\f\\n\\r\\t\\v\\\\\\'\\\"\\101\\x42\\u00e9\\U0001F600\\q'",
    ),
    0,
  );
  assert.equal(lex.tokKind, Tok.String);
  assert.equal(lex.tokText(), "\x07\b\f\n\r\t\v\\'\"AB\u00e9\u{1F600}\\q");
  // Bytes: \u is not an escape, \xNN is a raw byte.
  const lb = new Lexer(sourceBytes("b'\\u00e9\\xff'"), 0);
  assert.equal(lb.tokKind, Tok.Bytes);
  assert.deepEqual(Array.from(lb.tokBytes()), [
    0x5c,
    0x75,
    0x30,
    0x30,
    0x65,
    0x39,
    0xff,
  ]);
});

Deno.test("unterminated strings are LONELY_STRING_OPEN", () => {
  assert.deepEqual(tokens('"abc'), ["LonelyStringOpen", "Newline", "End"]);
  assert.deepEqual(tokens("'''abc"), ["LonelyStringOpen", "End"]);
  assert.deepEqual(tokens('x = "\\x"'), [
    'Name:"x"',
    "DelEqual",
    "LonelyStringOpen",
    "Newline",
    "End",
  ]);
});

Deno.test("f-strings are rewritten to '...'.format(...)", () => {
  assert.deepEqual(tokens('f"a{x}b{y!r:>4}" f"{z}"'), [
    'String:"a{}b{!r:>4}{}"',
    "DelPeriod",
    'Name:"format"',
    "DelParenOpen",
    "DelParenOpen",
    'Name:"x"',
    "DelParenClose",
    "DelComma",
    "DelParenOpen",
    'Name:"y"',
    "DelParenClose",
    "DelComma",
    "DelParenOpen",
    'Name:"z"',
    "DelParenClose",
    "DelComma",
    "DelParenClose",
    "Newline",
    "End",
  ]);
  // Doubled braces stay doubled for format() to undo; every f-string calls it.
  const noArgs = [
    "DelPeriod",
    'Name:"format"',
    "DelParenOpen",
    "DelParenClose",
  ];
  assert.deepEqual(tokens('f"{{x}}"'), [
    'String:"{{x}}"',
    ...noArgs,
    "Newline",
    "End",
  ]);
  assert.deepEqual(tokens('f"abc"'), [
    'String:"abc"',
    ...noArgs,
    "Newline",
    "End",
  ]);
  // A nested format spec becomes a further argument.
  assert.deepEqual(tokens('f"{x:{w}}"').slice(0, 1), ['String:"{:{}}"']);
});

Deno.test("f-string expressions may hold strings, brackets and calls", async () => {
  const { runOracle } = await import("../oracle.ts");
  const src = 'x = [1, 2]\nd = {"k": 3}\n' +
    "print(f\"{x[0]}-{d['k']}-{len(x):03d}-{'q'}\" f'{x!r}')\n";
  const mod = compile(src, { sourceName: "f.py" });
  assert.ok(mod.root.funData.length > 0);
  const { writeMpy } = await import("../../compiler/mod.ts");
  const viaMpy = await runOracle({ mpy: writeMpy(mod) });
  const viaSrc = await runOracle({ code: src });
  assert.equal(viaMpy.stdout, viaSrc.stdout);
  assert.equal(viaSrc.stdout, "1-3-002-q[1, 2]\n");
});

Deno.test("lexer-level errors reach the caller as CompileError", () => {
  const cases: Array<[string, string, number]> = [
    ["x = 1\n  y = 2\n", "unexpected indent", 2],
    // MicroPython reports the line before the badly dedented one.
    ["if x:\n    a\n  b\n", "unindent doesn't match any outer indent level", 2],
    ["x = 'abc\n", "invalid syntax", 1],
    ["x = 0x1g\n", "invalid syntax for integer with base 16: '1g'", 1],
    ["x = 09\n", "invalid syntax for integer with base 0: '09'", 1],
  ];
  for (const [src, message, line] of cases) {
    const e = compileError(src);
    assert.equal(e.message, message, src);
    assert.equal(e.line, line, src);
  }
  assert.equal(compileError("x = 1\n  y = 2\n").kind, "IndentationError");
  assert.equal(compileError("if x:\n    a\n  b\n").kind, "IndentationError");
});

Deno.test("source bytes are UTF-8 and names may be non-ASCII", () => {
  assert.equal(sourceBytes("é"), "\xc3\xa9\n");
  assert.deepEqual(tokens("é = 'é'"), [
    'Name:"é"',
    "DelEqual",
    'String:"é"',
    "Newline",
    "End",
  ]);
});

Deno.test("__debug__ is False from -O1 on", () => {
  const lex = new Lexer(sourceBytes("__debug__"), 1);
  assert.equal(lex.tokKind, Tok.KwFalse);
});
