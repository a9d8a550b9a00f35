/**
 * Source to raw code tree: lexer, parser, scope analysis and emitter in
 * sequence, as mpy-cross runs them.
 *
 * @module
 */

import { CodeKind, type CompiledModule, type RawCode } from "./raw_code.ts";
import { CompileError } from "./compile_error.ts";
import { InputKind, parse, ParseError } from "./parser.ts";
import { AssembleError, Emitter, ModuleTables, Pass } from "./emitter.ts";
import { Codegen } from "./codegen.ts";
import { computeSlots, type Scope } from "./scope.ts";
import { toConstObject } from "./py_obj.ts";

/** Options of {@link compile}, as mpy-cross has them. */
export interface CompileOptions {
  /** Name stored as the source file (qstr 0) and used in tracebacks. */
  sourceName: string;
  /** Optimisation level 0–3 (`-O`): 1 drops asserts, 3 drops line numbers. */
  optLevel?: number;
  /** Small-int width of the target (31 by default). */
  smallIntBits?: number;
  /** What the source is: a file (default), a single expression, or a REPL line. */
  mode?: "exec" | "eval" | "single";
}

/** Compiles Python source to a raw code tree; throws {@link CompileError}. */
export function compile(
  source: string,
  options: CompileOptions,
): CompiledModule {
  const sourceName = options.sourceName.replaceAll("\\", "/");
  const optLevel = options.optLevel ?? 0;
  const smallIntBits = options.smallIntBits ?? 31;
  if (!(smallIntBits >= 2 && smallIntBits <= 63)) {
    throw new RangeError("Small-int bits must be between 2 and 63");
  }
  const mode = options.mode ?? "exec";
  const input = mode === "eval"
    ? InputKind.Eval
    : mode === "single"
    ? InputKind.Single
    : InputKind.File;

  let root;
  try {
    root = parse(source, input, {
      sourceName,
      optLevel,
      smallIntBits,
    }).root;
  } catch (e) {
    if (e instanceof ParseError) {
      throw new CompileError(e.kind, e.message, {
        file: sourceName,
        line: e.line,
        column: e.column,
      });
    }
    if (e instanceof RangeError) throw tooDeep(sourceName);
    throw e;
  }

  try {
    return generate(root, sourceName, optLevel, smallIntBits, mode);
  } catch (e) {
    if (e instanceof AssembleError) {
      throw new CompileError("SyntaxError", e.message, {
        file: sourceName,
        line: 1,
        column: 1,
      });
    }
    // The JavaScript stack ran out on pathologically nested source.
    if (e instanceof RangeError) throw tooDeep(sourceName);
    throw e;
  }
}

// Last resort: the caller left too little stack for the nesting limits.
function tooDeep(file: string): CompileError {
  return new CompileError("SyntaxError", "maximum recursion depth exceeded", {
    file,
    line: 1,
    column: 1,
  });
}

function generate(
  root: Parameters<Codegen["moduleScope"]>[0],
  sourceName: string,
  optLevel: number,
  smallIntBits: number,
  mode: "exec" | "eval" | "single",
): CompiledModule {
  const tables = new ModuleTables(sourceName);
  const emitter = new Emitter(tables, optLevel >= 3);
  const cg = new Codegen(emitter, {
    optLevel,
    smallIntBits,
    isRepl: mode === "single",
  });
  cg.moduleScope(root);
  const scopes = cg.scopes;

  // Pass 1 over every scope; nested scopes are appended as they are found.
  let failed: Scope | null = null;
  for (let i = 0; i < scopes.length && cg.error === null; i++) {
    cg.compileScope(scopes[i], Pass.Scope);
    cg.closeOverImplicitGlobals(scopes[i]);
    if (cg.error !== null) failed = scopes[i];
  }
  if (cg.error === null) {
    for (let i = 0; i < scopes.length; i++) computeSlots(scopes[i]);
  }

  const codes: RawCode[] = [];
  const childScopes: Scope[][] = [];
  for (let i = 0; i < scopes.length && cg.error === null; i++) {
    const s = scopes[i];
    cg.compileScope(s, Pass.Code);
    if (cg.error !== null) {
      failed = s;
      break;
    }
    const a = emitter.assemble();
    let nState = s.numLocals + s.stackSize;
    if (nState === 0) nState = 1;
    const code: RawCode = {
      kind: CodeKind.Bytecode,
      nState,
      nExcStack: s.excStackSize,
      scopeFlags: s.scopeFlags & 0x0f,
      nPosArgs: s.numPosArgs,
      nKwonlyArgs: s.numKwonlyArgs,
      nDefPosArgs: s.numDefPosArgs,
      funData: a.funData,
      codeStart: a.codeStart,
      simpleName: tables.useQstr(s.simpleName),
      argNames: a.argNames,
      lineInfoStart: a.lineInfoStart,
      lineInfoEnd: a.lineInfoEnd,
      cells: a.cells,
      children: [],
      preludeOffset: 0,
    };
    if (s.decorator !== undefined) code.decorator = s.decorator;
    codes.push(code);
    childScopes.push(emitter.children);
  }

  if (cg.error !== null) {
    const err = cg.error;
    throw new CompileError("SyntaxError", err.message, {
      file: sourceName,
      line: err.line,
      column: err.column,
      block: failed?.simpleName ?? "<module>",
    });
  }

  for (let i = 0; i < codes.length; i++) {
    codes[i].children = childScopes[i].map((c) => codes[c.index]);
  }
  return {
    smallIntBits,
    arch: 0,
    qstrs: tables.qstrs,
    objs: tables.objs.map(toConstObject),
    root: codes[0],
  };
}
