/**
 * `re` (`extmod/modre.c`): `compile`, `match`, `search` and `sub`; compiled
 * patterns (type `re`) with `match`, `search` (both taking `pos`/`endpos`),
 * `split` and `sub`; match objects (type `match`) with `group`, `groups`,
 * `span`, `start` and `end`. The engine is re1.5's (see `re_engine.ts`), so
 * the accepted syntax, the error messages and the corner cases (empty
 * matches end `sub` and `split`, `split` refuses patterns with groups, byte
 * offsets for `pos`) are MicroPython's.
 *
 * @module
 */

import { newStr } from "./alloc.ts";
import { defineFunction, defineModule } from "./builtins.ts";
import {
  IndexError,
  newException,
  notImplementedError,
  runtimeError,
  typeError,
  UnicodeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  bytesType,
  defineMethod,
  emptyTuple,
  type KwArgs,
  makeType,
  None,
  PyBytes,
  PyList,
  type PyObj,
  PyObject,
  PyTuple,
  type PyType,
} from "./obj.ts";
import {
  CompileFailure,
  compileRegex,
  RegexDepthExceeded,
  type RegexProgram,
  runRegex,
  type Subject,
} from "./re_engine.ts";
import { call, idOf, isCallable, typeName } from "./runtime.ts";
import {
  checkArgs,
  listAppend,
  newBytes,
  toMachineInt,
} from "./mod_support.ts";

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The `re` type: a compiled pattern. */
export const reType: PyType = makeType("re");
/** The `match` type. */
export const matchType: PyType = makeType("match");

/** A compiled pattern (`mp_obj_re_t`). */
export class PyRegex extends PyObject {
  readonly prog: RegexProgram;
  constructor(prog: RegexProgram) {
    super(reType);
    this.prog = prog;
    this.h = heap.alloc(16 + prog.code.length, BlockKind.Other);
  }
}

/** A match (`mp_obj_match_t`): the subject and the group offsets (bytes). */
export class PyMatch extends PyObject {
  readonly subject: PyObj;
  readonly data: Uint8Array;
  readonly caps: Int32Array;
  /** `onStack`: the temporary match `sub` hands to its callback (no heap on the board). */
  constructor(
    subject: PyObj,
    data: Uint8Array,
    caps: Int32Array,
    onStack = false,
  ) {
    super(matchType);
    this.subject = subject;
    this.data = data;
    this.caps = caps;
    this.h = onStack ? 0 : heap.alloc(12 + 4 * caps.length, BlockKind.Other);
  }

  get numMatches(): number {
    return this.caps.length >> 1;
  }
}

// The last str encoded: programs often search the same subject repeatedly.
let lastText = "";
let lastBytes = new Uint8Array(0);

/** The text of a str or bytes argument as bytes (`mp_obj_str_get_data`). */
function textBytes(v: PyObj): Uint8Array {
  if (typeof v === "string") {
    if (v !== lastText) {
      lastBytes = utf8.encode(v);
      lastText = v;
    }
    return lastBytes;
  }
  if (v instanceof PyBytes && v.type === bytesType) return v.data;
  throw typeError(`can't convert '${typeName(v)}' object to str implicitly`);
}

/** A str or bytes (like `like`) from a slice of bytes. */
function textOf(
  like: PyObj,
  data: Uint8Array,
  start: number,
  end: number,
): PyObj {
  const part = data.subarray(start, end);
  if (typeof like !== "string") return newBytes(part.slice());
  try {
    return newStr(strictUtf8.decode(part));
  } catch {
    throw newException(UnicodeError);
  }
}

function compilePattern(pattern: PyObj): PyRegex {
  const r = compileRegex(textBytes(pattern));
  if (r === CompileFailure.TooComplex) throw valueError("regex too complex");
  if (r === CompileFailure.Error) throw valueError("error in regex");
  return new PyRegex(r);
}

function regexOf(v: PyObj): [PyRegex, boolean] {
  if (v instanceof PyRegex) return [v, true];
  return [compilePattern(v), false];
}

function execute(
  prog: RegexProgram,
  subject: Subject,
  caps: Int32Array,
  anchored: boolean,
): boolean {
  caps.fill(-1);
  try {
    return runRegex(prog, subject, caps, anchored);
  } catch (e) {
    if (e instanceof RegexDepthExceeded) {
      throw runtimeError("maximum recursion depth exceeded");
    }
    throw e;
  }
}

function exec(anchored: boolean, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, 2, 4);
  const [self, compiled] = regexOf(args[0]);
  const data = textBytes(args[1]);
  const len = data.length;
  const subject: Subject = { data, beginLine: 0, begin: 0, end: len };
  if (compiled && args.length > 2) {
    let start = toMachineInt(args[2]);
    if (start > len) start = len;
    else if (start < 0) start = 0;
    subject.begin = start;
    if (args.length > 3) {
      let end = toMachineInt(args[3]);
      if (end > len) end = len;
      else if (end < start) end = start;
      subject.end = end;
    }
  }
  const caps = new Int32Array((self.prog.groups + 1) * 2);
  if (!execute(self.prog, subject, caps, anchored)) return None;
  return new PyMatch(args[1], data, caps);
}

function split(args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, 2, 3);
  const self = args[0] as PyRegex;
  const like = args[1];
  const data = textBytes(like);
  const subject: Subject = { data, beginLine: 0, begin: 0, end: data.length };
  let maxsplit = args.length > 2 ? toMachineInt(args[2]) : 0;
  const out = new PyList([]);
  const caps = new Int32Array((self.prog.groups + 1) * 2);
  for (;;) {
    const found = execute(self.prog, subject, caps, false);
    if (!found || caps[0] === caps[1]) break;
    listAppend(out, textOf(like, data, subject.begin, caps[0]));
    if (self.prog.groups > 0) {
      throw notImplementedError("splitting with sub-captures");
    }
    subject.begin = caps[1];
    if (maxsplit > 0 && --maxsplit === 0) break;
  }
  listAppend(out, textOf(like, data, subject.begin, subject.end));
  return out;
}

function sub(args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, 3, 5);
  const [self] = regexOf(args[0]);
  const replace = args[1];
  const where = args[2];
  let count = args.length > 3 ? toMachineInt(args[3]) : 0;
  const data = textBytes(where);
  const subject: Subject = { data, beginLine: 0, begin: 0, end: data.length };
  const caps = new Int32Array((self.prog.groups + 1) * 2);
  const match = new PyMatch(where, data, caps, true);
  const callable = isCallable(replace);
  const fixedRepl = callable ? undefined : textBytes(replace).slice();
  const out: number[] = [];
  let any = false;
  for (;;) {
    const found = execute(self.prog, subject, caps, false);
    if (!found || caps[0] === caps[1]) break;
    any = true;
    for (let i = subject.begin; i < caps[0]; i++) out.push(data[i]);
    const repl = fixedRepl ?? textBytes(call(replace, [match]));
    let i = 0;
    const at = (k: number): number => (k < repl.length ? repl[k] : 0);
    while (i < repl.length && repl[i] !== 0) {
      if (repl[i] === 0x5c) {
        i++;
        let gFormat = false;
        if (at(i) === 0x67 && at(i + 1) === 0x3c) { // \g<
          i += 2;
          gFormat = true;
        }
        if (at(i) >= 0x30 && at(i) <= 0x39) {
          let no = 0;
          do {
            no = no * 10 + (repl[i++] - 0x30);
          } while (at(i) >= 0x30 && at(i) <= 0x39);
          if (gFormat && at(i) === 0x3e) i++;
          if (no >= match.numMatches) throw newException(IndexError, [no]);
          const s = caps[2 * no];
          if (s >= 0) {
            for (let k = s; k < caps[2 * no + 1]; k++) out.push(data[k]);
          }
        } else if (at(i) === 0x5c) {
          out.push(0x5c);
          i++;
        }
      } else {
        out.push(repl[i++]);
      }
    }
    subject.begin = caps[1];
    if (count > 0 && --count === 0) break;
  }
  if (!any) return where;
  for (let i = subject.begin; i < subject.end; i++) out.push(data[i]);
  const bytes = Uint8Array.from(out);
  if (typeof where === "string") {
    return textOf(where, bytes, 0, bytes.length);
  }
  return newBytes(bytes);
}

// ---------------------------------------------------------------------------
// Match objects

/** Character index of a byte offset of a str subject. */
function charIndex(m: PyMatch, offset: number): number {
  if (typeof m.subject !== "string") return offset;
  let n = 0;
  for (let i = 0; i < offset; i++) if ((m.data[i] & 0xc0) !== 0x80) n++;
  return n;
}

function groupNumber(m: PyMatch, v: PyObj): number {
  const no = toMachineInt(v);
  if (no < 0 || no >= m.numMatches) throw newException(IndexError, [v]);
  return no;
}

function group(m: PyMatch, no: number): PyObj {
  const s = m.caps[2 * no];
  if (s < 0) return None;
  return textOf(m.subject, m.data, s, m.caps[2 * no + 1]);
}

function span(args: PyObj[], kw: KwArgs): [number, number] {
  checkArgs(args, kw, 1, 2);
  const m = args[0] as PyMatch;
  const no = args.length === 2 ? groupNumber(m, args[1]) : 0;
  const s = m.caps[2 * no];
  if (s < 0) return [-1, -1];
  return [charIndex(m, s), charIndex(m, m.caps[2 * no + 1])];
}

matchType.print = (self) => `<match num=${(self as PyMatch).numMatches}>`;
matchType.gcTrace = (self, trace) => trace((self as PyMatch).subject);
defineMethod(matchType, "group", (args, kw) => {
  checkArgs(args, kw, 2);
  const m = args[0] as PyMatch;
  return group(m, groupNumber(m, args[1]));
});
defineMethod(matchType, "groups", (args, kw) => {
  checkArgs(args, kw, 1);
  const m = args[0] as PyMatch;
  if (m.numMatches <= 1) return emptyTuple;
  const out: PyObj[] = [];
  for (let i = 1; i < m.numMatches; i++) out.push(group(m, i));
  return new PyTuple(out);
});
defineMethod(matchType, "span", (args, kw) => new PyTuple(span(args, kw)));
defineMethod(matchType, "start", (args, kw) => span(args, kw)[0]);
defineMethod(matchType, "end", (args, kw) => span(args, kw)[1]);

// ---------------------------------------------------------------------------
// Pattern objects

reType.print = (self) => `<re ${idOf(self).toString(16)}>`;
defineMethod(reType, "match", (args, kw) => exec(true, args, kw));
defineMethod(reType, "search", (args, kw) => exec(false, args, kw));
defineMethod(reType, "split", split);
defineMethod(reType, "sub", sub);

defineModule("re", (dict) => {
  defineFunction(dict, "compile", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    return compilePattern(args[0]);
  });
  defineFunction(dict, "match", (args, kw) => exec(true, args, kw));
  defineFunction(dict, "search", (args, kw) => exec(false, args, kw));
  defineFunction(dict, "sub", sub);
}, { extensible: true });
