/**
 * Parse nodes, in the shape MicroPython's parser builds them (`py/parse.h`):
 * leaves for small ints, identifiers, interned strings and bare tokens, and
 * struct nodes carrying a grammar rule, the source line of their first token
 * and their children. A struct of kind {@link Rule.ConstObject} holds a
 * folded or literal constant.
 *
 * @module
 */

import { Rule } from "./grammar.ts";
import type { Tok } from "./tokens.ts";
import type { PyObj } from "./py_obj.ts";

/** What a parse node is. */
export const enum NodeKind {
  SmallInt,
  Id,
  Str,
  Token,
  Struct,
}

/** A parse node; `null` stands for an absent optional part. */
export type PN = PNode | null;

const NO_NODES: PN[] = [];

/** One node of the parse tree. All nodes share this one shape. */
export class PNode {
  /** Leaf kind or struct. */
  declare kind: NodeKind;
  /** For structs the {@link Rule}; for token leaves the {@link Tok}. */
  declare rule: number;
  /** Source line of a struct's first token (0 for synthesised nodes). */
  declare line: number;
  /** Source column of a struct's first token (for error reports). */
  declare col: number;
  /** Children of a struct. */
  declare nodes: PN[];
  /** Value of a small-int leaf. */
  declare num: number;
  /** Text of an identifier or interned-string leaf. */
  declare str: string;
  /** The constant of a {@link Rule.ConstObject} struct. */
  declare obj: PyObj | null;
  /** Index of the scope the compiler created for this node, or -1. */
  declare scope: number;

  constructor(
    kind: NodeKind,
    rule: number,
    line: number,
    nodes: PN[],
    num: number,
    str: string,
    obj: PyObj | null,
  ) {
    this.kind = kind;
    this.rule = rule;
    this.line = line;
    this.col = 1;
    this.nodes = nodes;
    this.num = num;
    this.str = str;
    this.obj = obj;
    this.scope = -1;
  }
}

// Every field takes its most general representation, and is marked as
// written after construction, before any code is optimised: met later, such
// a change deoptimises every hot function that has read a node. (The parsers
// set `line`, `col`, `rule` and `scope` of built nodes, and a small int
// computed in floating point is a heap number.)
function settleNodeShape(): void {
  const pn = new PNode(NodeKind.Token, 0, 0, NO_NODES, 0, "", null);
  pn.kind = NodeKind.Token;
  pn.rule = 0;
  pn.line = 0;
  pn.col = 0;
  pn.nodes = NO_NODES;
  pn.str = "";
  pn.obj = null;
  pn.scope = 0;
  (pn as unknown as { num: unknown }).num = null;
}
settleNodeShape();

/** A small-int leaf. */
export function smallIntNode(v: number): PNode {
  return new PNode(NodeKind.SmallInt, 0, 0, NO_NODES, v, "", null);
}

/** An identifier leaf. */
export function idNode(name: string): PNode {
  return new PNode(NodeKind.Id, 0, 0, NO_NODES, 0, name, null);
}

/** An interned-string leaf. */
export function strNode(s: string): PNode {
  return new PNode(NodeKind.Str, 0, 0, NO_NODES, 0, s, null);
}

/** A token leaf. */
export function tokenNode(t: Tok): PNode {
  return new PNode(NodeKind.Token, t, 0, NO_NODES, 0, "", null);
}

/** A struct node; the caller sets its `line` and `col`. */
export function structNode(rule: Rule, nodes: PN[]): PNode {
  return new PNode(NodeKind.Struct, rule, 0, nodes, 0, "", null);
}

/** A constant-object struct node. */
export function constNode(line: number, obj: PyObj): PNode {
  return new PNode(
    NodeKind.Struct,
    Rule.ConstObject,
    line,
    NO_NODES,
    0,
    "",
    obj,
  );
}

/** Whether `pn` is a struct of kind `rule`. */
export function isStruct(pn: PN, rule: Rule): boolean {
  return pn !== null && pn.kind === NodeKind.Struct && pn.rule === rule;
}

/** Whether `pn` is an identifier leaf. */
export function isId(pn: PN): boolean {
  return pn !== null && pn.kind === NodeKind.Id;
}

/** Whether `pn` is a small-int leaf. */
export function isSmallInt(pn: PN): boolean {
  return pn !== null && pn.kind === NodeKind.SmallInt;
}

/** Whether `pn` is a token leaf of kind `tok`. */
export function isToken(pn: PN, tok: Tok): boolean {
  return pn !== null && pn.kind === NodeKind.Token && pn.rule === tok;
}

/** Whether `pn` is any leaf. */
export function isLeaf(pn: PN): boolean {
  return pn !== null && pn.kind !== NodeKind.Struct;
}

/**
 * The items of a list node of kind `rule`: its children if it is one, else
 * the node itself as a one-item list (none for null).
 */
export function extractList(pn: PN, rule: Rule): PN[] {
  if (pn === null) return NO_NODES;
  if (pn.kind === NodeKind.Struct && pn.rule === rule) return pn.nodes;
  return [pn];
}
