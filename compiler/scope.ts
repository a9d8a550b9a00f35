/**
 * Scopes and identifier tables (`py/scope.c`): every code object has a
 * scope whose identifiers are classified during the first compiler pass as
 * local, cell (captured by a nested scope), free (captured from an enclosing
 * scope) or global, then numbered into local slots.
 *
 * @module
 */

import type { PNode } from "./parse_node.ts";

/** Kind of a scope; the order matters (function-like scopes are ≥ Lambda). */
export const enum ScopeKind {
  Module,
  Class,
  Lambda,
  ListComp,
  DictComp,
  SetComp,
  GenExpr,
  Function,
}

/** How an identifier is accessed. */
export const enum IdKind {
  Undecided,
  GlobalImplicit,
  GlobalImplicitAssigned,
  GlobalExplicit,
  Local,
  Cell,
  Free,
}

/** Parameter flags of an identifier. */
export const enum IdFlag {
  IsParam = 0x01,
  IsStarParam = 0x02,
  IsDblStarParam = 0x04,
}

/** Internal scope flags (the four low bits go into the prelude). */
export const enum ScopeFlags {
  Generator = 0x01,
  VarKeywords = 0x02,
  VarArgs = 0x04,
  DefKwArgs = 0x08,
}

/** One identifier of a scope. */
export class IdInfo {
  declare kind: IdKind;
  declare flags: number;
  declare localNum: number;
  declare readonly name: string;
  constructor(name: string, kind: IdKind) {
    this.name = name;
    this.kind = kind;
    this.flags = 0;
    this.localNum = 0;
  }
}

/** Whether a scope kind is function-like (has fast locals). */
export function isFuncLike(kind: ScopeKind): boolean {
  return kind >= ScopeKind.Lambda;
}

/** Whether a scope kind is a comprehension or generator expression. */
export function isCompLike(kind: ScopeKind): boolean {
  return kind >= ScopeKind.ListComp && kind <= ScopeKind.GenExpr;
}

const SIMPLE_NAMES: readonly string[] = [
  "<module>",
  "",
  "<lambda>",
  "<listcomp>",
  "<dictcomp>",
  "<setcomp>",
  "<genexpr>",
  "",
];

/** A code object being compiled. */
export class Scope {
  declare readonly kind: ScopeKind;
  declare readonly parent: Scope | null;
  /** The parse node the scope was created for. */
  declare readonly pn: PNode | null;
  declare readonly simpleName: string;
  /** Position in the compiler's scope list. */
  declare readonly index: number;
  scopeFlags = 0;
  numPosArgs = 0;
  numKwonlyArgs = 0;
  numDefPosArgs = 0;
  numLocals = 0;
  stackSize = 0;
  excStackSize = 0;
  /** `@micropython.native`/`viper` request (compiled as bytecode anyway). */
  decorator: "native" | "viper" | undefined = undefined;
  readonly ids: IdInfo[] = [];
  private readonly idMap = new Map<string, IdInfo>();

  constructor(
    kind: ScopeKind,
    parent: Scope | null,
    pn: PNode | null,
    name: string,
    index: number,
  ) {
    this.kind = kind;
    this.parent = parent;
    this.pn = pn;
    this.simpleName = kind === ScopeKind.Function || kind === ScopeKind.Class
      ? name
      : SIMPLE_NAMES[kind];
    this.index = index;
  }

  /** The identifier `name`, if the scope has it. */
  find(name: string): IdInfo | undefined {
    return this.idMap.get(name);
  }

  /** The identifier `name`, added with `kind` at the end if new. */
  findOrAdd(name: string, kind: IdKind): IdInfo {
    let id = this.idMap.get(name);
    if (id === undefined) {
      id = new IdInfo(name, kind);
      this.ids.push(id);
      this.idMap.set(name, id);
    }
    return id;
  }

  /** The identifier `name` of the outermost (module) scope. */
  findGlobal(name: string): IdInfo | undefined {
    let s: Scope | null = this.parent;
    if (s === null) return this.find(name);
    while (s.parent !== null) s = s.parent;
    return s.find(name);
  }

  /** Swaps two identifier entries (the star-parameter swap). */
  swapIds(i: number, j: number): void {
    const a = this.ids[i];
    this.ids[i] = this.ids[j];
    this.ids[j] = a;
  }
}

function closeOverInParents(scope: Scope, name: string): void {
  for (let s = scope.parent; s !== null; s = s.parent) {
    const id = s.findOrAdd(name, IdKind.Undecided);
    if (id.kind === IdKind.Undecided) {
      // Not known here: pass it through as a free variable.
      id.kind = IdKind.Free;
    } else {
      if (id.kind === IdKind.Local) id.kind = IdKind.Cell;
      return;
    }
  }
}

/**
 * If `id` (an implicit global of `scope`) is bound in an enclosing function
 * scope, make it free here and a cell where it is bound.
 */
export function checkToCloseOver(scope: Scope, id: IdInfo): void {
  if (scope.parent === null) return;
  for (let s = scope.parent; s.parent !== null; s = s.parent) {
    const id2 = s.find(id.name);
    if (id2 !== undefined) {
      if (
        id2.kind === IdKind.Local || id2.kind === IdKind.Cell ||
        id2.kind === IdKind.Free
      ) {
        id.kind = IdKind.Free;
        closeOverInParents(scope, id.name);
      }
      break;
    }
  }
}

/** Identifier lookup for a load during the first pass. */
export function idForLoad(scope: Scope, name: string): void {
  scope.findOrAdd(name, IdKind.GlobalImplicit);
}

/** Identifier lookup for a store or delete during the first pass. */
export function idForModification(scope: Scope, name: string): IdInfo {
  const id = scope.findOrAdd(name, IdKind.GlobalImplicit);
  if (id.kind === IdKind.GlobalImplicit) {
    id.kind = isFuncLike(scope.kind)
      ? IdKind.Local
      : IdKind.GlobalImplicitAssigned;
  }
  return id;
}

/** Numbers the locals, cells and free variables of a scope (after pass 1). */
export function computeSlots(scope: Scope): void {
  // The *args parameter swaps places with the last plain parameter.
  if (scope.scopeFlags & ScopeFlags.VarArgs) {
    let paramIndex = -1;
    for (let i = scope.ids.length - 1; i >= 0; i--) {
      const id = scope.ids[i];
      if (id.flags & IdFlag.IsStarParam) {
        if (paramIndex >= 0) scope.swapIds(paramIndex, i);
        break;
      } else if (paramIndex < 0 && id.flags === IdFlag.IsParam) {
        paramIndex = i;
      }
    }
  }

  const ids = scope.ids;
  const isClass = scope.kind === ScopeKind.Class;
  const funcLike = isFuncLike(scope.kind);
  let numLocals = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (isClass && id.name === "__class__") continue;
    if (funcLike && id.kind === IdKind.GlobalImplicit) {
      id.kind = IdKind.GlobalExplicit;
    }
    if (id.kind === IdKind.Local || (id.flags & IdFlag.IsParam)) {
      id.localNum = numLocals++;
    }
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id.kind === IdKind.Cell && !(id.flags & IdFlag.IsParam)) {
      id.localNum = numLocals++;
    }
  }
  scope.numLocals = numLocals;

  const parent = scope.parent;
  if (parent !== null) {
    let numFree = 0;
    const pids = parent.ids;
    for (let i = 0; i < pids.length; i++) {
      const pid = pids[i];
      if (pid.kind === IdKind.Cell || pid.kind === IdKind.Free) {
        const id = scope.find(pid.name);
        if (id !== undefined && id.kind === IdKind.Free) {
          id.localNum = numFree++;
        }
      }
    }
    if (numFree > 0) {
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id.kind !== IdKind.Free || (id.flags & IdFlag.IsParam)) {
          id.localNum += numFree;
        }
      }
      scope.numPosArgs += numFree;
      scope.numLocals += numFree;
    }
  }
}
