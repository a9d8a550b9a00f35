import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { compareExprs, compareProgram, pyStr, upy } from "./support.ts";

const PATTERNS = [
  "abc",
  "a.c",
  "[abc]+",
  "[^abc]+",
  "[a-f0-9]+",
  "ab*",
  "ab+",
  "ab?c",
  "a.*c",
  "a.*?c",
  "a.+?",
  "ab??",
  "cat|dog",
  "(cat|dog)s",
  "\\d+",
  "\\D+",
  "\\w+",
  "\\W+",
  "\\s+",
  "\\S+",
  "a\\.b",
  "(?:ab)+",
  "(\\w+) (\\w+)",
  "(a)(b)?(c)",
  "((a)(b))(c)",
  "(a|b)*",
  "([a-z]+)([0-9]*)",
  "(.*?)(\\d*)$",
  "[\\d]+",
  "[\\s,]+",
  "[\\w.]+",
  "[a\\-z]+",
  "[\\]]",
  "[.]",
  "[*+?]+",
  "^abc$",
  "x*",
  "(ab|a)(bc|c)",
  "a(b|c)*d",
  "<.*>",
  "<.*?>",
  "\\d+?",
  "\\d*?x",
  "colou?r",
  "[A-Z][a-z]+",
  "[^0-9a-z ]+",
  "a|",
  "|a",
  "a{2}",
  "[z-a]",
  "[]a]",
  "[a-]",
  "[-a]",
  "[\\d-z]",
  "(a|ab)(c|bcd)(d*)",
  "a*?$",
  "$",
  "^",
  "(((a)))",
  "(a)|(b)",
  "(x+x+)+y",
  "[\\W]+",
  "[^\\d\\s]+",
  "\\n",
  "\\t",
];
const SUBJECTS = [
  "abcdef",
  "axc",
  "ac",
  "cabbage",
  "xyzabc",
  "deadbeef99zz",
  "abbbc",
  "abcabc",
  "abcd",
  "dogma",
  "cats!",
  "2024-01",
  "hello_world 42",
  "!? ok",
  "one  \t two",
  "a.b",
  "ababab!",
  "hello world again",
  "--abc--",
  "abc123",
  "a , ,b",
  "  file.name.txt ",
  "q-a-z",
  "x]y",
  "a*+?b",
  "",
  "abcbcd",
  "<a><b>",
  "123x",
  "my colour",
  "hello World Foo",
  "abc 123 XYZ!",
  "aa",
  "a{2}",
  "m",
  "]",
  "-",
  "b",
  "xxxxxxxxxxy",
  "t\nn",
];

Deno.test("re: match and search over a grid of patterns and subjects", async () => {
  const lines = [
    "import re",
    "def show(m):",
    "    if m is None:",
    "        return None",
    "    out = []",
    "    i = 0",
    "    while True:",
    "        try:",
    "            out.append(m.group(i))",
    "        except IndexError:",
    "            return out",
    "        i += 1",
    "subjects = [" + SUBJECTS.map(pyStr).join(", ") + "]",
  ];
  for (const p of PATTERNS) {
    lines.push(
      `try:\n    r = re.compile(${
        pyStr(p)
      })\nexcept ValueError as e:\n    print('ValueError', e)\nelse:`,
    );
    lines.push("    for s in subjects:");
    lines.push("        print(show(r.match(s)), show(r.search(s)))");
  }
  assertEquals(await compareProgram(lines.join("\n") + "\n"), []);
});

Deno.test("re: compile errors for unsupported or malformed syntax", async () => {
  const bad = [
    "(abc",
    "a**",
    "*a",
    "a)",
    "[a",
    "a\\",
    "(?P<x>a)",
    "+",
    "a|*",
    "((a)",
    "a{2}*",
    "()",
    "(?:)",
    "x" + "(a|b)".repeat(30),
  ];
  const exprs = bad.map((p) => `re.compile(${pyStr(p)}) and "compiled"`);
  assertEquals(await compareExprs(exprs, "import re"), []);
});

Deno.test("re: sub with strings, group references, callables and counts", async () => {
  const exprs = [
    're.sub("a", "o", "banana")',
    're.sub("[0-9]+", "#", "a1b22c333d")',
    're.sub("x", "y", "nothing")',
    're.sub("n", "N", "banana", 1)',
    're.sub("(\\\\w+)@(\\\\w+)", "\\\\2 at \\\\1", "me@home you@work")',
    're.sub("(a)(b)?", "[\\\\1\\\\2]", "ab a")',
    're.sub("(\\\\d)", "\\\\g<1>\\\\g<1>", "a1b2")',
    're.sub("(\\\\d+)", lambda m: str(int(m.group(1)) * 2), "3 apples and 12 pears")',
    're.sub("x*", "-", "abc")',
    're.sub("b*", "-", "abc")',
    're.sub("(a)", "\\\\2", "a")',
    're.sub("(a)", "\\\\g<1", "a")',
    're.sub("(a)", "x\\\\", "a")',
    're.sub("(a)", "\\\\\\\\", "a")',
    're.sub("(a)", "\\\\10", "a")',
    're.sub("(a)", 5, "a")',
    're.sub("(a)", b"b", "a")',
    're.sub(b"a", b"b", b"xa")',
    're.sub("a", "b", "aaaa", -1)',
    're.sub("a", "b", "aaaa", 2, 99)',
    're.sub("a", "\\\\n", "xa")',
    're.sub("a", lambda m: m, "a")',
    're.compile(" +").sub("_", "a  b   c d", 2)',
  ];
  assertEquals(await compareExprs(exprs, "import re"), []);
});

Deno.test("re: split, pos/endpos, match objects", async () => {
  const exprs = [
    're.compile(",").split("a,b,,c")',
    're.compile(", *").split("a, b,c,   d")',
    're.compile("-").split("no dashes")',
    're.compile("[0-9]").split("a1b2c3d", 1)',
    're.compile("[0-9]").split("a1b2c3d", 2)',
    're.compile("[0-9]").split("a1b2c3d", 0)',
    're.compile("[0-9]").split("a1b2c3d", -1)',
    're.compile("(a)").split("bab")',
    're.compile("").split("bab")',
    're.compile("x*").split("axbxc")',
    're.compile(b",").split(b"a,b")',
    're.compile("o").search("foo boo", 3) is not None',
    're.compile("o").search("foo boo", 0, 1)',
    're.compile("o").search("foo boo", 3, 5)',
    're.compile("o").match("foo", 1).group(0)',
    're.compile("^a").search("ba", 1)',
    're.compile("a$").search("abab", 0, 3).group(0)',
    're.compile("b").match("ab", 1).group(0)',
    're.compile("a").match("aa", 5, 1)',
    're.compile("a").search("aa", -5, 99).group(0)',
    're.match("a", "a", 5, 6).group(0)',
    're.match("(a)", "a").group(5)',
    're.match("(a)", "a").group(-1)',
    're.match("a", "a").group()',
    're.match("(a)(b)?", "a").group(2)',
    're.search(b"a+", b"caab").group(0)',
    're.match(5, "a")',
    're.match("a", 5)',
    're.compile("a").match("a", "x")',
    'type(re.compile("a")).__name__',
    'type(re.match("a", "a")).__name__',
    'repr(re.match("(a)(b)", "ab"))',
    'sorted(n for n in dir(re) if not n.startswith("_"))',
  ];
  assertEquals(await compareExprs(exprs, "import re"), []);
});

Deno.test("re: groups, span, start and end (as on ports that enable them)", () => {
  const code = `import re
m = re.search("(\\\\d+)-(\\\\d+)?(x)?", "tel: 555- ok")
print(m.groups(), m.span(), m.span(1), m.span(2), m.start(), m.end(1))
print(re.match("a", "a").groups(), re.match("(a)(b)", "ab").groups())
m = re.search("b+", "\\u00e9abbc")
print(m.span(), m.start(), m.end())
m = re.search(b"b+", b"\\xc3\\xa9abbc")
print(m.span())
try:
    m.span(3)
except IndexError as e:
    print("IndexError", e)
`;
  const r = upy(code);
  assertEquals(r.stderr, "");
  assertEquals(
    r.stdout,
    "('555', None, None) (5, 9) (5, 8) (-1, -1) 5 8\n" +
      "() ('a', 'b')\n(2, 4) 2 4\n(3, 5)\nIndexError 3\n",
  );
});

Deno.test("re: runaway empty loops end with RuntimeError, as on the board", () => {
  const r = upy(`import re
try:
    re.match("(a*)*", "b")
except RuntimeError as e:
    print("RuntimeError", e)
`);
  assertEquals(r.stdout, "RuntimeError maximum recursion depth exceeded\n");
});
