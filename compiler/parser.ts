/**
 * The parser: tokens to a parse tree of MicroPython's exact shape
 * (`py/parse.c`).
 *
 * MicroPython parses with a table-driven machine that pushes and pops a
 * rule-stack entry for every grammar rule it enters: about fifteen of them
 * for each bare name in an expression. This parser is recursive descent
 * instead: it decides with the same FIRST sets, goes straight from a
 * statement or operand to the tokens that can start it, climbs operator
 * precedence in one loop, and hands every completed rule to the same
 * reductions (`parse_state.ts`) in the same order, so it builds the very
 * same tree, constants folded alike.
 *
 * It gives up, and the grammar-table parser (`parser_table.ts`) parses the
 * source again from the start, on anything it does not accept: a syntax
 * error (reported there, at MicroPython's position) or nesting deep enough
 * to threaten the JavaScript stack (that parser never recurses).
 *
 * @module
 */

import { mayStart, Rule } from "./grammar.ts";
import { Lexer, LexerError, sourceBytes } from "./lexer.ts";
import { Tok } from "./tokens.ts";
import { isId, isSmallInt, isStruct, NodeKind, type PN } from "./parse_node.ts";
import { isTrue } from "./py_obj.ts";
import {
  InputKind,
  ParseError,
  type ParseOptions,
  ParseState,
  type ParseTree,
} from "./parse_state.ts";
import { TableParser } from "./parser_table.ts";

export { InputKind, ParseError, type ParseOptions, type ParseTree };

/** Thrown (one shared instance) when the fast parser gives up. */
class Abandon {}
const ABANDON = new Abandon();

// Nesting (parentheses, lambdas, unary operators, blocks…) beyond this is
// left to the grammar-table parser.
const MAX_NESTING = 200;

// Token kinds used in tests below (imported enum members are property reads).
const T_END = Tok.End as number;
const T_NEWLINE = Tok.Newline as number;
const T_INDENT = Tok.Indent as number;
const T_DEDENT = Tok.Dedent as number;
const T_NAME = Tok.Name as number;
const T_INTEGER = Tok.Integer as number;
const T_STRING = Tok.String as number;
const T_ELLIPSIS = Tok.Ellipsis as number;
const T_AS = Tok.KwAs as number;
const T_ASYNC = Tok.KwAsync as number;
const T_AWAIT = Tok.KwAwait as number;
const T_CLASS = Tok.KwClass as number;
const T_DEF = Tok.KwDef as number;
const T_ELIF = Tok.KwElif as number;
const T_ELSE = Tok.KwElse as number;
const T_EXCEPT = Tok.KwExcept as number;
const T_FINALLY = Tok.KwFinally as number;
const T_FOR = Tok.KwFor as number;
const T_FROM = Tok.KwFrom as number;
const T_IF = Tok.KwIf as number;
const T_IMPORT = Tok.KwImport as number;
const T_IN = Tok.KwIn as number;
const T_IS = Tok.KwIs as number;
const T_LAMBDA = Tok.KwLambda as number;
const T_NOT = Tok.KwNot as number;
const T_WITH = Tok.KwWith as number;
const T_YIELD = Tok.KwYield as number;
const T_WALRUS = Tok.OpAssign as number;
const T_PLUS = Tok.OpPlus as number;
const T_MINUS = Tok.OpMinus as number;
const T_TILDE = Tok.OpTilde as number;
const T_STAR = Tok.OpStar as number;
const T_DBL_STAR = Tok.OpDblStar as number;
const T_AT = Tok.OpAt as number;
const T_AUG_FIRST = Tok.DelPipeEqual as number;
const T_AUG_LAST = Tok.DelDblStarEqual as number;
const T_PAREN_OPEN = Tok.DelParenOpen as number;
const T_PAREN_CLOSE = Tok.DelParenClose as number;
const T_BRACKET_OPEN = Tok.DelBracketOpen as number;
const T_BRACKET_CLOSE = Tok.DelBracketClose as number;
const T_BRACE_CLOSE = Tok.DelBraceClose as number;
const T_COMMA = Tok.DelComma as number;
const T_COLON = Tok.DelColon as number;
const T_PERIOD = Tok.DelPeriod as number;
const T_SEMICOLON = Tok.DelSemicolon as number;
const T_EQUAL = Tok.DelEqual as number;
const T_ARROW = Tok.DelMinusMore as number;

/**
 * The operator levels of expressions, loosest first: `or_test`, `and_test`,
 * `not_test`, `comparison`, `expr` (`|`), `xor_expr`, `and_expr`,
 * `shift_expr`, `arith_expr`, `term`, and `factor` (the operands of terms).
 */
const enum Level {
  None,
  Or,
  And,
  Not,
  Comparison,
  BitOr,
  BitXor,
  BitAnd,
  Shift,
  Arith,
  Term,
  Factor,
}

/** The level whose operator a token is (None for other tokens). */
const LEVEL_OF = new Uint8Array(128);
/** The list rule of each binary level. */
const LEVEL_RULE = new Uint16Array(Level.Factor + 1);
/** Levels whose operators are themselves items of the rule's node. */
const LEVEL_KEEPS_OP = new Uint8Array(Level.Factor + 1);
{
  const on = (
    level: Level,
    rule: Rule,
    keepsOp: boolean,
    toks: Tok[],
  ): void => {
    LEVEL_RULE[level] = rule;
    LEVEL_KEEPS_OP[level] = keepsOp ? 1 : 0;
    for (const t of toks) LEVEL_OF[t] = level;
  };
  on(Level.Or, Rule.OrTest, false, [Tok.KwOr]);
  on(Level.And, Rule.AndTest, false, [Tok.KwAnd]);
  on(Level.Comparison, Rule.Comparison, true, [
    Tok.OpLess,
    Tok.OpMore,
    Tok.OpDblEqual,
    Tok.OpLessEqual,
    Tok.OpMoreEqual,
    Tok.OpNotEqual,
    Tok.KwIn,
    Tok.KwNot,
    Tok.KwIs,
  ]);
  on(Level.BitOr, Rule.Expr, false, [Tok.OpPipe]);
  on(Level.BitXor, Rule.XorExpr, false, [Tok.OpCaret]);
  on(Level.BitAnd, Rule.AndExpr, false, [Tok.OpAmpersand]);
  on(Level.Shift, Rule.ShiftExpr, true, [Tok.OpDblLess, Tok.OpDblMore]);
  on(Level.Arith, Rule.ArithExpr, true, [Tok.OpPlus, Tok.OpMinus]);
  on(Level.Term, Rule.Term, true, [
    Tok.OpStar,
    Tok.OpAt,
    Tok.OpSlash,
    Tok.OpPercent,
    Tok.OpDblSlash,
  ]);
}

// Tokens other than operators that continue an expression after an atom:
// trailers and `**`.
const CONTINUES_ATOM = new Uint8Array(128);
for (
  const t of [
    Tok.DelParenOpen,
    Tok.DelBracketOpen,
    Tok.DelPeriod,
    Tok.OpDblStar,
  ]
) {
  CONTINUES_ATOM[t] = 1;
}

// Rules whose FIRST sets decide optional parts and list continuations.
const R_TEST = Rule.Test as number;
const R_TESTLIST = Rule.Testlist as number;
const R_TESTLIST_COMP = Rule.TestlistComp as number;
const R_TESTLIST_COMP_2 = Rule.TestlistComp2 as number;
const R_TESTLIST_STAR_EXPR_2 = Rule.TestlistStarExpr2 as number;
const R_EXPRLIST_2 = Rule.Exprlist2 as number;
const R_SUBSCRIPT = Rule.Subscript as number;
const R_ARGLIST = Rule.Arglist as number;
const R_VARARGSLIST = Rule.Varargslist as number;
const R_TYPEDARGSLIST = Rule.Typedargslist as number;
const R_SMALL_STMT = Rule.SmallStmt as number;
const R_STMT = Rule.Stmt as number;
const R_FILE_INPUT_3 = Rule.FileInput3 as number;

/**
 * The recursive-descent parser. Each method parses one rule at the current
 * token and leaves exactly one result on the stack, as the rule's reduction
 * in the table-driven parser would; rules that collapse to their only child
 * reduce to nothing here. Optional parts and list continuations are decided
 * by FIRST sets; a required part that is not there abandons the parse.
 */
class Parser extends ParseState {
  declare private readonly input: InputKind;
  private depth = 0;

  constructor(lex: Lexer, opts: ParseOptions, input: InputKind) {
    super(lex, opts);
    this.input = input;
  }

  /** Parses the whole input; throws {@link ABANDON} if it cannot. */
  parse(): PN {
    const lex = this.lex;
    if (this.input === InputKind.File) {
      this.fileInput();
    } else if (this.input === InputKind.Eval) {
      this.evalInput();
    } else if (lex.tokKind === T_NEWLINE) {
      this.pushResultToken(Rule.SingleInput);
      lex.next();
    } else {
      this.stmt();
    }
    if (lex.tokKind !== T_END || this.results.length !== 1) throw ABANDON;
    return this.results[0];
  }

  // --- helpers -----------------------------------------------------------

  private enter(): void {
    if (++this.depth > MAX_NESTING) throw ABANDON;
  }

  private expect(tok: number): void {
    if (this.lex.tokKind !== tok) throw ABANDON;
    this.lex.next();
  }

  /** A name token of `rule` as a result. */
  private name(rule: Rule): void {
    if (this.lex.tokKind !== T_NAME) throw ABANDON;
    this.pushName(rule);
    this.lex.next();
  }

  private starts(rule: number): boolean {
    return mayStart(rule, this.lex.tokKind);
  }

  /** Whether result `pos` (from the top) is a number that folding takes. */
  private isNumber(pos: number): boolean {
    const pn = this.results[this.results.length - 1 - pos];
    return pn !== null && (pn.kind === NodeKind.SmallInt ||
      (pn.kind === NodeKind.Struct && pn.rule === Rule.ConstObject));
  }

  // --- inputs and statements -------------------------------------------

  private fileInput(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    if (!this.starts(R_FILE_INPUT_3)) {
      this.results.push(null);
      this.pushResultRule(line, col, Rule.FileInput, 1);
      return;
    }
    let count = 0;
    do {
      if (lex.tokKind === T_NEWLINE) {
        this.pushResultToken(Rule.FileInput3);
        lex.next();
      } else {
        this.stmt();
      }
      count++;
    } while (this.starts(R_FILE_INPUT_3));
    if (count > 1) this.pushResultRule(line, col, Rule.FileInput2, count);
  }

  private evalInput(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.testlist();
    if (lex.tokKind === T_NEWLINE) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      this.pushResultRule(line2, col2, Rule.EvalInput2, 0);
      this.pushResultRule(line, col, Rule.EvalInput, 2);
    }
  }

  private stmt(): void {
    switch (this.lex.tokKind) {
      case 35: // if
        this.ifStmt();
        return;
      case 47: // while
        this.whileStmt();
        return;
      case 32: // for
        this.forStmt();
        return;
      case 46: // try
        this.tryStmt();
        return;
      case 48: // with
        this.withStmt();
        return;
      case 26: // def
        this.funcdef();
        return;
      case 24: // class
        this.classdef();
        return;
      case 66: // @
        this.decorated();
        return;
      case 21: // async
        this.asyncStmt();
        return;
      default:
        this.simpleStmt();
        return;
    }
  }

  private simpleStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.smallStmt();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_SEMICOLON) {
      lex.next();
      if (!this.starts(R_SMALL_STMT)) {
        trailing = true;
        break;
      }
      this.smallStmt();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.SimpleStmt2, count);
    }
    this.expect(T_NEWLINE);
  }

  private smallStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    switch (lex.tokKind) {
      case 27: // del
        lex.next();
        this.exprlist();
        this.pushResultRule(line, col, Rule.DelStmt, 1);
        return;
      case 43: // pass
        lex.next();
        this.pushResultRule(line, col, Rule.PassStmt, 0);
        return;
      case 23: // break
        lex.next();
        this.pushResultRule(line, col, Rule.BreakStmt, 0);
        return;
      case 25: // continue
        lex.next();
        this.pushResultRule(line, col, Rule.ContinueStmt, 0);
        return;
      case 45: // return
        lex.next();
        if (this.starts(R_TESTLIST)) this.testlist();
        else this.results.push(null);
        this.pushResultRule(line, col, Rule.ReturnStmt, 1);
        return;
      case 44: // raise
        lex.next();
        if (this.starts(R_TEST)) {
          const line2 = lex.tokLine;
          const col2 = lex.tokColumn;
          this.test();
          if (lex.tokKind === T_FROM) {
            lex.next();
            this.test();
            this.pushResultRule(line2, col2, Rule.RaiseStmtArg, 2);
          }
        } else {
          this.results.push(null);
        }
        this.pushResultRule(line, col, Rule.RaiseStmt, 1);
        return;
      case 49: // yield
        this.yieldExpr();
        this.pushResultRule(line, col, Rule.YieldStmt, 1);
        return;
      case 36: // import
        this.importName();
        return;
      case 33: // from
        this.importFrom();
        return;
      case 34: // global
        lex.next();
        this.nameList();
        this.pushResultRule(line, col, Rule.GlobalStmt, 1);
        return;
      case 40: // nonlocal
        lex.next();
        this.nameList();
        this.pushResultRule(line, col, Rule.NonlocalStmt, 1);
        return;
      case 20: // assert
        lex.next();
        this.test();
        if (lex.tokKind === T_COMMA) {
          lex.next();
          this.test();
        } else {
          this.results.push(null);
        }
        this.pushResultRule(line, col, Rule.AssertStmt, 2);
        return;
      default:
        this.exprStmt();
        return;
    }
  }

  private exprStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.testlistStarExpr();
    const t = lex.tokKind;
    if (t === T_EQUAL) {
      // One or more `= value`, each collapsing to its value.
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      let count = 0;
      do {
        lex.next();
        this.exprStmt6();
        count++;
      } while (lex.tokKind === T_EQUAL);
      if (count > 1) {
        this.pushResultRule(line2, col2, Rule.ExprStmtAssignList, count);
      }
    } else if (t >= T_AUG_FIRST && t <= T_AUG_LAST) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      this.pushResultToken(Rule.Augassign);
      lex.next();
      this.exprStmt6();
      this.pushResultRule(line2, col2, Rule.ExprStmtAugassign, 2);
    } else if (t === T_COLON) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      this.test();
      if (lex.tokKind === T_EQUAL) {
        lex.next();
        this.exprStmt6();
      } else {
        this.results.push(null);
      }
      this.pushResultRule(line2, col2, Rule.Annassign, 2);
    } else {
      if (this.input !== InputKind.Single) {
        // A lonely constant statement (a docstring, say) is dropped.
        const p = this.results[this.results.length - 1];
        if (
          (p !== null && p.kind !== NodeKind.Struct &&
            p.kind !== NodeKind.Id) ||
          isStruct(p, Rule.ConstObject)
        ) {
          this.results.pop();
          this.pushResultRule(line, col, Rule.PassStmt, 0);
          return;
        }
      }
      this.results.push(null);
    }
    // Only `NAME = const(value)` is rewritten.
    const rhs = this.results[this.results.length - 1];
    if (
      rhs !== null && rhs.kind === NodeKind.Struct &&
      rhs.rule === Rule.AtomExprNormal && isId(rhs.nodes[0]) &&
      rhs.nodes[0]!.str === "const"
    ) {
      this.pushResultRule(line, col, Rule.ExprStmt, 2);
    } else {
      this.plainNode(line, col, Rule.ExprStmt, 2);
    }
  }

  private exprStmt6(): void {
    if (this.lex.tokKind === T_YIELD) this.yieldExpr();
    else this.testlistStarExpr();
  }

  private importName(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    const line2 = lex.tokLine;
    const col2 = lex.tokColumn;
    this.dottedAsName();
    let count = 1;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      this.dottedAsName();
      count++;
    }
    if (count > 1) this.pushResultRule(line2, col2, Rule.DottedAsNames, count);
    this.pushResultRule(line, col, Rule.ImportName, 1);
  }

  private dottedAsName(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.dottedName();
    if (lex.tokKind === T_AS) {
      lex.next();
      this.name(Rule.AsName);
      this.pushResultRule(line, col, Rule.DottedAsName, 2);
    }
  }

  private dottedName(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.name(Rule.DottedName);
    let count = 1;
    while (lex.tokKind === T_PERIOD) {
      lex.next();
      this.name(Rule.DottedName);
      count++;
    }
    if (count > 1) this.pushResultRule(line, col, Rule.DottedName, count);
  }

  private importFrom(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    const t = lex.tokKind;
    if (t === T_NAME) {
      this.dottedName();
    } else if (t === T_PERIOD || t === T_ELLIPSIS) {
      // Leading dots, then an optional module name.
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      let count = 0;
      do {
        this.pushResultToken(Rule.PeriodOrEllipsis);
        lex.next();
        count++;
      } while (lex.tokKind === T_PERIOD || lex.tokKind === T_ELLIPSIS);
      if (count > 1) {
        this.pushResultRule(line2, col2, Rule.OneOrMorePeriodOrEllipsis, count);
      }
      if (lex.tokKind === T_NAME) {
        this.dottedName();
        this.pushResultRule(line2, col2, Rule.ImportFrom2b, 2);
      }
    } else {
      throw ABANDON;
    }
    this.expect(T_IMPORT);
    const t3 = lex.tokKind;
    if (t3 === T_STAR) {
      this.pushResultToken(Rule.ImportFrom3);
      lex.next();
    } else if (t3 === T_PAREN_OPEN) {
      lex.next();
      this.importAsNames();
      this.expect(T_PAREN_CLOSE);
    } else {
      this.importAsNames();
    }
    this.pushResultRule(line, col, Rule.ImportFrom, 2);
  }

  private importAsNames(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.importAsName();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      if (lex.tokKind !== T_NAME) {
        trailing = true;
        break;
      }
      this.importAsName();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.ImportAsNames, count);
    }
  }

  private importAsName(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.name(Rule.ImportAsName);
    if (lex.tokKind === T_AS) {
      lex.next();
      this.name(Rule.AsName);
    } else {
      this.results.push(null);
    }
    this.pushResultRule(line, col, Rule.ImportAsName, 2);
  }

  private nameList(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.name(Rule.NameList);
    let count = 1;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      this.name(Rule.NameList);
      count++;
    }
    if (count > 1) this.pushResultRule(line, col, Rule.NameList, count);
  }

  /** A suite: a simple statement, or an indented block of statements. */
  private suite(): void {
    const lex = this.lex;
    this.enter();
    if (lex.tokKind === T_NEWLINE) {
      lex.next();
      this.expect(T_INDENT);
      const line = lex.tokLine;
      const col = lex.tokColumn;
      let count = 0;
      do {
        this.stmt();
        count++;
      } while (this.starts(R_STMT));
      if (count > 1) {
        this.pushResultRule(line, col, Rule.SuiteBlockStmts, count);
      }
      this.expect(T_DEDENT);
    } else {
      this.simpleStmt();
    }
    this.depth--;
  }

  /** An optional `else: suite`, collapsing to the suite. */
  private elseSuite(): void {
    const lex = this.lex;
    if (lex.tokKind === T_ELSE) {
      lex.next();
      this.expect(T_COLON);
      this.suite();
    } else {
      this.results.push(null);
    }
  }

  private ifStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    this.namedexprTest();
    this.expect(T_COLON);
    this.suite();
    if (lex.tokKind === T_ELIF) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      let count = 0;
      do {
        const line3 = lex.tokLine;
        const col3 = lex.tokColumn;
        lex.next();
        this.namedexprTest();
        this.expect(T_COLON);
        this.suite();
        this.pushResultRule(line3, col3, Rule.IfStmtElif, 2);
        count++;
      } while (lex.tokKind === T_ELIF);
      if (count > 1) {
        this.pushResultRule(line2, col2, Rule.IfStmtElifList, count);
      }
    } else {
      this.results.push(null);
    }
    this.elseSuite();
    this.pushResultRule(line, col, Rule.IfStmt, 4);
  }

  private whileStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    this.namedexprTest();
    this.expect(T_COLON);
    this.suite();
    this.elseSuite();
    this.pushResultRule(line, col, Rule.WhileStmt, 3);
  }

  private forStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    this.exprlist();
    this.expect(T_IN);
    this.testlist();
    this.expect(T_COLON);
    this.suite();
    this.elseSuite();
    this.pushResultRule(line, col, Rule.ForStmt, 4);
  }

  private tryStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    this.expect(T_COLON);
    this.suite();
    const t = lex.tokKind;
    if (t === T_EXCEPT) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      let count = 0;
      do {
        this.exceptClause();
        count++;
      } while (lex.tokKind === T_EXCEPT);
      if (count > 1) {
        this.pushResultRule(line2, col2, Rule.TryStmtExceptList, count);
      }
      const hasElse = lex.tokKind === T_ELSE;
      this.elseSuite();
      const hasFinally = lex.tokKind === T_FINALLY;
      if (hasFinally) this.finallyClause();
      else this.results.push(null);
      if (hasElse || hasFinally) {
        this.pushResultRule(line2, col2, Rule.TryStmtExceptAndMore, 3);
      } else {
        // Only handlers: the rule collapses to them.
        this.results.length -= 2;
      }
    } else if (t === T_FINALLY) {
      this.finallyClause();
    } else {
      throw ABANDON;
    }
    this.pushResultRule(line, col, Rule.TryStmt, 2);
  }

  private exceptClause(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    if (this.starts(R_TEST)) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      this.test();
      if (lex.tokKind === T_AS) {
        lex.next();
        this.name(Rule.AsName);
        this.pushResultRule(line2, col2, Rule.TryStmtAsName, 2);
      }
    } else {
      this.results.push(null);
    }
    this.expect(T_COLON);
    this.suite();
    this.pushResultRule(line, col, Rule.TryStmtExcept, 2);
  }

  private finallyClause(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    this.expect(T_COLON);
    this.suite();
    this.pushResultRule(line, col, Rule.TryStmtFinally, 1);
  }

  private withStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    const line2 = lex.tokLine;
    const col2 = lex.tokColumn;
    this.withItem();
    let count = 1;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      this.withItem();
      count++;
    }
    if (count > 1) this.pushResultRule(line2, col2, Rule.WithStmtList, count);
    this.expect(T_COLON);
    this.suite();
    this.pushResultRule(line, col, Rule.WithStmt, 2);
  }

  private withItem(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.test();
    if (lex.tokKind === T_AS) {
      lex.next();
      this.expr(Level.BitOr);
      this.pushResultRule(line, col, Rule.WithItem, 2);
    }
  }

  private funcdef(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    this.name(Rule.Funcdef);
    this.expect(T_PAREN_OPEN);
    if (this.starts(R_TYPEDARGSLIST)) this.typedargslist();
    else this.results.push(null);
    this.expect(T_PAREN_CLOSE);
    if (lex.tokKind === T_ARROW) {
      lex.next();
      this.test();
    } else {
      this.results.push(null);
    }
    this.expect(T_COLON);
    this.suite();
    this.results.push(null);
    this.pushResultRule(line, col, Rule.Funcdef, 5);
  }

  private typedargslist(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.typedArg();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      if (!this.starts(R_TYPEDARGSLIST)) {
        trailing = true;
        break;
      }
      this.typedArg();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.Typedargslist, count);
    }
  }

  private typedArg(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    const t = lex.tokKind;
    if (t === T_NAME) {
      this.name(Rule.TypedargslistName);
      const annotated = lex.tokKind === T_COLON;
      if (annotated) {
        lex.next();
        this.test();
      } else {
        this.results.push(null);
      }
      const defaulted = lex.tokKind === T_EQUAL;
      if (defaulted) {
        lex.next();
        this.test();
      } else {
        this.results.push(null);
      }
      if (annotated || defaulted) {
        this.pushResultRule(line, col, Rule.TypedargslistName, 3);
      } else {
        // A bare name: the rule collapses to it.
        this.results.length -= 2;
      }
    } else if (t === T_STAR) {
      lex.next();
      if (lex.tokKind === T_NAME) {
        const line2 = lex.tokLine;
        const col2 = lex.tokColumn;
        this.name(Rule.Tfpdef);
        this.colonTest();
        this.pushResultRule(line2, col2, Rule.Tfpdef, 2);
      } else {
        this.results.push(null);
      }
      this.pushResultRule(line, col, Rule.TypedargslistStar, 1);
    } else if (t === T_DBL_STAR) {
      lex.next();
      this.name(Rule.TypedargslistDblStar);
      this.colonTest();
      this.pushResultRule(line, col, Rule.TypedargslistDblStar, 2);
    } else {
      throw ABANDON;
    }
  }

  /** An optional `: test` annotation, collapsing to the test. */
  private colonTest(): void {
    if (this.lex.tokKind === T_COLON) {
      this.lex.next();
      this.test();
    } else {
      this.results.push(null);
    }
  }

  private varargslist(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.vararg();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      if (!this.starts(R_VARARGSLIST)) {
        trailing = true;
        break;
      }
      this.vararg();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.Varargslist, count);
    }
  }

  private vararg(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    const t = lex.tokKind;
    if (t === T_NAME) {
      this.name(Rule.VarargslistName);
      if (lex.tokKind === T_EQUAL) {
        lex.next();
        this.test();
        this.pushResultRule(line, col, Rule.VarargslistName, 2);
      }
    } else if (t === T_STAR) {
      lex.next();
      if (lex.tokKind === T_NAME) this.name(Rule.Vfpdef);
      else this.results.push(null);
      this.pushResultRule(line, col, Rule.VarargslistStar, 1);
    } else if (t === T_DBL_STAR) {
      lex.next();
      this.name(Rule.VarargslistDblStar);
      this.pushResultRule(line, col, Rule.VarargslistDblStar, 1);
    } else {
      throw ABANDON;
    }
  }

  private classdef(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    this.name(Rule.Classdef);
    if (lex.tokKind === T_PAREN_OPEN) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      if (this.starts(R_ARGLIST)) {
        this.arglist();
        this.expect(T_PAREN_CLOSE);
      } else {
        this.expect(T_PAREN_CLOSE);
        this.results.push(null);
        this.pushResultRule(line2, col2, Rule.Classdef2, 1);
      }
    } else {
      this.results.push(null);
    }
    this.expect(T_COLON);
    this.suite();
    this.results.push(null);
    this.pushResultRule(line, col, Rule.Classdef, 4);
  }

  private decorated(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    let count = 0;
    do {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      this.dottedName();
      if (lex.tokKind === T_PAREN_OPEN) this.trailerParen();
      else this.results.push(null);
      this.expect(T_NEWLINE);
      this.pushResultRule(line2, col2, Rule.Decorator, 2);
      count++;
    } while (lex.tokKind === T_AT);
    if (count > 1) this.pushResultRule(line, col, Rule.Decorators, count);
    const t = lex.tokKind;
    if (t === T_CLASS) {
      this.classdef();
    } else if (t === T_DEF) {
      this.funcdef();
    } else if (t === T_ASYNC) {
      const line3 = lex.tokLine;
      const col3 = lex.tokColumn;
      lex.next();
      if (lex.tokKind !== T_DEF) throw ABANDON;
      this.funcdef();
      this.pushResultRule(line3, col3, Rule.AsyncFuncdef, 1);
    } else {
      throw ABANDON;
    }
    this.pushResultRule(line, col, Rule.Decorated, 2);
  }

  private asyncStmt(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    const t = lex.tokKind;
    if (t === T_DEF) this.funcdef();
    else if (t === T_WITH) this.withStmt();
    else if (t === T_FOR) this.forStmt();
    else throw ABANDON;
    this.pushResultRule(line, col, Rule.AsyncStmt, 1);
  }

  // --- expressions -------------------------------------------------------

  /**
   * A name, number or string that no operator, trailer or conditional
   * follows, taken whole at operator level `min` (Level.None for `test`);
   * false, having done nothing, for anything else. It is the same leaf the
   * whole chain of rules down to `atom` would leave.
   */
  private loneAtom(min: number): boolean {
    const t = this.lex.tokKind;
    if (t !== T_NAME && t !== T_INTEGER && t !== T_STRING) return false;
    const next = this.lex.peekKind();
    if (next < 0 || CONTINUES_ATOM[next] !== 0) return false;
    const level = LEVEL_OF[next];
    if (min === Level.None) {
      // Any operator continues a test, and so does a conditional.
      if (level !== Level.None || next === T_IF) return false;
    } else if (level >= min) {
      return false;
    }
    if (t === T_NAME) this.pushName(Rule.Atom);
    else if (t === T_INTEGER) this.pushInteger();
    else this.pushString();
    this.lex.next();
    return true;
  }

  /** `test`: a lambda, or an or-test with an optional conditional part. */
  private test(): void {
    const lex = this.lex;
    if (this.loneAtom(Level.None)) return;
    this.enter();
    if (lex.tokKind === T_LAMBDA) {
      this.lambdef(Rule.Lambdef);
    } else {
      const line = lex.tokLine;
      const col = lex.tokColumn;
      this.expr(Level.Or);
      if (lex.tokKind === T_IF) {
        const line2 = lex.tokLine;
        const col2 = lex.tokColumn;
        lex.next();
        this.expr(Level.Or);
        this.expect(T_ELSE);
        this.test();
        this.pushResultRule(line2, col2, Rule.TestIfElse, 2);
        this.pushResultRule(line, col, Rule.TestIfExpr, 2);
      }
    }
    this.depth--;
  }

  private testNocond(): void {
    if (this.lex.tokKind === T_LAMBDA) this.lambdef(Rule.LambdefNocond);
    else this.expr(Level.Or);
  }

  private lambdef(rule: Rule): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.enter();
    lex.next();
    if (this.starts(R_VARARGSLIST)) this.varargslist();
    else this.results.push(null);
    this.expect(T_COLON);
    if (rule === Rule.Lambdef) this.test();
    else this.testNocond();
    this.results.push(null);
    this.pushResultRule(line, col, rule, 3);
    this.depth--;
  }

  private namedexprTest(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.test();
    if (lex.tokKind === T_WALRUS) {
      lex.next();
      this.test();
      this.pushResultRule(line, col, Rule.NamedexprTest, 2);
    }
  }

  /**
   * An expression of operator level `min` or tighter, by precedence
   * climbing: an operand, then for each operator met, the flat list of
   * operands of its level, which becomes the next operand. Every list
   * starts at the first token, as the nested rules all do.
   */
  private expr(min: Level): void {
    if (this.loneAtom(min)) return;
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    let cur: number;
    if (lex.tokKind === T_NOT && min <= Level.Not) {
      this.enter();
      lex.next();
      this.expr(Level.Not);
      this.pushResultRule(line, col, Rule.NotTest2, 1);
      this.depth--;
      cur = Level.Not;
    } else {
      this.factor();
      cur = Level.Factor;
    }
    for (;;) {
      const level = LEVEL_OF[lex.tokKind];
      if (level === Level.None || level < min || level >= cur) return;
      const keepsOp = LEVEL_KEEPS_OP[level] === 1;
      let count = 1;
      do {
        if (!keepsOp) {
          lex.next();
        } else if (level === Level.Comparison) {
          this.compOp();
          count++;
        } else {
          this.pushResultToken(Rule.ArithOp); // the operator's token leaf
          lex.next();
          count++;
        }
        this.expr(level + 1);
        count++;
      } while (LEVEL_OF[lex.tokKind] === level);
      if (level >= Level.BitOr && !this.isNumber(count - 1)) {
        // Folding needs numbers throughout, starting with the first operand.
        this.plainNode(line, col, LEVEL_RULE[level], count);
      } else {
        this.pushResultRule(line, col, LEVEL_RULE[level], count);
      }
      cur = level;
    }
  }

  /** A comparison operator, `not in` and `is [not]` included. */
  private compOp(): void {
    const lex = this.lex;
    const t = lex.tokKind;
    if (t === T_NOT) {
      const line = lex.tokLine;
      const col = lex.tokColumn;
      lex.next();
      this.expect(T_IN);
      this.pushResultRule(line, col, Rule.CompOpNotIn, 0);
    } else if (t === T_IS) {
      const line = lex.tokLine;
      const col = lex.tokColumn;
      lex.next();
      if (lex.tokKind === T_NOT) {
        const line2 = lex.tokLine;
        const col2 = lex.tokColumn;
        lex.next();
        this.pushResultRule(line2, col2, Rule.CompOpIsNot, 0);
      } else {
        this.results.push(null);
      }
      this.pushResultRule(line, col, Rule.CompOpIs, 1);
    } else {
      this.pushResultToken(Rule.CompOp);
      lex.next();
    }
  }

  /** `factor`: unary operators, then a power. */
  private factor(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    const t = lex.tokKind;
    this.enter();
    if (t === T_MINUS || t === T_PLUS || t === T_TILDE) {
      this.pushResultToken(Rule.FactorOp);
      lex.next();
      this.factor();
      if (this.isNumber(0)) this.pushResultRule(line, col, Rule.Factor2, 2);
      else this.plainNode(line, col, Rule.Factor2, 2);
    } else {
      this.atomExpr();
      if (lex.tokKind === T_DBL_STAR) {
        lex.next();
        this.factor();
        if (this.isNumber(1)) this.pushResultRule(line, col, Rule.Power, 2);
        else this.plainNode(line, col, Rule.Power, 2);
      }
    }
    this.depth--;
  }

  private atomExpr(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    if (lex.tokKind === T_AWAIT) {
      lex.next();
      this.atom();
      const t = lex.tokKind;
      if (t === T_PAREN_OPEN || t === T_BRACKET_OPEN || t === T_PERIOD) {
        this.trailers();
      } else {
        this.results.push(null);
      }
      this.pushResultRule(line, col, Rule.AtomExprAwait, 2);
      return;
    }
    this.atom();
    const t = lex.tokKind;
    if (t === T_PAREN_OPEN || t === T_BRACKET_OPEN || t === T_PERIOD) {
      // Only `math.NAME` folds (to the constant).
      const atom = this.results[this.results.length - 1];
      this.trailers();
      if (atom !== null && atom.kind === NodeKind.Id && atom.str === "math") {
        this.pushResultRule(line, col, Rule.AtomExprNormal, 2);
      } else {
        this.plainNode(line, col, Rule.AtomExprNormal, 2);
      }
    }
  }

  private atom(): void {
    const lex = this.lex;
    switch (lex.tokKind) {
      case 8: // name
        this.pushName(Rule.Atom);
        lex.next();
        return;
      case 9: // integer
        this.pushInteger();
        lex.next();
        return;
      case 11: // string
        this.pushString();
        lex.next();
        return;
      case 10: // float or imaginary
      case 12: // bytes
      case 13: // ...
      case 14: // False
      case 15: // None
      case 16: // True
        this.pushResultToken(Rule.Atom);
        lex.next();
        return;
      case 84: { // (
        const line = lex.tokLine;
        const col = lex.tokColumn;
        lex.next();
        if (lex.tokKind === T_YIELD) this.yieldExpr();
        else if (this.starts(R_TESTLIST_COMP)) this.testlistComp(true);
        else this.results.push(null);
        this.expect(T_PAREN_CLOSE);
        this.pushResultRule(line, col, Rule.AtomParen, 1);
        return;
      }
      case 86: { // [
        const line = lex.tokLine;
        const col = lex.tokColumn;
        lex.next();
        if (this.starts(R_TESTLIST_COMP)) this.testlistComp(false);
        else this.results.push(null);
        this.expect(T_BRACKET_CLOSE);
        this.pushResultRule(line, col, Rule.AtomBracket, 1);
        return;
      }
      case 88: { // {
        const line = lex.tokLine;
        const col = lex.tokColumn;
        lex.next();
        if (this.starts(R_TEST)) this.dictorsetmaker();
        else this.results.push(null);
        this.expect(T_BRACE_CLOSE);
        this.pushResultRule(line, col, Rule.AtomBrace, 1);
        return;
      }
      default:
        throw ABANDON;
    }
  }

  private trailers(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    let count = 0;
    for (;;) {
      const t = lex.tokKind;
      if (t === T_PAREN_OPEN) {
        this.trailerParen();
      } else if (t === T_BRACKET_OPEN) {
        const line2 = lex.tokLine;
        const col2 = lex.tokColumn;
        lex.next();
        this.subscriptlist();
        this.expect(T_BRACKET_CLOSE);
        this.pushResultRule(line2, col2, Rule.TrailerBracket, 1);
      } else if (t === T_PERIOD) {
        const line2 = lex.tokLine;
        const col2 = lex.tokColumn;
        lex.next();
        this.name(Rule.TrailerPeriod);
        this.pushResultRule(line2, col2, Rule.TrailerPeriod, 1);
      } else {
        break;
      }
      count++;
    }
    if (count > 1) this.pushResultRule(line, col, Rule.AtomExprTrailers, count);
  }

  private trailerParen(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    if (this.starts(R_ARGLIST)) this.arglist();
    else this.results.push(null);
    this.expect(T_PAREN_CLOSE);
    this.pushResultRule(line, col, Rule.TrailerParen, 1);
  }

  /**
   * `testlist_comp` (in parentheses or brackets). Its grammar puts the
   * items after the first one in a sub-rule (`testlist_comp_3c`), whose
   * reduction takes over the first item; in parentheses, constant items
   * make a constant tuple at that point already.
   */
  private testlistComp(inParens: boolean): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.testlistComp2();
    const t = lex.tokKind;
    if (t === T_FOR) {
      this.compFor();
    } else if (t === T_COMMA) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      if (!this.starts(R_TESTLIST_COMP_2)) {
        // One item and a trailing comma.
        this.results.push(null);
        this.pushResultRule(line2, col2, Rule.TestlistComp3b, 1);
      } else {
        const line3 = lex.tokLine;
        const col3 = lex.tokColumn;
        this.testlistComp2();
        let count = 1;
        let trailing = false;
        while (lex.tokKind === T_COMMA) {
          lex.next();
          if (!this.starts(R_TESTLIST_COMP_2)) {
            trailing = true;
            break;
          }
          this.testlistComp2();
          count++;
        }
        if (count > 1 || trailing) {
          this.parens = inParens;
          this.pushResultRule(line3, col3, Rule.TestlistComp3c, count);
          const top = this.results[this.results.length - 1]!;
          if (
            top.kind !== NodeKind.Struct || top.rule !== Rule.TestlistComp3c
          ) {
            // All constants in parentheses: a constant tuple, and done.
            return;
          }
        }
      }
    } else {
      return;
    }
    this.parens = inParens;
    this.pushResultRule(line, col, Rule.TestlistComp, 2);
  }

  private testlistComp2(): void {
    if (this.lex.tokKind === T_STAR) this.starExpr();
    else this.namedexprTest();
  }

  private starExpr(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    this.expr(Level.BitOr);
    this.pushResultRule(line, col, Rule.StarExpr, 1);
  }

  private dictorsetmaker(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.dictItem();
    const t = lex.tokKind;
    if (t === T_FOR) {
      this.compFor();
    } else if (t === T_COMMA) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      if (this.starts(R_TEST)) {
        const line3 = lex.tokLine;
        const col3 = lex.tokColumn;
        this.dictItem();
        let count = 1;
        let trailing = false;
        while (lex.tokKind === T_COMMA) {
          lex.next();
          if (!this.starts(R_TEST)) {
            trailing = true;
            break;
          }
          this.dictItem();
          count++;
        }
        if (count > 1 || trailing) {
          this.pushResultRule(line3, col3, Rule.DictorsetmakerList2, count);
        }
      } else {
        this.results.push(null);
      }
      this.pushResultRule(line2, col2, Rule.DictorsetmakerList, 1);
    } else {
      return;
    }
    this.pushResultRule(line, col, Rule.Dictorsetmaker, 2);
  }

  private dictItem(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.test();
    if (lex.tokKind === T_COLON) {
      lex.next();
      this.test();
      this.pushResultRule(line, col, Rule.DictorsetmakerItem, 2);
    }
  }

  private compFor(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.enter();
    lex.next();
    this.exprlist();
    this.expect(T_IN);
    this.expr(Level.Or);
    this.compIter();
    this.results.push(null);
    this.pushResultRule(line, col, Rule.CompFor, 4);
    this.depth--;
  }

  /** An optional further `for` or `if` of a comprehension. */
  private compIter(): void {
    const lex = this.lex;
    const t = lex.tokKind;
    if (t === T_FOR) {
      this.compFor();
    } else if (t === T_IF) {
      const line = lex.tokLine;
      const col = lex.tokColumn;
      this.enter();
      lex.next();
      this.testNocond();
      this.compIter();
      this.pushResultRule(line, col, Rule.CompIf, 2);
      this.depth--;
    } else {
      this.results.push(null);
    }
  }

  private exprlist(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.exprlistItem();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      if (!this.starts(R_EXPRLIST_2)) {
        trailing = true;
        break;
      }
      this.exprlistItem();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.Exprlist, count);
    }
  }

  private exprlistItem(): void {
    if (this.lex.tokKind === T_STAR) this.starExpr();
    else this.expr(Level.BitOr);
  }

  private testlist(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.test();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      if (!this.starts(R_TEST)) {
        trailing = true;
        break;
      }
      this.test();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.Testlist, count);
    }
  }

  private testlistStarExpr(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.starOrTest();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      if (!this.starts(R_TESTLIST_STAR_EXPR_2)) {
        trailing = true;
        break;
      }
      this.starOrTest();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.TestlistStarExpr, count);
    }
  }

  // A starred expression or a test (testlist_star_expr's items).
  private starOrTest(): void {
    if (this.lex.tokKind === T_STAR) this.starExpr();
    else this.test();
  }

  private subscriptlist(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.subscript();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      if (!this.starts(R_SUBSCRIPT)) {
        trailing = true;
        break;
      }
      this.subscript();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.Subscriptlist, count);
    }
  }

  private subscript(): void {
    const lex = this.lex;
    if (lex.tokKind === T_COLON) {
      this.slice();
      return;
    }
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.test();
    if (lex.tokKind === T_COLON) {
      this.slice();
      this.pushResultRule(line, col, Rule.Subscript2, 2);
    }
  }

  /** `subscript_3`: `:` and what may follow it in a slice. */
  private slice(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    const t = lex.tokKind;
    if (t === T_COLON) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      if (this.starts(R_TEST)) this.test();
      else this.results.push(null);
      this.pushResultRule(line2, col2, Rule.Subscript3c, 1);
    } else if (mayStart(R_TEST, t)) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      this.test();
      if (lex.tokKind === T_COLON) {
        const line3 = lex.tokLine;
        const col3 = lex.tokColumn;
        lex.next();
        if (this.starts(R_TEST)) this.test();
        else this.results.push(null);
        this.pushResultRule(line3, col3, Rule.Sliceop, 1);
        this.pushResultRule(line2, col2, Rule.Subscript3d, 2);
      }
    } else {
      this.results.push(null);
    }
    this.pushResultRule(line, col, Rule.Subscript3, 1);
  }

  private arglist(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    this.argument();
    let count = 1;
    let trailing = false;
    while (lex.tokKind === T_COMMA) {
      lex.next();
      if (!this.starts(R_ARGLIST)) {
        trailing = true;
        break;
      }
      this.argument();
      count++;
    }
    if (count > 1 || trailing) {
      this.pushResultRule(line, col, Rule.Arglist, count);
    }
  }

  private argument(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    const t = lex.tokKind;
    if (t === T_STAR || t === T_DBL_STAR) {
      lex.next();
      this.test();
      this.pushResultRule(
        line,
        col,
        t === T_STAR ? Rule.ArglistStar : Rule.ArglistDblStar,
        1,
      );
      return;
    }
    this.test();
    const t2 = lex.tokKind;
    if (t2 === T_FOR) {
      this.compFor();
    } else if (t2 === T_EQUAL) {
      lex.next();
      this.test();
    } else if (t2 === T_WALRUS) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      this.test();
      this.pushResultRule(line2, col2, Rule.Argument3, 1);
    } else {
      return;
    }
    this.pushResultRule(line, col, Rule.Argument, 2);
  }

  private yieldExpr(): void {
    const lex = this.lex;
    const line = lex.tokLine;
    const col = lex.tokColumn;
    lex.next();
    const t = lex.tokKind;
    if (t === T_FROM) {
      const line2 = lex.tokLine;
      const col2 = lex.tokColumn;
      lex.next();
      this.test();
      this.pushResultRule(line2, col2, Rule.YieldArgFrom, 1);
    } else if (mayStart(R_TESTLIST, t)) {
      this.testlist();
    } else {
      this.results.push(null);
    }
    this.pushResultRule(line, col, Rule.YieldExpr, 1);
  }
}

/** Parses Python source into a parse tree; throws {@link ParseError}. */
export function parse(
  source: string,
  input: InputKind,
  options: ParseOptions,
): ParseTree {
  const text = sourceBytes(source);
  const fast = parseText(text, input, options);
  if (fast !== null) return fast;
  // Start again with the grammar-table parser, which settles it.
  return parseTextWithTables(text, input, options);
}

/**
 * The recursive-descent parser alone: the tree, or null where it gives up
 * (where {@link parse} hands over to the grammar-table parser).
 */
export function parseFast(
  source: string,
  input: InputKind,
  options: ParseOptions,
): ParseTree | null {
  return parseText(sourceBytes(source), input, options);
}

/** The grammar-table parser alone (what {@link parse} falls back on). */
export function parseWithTables(
  source: string,
  input: InputKind,
  options: ParseOptions,
): ParseTree {
  return parseTextWithTables(sourceBytes(source), input, options);
}

function parseText(
  text: string,
  input: InputKind,
  options: ParseOptions,
): ParseTree | null {
  try {
    const lex = new Lexer(text, options.optLevel);
    return { root: new Parser(lex, options, input).parse() };
  } catch (e) {
    if (
      e !== ABANDON && !(e instanceof ParseError) &&
      !(e instanceof LexerError) && !(e instanceof RangeError)
    ) {
      throw e;
    }
    return null;
  }
}

function parseTextWithTables(
  text: string,
  input: InputKind,
  options: ParseOptions,
): ParseTree {
  let lex: Lexer;
  try {
    lex = new Lexer(text, options.optLevel);
  } catch (e) {
    if (e instanceof LexerError) {
      throw new ParseError("SyntaxError", e.message, e.line, 1);
    }
    throw e;
  }
  return { root: new TableParser(lex, options).parse(input) };
}

/** Whether a node is a compile-time constant whose truth value is `value`. */
export function isConstBool(pn: PN, value: boolean): boolean {
  return constTruth(pn) === (value ? 1 : 0);
}

function constTruth(pn: PN): number {
  if (pn === null) return -1;
  switch (pn.kind) {
    case NodeKind.SmallInt:
      return pn.num !== 0 ? 1 : 0;
    case NodeKind.Str:
      return pn.str.length !== 0 ? 1 : 0;
    case NodeKind.Token:
      return tokenTruth(pn.rule);
    case NodeKind.Id:
      return -1;
    case NodeKind.Struct:
      if (pn.rule === Rule.ConstObject) return isTrue(pn.obj!) ? 1 : 0;
      if (pn.rule === Rule.AtomParen && pn.nodes[0] === null) return 0;
      return -1;
  }
}

function tokenTruth(tok: number): number {
  switch (tok) {
    case Tok.KwNone:
    case Tok.KwFalse:
      return 0;
    case Tok.KwTrue:
    case Tok.Ellipsis:
      return 1;
    default:
      return -1;
  }
}

/** Whether a node is an identifier or small int (re-exported helpers). */
export { isId, isSmallInt };
