/**
 * The code generator (`py/compile.c`): walks the parse tree of each scope,
 * first to find scopes and classify identifiers, then to emit bytecode, in
 * exactly MicroPython's order so that qstr, constant and child numbering and
 * the instruction stream match mpy-cross.
 *
 * Errors follow MicroPython too: the first one is recorded, compilation of
 * the current construct stops, and the reported line is that of the nearest
 * enclosing statement-level node.
 *
 * @module
 */

import { Rule } from "./grammar.ts";
import { Tok } from "./tokens.ts";
import {
  extractList,
  isId,
  isSmallInt,
  isStruct,
  isToken,
  NodeKind,
  type PN,
  type PNode,
  smallIntNode,
} from "./parse_node.ts";
import { isConstBool } from "./parser.ts";
import { BinaryOp, UnaryOp } from "./opcodes.ts";
import {
  AccessKind,
  BlockKind,
  BREAK_FROM_FOR,
  BuildKind,
  type Emitter,
  ExtraOp,
  GlobalKind,
  ImportKind,
  LocalKind,
  Pass,
  StarFlag,
} from "./emitter.ts";
import {
  checkToCloseOver,
  IdFlag,
  idForLoad,
  idForModification,
  type IdInfo,
  IdKind,
  isCompLike,
  isFuncLike,
  Scope,
  ScopeFlags,
  ScopeKind,
} from "./scope.ts";

const INVALID_LABEL = 0xffff;

type StructHandler = (this: Codegen, pns: PNode) => void;
const STRUCT_HANDLERS: Array<StructHandler | undefined> = new Array(
  Rule.Count + 1,
);
// Nesting limits: deeper source is rejected rather than exhausting the
// JavaScript stack (MicroPython itself would run out of C stack). Scopes
// nest without recursion here, but the raw code tree they make is written,
// read and listed recursively.
const MAX_DEPTH = 2000;
const MAX_SCOPE_DEPTH = 1000;

/** The first compile error found, with the line MicroPython reports. */
export interface CodegenError {
  message: string;
  line: number;
  column: number;
}

const enum Assign {
  Store,
  AugLoad,
  AugStore,
}

/** Options of the code generator. */
export interface CodegenOptions {
  optLevel: number;
  smallIntBits: number;
  isRepl: boolean;
}

/** Compiles the scopes of one module into an emitter's records. */
export class Codegen {
  readonly scopes: Scope[] = [];
  error: CodegenError | null = null;
  declare private readonly emit: Emitter;
  declare private readonly opts: CodegenOptions;
  private pass: Pass = Pass.Scope;
  private scope!: Scope;
  private nextLabel = 0;
  private breakLabel = INVALID_LABEL;
  private continueLabel = INVALID_LABEL;
  private curExceptLevel = 0;
  private breakContinueExceptLevel = 0;
  private haveStar = false;
  private numDictParams = 0;
  private numDefaultParams = 0;
  private depth = 0;

  constructor(emit: Emitter, opts: CodegenOptions) {
    this.emit = emit;
    this.opts = opts;
  }

  // --- errors ------------------------------------------------------------

  private syntaxError(pn: PN, message: string): void {
    if (this.error === null) {
      this.error = { message, line: 0, column: 1 };
      this.setErrorLine(pn);
    }
  }

  private setErrorLine(pn: PN): void {
    if (
      this.error !== null && this.error.line === 0 && pn !== null &&
      pn.kind === NodeKind.Struct
    ) {
      this.error.line = pn.line;
      this.error.column = pn.col;
    }
  }

  // --- helpers -----------------------------------------------------------

  /** Counts one level of recursion; false (and an error) when too deep. */
  private enter(pn: PN): boolean {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      this.syntaxError(pn, "expression too deeply nested");
      return false;
    }
    return true;
  }

  private label(): number {
    return this.nextLabel++;
  }

  /** Creates and links a new scope (first pass only). */
  private newScope(kind: ScopeKind, pn: PNode, name: string): Scope {
    let depth = 0;
    for (let p: Scope | null = this.scope; p !== null; p = p.parent) depth++;
    if (depth > MAX_SCOPE_DEPTH) this.syntaxError(pn, "too many nested scopes");
    const s = new Scope(kind, this.scope ?? null, pn, name, this.scopes.length);
    this.scopes.push(s);
    return s;
  }

  /** Creates the module scope. */
  moduleScope(root: PN): Scope {
    const s = new Scope(ScopeKind.Module, null, root, "", 0);
    this.scopes.push(s);
    return s;
  }

  private increaseExceptLevel(label: number, kind: BlockKind): void {
    this.emit.setupBlock(label, kind);
    this.curExceptLevel++;
    if (this.curExceptLevel > this.scope.excStackSize) {
      this.scope.excStackSize = this.curExceptLevel;
    }
  }

  private decreaseExceptLevel(): void {
    this.curExceptLevel--;
    this.emit.endFinally();
  }

  private applyToSingleOrList(
    pn: PN,
    rule: Rule,
    f: (pn: PN) => void,
  ): void {
    if (isStruct(pn, rule)) {
      const nodes = pn!.nodes;
      for (let i = 0; i < nodes.length; i++) f(nodes[i]);
    } else if (pn !== null) {
      f(pn);
    }
  }

  private compileGenericAllNodes(pns: PNode): void {
    const nodes = pns.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      this.compileNode(n);
      if (this.error !== null) {
        this.setErrorLine(n);
        return;
      }
    }
  }

  private loadId(q: string): void {
    if (this.pass === Pass.Scope) {
      idForLoad(this.scope, q);
    } else {
      this.idOp(q, AccessKind.Load);
    }
  }

  private storeId(q: string): void {
    if (this.pass === Pass.Scope) {
      idForModification(this.scope, q);
    } else {
      this.idOp(q, AccessKind.Store);
    }
  }

  private deleteId(q: string): void {
    if (this.pass === Pass.Scope) {
      idForModification(this.scope, q);
    } else {
      this.idOp(q, AccessKind.Delete);
    }
  }

  private idOp(q: string, access: AccessKind): void {
    const id = this.scope.find(q);
    const e = this.emit;
    if (id === undefined) {
      // Cannot happen for a tree that passed the scope pass.
      this.syntaxError(null, "invalid syntax");
      return;
    }
    let global = -1;
    let local = -1;
    switch (id.kind) {
      case IdKind.GlobalImplicit:
      case IdKind.GlobalImplicitAssigned:
        global = GlobalKind.Name;
        break;
      case IdKind.GlobalExplicit:
        global = GlobalKind.Global;
        break;
      case IdKind.Local:
        local = LocalKind.Fast;
        break;
      default:
        local = LocalKind.Deref;
        break;
    }
    if (global >= 0) {
      if (access === AccessKind.Load) e.loadGlobal(q, global);
      else if (access === AccessKind.Store) e.storeGlobal(q, global);
      else e.deleteGlobal(q, global);
    } else {
      if (access === AccessKind.Load) e.loadLocal(id.localNum, local);
      else if (access === AccessKind.Store) e.storeLocal(id.localNum, local);
      else e.deleteLocal(id.localNum, local);
    }
  }

  private compileGenericTuple(pns: PNode): void {
    const nodes = pns.nodes;
    for (let i = 0; i < nodes.length; i++) this.compileNode(nodes[i]);
    this.emit.build(pns.nodes.length, BuildKind.Tuple);
  }

  private cIfCond(pn: PN, jumpIf: boolean, label: number): void {
    if (!this.enter(pn)) return;
    this.cIfCondBody(pn, jumpIf, label);
    this.depth--;
  }

  // The body of cIfCond, inside its nesting count.
  private cIfCondBody(pn: PN, jumpIf: boolean, label: number): void {
    if (isConstBool(pn, false)) {
      if (!jumpIf) this.emit.jump(label);
      return;
    }
    if (isConstBool(pn, true)) {
      if (jumpIf) this.emit.jump(label);
      return;
    }
    if (pn !== null && pn.kind === NodeKind.Struct) {
      const n = pn.nodes.length;
      const isOr = pn.rule === Rule.OrTest;
      if (isOr || pn.rule === Rule.AndTest) {
        // `or` jumping on false and `and` jumping on true need a skip label.
        if (isOr !== jumpIf) {
          const label2 = this.label();
          for (let i = 0; i < n - 1; i++) {
            this.cIfCond(pn.nodes[i], !jumpIf, label2);
          }
          this.cIfCond(pn.nodes[n - 1], jumpIf, label);
          this.emit.labelAssign(label2);
        } else {
          for (let i = 0; i < n; i++) {
            this.cIfCond(pn.nodes[i], jumpIf, label);
          }
        }
        return;
      }
      if (pn.rule === Rule.NotTest2) {
        this.cIfCond(pn.nodes[0], !jumpIf, label);
        return;
      }
    }
    this.compileNode(pn);
    this.emit.popJumpIf(jumpIf, label);
  }

  // --- assignment --------------------------------------------------------

  private cAssignAtomExpr(pns: PNode, kind: Assign): void {
    const e = this.emit;
    if (kind !== Assign.AugStore) this.compileNode(pns.nodes[0]);
    let pns1 = pns.nodes[1];
    if (pns1 !== null && pns1.kind === NodeKind.Struct) {
      if (pns1.rule === Rule.AtomExprTrailers) {
        const n = pns1.nodes.length;
        if (kind !== Assign.AugStore) {
          for (let i = 0; i < n - 1; i++) this.compileNode(pns1.nodes[i]);
        }
        pns1 = pns1.nodes[n - 1];
      }
      if (isStruct(pns1, Rule.TrailerBracket)) {
        if (kind === Assign.AugStore) {
          e.rotThree();
          e.subscr(AccessKind.Store);
        } else {
          this.compileNode(pns1!.nodes[0]);
          if (kind === Assign.AugLoad) {
            e.dupTopTwo();
            e.subscr(AccessKind.Load);
          } else {
            e.subscr(AccessKind.Store);
          }
        }
        return;
      }
      if (isStruct(pns1, Rule.TrailerPeriod)) {
        const attr = pns1!.nodes[0]!.str;
        if (kind === Assign.AugLoad) {
          e.dupTop();
          e.attr(attr, AccessKind.Load);
        } else {
          if (kind === Assign.AugStore) e.rotTwo();
          e.attr(attr, AccessKind.Store);
        }
        return;
      }
    }
    this.syntaxError(pns, "can't assign to expression");
  }

  private cAssignTuple(nodes: PN[]): void {
    let starIndex = -1;
    const num = nodes.length;
    for (let i = 0; i < num; i++) {
      if (isStruct(nodes[i], Rule.StarExpr)) {
        if (starIndex < 0) {
          this.emit.unpackEx(i, num - i - 1);
          starIndex = i;
        } else {
          this.syntaxError(nodes[i], "multiple *x in assignment");
          return;
        }
      }
    }
    if (starIndex < 0) this.emit.unpackSequence(num);
    for (let i = 0; i < num; i++) {
      if (i === starIndex) this.cAssign(nodes[i]!.nodes[0], Assign.Store);
      else this.cAssign(nodes[i], Assign.Store);
    }
  }

  private cAssign(pn: PN, kind: Assign): void {
    if (!this.enter(pn)) return;
    this.cAssignBody(pn, kind);
    this.depth--;
  }

  // The body of cAssign, inside its nesting count.
  private cAssignBody(pn: PN, kind: Assign): void {
    if (pn === null) return;
    if (pn.kind !== NodeKind.Struct) {
      if (pn.kind === NodeKind.Id) {
        if (kind === Assign.AugLoad) this.loadId(pn.str);
        else this.storeId(pn.str);
        return;
      }
      this.syntaxError(pn, "can't assign to expression");
      return;
    }
    let pns: PNode = pn;
    switch (pns.rule) {
      case Rule.AtomExprNormal:
        this.cAssignAtomExpr(pns, kind);
        return;
      case Rule.TestlistStarExpr:
      case Rule.Exprlist:
        if (kind !== Assign.Store) break;
        this.cAssignTuple(pns.nodes);
        return;
      case Rule.AtomParen:
        if (pns.nodes[0] === null) break;
        if (kind !== Assign.Store) break;
        pns = pns.nodes[0]!;
        if (this.hasCompFor(pns)) break;
        this.cAssignTuple(pns.nodes);
        return;
      case Rule.AtomBracket:
        if (kind !== Assign.Store) break;
        if (pns.nodes[0] === null) {
          this.cAssignTuple([]);
        } else if (isStruct(pns.nodes[0], Rule.TestlistComp)) {
          pns = pns.nodes[0]!;
          if (this.hasCompFor(pns)) break;
          this.cAssignTuple(pns.nodes);
        } else {
          this.cAssignTuple([pns.nodes[0]]);
        }
        return;
      default:
        break;
    }
    this.syntaxError(pn, "can't assign to expression");
  }

  private hasCompFor(pns: PNode): boolean {
    return pns.nodes.length === 2 && isStruct(pns.nodes[1], Rule.CompFor);
  }

  // --- functions, classes, closures --------------------------------------

  private closeOverVariablesEtc(
    thisScope: Scope,
    nPosDefaults: number,
    nKwDefaults: number,
  ): void {
    if (nKwDefaults > 0) thisScope.scopeFlags |= ScopeFlags.DefKwArgs;
    thisScope.numDefPosArgs = nPosDefaults;
    let nFree = 0;
    const cur = this.scope;
    if (cur.kind !== ScopeKind.Module) {
      const ids = cur.ids;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id.kind === IdKind.Cell || id.kind === IdKind.Free) {
          const id2 = thisScope.find(id.name);
          if (id2 !== undefined && id2.kind === IdKind.Free) {
            this.emit.loadLocal(id.localNum, LocalKind.Fast);
            nFree++;
          }
        }
      }
    }
    if (nFree === 0) {
      this.emit.makeFunction(thisScope, nPosDefaults, nKwDefaults);
    } else {
      this.emit.makeClosure(thisScope, nFree, nPosDefaults, nKwDefaults);
    }
  }

  private compileFuncdefLambdefParam(pn: PN): void {
    let kind = -1;
    if (!isId(pn)) kind = pn!.rule;
    if (kind === Rule.TypedargslistStar || kind === Rule.VarargslistStar) {
      this.haveStar = true;
      return;
    }
    if (
      kind === Rule.TypedargslistDblStar || kind === Rule.VarargslistDblStar
    ) {
      return;
    }
    let pnId: PN;
    let pnEqual: PN;
    if (kind === -1) {
      pnId = pn;
      pnEqual = null;
    } else if (kind === Rule.TypedargslistName) {
      pnId = pn!.nodes[0];
      pnEqual = pn!.nodes[2];
    } else {
      pnId = pn!.nodes[0];
      pnEqual = pn!.nodes[1];
    }
    if (pnEqual === null) {
      if (!this.haveStar && this.numDefaultParams !== 0) {
        this.syntaxError(pn, "non-default argument follows default argument");
      }
      return;
    }
    if (this.haveStar) {
      this.numDictParams++;
      if (this.numDictParams === 1) {
        if (this.numDefaultParams > 0) {
          this.emit.build(this.numDefaultParams, BuildKind.Tuple);
        } else {
          this.emit.loadNull();
        }
        this.emit.build(0, BuildKind.Map);
      }
      this.compileNode(pnEqual);
      this.emit.loadConstStr(pnId!.str);
      this.emit.storeMap();
    } else {
      this.numDefaultParams++;
      this.compileNode(pnEqual);
    }
  }

  private compileFuncdefLambdef(
    scope: Scope,
    params: PN,
    listRule: Rule,
  ): void {
    const origHaveStar = this.haveStar;
    const origDict = this.numDictParams;
    const origDefault = this.numDefaultParams;
    this.haveStar = false;
    this.numDictParams = 0;
    this.numDefaultParams = 0;
    this.applyToSingleOrList(
      params,
      listRule,
      (p) => this.compileFuncdefLambdefParam(p),
    );
    if (this.error !== null) return;
    if (this.numDefaultParams > 0 && this.numDictParams === 0) {
      this.emit.build(this.numDefaultParams, BuildKind.Tuple);
      this.emit.loadNull();
    }
    this.closeOverVariablesEtc(
      scope,
      this.numDefaultParams,
      this.numDictParams,
    );
    this.haveStar = origHaveStar;
    this.numDictParams = origDict;
    this.numDefaultParams = origDefault;
  }

  private scopeOf(pns: PNode): Scope {
    return this.scopes[pns.scope];
  }

  private compileFuncdefHelper(
    pns: PNode,
    decorator: "native" | "viper" | undefined,
  ): string {
    if (this.pass === Pass.Scope) {
      const s = this.newScope(ScopeKind.Function, pns, pns.nodes[0]!.str);
      s.decorator = decorator;
      pns.scope = s.index;
    }
    const fscope = this.scopeOf(pns);
    this.compileFuncdefLambdef(fscope, pns.nodes[1], Rule.Typedargslist);
    return fscope.simpleName;
  }

  private compileClassdefHelper(pns: PNode): string {
    if (this.pass === Pass.Scope) {
      const s = this.newScope(ScopeKind.Class, pns, pns.nodes[0]!.str);
      pns.scope = s.index;
    }
    this.emit.loadBuildClass();
    const cscope = this.scopeOf(pns);
    this.closeOverVariablesEtc(cscope, 0, 0);
    this.emit.loadConstStr(cscope.simpleName);
    let parents = pns.nodes[1];
    if (isStruct(parents, Rule.Classdef2)) parents = null;
    this.compileTrailerParenHelper(parents, false, 2);
    return cscope.simpleName;
  }

  /**
   * Handles `@micropython.xxx`; returns false for any other decorator and
   * otherwise the emitter hint (native/viper are compiled as bytecode).
   */
  private builtinDecorator(
    nameNodes: PN[],
    state: { hint: "native" | "viper" | undefined },
  ): boolean {
    if (nameNodes[0]!.str !== "micropython") return false;
    if (nameNodes.length !== 2) {
      this.syntaxError(nameNodes[0], "invalid micropython decorator");
      return true;
    }
    const attr = nameNodes[1]!.str;
    switch (attr) {
      case "bytecode":
        state.hint = undefined;
        break;
      case "native":
      case "viper":
        state.hint = attr;
        break;
      case "asm_thumb":
      case "asm_xtensa":
      case "asm_rv32":
        this.syntaxError(nameNodes[1], "inline assembler is not supported");
        break;
      default:
        this.syntaxError(nameNodes[1], "invalid micropython decorator");
        break;
    }
    return true;
  }

  private compileDecorated(pns: PNode): void {
    const nodes = extractList(pns.nodes[0], Rule.Decorators);
    const state: { hint: "native" | "viper" | undefined } = {
      hint: this.scope.decorator,
    };
    let numBuiltin = 0;
    for (const dec of nodes) {
      const nameNodes = extractList(dec!.nodes[0], Rule.DottedName);
      if (this.builtinDecorator(nameNodes, state)) {
        numBuiltin++;
      } else {
        this.compileNode(nameNodes[0]);
        for (let j = 1; j < nameNodes.length; j++) {
          this.emit.attr(nameNodes[j]!.str, AccessKind.Load);
        }
        if (dec!.nodes[1] !== null) this.compileNode(dec!.nodes[1]);
      }
    }
    const body = pns.nodes[1]!;
    let name: string;
    if (body.rule === Rule.Funcdef) {
      name = this.compileFuncdefHelper(body, state.hint);
    } else if (body.rule === Rule.AsyncFuncdef) {
      const fn = body.nodes[0]!;
      name = this.compileFuncdefHelper(fn, state.hint);
      this.scopeOf(fn).scopeFlags |= ScopeFlags.Generator;
    } else {
      name = this.compileClassdefHelper(body);
    }
    for (let i = 0; i < nodes.length - numBuiltin; i++) {
      this.emit.callFunction(1, 0, 0);
    }
    this.storeId(name);
  }

  private compileFuncdef(pns: PNode): void {
    const name = this.compileFuncdefHelper(pns, this.scope.decorator);
    this.storeId(name);
  }

  // --- simple statements -------------------------------------------------

  private cDelStmt(pn: PN): void {
    if (!this.enter(pn)) return;
    try {
      if (isId(pn)) {
        this.deleteId(pn!.str);
        return;
      }
      if (isStruct(pn, Rule.AtomExprNormal)) {
        const pns = pn!;
        this.compileNode(pns.nodes[0]);
        let pns1 = pns.nodes[1];
        if (pns1 !== null && pns1.kind === NodeKind.Struct) {
          if (pns1.rule === Rule.AtomExprTrailers) {
            const n = pns1.nodes.length;
            for (let i = 0; i < n - 1; i++) this.compileNode(pns1.nodes[i]);
            pns1 = pns1.nodes[n - 1];
          }
          if (isStruct(pns1, Rule.TrailerBracket)) {
            this.compileNode(pns1!.nodes[0]);
            this.emit.subscr(AccessKind.Delete);
            return;
          }
          if (isStruct(pns1, Rule.TrailerPeriod)) {
            this.emit.attr(pns1!.nodes[0]!.str, AccessKind.Delete);
            return;
          }
        }
      } else if (isStruct(pn, Rule.AtomParen)) {
        const inner = pn!.nodes[0];
        if (inner !== null && !this.hasCompFor(inner)) {
          for (const n of inner.nodes) this.cDelStmt(n);
          return;
        }
        this.syntaxError(inner, "can't delete expression");
        return;
      }
      this.syntaxError(pn, "can't delete expression");
    } finally {
      this.depth--;
    }
  }

  private compileBreakContStmt(pns: PNode): void {
    const label = pns.rule === Rule.BreakStmt
      ? this.breakLabel
      : this.continueLabel;
    if (label === INVALID_LABEL) {
      this.syntaxError(pns, "'break'/'continue' outside loop");
    }
    this.emit.unwindJump(
      label,
      this.curExceptLevel - this.breakContinueExceptLevel,
    );
  }

  private compileReturnStmt(pns: PNode): void {
    if (this.scope.kind !== ScopeKind.Function) {
      this.syntaxError(pns, "'return' outside function");
      return;
    }
    const arg = pns.nodes[0];
    if (arg === null) {
      this.emit.loadConstNone();
    } else if (isStruct(arg, Rule.TestIfExpr)) {
      const ifElse = arg.nodes[1]!;
      const lFail = this.label();
      this.cIfCond(ifElse.nodes[0], false, lFail);
      this.compileNode(arg.nodes[0]);
      this.emit.returnValue();
      this.emit.labelAssign(lFail);
      this.compileNode(ifElse.nodes[1]);
    } else {
      this.compileNode(arg);
    }
    this.emit.returnValue();
  }

  private compileYieldStmt(pns: PNode): void {
    this.compileNode(pns.nodes[0]);
    this.emit.popTop();
  }

  private compileRaiseStmt(pns: PNode): void {
    const arg = pns.nodes[0];
    if (arg === null) {
      this.emit.raiseVarargs(0);
    } else if (isStruct(arg, Rule.RaiseStmtArg)) {
      this.compileNode(arg.nodes[0]);
      this.compileNode(arg.nodes[1]);
      this.emit.raiseVarargs(2);
    } else {
      this.compileNode(arg);
      this.emit.raiseVarargs(1);
    }
  }

  /** Emits IMPORT_NAME for a dotted name; returns the name to bind. */
  private doImportName(pnIn: PN): string {
    let pn = pnIn;
    let isAs = false;
    let base = "";
    if (isStruct(pn, Rule.DottedAsName)) {
      base = pn!.nodes[1]!.str;
      pn = pn!.nodes[0];
      isAs = true;
    }
    if (pn === null) {
      this.emit.import("", ImportKind.Name);
      return "";
    }
    if (isId(pn)) {
      if (!isAs) base = pn.str;
      this.emit.import(pn.str, ImportKind.Name);
      return base;
    }
    const parts = pn.nodes.map((n) => n!.str);
    if (!isAs) base = parts[0];
    this.emit.import(parts.join("."), ImportKind.Name);
    if (isAs) {
      for (let i = 1; i < parts.length; i++) {
        this.emit.attr(parts[i], AccessKind.Load);
      }
    }
    return base;
  }

  private compileDottedAsName(pn: PN): void {
    this.emit.loadConstSmallInt(0);
    this.emit.loadConstNone();
    const base = this.doImportName(pn);
    this.storeId(base);
  }

  private compileImportName(pns: PNode): void {
    this.applyToSingleOrList(
      pns.nodes[0],
      Rule.DottedAsNames,
      (p) => this.compileDottedAsName(p),
    );
  }

  private compileImportFrom(pns: PNode): void {
    let source = pns.nodes[0];
    let level = 0;
    let rel: PN = null;
    let hasRel = false;
    if (
      (source !== null && source.kind === NodeKind.Token) ||
      isStruct(source, Rule.OneOrMorePeriodOrEllipsis)
    ) {
      rel = source;
      source = null;
      hasRel = true;
    } else if (isStruct(source, Rule.ImportFrom2b)) {
      rel = source!.nodes[0];
      source = source!.nodes[1];
      hasRel = true;
    }
    if (hasRel) {
      for (const n of extractList(rel, Rule.OneOrMorePeriodOrEllipsis)) {
        level += isToken(n, Tok.DelPeriod) ? 1 : 3;
      }
    }
    const e = this.emit;
    if (isToken(pns.nodes[1], Tok.OpStar)) {
      if (this.scope.kind !== ScopeKind.Module) {
        this.syntaxError(pns, "import * not at module level");
        return;
      }
      e.loadConstSmallInt(level);
      e.loadConstStr("*");
      e.build(1, BuildKind.Tuple);
      this.doImportName(source);
      e.import("", ImportKind.Star);
      return;
    }
    e.loadConstSmallInt(level);
    const names = extractList(pns.nodes[1], Rule.ImportAsNames);
    for (const n of names) e.loadConstStr(n!.nodes[0]!.str);
    e.build(names.length, BuildKind.Tuple);
    this.doImportName(source);
    for (const n of names) {
      const id = n!.nodes[0]!.str;
      e.import(id, ImportKind.From);
      if (n!.nodes[1] === null) this.storeId(id);
      else this.storeId(n!.nodes[1]!.str);
    }
    e.popTop();
  }

  private declareGlobal(pn: PN, id: IdInfo): void {
    if (id.kind !== IdKind.Undecided && id.kind !== IdKind.GlobalExplicit) {
      this.syntaxError(pn, "identifier redefined as global");
      return;
    }
    id.kind = IdKind.GlobalExplicit;
    const gid = this.scope.findGlobal(id.name);
    if (gid !== undefined) gid.kind = IdKind.GlobalExplicit;
  }

  private declareNonlocal(pn: PN, id: IdInfo): void {
    if (id.kind === IdKind.Undecided) {
      id.kind = IdKind.GlobalImplicit;
      checkToCloseOver(this.scope, id);
      if ((id.kind as IdKind) === IdKind.GlobalImplicit) {
        this.syntaxError(pn, "no binding for nonlocal found");
      }
    } else if (id.kind !== IdKind.Free) {
      this.syntaxError(pn, "identifier redefined as nonlocal");
    }
  }

  private compileGlobalNonlocalStmt(pns: PNode): void {
    if (this.pass !== Pass.Scope) return;
    const isGlobal = pns.rule === Rule.GlobalStmt;
    if (!isGlobal && this.scope.kind === ScopeKind.Module) {
      this.syntaxError(pns, "can't declare nonlocal in outer code");
      return;
    }
    for (const n of extractList(pns.nodes[0], Rule.NameList)) {
      const id = this.scope.findOrAdd(n!.str, IdKind.Undecided);
      if (isGlobal) this.declareGlobal(pns, id);
      else this.declareNonlocal(pns, id);
    }
  }

  private compileAssertStmt(pns: PNode): void {
    if (this.opts.optLevel !== 0) return;
    const lEnd = this.label();
    this.cIfCond(pns.nodes[0], true, lEnd);
    this.emit.loadGlobal("AssertionError", GlobalKind.Global);
    if (pns.nodes[1] !== null) {
      this.compileNode(pns.nodes[1]);
      this.emit.callFunction(1, 0, 0);
    }
    this.emit.raiseVarargs(1);
    this.emit.labelAssign(lEnd);
  }

  // --- compound statements -----------------------------------------------

  private compileIfStmt(pns: PNode): void {
    const e = this.emit;
    const lEnd = this.label();
    done: {
      if (!isConstBool(pns.nodes[0], false)) {
        const lFail = this.label();
        this.cIfCond(pns.nodes[0], false, lFail);
        this.compileNode(pns.nodes[1]);
        if (isConstBool(pns.nodes[0], true)) break done;
        if (!(pns.nodes[2] === null && pns.nodes[3] === null)) e.jump(lEnd);
        e.labelAssign(lFail);
      }
      for (const elif of extractList(pns.nodes[2], Rule.IfStmtElifList)) {
        const cond = elif!.nodes[0];
        if (!isConstBool(cond, false)) {
          const lFail = this.label();
          this.cIfCond(cond, false, lFail);
          this.compileNode(elif!.nodes[1]);
          if (isConstBool(cond, true)) break done;
          e.jump(lEnd);
          e.labelAssign(lFail);
        }
      }
      this.compileNode(pns.nodes[3]);
    }
    e.labelAssign(lEnd);
  }

  private startLoop(): [number, number, number, number, number] {
    const saved: [number, number, number, number, number] = [
      this.breakLabel,
      this.continueLabel,
      this.breakContinueExceptLevel,
      0,
      0,
    ];
    const breakLabel = this.label();
    const continueLabel = this.label();
    this.breakLabel = breakLabel;
    this.continueLabel = continueLabel;
    this.breakContinueExceptLevel = this.curExceptLevel;
    saved[3] = breakLabel;
    saved[4] = continueLabel;
    return saved;
  }

  private endLoop(saved: [number, number, number, number, number]): void {
    this.breakLabel = saved[0];
    this.continueLabel = saved[1];
    this.breakContinueExceptLevel = saved[2];
  }

  private compileWhileStmt(pns: PNode): void {
    const e = this.emit;
    const saved = this.startLoop();
    const [, , , breakLabel, continueLabel] = saved;
    if (!isConstBool(pns.nodes[0], false)) {
      const topLabel = this.label();
      if (!isConstBool(pns.nodes[0], true)) e.jump(continueLabel);
      e.labelAssign(topLabel);
      this.compileNode(pns.nodes[1]);
      e.labelAssign(continueLabel);
      this.cIfCond(pns.nodes[0], true, topLabel);
    }
    this.endLoop(saved);
    this.compileNode(pns.nodes[2]);
    e.labelAssign(breakLabel);
  }

  private compileForStmtOptimisedRange(
    pnVar: PN,
    pnStart: PN,
    pnEnd: PN,
    pnStep: PNode,
    pnBody: PN,
    pnElse: PN,
  ): void {
    const e = this.emit;
    const saved = this.startLoop();
    const [, , , breakLabel, continueLabel] = saved;
    const topLabel = this.label();
    const entryLabel = this.label();
    const endOnStack = !isSmallInt(pnEnd);
    if (endOnStack) this.compileNode(pnEnd);
    this.compileNode(pnStart);
    e.jump(entryLabel);
    e.labelAssign(topLabel);
    e.dupTop();
    this.cAssign(pnVar, Assign.Store);
    this.compileNode(pnBody);
    e.labelAssign(continueLabel);
    this.compileNode(pnStep);
    e.binaryOp(BinaryOp.InplaceAdd);
    e.labelAssign(entryLabel);
    if (endOnStack) {
      e.dupTopTwo();
      e.rotTwo();
    } else {
      e.dupTop();
      this.compileNode(pnEnd);
    }
    e.binaryOp(pnStep.num >= 0 ? BinaryOp.Less : BinaryOp.More);
    e.popJumpIf(true, topLabel);
    this.endLoop(saved);
    let endLabel = 0;
    if (pnElse !== null) {
      e.popTop();
      if (endOnStack) e.popTop();
      this.compileNode(pnElse);
      endLabel = this.label();
      e.jump(endLabel);
      e.adjustStackSize(1 + (endOnStack ? 1 : 0));
    }
    e.labelAssign(breakLabel);
    e.popTop();
    if (endOnStack) e.popTop();
    if (pnElse !== null) e.labelAssign(endLabel);
  }

  private isPlainArg(pn: PN): boolean {
    if (pn === null || pn.kind !== NodeKind.Struct) return true;
    return !(pn.rule === Rule.ArglistStar || pn.rule === Rule.ArglistDblStar ||
      pn.rule === Rule.Argument);
  }

  private compileForStmt(pns: PNode): void {
    if (isId(pns.nodes[0]) && isStruct(pns.nodes[1], Rule.AtomExprNormal)) {
      const it = pns.nodes[1]!;
      if (
        isId(it.nodes[0]) && it.nodes[0]!.str === "range" &&
        isStruct(it.nodes[1], Rule.TrailerParen)
      ) {
        const args = extractList(it.nodes[1]!.nodes[0], Rule.Arglist);
        const n = args.length;
        if (n >= 1 && n <= 3) {
          let start: PN;
          let end: PN;
          let step: PN;
          let optimize = true;
          if (n === 1) {
            start = smallIntNode(0);
            end = args[0];
            step = smallIntNode(1);
          } else if (n === 2) {
            start = args[0];
            end = args[1];
            step = smallIntNode(1);
          } else {
            start = args[0];
            end = args[1];
            step = args[2];
            if (!isSmallInt(step) || step!.num === 0) optimize = false;
          }
          if (optimize && !this.isPlainArg(start)) optimize = false;
          if (optimize && !this.isPlainArg(end)) optimize = false;
          if (optimize) {
            this.compileForStmtOptimisedRange(
              pns.nodes[0],
              start,
              end,
              step!,
              pns.nodes[2],
              pns.nodes[3],
            );
            return;
          }
        }
      }
    }
    const e = this.emit;
    const saved = this.startLoop();
    const [, , , breakLabel, continueLabel] = saved;
    this.breakLabel |= BREAK_FROM_FOR;
    const popLabel = this.label();
    this.compileNode(pns.nodes[1]);
    e.getIter(true);
    e.labelAssign(continueLabel);
    e.forIter(popLabel);
    this.cAssign(pns.nodes[0], Assign.Store);
    this.compileNode(pns.nodes[2]);
    e.jump(continueLabel);
    e.labelAssign(popLabel);
    e.forIterEnd();
    this.endLoop(saved);
    this.compileNode(pns.nodes[3]);
    e.labelAssign(breakLabel);
  }

  private compileTryExcept(body: PN, excepts: PN[], pnElse: PN): void {
    const e = this.emit;
    const l1 = this.label();
    const successLabel = this.label();
    this.increaseExceptLevel(l1, BlockKind.Except);
    this.compileNode(body);
    e.popExceptJump(successLabel);
    e.labelAssign(l1);
    e.startExceptHandler();
    const l2 = this.label();
    const n = excepts.length;
    for (let i = 0; i < n; i++) {
      const pnsExcept = excepts[i]!;
      let local = "";
      const endFinallyLabel = this.label();
      if (pnsExcept.nodes[0] === null) {
        if (i + 1 !== n) {
          this.syntaxError(excepts[i], "default 'except' must be last");
          this.decreaseExceptLevel();
          return;
        }
      } else {
        let exprNode: PN = pnsExcept.nodes[0];
        if (isStruct(exprNode, Rule.TryStmtAsName)) {
          local = exprNode!.nodes[1]!.str;
          exprNode = exprNode!.nodes[0];
        }
        e.dupTop();
        this.compileNode(exprNode);
        e.binaryOp(BinaryOp.ExceptionMatch);
        e.popJumpIf(false, endFinallyLabel);
      }
      if (local === "") e.popTop();
      else this.storeId(local);
      let l3 = 0;
      if (local !== "") {
        l3 = this.label();
        this.increaseExceptLevel(l3, BlockKind.Finally);
      }
      this.compileNode(pnsExcept.nodes[1]);
      if (local !== "") {
        e.loadConstNone();
        e.labelAssign(l3);
        e.adjustStackSize(1);
        e.loadConstNone();
        this.storeId(local);
        this.deleteId(local);
        e.adjustStackSize(-1);
        this.decreaseExceptLevel();
      }
      e.popExceptJump(l2);
      e.labelAssign(endFinallyLabel);
      e.adjustStackSize(1);
    }
    this.decreaseExceptLevel();
    e.endExceptHandler();
    e.labelAssign(successLabel);
    this.compileNode(pnElse);
    e.labelAssign(l2);
  }

  private compileTryFinally(
    body: PN,
    excepts: PN[],
    pnElse: PN,
    pnFinally: PN,
  ): void {
    const e = this.emit;
    const lFinally = this.label();
    this.increaseExceptLevel(lFinally, BlockKind.Finally);
    if (excepts.length === 0) {
      e.adjustStackSize(3);
      this.compileNode(body);
      e.adjustStackSize(-3);
    } else {
      this.compileTryExcept(body, excepts, pnElse);
    }
    e.loadConstNone();
    e.labelAssign(lFinally);
    e.adjustStackSize(1);
    this.compileNode(pnFinally);
    e.adjustStackSize(-1);
    this.decreaseExceptLevel();
  }

  private compileTryStmt(pns: PNode): void {
    const pns2 = pns.nodes[1]!;
    if (pns2.rule === Rule.TryStmtFinally) {
      this.compileTryFinally(pns.nodes[0], [], null, pns2.nodes[0]);
    } else if (pns2.rule === Rule.TryStmtExceptAndMore) {
      const excepts = extractList(pns2.nodes[0], Rule.TryStmtExceptList);
      if (pns2.nodes[2] === null) {
        this.compileTryExcept(pns.nodes[0], excepts, pns2.nodes[1]);
      } else {
        this.compileTryFinally(
          pns.nodes[0],
          excepts,
          pns2.nodes[1],
          pns2.nodes[2]!.nodes[0],
        );
      }
    } else {
      const excepts = extractList(pns.nodes[1], Rule.TryStmtExceptList);
      this.compileTryExcept(pns.nodes[0], excepts, null);
    }
  }

  private compileWithStmtHelper(nodes: PN[], index: number, body: PN): void {
    if (!this.enter(body)) return;
    try {
      if (index === nodes.length) {
        this.compileNode(body);
        return;
      }
      const e = this.emit;
      const lEnd = this.label();
      const item = nodes[index];
      if (isStruct(item, Rule.WithItem)) {
        this.compileNode(item!.nodes[0]);
        this.increaseExceptLevel(lEnd, BlockKind.With);
        this.cAssign(item!.nodes[1], Assign.Store);
      } else {
        this.compileNode(item);
        this.increaseExceptLevel(lEnd, BlockKind.With);
        e.popTop();
      }
      this.compileWithStmtHelper(nodes, index + 1, body);
      e.withCleanup(lEnd);
      this.decreaseExceptLevel();
    } finally {
      this.depth--;
    }
  }

  private compileWithStmt(pns: PNode): void {
    const nodes = extractList(pns.nodes[0], Rule.WithStmtList);
    this.compileWithStmtHelper(nodes, 0, pns.nodes[1]);
  }

  private compileYieldFrom(): void {
    this.emit.getIter(false);
    this.emit.loadConstNone();
    this.emit.yield(true);
  }

  private compileAwaitObjectMethod(method: string): void {
    this.emit.loadMethod(method, false);
    this.emit.callMethod(0, 0, 0);
    this.compileYieldFrom();
  }

  private compileAsyncForStmt(pns: PNode): void {
    const e = this.emit;
    const whileElseLabel = this.label();
    const tryExceptionLabel = this.label();
    const tryElseLabel = this.label();
    const tryFinallyLabel = this.label();
    this.compileNode(pns.nodes[1]);
    e.loadMethod("__aiter__", false);
    e.callMethod(0, 0, 0);
    const saved = this.startLoop();
    const [, , , breakLabel, continueLabel] = saved;
    e.labelAssign(continueLabel);
    this.increaseExceptLevel(tryExceptionLabel, BlockKind.Except);
    e.dupTop();
    this.compileAwaitObjectMethod("__anext__");
    this.cAssign(pns.nodes[0], Assign.Store);
    e.popExceptJump(tryElseLabel);
    e.labelAssign(tryExceptionLabel);
    e.startExceptHandler();
    e.dupTop();
    e.loadGlobal("StopAsyncIteration", GlobalKind.Global);
    e.binaryOp(BinaryOp.ExceptionMatch);
    e.popJumpIf(false, tryFinallyLabel);
    e.popTop();
    e.popExceptJump(whileElseLabel);
    e.labelAssign(tryFinallyLabel);
    e.adjustStackSize(1);
    this.decreaseExceptLevel();
    e.endExceptHandler();
    e.labelAssign(tryElseLabel);
    this.compileNode(pns.nodes[2]);
    e.jump(continueLabel);
    this.endLoop(saved);
    e.labelAssign(whileElseLabel);
    this.compileNode(pns.nodes[3]);
    e.labelAssign(breakLabel);
    e.popTop();
  }

  private compileAsyncWithStmtHelper(
    nodes: PN[],
    index: number,
    body: PN,
  ): void {
    if (!this.enter(body)) return;
    try {
      if (index === nodes.length) {
        this.compileNode(body);
        return;
      }
      const e = this.emit;
      const lFinally = this.label();
      const lAexitNoExc = this.label();
      const lRetUnwindJump = this.label();
      const lEnd = this.label();
      const item = nodes[index];
      if (isStruct(item, Rule.WithItem)) {
        this.compileNode(item!.nodes[0]);
        e.dupTop();
        this.compileAwaitObjectMethod("__aenter__");
        this.cAssign(item!.nodes[1], Assign.Store);
      } else {
        this.compileNode(item);
        e.dupTop();
        this.compileAwaitObjectMethod("__aenter__");
        e.popTop();
      }
      this.increaseExceptLevel(lFinally, BlockKind.Finally);
      e.adjustStackSize(3);
      this.compileAsyncWithStmtHelper(nodes, index + 1, body);
      e.adjustStackSize(-3);
      e.loadConstNone();
      e.rotTwo();
      e.jump(lAexitNoExc);
      e.labelAssign(lFinally);
      e.dupTop();
      e.loadGlobal("BaseException", GlobalKind.Global);
      e.binaryOp(BinaryOp.ExceptionMatch);
      e.popJumpIf(false, lRetUnwindJump);
      e.dupTop();
      e.rotThree();
      e.rotTwo();
      e.loadMethod("__aexit__", false);
      e.rotThree();
      e.rotThree();
      e.dupTop();
      e.attr("__class__", AccessKind.Load);
      e.rotTwo();
      e.loadConstNone();
      e.callMethod(3, 0, 0);
      this.compileYieldFrom();
      e.popJumpIf(false, lEnd);
      e.popTop();
      e.loadConstNone();
      e.jump(lEnd);
      e.adjustStackSize(2);
      e.labelAssign(lRetUnwindJump);
      e.rotThree();
      e.rotThree();
      e.labelAssign(lAexitNoExc);
      e.loadMethod("__aexit__", false);
      e.loadConstNone();
      e.dupTop();
      e.dupTop();
      e.callMethod(3, 0, 0);
      this.compileYieldFrom();
      e.popTop();
      e.adjustStackSize(-1);
      e.labelAssign(lEnd);
      this.decreaseExceptLevel();
    } finally {
      this.depth--;
    }
  }

  private compileAsyncStmt(pns: PNode): void {
    const pns0 = pns.nodes[0]!;
    if (pns0.rule === Rule.Funcdef) {
      this.compileFuncdef(pns0);
      this.scopeOf(pns0).scopeFlags |= ScopeFlags.Generator;
      return;
    }
    if (!(this.scope.scopeFlags & ScopeFlags.Generator)) {
      this.syntaxError(pns0, "async for/with outside async function");
      return;
    }
    if (pns0.rule === Rule.ForStmt) {
      this.compileAsyncForStmt(pns0);
    } else {
      const nodes = extractList(pns0.nodes[0], Rule.WithStmtList);
      this.compileAsyncWithStmtHelper(nodes, 0, pns0.nodes[1]);
    }
  }

  private compileExprStmt(pns: PNode): void {
    const e = this.emit;
    let rhs = pns.nodes[1];
    if (rhs === null) {
      if (this.opts.isRepl && this.scope.kind === ScopeKind.Module) {
        this.loadId("__repl_print__");
        this.compileNode(pns.nodes[0]);
        e.callFunction(1, 0, 0);
        e.popTop();
      } else {
        const n0 = pns.nodes[0];
        const constLike = (n0 !== null && n0.kind !== NodeKind.Struct &&
          n0.kind !== NodeKind.Id) || isStruct(n0, Rule.ConstObject);
        if (!constLike) {
          this.compileNode(n0);
          e.popTop();
        }
      }
      return;
    }
    if (rhs.kind === NodeKind.Struct) {
      const kind = rhs.rule;
      if (kind === Rule.Annassign) {
        if (rhs.nodes[1] === null) {
          if (this.scope.kind === ScopeKind.Function && isId(pns.nodes[0])) {
            this.scope.findOrAdd(pns.nodes[0]!.str, IdKind.Local);
          }
          return;
        }
        rhs = rhs.nodes[1];
      } else if (kind === Rule.ExprStmtAugassign) {
        this.cAssign(pns.nodes[0], Assign.AugLoad);
        this.compileNode(rhs.nodes[1]);
        const tok = rhs.nodes[0]!.rule as Tok;
        e.binaryOp(BinaryOp.InplaceOr + (tok - Tok.DelPipeEqual));
        this.cAssign(pns.nodes[0], Assign.AugStore);
        return;
      } else if (kind === Rule.ExprStmtAssignList) {
        const n = rhs.nodes.length - 1;
        this.compileNode(rhs.nodes[n]);
        if (n > 0) e.dupTop();
        this.cAssign(pns.nodes[0], Assign.Store);
        for (let i = 0; i < n; i++) {
          if (i + 1 < n) e.dupTop();
          this.cAssign(rhs.nodes[i], Assign.Store);
        }
        return;
      }
    }
    // A plain assignment.
    const lhs = pns.nodes[0];
    if (
      isStruct(rhs, Rule.TestlistStarExpr) &&
      isStruct(lhs, Rule.TestlistStarExpr)
    ) {
      const l = lhs!.nodes;
      const r = rhs!.nodes;
      const n = l.length;
      if (
        n === r.length && (n === 2 || n === 3) &&
        !isStruct(l[0], Rule.StarExpr) && !isStruct(l[1], Rule.StarExpr) &&
        (n === 2 || !isStruct(l[2], Rule.StarExpr))
      ) {
        this.compileNode(r[0]);
        this.compileNode(r[1]);
        if (n === 3) {
          this.compileNode(r[2]);
          e.rotThree();
        }
        e.rotTwo();
        this.cAssign(l[0], Assign.Store);
        this.cAssign(l[1], Assign.Store);
        if (n === 3) this.cAssign(l[2], Assign.Store);
        return;
      }
    }
    this.compileNode(rhs);
    this.cAssign(lhs, Assign.Store);
  }

  // --- expressions -------------------------------------------------------

  private compileTestIfExpr(pns: PNode): void {
    const e = this.emit;
    const ifElse = pns.nodes[1]!;
    const lFail = this.label();
    const lEnd = this.label();
    this.cIfCond(ifElse.nodes[0], false, lFail);
    this.compileNode(pns.nodes[0]);
    e.jump(lEnd);
    e.labelAssign(lFail);
    e.adjustStackSize(-1);
    this.compileNode(ifElse.nodes[1]);
    e.labelAssign(lEnd);
  }

  private compileLambdef(pns: PNode): void {
    if (this.pass === Pass.Scope) {
      const s = this.newScope(ScopeKind.Lambda, pns, "");
      pns.scope = s.index;
    }
    this.compileFuncdefLambdef(
      this.scopeOf(pns),
      pns.nodes[0],
      Rule.Varargslist,
    );
  }

  private compileNamedexprHelper(pnName: PN, pnExpr: PN): void {
    if (!isId(pnName)) {
      this.syntaxError(pnName, "can't assign to expression");
    }
    this.compileNode(pnExpr);
    this.emit.dupTop();
    if (pnName === null || pnName.kind !== NodeKind.Id) return;
    const target = pnName.str;
    const cur = this.scope;
    if (this.pass === Pass.Scope && isCompLike(cur.kind)) {
      const parent = cur.parent!;
      const parentId = idForModification(parent, target);
      if (parentId.kind === IdKind.GlobalExplicit) {
        cur.findOrAdd(target, IdKind.GlobalExplicit);
      } else {
        const id = cur.findOrAdd(target, IdKind.Undecided);
        const isGlobal = parent.parent === null;
        if (!isGlobal && id.kind === IdKind.GlobalImplicit) {
          id.kind = IdKind.Undecided;
        }
        if (isGlobal) this.declareGlobal(pnName, id);
        else this.declareNonlocal(pnName, id);
      }
    }
    this.storeId(target);
  }

  private compileOrAndTest(pns: PNode): void {
    const cond = pns.rule === Rule.OrTest;
    const lEnd = this.label();
    const n = pns.nodes.length;
    for (let i = 0; i < n; i++) {
      this.compileNode(pns.nodes[i]);
      if (i + 1 < n) this.emit.jumpIfOrPop(cond, lEnd);
    }
    this.emit.labelAssign(lEnd);
  }

  private compileComparison(pns: PNode): void {
    const e = this.emit;
    const num = pns.nodes.length;
    this.compileNode(pns.nodes[0]);
    const multi = num > 3;
    let lFail = 0;
    if (multi) lFail = this.label();
    for (let i = 1; i + 1 < num; i += 2) {
      this.compileNode(pns.nodes[i + 1]);
      if (i + 2 < num) {
        e.dupTop();
        e.rotThree();
      }
      const opNode = pns.nodes[i]!;
      if (opNode.kind === NodeKind.Token) {
        const tok = opNode.rule as Tok;
        if (tok === Tok.KwIn) e.binaryOp(BinaryOp.In);
        else e.binaryOp(BinaryOp.Less + (tok - Tok.OpLess));
      } else if (opNode.rule === Rule.CompOpNotIn) {
        e.binaryOp(ExtraOp.NotIn);
      } else {
        e.binaryOp(opNode.nodes[0] === null ? BinaryOp.Is : ExtraOp.IsNot);
      }
      if (i + 2 < num) e.jumpIfOrPop(false, lFail);
    }
    if (multi) {
      const lEnd = this.label();
      e.jump(lEnd);
      e.labelAssign(lFail);
      e.adjustStackSize(1);
      e.rotTwo();
      e.popTop();
      e.labelAssign(lEnd);
    }
  }

  private compileBinaryOp(pns: PNode): void {
    const op = pns.rule === Rule.Expr
      ? BinaryOp.Or
      : pns.rule === Rule.XorExpr
      ? BinaryOp.Xor
      : BinaryOp.And;
    this.compileNode(pns.nodes[0]);
    for (let i = 1; i < pns.nodes.length; i++) {
      this.compileNode(pns.nodes[i]);
      this.emit.binaryOp(op);
    }
  }

  private compileTerm(pns: PNode): void {
    const n = pns.nodes.length;
    this.compileNode(pns.nodes[0]);
    for (let i = 1; i + 1 < n; i += 2) {
      this.compileNode(pns.nodes[i + 1]);
      const tok = pns.nodes[i]!.rule as Tok;
      this.emit.binaryOp(BinaryOp.Lshift + (tok - Tok.OpDblLess));
    }
  }

  private compileFactor2(pns: PNode): void {
    this.compileNode(pns.nodes[1]);
    const tok = pns.nodes[0]!.rule as Tok;
    const op = tok === Tok.OpTilde
      ? UnaryOp.Invert
      : UnaryOp.Positive + (tok - Tok.OpPlus);
    this.emit.unaryOp(op);
  }

  private compileAtomExprNormal(pns: PNode): void {
    this.compileNode(pns.nodes[0]);
    const trailer = pns.nodes[1];
    if (trailer === null) return;
    // One trailer is the node itself (no array made for it).
    const trails = trailer.rule === Rule.AtomExprTrailers
      ? trailer.nodes as PNode[]
      : null;
    if (trails === null) {
      // Only super() and OrderedDict({...}) need the special cases.
      if (
        (this.scope.kind !== ScopeKind.Function || !isId(pns.nodes[0]) ||
          pns.nodes[0]!.str !== "super" ||
          trailer.rule !== Rule.TrailerParen || trailer.nodes[0] !== null) &&
        !(isId(pns.nodes[0]) && pns.nodes[0]!.str === "OrderedDict")
      ) {
        this.compileNode(trailer);
        return;
      }
      this.compileAtomExprTrailers(pns, [trailer]);
      return;
    }
    this.compileAtomExprTrailers(pns, trails);
  }

  private compileAtomExprTrailers(pns: PNode, trails: PNode[]): void {
    const e = this.emit;
    const numTrail = trails.length;
    let i = 0;
    if (
      this.scope.kind === ScopeKind.Function && isId(pns.nodes[0]) &&
      pns.nodes[0]!.str === "super" && trails[0].rule === Rule.TrailerParen &&
      trails[0].nodes[0] === null
    ) {
      // super() without arguments: pass __class__ and the first parameter.
      this.loadId("__class__");
      let found = false;
      for (const id of this.scope.ids) {
        if (id.flags & IdFlag.IsParam) {
          this.loadId(id.name);
          found = true;
          break;
        }
      }
      if (!found) {
        this.syntaxError(trails[0], "super() can't find self");
        return;
      }
      if (
        numTrail >= 3 && trails[1].rule === Rule.TrailerPeriod &&
        trails[2].rule === Rule.TrailerParen
      ) {
        e.loadMethod(trails[1].nodes[0]!.str, true);
        this.compileTrailerParenHelper(trails[2].nodes[0], true, 0);
        i = 3;
      } else {
        e.callFunction(2, 0, 0);
        i = 1;
      }
    } else if (
      isId(pns.nodes[0]) && pns.nodes[0]!.str === "OrderedDict" &&
      trails[0].rule === Rule.TrailerParen &&
      isStruct(trails[0].nodes[0], Rule.AtomBrace)
    ) {
      // OrderedDict({...}): MicroPython calls OrderedDict() and stores the
      // literal's items straight into it, so they keep their order.
      e.callFunction(0, 0, 0);
      this.compileAtomBraceHelper(trails[0].nodes[0] as PNode, false);
      i = 1;
    }
    for (; i < numTrail; i++) {
      if (
        i + 1 < numTrail && trails[i].rule === Rule.TrailerPeriod &&
        trails[i + 1].rule === Rule.TrailerParen
      ) {
        e.loadMethod(trails[i].nodes[0]!.str, false);
        this.compileTrailerParenHelper(trails[i + 1].nodes[0], true, 0);
        i++;
      } else {
        this.compileNode(trails[i]);
      }
    }
  }

  private compilePower(pns: PNode): void {
    this.compileGenericAllNodes(pns);
    this.emit.binaryOp(BinaryOp.Power);
  }

  private compileTrailerParenHelper(
    arglist: PN,
    isMethodCall: boolean,
    nPositionalExtra: number,
  ): void {
    if (arglist !== null && !isStruct(arglist, Rule.Arglist)) {
      // One argument (no list made for it).
      if (!this.isPlainArg(arglist)) {
        this.compileArgs([arglist], isMethodCall, nPositionalExtra);
        return;
      }
      this.compileNode(arglist);
      if (isMethodCall) this.emit.callMethod(nPositionalExtra + 1, 0, 0);
      else this.emit.callFunction(nPositionalExtra + 1, 0, 0);
      return;
    }
    const args = extractList(arglist, Rule.Arglist);
    // The common case: positional arguments only.
    for (let i = 0; i < args.length; i++) {
      if (!this.isPlainArg(args[i])) {
        this.compileArgs(args, isMethodCall, nPositionalExtra);
        return;
      }
    }
    for (let i = 0; i < args.length; i++) this.compileNode(args[i]);
    const n = nPositionalExtra + args.length;
    if (isMethodCall) this.emit.callMethod(n, 0, 0);
    else this.emit.callFunction(n, 0, 0);
  }

  /** A call's arguments with `*`, `**`, keywords or comprehensions. */
  private compileArgs(
    args: PN[],
    isMethodCall: boolean,
    nPositionalExtra: number,
  ): void {
    let nPositional = nPositionalExtra;
    let nKeyword = 0;
    let starFlags = 0;
    let starArgs = 0;
    const e = this.emit;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      let normal = true;
      if (arg !== null && arg.kind === NodeKind.Struct) {
        if (arg.rule === Rule.ArglistStar) {
          normal = false;
          if (starFlags & StarFlag.Double) {
            this.syntaxError(arg, "* arg after **");
            return;
          }
          if (i >= this.opts.smallIntBits - 1) {
            this.syntaxError(arg, "too many args");
            return;
          }
          starFlags |= StarFlag.Single;
          starArgs += 2 ** i;
          this.compileNode(arg.nodes[0]);
          nPositional++;
        } else if (arg.rule === Rule.ArglistDblStar) {
          normal = false;
          starFlags |= StarFlag.Double;
          e.loadNull();
          this.compileNode(arg.nodes[0]);
          nKeyword++;
        } else if (arg.rule === Rule.Argument) {
          normal = false;
          if (isStruct(arg.nodes[1], Rule.Argument3)) {
            this.compileNamedexprHelper(arg.nodes[0], arg.nodes[1]!.nodes[0]);
            nPositional++;
          } else if (!isStruct(arg.nodes[1], Rule.CompFor)) {
            if (!isId(arg.nodes[0])) {
              this.syntaxError(arg, "LHS of keyword arg must be an id");
              return;
            }
            e.loadConstStr(arg.nodes[0]!.str);
            this.compileNode(arg.nodes[1]);
            nKeyword++;
          } else {
            this.compileComprehension(arg, ScopeKind.GenExpr);
            nPositional++;
          }
        }
      }
      if (normal) {
        if (starFlags & StarFlag.Double) {
          this.syntaxError(arg, "positional arg after **");
          return;
        }
        if (nKeyword > 0) {
          this.syntaxError(arg, "positional arg after keyword arg");
          return;
        }
        this.compileNode(arg);
        nPositional++;
      }
    }
    if (starFlags !== 0) e.loadConstSmallInt(starArgs);
    if (isMethodCall) e.callMethod(nPositional, nKeyword, starFlags);
    else e.callFunction(nPositional, nKeyword, starFlags);
  }

  private compileComprehension(pns: PNode, kind: ScopeKind): void {
    const compFor = pns.nodes[1]!;
    if (this.pass === Pass.Scope) {
      const s = this.newScope(kind, pns, "");
      compFor.scope = s.index;
    }
    const thisScope = this.scopes[compFor.scope];
    this.closeOverVariablesEtc(thisScope, 0, 0);
    this.compileNode(compFor.nodes[1]);
    if (kind === ScopeKind.GenExpr) this.emit.getIter(false);
    this.emit.callFunction(1, 0, 0);
  }

  private compileAtomParen(pns: PNode): void {
    const inner = pns.nodes[0];
    if (inner === null) {
      this.emit.build(0, BuildKind.Tuple);
    } else if (this.hasCompFor(inner)) {
      this.compileComprehension(inner, ScopeKind.GenExpr);
    } else {
      this.compileGenericTuple(inner);
    }
  }

  private compileAtomBracket(pns: PNode): void {
    const inner = pns.nodes[0];
    if (inner === null) {
      this.emit.build(0, BuildKind.List);
    } else if (isStruct(inner, Rule.TestlistComp)) {
      if (this.hasCompFor(inner!)) {
        this.compileComprehension(inner!, ScopeKind.ListComp);
      } else {
        this.compileGenericAllNodes(inner!);
        this.emit.build(inner!.nodes.length, BuildKind.List);
      }
    } else {
      this.compileNode(inner);
      this.emit.build(1, BuildKind.List);
    }
  }

  private compileAtomBrace(pns: PNode): void {
    this.compileAtomBraceHelper(pns, true);
  }

  /**
   * A `{...}` display; without `createMap` a dict's items are stored into
   * the map already on the stack (for `OrderedDict({...})`).
   */
  private compileAtomBraceHelper(pns: PNode, createMap: boolean): void {
    const e = this.emit;
    const pn = pns.nodes[0];
    if (pn === null) {
      if (createMap) e.build(0, BuildKind.Map);
      return;
    }
    if (pn.kind === NodeKind.Struct) {
      if (pn.rule === Rule.DictorsetmakerItem) {
        if (createMap) e.build(1, BuildKind.Map);
        this.compileNode(pn);
        e.storeMap();
        return;
      }
      if (pn.rule === Rule.Dictorsetmaker) {
        const pns1 = pn.nodes[1]!;
        if (pns1.rule === Rule.DictorsetmakerList) {
          const nodes = extractList(pns1.nodes[0], Rule.DictorsetmakerList2);
          let isDict: boolean;
          if (isStruct(pn.nodes[0], Rule.DictorsetmakerItem)) {
            if (createMap) e.build(1 + nodes.length, BuildKind.Map);
            this.compileNode(pn.nodes[0]);
            e.storeMap();
            isDict = true;
          } else {
            this.compileNode(pn.nodes[0]);
            isDict = false;
          }
          for (const item of nodes) {
            const isKeyValue = isStruct(item, Rule.DictorsetmakerItem);
            this.compileNode(item);
            if (isDict) {
              if (!isKeyValue) {
                this.syntaxError(pn, "expecting key:value for dict");
                return;
              }
              e.storeMap();
            } else if (isKeyValue) {
              this.syntaxError(pn, "expecting just a value for set");
              return;
            }
          }
          if (!isDict) e.build(1 + nodes.length, BuildKind.Set);
        } else if (isStruct(pn.nodes[0], Rule.DictorsetmakerItem)) {
          this.compileComprehension(pn, ScopeKind.DictComp);
        } else {
          this.compileComprehension(pn, ScopeKind.SetComp);
        }
        return;
      }
    }
    this.compileNode(pn);
    e.build(1, BuildKind.Set);
  }

  private compileSubscript(pnsIn: PNode): void {
    const e = this.emit;
    let pns = pnsIn;
    if (pns.rule === Rule.Subscript2) {
      this.compileNode(pns.nodes[0]);
      pns = pns.nodes[1]!;
    } else {
      e.loadConstNone();
    }
    const pn = pns.nodes[0];
    if (pn === null) {
      e.loadConstNone();
      e.build(2, BuildKind.Slice);
    } else if (pn.kind === NodeKind.Struct && pn.rule === Rule.Subscript3c) {
      e.loadConstNone();
      if (pn.nodes[0] === null) {
        e.build(2, BuildKind.Slice);
      } else {
        this.compileNode(pn.nodes[0]);
        e.build(3, BuildKind.Slice);
      }
    } else if (pn.kind === NodeKind.Struct && pn.rule === Rule.Subscript3d) {
      this.compileNode(pn.nodes[0]);
      const sliceop = pn.nodes[1]!;
      if (sliceop.nodes[0] === null) {
        e.build(2, BuildKind.Slice);
      } else {
        this.compileNode(sliceop.nodes[0]);
        e.build(3, BuildKind.Slice);
      }
    } else {
      this.compileNode(pn);
      e.build(2, BuildKind.Slice);
    }
  }

  private compileYieldExpr(pns: PNode): void {
    const k = this.scope.kind;
    if (k !== ScopeKind.Function && k !== ScopeKind.Lambda) {
      this.syntaxError(pns, "'yield' outside function");
      return;
    }
    const arg = pns.nodes[0];
    if (arg === null) {
      this.emit.loadConstNone();
      this.emit.yield(false);
    } else if (isStruct(arg, Rule.YieldArgFrom)) {
      this.compileNode(arg.nodes[0]);
      this.compileYieldFrom();
    } else {
      this.compileNode(arg);
      this.emit.yield(false);
    }
  }

  private compileAtomExprAwait(pns: PNode): void {
    const k = this.scope.kind;
    if (k !== ScopeKind.Function && k !== ScopeKind.Lambda) {
      this.syntaxError(pns, "'await' outside function");
      return;
    }
    this.compileAtomExprNormal(pns);
    this.compileYieldFrom();
  }

  /** Compiles one parse node. */
  compileNode(pn: PN): void {
    if (pn === null) return;
    switch (pn.kind) {
      case 0: // small int
        this.emit.loadConstSmallInt(pn.num);
        return;
      case 1: // identifier
        this.loadId(pn.str);
        return;
      case 2: // interned string
        this.emit.loadConstStr(pn.str);
        return;
      case 3: // token
        if (!this.emit.loadConstToken(pn.rule)) {
          this.syntaxError(pn, "invalid syntax");
        }
        return;
      default: // struct
        break;
    }
    if (!this.enter(pn)) return;
    this.emit.setSourceLine(pn.line);
    const f = STRUCT_HANDLERS[pn.rule];
    if (f === undefined) {
      // Rules without a compile function never reach here from a valid tree.
      this.syntaxError(pn, "invalid syntax");
    } else {
      f.call(this, pn);
    }
    this.depth--;
  }

  private compileDelStmtNode(pns: PNode): void {
    this.applyToSingleOrList(
      pns.nodes[0],
      Rule.Exprlist,
      (p) => this.cDelStmt(p),
    );
  }

  private compileNamedexprTestNode(pns: PNode): void {
    this.compileNamedexprHelper(pns.nodes[0], pns.nodes[1]);
  }

  private compileNotTest2Node(pns: PNode): void {
    this.compileNode(pns.nodes[0]);
    this.emit.unaryOp(UnaryOp.Not);
  }

  private compileStarExprNode(pns: PNode): void {
    this.syntaxError(pns, "*x must be assignment target");
  }

  private compileTrailerParenNode(pns: PNode): void {
    this.compileTrailerParenHelper(pns.nodes[0], false, 0);
  }

  private compileTrailerBracketNode(pns: PNode): void {
    this.compileNode(pns.nodes[0]);
    this.emit.subscr(AccessKind.Load);
  }

  private compileTrailerPeriodNode(pns: PNode): void {
    this.emit.attr(pns.nodes[0]!.str, AccessKind.Load);
  }

  private compileDictorsetmakerItemNode(pns: PNode): void {
    this.compileNode(pns.nodes[1]);
    this.compileNode(pns.nodes[0]);
  }

  private compileClassdefNode(pns: PNode): void {
    const name = this.compileClassdefHelper(pns);
    this.storeId(name);
  }

  private compileConstObjectNode(pns: PNode): void {
    this.emit.loadConstObj(pns.obj!);
  }

  // --- scopes ------------------------------------------------------------

  private compileScopeFuncLambdaParam(
    pn: PN,
    nameRule: Rule,
    starRule: Rule,
  ): void {
    const scope = this.scope;
    if (scope.scopeFlags & ScopeFlags.VarKeywords) {
      this.syntaxError(pn, "invalid syntax");
      return;
    }
    let name = "";
    let flag = IdFlag.IsParam;
    if (isId(pn)) {
      name = pn!.str;
      if (this.haveStar) scope.numKwonlyArgs++;
      else scope.numPosArgs++;
    } else {
      const pns = pn!;
      if (pns.rule === nameRule) {
        name = pns.nodes[0]!.str;
        if (this.haveStar) scope.numKwonlyArgs++;
        else scope.numPosArgs++;
      } else if (pns.rule === starRule) {
        if (this.haveStar) {
          this.syntaxError(pn, "invalid syntax");
          return;
        }
        this.haveStar = true;
        flag = IdFlag.IsParam | IdFlag.IsStarParam;
        const star = pns.nodes[0];
        if (star === null) {
          // A bare `*`: keyword-only parameters follow.
        } else if (isId(star)) {
          scope.scopeFlags |= ScopeFlags.VarArgs;
          name = star!.str;
        } else {
          scope.scopeFlags |= ScopeFlags.VarArgs;
          name = star!.nodes[0]!.str;
        }
      } else {
        name = pns.nodes[0]!.str;
        flag = IdFlag.IsParam | IdFlag.IsDblStarParam;
        scope.scopeFlags |= ScopeFlags.VarKeywords;
      }
    }
    if (name !== "") {
      const id = scope.findOrAdd(name, IdKind.Undecided);
      if (id.kind !== IdKind.Undecided) {
        this.syntaxError(pn, "argument name reused");
        return;
      }
      id.kind = IdKind.Local;
      id.flags = flag;
    }
  }

  private compileScopeCompIter(
    compFor: PNode,
    inner: PN,
    forDepth: number,
  ): void {
    if (!this.enter(inner)) return;
    try {
      const e = this.emit;
      const lTop = this.label();
      const lEnd = this.label();
      e.labelAssign(lTop);
      e.forIter(lEnd);
      this.cAssign(compFor.nodes[0], Assign.Store);
      let iter = compFor.nodes[2];
      for (;;) {
        if (iter === null) {
          this.compileNode(inner);
          if (this.scope.kind === ScopeKind.GenExpr) {
            e.yield(false);
            e.popTop();
          } else {
            e.storeComp(this.scope.kind, 4 * forDepth + 5);
          }
          break;
        } else if (iter.rule === Rule.CompIf) {
          this.cIfCond(iter.nodes[0], false, lTop);
          iter = iter.nodes[1];
        } else {
          this.compileNode(iter.nodes[1]);
          e.getIter(true);
          this.compileScopeCompIter(iter, inner, forDepth + 1);
          break;
        }
      }
      e.jump(lTop);
      e.labelAssign(lEnd);
      e.forIterEnd();
    } finally {
      this.depth--;
    }
  }

  /** Runs one pass over one scope. */
  compileScope(scope: Scope, pass: Pass): void {
    this.pass = pass;
    this.scope = scope;
    this.nextLabel = 0;
    this.curExceptLevel = 0;
    this.breakLabel = INVALID_LABEL;
    this.continueLabel = INVALID_LABEL;
    this.breakContinueExceptLevel = 0;
    const e = this.emit;
    e.startPass(pass, scope);
    const pn = scope.pn;
    switch (scope.kind) {
      case ScopeKind.Module:
        if (isStruct(pn, Rule.EvalInput)) {
          this.compileNode(pn!.nodes[0]);
          e.returnValue();
        } else {
          this.compileNode(pn);
          e.loadConstNone();
          e.returnValue();
        }
        break;
      case ScopeKind.Function: {
        const pns = pn!;
        if (pass === Pass.Scope) {
          this.haveStar = false;
          this.applyToSingleOrList(
            pns.nodes[1],
            Rule.Typedargslist,
            (p) =>
              this.compileScopeFuncLambdaParam(
                p,
                Rule.TypedargslistName,
                Rule.TypedargslistStar,
              ),
          );
        }
        this.compileNode(pns.nodes[3]);
        e.loadConstNone();
        e.returnValue();
        break;
      }
      case ScopeKind.Lambda: {
        const pns = pn!;
        e.setSourceLine(pns.line);
        if (pass === Pass.Scope) {
          this.haveStar = false;
          this.applyToSingleOrList(
            pns.nodes[0],
            Rule.Varargslist,
            (p) =>
              this.compileScopeFuncLambdaParam(
                p,
                Rule.VarargslistName,
                Rule.VarargslistStar,
              ),
          );
        }
        this.compileNode(pns.nodes[1]);
        if (scope.scopeFlags & ScopeFlags.Generator) {
          e.popTop();
          e.loadConstNone();
        }
        e.returnValue();
        break;
      }
      case ScopeKind.ListComp:
      case ScopeKind.DictComp:
      case ScopeKind.SetComp:
      case ScopeKind.GenExpr: {
        const pns = pn!;
        const compFor = pns.nodes[1]!;
        if (pass === Pass.Scope) {
          scope.findOrAdd("", IdKind.Local);
          scope.numPosArgs = 1;
        }
        e.setSourceLine(pns.line);
        if (scope.kind === ScopeKind.ListComp) e.build(0, BuildKind.List);
        else if (scope.kind === ScopeKind.DictComp) e.build(0, BuildKind.Map);
        else if (scope.kind === ScopeKind.SetComp) e.build(0, BuildKind.Set);
        if (scope.kind === ScopeKind.GenExpr) {
          e.loadNull();
          this.loadId("");
          e.loadNull();
          e.loadNull();
        } else {
          this.loadId("");
          e.getIter(true);
        }
        this.compileScopeCompIter(compFor, pns.nodes[0], 0);
        if (scope.kind === ScopeKind.GenExpr) e.loadConstNone();
        e.returnValue();
        break;
      }
      case ScopeKind.Class: {
        const pns = pn!;
        if (pass === Pass.Scope) scope.findOrAdd("__class__", IdKind.Local);
        this.loadId("__name__");
        this.storeId("__module__");
        e.loadConstStr(pns.nodes[0]!.str);
        this.storeId("__qualname__");
        this.compileNode(pns.nodes[2]);
        const id = scope.find("__class__")!;
        if (id.kind === IdKind.Local) e.loadConstNone();
        else e.loadLocal(id.localNum, LocalKind.Fast);
        e.returnValue();
        break;
      }
    }
    if (this.error !== null) this.setErrorLine(pn);
  }

  /** After a scope's first pass: close over names found in enclosing scopes. */
  closeOverImplicitGlobals(scope: Scope): void {
    const ids = scope.ids;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i].kind === IdKind.GlobalImplicit) {
        checkToCloseOver(scope, ids[i]);
      }
    }
  }

  /** Whether a scope is function-like (re-exported for the driver). */
  static isFuncLike(kind: ScopeKind): boolean {
    return isFuncLike(kind);
  }

  /** Fills the table of struct-node handlers, one per rule. */
  static {
    const on = (rules: Rule[], f: StructHandler): void => {
      for (const r of rules) STRUCT_HANDLERS[r] = f;
    };
    const p = Codegen.prototype;
    on([
      Rule.FileInput,
      Rule.FileInput2,
      Rule.SimpleStmt2,
      Rule.PassStmt,
      Rule.SuiteBlockStmts,
    ], p.compileGenericAllNodes);
    on([Rule.Decorated], p.compileDecorated);
    on([Rule.Funcdef], p.compileFuncdef);
    on([Rule.ExprStmt], p.compileExprStmt);
    on(
      [Rule.TestlistStarExpr, Rule.Subscriptlist, Rule.Testlist],
      p.compileGenericTuple,
    );
    on([Rule.DelStmt], p.compileDelStmtNode);
    on([Rule.BreakStmt, Rule.ContinueStmt], p.compileBreakContStmt);
    on([Rule.ReturnStmt], p.compileReturnStmt);
    on([Rule.YieldStmt], p.compileYieldStmt);
    on([Rule.RaiseStmt], p.compileRaiseStmt);
    on([Rule.ImportName], p.compileImportName);
    on([Rule.ImportFrom], p.compileImportFrom);
    on([Rule.GlobalStmt, Rule.NonlocalStmt], p.compileGlobalNonlocalStmt);
    on([Rule.AssertStmt], p.compileAssertStmt);
    on([Rule.AsyncStmt], p.compileAsyncStmt);
    on([Rule.IfStmt], p.compileIfStmt);
    on([Rule.WhileStmt], p.compileWhileStmt);
    on([Rule.ForStmt], p.compileForStmt);
    on([Rule.TryStmt], p.compileTryStmt);
    on([Rule.WithStmt], p.compileWithStmt);
    on([Rule.NamedexprTest], p.compileNamedexprTestNode);
    on([Rule.TestIfExpr], p.compileTestIfExpr);
    on([Rule.Lambdef, Rule.LambdefNocond], p.compileLambdef);
    on([Rule.OrTest, Rule.AndTest], p.compileOrAndTest);
    on([Rule.NotTest2], p.compileNotTest2Node);
    on([Rule.Comparison], p.compileComparison);
    on([Rule.StarExpr], p.compileStarExprNode);
    on([Rule.Expr, Rule.XorExpr, Rule.AndExpr], p.compileBinaryOp);
    on([Rule.ShiftExpr, Rule.ArithExpr, Rule.Term], p.compileTerm);
    on([Rule.Factor2], p.compileFactor2);
    on([Rule.Power], p.compilePower);
    on([Rule.AtomExprAwait], p.compileAtomExprAwait);
    on([Rule.AtomExprNormal], p.compileAtomExprNormal);
    on([Rule.AtomParen], p.compileAtomParen);
    on([Rule.AtomBracket], p.compileAtomBracket);
    on([Rule.AtomBrace], p.compileAtomBrace);
    on([Rule.TrailerParen], p.compileTrailerParenNode);
    on([Rule.TrailerBracket], p.compileTrailerBracketNode);
    on([Rule.TrailerPeriod], p.compileTrailerPeriodNode);
    on([Rule.Subscript2, Rule.Subscript3], p.compileSubscript);
    on([Rule.DictorsetmakerItem], p.compileDictorsetmakerItemNode);
    on([Rule.Classdef], p.compileClassdefNode);
    on([Rule.YieldExpr], p.compileYieldExpr);
    on([Rule.ConstObject], p.compileConstObjectNode);
  }
}
