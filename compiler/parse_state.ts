/**
 * The parser's state and its reductions (`py/parse.c`): the result stack,
 * leaves made from tokens, and what happens when a grammar rule completes,
 * with MicroPython's parse-time rewrites: numeric constant folding,
 * `and`/`or`/`not` folding, `NAME = const(expr)` substitution (and deletion
 * of `_NAME` assignments), `math.pi`-style module constants, constant tuples
 * and removal of lonely constant statements such as docstrings.
 *
 * Both parsers build on it: the recursive-descent one (`parser.ts`) and the
 * grammar-table one (`parser_table.ts`); whatever the order in which they
 * find the rules, the same reductions in the same order give the same tree.
 *
 * @module
 */

import { Rule } from "./grammar.ts";
import { type Lexer, LexerError } from "./lexer.ts";
import { Tok } from "./tokens.ts";
import {
  constNode,
  idNode,
  isId,
  isStruct,
  NodeKind,
  type PN,
  PNode,
  smallIntNode,
  strNode,
  structNode,
  tokenNode,
} from "./parse_node.ts";
import {
  ConstFolder,
  isTrue,
  MATH_NAN,
  ObjKind,
  PY_ELLIPSIS,
  PY_EMPTY_TUPLE,
  PY_FALSE,
  PY_NONE,
  PY_TRUE,
  pyFloat,
  pyInt,
  type PyObj,
  pyStr,
} from "./py_obj.ts";
import { BinaryOp, UnaryOp } from "./opcodes.ts";
import { parseFloatLiteral } from "./float_format.ts";
import { BUILTIN_LONG_QSTRS } from "./qstr_pool.ts";

/** Which start symbol to parse. */
export const enum InputKind {
  Single,
  File,
  Eval,
}

/** Options of {@link parse}. */
export interface ParseOptions {
  /** Source name (a qstr before the file is read). */
  sourceName: string;
  /** Optimisation level: decides `__debug__`. */
  optLevel: number;
  /** Small-int width of the target. */
  smallIntBits: number;
}

/** A syntax error found while parsing; the driver turns it into a CompileError. */
export class ParseError extends Error {
  /** `SyntaxError` or `IndentationError`. */
  readonly kind: "SyntaxError" | "IndentationError";
  /** Line of the offending token. */
  readonly line: number;
  /** Column of the offending token. */
  readonly column: number;
  constructor(
    kind: "SyntaxError" | "IndentationError",
    message: string,
    line: number,
    column: number,
  ) {
    super(message);
    this.name = "ParseError";
    this.kind = kind;
    this.line = line;
    this.column = column;
  }
}

/** The parse tree of a whole input. */
export interface ParseTree {
  /** The root node (null for an empty file). */
  root: PN;
}

// Float attributes of the math module, folded wherever `math.NAME` occurs.
const MATH_CONSTANTS: ReadonlyMap<string, PyObj> = new Map([
  ["e", pyFloat(Math.E)],
  ["pi", pyFloat(Math.PI)],
  ["tau", pyFloat(2 * Math.PI)],
  ["inf", pyFloat(Infinity)],
  ["nan", MATH_NAN],
]);

const INTERN_MAX_LEN = 10;

/**
 * An integer literal's value, or an error message. A leading zero must be
 * followed by zeros only (nor by digits, as in `09`).
 */
function parseIntLiteral(text: string): bigint | string {
  let base = 10;
  let i = 0;
  if (text.length > 1 && text.charCodeAt(0) === 0x30) {
    const c = text.charCodeAt(1) | 0x20;
    if (c === 0x78) base = 16;
    else if (c === 0x6f) base = 8;
    else if (c === 0x62) base = 2;
    else base = 1;
    if (base !== 1) i = 2;
  }
  const start = i;
  for (; i < text.length; i++) {
    let dig = text.charCodeAt(i);
    if (dig >= 0x30 && dig <= 0x39) dig -= 0x30;
    else if (dig === 0x5f) continue;
    else {
      dig |= 0x20;
      if (dig >= 0x61 && dig <= 0x7a) dig -= 0x61 - 10;
      else break;
    }
    if (dig >= base) break;
  }
  if (i === start || i !== text.length) {
    return `invalid syntax for integer with base ${base === 1 ? 0 : base}: '${
      text.slice(start)
    }'`;
  }
  const digits = text.slice(start).replaceAll("_", "");
  switch (base) {
    case 16:
      return BigInt("0x" + digits);
    case 8:
      return BigInt("0o" + digits);
    case 2:
      return BigInt("0b" + digits);
    default:
      return BigInt(digits);
  }
}

/** How a rule's reduction is special (0: it just builds a node). */
const enum Reduce {
  Plain,
  AtomParen,
  TestlistComp,
  TestlistComp3c,
  Logical,
  Foldable,
  ExprStmt,
  Tuple,
}

const REDUCE_KIND = new Uint8Array(Rule.Count + 1);
REDUCE_KIND[Rule.AtomParen] = Reduce.AtomParen;
REDUCE_KIND[Rule.TestlistComp] = Reduce.TestlistComp;
REDUCE_KIND[Rule.TestlistComp3c] = Reduce.TestlistComp3c;
for (const r of [Rule.OrTest, Rule.AndTest, Rule.NotTest2]) {
  REDUCE_KIND[r] = Reduce.Logical;
}
for (
  const r of [
    Rule.Expr,
    Rule.XorExpr,
    Rule.AndExpr,
    Rule.Power,
    Rule.ShiftExpr,
    Rule.ArithExpr,
    Rule.Term,
    Rule.Factor2,
    Rule.AtomExprNormal,
  ]
) {
  REDUCE_KIND[r] = Reduce.Foldable;
}
REDUCE_KIND[Rule.ExprStmt] = Reduce.ExprStmt;
for (const r of [Rule.TestlistStarExpr, Rule.Testlist, Rule.Subscriptlist]) {
  REDUCE_KIND[r] = Reduce.Tuple;
}

const MAX_CONST_TUPLE_DEPTH = 100;
const TUPLE_DEPTH = new WeakMap<PyObj, number>();

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** `a op b` on safe integers when the result is an exact safe integer. */
function smallBinary(op: number, a: number, b: number): number | null {
  switch (op) {
    case BinaryOp.Or:
    case BinaryOp.Xor:
    case BinaryOp.And:
      if (a < INT32_MIN || a > INT32_MAX || b < INT32_MIN || b > INT32_MAX) {
        return null;
      }
      return op === BinaryOp.Or ? a | b : op === BinaryOp.Xor ? a ^ b : a & b;
    case BinaryOp.Add:
    case BinaryOp.Subtract:
    case BinaryOp.Multiply: {
      const r = op === BinaryOp.Add
        ? a + b
        : op === BinaryOp.Subtract
        ? a - b
        : a * b;
      return Number.isSafeInteger(r) ? r + 0 : null;
    }
    case BinaryOp.FloorDivide:
    case BinaryOp.Modulo: {
      if (b === 0) return null;
      let r = a % b;
      if (r !== 0 && (r < 0) !== (b < 0)) r += b;
      return op === BinaryOp.Modulo ? r + 0 : (a - r) / b + 0;
    }
    case BinaryOp.Lshift: {
      if (b < 0 || b > 52) return null;
      const r = a * 2 ** b;
      return Number.isSafeInteger(r) ? r + 0 : null;
    }
    case BinaryOp.Rshift:
      if (b < 0) return null;
      return b > 52 ? (a < 0 ? -1 : 0) : Math.floor(a / 2 ** b) + 0;
    case BinaryOp.Power: {
      if (b < 0 || b > 64) return null;
      let r = 1;
      for (let i = 0; i < b; i++) {
        r *= a;
        if (!Number.isSafeInteger(r)) return null;
      }
      return r + 0;
    }
    default:
      return null;
  }
}

/** The value of a short plain decimal literal, or -1. */
function smallDecimal(text: string): number {
  const n = text.length;
  if (n === 0 || n > 9 || (n > 1 && text.charCodeAt(0) === 0x30)) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

const BUILTIN_POOL: ReadonlySet<string> = new Set(BUILTIN_LONG_QSTRS);

// Leaves never change once built, so common ones are shared.
const TOKEN_LEAVES: PNode[] = [];
for (let t = 0; t < 128; t++) TOKEN_LEAVES.push(tokenNode(t));
const SMALL_LEAVES: PNode[] = [];
for (let v = 0; v < 256; v++) SMALL_LEAVES.push(smallIntNode(v));

/** The result stack and the reductions shared by both parsers. */
export class ParseState {
  declare protected readonly lex: Lexer;
  declare protected readonly opts: ParseOptions;
  protected readonly results: PN[] = [];
  protected readonly consts = new Map<string, PyObj>();
  protected readonly folder = new ConstFolder();
  declare protected readonly pool: Set<string>;
  declare protected readonly smallMin: number;
  declare protected readonly smallMax: number;
  /** Set before reducing a testlist_comp: see {@link inParens}. */
  protected parens = false;

  constructor(lex: Lexer, opts: ParseOptions) {
    this.lex = lex;
    this.opts = opts;
    // The built-in qstrs are in BUILTIN_POOL; the file's own ones here.
    this.pool = new Set();
    this.pool.add(opts.sourceName);
    const bits = Math.min(opts.smallIntBits, 53);
    this.smallMin = -(2 ** (bits - 1));
    this.smallMax = 2 ** (bits - 1) - 1;
  }

  protected syntaxError(message: string, line: number): never {
    throw new ParseError("SyntaxError", message, line, this.lex.tokColumn);
  }

  protected popResult(): PN {
    return this.results.pop()!;
  }

  protected peekResult(pos: number): PN {
    return this.results[this.results.length - 1 - pos];
  }

  protected fitsSmallInt(v: bigint): boolean {
    return v >= this.smallMin && v <= this.smallMax;
  }

  /** A node for a constant: a small-int leaf if it fits, else a const object. */
  protected constOptimised(line: number, obj: PyObj): PNode {
    if (obj.kind === ObjKind.Int && this.fitsSmallInt(obj.value)) {
      return smallIntNode(Number(obj.value));
    }
    return constNode(line, obj);
  }

  /** The current token as a result (a leaf, or a constant). */
  protected pushResultToken(rule: number): void {
    switch (this.lex.tokKind) {
      case Tok.Name:
        this.pushName(rule);
        break;
      case Tok.Integer:
        this.pushInteger();
        break;
      case Tok.FloatOrImag:
        this.pushFloat();
        break;
      case Tok.String:
        this.pushString();
        break;
      case Tok.Bytes:
        this.results.push(constNode(this.lex.tokLine, {
          kind: ObjKind.Bytes,
          value: this.lex.tokBytes(),
        }));
        break;
      default:
        this.results.push(TOKEN_LEAVES[this.lex.tokKind]);
        break;
    }
  }

  /** A name token; in an atom, a `const()` name becomes its value. */
  protected pushName(rule: number): void {
    const lex = this.lex;
    const id = lex.tokText();
    // Only names long enough to equal a long string literal matter to
    // the interning rule (see pushString).
    if (lex.tokByteLength > INTERN_MAX_LEN) this.pool.add(id);
    if (rule === Rule.Atom && this.consts.size !== 0) {
      const value = this.consts.get(id);
      if (value !== undefined) {
        this.results.push(this.constOptimised(lex.tokLine, value));
        return;
      }
    }
    this.results.push(idNode(id));
  }

  protected pushInteger(): void {
    const lex = this.lex;
    const text = lex.tokText();
    const small = smallDecimal(text);
    if (small >= 0 && small <= this.smallMax) {
      this.results.push(
        small < SMALL_LEAVES.length ? SMALL_LEAVES[small] : smallIntNode(small),
      );
      return;
    }
    const v = parseIntLiteral(text);
    if (typeof v === "string") this.syntaxError(v, lex.tokLine);
    this.results.push(this.constOptimised(lex.tokLine, pyInt(v)));
  }

  private pushFloat(): void {
    const lex = this.lex;
    const r = parseFloatLiteral(lex.tokText());
    if (r === null) {
      this.syntaxError("invalid syntax for number", lex.tokLine);
    }
    this.results.push(constNode(
      lex.tokLine,
      r.imag
        ? { kind: ObjKind.Complex, real: 0, imag: r.value }
        : pyFloat(r.value),
    ));
  }

  /**
   * A string token: short ones are interned (qstrs); a longer one is too
   * if it is already interned, as a name or string met earlier in the file
   * or a built-in qstr, and otherwise becomes a str constant.
   */
  protected pushString(): void {
    const lex = this.lex;
    const s = lex.tokText();
    if (
      lex.tokByteLength <= INTERN_MAX_LEN || BUILTIN_POOL.has(s) ||
      this.pool.has(s)
    ) {
      this.results.push(strNode(s));
    } else {
      this.results.push(constNode(lex.tokLine, pyStr(s)));
    }
  }

  // --- constants -------------------------------------------------------

  protected isConst(pn: PN): boolean {
    if (pn === null) return false;
    switch (pn.kind) {
      case NodeKind.SmallInt:
      case NodeKind.Str:
        return true;
      case NodeKind.Token:
        return pn.rule === Tok.KwNone || pn.rule === Tok.KwFalse ||
          pn.rule === Tok.KwTrue || pn.rule === Tok.Ellipsis;
      case NodeKind.Id:
        return false;
      case NodeKind.Struct:
        if (pn.rule === Rule.ConstObject) return true;
        return pn.rule === Rule.AtomParen && pn.nodes[0] === null;
    }
  }

  protected toObj(pn: PNode): PyObj {
    switch (pn.kind) {
      case NodeKind.SmallInt:
        return pyInt(BigInt(pn.num));
      case NodeKind.Str:
        return pyStr(pn.str);
      case NodeKind.Token:
        switch (pn.rule) {
          case Tok.KwNone:
            return PY_NONE;
          case Tok.KwFalse:
            return PY_FALSE;
          case Tok.KwTrue:
            return PY_TRUE;
          default:
            return PY_ELLIPSIS;
        }
      case NodeKind.Id:
        return PY_NONE;
      case NodeKind.Struct:
        return pn.obj ?? PY_EMPTY_TUPLE;
    }
  }

  protected isConstBool(pn: PN, value: boolean): boolean {
    return this.isConst(pn) && isTrue(this.toObj(pn!)) === value;
  }

  protected numberOf(pn: PN): PyObj | null {
    if (pn === null) return null;
    if (pn.kind === NodeKind.SmallInt) return pyInt(BigInt(pn.num));
    if (pn.kind === NodeKind.Struct && pn.rule === Rule.ConstObject) {
      const o = pn.obj!;
      if (o.kind === ObjKind.Int || o.kind === ObjKind.Float) return o;
    }
    return null;
  }

  protected foldLogical(rule: number, numArgs: number): number {
    // Returns the new argument count, or -1 when fully folded.
    if (rule === Rule.OrTest || rule === Rule.AndTest) {
      const isOr = rule === Rule.OrTest;
      const res = this.results;
      let copyTo = numArgs;
      for (let i = copyTo; i > 0;) {
        const pn = this.peekResult(--i);
        res[res.length - copyTo] = pn;
        if (i === 0) break;
        if (isOr) {
          if (this.isConstBool(pn, true)) break;
          if (!this.isConstBool(pn, false)) copyTo--;
        } else {
          if (this.isConstBool(pn, false)) break;
          if (!this.isConstBool(pn, true)) copyTo--;
        }
      }
      copyTo--;
      for (let i = 0; i < copyTo; i++) this.popResult();
      numArgs -= copyTo;
      return numArgs === 1 ? -1 : numArgs;
    }
    if (rule === Rule.NotTest2) {
      const pn = this.peekResult(0);
      let out: PNode;
      if (this.isConstBool(pn, false)) out = TOKEN_LEAVES[Tok.KwTrue];
      else if (this.isConstBool(pn, true)) out = TOKEN_LEAVES[Tok.KwFalse];
      else return numArgs;
      this.popResult();
      this.results.push(out);
      return -1;
    }
    return numArgs;
  }

  /**
   * Folding of small-int-only expressions with plain numbers; null when the
   * general (bigint/float) path must decide.
   */
  protected foldSmall(rule: number, numArgs: number): number | null {
    if (rule === Rule.Factor2) {
      const pn = this.peekResult(0);
      if (pn === null || pn.kind !== NodeKind.SmallInt) return null;
      const tok = this.peekResult(1)!.rule;
      const v = pn.num;
      return tok === Tok.OpMinus ? 0 - v : tok === Tok.OpPlus ? v : -v - 1;
    }
    const binary = rule === Rule.Expr || rule === Rule.XorExpr ||
      rule === Rule.AndExpr || rule === Rule.Power;
    if (
      !binary && rule !== Rule.ShiftExpr && rule !== Rule.ArithExpr &&
      rule !== Rule.Term
    ) {
      return null;
    }
    const first = this.peekResult(numArgs - 1);
    if (first === null || first.kind !== NodeKind.SmallInt) return null;
    let acc = first.num;
    const step = binary ? 1 : 2;
    for (let i = numArgs - 1 - step; i >= 0; i -= step) {
      const pn = this.peekResult(i);
      if (pn === null || pn.kind !== NodeKind.SmallInt) return null;
      const b = pn.num;
      let op: number;
      if (binary) {
        op = rule === Rule.Expr
          ? BinaryOp.Or
          : rule === Rule.XorExpr
          ? BinaryOp.Xor
          : rule === Rule.AndExpr
          ? BinaryOp.And
          : BinaryOp.Power;
      } else {
        op = BinaryOp.Lshift + (this.peekResult(i + 1)!.rule - Tok.OpDblLess);
      }
      const r = smallBinary(op, acc, b);
      if (r === null) return null;
      acc = r;
    }
    return acc;
  }

  protected foldConstants(rule: number, numArgs: number): boolean {
    const small = this.foldSmall(rule, numArgs);
    if (small !== null) {
      for (let i = numArgs; i > 0; i--) this.popResult();
      this.results.push(
        small >= this.smallMin && small <= this.smallMax
          ? smallIntNode(small)
          : constNode(0, pyInt(BigInt(small))),
      );
      return true;
    }
    let arg0: PyObj | null;
    switch (rule) {
      case Rule.Expr:
      case Rule.XorExpr:
      case Rule.AndExpr:
      case Rule.Power: {
        arg0 = this.numberOf(this.peekResult(numArgs - 1));
        if (arg0 === null) return false;
        const op = rule === Rule.Expr
          ? BinaryOp.Or
          : rule === Rule.XorExpr
          ? BinaryOp.Xor
          : rule === Rule.AndExpr
          ? BinaryOp.And
          : BinaryOp.Power;
        for (let i = numArgs - 2; i >= 0; i--) {
          const arg1 = this.numberOf(this.peekResult(i));
          if (arg1 === null) return false;
          arg0 = this.folder.binary(op, arg0, arg1);
          if (arg0 === null) return false;
        }
        break;
      }
      case Rule.ShiftExpr:
      case Rule.ArithExpr:
      case Rule.Term: {
        arg0 = this.numberOf(this.peekResult(numArgs - 1));
        if (arg0 === null) return false;
        for (let i = numArgs - 2; i >= 1; i -= 2) {
          const arg1 = this.numberOf(this.peekResult(i - 1));
          if (arg1 === null) return false;
          const tok = this.peekResult(i)!.rule as Tok;
          const op = BinaryOp.Lshift + (tok - Tok.OpDblLess);
          arg0 = this.folder.binary(op, arg0, arg1);
          if (arg0 === null) return false;
        }
        break;
      }
      case Rule.Factor2: {
        arg0 = this.numberOf(this.peekResult(0));
        if (arg0 === null) return false;
        const tok = this.peekResult(1)!.rule as Tok;
        let op: UnaryOp;
        if (tok === Tok.OpTilde) {
          if (arg0.kind !== ObjKind.Int) return false;
          op = UnaryOp.Invert;
        } else {
          op = UnaryOp.Positive + (tok - Tok.OpPlus);
        }
        arg0 = this.folder.unary(op, arg0);
        if (arg0 === null) return false;
        break;
      }
      case Rule.ExprStmt:
        return this.foldConstAssign();
      case Rule.AtomExprNormal: {
        const pn0 = this.peekResult(1);
        const pn1 = this.peekResult(0);
        if (!(isId(pn0) && isStruct(pn1, Rule.TrailerPeriod))) return false;
        if (pn0!.str !== "math") return false;
        const v = MATH_CONSTANTS.get(pn1!.nodes[0]!.str);
        if (v === undefined) return false;
        arg0 = v;
        break;
      }
      default:
        return false;
    }
    for (let i = numArgs; i > 0; i--) this.popResult();
    this.results.push(this.constOptimised(0, arg0));
    return true;
  }

  /** `NAME = const(value)`: records the constant; true if the statement is gone. */
  protected foldConstAssign(): boolean {
    const pn1 = this.peekResult(0);
    if (
      pn1 === null || isStruct(pn1, Rule.ExprStmtAugassign) ||
      isStruct(pn1, Rule.ExprStmtAssignList)
    ) {
      return false;
    }
    const pn0 = this.peekResult(1);
    if (
      !(isId(pn0) && isStruct(pn1, Rule.AtomExprNormal) &&
        isId(pn1.nodes[0]) && pn1.nodes[0]!.str === "const" &&
        isStruct(pn1.nodes[1], Rule.TrailerParen))
    ) {
      return false;
    }
    const id = pn0!.str;
    const pnValue = pn1.nodes[1]!.nodes[0];
    if (!this.isConst(pnValue)) this.syntaxError("not a constant", pn1.line);
    this.consts.set(id, this.toObj(pnValue!));
    if (id.charCodeAt(0) === 0x5f) {
      // A protected constant: the assignment disappears.
      this.popResult();
      this.popResult();
      this.pushResultRule(0, 1, Rule.PassStmt, 0);
      return true;
    }
    this.popResult();
    this.results.push(pnValue);
    return false;
  }

  protected buildTupleFromStack(line: number, numArgs: number): boolean {
    let depth = 1;
    for (let i = numArgs; i > 0;) {
      const pn = this.peekResult(--i);
      if (!this.isConst(pn)) return false;
      const d = pn!.obj === null ? 0 : (TUPLE_DEPTH.get(pn!.obj) ?? 0);
      if (d + 1 > depth) depth = d + 1;
    }
    // Absurdly nested constant tuples stay expressions (and are then
    // rejected as too deeply nested) instead of recursing without bound.
    if (depth > MAX_CONST_TUPLE_DEPTH) return false;
    const items: PyObj[] = new Array(numArgs);
    for (let i = numArgs; i > 0;) {
      items[--i] = this.toObj(this.popResult()!);
    }
    const tuple: PyObj = { kind: ObjKind.Tuple, items };
    TUPLE_DEPTH.set(tuple, depth);
    this.results.push(constNode(line, tuple));
    return true;
  }

  /**
   * Whether the testlist_comp (or its item list, `rule`) being reduced is
   * inside parentheses, where constant items make a constant tuple.
   */
  protected inParens(_rule: number): boolean {
    return this.parens;
  }

  /** The items of a parenthesised testlist_comp became a constant tuple. */
  protected parenTupleBuilt(): void {}

  protected buildTuple(line: number, rule: number, numArgs: number): boolean {
    if (rule === Rule.TestlistComp && this.inParens(rule)) {
      return this.buildTupleFromStack(line, numArgs);
    }
    if (rule === Rule.TestlistComp3c && this.inParens(rule)) {
      if (this.buildTupleFromStack(line, numArgs)) {
        this.parenTupleBuilt();
        return true;
      }
    }
    if (
      rule === Rule.TestlistStarExpr || rule === Rule.Testlist ||
      rule === Rule.Subscriptlist
    ) {
      return this.buildTupleFromStack(line, numArgs);
    }
    return false;
  }

  /**
   * A struct node of `rule` from the last `numArgs` results: the reduction
   * of rules with nothing to fold or rewrite.
   */
  protected plainNode(
    line: number,
    col: number,
    rule: number,
    numArgs: number,
  ): void {
    const nodes: PN[] = new Array(numArgs);
    const res = this.results;
    for (let i = numArgs; i > 0; i--) nodes[i - 1] = res.pop()!;
    const pn = structNode(rule as Rule, nodes);
    pn.line = line;
    pn.col = col;
    res.push(pn);
  }

  /** Reduces a completed rule from its last `numArgs` results. */
  protected pushResultRule(
    line: number,
    col: number,
    rule: number,
    numArgs: number,
  ): void {
    if (REDUCE_KIND[rule] === Reduce.Plain) {
      this.plainNode(line, col, rule, numArgs);
      return;
    }
    if (rule === Rule.AtomParen) {
      // Parentheses around a single expression are dropped.
      const pn = this.peekResult(0);
      if (pn !== null && !isStruct(pn, Rule.TestlistComp)) return;
    } else if (rule === Rule.TestlistComp) {
      const pn = this.peekResult(0);
      if (pn !== null && pn.kind === NodeKind.Struct) {
        if (pn.rule === Rule.TestlistComp3b) {
          // One item with a trailing comma.
          this.popResult();
          numArgs--;
        } else if (pn.rule === Rule.TestlistComp3c) {
          // Many items: the 3c node becomes the testlist_comp.
          this.popResult();
          pn.rule = rule;
          return;
        }
      }
    } else if (rule === Rule.TestlistComp3c) {
      // Take over the first item of the enclosing testlist_comp.
      numArgs++;
    }

    const folded = this.foldLogical(rule, numArgs);
    if (folded < 0) return;
    numArgs = folded;
    if (this.foldConstants(rule, numArgs)) return;
    if (this.buildTuple(line, rule, numArgs)) return;

    const nodes: PN[] = new Array(numArgs);
    for (let i = numArgs; i > 0; i--) nodes[i - 1] = this.popResult();
    const pn = structNode(rule as Rule, nodes);
    pn.line = line;
    pn.col = col;
    if (rule === Rule.TestlistComp3c) this.results.push(pn);
    this.results.push(pn);
  }

  protected next(): void {
    try {
      this.lex.next();
    } catch (e) {
      if (e instanceof LexerError) this.syntaxError(e.message, e.line);
      throw e;
    }
  }

  protected failAtToken(): never {
    const lex = this.lex;
    switch (lex.tokKind) {
      case Tok.Indent:
        throw new ParseError(
          "IndentationError",
          "unexpected indent",
          lex.tokLine,
          lex.tokColumn,
        );
      case Tok.DedentMismatch:
        throw new ParseError(
          "IndentationError",
          "unindent doesn't match any outer indent level",
          lex.tokLine,
          lex.tokColumn,
        );
      case Tok.MalformedFstring:
        this.syntaxError("malformed f-string", lex.tokLine);
        break;
      default:
        break;
    }
    this.syntaxError("invalid syntax", lex.tokLine);
  }
}
