// The worked examples of the .mpy specification, byte for byte.
import assert from "node:assert/strict";
import { compile, writeMpy } from "../../compiler/mod.ts";

function hex(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, "0")).join("");
}

const EXAMPLES: Array<[string, string, string]> = [
  [
    "ex1.py",
    "def add(a, b=2):\n    return a + b\n\nprint(add(1))\n",
    "4d06001f06000c6578312e7079000f06616464008177026100026200814410040168822a015333001602110311028134013401595163015" +
    "89a010802040520b0b1f263",
  ],
  [
    "closure.py",
    "def outer(x):\n    def inner(y):\n        return x + y\n    return inner\n",
    "4d06001f070014636c6f737572652e7079000f0a6f75746572000a696e6e657200027800" +
    "0b027900" +
    "4c000201320016025163017411090204204500b0200001c1b16301581a080305064025" +
    "00b1f263",
  ],
  [
    "gen.py",
    "def gen(n):\n    i = 0\n    while i < n:\n        yield i\n        i += 1\n",
    "4d06001f04000c67656e2e7079000f0667656e00026e004c000201320016025163018158" +
    "99400c020320222223" + "80c14247b16759b181e5c1b1b0d743345163",
  ],
  [
    "cls.py",
    "class A(B):\n    def __init__(self, v):\n        super().__init__()\n        self.v = v\n",
    "4d06001f0c000c636c732e7079000f02410023027600024200" + "2f2d350b82138235" +
    "8104180201543200100211053403160251630181" + "2c0805022800110616071002" +
    "1608b020000116" + "03b0630181402b0c03090a04402a120b2500b115033600" +
    "59b2b118045163",
  ],
  [
    "lc.py",
    "sq = [x * x for x in data if x]\n",
    "4d06001f06000a6c632e7079000f143c6c697374636f6d703e0008646174610004737100" +
    "0b6c080201320011033401160451630181304104020" + "52b00b05f4b0bc1b1443ab1" +
    "b1f42f14423363",
  ],
  [
    "tryex.py",
    "try:\n    f()\nexcept ValueError as e:\n    g(e)\nfinally:\n    h()\n",
    "4d06001f0700107472796578" + "2e7079000f0266006f0265000267000268008330" +
    "ac020801245152492548071102340059" + "4a1b57110" + "3df4454160449081105" +
    "1104340159515116041904" + "5d4a015d511106340059" + "5d5163",
  ],
  [
    "forr.py",
    "for i in range(10):\n    print(i)\n",
    "4d06001f04000e666f72722e7079000f02690081778158100401268042" +
    "4c5716021103" +
    "1102340159" + "81e5578ad7432f595163",
  ],
  [
    "constf.py",
    "from micropython import const\nX = const(1 << 20)\n_Y = const(X + 5)\nz = _Y * 2\n",
    "4d06001f060012636f6e7374662e7079000f811181670258" +
    "00027a0082080806012c47" +
    "8010022a011b031c0216025922" + "80c0800016042281" + "80800a16055163",
  ],
];

for (const [name, source, expected] of EXAMPLES) {
  Deno.test(`spec example ${name} is byte-identical`, () => {
    assert.equal(
      hex(writeMpy(compile(source, { sourceName: name }))),
      expected,
    );
  });
}

Deno.test("qstr table and children follow scope and emission order", () => {
  const m = compile(
    "def f(x=lambda: aa):\n    return bb\nclass C(D(lambda: cc)):\n    dd = 1\n",
    { sourceName: "ord.py" },
  );
  assert.deepEqual(m.qstrs, [
    "ord.py",
    "<module>",
    "C",
    "f",
    "<lambda>",
    "D",
    "x",
    "bb",
    "aa",
    "__name__",
    "__module__",
    "__qualname__",
    "dd",
    "cc",
  ]);
  assert.deepEqual(
    m.root.children.map((c) => m.qstrs[c.simpleName]),
    ["<lambda>", "f", "C", "<lambda>"],
  );
});

Deno.test("line events come from rule nodes, not leaves", () => {
  const m = compile(
    'x = foo(1,\n        bar(2),\n        3,\n        "a long string constant here")\n' +
      "y = [\n  1,\n  2 + z,\n]\n",
    { sourceName: "ml.py" },
  );
  const table = m.root.funData.subarray(
    m.root.lineInfoStart,
    m.root.lineInfoEnd,
  );
  assert.equal(hex(table), "23462641");
});
