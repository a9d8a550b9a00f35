/**
 * MicroPython's Python grammar (`py/grammar.h`) as data for the parser.
 *
 * Each rule is an `or` (first alternative that matches), an `and` (a fixed
 * sequence, optionally collapsing to its only non-empty child, or getting an
 * extra blank node for the compiler's use) or a list (one or more items,
 * optionally separated, optionally with a trailing separator). Parse nodes
 * keep the rule's identity, so the tree has exactly MicroPython's shape,
 * which is what line-number events and constant folding depend on.
 *
 * @module
 */

import { Tok } from "./tokens.ts";
import { RULE_START } from "./grammar_first.ts";

/** Grammar rules; struct parse nodes carry one of these as their kind. */
export const enum Rule {
  GenericColonTest,
  GenericEqualTest,
  SingleInput,
  FileInput,
  FileInput2,
  FileInput3,
  EvalInput,
  EvalInput2,
  Decorator,
  Decorators,
  Decorated,
  DecoratedBody,
  AsyncFuncdef,
  Funcdef,
  Funcdefrettype,
  Typedargslist,
  TypedargslistItem,
  TypedargslistName,
  TypedargslistStar,
  TypedargslistDblStar,
  Tfpdef,
  Varargslist,
  VarargslistItem,
  VarargslistName,
  VarargslistStar,
  VarargslistDblStar,
  Vfpdef,
  Stmt,
  SimpleStmt,
  SimpleStmt2,
  SmallStmt,
  ExprStmt,
  ExprStmt2,
  ExprStmtAugassign,
  ExprStmtAssignList,
  ExprStmtAssign,
  ExprStmt6,
  TestlistStarExpr,
  TestlistStarExpr2,
  Annassign,
  Augassign,
  DelStmt,
  PassStmt,
  FlowStmt,
  BreakStmt,
  ContinueStmt,
  ReturnStmt,
  YieldStmt,
  RaiseStmt,
  RaiseStmtArg,
  RaiseStmtFrom,
  ImportStmt,
  ImportName,
  ImportFrom,
  ImportFrom2,
  ImportFrom2b,
  ImportFrom3,
  ImportAsNamesParen,
  OneOrMorePeriodOrEllipsis,
  PeriodOrEllipsis,
  ImportAsName,
  DottedAsName,
  AsName,
  ImportAsNames,
  DottedAsNames,
  DottedName,
  GlobalStmt,
  NonlocalStmt,
  NameList,
  AssertStmt,
  AssertStmtExtra,
  CompoundStmt,
  AsyncStmt,
  AsyncStmt2,
  IfStmt,
  IfStmtElifList,
  IfStmtElif,
  WhileStmt,
  ForStmt,
  TryStmt,
  TryStmt2,
  TryStmtExceptAndMore,
  TryStmtExcept,
  TryStmtAsName,
  TryStmtExceptList,
  TryStmtFinally,
  ElseStmt,
  WithStmt,
  WithStmtList,
  WithItem,
  WithItemAs,
  Suite,
  SuiteBlock,
  SuiteBlockStmts,
  NamedexprTest,
  NamedexprTest2,
  Test,
  TestIfExpr,
  TestIfElse,
  TestNocond,
  Lambdef,
  LambdefNocond,
  OrTest,
  AndTest,
  NotTest,
  NotTest2,
  Comparison,
  CompOp,
  CompOpNotIn,
  CompOpIs,
  CompOpIsNot,
  StarExpr,
  Expr,
  XorExpr,
  AndExpr,
  ShiftExpr,
  ShiftOp,
  ArithExpr,
  ArithOp,
  Term,
  TermOp,
  Factor,
  Factor2,
  FactorOp,
  Power,
  AtomExpr,
  AtomExprAwait,
  AtomExprNormal,
  AtomExprTrailers,
  PowerDblStar,
  Atom,
  AtomParen,
  Atom2b,
  AtomBracket,
  AtomBrace,
  TestlistComp,
  TestlistComp2,
  TestlistComp3,
  TestlistComp3b,
  TestlistComp3c,
  Trailer,
  TrailerParen,
  TrailerBracket,
  TrailerPeriod,
  Subscriptlist,
  Subscript,
  Subscript2,
  Subscript3,
  Subscript3b,
  Subscript3c,
  Subscript3d,
  Sliceop,
  Exprlist,
  Exprlist2,
  Testlist,
  Dictorsetmaker,
  DictorsetmakerItem,
  DictorsetmakerTail,
  DictorsetmakerList,
  DictorsetmakerList2,
  Classdef,
  Classdef2,
  Arglist,
  Arglist2,
  ArglistStar,
  ArglistDblStar,
  Argument,
  Argument2,
  Argument3,
  CompIter,
  CompFor,
  CompIf,
  YieldExpr,
  YieldArg,
  YieldArgFrom,
  /** A parse-time constant (folded value, long string, float, bytes…). */
  ConstObject,
  /** Number of rules. */
  Count,
}

/** How a rule matches. */
export const enum Act {
  Or = 0x10,
  And = 0x20,
  List = 0x30,
}

/** Flags and masks of a rule's action byte. */
export const enum ActBits {
  ArgMask = 0x0f,
  KindMask = 0x30,
  AllowIdent = 0x40,
  AddBlank = 0x80,
}

/** Kinds of a rule argument, in the top bits of its code. */
export const enum ArgKind {
  Tok = 0x1000,
  Rule = 0x2000,
  OptRule = 0x3000,
  KindMask = 0xf000,
  ArgMask = 0x0fff,
}

const or = (n: number): number => Act.Or | n;
const and = (n: number): number => Act.And | n;
const andIdent = (n: number): number => Act.And | n | ActBits.AllowIdent;
const andBlank = (n: number): number => Act.And | n | ActBits.AddBlank;
// List variants: 2 = item item*, 1 = item (sep item)*, 3 = with trailing sep.
const oneOrMore = Act.List | 2;
const list = Act.List | 1;
const listWithEnd = Act.List | 3;

const t = (k: Tok): number => ArgKind.Tok | k;
const r = (k: Rule): number => ArgKind.Rule | k;
const o = (k: Rule): number => ArgKind.OptRule | k;

/** Action byte of every rule, indexed by {@link Rule}. */
export const RULE_ACT: Uint8Array = new Uint8Array(Rule.Count + 1);
/** Argument codes of every rule, indexed by {@link Rule}. */
export const RULE_ARGS: Uint16Array[] = [];

function def(rule: Rule, act: number, ...args: number[]): void {
  RULE_ACT[rule] = act;
  RULE_ARGS[rule] = Uint16Array.from(args);
}

def(Rule.GenericColonTest, andIdent(2), t(Tok.DelColon), r(Rule.Test));
def(Rule.GenericEqualTest, andIdent(2), t(Tok.DelEqual), r(Rule.Test));
def(
  Rule.SingleInput,
  or(3),
  t(Tok.Newline),
  r(Rule.SimpleStmt),
  r(Rule.CompoundStmt),
);
def(Rule.FileInput, andIdent(1), o(Rule.FileInput2));
def(Rule.FileInput2, oneOrMore, r(Rule.FileInput3));
def(Rule.FileInput3, or(2), t(Tok.Newline), r(Rule.Stmt));
def(Rule.EvalInput, andIdent(2), r(Rule.Testlist), o(Rule.EvalInput2));
def(Rule.EvalInput2, and(1), t(Tok.Newline));
def(
  Rule.Decorator,
  and(4),
  t(Tok.OpAt),
  r(Rule.DottedName),
  o(Rule.TrailerParen),
  t(Tok.Newline),
);
def(Rule.Decorators, oneOrMore, r(Rule.Decorator));
def(Rule.Decorated, andIdent(2), r(Rule.Decorators), r(Rule.DecoratedBody));
def(
  Rule.DecoratedBody,
  or(3),
  r(Rule.Classdef),
  r(Rule.Funcdef),
  r(Rule.AsyncFuncdef),
);
def(Rule.AsyncFuncdef, and(2), t(Tok.KwAsync), r(Rule.Funcdef));
def(
  Rule.Funcdef,
  andBlank(8),
  t(Tok.KwDef),
  t(Tok.Name),
  t(Tok.DelParenOpen),
  o(Rule.Typedargslist),
  t(Tok.DelParenClose),
  o(Rule.Funcdefrettype),
  t(Tok.DelColon),
  r(Rule.Suite),
);
def(Rule.Funcdefrettype, andIdent(2), t(Tok.DelMinusMore), r(Rule.Test));
def(
  Rule.Typedargslist,
  listWithEnd,
  r(Rule.TypedargslistItem),
  t(Tok.DelComma),
);
def(
  Rule.TypedargslistItem,
  or(3),
  r(Rule.TypedargslistName),
  r(Rule.TypedargslistStar),
  r(Rule.TypedargslistDblStar),
);
def(
  Rule.TypedargslistName,
  andIdent(3),
  t(Tok.Name),
  o(Rule.GenericColonTest),
  o(Rule.GenericEqualTest),
);
def(Rule.TypedargslistStar, and(2), t(Tok.OpStar), o(Rule.Tfpdef));
def(
  Rule.TypedargslistDblStar,
  and(3),
  t(Tok.OpDblStar),
  t(Tok.Name),
  o(Rule.GenericColonTest),
);
def(Rule.Tfpdef, and(2), t(Tok.Name), o(Rule.GenericColonTest));
def(Rule.Varargslist, listWithEnd, r(Rule.VarargslistItem), t(Tok.DelComma));
def(
  Rule.VarargslistItem,
  or(3),
  r(Rule.VarargslistName),
  r(Rule.VarargslistStar),
  r(Rule.VarargslistDblStar),
);
def(
  Rule.VarargslistName,
  andIdent(2),
  t(Tok.Name),
  o(Rule.GenericEqualTest),
);
def(Rule.VarargslistStar, and(2), t(Tok.OpStar), o(Rule.Vfpdef));
def(Rule.VarargslistDblStar, and(2), t(Tok.OpDblStar), t(Tok.Name));
def(Rule.Vfpdef, andIdent(1), t(Tok.Name));
def(Rule.Stmt, or(2), r(Rule.CompoundStmt), r(Rule.SimpleStmt));
def(Rule.SimpleStmt, andIdent(2), r(Rule.SimpleStmt2), t(Tok.Newline));
def(Rule.SimpleStmt2, listWithEnd, r(Rule.SmallStmt), t(Tok.DelSemicolon));
def(
  Rule.SmallStmt,
  or(8),
  r(Rule.DelStmt),
  r(Rule.PassStmt),
  r(Rule.FlowStmt),
  r(Rule.ImportStmt),
  r(Rule.GlobalStmt),
  r(Rule.NonlocalStmt),
  r(Rule.AssertStmt),
  r(Rule.ExprStmt),
);
def(Rule.ExprStmt, and(2), r(Rule.TestlistStarExpr), o(Rule.ExprStmt2));
def(
  Rule.ExprStmt2,
  or(3),
  r(Rule.Annassign),
  r(Rule.ExprStmtAugassign),
  r(Rule.ExprStmtAssignList),
);
def(
  Rule.ExprStmtAugassign,
  andIdent(2),
  r(Rule.Augassign),
  r(Rule.ExprStmt6),
);
def(Rule.ExprStmtAssignList, oneOrMore, r(Rule.ExprStmtAssign));
def(Rule.ExprStmtAssign, andIdent(2), t(Tok.DelEqual), r(Rule.ExprStmt6));
def(Rule.ExprStmt6, or(2), r(Rule.YieldExpr), r(Rule.TestlistStarExpr));
def(
  Rule.TestlistStarExpr,
  listWithEnd,
  r(Rule.TestlistStarExpr2),
  t(Tok.DelComma),
);
def(Rule.TestlistStarExpr2, or(2), r(Rule.StarExpr), r(Rule.Test));
def(
  Rule.Annassign,
  and(3),
  t(Tok.DelColon),
  r(Rule.Test),
  o(Rule.ExprStmtAssign),
);
def(
  Rule.Augassign,
  or(13),
  t(Tok.DelPlusEqual),
  t(Tok.DelMinusEqual),
  t(Tok.DelStarEqual),
  t(Tok.DelAtEqual),
  t(Tok.DelSlashEqual),
  t(Tok.DelPercentEqual),
  t(Tok.DelAmpersandEqual),
  t(Tok.DelPipeEqual),
  t(Tok.DelCaretEqual),
  t(Tok.DelDblLessEqual),
  t(Tok.DelDblMoreEqual),
  t(Tok.DelDblStarEqual),
  t(Tok.DelDblSlashEqual),
);
def(Rule.DelStmt, and(2), t(Tok.KwDel), r(Rule.Exprlist));
def(Rule.PassStmt, and(1), t(Tok.KwPass));
def(
  Rule.FlowStmt,
  or(5),
  r(Rule.BreakStmt),
  r(Rule.ContinueStmt),
  r(Rule.ReturnStmt),
  r(Rule.RaiseStmt),
  r(Rule.YieldStmt),
);
def(Rule.BreakStmt, and(1), t(Tok.KwBreak));
def(Rule.ContinueStmt, and(1), t(Tok.KwContinue));
def(Rule.ReturnStmt, and(2), t(Tok.KwReturn), o(Rule.Testlist));
def(Rule.YieldStmt, and(1), r(Rule.YieldExpr));
def(Rule.RaiseStmt, and(2), t(Tok.KwRaise), o(Rule.RaiseStmtArg));
def(Rule.RaiseStmtArg, andIdent(2), r(Rule.Test), o(Rule.RaiseStmtFrom));
def(Rule.RaiseStmtFrom, andIdent(2), t(Tok.KwFrom), r(Rule.Test));
def(Rule.ImportStmt, or(2), r(Rule.ImportName), r(Rule.ImportFrom));
def(Rule.ImportName, and(2), t(Tok.KwImport), r(Rule.DottedAsNames));
def(
  Rule.ImportFrom,
  and(4),
  t(Tok.KwFrom),
  r(Rule.ImportFrom2),
  t(Tok.KwImport),
  r(Rule.ImportFrom3),
);
def(Rule.ImportFrom2, or(2), r(Rule.DottedName), r(Rule.ImportFrom2b));
def(
  Rule.ImportFrom2b,
  andIdent(2),
  r(Rule.OneOrMorePeriodOrEllipsis),
  o(Rule.DottedName),
);
def(
  Rule.ImportFrom3,
  or(3),
  t(Tok.OpStar),
  r(Rule.ImportAsNamesParen),
  r(Rule.ImportAsNames),
);
def(
  Rule.ImportAsNamesParen,
  andIdent(3),
  t(Tok.DelParenOpen),
  r(Rule.ImportAsNames),
  t(Tok.DelParenClose),
);
def(Rule.OneOrMorePeriodOrEllipsis, oneOrMore, r(Rule.PeriodOrEllipsis));
def(Rule.PeriodOrEllipsis, or(2), t(Tok.DelPeriod), t(Tok.Ellipsis));
def(Rule.ImportAsName, and(2), t(Tok.Name), o(Rule.AsName));
def(Rule.DottedAsName, andIdent(2), r(Rule.DottedName), o(Rule.AsName));
def(Rule.AsName, andIdent(2), t(Tok.KwAs), t(Tok.Name));
def(Rule.ImportAsNames, listWithEnd, r(Rule.ImportAsName), t(Tok.DelComma));
def(Rule.DottedAsNames, list, r(Rule.DottedAsName), t(Tok.DelComma));
def(Rule.DottedName, list, t(Tok.Name), t(Tok.DelPeriod));
def(Rule.GlobalStmt, and(2), t(Tok.KwGlobal), r(Rule.NameList));
def(Rule.NonlocalStmt, and(2), t(Tok.KwNonlocal), r(Rule.NameList));
def(Rule.NameList, list, t(Tok.Name), t(Tok.DelComma));
def(
  Rule.AssertStmt,
  and(3),
  t(Tok.KwAssert),
  r(Rule.Test),
  o(Rule.AssertStmtExtra),
);
def(Rule.AssertStmtExtra, andIdent(2), t(Tok.DelComma), r(Rule.Test));
def(
  Rule.CompoundStmt,
  or(9),
  r(Rule.IfStmt),
  r(Rule.WhileStmt),
  r(Rule.ForStmt),
  r(Rule.TryStmt),
  r(Rule.WithStmt),
  r(Rule.Funcdef),
  r(Rule.Classdef),
  r(Rule.Decorated),
  r(Rule.AsyncStmt),
);
def(Rule.AsyncStmt, and(2), t(Tok.KwAsync), r(Rule.AsyncStmt2));
def(
  Rule.AsyncStmt2,
  or(3),
  r(Rule.Funcdef),
  r(Rule.WithStmt),
  r(Rule.ForStmt),
);
def(
  Rule.IfStmt,
  and(6),
  t(Tok.KwIf),
  r(Rule.NamedexprTest),
  t(Tok.DelColon),
  r(Rule.Suite),
  o(Rule.IfStmtElifList),
  o(Rule.ElseStmt),
);
def(Rule.IfStmtElifList, oneOrMore, r(Rule.IfStmtElif));
def(
  Rule.IfStmtElif,
  and(4),
  t(Tok.KwElif),
  r(Rule.NamedexprTest),
  t(Tok.DelColon),
  r(Rule.Suite),
);
def(
  Rule.WhileStmt,
  and(5),
  t(Tok.KwWhile),
  r(Rule.NamedexprTest),
  t(Tok.DelColon),
  r(Rule.Suite),
  o(Rule.ElseStmt),
);
def(
  Rule.ForStmt,
  and(7),
  t(Tok.KwFor),
  r(Rule.Exprlist),
  t(Tok.KwIn),
  r(Rule.Testlist),
  t(Tok.DelColon),
  r(Rule.Suite),
  o(Rule.ElseStmt),
);
def(
  Rule.TryStmt,
  and(4),
  t(Tok.KwTry),
  t(Tok.DelColon),
  r(Rule.Suite),
  r(Rule.TryStmt2),
);
def(
  Rule.TryStmt2,
  or(2),
  r(Rule.TryStmtExceptAndMore),
  r(Rule.TryStmtFinally),
);
def(
  Rule.TryStmtExceptAndMore,
  andIdent(3),
  r(Rule.TryStmtExceptList),
  o(Rule.ElseStmt),
  o(Rule.TryStmtFinally),
);
def(
  Rule.TryStmtExcept,
  and(4),
  t(Tok.KwExcept),
  o(Rule.TryStmtAsName),
  t(Tok.DelColon),
  r(Rule.Suite),
);
def(Rule.TryStmtAsName, andIdent(2), r(Rule.Test), o(Rule.AsName));
def(Rule.TryStmtExceptList, oneOrMore, r(Rule.TryStmtExcept));
def(
  Rule.TryStmtFinally,
  and(3),
  t(Tok.KwFinally),
  t(Tok.DelColon),
  r(Rule.Suite),
);
def(Rule.ElseStmt, andIdent(3), t(Tok.KwElse), t(Tok.DelColon), r(Rule.Suite));
def(
  Rule.WithStmt,
  and(4),
  t(Tok.KwWith),
  r(Rule.WithStmtList),
  t(Tok.DelColon),
  r(Rule.Suite),
);
def(Rule.WithStmtList, list, r(Rule.WithItem), t(Tok.DelComma));
def(Rule.WithItem, andIdent(2), r(Rule.Test), o(Rule.WithItemAs));
def(Rule.WithItemAs, andIdent(2), t(Tok.KwAs), r(Rule.Expr));
def(Rule.Suite, or(2), r(Rule.SuiteBlock), r(Rule.SimpleStmt));
def(
  Rule.SuiteBlock,
  andIdent(4),
  t(Tok.Newline),
  t(Tok.Indent),
  r(Rule.SuiteBlockStmts),
  t(Tok.Dedent),
);
def(Rule.SuiteBlockStmts, oneOrMore, r(Rule.Stmt));
def(Rule.NamedexprTest, andIdent(2), r(Rule.Test), o(Rule.NamedexprTest2));
def(Rule.NamedexprTest2, andIdent(2), t(Tok.OpAssign), r(Rule.Test));
def(Rule.Test, or(2), r(Rule.Lambdef), r(Rule.TestIfExpr));
def(Rule.TestIfExpr, andIdent(2), r(Rule.OrTest), o(Rule.TestIfElse));
def(
  Rule.TestIfElse,
  and(4),
  t(Tok.KwIf),
  r(Rule.OrTest),
  t(Tok.KwElse),
  r(Rule.Test),
);
def(Rule.TestNocond, or(2), r(Rule.LambdefNocond), r(Rule.OrTest));
def(
  Rule.Lambdef,
  andBlank(4),
  t(Tok.KwLambda),
  o(Rule.Varargslist),
  t(Tok.DelColon),
  r(Rule.Test),
);
def(
  Rule.LambdefNocond,
  andBlank(4),
  t(Tok.KwLambda),
  o(Rule.Varargslist),
  t(Tok.DelColon),
  r(Rule.TestNocond),
);
def(Rule.OrTest, list, r(Rule.AndTest), t(Tok.KwOr));
def(Rule.AndTest, list, r(Rule.NotTest), t(Tok.KwAnd));
def(Rule.NotTest, or(2), r(Rule.NotTest2), r(Rule.Comparison));
def(Rule.NotTest2, and(2), t(Tok.KwNot), r(Rule.NotTest));
def(Rule.Comparison, list, r(Rule.Expr), r(Rule.CompOp));
def(
  Rule.CompOp,
  or(9),
  t(Tok.OpLess),
  t(Tok.OpMore),
  t(Tok.OpDblEqual),
  t(Tok.OpLessEqual),
  t(Tok.OpMoreEqual),
  t(Tok.OpNotEqual),
  t(Tok.KwIn),
  r(Rule.CompOpNotIn),
  r(Rule.CompOpIs),
);
def(Rule.CompOpNotIn, and(2), t(Tok.KwNot), t(Tok.KwIn));
def(Rule.CompOpIs, and(2), t(Tok.KwIs), o(Rule.CompOpIsNot));
def(Rule.CompOpIsNot, and(1), t(Tok.KwNot));
def(Rule.StarExpr, and(2), t(Tok.OpStar), r(Rule.Expr));
def(Rule.Expr, list, r(Rule.XorExpr), t(Tok.OpPipe));
def(Rule.XorExpr, list, r(Rule.AndExpr), t(Tok.OpCaret));
def(Rule.AndExpr, list, r(Rule.ShiftExpr), t(Tok.OpAmpersand));
def(Rule.ShiftExpr, list, r(Rule.ArithExpr), r(Rule.ShiftOp));
def(Rule.ShiftOp, or(2), t(Tok.OpDblLess), t(Tok.OpDblMore));
def(Rule.ArithExpr, list, r(Rule.Term), r(Rule.ArithOp));
def(Rule.ArithOp, or(2), t(Tok.OpPlus), t(Tok.OpMinus));
def(Rule.Term, list, r(Rule.Factor), r(Rule.TermOp));
def(
  Rule.TermOp,
  or(5),
  t(Tok.OpStar),
  t(Tok.OpAt),
  t(Tok.OpSlash),
  t(Tok.OpPercent),
  t(Tok.OpDblSlash),
);
def(Rule.Factor, or(2), r(Rule.Factor2), r(Rule.Power));
def(Rule.Factor2, andIdent(2), r(Rule.FactorOp), r(Rule.Factor));
def(Rule.FactorOp, or(3), t(Tok.OpPlus), t(Tok.OpMinus), t(Tok.OpTilde));
def(Rule.Power, andIdent(2), r(Rule.AtomExpr), o(Rule.PowerDblStar));
def(Rule.AtomExpr, or(2), r(Rule.AtomExprAwait), r(Rule.AtomExprNormal));
def(
  Rule.AtomExprAwait,
  and(3),
  t(Tok.KwAwait),
  r(Rule.Atom),
  o(Rule.AtomExprTrailers),
);
def(
  Rule.AtomExprNormal,
  andIdent(2),
  r(Rule.Atom),
  o(Rule.AtomExprTrailers),
);
def(Rule.AtomExprTrailers, oneOrMore, r(Rule.Trailer));
def(Rule.PowerDblStar, andIdent(2), t(Tok.OpDblStar), r(Rule.Factor));
def(
  Rule.Atom,
  or(12),
  t(Tok.Name),
  t(Tok.Integer),
  t(Tok.FloatOrImag),
  t(Tok.String),
  t(Tok.Bytes),
  t(Tok.Ellipsis),
  t(Tok.KwNone),
  t(Tok.KwTrue),
  t(Tok.KwFalse),
  r(Rule.AtomParen),
  r(Rule.AtomBracket),
  r(Rule.AtomBrace),
);
def(
  Rule.AtomParen,
  and(3),
  t(Tok.DelParenOpen),
  o(Rule.Atom2b),
  t(Tok.DelParenClose),
);
def(Rule.Atom2b, or(2), r(Rule.YieldExpr), r(Rule.TestlistComp));
def(
  Rule.AtomBracket,
  and(3),
  t(Tok.DelBracketOpen),
  o(Rule.TestlistComp),
  t(Tok.DelBracketClose),
);
def(
  Rule.AtomBrace,
  and(3),
  t(Tok.DelBraceOpen),
  o(Rule.Dictorsetmaker),
  t(Tok.DelBraceClose),
);
def(
  Rule.TestlistComp,
  andIdent(2),
  r(Rule.TestlistComp2),
  o(Rule.TestlistComp3),
);
def(Rule.TestlistComp2, or(2), r(Rule.StarExpr), r(Rule.NamedexprTest));
def(Rule.TestlistComp3, or(2), r(Rule.CompFor), r(Rule.TestlistComp3b));
def(
  Rule.TestlistComp3b,
  andIdent(2),
  t(Tok.DelComma),
  o(Rule.TestlistComp3c),
);
def(
  Rule.TestlistComp3c,
  listWithEnd,
  r(Rule.TestlistComp2),
  t(Tok.DelComma),
);
def(
  Rule.Trailer,
  or(3),
  r(Rule.TrailerParen),
  r(Rule.TrailerBracket),
  r(Rule.TrailerPeriod),
);
def(
  Rule.TrailerParen,
  and(3),
  t(Tok.DelParenOpen),
  o(Rule.Arglist),
  t(Tok.DelParenClose),
);
def(
  Rule.TrailerBracket,
  and(3),
  t(Tok.DelBracketOpen),
  r(Rule.Subscriptlist),
  t(Tok.DelBracketClose),
);
def(Rule.TrailerPeriod, and(2), t(Tok.DelPeriod), t(Tok.Name));
def(Rule.Subscriptlist, listWithEnd, r(Rule.Subscript), t(Tok.DelComma));
def(Rule.Subscript, or(2), r(Rule.Subscript3), r(Rule.Subscript2));
def(Rule.Subscript2, andIdent(2), r(Rule.Test), o(Rule.Subscript3));
def(Rule.Subscript3, and(2), t(Tok.DelColon), o(Rule.Subscript3b));
def(Rule.Subscript3b, or(2), r(Rule.Subscript3c), r(Rule.Subscript3d));
def(Rule.Subscript3c, and(2), t(Tok.DelColon), o(Rule.Test));
def(Rule.Subscript3d, andIdent(2), r(Rule.Test), o(Rule.Sliceop));
def(Rule.Sliceop, and(2), t(Tok.DelColon), o(Rule.Test));
def(Rule.Exprlist, listWithEnd, r(Rule.Exprlist2), t(Tok.DelComma));
def(Rule.Exprlist2, or(2), r(Rule.StarExpr), r(Rule.Expr));
def(Rule.Testlist, listWithEnd, r(Rule.Test), t(Tok.DelComma));
def(
  Rule.Dictorsetmaker,
  andIdent(2),
  r(Rule.DictorsetmakerItem),
  o(Rule.DictorsetmakerTail),
);
def(
  Rule.DictorsetmakerItem,
  andIdent(2),
  r(Rule.Test),
  o(Rule.GenericColonTest),
);
def(
  Rule.DictorsetmakerTail,
  or(2),
  r(Rule.CompFor),
  r(Rule.DictorsetmakerList),
);
def(
  Rule.DictorsetmakerList,
  and(2),
  t(Tok.DelComma),
  o(Rule.DictorsetmakerList2),
);
def(
  Rule.DictorsetmakerList2,
  listWithEnd,
  r(Rule.DictorsetmakerItem),
  t(Tok.DelComma),
);
def(
  Rule.Classdef,
  andBlank(5),
  t(Tok.KwClass),
  t(Tok.Name),
  o(Rule.Classdef2),
  t(Tok.DelColon),
  r(Rule.Suite),
);
def(
  Rule.Classdef2,
  andIdent(3),
  t(Tok.DelParenOpen),
  o(Rule.Arglist),
  t(Tok.DelParenClose),
);
def(Rule.Arglist, listWithEnd, r(Rule.Arglist2), t(Tok.DelComma));
def(
  Rule.Arglist2,
  or(3),
  r(Rule.ArglistStar),
  r(Rule.ArglistDblStar),
  r(Rule.Argument),
);
def(Rule.ArglistStar, and(2), t(Tok.OpStar), r(Rule.Test));
def(Rule.ArglistDblStar, and(2), t(Tok.OpDblStar), r(Rule.Test));
def(Rule.Argument, andIdent(2), r(Rule.Test), o(Rule.Argument2));
def(
  Rule.Argument2,
  or(3),
  r(Rule.CompFor),
  r(Rule.GenericEqualTest),
  r(Rule.Argument3),
);
def(Rule.Argument3, and(2), t(Tok.OpAssign), r(Rule.Test));
def(Rule.CompIter, or(2), r(Rule.CompFor), r(Rule.CompIf));
def(
  Rule.CompFor,
  andBlank(5),
  t(Tok.KwFor),
  r(Rule.Exprlist),
  t(Tok.KwIn),
  r(Rule.OrTest),
  o(Rule.CompIter),
);
def(Rule.CompIf, and(3), t(Tok.KwIf), r(Rule.TestNocond), o(Rule.CompIter));
def(Rule.YieldExpr, and(2), t(Tok.KwYield), o(Rule.YieldArg));
def(Rule.YieldArg, or(2), r(Rule.YieldArgFrom), r(Rule.Testlist));
def(Rule.YieldArgFrom, and(2), t(Tok.KwFrom), r(Rule.Test));
def(Rule.ConstObject, 0);

/**
 * Whether `rule` may start with token `tok`: the token is in its FIRST set,
 * or the rule can match without consuming anything. The sets are generated
 * from the tables above (`tools/gen_grammar_first.ts`).
 */
export function mayStart(rule: number, tok: number): boolean {
  return ((RULE_START[(rule << 2) | (tok >> 5)] >>> (tok & 31)) & 1) === 1;
}
