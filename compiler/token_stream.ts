/**
 * The tokens of a whole source, lexed ahead of parsing: the lexer runs in
 * one loop over the input and the parser then reads plain arrays, so that
 * the lexer's code stays out of the parser's hot functions.
 *
 * @module
 */

import type { Lexer } from "./lexer.ts";
import { Tok } from "./tokens.ts";

/** What the parsers read: the current token, and a way to the next. */
export interface TokenSource {
  /** Kind of the current token. */
  readonly tokKind: number;
  /** 1-based line of the current token. */
  readonly tokLine: number;
  /** 1-based column of the current token. */
  readonly tokColumn: number;
  /** Byte length of the current token's text. */
  readonly tokByteLength: number;
  /** The current token's text (name, number text or string value). */
  tokText(): string;
  /** The current token's bytes (a bytes literal's value). */
  tokBytes(): Uint8Array;
  /** Advances to the next token. */
  next(): void;
}

const T_END = Tok.End as number;
const T_NAME = Tok.Name as number;
const T_BYTES = Tok.Bytes as number;

/** Every token of a source, read from a lexer up to the end token. */
export class TokenStream implements TokenSource {
  tokKind = T_END;
  tokLine = 1;
  tokColumn = 1;
  // Kind, line, column and text byte length of each token, four a token.
  private readonly data: number[] = [];
  // Text of names, numbers and strings ("" for other tokens).
  private readonly texts: string[] = [];
  // The values of bytes literals, by token index.
  private readonly bytes = new Map<number, Uint8Array>();
  private i = 0;

  /**
   * Reads every token of `lex` (which may throw, as lexing does) and
   * positions the stream at the first.
   */
  constructor(lex: Lexer) {
    const data = this.data;
    const texts = this.texts;
    for (;;) {
      const kind = lex.tokKind;
      if (kind >= T_NAME && kind < T_BYTES) {
        data.push(kind, lex.tokLine, lex.tokColumn, lex.tokByteLength);
        texts.push(lex.tokText());
      } else {
        data.push(kind, lex.tokLine, lex.tokColumn, 0);
        if (kind === T_BYTES) this.bytes.set(texts.length, lex.tokBytes());
        texts.push("");
      }
      if (kind === T_END) break;
      lex.next();
    }
    this.tokKind = data[0];
    this.tokLine = data[1];
    this.tokColumn = data[2];
  }

  get tokByteLength(): number {
    return this.data[this.i * 4 + 3];
  }

  tokText(): string {
    return this.texts[this.i];
  }

  tokBytes(): Uint8Array {
    return this.bytes.get(this.i) ?? new Uint8Array(0);
  }

  /** Kind of the token after the current one (End at the end). */
  peekKind(): number {
    const k = this.i * 4 + 4;
    return k < this.data.length ? this.data[k] : T_END;
  }

  next(): void {
    // The end token repeats once reached.
    const k = this.i * 4 + 4;
    if (k < this.data.length) {
      this.i++;
      const data = this.data;
      this.tokKind = data[k];
      this.tokLine = data[k + 1];
      this.tokColumn = data[k + 2];
    }
  }
}
