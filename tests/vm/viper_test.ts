/**
 * `@micropython.viper` functions: the pointer and `uint` casts they see,
 * through the interpreter and through the second tier. (The real
 * MicroPython of the oracle has no native emitter, so the expected text is
 * the board's, written out.)
 *
 * @module
 */

import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { JitMode } from "../../vm/interp.ts";
import { runIn } from "./jit_support.ts";
import { py, type VmResult } from "./vm_support.ts";

function inBothTiers(code: string): VmResult {
  const interpreted = runIn(JitMode.Off, code);
  deepStrictEqual(runIn(JitMode.All, code), interpreted);
  return interpreted;
}

Deno.test("viper pointers read and write buffers at their width", () => {
  const r = inBothTiers(py(`
    import micropython

    @micropython.viper
    def fill(buf, n: int, v: int):
        p = ptr8(buf)
        for i in range(n):
            p[i] = v + i

    @micropython.viper
    def halves(buf):
        p = ptr16(buf)
        p[0] = 0x1234
        p[1] = 0x1ABCD
        return p[0] + p[1]

    @micropython.viper
    def word(buf) -> int:
        p = ptr32(buf)
        p[1] = -2
        return p[0]

    b = bytearray(4)
    fill(b, 4, 254)
    print(b)
    h = bytearray(4)
    print(halves(h), list(h))
    w = bytearray(b"\\x01\\x02\\x00\\x00" + bytes(4))
    print(word(w), list(w[4:]))
  `));
  strictEqual(
    r.stdout,
    "bytearray(b'\\xfe\\xff\\x00\\x01')\n" +
      "48641 [52, 18, 205, 171]\n" +
      "513 [254, 255, 255, 255]\n",
  );
});

Deno.test("uint wraps to 32 bits inside viper code", () => {
  const r = inBothTiers(py(`
    import micropython

    @micropython.viper
    def as_uint(x: int) -> uint:
        return uint(x) & 0xFF

    @micropython.viper
    def full(x):
        return uint(x)

    print(as_uint(0x1FF), as_uint(-1), full(-1))
  `));
  strictEqual(r.stdout, "255 255 4294967295\n");
});

Deno.test("viper names are undefined outside viper functions", () => {
  const r = inBothTiers(py(`
    def plain(buf):
        return ptr8(buf)
    for name in ("ptr8", "ptr16", "ptr32", "uint"):
        try:
            eval(name)
        except NameError as e:
            print(e)
    try:
        plain(bytearray(1))
    except NameError as e:
        print(e)
  `));
  strictEqual(
    r.stdout,
    "name 'ptr8' isn't defined\nname 'ptr16' isn't defined\n" +
      "name 'ptr32' isn't defined\nname 'uint' isn't defined\n" +
      "name 'ptr8' isn't defined\n",
  );
});

Deno.test("a viper pointer stops at the end of its buffer", () => {
  const r = inBothTiers(py(`
    import micropython

    @micropython.viper
    def poke(buf, i: int):
        p = ptr16(buf)
        p[i] = 1

    b = bytearray(4)
    poke(b, 1)
    print(b)
    try:
        poke(b, 2)
    except IndexError as e:
        print("IndexError:", e)
  `));
  strictEqual(
    r.stdout,
    "bytearray(b'\\x00\\x00\\x01\\x00')\n" +
      "IndexError: viper pointer access outside its buffer\n",
  );
});
