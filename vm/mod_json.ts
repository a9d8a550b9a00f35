/**
 * `json` (`extmod/modjson.c`): `dumps`/`dump` print a value the way
 * MicroPython's JSON print mode does (no key sorting, `", "`/`": "`
 * separators unless `separators=` says otherwise, floats as `repr`,
 * non-str keys quoted, other objects as their repr), and `loads`/`load`
 * run MicroPython's small one-pass parser, which accepts a superset of JSON
 * (commas and colons count as whitespace) and reports every error as
 * `ValueError("syntax error in JSON")`.
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import { typeError, valueError } from "./exc.ts";
import { newStr } from "./alloc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  bytesType,
  dictType,
  isSubtype,
  listType,
  None,
  PrintKind,
  PyByteArray,
  PyBytes,
  PyDict,
  PyException,
  PyFloat,
  PyInstance,
  PyList,
  type PyObj,
  PyTuple,
  tupleType,
  TypeFlag,
} from "./obj.ts";
import { parseInteger, parseNumDecimal } from "../compiler/parse_num.ts";
import { print, repr, subscrStore, typeName } from "./runtime.ts";
import {
  bufferOf,
  checkArgs,
  checkStream,
  floatBits,
  intResult,
  isPythonStream,
  listAppend,
  newFloat,
  parseArgs,
  streamReadBytes,
  streamWriteBytes,
} from "./mod_support.ts";

// ---------------------------------------------------------------------------
// Output

interface Separators {
  item: string;
  key: string;
  /**
   * Break strings into the pieces MicroPython prints them in (bytes), for a
   * stream written in Python, which sees every piece as its own write.
   */
  fine?: boolean;
}

/** A piece of output: text, or raw bytes of a string printed piece by piece. */
type Piece = string | Uint8Array;

const HEX = "0123456789abcdef";
const encoder = new TextEncoder();

/** A str's UTF-8 bytes as JSON, in the pieces MicroPython writes them. */
function jsonStringPieces(data: Uint8Array, out: Piece[]): void {
  const enc = (t: string): Uint8Array => encoder.encode(t);
  out.push('"');
  for (const b of data) {
    if (b === 34 || b === 92) {
      out.push("\\", Uint8Array.of(b));
    } else if (b >= 32) {
      out.push(Uint8Array.of(b));
    } else if (b === 10) out.push("\\n");
    else if (b === 13) out.push("\\r");
    else if (b === 9) out.push("\\t");
    else {
      // "\\u%04x": the zero padding and the digits are separate writes.
      const digits = b < 16 ? HEX[b] : HEX[b >> 4] + HEX[b & 15];
      out.push("\\u", enc("0".repeat(4 - digits.length)), enc(digits));
    }
  }
  out.push('"');
}

/** A str in JSON form: `"` and `\` escaped, control characters as escapes, the rest raw. */
export function jsonString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 32 && c !== 34 && c !== 92) continue;
    out += s.slice(start, i);
    start = i + 1;
    if (c === 34) out += '\\"';
    else if (c === 92) out += "\\\\";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else out += "\\u" + c.toString(16).padStart(4, "0");
  }
  return out + s.slice(start) + '"';
}

const bytesText = new TextDecoder("utf-8");

/** The native object behind a user subclass of a built-in type. */
function unwrap(v: PyObj): PyObj {
  if (v instanceof PyInstance && v.native !== undefined) return v.native;
  return v;
}

function dumpValue(v: PyObj, sep: Separators, out: Piece[]): void {
  switch (typeof v) {
    case "string":
      if (sep.fine) jsonStringPieces(encoder.encode(v), out);
      else out.push(jsonString(v));
      return;
    case "boolean":
      out.push(v ? "true" : "false");
      return;
    case "number":
    case "bigint":
      out.push(v.toString());
      return;
  }
  if (v === None) {
    out.push("null");
    return;
  }
  const n = unwrap(v);
  if (typeof n === "string") {
    // A str subclass prints as its str.
    if (sep.fine) jsonStringPieces(encoder.encode(n), out);
    else out.push(jsonString(n));
    return;
  }
  if (n instanceof PyBytes && !(n instanceof PyByteArray)) {
    if (sep.fine) jsonStringPieces(n.data, out);
    else out.push(jsonString(bytesText.decode(n.data)));
    return;
  }
  if (n instanceof PyFloat) {
    out.push(repr(n));
    return;
  }
  if (
    (n instanceof PyList && isSubtype(n.type, listType)) ||
    (n instanceof PyTuple && n.type === tupleType) ||
    (n instanceof PyTuple && v !== n)
  ) {
    const items = (n as PyList | PyTuple).items;
    out.push("[");
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out.push(sep.item);
      dumpValue(items[i], sep, out);
    }
    out.push("]");
    return;
  }
  if (n instanceof PyDict && isSubtype(n.type, dictType)) {
    const map = n.map;
    out.push("{");
    let first = true;
    for (let s = map.nextSlot(-1); s >= 0; s = map.nextSlot(s)) {
      if (!first) out.push(sep.item);
      first = false;
      const key = map.keys[s] as PyObj;
      if (typeof key === "string" || key instanceof PyBytes) {
        dumpValue(key, sep, out);
      } else {
        out.push('"');
        dumpValue(key, sep, out);
        out.push('"');
      }
      out.push(sep.key);
      dumpValue(map.values[s] as PyObj, sep, out);
    }
    out.push("}");
    return;
  }
  if (n instanceof PyException && (n.type.flags & TypeFlag.UserClass) === 0) {
    // A built-in exception prints its args tuple in JSON mode (a user
    // subclass prints its repr).
    dumpValue(n.args, sep, out);
    return;
  }
  out.push(print(v, PrintKind.Repr));
}

function separatorsOf(v: PyObj | undefined): Separators {
  if (v === undefined || v === None) return { item: ", ", key: ": " };
  const items = fixedArray(v, 2);
  return { item: strArg(items[0]), key: strArg(items[1]) };
}

/** The items of a tuple or list that must have exactly `n` of them. */
function fixedArray(v: PyObj, n: number): PyObj[] {
  let items: PyObj[];
  if (v instanceof PyTuple || v instanceof PyList) items = v.items;
  else throw typeError(`object '${typeName(v)}' isn't a tuple or list`);
  if (items.length !== n) {
    throw valueError(
      `requested length ${n} but object has length ${items.length}`,
    );
  }
  return items;
}

function strArg(v: PyObj): string {
  if (typeof v === "string") return v;
  // Separators may be bytes too (read as str-or-bytes data).
  if (v instanceof PyBytes && v.type === bytesType) {
    return bytesText.decode(v.data);
  }
  throw typeError(`can't convert '${typeName(v)}' object to str implicitly`);
}

/** `json.dumps(obj)` as a JavaScript string. */
export function dumps(
  v: PyObj,
  sep: Separators = { item: ", ", key: ": " },
): string {
  const out: Piece[] = [];
  dumpValue(v, sep, out);
  return (out as string[]).join("");
}

// ---------------------------------------------------------------------------
// Input

function syntaxError(): never {
  throw valueError("syntax error in JSON");
}

const utf8 = new TextDecoder();

/** Parses JSON text from its bytes, as `mod_json_load` does. */
export function loads(data: Uint8Array): PyObj {
  // The parser's token buffer (a vstr of 8 bytes on the board).
  heap.alloc(8, BlockKind.Other);
  let pos = 0;
  // A NUL byte ends the input, as on the board.
  const end = (() => {
    const z = data.indexOf(0);
    return z < 0 ? data.length : z;
  })();
  const cur = (): number => (pos < end ? data[pos] : 0);
  const stack: PyObj[] = [];
  let top: PyObj | undefined = undefined;
  let key: PyObj | undefined = undefined;
  let done = false;
  // Containers opened and not yet closed: must be none at the end.
  let nested = 0;
  while (!done && pos < end) {
    const c = data[pos++];
    let next: PyObj;
    let enter = false;
    switch (c) {
      case 44: // ,
      case 58: // :
      case 32:
      case 9:
      case 10:
      case 13:
        continue;
      case 110: // n
        if (matchWord(data, pos, end, "ull")) {
          pos += 3;
          next = None;
        } else syntaxError();
        break;
      case 102: // f
        if (matchWord(data, pos, end, "alse")) {
          pos += 4;
          next = false;
        } else syntaxError();
        break;
      case 116: // t
        if (matchWord(data, pos, end, "rue")) {
          pos += 3;
          next = true;
        } else syntaxError();
        break;
      case 34: { // "
        next = newStr(readString(data, pos, end));
        pos = stringEnd;
        break;
      }
      case 45: // -
      case 48:
      case 49:
      case 50:
      case 51:
      case 52:
      case 53:
      case 54:
      case 55:
      case 56:
      case 57: {
        const start = pos - 1;
        let flt = false;
        for (;;) {
          const d = cur();
          if (d === 46 || d === 69 || d === 101) flt = true;
          else if (!(d === 43 || d === 45 || (d >= 48 && d <= 57))) break;
          pos++;
        }
        const text = String.fromCharCode(...data.subarray(start, pos));
        next = flt ? parseFloatText(text) : parseIntText(text);
        break;
      }
      case 91: // [
        next = new PyList([]);
        enter = true;
        break;
      case 123: // {
        next = new PyDict();
        enter = true;
        break;
      case 93: // ]
      case 125: // }
        nested--;
        if (top === undefined) syntaxError();
        if (stack.length === 0) {
          done = true;
          continue;
        }
        top = stack.pop() as PyObj;
        continue;
      default:
        syntaxError();
    }
    if (enter) nested++;
    if (top === undefined) {
      top = next;
      if (!enter) {
        done = true;
        continue;
      }
    } else {
      if (top instanceof PyList) {
        listAppend(top, next);
      } else if (key === undefined) {
        key = next;
        if (enter) syntaxError();
      } else {
        storeItem(top, key, next);
        key = undefined;
      }
      if (enter) {
        stack.push(top);
        top = next;
      }
    }
  }
  if (nested !== 0) syntaxError();
  while (pos < end && isSpace(data[pos])) pos++;
  if (pos < end) syntaxError();
  if (top === undefined || stack.length !== 0) syntaxError();
  return top;
}

const ascii = new TextDecoder("latin1");

/** Where the last string read by {@link readString} ended (after its quote). */
let stringEnd = 0;

/** The text of a JSON string starting after its opening quote at `start`. */
function readString(data: Uint8Array, start: number, end: number): string {
  // Fast path: plain ASCII without escapes.
  let pos = start;
  while (pos < end) {
    const b = data[pos];
    if (b === 34 || b === 92 || b >= 0x80) break;
    pos++;
  }
  if (pos < end && data[pos] === 34) {
    stringEnd = pos + 1;
    return ascii.decode(data.subarray(start, pos));
  }
  const parts: number[] = [];
  let text = "";
  const flush = (): void => {
    if (parts.length > 0) {
      text += utf8.decode(new Uint8Array(parts));
      parts.length = 0;
    }
  };
  pos = start;
  const cur = (): number => (pos < end ? data[pos] : 0);
  while (pos < end && data[pos] !== 34) {
    let b = data[pos];
    if (b === 92) { // backslash
      pos++;
      b = cur();
      switch (b) {
        case 98:
          b = 8;
          break;
        case 102:
          b = 12;
          break;
        case 110:
          b = 10;
          break;
        case 114:
          b = 13;
          break;
        case 116:
          b = 9;
          break;
        case 117: { // u
          let num = 0;
          for (let k = 0; k < 4; k++) {
            pos++;
            let d = ((cur() | 0x20) - 48) & 0xff;
            if (d > 9) d = (d - (97 - 58)) & 0xff;
            num = (num << 4) | d;
          }
          flush();
          // Sloppy digits can push the value past 0xffff; MicroPython keeps it.
          text += num <= 0x10ffff
            ? String.fromCodePoint(num)
            : String.fromCharCode(num & 0xffff);
          pos++;
          continue;
        }
      }
    }
    parts.push(b);
    pos++;
  }
  if (pos >= end) syntaxError();
  flush();
  stringEnd = pos + 1;
  return text;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function matchWord(
  data: Uint8Array,
  pos: number,
  end: number,
  word: string,
): boolean {
  for (let i = 0; i < word.length; i++) {
    if (pos + i >= end || data[pos + i] !== word.charCodeAt(i)) return false;
  }
  return true;
}

function parseIntText(text: string): PyObj {
  const r = parseInteger(text, 10);
  if (typeof r === "number" || typeof r === "bigint") return intResult(r);
  throw valueError(
    `invalid syntax for integer with base ${r.base}: ${repr(r.rest)}`,
  );
}

function parseFloatText(text: string): PyObj {
  const r = parseNumDecimal(text, {
    allowImag: false,
    forceComplex: false,
    single: floatBits() === 32,
  });
  if (r === null) throw valueError("invalid syntax for number");
  return newFloat(r.real);
}

function storeItem(dict: PyObj, key: PyObj, value: PyObj): void {
  subscrStore(dict, key, value);
}

// ---------------------------------------------------------------------------
// The module

defineModule("json", (dict) => {
  defineFunction(dict, "dumps", (args, kw) => {
    if (args.length < 1) checkArgs(args, null, 1, Infinity);
    const [separators] = parseArgs(args, kw, [{
      name: "separators",
      kwOnly: true,
    }], 1);
    return newStr(dumps(args[0], separatorsOf(separators)));
  });
  defineFunction(dict, "dump", (args, kw) => {
    if (args.length < 2) checkArgs(args, null, 2, Infinity);
    const [separators] = parseArgs(args, kw, [{
      name: "separators",
      kwOnly: true,
    }], 2);
    const sep = separatorsOf(separators);
    const stream = args[1];
    if (isPythonStream(stream)) {
      // MicroPython prints straight to the stream: one write per piece.
      const out: Piece[] = [];
      dumpValue(args[0], { ...sep, fine: true }, out);
      for (const p of out) {
        streamWriteBytes(stream, typeof p === "string" ? encoder.encode(p) : p);
      }
      return None;
    }
    checkStream(stream);
    writeText(stream, dumps(args[0], sep));
    return None;
  });
  defineFunction(dict, "loads", (args, kw) => {
    checkArgs(args, kw, 1);
    return loads(bufferOf(args[0]));
  });
  defineFunction(dict, "load", (args, kw) => {
    checkArgs(args, kw, 1);
    return loads(streamReadBytes(args[0], -1));
  });
}, { extensible: true });

function writeText(stream: PyObj, text: string): void {
  streamWriteBytes(stream, encoder.encode(text));
}
