/**
 * The error the compiler raises for source it rejects. The VM turns it into
 * a Python `SyntaxError` (or `IndentationError`); `upy compile` prints it as
 * mpy-cross does.
 *
 * @module
 */

/** Which Python exception a compile error becomes. */
export type CompileErrorKind = "SyntaxError" | "IndentationError";

/** Source the compiler cannot accept, with its position. */
export class CompileError extends Error {
  /** The Python exception type this error becomes. */
  readonly kind: CompileErrorKind;
  /** The source name given to the compiler. */
  readonly file: string;
  /** 1-based line of the offending token. */
  readonly line: number;
  /** 1-based column of the offending token. */
  readonly column: number;
  /**
   * Name of the code block being compiled (`<module>`, a function name…)
   * for errors found after parsing; undefined for lexer and parser errors.
   */
  readonly block: string | undefined;

  constructor(
    kind: CompileErrorKind,
    message: string,
    position: { file: string; line: number; column: number; block?: string },
  ) {
    super(message);
    this.name = "CompileError";
    this.kind = kind;
    this.file = position.file;
    this.line = position.line;
    this.column = position.column;
    this.block = position.block;
  }
}

/**
 * The error as mpy-cross prints it: a one-entry traceback naming the file,
 * the line and (for errors found by the compiler proper) the code block,
 * then `SyntaxError: message`.
 */
export function formatCompileError(err: CompileError): string {
  const where = err.block === undefined ? "" : `, in ${err.block}`;
  return `Traceback (most recent call last):\n` +
    `  File "${err.file}", line ${err.line}${where}\n` +
    `${err.kind}: ${err.message}\n`;
}
