/**
 * `str` (`py/objstr.c`, `py/objstrunicode.c`): every method MicroPython
 * has, indexing and slicing by code point, concatenation, repetition,
 * comparison, `in`, iteration, `%` and `str.format`, and `repr` with
 * MicroPython's quoting.
 *
 * The text algorithms here work on JavaScript strings and are shared with
 * bytes and bytearray, which run them on one-char-per-byte strings (see
 * {@link TextKind}). As in MicroPython, case conversion and the `isX`
 * predicates only know ASCII, `split()` and `strip()` only treat ASCII
 * whitespace as space, and slices with a step raise `NotImplementedError`.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { newStr } from "./alloc.ts";
import { defineBuiltinValue } from "./builtins.ts";
import {
  excWithMessage,
  indexError,
  memoryError,
  notImplementedError,
  typeError,
  UnicodeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { hashKey } from "./map.ts";
import {
  bytesType,
  defineMethod,
  type KwArgs,
  makeType,
  None,
  PrintKind,
  PyByteArray,
  PyBytes,
  PyList,
  type PyObj,
  PyObject,
  PyTuple,
  type PyType,
  strType,
  typeOf,
} from "./obj.ts";
import { PySlice, sliceBounds, stepSliceError } from "./obj_slice.ts";
import { getIter, isTrue, iterNext, print } from "./runtime.ts";
import { checkArgs, toMachineInt } from "./sequence.ts";
import { percentFormat, strFormat } from "./str_format.ts";
import {
  chars,
  compareStr,
  cpAt,
  cpLength,
  cpToOffset,
  hasSurrogates,
  latin1,
  offsetToCp,
  quoteStr,
  utf8Decode,
  utf8Encode,
} from "./unicode.ts";

// ---------------------------------------------------------------------------
// Text kinds: str and the byte types share the algorithms below.

/**
 * How a text type maps to JavaScript strings: `text` reads a value (self or
 * an argument) as a string (one char per byte for bytes), `make` builds a
 * result of the type from such a string.
 */
export interface TextKind {
  /** The Python type whose methods these are. */
  readonly type: PyType;
  /** True for bytes and bytearray (one char per byte, no code points). */
  readonly bytes: boolean;
  /** Self as text; raises for a self of another type. */
  self(v: PyObj): string;
  /** Raises for a self of another type (cheaply: no text is made). */
  checkSelf(v: PyObj): void;
  /** An argument (needle, separator…) as text; raises for other types. */
  arg(v: PyObj): string;
  /**
   * An argument of `split`, `rsplit`, `startswith` and `endswith`, which
   * accept only the exact type (no bytearray for bytes methods).
   */
  argStrict(v: PyObj): string;
  /** A new object of the type holding `s`. */
  make(s: string): PyObj;
  /** The empty result of `strip` and the missing parts of `partition` (b'' even for bytearray). */
  empty(): PyObj;
  /** True when an empty self finds nothing, not even "" (an empty bytearray on the board). */
  readonly emptyFindsNothing: boolean;
}

/** The `TypeError` for an argument of the wrong type (`bad_implicit_conversion`). */
export function badImplicitConversion(
  v: PyObj,
  toBytes: boolean,
): ReturnType<typeof typeError> {
  const name = typeOf(v).name;
  if (toBytes && typeof v === "string") {
    return typeError("can't convert 'str' object to bytes implicitly");
  }
  return typeError(`can't convert '${name}' object to str implicitly`);
}

/** The str kind. */
export const STR: TextKind = {
  type: strType,
  bytes: false,
  self(v: PyObj): string {
    if (typeof v === "string") return v;
    throw typeError(
      `argument should be a 'str' not a '${typeOf(v).name}'`,
    );
  },
  checkSelf(v: PyObj): void {
    STR.self(v);
  },
  arg(v: PyObj): string {
    if (typeof v === "string") return v;
    throw badImplicitConversion(v, false);
  },
  argStrict(v: PyObj): string {
    if (typeof v === "string") return v;
    throw badImplicitConversion(v, false);
  },
  make(s: string): PyObj {
    return newStr(s);
  },
  empty(): PyObj {
    return "";
  },
  emptyFindsNothing: false,
};

// ---------------------------------------------------------------------------
// Character classes (ASCII only, as `unichar_is*`)

/** `unichar_isspace`: space, \t, \n, \v, \f, \r. */
export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigitC(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isUpperC(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function isLowerC(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** Any code unit outside ASCII (above U+007F). */
const NON_ASCII = /[\u0080-\uffff]/;

/** ASCII-only upper case (what MicroPython's `str.upper` does). */
export function asciiUpper(s: string): string {
  if (!NON_ASCII.test(s)) return s.toUpperCase();
  let out = "";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLowerC(c)) {
      out += s.slice(start, i) + String.fromCharCode(c - 32);
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

/** ASCII-only lower case. */
export function asciiLower(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  let out = "";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isUpperC(c)) {
      out += s.slice(start, i) + String.fromCharCode(c + 32);
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

// ---------------------------------------------------------------------------
// Index conversion

/**
 * A method's start/end argument as a code-unit offset, clamped into the text
 * like a slice bound (`str_index_to_ptr` with `is_slice`); `None` gives the
 * default.
 */
function boundArg(
  k: TextKind,
  s: string,
  v: PyObj | undefined,
  dflt: number,
): number {
  if (v === undefined || v === None) return dflt;
  let i: number;
  if (
    typeof v === "number" || typeof v === "boolean" || typeof v === "bigint"
  ) {
    i = toMachineInt(v);
  } else {
    throw typeError(
      `${k.bytes ? "bytes" : "string"} indices must be integers, not ${
        typeOf(v).name
      }`,
    );
  }
  if (k.bytes || !hasSurrogates(s)) {
    const n = s.length;
    if (i < 0) {
      i += n;
      if (i < 0) i = 0;
    } else if (i > n) {
      i = n;
    }
    return i;
  }
  const n = cpLength(s);
  if (i < 0) {
    i += n;
    if (i < 0) i = 0;
  } else if (i > n) {
    i = n;
  }
  return cpToOffset(s, i);
}

/** A result offset as the index Python sees (code points for str). */
function indexOut(k: TextKind, s: string, off: number): number {
  return k.bytes ? off : offsetToCp(s, off);
}

// ---------------------------------------------------------------------------
// The algorithms

/** find/rfind/index/rindex (`str_finder`). */
function finder(
  k: TextKind,
  args: PyObj[],
  kw: KwArgs,
  opts: { reverse: boolean; raise: boolean },
): PyObj {
  checkArgs(args, kw, { min: 2, max: 4 });
  const s = k.self(args[0]);
  const needle = k.arg(args[1]);
  const start = boundArg(k, s, args[2], 0);
  const end = boundArg(k, s, args[3], s.length);
  let pos = -1;
  if (s.length === 0 && k.emptyFindsNothing) {
    pos = -1;
  } else if (end >= start && end - start >= needle.length) {
    if (opts.reverse) {
      pos = s.lastIndexOf(needle, end - needle.length);
      if (pos < start) pos = -1;
    } else {
      pos = s.indexOf(needle, start);
      if (pos >= 0 && pos + needle.length > end) pos = -1;
    }
  }
  if (pos < 0) {
    if (opts.raise) throw valueError("substring not found");
    return -1;
  }
  return indexOut(k, s, pos);
}

function countImpl(k: TextKind, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 2, max: 4 });
  const s = k.self(args[0]);
  const needle = k.arg(args[1]);
  const start = boundArg(k, s, args[2], 0);
  const end = boundArg(k, s, args[3], s.length);
  if (end < start) return 0;
  if (needle.length === 0) {
    if (!k.bytes) return cpLength(s.slice(start, end)) + 1;
    // The board counts UTF-8 characters even in bytes: continuation bytes
    // (0x80-0xbf) do not count.
    let n = 1;
    for (let i = start; i < end; i++) {
      if ((s.charCodeAt(i) & 0xc0) !== 0x80) n++;
    }
    return n;
  }
  let n = 0;
  for (let i = s.indexOf(needle, start); i >= 0 && i + needle.length <= end;) {
    n++;
    i = s.indexOf(needle, i + needle.length);
  }
  return n;
}

function replaceImpl(k: TextKind, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 3, max: 4 });
  const s = k.self(args[0]);
  // The count comes first: a count of 0 returns self unchecked.
  let max = args.length > 3 ? toMachineInt(args[3]) : -1;
  if (max === 0) return args[0];
  if (max < 0) max = Infinity;
  const old = k.arg(args[1]);
  const rep = k.arg(args[2]);
  let out: string;
  if (old.length === 0) {
    const cs = k.bytes ? s.split("") : chars(s);
    out = "";
    let n = 0;
    for (let i = 0; i <= cs.length; i++) {
      if (n < max) {
        out += rep;
        n++;
      }
      if (i < cs.length) out += cs[i];
    }
  } else {
    let n = 0;
    out = "";
    let from = 0;
    for (let i = s.indexOf(old); i >= 0 && n < max; i = s.indexOf(old, from)) {
      out += s.slice(from, i) + rep;
      from = i + old.length;
      n++;
    }
    if (n === 0) return args[0];
    out += s.slice(from);
  }
  return k.make(out);
}

/** Splits on runs of ASCII whitespace, at most `max` times (−1: no limit). */
function splitWhitespace(s: string, max: number): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  while (i < n) {
    if (max === 0) {
      // The rest is one item (trailing space included).
      out.push(s.slice(i));
      return out;
    }
    let j = i;
    while (j < n && !isSpace(s.charCodeAt(j))) j++;
    out.push(s.slice(i, j));
    if (max > 0) max--;
    i = j;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
  }
  return out;
}

function splitImpl(k: TextKind, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 1, max: 3 });
  const s = k.self(args[0]);
  const max = args.length > 2 ? toMachineInt(args[2]) : -1;
  let parts: string[];
  if (args.length < 2 || args[1] === None) {
    parts = splitWhitespace(s, max);
  } else {
    const sep = k.argStrict(args[1]);
    if (sep.length === 0) throw valueError("empty separator");
    parts = [];
    let from = 0;
    let n = max;
    for (;;) {
      if (n === 0) break;
      const i = s.indexOf(sep, from);
      if (i < 0) break;
      parts.push(s.slice(from, i));
      from = i + sep.length;
      if (n > 0) n--;
    }
    parts.push(s.slice(from));
  }
  return new PyList(parts.map((p) => k.make(p)));
}

function rsplitImpl(k: TextKind, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 1, max: 3 });
  const s = k.self(args[0]);
  const max = args.length > 2 ? toMachineInt(args[2]) : -1;
  if (args.length < 2 || args[1] === None) {
    if (max !== -1) throw notImplementedError("rsplit(None,n)");
    return new PyList(splitWhitespace(s, -1).map((p) => k.make(p)));
  }
  const sep = k.argStrict(args[1]);
  if (sep.length === 0) throw valueError("empty separator");
  const parts: string[] = [];
  let to = s.length;
  let n = max;
  for (;;) {
    if (n === 0 || to < sep.length) break;
    const i = s.lastIndexOf(sep, to - sep.length);
    if (i < 0) break;
    parts.push(s.slice(i + sep.length, to));
    to = i;
    if (n > 0) n--;
  }
  parts.push(s.slice(0, to));
  parts.reverse();
  return new PyList(parts.map((p) => k.make(p)));
}

const WHITESPACE = " \t\n\r\v\f";

function stripImpl(
  k: TextKind,
  args: PyObj[],
  kw: KwArgs,
  which: number, // 1: left, 2: right, 3: both
): PyObj {
  checkArgs(args, kw, { min: 1, max: 2 });
  const s = k.self(args[0]);
  const set = args.length > 1 ? k.arg(args[1]) : WHITESPACE;
  let start = 0;
  let end = s.length;
  if (!k.bytes && hasSurrogates(set + s)) {
    const cs = chars(s);
    const members = new Set(chars(set));
    let a = 0;
    let b = cs.length;
    if ((which & 1) !== 0) { while (a < b && members.has(cs[a])) a++; }
    if ((which & 2) !== 0) { while (b > a && members.has(cs[b - 1])) b--; }
    if (a === b) return k.empty();
    if (a === 0 && b === cs.length) return args[0];
    return k.make(cs.slice(a, b).join(""));
  }
  if ((which & 1) !== 0) {
    while (start < end && set.includes(s[start])) {
      start++;
    }
  }
  if ((which & 2) !== 0) {
    while (end > start && set.includes(s[end - 1])) {
      end--;
    }
  }
  if (start === end) return k.empty();
  if (start === 0 && end === s.length) return args[0];
  return k.make(s.slice(start, end));
}

function startsEnds(
  k: TextKind,
  args: PyObj[],
  kw: KwArgs,
  ends: boolean,
): PyObj {
  checkArgs(args, kw, { min: 2, max: 4 });
  const s = k.self(args[0]);
  const start = boundArg(k, s, args[2], 0);
  const end = boundArg(k, s, args[3], s.length);
  const test = (h: string, from: number, to: number, p: string): boolean => {
    if (p.length === 0) return true;
    if (to - from < p.length) return false;
    return ends ? h.startsWith(p, to - p.length) : h.startsWith(p, from);
  };
  // MicroPython compares the raw data of any str or bytes prefix, so a str
  // matches a bytes prefix by its UTF-8 bytes and the other way round.
  const one = (p: PyObj): boolean => {
    if (k.bytes) {
      if (typeof p === "string") {
        return test(s, start, end, latin1(utf8Encode(p)));
      }
      if (p instanceof PyBytes) return test(s, start, end, latin1(p.data));
    } else {
      if (typeof p === "string") return test(s, start, end, p);
      if (p instanceof PyBytes) {
        const from = utf8Encode(s.slice(0, start)).length;
        const to = from + utf8Encode(s.slice(start, end)).length;
        return test(latin1(utf8Encode(s)), from, to, latin1(p.data));
      }
    }
    throw badImplicitConversion(p, false);
  };
  const a = args[1];
  if (a instanceof PyTuple) {
    for (const item of a.items) if (one(item)) return true;
    return false;
  }
  return one(a);
}

function partitionImpl(
  k: TextKind,
  args: PyObj[],
  kw: KwArgs,
  reverse: boolean,
): PyObj {
  checkArgs(args, kw, { min: 2, max: 2 });
  const s = k.self(args[0]);
  const sep = k.arg(args[1]);
  if (sep.length === 0) throw valueError("empty separator");
  const i = reverse ? s.lastIndexOf(sep) : s.indexOf(sep);
  if (i < 0) {
    return reverse
      ? new PyTuple([k.empty(), k.empty(), args[0]])
      : new PyTuple([args[0], k.empty(), k.empty()]);
  }
  return new PyTuple([
    k.make(s.slice(0, i)),
    k.make(sep),
    k.make(s.slice(i + sep.length)),
  ]);
}

function splitlinesImpl(k: TextKind, args: PyObj[], kw: KwArgs): PyObj {
  // Parsed like `mp_arg_parse_all` with one argument, `keepends`: a
  // positional value hides the keyword one, and leftovers are errors.
  if (args.length === 0) checkArgs(args, null, { min: 1, max: 2 });
  if (args.length > 2) throw typeError("extra positional arguments given");
  let keep = false;
  let kwUsed = 0;
  if (args.length > 1) keep = isTrue(args[1]);
  else if (kw !== null && kw.has("keepends")) {
    keep = isTrue(kw.get("keepends") as PyObj);
    kwUsed = 1;
  }
  if (kw !== null && kw.size > kwUsed) {
    throw typeError("extra keyword arguments given");
  }
  const s = k.self(args[0]);
  const out: PyObj[] = [];
  let from = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    let eol = i + 1;
    if (c === 0x0d && i + 1 < n && s.charCodeAt(i + 1) === 0x0a) eol++;
    out.push(k.make(s.slice(from, keep ? eol : i)));
    from = eol;
    i = eol - 1;
  }
  if (from < n) out.push(k.make(s.slice(from)));
  return new PyList(out);
}

function centerImpl(k: TextKind, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 2, max: 2 });
  const s = k.self(args[0]);
  const width = toMachineInt(args[1]);
  const len = k.bytes ? s.length : cpLength(s);
  if (len >= width) return args[0];
  const left = (width - len) >> 1;
  return k.make(" ".repeat(left) + s + " ".repeat(width - len - left));
}

function isType(
  k: TextKind,
  args: PyObj[],
  kw: KwArgs,
  f: (c: number) => boolean,
  cased: boolean,
): PyObj {
  checkArgs(args, kw, { min: 1, max: 1 });
  const s = k.self(args[0]);
  if (s.length === 0) return false;
  if (!cased) {
    for (let i = 0; i < s.length; i++) if (!f(s.charCodeAt(i))) return false;
    return true;
  }
  let alpha = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlpha(c)) {
      alpha = true;
      if (!f(c)) return false;
    }
  }
  return alpha;
}

/** `sep.join(iterable)`: every item must be of the separator's kind. */
function joinImpl(k: TextKind, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 2, max: 2 });
  const sep = k.self(args[0]);
  const parts: string[] = [];
  const src = args[1];
  if (src instanceof PyList || src instanceof PyTuple) {
    // MicroPython reads a list's or tuple's items in place (no iterator).
    for (const x of src.items) parts.push(joinItem(k, x));
  } else {
    const it = getIter(src);
    for (let x = iterNext(it); x !== undefined; x = iterNext(it)) {
      parts.push(joinItem(k, x));
    }
  }
  return k.make(parts.join(sep));
}

function joinItem(k: TextKind, x: PyObj): string {
  if (!k.bytes) {
    if (typeof x === "string") return x;
  } else if (x instanceof PyBytes) {
    return latin1(x.data);
  } else if (x instanceof PyByteArray) {
    return latin1(x.data, 0, x.length);
  }
  throw typeError(
    "join expects a list of str/bytes objects consistent with self object",
  );
}

function formatImpl(k: TextKind, args: PyObj[], kw: KwArgs): PyObj {
  if (args.length < 1) checkArgs(args, null, { min: 1, max: Infinity });
  const s = k.self(args[0]);
  const out = strFormat(s, args.slice(1), kw);
  return k.make(k.bytes ? toByteText(out) : out);
}

/** Text produced for a bytes result, as one char per UTF-8 byte. */
function toByteText(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return latin1(utf8Encode(s));
  }
  return s;
}

/**
 * Installs the methods MicroPython gives str, bytes and bytearray on `k`'s
 * type (each type lists its own extras separately).
 */
export function defineTextMethods(k: TextKind): void {
  const t = k.type;
  const method = (
    name: string,
    fn: (a: PyObj[], kw: KwArgs) => PyObj,
  ): void => {
    defineMethod(t, name, (a: PyObj[], kw: KwArgs): PyObj => {
      // Called through the type, the self is checked before the arguments.
      if (a.length > 0) k.checkSelf(a[0]);
      return fn(a, kw);
    });
  };
  method("count", (a, kw) => countImpl(k, a, kw));
  method("endswith", (a, kw) => startsEnds(k, a, kw, true));
  method(
    "find",
    (a, kw) => finder(k, a, kw, { reverse: false, raise: false }),
  );
  method("format", (a, kw) => formatImpl(k, a, kw));
  method(
    "index",
    (a, kw) => finder(k, a, kw, { reverse: false, raise: true }),
  );
  method("isalpha", (a, kw) => isType(k, a, kw, isAlpha, false));
  method("isdigit", (a, kw) => isType(k, a, kw, isDigitC, false));
  method("islower", (a, kw) => isType(k, a, kw, isLowerC, true));
  method("isspace", (a, kw) => isType(k, a, kw, isSpace, false));
  method("isupper", (a, kw) => isType(k, a, kw, isUpperC, true));
  method("join", (a, kw) => joinImpl(k, a, kw));
  method("lower", (a, kw) => {
    checkArgs(a, kw, { min: 1, max: 1 });
    return k.make(asciiLower(k.self(a[0])));
  });
  method("lstrip", (a, kw) => stripImpl(k, a, kw, 1));
  method("replace", (a, kw) => replaceImpl(k, a, kw));
  method(
    "rfind",
    (a, kw) => finder(k, a, kw, { reverse: true, raise: false }),
  );
  method(
    "rindex",
    (a, kw) => finder(k, a, kw, { reverse: true, raise: true }),
  );
  method("rsplit", (a, kw) => rsplitImpl(k, a, kw));
  method("rstrip", (a, kw) => stripImpl(k, a, kw, 2));
  method("split", (a, kw) => splitImpl(k, a, kw));
  method("startswith", (a, kw) => startsEnds(k, a, kw, false));
  method("strip", (a, kw) => stripImpl(k, a, kw, 3));
  method("upper", (a, kw) => {
    checkArgs(a, kw, { min: 1, max: 1 });
    return k.make(asciiUpper(k.self(a[0])));
  });
  method("center", (a, kw) => centerImpl(k, a, kw));
  method("partition", (a, kw) => partitionImpl(k, a, kw, false));
  method("rpartition", (a, kw) => partitionImpl(k, a, kw, true));
  method("splitlines", (a, kw) => splitlinesImpl(k, a, kw));
}

// ---------------------------------------------------------------------------
// str-only behaviour

/** `s * n` for any sequence text; negative counts give the empty text. */
export function repeatText(s: string, n: PyObj): string | undefined {
  if (
    typeof n !== "number" && typeof n !== "boolean" && typeof n !== "bigint"
  ) {
    return undefined;
  }
  const count = toMachineInt(n);
  if (count <= 0 || s.length === 0) return "";
  const bytes = s.length * count + 1;
  const limit = heap.accounting ? heap.total : 0x10000000;
  if (bytes > limit) {
    throw memoryError(`memory allocation failed, allocating ${bytes} bytes`);
  }
  return s.repeat(count);
}

/** `s[index]` and `s[start:stop]` of a str (by code point). */
export function strSubscr(s: string, index: PyObj): PyObj {
  if (index instanceof PySlice) {
    // The step is checked before the bounds, so even a zero step is
    // "not implemented" rather than a ValueError.
    const step = index.step;
    if (step !== None && step !== 1 && step !== 1n) throw stepSliceError();
    for (const bound of [index.start, index.stop]) {
      const t = typeof bound;
      if (
        bound !== None && t !== "number" && t !== "bigint" && t !== "boolean"
      ) {
        throw typeError(
          `string indices must be integers, not ${typeOf(bound).name}`,
        );
      }
    }
    const surrogates = hasSurrogates(s);
    const len = surrogates ? cpLength(s) : s.length;
    const b = sliceBounds(index, len);
    // MicroPython copies even a whole-string slice: a new heap str.
    if (b.start === 0 && b.stop === len) return newStr(s);
    return newStr(
      surrogates
        ? s.slice(cpToOffset(s, b.start), cpToOffset(s, b.stop))
        : s.slice(b.start, b.stop),
    );
  }
  let i: number;
  if (typeof index === "number" || typeof index === "bigint") {
    i = toMachineInt(index);
  } else if (typeof index === "boolean") i = index ? 1 : 0;
  else {
    throw typeError(
      `string indices must be integers, not ${typeOf(index).name}`,
    );
  }
  if (!hasSurrogates(s)) {
    if (i < 0) i += s.length;
    if (i < 0 || i >= s.length) throw indexError("string index out of range");
    return newStr(s.charAt(i));
  }
  const n = cpLength(s);
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw indexError("string index out of range");
  return newStr(cpAt(s, cpToOffset(s, i)));
}

/** The iterator of a str: yields its characters. */
export const strIteratorType: PyType = makeType("iterator");

class PyStrIterator extends PyObject {
  declare readonly s: string;
  declare pos: number;
  constructor(s: string) {
    super(strIteratorType);
    this.s = s;
    this.pos = 0;
    this.h = heap.alloc(16, BlockKind.Other);
  }
}

strIteratorType.getIter = (self: PyObj): PyObj => self;
strIteratorType.print = (): string => "<iterator>";
strIteratorType.iterNext = (self: PyObj): PyObj | undefined => {
  const it = self as PyStrIterator;
  const s = it.s;
  if (it.pos >= s.length) return undefined;
  const c = s.charCodeAt(it.pos);
  if (c >= 0xd800 && c <= 0xdbff) {
    const ch = cpAt(s, it.pos);
    it.pos += ch.length;
    return newStr(ch);
  }
  it.pos++;
  return newStr(s.charAt(it.pos - 1));
};
strIteratorType.gcTrace = (self, trace): void => {
  trace((self as PyStrIterator).s);
};

/** Decodes bytes as UTF-8 (`str(b, encoding)`, `b.decode()`); `UnicodeError` when invalid. */
export function decodeUtf8(data: Uint8Array, length = data.length): string {
  const s = utf8Decode(data, 0, length);
  if (s === null) throw excWithMessage(UnicodeError, "");
  return s;
}

function bufferOf(v: PyObj): Uint8Array | undefined {
  if (v instanceof PyBytes) return v.data;
  if (v instanceof PyByteArray) return v.data.subarray(0, v.length);
  if (typeof v === "object") {
    const t = v.type;
    if (t.getBuffer !== null) return t.getBuffer(v, false);
  }
  if (typeof v === "string") return utf8Encode(v);
  return undefined;
}

strType.makeNew = (_t: PyType, args: PyObj[], kw: KwArgs): PyObj => {
  if (kw !== null && kw.size > 0) {
    throw notImplementedError(
      "keyword argument(s) not implemented - use normal args instead",
    );
  }
  checkArgs(args, null, { min: 0, max: 3 });
  if (args.length === 0) return "";
  if (args.length === 1) {
    const v = args[0];
    if (typeof v === "string") return v;
    return newStr(print(v, PrintKind.Str));
  }
  const v = args[0];
  if (typeof v === "string") return v;
  const buf = bufferOf(v);
  if (buf === undefined) {
    throw typeError("object with buffer protocol required");
  }
  return newStr(decodeUtf8(buf));
};

strType.print = (self: PyObj, kind: PrintKind): string =>
  kind === PrintKind.Repr ? quoteStr(self as string) : self as string;

strType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  const s = self as string;
  switch (op) {
    case UnaryOp.Bool:
      return s.length !== 0;
    case UnaryOp.Len:
      return cpLength(s);
    case UnaryOp.Hash:
      return hashKey(s);
  }
  return undefined;
};

strType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  const s = lhs as string;
  switch (op) {
    case 27: // Add
    case 14: // InplaceAdd
      if (typeof rhs !== "string") return undefined;
      return newStr(s + rhs);
    case 29: // Multiply
    case 16: // InplaceMultiply
    case 44: { // ReverseMultiply
      const r = repeatText(s, rhs);
      return r === undefined ? undefined : newStr(r);
    }
    case 33: // Modulo
    case 20: // InplaceModulo
      return newStr(percentFormat(s, rhs, { bytes: false }));
    case 36: // Contains
      if (typeof rhs !== "string") throw badImplicitConversion(rhs, false);
      return s.includes(rhs);
    case 2: // Equal
      return typeof rhs === "string" ? s === rhs : undefined;
    case 0: // Less
    case 1: // More
    case 3: // LessEqual
    case 4: { // MoreEqual
      if (typeof rhs !== "string") return undefined;
      const c = compareStr(s, rhs);
      return op === 0 ? c < 0 : op === 1 ? c > 0 : op === 3 ? c <= 0 : c >= 0;
    }
  }
  return undefined;
};

strType.subscrLoad = (self: PyObj, index: PyObj): PyObj | undefined =>
  strSubscr(self as string, index);

strType.getIter = (self: PyObj): PyObj => new PyStrIterator(self as string);

strType.getBuffer = (self: PyObj): Uint8Array => utf8Encode(self as string);

defineTextMethods(STR);

defineMethod(strType, "encode", (args, kw) => {
  checkArgs(args, kw, { min: 1, max: 3 });
  const s = STR.self(args[0]);
  // The bytes object shares the str's data: only a header is new.
  return new PyBytes(utf8Encode(s), bytesType, true);
});

defineBuiltinValue("str", strType);
