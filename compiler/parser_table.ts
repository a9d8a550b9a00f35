/**
 * The grammar-table parser: MicroPython's own algorithm (`py/parse.c`),
 * driven by the rule tables of `grammar.ts` with explicit rule and result
 * stacks, so that however deeply the source nests it never recurses. It is
 * the reference for what the faster recursive-descent parser (`parser.ts`)
 * accepts and the tree it builds, and that parser hands it whatever it does
 * not take itself: syntax errors (reported here at MicroPython's positions)
 * and pathologically nested source.
 *
 * @module
 */

import {
  Act,
  ActBits,
  ArgKind,
  mayStart,
  Rule,
  RULE_ACT,
  RULE_ARGS,
} from "./grammar.ts";
import { Tok } from "./tokens.ts";
import { isStruct, NodeKind, type PN } from "./parse_node.ts";
import { InputKind, ParseState } from "./parse_state.ts";

// Grammar enum values as plain constants for the parser's inner loop
// (enum members imported from another module are property reads).
const ACT_OR = Act.Or as number;
const ACT_AND = Act.And as number;
const ACT_ARG_MASK = ActBits.ArgMask as number;
const ACT_KIND_MASK = ActBits.KindMask as number;
const ACT_ALLOW_IDENT = ActBits.AllowIdent as number;
const ACT_ADD_BLANK = ActBits.AddBlank as number;
const ARG_TOK = ArgKind.Tok as number;
const ARG_OPT_RULE = ArgKind.OptRule as number;
const ARG_KIND_MASK = ArgKind.KindMask as number;
const ARG_ARG_MASK = ArgKind.ArgMask as number;
const TOK_NAME = Tok.Name as number;
const RULE_EXPR_STMT = Rule.ExprStmt as number;

/** The table-driven parser over one lexer. */
export class TableParser extends ParseState {
  // The rule stack: (rule, argument index, line, column) per entry.
  private rs = new Int32Array(256);
  private ruleTop = 0;

  private pushRule(
    line: number,
    col: number,
    rule: number,
    argI: number,
  ): void {
    let rs = this.rs;
    const k = this.ruleTop * 4;
    if (k + 4 > rs.length) {
      const bigger = new Int32Array(rs.length * 2);
      bigger.set(rs);
      this.rs = rs = bigger;
    }
    rs[k] = rule;
    rs[k + 1] = argI;
    rs[k + 2] = line;
    rs[k + 3] = col;
    this.ruleTop++;
  }

  private peekRule(n: number): number {
    return this.rs[(this.ruleTop - 1 - n) * 4];
  }

  // A testlist_comp is parenthesised when the rule below it is atom_paren;
  // for its item list (testlist_comp_3c) that rule is two further down.
  protected override inParens(rule: number): boolean {
    return this.peekRule(rule === Rule.TestlistComp ? 0 : 2) ===
      Rule.AtomParen;
  }

  // The constant tuple completes the testlist_comp: its pending rules go.
  protected override parenTupleBuilt(): void {
    this.ruleTop -= 2;
  }

  /** Parses the whole input; throws {@link ParseError}. */
  parse(input: InputKind): PN {
    const lex = this.lex;
    const top = input === InputKind.Single
      ? Rule.SingleInput
      : input === InputKind.Eval
      ? Rule.EvalInput
      : Rule.FileInput;
    this.pushRule(lex.tokLine, lex.tokColumn, top, 0);
    let backtrack = false;

    mainLoop:
    while (this.ruleTop > 0) {
      const k = --this.ruleTop * 4;
      const rs = this.rs;
      const rule = rs[k];
      let i = rs[k + 1];
      const ruleLine = rs[k + 2];
      const ruleCol = rs[k + 3];
      const act = RULE_ACT[rule];
      const args = RULE_ARGS[rule];
      const n = act & ACT_ARG_MASK;

      switch (act & ACT_KIND_MASK) {
        case ACT_OR: {
          if (i > 0 && !backtrack) continue mainLoop;
          backtrack = false;
          for (; i < n; i++) {
            const a = args[i];
            if ((a & ARG_KIND_MASK) === ARG_TOK) {
              if (lex.tokKind === (a & ARG_ARG_MASK)) {
                this.pushResultToken(rule);
                this.next();
                continue mainLoop;
              }
            } else {
              const child = a & ARG_ARG_MASK;
              // A child that cannot start here would fail without consuming.
              if (!mayStart(child, lex.tokKind)) continue;
              if (i + 1 < n) this.pushRule(ruleLine, ruleCol, rule, i + 1);
              this.pushRule(lex.tokLine, lex.tokColumn, child, 0);
              continue mainLoop;
            }
          }
          backtrack = true;
          break;
        }

        case ACT_AND: {
          if (backtrack) {
            if ((args[i - 1] & ARG_KIND_MASK) === ARG_OPT_RULE) {
              this.results.push(null);
              backtrack = false;
            } else {
              if (i > 1) break mainLoop;
              continue mainLoop;
            }
          }
          for (; i < n; i++) {
            const a = args[i];
            if ((a & ARG_KIND_MASK) === ARG_TOK) {
              const tk = a & ARG_ARG_MASK;
              if (lex.tokKind === tk) {
                if (tk === TOK_NAME) this.pushResultToken(rule);
                this.next();
              } else {
                if (i > 0) break mainLoop;
                backtrack = true;
                continue mainLoop;
              }
            } else {
              const child = a & ARG_ARG_MASK;
              if (!mayStart(child, lex.tokKind)) {
                // The child fails at once: as MicroPython's backtracking does.
                if ((a & ARG_KIND_MASK) === ARG_OPT_RULE) {
                  this.results.push(null);
                  continue;
                }
                if (i > 0) break mainLoop;
                backtrack = true;
                continue mainLoop;
              }
              this.pushRule(ruleLine, ruleCol, rule, i + 1);
              this.pushRule(lex.tokLine, lex.tokColumn, child, 0);
              continue mainLoop;
            }
          }

          // Lonely constant statements (such as docstrings) are dropped.
          if (
            input !== InputKind.Single && rule === RULE_EXPR_STMT &&
            this.peekResult(0) === null
          ) {
            const p = this.peekResult(1);
            if (
              (p !== null && p.kind !== NodeKind.Struct &&
                p.kind !== NodeKind.Id) ||
              isStruct(p, Rule.ConstObject)
            ) {
              this.popResult();
              this.popResult();
              this.pushResultRule(ruleLine, ruleCol, Rule.PassStmt, 0);
              break;
            }
          }

          let count = 0;
          let notNil = 0;
          for (let x = n; x > 0;) {
            x--;
            const a = args[x];
            if ((a & ARG_KIND_MASK) === ARG_TOK) {
              if ((a & ARG_ARG_MASK) === TOK_NAME) {
                count++;
                notNil++;
              }
            } else {
              if (this.peekResult(count) !== null) notNil++;
              count++;
            }
          }
          if (notNil === 1 && (act & ACT_ALLOW_IDENT)) {
            let pn: PN = null;
            for (let x = 0; x < count; x++) {
              const pn2 = this.popResult();
              if (pn2 !== null) pn = pn2;
            }
            this.results.push(pn);
          } else {
            if (act & ACT_ADD_BLANK) {
              this.results.push(null);
              count++;
            }
            this.pushResultRule(ruleLine, ruleCol, rule, count);
          }
          break;
        }

        default: {
          let hadTrailingSep = false;
          let doBacktrack = backtrack;
          if (!doBacktrack) {
            for (;;) {
              const a = args[i & 1 & n];
              if ((a & ARG_KIND_MASK) === ARG_TOK) {
                if (lex.tokKind === (a & ARG_ARG_MASK)) {
                  if (!(i & 1 & n)) this.pushResultToken(rule);
                  this.next();
                  i++;
                } else {
                  i++;
                  backtrack = true;
                  doBacktrack = true;
                  break;
                }
              } else {
                const child = a & ARG_ARG_MASK;
                if (!mayStart(child, lex.tokKind)) {
                  i++;
                  backtrack = true;
                  doBacktrack = true;
                  break;
                }
                this.pushRule(ruleLine, ruleCol, rule, i + 1);
                this.pushRule(lex.tokLine, lex.tokColumn, child, 0);
                continue mainLoop;
              }
            }
          }
          if (doBacktrack) {
            if (n === 2) {
              if (i === 1) continue mainLoop;
              backtrack = false;
            } else {
              if (i === 1) continue mainLoop;
              if ((i & 1) === 1) {
                if (n === 3) {
                  hadTrailingSep = true;
                  backtrack = false;
                } else {
                  break mainLoop;
                }
              } else {
                backtrack = false;
              }
            }
          }
          i -= 1;
          if ((n & 1) && (args[1] & ARG_KIND_MASK) === ARG_TOK) {
            i = (i + 1) >> 1;
          }
          if (i === 1) {
            if (hadTrailingSep) this.pushResultRule(ruleLine, ruleCol, rule, i);
          } else {
            this.pushResultRule(ruleLine, ruleCol, rule, i);
          }
          break;
        }
      }
    }

    if (
      this.ruleTop > 0 || lex.tokKind !== Tok.End || this.results.length === 0
    ) {
      this.failAtToken();
    }
    return this.results[0];
  }
}
