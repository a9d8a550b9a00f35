/**
 * The lexer: Python source bytes to tokens, with MicroPython's rules
 * (`py/lexer.c`): implicit string concatenation, escapes, numeric literals
 * with underscores, indentation tracking, and f-strings rewritten into
 * `'…'.format(…)` by feeding the collected arguments back as source text.
 *
 * The lexer works on UTF-8 bytes, as MicroPython does: columns and string
 * lengths are counted in bytes. The bytes are held as a string of char codes
 * 0–255 so that names can be sliced out without copying.
 *
 * @module
 */

import { KEYWORDS, Tok } from "./tokens.ts";

const EOF = -1;
const TAB_SIZE = 8;

// Character classes of the ASCII range, as MicroPython's unicode tables have them.
const enum CharClass {
  Space = 1,
  Alpha = 2,
  Digit = 4,
  XDigit = 8,
  /** Letters, digits and `_`: the rest of an ASCII name. */
  Ident = 16,
  /** Letters and `_`: the start of an ASCII name. */
  IdentStart = 32,
  /** Characters that end the fast scan of a string literal. */
  StringStop = 64,
  /**
   * Quotes, string prefix letters, and characters that make the fast lexer
   * hand over (comments, continuations, other white space): after a string
   * literal, what may continue it.
   */
  MayStartString = 128,
}

const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  let k = 0;
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) k |= CharClass.Space;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f) {
    k |= c === 0x5f ? 0 : CharClass.Alpha;
    k |= CharClass.Ident | CharClass.IdentStart;
  }
  if (c >= 0x30 && c <= 0x39) {
    k |= CharClass.Digit | CharClass.XDigit | CharClass.Ident;
  }
  if ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)) {
    k |= CharClass.XDigit;
  }
  if (c === 0x5c || c === 0x0a || c === 0x09) k |= CharClass.StringStop;
  if (
    c === 0x27 || c === 0x22 || c === 0x72 || c === 0x75 || c === 0x62 ||
    c === 0x66 || c === 0x23 || c === 0x5c ||
    ((k & CharClass.Space) !== 0 && c !== 0x20 && c !== 0x0a)
  ) {
    k |= CharClass.MayStartString;
  }
  CLASS[c] = k;
}

function isSpace(c: number): boolean {
  return c >= 0 && c < 128 && (CLASS[c] & CharClass.Space) !== 0;
}

function isAlpha(c: number): boolean {
  return c >= 0 && c < 128 && (CLASS[c] & CharClass.Alpha) !== 0;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isXDigit(c: number): boolean {
  return c >= 0 && c < 128 && (CLASS[c] & CharClass.XDigit) !== 0;
}

function xdigitValue(c: number): number {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10;
}

const ch = (s: string): number => s.charCodeAt(0);
const C_NL = ch("\n");
const C_TAB = ch("\t");
const C_HASH = ch("#");
const C_SPACE = ch(" ");
const C_BSLASH = ch("\\");
const C_SQ = ch("'");
const C_DQ = ch('"');
const C_LBRACE = ch("{");
const C_RBRACE = ch("}");
const C_LBRACKET = ch("[");
const C_RBRACKET = ch("]");
const C_COLON = ch(":");
const C_BANG = ch("!");
const C_DOT = ch(".");
const C_EQ = ch("=");
const C_UNDERSCORE = ch("_");

const T_NAME = Tok.Name as number;
const T_INTEGER = Tok.Integer as number;
const T_STRING = Tok.String as number;
const T_KW_DEBUG = Tok.KwDebug as number;
const T_NEWLINE = Tok.Newline as number;
const T_COMMA = Tok.DelComma as number;
const T_PAREN_CLOSE = Tok.DelParenClose as number;
const T_BRACKET_CLOSE = Tok.DelBracketClose as number;
const T_BRACE_CLOSE = Tok.DelBraceClose as number;
const T_SEMICOLON = Tok.DelSemicolon as number;
const T_COLON = Tok.DelColon as number;
const T_EQUAL = Tok.DelEqual as number;

const C_GT = ch(">");

// One-character operators and delimiters (-1: none); whether a longer
// operator can start with the character (then `=`, the same character, `>`
// or a digit after it make one, or a float); the change of bracket nesting.
const OP_ALONE = new Int8Array(256).fill(-1);
const OP_LONGER = new Uint8Array(256);
const OP_NESTING = new Int8Array(256);
{
  const op = (chars: string, alone: Tok, longer: boolean): void => {
    OP_ALONE[ch(chars)] = alone;
    OP_LONGER[ch(chars)] = longer ? 1 : 0;
  };
  op("(", Tok.DelParenOpen, false);
  op(")", Tok.DelParenClose, false);
  op("[", Tok.DelBracketOpen, false);
  op("]", Tok.DelBracketClose, false);
  op("{", Tok.DelBraceOpen, false);
  op("}", Tok.DelBraceClose, false);
  OP_NESTING[ch("(")] = OP_NESTING[ch("[")] = OP_NESTING[ch("{")] = 1;
  OP_NESTING[ch(")")] = OP_NESTING[ch("]")] = OP_NESTING[ch("}")] = -1;
  op(",", Tok.DelComma, false);
  op(";", Tok.DelSemicolon, false);
  op("~", Tok.OpTilde, false);
  op(".", Tok.DelPeriod, true);
  op(":", Tok.DelColon, true);
  op("<", Tok.OpLess, true);
  op(">", Tok.OpMore, true);
  op("*", Tok.OpStar, true);
  op("/", Tok.OpSlash, true);
  op("+", Tok.OpPlus, true);
  op("-", Tok.OpMinus, true);
  op("&", Tok.OpAmpersand, true);
  op("|", Tok.OpPipe, true);
  op("%", Tok.OpPercent, true);
  op("^", Tok.OpCaret, true);
  op("@", Tok.OpAt, true);
  op("=", Tok.DelEqual, true);
}

// What fastBlank returns when it made a Newline token, or gave up.
const BLANK_NEWLINE = -2;
const BLANK_GIVE_UP = -1;

const utf8Decoder = new TextDecoder("utf-8");

/** Decodes UTF-8 bytes to a string, quickly when they are all ASCII. */
export function decodeBytes(buf: Uint8Array, len: number): string {
  for (let i = 0; i < len; i++) {
    if (buf[i] >= 0x80) return utf8Decoder.decode(buf.subarray(0, len));
  }
  if (len <= 4096) {
    return String.fromCharCode.apply(
      null,
      buf.subarray(0, len) as unknown as number[],
    );
  }
  let s = "";
  for (let i = 0; i < len; i += 4096) {
    s += String.fromCharCode.apply(
      null,
      buf.subarray(i, Math.min(len, i + 4096)) as unknown as number[],
    );
  }
  return s;
}

/**
 * The source as the lexer reads it: its UTF-8 bytes as char codes 0–255,
 * line endings normalised to `\n`, and a final newline added.
 */
export function sourceBytes(source: string): string {
  // A regular expression scans the whole text natively.
  let text = NON_ASCII.test(source) ? utf8ByteString(source) : source;
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (text.length > 0 && text.charCodeAt(text.length - 1) !== C_NL) {
    text += "\n";
  }
  return text;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The UTF-8 bytes of `text` as a string of char codes 0–255. */
function utf8ByteString(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    out += String.fromCharCode.apply(
      null,
      bytes.subarray(i, i + 4096) as unknown as number[],
    );
  }
  return out;
}

/** Options of a {@link Lexer}. */
export interface LexerOptions {
  /**
   * Whether common tokens are read straight from the source (the default);
   * without, every token goes through the character-by-character lexer,
   * with the same result.
   */
  fastPath?: boolean;
}

/** Tokenises one source text; the current token is in the `tok*` fields. */
export class Lexer {
  /** Kind of the current token. */
  tokKind: Tok = Tok.End;
  /** 1-based line of the current token. */
  tokLine = 1;
  /** 1-based column (in bytes, tabs to multiples of 8) of the current token. */
  tokColumn = 1;

  declare private readonly src: string;
  declare private readonly srcLen: number;
  private pos = 0;
  private chr0 = 0;
  private chr1 = 0;
  private chr2 = 0;
  private line = 1;
  private column = -2;
  private emitDent = 0;
  private nestedBracketLevel = 0;
  private readonly indentLevel: number[] = [0];
  private buf: Uint8Array = new Uint8Array(64);
  private bufLen = 0;
  // Text of a name token sliced from the source (null: decode `buf`).
  private tokStr: string | null = null;
  // Arguments of the f-string being lexed (".format((a),(b),").
  private fArgs: number[] = [];
  // Characters fed back to the lexer ahead of the source (f-string arguments).
  private inject: number[] = [];
  private injectIdx = 0;
  declare private readonly debugValue: boolean;
  declare private readonly fast: boolean;
  // Position of the token fastBlank found.
  private blankLine = 0;
  private blankColumn = 0;
  // Source index of the fast path's position; while `stale`, the character
  // window (chr0…chr2, pos) has not caught up with it.
  private fastPos = 0;
  private stale = false;

  /**
   * Starts lexing `src`, the source's UTF-8 bytes as a string of char codes
   * 0–255 (see {@link sourceBytes}); `optLevel` decides `__debug__`.
   */
  constructor(src: string, optLevel: number, options: LexerOptions = {}) {
    this.src = src;
    this.srcLen = src.length;
    this.debugValue = optLevel === 0;
    this.fast = options.fastPath ?? true;
    this.nextChar();
    this.nextChar();
    this.nextChar();
    this.next();
    // A first token that is not at column 1 is an unexpected indent.
    if (this.tokColumn !== 1 && this.tokKind !== Tok.Newline) {
      this.tokKind = Tok.Indent;
    }
  }

  /** Byte length of the current token's text. */
  get tokByteLength(): number {
    return this.tokStr !== null ? this.tokStr.length : this.bufLen;
  }

  /** The current token's text (name, number text or string value). */
  tokText(): string {
    return this.tokStr ?? decodeBytes(this.buf, this.bufLen);
  }

  /** A copy of the current token's bytes. */
  tokBytes(): Uint8Array {
    const s = this.tokStr;
    if (s === null) return this.buf.slice(0, this.bufLen);
    // Text sliced from the source is ASCII.
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  private nextChar(): void {
    if (this.chr0 === C_NL) {
      this.line++;
      this.column = 1;
    } else if (this.chr0 === C_TAB) {
      this.column = Math.floor((this.column - 1 + TAB_SIZE) / TAB_SIZE) *
          TAB_SIZE + 1;
    } else {
      this.column++;
    }
    this.chr0 = this.chr1;
    this.chr1 = this.chr2;
    if (this.injectIdx !== 0) {
      this.chr2 = this.inject[this.injectIdx++];
      if (this.injectIdx >= this.inject.length) {
        this.inject = [];
        this.injectIdx = 0;
      }
    } else {
      this.chr2 = this.pos < this.srcLen
        ? this.src.charCodeAt(this.pos++)
        : EOF;
    }
  }

  private addByte(b: number): void {
    if (this.bufLen === this.buf.length) {
      const nb = new Uint8Array(this.buf.length * 2);
      nb.set(this.buf);
      this.buf = nb;
    }
    this.buf[this.bufLen++] = b;
  }

  private addChar(c: number): void {
    if (c < 0x80) {
      this.addByte(c);
    } else if (c < 0x800) {
      this.addByte(0xc0 | (c >> 6));
      this.addByte(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      this.addByte(0xe0 | (c >> 12));
      this.addByte(0x80 | ((c >> 6) & 0x3f));
      this.addByte(0x80 | (c & 0x3f));
    } else {
      this.addByte(0xf0 | (c >> 18));
      this.addByte(0x80 | ((c >> 12) & 0x3f));
      this.addByte(0x80 | ((c >> 6) & 0x3f));
      this.addByte(0x80 | (c & 0x3f));
    }
  }

  private isEnd(): boolean {
    return this.chr0 === EOF;
  }

  private isStringOrBytes(): boolean {
    const c0 = this.chr0;
    const c1 = this.chr1;
    const c2 = this.chr2;
    const q1 = c1 === C_SQ || c1 === C_DQ;
    const q2 = c2 === C_SQ || c2 === C_DQ;
    if (c0 === C_SQ || c0 === C_DQ) return true;
    // u'', b'', r'', f''
    if ((c0 === 0x72 || c0 === 0x75 || c0 === 0x62 || c0 === 0x66) && q1) {
      return true;
    }
    // rf'', fr'', rb'', br''
    if (
      ((c0 === 0x72 && c1 === 0x66) || (c0 === 0x66 && c1 === 0x72) ||
        (c0 === 0x72 && c1 === 0x62) || (c0 === 0x62 && c1 === 0x72)) && q2
    ) {
      return true;
    }
    return false;
  }

  private isHeadOfIdentifier(): boolean {
    const c = this.chr0;
    return isAlpha(c) || c === C_UNDERSCORE || c >= 0x80;
  }

  private getHex(numDigits: number): number {
    let num = 0;
    while (numDigits-- !== 0) {
      this.nextChar();
      const c = this.chr0;
      if (!isXDigit(c)) return -1;
      num = num * 16 + xdigitValue(c);
    }
    return num;
  }

  private parseStringLiteral(isRaw: boolean, isFstring: boolean): void {
    const quote = this.chr0 === C_DQ ? C_DQ : C_SQ;
    this.nextChar();
    let numQuotes = 1;
    if (this.chr0 === quote && this.chr1 === quote) {
      this.nextChar();
      this.nextChar();
      numQuotes = 3;
    }
    let nClosing = 0;
    if (isFstring && this.fArgs.length === 0) {
      // Adjacent f-strings share one format() call.
      for (const b of ".format(") this.fArgs.push(b.charCodeAt(0));
    }
    while (
      !this.isEnd() && (numQuotes > 1 || this.chr0 !== C_NL) &&
      nClosing < numQuotes
    ) {
      if (this.chr0 === quote) {
        nClosing++;
        this.addChar(this.chr0);
      } else if (this.injectIdx === 0 && this.plainRun(quote, isFstring)) {
        // A run of ordinary characters, copied straight from the source.
        nClosing = 0;
        continue;
      } else {
        nClosing = 0;
        while (isFstring && this.chr0 === C_LBRACE) {
          this.nextChar();
          if (this.chr0 === C_LBRACE) {
            // An escaped brace.
            this.addByte(C_LBRACE);
            this.nextChar();
          } else {
            // An expression: collect it as an argument of format().
            this.fArgs.push(ch("("));
            const start = this.fArgs.length;
            let nested = 0;
            while (
              !this.isEnd() &&
              (nested !== 0 ||
                !(this.chr0 === C_COLON || this.chr0 === C_RBRACE ||
                  (this.chr0 === C_BANG &&
                    (this.chr1 === 0x72 || this.chr1 === 0x73) &&
                    (this.chr2 === C_COLON || this.chr2 === C_RBRACE))))
            ) {
              const c = this.chr0;
              if (c === C_LBRACKET || c === C_LBRACE) nested++;
              else if (c === C_RBRACKET || c === C_RBRACE) nested--;
              this.fArgs.push(c & 0xff);
              this.nextChar();
            }
            if (this.fArgs[this.fArgs.length - 1] === C_EQ) {
              // f"{x=}" also prints the expression text.
              for (let i = start; i < this.fArgs.length; i++) {
                this.addByte(this.fArgs[i]);
              }
              this.fArgs.length--;
            }
            if (this.fArgs.length === start) {
              this.tokKind = Tok.MalformedFstring;
            }
            this.fArgs.push(ch(")"));
            this.fArgs.push(ch(","));
          }
          this.addByte(C_LBRACE);
        }
        if (this.chr0 === C_BSLASH) {
          this.nextChar();
          let c = this.chr0;
          if (isRaw) {
            this.addChar(C_BSLASH);
          } else {
            switch (c) {
              case C_NL:
                // Line continuation inside a string.
                c = EOF;
                break;
              case C_BSLASH:
              case C_SQ:
              case C_DQ:
                break;
              case 0x61: // a
                c = 0x07;
                break;
              case 0x62: // b
                c = 0x08;
                break;
              case 0x74: // t
                c = 0x09;
                break;
              case 0x6e: // n
                c = 0x0a;
                break;
              case 0x76: // v
                c = 0x0b;
                break;
              case 0x66: // f
                c = 0x0c;
                break;
              case 0x72: // r
                c = 0x0d;
                break;
              case 0x75: // u
              case 0x55: // U
              case 0x78: { // x
                if (c !== 0x78 && this.tokKind === Tok.Bytes) {
                  // \u is not an escape in bytes.
                  this.addChar(C_BSLASH);
                  break;
                }
                const n = this.getHex(c === 0x78 ? 2 : c === 0x75 ? 4 : 8);
                if (n < 0) this.tokKind = Tok.Invalid;
                c = n < 0 ? 0 : n;
                break;
              }
              case 0x4e: // N
                throw new LexerError("unicode name escapes", this.tokLine);
              default:
                if (c >= 0x30 && c <= 0x37) {
                  let digits = 3;
                  let num = c - 0x30;
                  while (
                    this.chr1 >= 0x30 && this.chr1 <= 0x37 && --digits !== 0
                  ) {
                    this.nextChar();
                    num = num * 8 + (this.chr0 - 0x30);
                  }
                  c = num;
                } else {
                  this.addChar(C_BSLASH);
                }
                break;
            }
          }
          if (c !== EOF) {
            if (c < 0x110000 && this.tokKind === Tok.String) {
              this.addChar(c);
            } else if (c < 0x100 && this.tokKind === Tok.Bytes) {
              this.addByte(c);
            } else {
              this.tokKind = Tok.Invalid;
            }
          }
        } else {
          this.addByte(this.chr0 & 0xff);
        }
      }
      this.nextChar();
    }
    if (nClosing < numQuotes) this.tokKind = Tok.LonelyStringOpen;
    this.bufLen -= nClosing;
  }

  /**
   * Copies the run of string characters at chr0 that need no attention
   * (not the quote, a backslash, a newline, a tab or an f-string brace) into
   * the token buffer and moves past it; false if chr0 is not such a one.
   */
  private plainRun(quote: number, isFstring: boolean): boolean {
    const src = this.src;
    const n = this.srcLen;
    const start = this.chr0Index();
    let end = start;
    while (end < n) {
      const c = src.charCodeAt(end);
      if (
        c === quote || c === C_BSLASH || c === C_NL || c === C_TAB ||
        (c === C_LBRACE && isFstring)
      ) {
        break;
      }
      end++;
    }
    if (end === start) return false;
    const len = end - start;
    if (this.bufLen + len > this.buf.length) {
      const nb = new Uint8Array(
        Math.max(this.buf.length * 2, this.bufLen + len),
      );
      nb.set(this.buf.subarray(0, this.bufLen));
      this.buf = nb;
    }
    const buf = this.buf;
    let k = this.bufLen;
    for (let i = start; i < end; i++) buf[k++] = src.charCodeAt(i);
    this.bufLen = k;
    this.advanceTo(start, end);
    return true;
  }

  private skipWhitespace(stopAtNewline: boolean): boolean {
    while (!this.isEnd()) {
      const c = this.chr0;
      if (c === C_NL) {
        if (stopAtNewline && this.nestedBracketLevel === 0) return true;
        this.nextChar();
      } else if (c === C_SPACE && this.injectIdx === 0) {
        // A run of spaces, straight from the source.
        const start = this.chr0Index();
        let end = start + 1;
        while (end < this.srcLen && this.src.charCodeAt(end) === C_SPACE) end++;
        this.advanceTo(start, end);
      } else if (isSpace(c)) {
        this.nextChar();
      } else if (c === C_HASH) {
        const start = this.chr0Index();
        const nl = start < 0 ? -1 : this.src.indexOf("\n", start);
        let tab = false;
        for (let i = start; i < nl; i++) {
          if (this.src.charCodeAt(i) === C_TAB) {
            tab = true;
            break;
          }
        }
        if (nl >= 0 && !tab) {
          // The comment runs to the next newline and has no tabs.
          this.advanceTo(start, nl);
        } else {
          this.nextChar();
          while (!this.isEnd() && this.chr0 !== C_NL) this.nextChar();
        }
      } else if (c === C_BSLASH && this.chr1 === C_NL) {
        this.nextChar();
        this.nextChar();
      } else {
        break;
      }
    }
    return false;
  }

  /** Advances to the next token. */
  next(): void {
    this.bufLen = 0;
    this.tokStr = null;
    if (
      this.injectIdx === 0 && this.emitDent === 0 && this.fast &&
      this.fastNext()
    ) {
      return;
    }
    if (this.stale) this.syncWindow();
    const hadNewline = this.skipWhitespace(true);
    this.tokLine = this.line;
    this.tokColumn = this.column;

    if (this.emitDent < 0) {
      this.tokKind = Tok.Dedent;
      this.emitDent++;
    } else if (this.emitDent > 0) {
      this.tokKind = Tok.Indent;
      this.emitDent--;
    } else if (hadNewline) {
      this.skipWhitespace(false);
      this.indent(this.column - 1);
    } else if (this.isEnd()) {
      this.tokKind = Tok.End;
    } else if (this.isStringOrBytes()) {
      this.lexStrings();
    } else if (this.isHeadOfIdentifier()) {
      this.lexName();
    } else if (
      isDigit(this.chr0) || (this.chr0 === C_DOT && isDigit(this.chr1))
    ) {
      this.lexNumber();
    } else {
      this.lexOperator();
    }
  }

  /**
   * Kind of the token after the current one where a glance at the source
   * settles it (a delimiter, a one-character operator, a name or keyword,
   * or the end of a logical line), else -1. Used to take a lone operand
   * without the chain of rules above it.
   */
  peekKind(): number {
    let i: number;
    if (this.stale) {
      i = this.fastPos;
    } else {
      if (this.emitDent !== 0) return -1;
      i = this.chr0Index();
      if (i < 0) return -1;
    }
    const src = this.src;
    let c = src.charCodeAt(i);
    while (c === C_SPACE) c = src.charCodeAt(++i);
    switch (c) {
      case 0x2c: // ,
        return T_COMMA;
      case 0x29: // )
        return T_PAREN_CLOSE;
      case 0x5d: // ]
        return T_BRACKET_CLOSE;
      case 0x7d: // }
        return T_BRACE_CLOSE;
      case 0x3b: // ;
        return T_SEMICOLON;
      case 0x3a: // : (not :=)
        return src.charCodeAt(i + 1) === C_EQ ? -1 : T_COLON;
      case 0x3d: // = (not ==)
        return src.charCodeAt(i + 1) === C_EQ ? -1 : T_EQUAL;
      case C_NL:
      case C_HASH:
        return this.nestedBracketLevel === 0 ? T_NEWLINE : -1;
      default:
        return this.peekWordOrOperator(i, c);
    }
  }

  /** {@link peekKind} for a name, keyword or operator at source index `i`. */
  private peekWordOrOperator(i: number, c: number): number {
    // Past the end (NaN) or non-ASCII.
    if (!(c < 0x80)) return -1;
    const src = this.src;
    if ((CLASS[c] & CharClass.IdentStart) !== 0) {
      let end = i + 1;
      let d = src.charCodeAt(end);
      while ((CLASS[d] & CharClass.Ident) !== 0) d = src.charCodeAt(++end);
      if (d >= 0x80 || d === C_SQ || d === C_DQ) return -1;
      if (end - i > 9) return T_NAME;
      const kw = KEYWORDS.get(src.slice(i, end));
      return kw === undefined ? T_NAME : kw === T_KW_DEBUG ? -1 : kw;
    }
    const kind = OP_ALONE[c];
    if (kind >= 0 && OP_LONGER[c] !== 0) {
      // Possibly a longer operator, or a float.
      const c1 = src.charCodeAt(i + 1);
      if (
        c1 === C_EQ || c1 === c || c1 === C_GT ||
        (CLASS[c1] & CharClass.Digit) !== 0
      ) {
        return -1;
      }
    }
    return kind;
  }

  /**
   * The common tokens, read straight from the source: names, plain decimal
   * integers, short strings without escapes, operators and newlines with
   * their indentation, after spaces and comments. Anything else (tabs,
   * continuation lines, string prefixes and escapes, non-ASCII text, floats,
   * the end of the input…) returns false having changed nothing, and the
   * character-by-character lexer below takes it; both give the same tokens.
   * It keeps its position in {@link fastPos} and leaves the character
   * window stale until that lexer needs it.
   */
  private fastNext(): boolean {
    let start: number;
    if (this.stale) start = this.fastPos;
    else if (this.chr0 === EOF) return false;
    else start = this.chr0Index();
    if (start >= this.srcLen) return false;
    const src = this.src;
    let i = start;
    let c = src.charCodeAt(i);
    while (c === C_SPACE) c = src.charCodeAt(++i);
    let line = this.line;
    let col: number;
    if (c === C_NL || c === C_HASH) {
      i = this.fastBlank(start, i);
      if (i < 0) return i === BLANK_NEWLINE;
      line = this.blankLine;
      col = this.blankColumn;
      c = src.charCodeAt(i);
    } else {
      col = this.column + (i - start);
    }
    // The token at i.
    if (c >= 0x80) return false;
    const cls = CLASS[c];
    let end = i + 1;
    let kind: number;
    if ((cls & CharClass.IdentStart) !== 0) {
      let d = src.charCodeAt(end);
      while ((CLASS[d] & CharClass.Ident) !== 0) d = src.charCodeAt(++end);
      // Non-ASCII names, and string prefixes (`b'`, `rf"`…).
      if (d >= 0x80 || d === C_SQ || d === C_DQ) return false;
      const text = src.slice(i, end);
      kind = T_NAME;
      if (end - i <= 9) {
        const kw = KEYWORDS.get(text);
        if (kw !== undefined) {
          if (kw === T_KW_DEBUG) return false;
          kind = kw;
        }
      }
      this.tokStr = text;
    } else if ((cls & CharClass.Digit) !== 0) {
      let d = src.charCodeAt(end);
      while ((CLASS[d] & CharClass.Digit) !== 0) d = src.charCodeAt(++end);
      // Floats, other bases, underscores and suffixes: the careful lexer.
      if ((CLASS[d] & CharClass.Ident) !== 0 || d === C_DOT) return false;
      kind = T_INTEGER;
      this.tokStr = src.slice(i, end);
    } else if (c === C_SQ || c === C_DQ) {
      let d = src.charCodeAt(end);
      // An empty string, or triple quotes.
      if (((d ^ c) | (src.charCodeAt(end + 1) ^ c)) === 0) return false;
      while (d !== c) {
        if (d >= 0x80 || (CLASS[d] & CharClass.StringStop) !== 0) return false;
        d = src.charCodeAt(++end);
      }
      end++;
      if (this.stringMayFollow(end)) return false;
      kind = T_STRING;
      this.tokStr = src.slice(i + 1, end - 1);
    } else {
      kind = this.fastOperator(i);
      if (kind < 0) return false;
    }
    this.tokKind = kind;
    this.tokLine = line;
    this.tokColumn = col;
    this.line = line;
    this.column = col + (end - i);
    this.fastPos = end;
    this.stale = true;
    return true;
  }

  /**
   * Past comments and newlines from source index `i` (a newline or `#`
   * after the spaces from `start`): makes the Newline token at bracket
   * level 0 (BLANK_NEWLINE), else returns the index of the token on a later
   * line, its position in {@link blankLine} and {@link blankColumn}; or
   * BLANK_GIVE_UP. (Big enough not to be inlined into fastNext, whose
   * optimised code it would double.)
   */
  private fastBlank(start: number, i: number): number {
    const src = this.src;
    let line = this.line;
    let lineStart = -1; // start of the current line once a newline is passed
    let c = src.charCodeAt(i);
    for (;;) {
      if (c === C_SPACE) {
        c = src.charCodeAt(++i);
      } else if (c === C_HASH) {
        const nl = src.indexOf("\n", i);
        if (nl < 0) return BLANK_GIVE_UP;
        if (lineStart < 0 && this.nestedBracketLevel === 0) {
          // The comment's width sets the column of the Newline token.
          for (let k = i; k < nl; k++) {
            if (src.charCodeAt(k) === C_TAB) return BLANK_GIVE_UP;
          }
        }
        i = nl;
        c = C_NL;
      } else if (c === C_NL) {
        if (this.nestedBracketLevel === 0) break;
        line++;
        lineStart = i + 1;
        c = src.charCodeAt(++i);
      } else {
        break;
      }
    }
    const n = this.srcLen;
    if (c !== C_NL || this.nestedBracketLevel !== 0) {
      // A token on a later line, inside brackets.
      if (i >= n) return BLANK_GIVE_UP;
      this.blankLine = line;
      this.blankColumn = i - lineStart + 1;
      return i;
    }
    // A newline at bracket level 0 ends the logical line: the Newline token,
    // then past blank lines and comments to the next line's first character,
    // whose column decides the indentation.
    const nlLine = line;
    const nlColumn = lineStart < 0
      ? this.column + (i - start)
      : i - lineStart + 1;
    let j = i;
    for (;;) {
      if (j >= n) break;
      const d = src.charCodeAt(j);
      if (d === C_NL) {
        line++;
        lineStart = ++j;
      } else if (d === C_SPACE) {
        j++;
      } else if (d === C_HASH) {
        j = src.indexOf("\n", j);
        if (j < 0) return BLANK_GIVE_UP;
      } else if (d === C_BSLASH || isSpace(d)) {
        return BLANK_GIVE_UP;
      } else {
        break;
      }
    }
    this.tokLine = nlLine;
    this.tokColumn = nlColumn;
    this.line = line;
    this.column = j - lineStart + 1;
    this.fastPos = j;
    this.stale = true;
    this.indent(j - lineStart);
    return BLANK_NEWLINE;
  }

  /** Moves the character window to {@link fastPos}. */
  private syncWindow(): void {
    const src = this.src;
    const n = this.srcLen;
    const i = this.fastPos;
    this.chr0 = i < n ? src.charCodeAt(i) : EOF;
    this.chr1 = i + 1 < n ? src.charCodeAt(i + 1) : EOF;
    this.chr2 = i + 2 < n ? src.charCodeAt(i + 2) : EOF;
    this.pos = Math.min(i + 3, n);
    this.stale = false;
  }

  /**
   * Whether another string literal may follow a string that ends at `i`
   * (so that the two are joined): conservatively, a quote or a prefix
   * letter after spaces, or anything that needs the careful lexer.
   */
  private stringMayFollow(i: number): boolean {
    const src = this.src;
    let c = src.charCodeAt(i);
    while (c === C_SPACE) c = src.charCodeAt(++i);
    if (c === C_NL) return this.nestedBracketLevel !== 0;
    return c >= 0x80 || (CLASS[c] & CharClass.MayStartString) !== 0;
  }

  /** The Newline token of a line indented by `numSpaces` columns. */
  private indent(numSpaces: number): void {
    this.tokKind = Tok.Newline;
    const levels = this.indentLevel;
    const top = levels[levels.length - 1];
    if (numSpaces === top) {
      // Same level.
    } else if (numSpaces > top) {
      levels.push(numSpaces);
      this.emitDent++;
    } else {
      while (numSpaces < levels[levels.length - 1]) {
        levels.pop();
        this.emitDent--;
      }
      if (numSpaces !== levels[levels.length - 1]) {
        this.tokKind = Tok.DedentMismatch;
      }
    }
  }

  /**
   * The one-character operator or delimiter at source index `i`, or -1:
   * longer operators (`==`, `**=`, `->`, `...`…), rarer, are left to the
   * careful lexer.
   */
  private fastOperator(i: number): number {
    const src = this.src;
    const c = src.charCodeAt(i);
    const kind = OP_ALONE[c];
    if (kind < 0) return -1;
    if (OP_LONGER[c] !== 0) {
      const c1 = src.charCodeAt(i + 1);
      if (
        c1 === C_EQ || c1 === c || c1 === C_GT ||
        (CLASS[c1] & CharClass.Digit) !== 0
      ) {
        return -1;
      }
    }
    this.nestedBracketLevel += OP_NESTING[c];
    return kind;
  }

  private lexStrings(): void {
    this.tokKind = Tok.End;
    for (;;) {
      let isRaw = false;
      let isFstring = false;
      let kind = Tok.String;
      let nChar = 0;
      const c0 = this.chr0;
      if (c0 === 0x75) { // u
        nChar = 1;
      } else if (c0 === 0x62) { // b
        kind = Tok.Bytes;
        nChar = 1;
        if (this.chr1 === 0x72) {
          isRaw = true;
          nChar = 2;
        }
      } else if (c0 === 0x72) { // r
        isRaw = true;
        nChar = 1;
        if (this.chr1 === 0x62) {
          kind = Tok.Bytes;
          nChar = 2;
        } else if (this.chr1 === 0x66) {
          isFstring = true;
          nChar = 2;
        }
      } else if (c0 === 0x66) { // f
        isFstring = true;
        nChar = 1;
        if (this.chr1 === 0x72) {
          isRaw = true;
          nChar = 2;
        }
      }
      if (this.tokKind === Tok.End) {
        this.tokKind = kind;
      } else if (this.tokKind !== kind) {
        // str and bytes do not concatenate.
        break;
      }
      if (nChar !== 0) {
        this.nextChar();
        if (nChar === 2) this.nextChar();
      }
      this.parseStringLiteral(isRaw, isFstring);
      if (this.skipWhitespace(true)) break;
      if (!this.isStringOrBytes()) break;
    }
    if (this.fArgs.length !== 0) {
      // Feed ".format(args)" to the lexer, ahead of the rest of the source.
      this.fArgs.push(ch(")"));
      if (this.injectIdx === 0) {
        this.inject.push(this.chr0, this.chr1, this.chr2);
      } else {
        this.injectIdx -= 3;
      }
      this.inject.splice(this.injectIdx, 0, ...this.fArgs);
      this.fArgs = [];
      this.chr0 = this.inject[this.injectIdx++];
      this.chr1 = this.inject[this.injectIdx++];
      this.chr2 = this.inject[this.injectIdx++];
      if (this.injectIdx >= this.inject.length) {
        this.inject = [];
        this.injectIdx = 0;
      }
    }
  }

  /** Source index of chr0 when it comes from the source, else -1. */
  private chr0Index(): number {
    if (this.injectIdx !== 0) return -1;
    let i = this.pos - 3;
    if (this.chr2 === EOF) i++;
    if (this.chr1 === EOF) i++;
    return i;
  }

  /** Moves to source index `end`, skipping chars without newlines or tabs. */
  private advanceTo(start: number, end: number): void {
    const src = this.src;
    const n = this.srcLen;
    this.column += end - start;
    this.chr0 = end < n ? src.charCodeAt(end) : EOF;
    this.chr1 = end + 1 < n ? src.charCodeAt(end + 1) : EOF;
    this.chr2 = end + 2 < n ? src.charCodeAt(end + 2) : EOF;
    this.pos = Math.min(end + 3, n);
  }

  private lexName(): void {
    this.tokKind = Tok.Name;
    let len = 0;
    const start = this.chr0Index();
    if (start >= 0) {
      // Straight from the source: scan and slice.
      const src = this.src;
      const n = this.srcLen;
      let ascii = true;
      let end = start;
      while (end < n) {
        const c = src.charCodeAt(end);
        if (c < 0x80) {
          if (
            (CLASS[c] & (CharClass.Alpha | CharClass.Digit)) === 0 &&
            c !== C_UNDERSCORE
          ) {
            break;
          }
        } else {
          ascii = false;
        }
        end++;
      }
      len = end - start;
      if (ascii) {
        this.tokStr = src.slice(start, end);
      } else {
        for (let i = start; i < end; i++) this.addByte(src.charCodeAt(i));
      }
      this.advanceTo(start, end);
    } else {
      do {
        this.addByte(this.chr0);
        len++;
        this.nextChar();
      } while (
        isAlpha(this.chr0) || this.chr0 === C_UNDERSCORE || this.chr0 >= 0x80 ||
        isDigit(this.chr0)
      );
    }
    if (len <= 9) {
      const kw = KEYWORDS.get(this.tokText());
      if (kw !== undefined) {
        this.tokKind = kw === Tok.KwDebug
          ? (this.debugValue ? Tok.KwTrue : Tok.KwFalse)
          : kw;
      }
    }
  }

  private lexNumber(): void {
    let forcedInteger = false;
    if (this.chr0 === C_DOT) {
      this.tokKind = Tok.FloatOrImag;
    } else {
      this.tokKind = Tok.Integer;
      const b = this.chr1 | 0x20;
      if (this.chr0 === 0x30 && (b === 0x62 || b === 0x6f || b === 0x78)) {
        forcedInteger = true;
      }
    }
    this.addChar(this.chr0);
    this.nextChar();
    while (!this.isEnd()) {
      const c = this.chr0;
      if (!forcedInteger && (c === 0x65 || c === 0x45)) {
        this.tokKind = Tok.FloatOrImag;
        this.addChar(0x65);
        this.nextChar();
        if (this.chr0 === 0x2b || this.chr0 === 0x2d) {
          this.addChar(this.chr0);
          this.nextChar();
        }
      } else if (isAlpha(c) || isDigit(c) || c === C_DOT) {
        if (c === C_DOT || c === 0x6a || c === 0x4a) {
          this.tokKind = Tok.FloatOrImag;
        }
        this.addChar(c);
        this.nextChar();
      } else if (c === C_UNDERSCORE) {
        this.nextChar();
      } else {
        break;
      }
    }
  }

  /**
   * An operator or delimiter: one character, optionally followed by `=`
   * or doubled (`**`, `//`, `<<`, `>>`, then optionally `=`), `->`, `:=`,
   * `!=` and `...` (MicroPython's encoded table, spelled out).
   */
  private lexOperator(): void {
    const c = this.chr0;
    this.nextChar();
    let kind: Tok;
    switch (c) {
      case 0x28: // (
        this.nestedBracketLevel++;
        kind = Tok.DelParenOpen;
        break;
      case 0x29: // )
        this.nestedBracketLevel--;
        kind = Tok.DelParenClose;
        break;
      case 0x5b: // [
        this.nestedBracketLevel++;
        kind = Tok.DelBracketOpen;
        break;
      case 0x5d: // ]
        this.nestedBracketLevel--;
        kind = Tok.DelBracketClose;
        break;
      case 0x7b: // {
        this.nestedBracketLevel++;
        kind = Tok.DelBraceOpen;
        break;
      case 0x7d: // }
        this.nestedBracketLevel--;
        kind = Tok.DelBraceClose;
        break;
      case 0x2c: // ,
        kind = Tok.DelComma;
        break;
      case 0x3b: // ;
        kind = Tok.DelSemicolon;
        break;
      case 0x7e: // ~
        kind = Tok.OpTilde;
        break;
      case 0x3a: // :
        kind = this.withEqual(Tok.DelColon, Tok.OpAssign);
        break;
      case 0x3c: // <
        kind = this.doubled(
          c,
          Tok.OpLess,
          Tok.OpLessEqual,
          Tok.OpDblLess,
          Tok.DelDblLessEqual,
        );
        break;
      case 0x3e: // >
        kind = this.doubled(
          c,
          Tok.OpMore,
          Tok.OpMoreEqual,
          Tok.OpDblMore,
          Tok.DelDblMoreEqual,
        );
        break;
      case 0x2a: // *
        kind = this.doubled(
          c,
          Tok.OpStar,
          Tok.DelStarEqual,
          Tok.OpDblStar,
          Tok.DelDblStarEqual,
        );
        break;
      case 0x2f: // /
        kind = this.doubled(
          c,
          Tok.OpSlash,
          Tok.DelSlashEqual,
          Tok.OpDblSlash,
          Tok.DelDblSlashEqual,
        );
        break;
      case 0x2b: // +
        kind = this.withEqual(Tok.OpPlus, Tok.DelPlusEqual);
        break;
      case 0x2d: // -
        if (this.chr0 === 0x3e) {
          this.nextChar();
          kind = Tok.DelMinusMore;
        } else {
          kind = this.withEqual(Tok.OpMinus, Tok.DelMinusEqual);
        }
        break;
      case 0x26: // &
        kind = this.withEqual(Tok.OpAmpersand, Tok.DelAmpersandEqual);
        break;
      case 0x7c: // |
        kind = this.withEqual(Tok.OpPipe, Tok.DelPipeEqual);
        break;
      case 0x25: // %
        kind = this.withEqual(Tok.OpPercent, Tok.DelPercentEqual);
        break;
      case 0x5e: // ^
        kind = this.withEqual(Tok.OpCaret, Tok.DelCaretEqual);
        break;
      case 0x40: // @
        kind = this.withEqual(Tok.OpAt, Tok.DelAtEqual);
        break;
      case 0x3d: // =
        kind = this.withEqual(Tok.DelEqual, Tok.OpDblEqual);
        break;
      case 0x21: // !
        kind = this.withEqual(Tok.Invalid, Tok.OpNotEqual);
        break;
      case 0x2e: // .
        if (this.chr0 === C_DOT && this.chr1 === C_DOT) {
          this.nextChar();
          this.nextChar();
          kind = Tok.Ellipsis;
        } else {
          kind = Tok.DelPeriod;
        }
        break;
      default:
        kind = Tok.Invalid;
        break;
    }
    this.tokKind = kind;
  }

  /** `plain`, or `withEq` when an `=` follows (and is consumed). */
  private withEqual(plain: Tok, withEq: Tok): Tok {
    if (this.chr0 !== C_EQ) return plain;
    this.nextChar();
    return withEq;
  }

  /** `c`, `c=`, `cc` or `cc=` for the operator character `c`. */
  private doubled(
    c: number,
    single: Tok,
    singleEq: Tok,
    double: Tok,
    doubleEq: Tok,
  ): Tok {
    if (this.chr0 === C_EQ) {
      this.nextChar();
      return singleEq;
    }
    if (this.chr0 !== c) return single;
    this.nextChar();
    return this.withEqual(double, doubleEq);
  }
}

// Fields that a lexer writes late (its buffers when they grow, the f-string
// state…) are marked as written after construction before any code is
// optimised: met later, that deoptimises every function that read them.
function settleLexerShape(): void {
  const lex = new Lexer("", 0);
  lex["buf"] = new Uint8Array(64);
  lex["inject"] = [];
  lex["fArgs"] = [];
  lex["injectIdx"] = 0;
  lex["emitDent"] = 0;
  lex["nestedBracketLevel"] = 0;
  lex["pos"] = 0;
  lex["line"] = 1;
  lex["column"] = 1;
  lex["fastPos"] = 0;
  lex["stale"] = false;
  lex["tokStr"] = "";
}
settleLexerShape();

/** An error the lexer raises itself (not through the parser's syntax error). */
export class LexerError extends Error {
  /** Line of the token being lexed. */
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = "LexerError";
    this.line = line;
  }
}
