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
}

const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) {
  let k = 0;
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) k |= CharClass.Space;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
    k |= CharClass.Alpha;
  }
  if (c >= 0x30 && c <= 0x39) k |= CharClass.Digit | CharClass.XDigit;
  if ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)) {
    k |= CharClass.XDigit;
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

// Operator table in the shape of MicroPython's: each start character, then
// for `e` one optional following character, for `c` a chained alternative.
const TOK_ENC =
  "()[]{},;~:e=<e=c<e=>e=c>e=*e=c*e=+e=-e=e>&e=|e=/e=c/e=%e=^e=@e==e=!.";
const TOK_ENC_KIND: readonly Tok[] = [
  Tok.DelParenOpen,
  Tok.DelParenClose,
  Tok.DelBracketOpen,
  Tok.DelBracketClose,
  Tok.DelBraceOpen,
  Tok.DelBraceClose,
  Tok.DelComma,
  Tok.DelSemicolon,
  Tok.OpTilde,
  Tok.DelColon,
  Tok.OpAssign,
  Tok.OpLess,
  Tok.OpLessEqual,
  Tok.OpDblLess,
  Tok.DelDblLessEqual,
  Tok.OpMore,
  Tok.OpMoreEqual,
  Tok.OpDblMore,
  Tok.DelDblMoreEqual,
  Tok.OpStar,
  Tok.DelStarEqual,
  Tok.OpDblStar,
  Tok.DelDblStarEqual,
  Tok.OpPlus,
  Tok.DelPlusEqual,
  Tok.OpMinus,
  Tok.DelMinusEqual,
  Tok.DelMinusMore,
  Tok.OpAmpersand,
  Tok.DelAmpersandEqual,
  Tok.OpPipe,
  Tok.DelPipeEqual,
  Tok.OpSlash,
  Tok.DelSlashEqual,
  Tok.OpDblSlash,
  Tok.DelDblSlashEqual,
  Tok.OpPercent,
  Tok.DelPercentEqual,
  Tok.OpCaret,
  Tok.DelCaretEqual,
  Tok.OpAt,
  Tok.DelAtEqual,
  Tok.DelEqual,
  Tok.OpDblEqual,
];
const TOK_ENC_CODES: readonly number[] = Array.from(
  TOK_ENC,
  (ch) => ch.charCodeAt(0),
);

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
  let text = source;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) {
    const bytes = new TextEncoder().encode(text);
    let out = "";
    for (let i = 0; i < bytes.length; i += 4096) {
      out += String.fromCharCode.apply(
        null,
        bytes.subarray(i, i + 4096) as unknown as number[],
      );
    }
    text = out;
  }
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (text.length > 0 && text.charCodeAt(text.length - 1) !== C_NL) {
    text += "\n";
  }
  return text;
}

/** Tokenises one source text; the current token is in the `tok*` fields. */
export class Lexer {
  /** Kind of the current token. */
  tokKind: Tok = Tok.End;
  /** 1-based line of the current token. */
  tokLine = 1;
  /** 1-based column (in bytes, tabs to multiples of 8) of the current token. */
  tokColumn = 1;

  private readonly src: string;
  private readonly srcLen: number;
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
  private readonly debugValue: boolean;

  /**
   * Starts lexing `src`, the source's UTF-8 bytes as a string of char codes
   * 0–255 (see {@link sourceBytes}); `optLevel` decides `__debug__`.
   */
  constructor(src: string, optLevel: number) {
    this.src = src;
    this.srcLen = src.length;
    this.debugValue = optLevel === 0;
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
    return this.buf.slice(0, this.bufLen);
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
      this.tokKind = Tok.Newline;
      const numSpaces = this.column - 1;
      const top = this.indentLevel[this.indentLevel.length - 1];
      if (numSpaces === top) {
        // Same level.
      } else if (numSpaces > top) {
        this.indentLevel.push(numSpaces);
        this.emitDent++;
      } else {
        while (numSpaces < this.indentLevel[this.indentLevel.length - 1]) {
          this.indentLevel.pop();
          this.emitDent--;
        }
        if (numSpaces !== this.indentLevel[this.indentLevel.length - 1]) {
          this.tokKind = Tok.DedentMismatch;
        }
      }
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

  private lexOperator(): void {
    const enc = TOK_ENC_CODES;
    let t = 0;
    let index = 0;
    while (t < enc.length && this.chr0 !== enc[t]) {
      if (enc[t] === 0x65 || enc[t] === 0x63) t++; // skip e/c and its char
      index++;
      t++;
    }
    this.nextChar();
    if (t >= enc.length) {
      this.tokKind = Tok.Invalid;
    } else if (enc[t] === C_BANG) {
      if (this.chr0 === C_EQ) {
        this.nextChar();
        this.tokKind = Tok.OpNotEqual;
      } else {
        this.tokKind = Tok.Invalid;
      }
    } else if (enc[t] === C_DOT) {
      if (this.chr0 === C_DOT && this.chr1 === C_DOT) {
        this.nextChar();
        this.nextChar();
        this.tokKind = Tok.Ellipsis;
      } else {
        this.tokKind = Tok.DelPeriod;
      }
    } else {
      t++;
      let tIndex = index;
      while (enc[t] === 0x63 || enc[t] === 0x65) { // c or e
        tIndex++;
        if (this.chr0 === enc[t + 1]) {
          this.nextChar();
          index = tIndex;
          if (enc[t] === 0x65) break;
        } else if (enc[t] === 0x63) {
          break;
        }
        t += 2;
      }
      const kind = TOK_ENC_KIND[index];
      this.tokKind = kind;
      if (
        kind === Tok.DelParenOpen || kind === Tok.DelBracketOpen ||
        kind === Tok.DelBraceOpen
      ) {
        this.nestedBracketLevel++;
      } else if (
        kind === Tok.DelParenClose || kind === Tok.DelBracketClose ||
        kind === Tok.DelBraceClose
      ) {
        this.nestedBracketLevel--;
      }
    }
  }
}

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
