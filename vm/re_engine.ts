/**
 * The regular expression engine MicroPython uses (re1.5): a pattern is
 * compiled to a small bytecode over bytes, then run by a backtracking
 * matcher. The supported syntax is MicroPython's subset: literals, `.`,
 * classes `[...]`/`[^...]` (with ranges and `\d \w \s` inside), `\d \D \w
 * \W \s \S`, anchors `^ $`, groups `(...)` and `(?:...)`, alternation `|`,
 * and the greedy and lazy repeats `* + ?` / `*? +? ??`. Anything else (for
 * example `{m,n}`) is taken literally, as on the board; malformed patterns
 * and patterns whose code would need jumps of more than ±127 bytes are
 * rejected the same way.
 *
 * Matching runs on the UTF-8 bytes of the subject, so offsets are byte
 * offsets, exactly as on the board.
 *
 * @module
 */

// Opcodes (as re1.5 numbers them).
const CHAR = 1;
const ANY = 2;
const CLASS = 3;
const CLASS_NOT = 4;
const NAMED_CLASS = 5;
const BOL = 0x50;
const EOL = 0x51;
const JMP = 0x60;
const SPLIT = 0x61;
const RSPLIT = 0x62;
const SAVE = 0x7e;
const MATCH = 0x7f;

/** Bytes of the prefix that makes a program search instead of match. */
const NON_ANCHORED_PREFIX = 5;

/** Why a pattern could not be compiled. */
export const enum CompileFailure {
  /** The pattern is malformed or its code too large ("regex too complex"). */
  TooComplex = 1,
  /** The pattern stops early at an unmatched `)` ("error in regex"). */
  Error = 2,
}

/** A compiled pattern. */
export interface RegexProgram {
  /** The bytecode, with the search prefix at the start. */
  code: Int8Array;
  /** Number of capturing groups. */
  groups: number;
}

function isNamedClassChar(c: number): boolean {
  return (c | 0x20) === 0x64 || (c | 0x24) === 0x77; // d D s S w W
}

function fitsInt8(v: number): boolean {
  return v >= -128 && v <= 127;
}

class Compiler {
  readonly code: number[] = [];
  groups = 0;
  err = false;

  constructor(readonly re: Uint8Array) {}

  private at(i: number): number {
    return i < this.re.length ? this.re[i] : 0;
  }

  private checked(at: number, v: number): void {
    if (!fitsInt8(v)) this.err = true;
    this.code[at] = v;
  }

  private insert(at: number, n: number): void {
    this.code.splice(at, 0, ...new Array(n).fill(0));
  }

  /** Compiles from `i` up to the end or a `)`; returns where it stopped, or -1. */
  compile(i: number): number {
    const code = this.code;
    const start = code.length;
    let term = code.length;
    let altLabel = 0;
    for (; this.at(i) !== 0 && this.at(i) !== 0x29; i++) {
      const c = this.at(i);
      switch (c) {
        case 0x5c: { // backslash
          i++;
          const e = this.at(i);
          if (e === 0) return -1;
          term = code.length;
          if (isNamedClassChar(e)) {
            code.push(NAMED_CLASS, e);
          } else {
            code.push(CHAR, e);
          }
          break;
        }
        case 0x2e: // .
          term = code.length;
          code.push(ANY);
          break;
        case 0x5b: { // [
          term = code.length;
          i++;
          if (this.at(i) === 0x5e) {
            code.push(CLASS_NOT);
            i++;
          } else {
            code.push(CLASS);
          }
          code.push(0); // number of pairs
          let cnt = 0;
          for (; this.at(i) !== 0x5d; i++, cnt++) {
            let ch = this.at(i);
            if (ch === 0x5c) {
              i++;
              ch = this.at(i);
              if (isNamedClassChar(ch)) {
                code.push(0, this.at(i));
                continue;
              }
            }
            if (ch === 0) return -1;
            if (this.at(i + 1) === 0x2d && this.at(i + 2) !== 0x5d) i += 2;
            code.push(ch, this.at(i));
          }
          this.checked(term + 1, cnt);
          break;
        }
        case 0x28: { // (
          term = code.length;
          let sub = 0;
          const capture = this.at(i + 1) !== 0x3f || this.at(i + 2) !== 0x3a;
          if (capture) {
            sub = ++this.groups;
            code.push(SAVE, 0);
            this.checked(code.length - 1, 2 * sub);
          } else {
            i += 2;
          }
          i = this.compile(i + 1);
          if (i < 0 || this.at(i) !== 0x29) return -1;
          if (capture) {
            code.push(SAVE, 0);
            this.checked(code.length - 1, 2 * sub + 1);
          }
          break;
        }
        case 0x3f: // ?
          if (code.length === term) return -1;
          this.insert(term, 2);
          if (this.at(i + 1) === 0x3f) {
            code[term] = RSPLIT;
            i++;
          } else {
            code[term] = SPLIT;
          }
          this.checked(term + 1, code.length - term - 2);
          term = code.length;
          break;
        case 0x2a: { // *
          if (code.length === term) return -1;
          this.insert(term, 2);
          const pc = code.length;
          code.push(JMP, 0);
          this.checked(pc + 1, term - pc - 2);
          if (this.at(i + 1) === 0x3f) {
            code[term] = RSPLIT;
            i++;
          } else {
            code[term] = SPLIT;
          }
          this.checked(term + 1, code.length - term - 2);
          term = code.length;
          break;
        }
        case 0x2b: { // +
          if (code.length === term) return -1;
          const pc = code.length;
          if (this.at(i + 1) === 0x3f) {
            code.push(SPLIT, 0);
            i++;
          } else {
            code.push(RSPLIT, 0);
          }
          this.checked(pc + 1, term - pc - 2);
          term = code.length;
          break;
        }
        case 0x7c: { // |
          if (altLabel !== 0) {
            this.checked(altLabel, code.length - altLabel - 2 + 1);
          }
          this.insert(start, 2);
          code.push(JMP);
          altLabel = code.length;
          code.push(0);
          code[start] = SPLIT;
          this.checked(start + 1, code.length - start - 2);
          term = code.length;
          break;
        }
        case 0x5e: // ^
          code.push(BOL);
          term = code.length;
          break;
        case 0x24: // $
          code.push(EOL);
          term = code.length;
          break;
        default:
          term = code.length;
          code.push(CHAR, c);
      }
    }
    if (altLabel !== 0) {
      this.checked(altLabel, code.length - altLabel - 2 + 1);
    }
    return this.err ? -1 : i;
  }
}

/** Compiles a pattern (its UTF-8 bytes); returns the program or why it failed. */
export function compileRegex(
  pattern: Uint8Array,
): RegexProgram | CompileFailure {
  const nul = pattern.indexOf(0);
  const c = new Compiler(nul < 0 ? pattern : pattern.subarray(0, nul));
  // The search prefix: RSplit +3; Any; Jmp -5 — then Save 0 … Save 1, Match.
  c.code.push(RSPLIT, 3, ANY, JMP, -5, SAVE, 0);
  const end = c.compile(0);
  if (end < 0) return CompileFailure.TooComplex;
  if (end < c.re.length) return CompileFailure.Error;
  c.code.push(SAVE, 1, MATCH);
  return { code: Int8Array.from(c.code), groups: c.groups };
}

/** The subject of a match: its bytes and the window being searched. */
export interface Subject {
  data: Uint8Array;
  /** Where `^` matches (the start of the whole string). */
  beginLine: number;
  /** Where matching starts. */
  begin: number;
  /** Where the subject ends (`$` matches here). */
  end: number;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

function isWord(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f;
}

function namedClassMatch(name: number, c: number): boolean {
  const positive = ((name >> 5) & 1) === 1;
  const cls = name | 0x20;
  const r = cls === 0x64 ? isDigit(c) : cls === 0x73 ? isSpace(c) : isWord(c);
  return r ? positive : !positive;
}

function signedByte(c: number): number {
  return c >= 128 ? c - 256 : c;
}

function classMatch(code: Int8Array, pc: number, c: number): boolean {
  const positive = code[pc - 1] === CLASS;
  let cnt = code[pc++] & 0xff;
  const sc = signedByte(c);
  while (cnt-- > 0) {
    if (code[pc] === 0) {
      if (namedClassMatch(code[pc + 1] & 0xff, c)) return positive;
    } else if (sc >= code[pc] && sc <= code[pc + 1]) {
      return positive;
    }
    pc += 2;
  }
  return !positive;
}

/** Thrown when matching recurses deeper than the board's stack allows. */
export class RegexDepthExceeded extends Error {
  constructor() {
    super("regex recursion too deep");
    this.name = "RegexDepthExceeded";
  }
}

/** Deepest backtracking the matcher allows (the board's C stack runs out there). */
const MAX_DEPTH = 100000;

// Kinds of backtrack record.
const RESUME = 0;
const RESTORE = 1;

/**
 * Runs a program over a subject; fills `caps` (byte offsets, -1 for unset)
 * and returns true on a match. `anchored` matches only at the start.
 */
export function runRegex(
  prog: RegexProgram,
  subject: Subject,
  caps: Int32Array,
  anchored: boolean,
): boolean {
  const code = prog.code;
  const data = subject.data;
  const end = subject.end;
  const nsub = caps.length;
  // Backtrack stack: triples of (kind, a, b).
  const stack: number[] = [];
  let pc = anchored ? NON_ANCHORED_PREFIX : 0;
  let sp = subject.begin;
  for (;;) {
    let fail = false;
    const op = code[pc];
    if (op < BOL && sp >= end) {
      fail = true;
    } else {
      pc++;
      switch (op) {
        case CHAR:
          if ((data[sp] & 0xff) !== (code[pc++] & 0xff)) fail = true;
          else sp++;
          break;
        case ANY:
          sp++;
          break;
        case CLASS:
        case CLASS_NOT:
          if (!classMatch(code, pc, data[sp])) fail = true;
          else {
            pc += (code[pc] & 0xff) * 2 + 1;
            sp++;
          }
          break;
        case NAMED_CLASS:
          if (!namedClassMatch(code[pc] & 0xff, data[sp])) fail = true;
          else {
            pc++;
            sp++;
          }
          break;
        case MATCH:
          return true;
        case JMP: {
          const off = code[pc++];
          pc += off;
          break;
        }
        case SPLIT: {
          const off = code[pc++];
          stack.push(RESUME, pc + off, sp);
          break;
        }
        case RSPLIT: {
          const off = code[pc++];
          stack.push(RESUME, pc, sp);
          pc += off;
          break;
        }
        case SAVE: {
          const k = code[pc++] & 0xff;
          if (k < nsub) {
            stack.push(RESTORE, k, caps[k]);
            caps[k] = sp;
          }
          break;
        }
        case BOL:
          if (sp !== subject.beginLine) fail = true;
          break;
        case EOL:
          if (sp !== end) fail = true;
          break;
        default:
          throw new Error(`bad regex opcode ${op}`);
      }
      if (stack.length > MAX_DEPTH * 3) throw new RegexDepthExceeded();
    }
    if (fail) {
      // Unwind: undo saves until a branch to resume.
      for (;;) {
        if (stack.length === 0) return false;
        const b = stack.pop() as number;
        const a = stack.pop() as number;
        const kind = stack.pop() as number;
        if (kind === RESTORE) {
          caps[a] = b;
          continue;
        }
        pc = a;
        sp = b;
        break;
      }
    }
  }
}
