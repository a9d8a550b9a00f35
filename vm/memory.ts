/**
 * A board's memory as one interpreter sees it: its GC heap and its qstr
 * pools, set up from the board profile, and what loading code costs on it
 * (HEAP_MODEL §5): the qstr and constant tables, the bytecode and child
 * tables of every raw code, raw-code descriptors of nested code, the text of
 * new qstrs, heap copies of long str constants — and, for source compiled
 * on the board, the compiler's transient memory, which peaks and is freed
 * before the code runs.
 *
 * @module
 */

import {
  type CompiledModule,
  ConstKind,
  type ConstObject,
  type RawCode,
} from "../compiler/mod.ts";
import { BlockKind, GcHeap, heap, HeapExhausted, setHeap } from "./heap.ts";
import { TableParser } from "../compiler/parser_table.ts";
import { Lexer, sourceBytes } from "../compiler/lexer.ts";
import { InputKind, type ParseOptions } from "../compiler/parse_state.ts";
import { NodeKind, type PN, type PNode } from "../compiler/parse_node.ts";
import { Rule } from "../compiler/grammar.ts";
import { ObjKind, type PyObj } from "../compiler/py_obj.ts";
import { Codegen } from "../compiler/codegen.ts";
import { Emitter, ModuleTables, Pass } from "../compiler/emitter.ts";
import { computeSlots, type Scope } from "../compiler/scope.ts";
import {
  isInterned,
  QstrPools,
  qstrPools,
  setQstrPools,
  utf8Length,
} from "./qstr.ts";
import { clearScheduled, traceScheduled } from "./scheduler.ts";

/** How a board's memory is set up (from its profile and the command line). */
export interface BoardMemoryOptions {
  /** Charge allocations (false: no limit, no figures, nearly free). */
  accounting: boolean;
  /** Bytes of the heap region. */
  heapBytes: number;
  /** Address one past the heap region's end. */
  heapEnd?: number;
  /** C stack limit for `mem_info`. */
  stackLimit?: number;
  /** Keep the unix port's `m_malloc` counters. */
  memStats?: boolean;
  /** Strings interned in RAM at start-up. */
  startupQstrs?: readonly string[];
  /** Entries of the first RAM qstr pool. */
  firstQstrPool?: number;
  /**
   * Sizes of the objects the port's start-up leaves on the heap for good
   * (a file system mounted at `/`, its block device and caches).
   */
  startupAllocs?: readonly number[];
}

/** The heap and qstr pools of one interpreter. */
export class BoardMemory {
  readonly heap: GcHeap;
  readonly qstrs: QstrPools;

  constructor(options: BoardMemoryOptions) {
    const end = options.heapEnd ?? 0x20000000 + options.heapBytes;
    this.heap = new GcHeap({
      accounting: options.accounting,
      heapBytes: options.heapBytes,
      regionStart: end - options.heapBytes,
      memStats: options.memStats,
      stackLimit: options.stackLimit,
    });
    this.qstrs = new QstrPools(this.heap, {
      firstPoolEntries: options.firstQstrPool,
    });
    // Callbacks waiting in `micropython.schedule`'s queue are roots.
    clearScheduled();
    this.heap.addRootTracer(traceScheduled);
    for (const s of options.startupQstrs ?? []) this.qstrs.intern(s);
    const kept: number[] = [];
    for (const n of options.startupAllocs ?? []) {
      kept.push(this.heap.alloc(n, BlockKind.Other));
    }
    if (kept.length > 0) {
      this.heap.addRootTracer(() => {
        for (const a of kept) this.heap.markAddr(a);
      });
    }
  }

  /** Makes this memory the running one (the heap every object charges). */
  activate(): void {
    setHeap(this.heap);
    setQstrPools(this.qstrs);
  }
}

// ---------------------------------------------------------------------------
// Loading code

/** Where loaded code came from, which decides what it costs. */
export const enum LoadForm {
  /** An `.mpy` file read from a file system: tables, bytecode, text copied to RAM. */
  Mpy = 0,
  /** Source compiled on the board: as `.mpy`, plus the compiler's transients and context. */
  Source = 1,
  /** Frozen into the firmware: nothing but what the code creates when it runs. */
  Frozen = 2,
}

/** How a module was loaded, and what runs once its lexer exists. */
interface LoadInfo {
  form: LoadForm;
  source: string;
  afterLexer?: () => void;
}

const loadForms = new WeakMap<CompiledModule, LoadInfo>();

/** Options of {@link markCompiledOnBoard}. */
export interface CompiledOnBoardOptions {
  /**
   * What the caller does between making the lexer and parsing (the unix
   * port and pyexec store `__file__` then); run once, before the code runs,
   * when nothing is charged.
   */
  afterLexer?: () => void;
}

/**
 * Records that `module` was compiled on the board from `source` (rather than
 * read from an `.mpy`), so that loading it charges the compiler's memory.
 */
export function markCompiledOnBoard(
  module: CompiledModule,
  source: string,
  options: CompiledOnBoardOptions = {},
): CompiledModule {
  loadForms.set(module, {
    form: LoadForm.Source,
    source,
    afterLexer: options.afterLexer,
  });
  return module;
}

/** Records that `module` is frozen into the firmware (costs no heap to load). */
export function markFrozen(module: CompiledModule): CompiledModule {
  loadForms.set(module, { form: LoadForm.Frozen, source: "" });
  return module;
}

/** Bytes of a raw-code descriptor (`mp_raw_code_t`, 12 bytes on 32-bit). */
const RAW_CODE_BYTES = 12;
/** The module context object (`mp_module_context_t`). */
const CONTEXT_BYTES = 16;
/** Parse-tree chunks start at this size (`MICROPY_ALLOC_PARSE_CHUNK_INIT`). */
const PARSE_CHUNK = 128;

/**
 * Charges what loading `module` costs (§5.2, §5.6). `file` is the object
 * that holds the module's tables while any of its code is alive (the qstr
 * and constant tables, the context and the long str constants name it as
 * their owner); each raw code owns its bytecode and child table, and the
 * child-table array of its parent owns its descriptor, so a function kept
 * after an import keeps exactly what MicroPython's function object reaches.
 */
export function chargeCodeLoad(module: CompiledModule, file: object): void {
  const info = loadForms.get(module);
  try {
    chargeLoad(module, file, info);
  } finally {
    runAfterLexer(info);
  }
}

/** Runs the caller's step between lexer and parser, if it has not run. */
function runAfterLexer(info: LoadInfo | undefined): void {
  const hook = info?.afterLexer;
  if (hook === undefined) return;
  info!.afterLexer = undefined;
  hook();
}

function chargeLoad(
  module: CompiledModule,
  file: object,
  info: LoadInfo | undefined,
): void {
  const pools = qstrPools;
  if (pools === null) return;
  const heap = pools.heap;
  if (!heap.accounting) return;
  const form = info === undefined ? LoadForm.Mpy : info.form;
  if (form === LoadForm.Frozen) return;
  const transients: number[] = [];
  // Until the code is loaded nothing refers to what loading makes: a
  // collection meanwhile must keep it (the board's loader and compiler hold
  // it in their state on the C stack).
  const pins = new Set<number>();
  const unroot = heap.addRootTracer(() => {
    for (const a of pins) heap.markAddr(a);
  });
  try {
    if (form === LoadForm.Source) {
      chargeCompile(module, info, file, { transients, pins });
    } else {
      // The file reader's buffer (freed once the file is read). The module
      // object the importer made is the code's context.
      const reader = heap.alloc(32, BlockKind.Other);
      transients.push(reader);
      pins.add(reader);
      chargeTables(module, file, pins);
      for (const q of module.qstrs) pools.intern(q);
      chargeConstants(module, file, pins);
      chargeRawCode(module.root, module.root.children, pins);
    }
    // The function object made from the module's code runs it: it lives as
    // long as the module body's code is in use.
    heap.alloc(16, BlockKind.Function, module.root);
  } finally {
    unroot();
    for (let i = transients.length - 1; i >= 0; i--) heap.free(transients[i]);
  }
}

/** The qstr and constant tables: one allocation, 2 bytes per qstr (rounded to words), 4 per constant. */
function chargeTables(
  module: CompiledModule,
  file: object,
  pins: Set<number>,
): void {
  const tables = 4 * Math.ceil((2 * module.qstrs.length) / 4) +
    4 * module.objs.length;
  pins.add(heap.alloc(tables, BlockKind.Code, file));
}

/** Heap copies of the str constants whose text is not interned. */
function chargeConstants(
  module: CompiledModule,
  file: object,
  pins: Set<number>,
): void {
  for (const c of module.objs) {
    if (c.kind === ConstKind.Str && !isInterned(c.value)) {
      pins.add(heap.alloc(utf8Length(c.value) + 1, BlockKind.Text, file));
      pins.add(heap.alloc(16, BlockKind.Str, file));
    }
  }
}

/** Bytecode, child table and descriptor of `rc` and, below it, its children. */
function chargeRawCode(
  rc: RawCode,
  parentTable: object,
  pins: Set<number>,
): void {
  pins.add(heap.alloc(rc.funData.length, BlockKind.Code, rc));
  if (rc.children.length > 0) {
    pins.add(heap.alloc(4 * rc.children.length, BlockKind.Code, rc));
    for (const c of rc.children) chargeRawCode(c, rc.children, pins);
  }
  pins.add(heap.alloc(RAW_CODE_BYTES, BlockKind.Code, parentTable));
}

/**
 * What compiling `module` from `source` on the board allocates (py/parse.c,
 * py/compile.c): the lexer and the parse tree, then the compiler's records.
 * What it keeps (the context, descriptors, bytecode, child and module
 * tables, long str constants, interned names) stays; the rest is freed or
 * left as garbage, leaving the holes the board has. Allocations still live
 * when a `MemoryError` interrupts it are left in `transients`.
 */
function chargeCompile(
  module: CompiledModule,
  info: LoadInfo | undefined,
  file: object,
  out: { transients: number[]; pins: Set<number> },
): void {
  const pools = qstrPools as QstrPools;
  const heap = pools.heap;
  // The lexer starts from the source name, interned before the file opens.
  if (module.qstrs.length > 0) pools.intern(module.qstrs[0]);
  const st: CompileState = {
    heap,
    pools,
    file,
    module,
    live: new Set(),
    pins: out.pins,
    remade: new Map(),
    info,
  };
  const source = info?.source ?? "";
  try {
    const sourceName = module.qstrs[0] ?? "<stdin>";
    const tracer = new ParseTracer(st);
    let root: PN = null;
    try {
      const opts = { sourceName, optLevel: 0, smallIntBits: 31 };
      tracer.begin();
      root = new TracingParser(source, opts, tracer).parse(InputKind.File);
    } catch (e) {
      if (e instanceof HeapExhausted) throw e;
      root = null;
    }
    tracer.end();
    const found = root === null ? null : analyse(root, sourceName);
    if (found === null) {
      // Not reproducible here: charge what is kept, as a loaded `.mpy` would.
      out.pins.add(heap.alloc(CONTEXT_BYTES, BlockKind.Code, file));
      chargeTables(module, file, out.pins);
      for (const q of module.qstrs) pools.intern(q);
      chargeConstants(module, file, out.pins);
      chargeRawCode(module.root, module.root.children, out.pins);
      for (const c of tracer.chunks.all) drop(st, c);
      return;
    }
    // Names the parse does not show (made by the compiler itself).
    for (const q of module.qstrs) pools.intern(q);
    chargeScopes(st, module, found, tracer.chunks);
  } finally {
    for (const a of st.live) out.transients.push(a);
  }
}

// ---------------------------------------------------------------------------
// Compiling source on the board (py/lexer.c, py/parse.c, py/compile.c,
// py/scope.c, py/emitbc.c): the allocations in the order the firmware makes
// them, so that the holes the compiler leaves behind are where the board has
// them.

/** The file reader (`mp_reader_posix_t`: flags, fd, length, position, a 20-byte buffer). */
const READER_BYTES = 36;
/** The lexer's state (`mp_lexer_t`, with the f-string fields). */
const LEXER_BYTES = 116;
/** The lexer's indentation stack (`MICROPY_ALLOC_LEXER_INDENT_INIT` 16-bit levels). */
const INDENT_BYTES = 20;
/** The token text buffer starts at 32 bytes. */
const TOKEN_BYTES = 32;
/** The f-string argument buffer starts at 1 byte (`vstr_init` of 0). */
const FSTRING_BYTES = 1;
/** A rule-stack entry (`rule_stack_t`). */
const RULE_ENTRY_BYTES = 8;
/** Entries of the rule stack (`MICROPY_ALLOC_PARSE_RULE_INIT`, `_INC`). */
const RULE_STACK_INIT = 64;
const RULE_STACK_INC = 16;
/** Entries of the result stack (`MICROPY_ALLOC_PARSE_RESULT_INIT`, `_INC`). */
const RESULT_STACK_INIT = 32;
const RESULT_STACK_INC = 16;
/** A parse-tree chunk's header (`mp_parse_chunk_t`). */
const CHUNK_HEADER = 8;
/** A struct node's header (`mp_parse_node_struct_t`); each child adds a word. */
const NODE_HEADER = 8;
/** String literals up to this many bytes are interned (`MICROPY_ALLOC_PARSE_INTERN_STRING_LEN`). */
const MAX_INTERNED_LITERAL = 10;
/** A scope record (`scope_t`, with the debug printers' code length). */
const SCOPE_BYTES = 52;
/** An identifier entry (`id_info_t`); a scope's table starts at 4 and grows by 6. */
const ID_BYTES = 8;
const ID_INIT = 4;
const ID_INC = 6;
/** The bytecode emitter's state (`emit_t`). */
const EMITTER_BYTES = 72;

/** The heap, names and owner a compile charges, and its live scratch allocations. */
interface CompileState {
  heap: GcHeap;
  pools: QstrPools;
  file: object;
  module: CompiledModule;
  live: Set<number>;
  /** Everything compiling made, kept from collection until it ends. */
  pins: Set<number>;
  /** Constants made before compiling, to be made again where the parser makes them. */
  remade: Map<string, { obj: { h: number }; size: number; kind: BlockKind }[]>;
  /** How the module is loaded (with the caller's step after the lexer). */
  info: LoadInfo | undefined;
}

/**
 * Frees the one-allocation constants (tuples, floats) the loader made for
 * the module's table before compiling began; {@link ParseTracer} makes them
 * again as the parser meets them.
 */
function releaseConstants(st: CompileState): void {
  const consts = (st.file as { consts?: unknown }).consts;
  if (!Array.isArray(consts)) return;
  const objs = st.module.objs;
  for (let j = 0; j < objs.length && j < consts.length; j++) {
    const key = moduleConstKey(objs[j]);
    const made = consts[j] as { h?: unknown };
    if (key === "" || typeof made !== "object" || made === null) continue;
    const h = made.h;
    if (typeof h !== "number" || h === 0 || !st.heap.isLive(h)) continue;
    const size = st.heap.sizeOf(h);
    const kind = st.heap.kindOf(h);
    st.heap.free(h);
    const obj = made as { h: number };
    obj.h = 0;
    let list = st.remade.get(key);
    if (list === undefined) st.remade.set(key, list = []);
    list.push({ obj, size, kind });
  }
}

/** A scratch allocation of the compiler (freed by it). */
function scratch(st: CompileState, n: number): number {
  const a = st.heap.alloc(n, BlockKind.Other);
  st.live.add(a);
  st.pins.add(a);
  return a;
}

/** An allocation the compiler makes and does not free itself. */
function made(
  st: CompileState,
  n: number,
  kind: BlockKind,
  owner?: object,
): number {
  const a = st.heap.alloc(n, kind, owner);
  st.pins.add(a);
  return a;
}

/** Frees a scratch allocation. */
function drop(st: CompileState, a: number): void {
  st.pins.delete(a);
  if (st.live.delete(a)) st.heap.free(a);
}

/** Resizes an allocation of the compiler, moving it if it must. */
function resize(st: CompileState, a: number, n: number): number {
  const b = st.heap.realloc(a, n, true);
  const scratched = st.live.delete(a);
  st.pins.delete(a);
  if (scratched) st.live.add(b);
  st.pins.add(b);
  return b;
}

/** The parse-tree allocator: chunks that grow in place while they can. */
class ParseChunks {
  private addr = 0;
  private alloc = 0;
  private used = 0;
  readonly all: number[] = [];
  private readonly st: CompileState;

  constructor(st: CompileState) {
    this.st = st;
  }

  /** Room for one node of `n` bytes (`parser_alloc`). */
  take(n: number): void {
    const heap = this.st.heap;
    if (this.addr !== 0 && this.used + n > this.alloc) {
      if (heap.realloc(this.addr, CHUNK_HEADER + this.alloc + n, false) !== 0) {
        this.alloc += n;
      } else {
        heap.realloc(this.addr, CHUNK_HEADER + this.used, false);
        this.addr = 0;
      }
    }
    if (this.addr === 0) {
      this.alloc = Math.max(PARSE_CHUNK, n);
      this.addr = scratch(this.st, CHUNK_HEADER + this.alloc);
      this.all.push(this.addr);
      this.used = 0;
    }
    this.used += n;
  }

  /** Parsing ended: the last chunk is cut to what it holds. */
  finish(): void {
    if (this.addr !== 0) {
      this.st.heap.realloc(this.addr, CHUNK_HEADER + this.used, false);
    }
  }
}

/**
 * Lexing and parsing, as the board's parser goes (py/lexer.c, py/parse.c):
 * the reader and lexer with its buffers, the rule and result stacks (which
 * grow by 16 entries when full), then, in parse order, the names the lexer
 * interns and the constant objects it makes as tokens are taken and a
 * parse-tree node for every rule completed. When parsing ends the stacks
 * and the lexer are freed; the tree's chunks stay until compiling ends.
 */
class ParseTracer {
  readonly chunks: ParseChunks;
  private readonly st: CompileState;
  private readonly seen = new WeakSet<PNode>();
  private readonly kept = new Set<string>();
  private readonly lexerParts: number[] = [];
  private token = 0;
  private tokenAlloc = TOKEN_BYTES;
  private rules = 0;
  private ruleAlloc = RULE_STACK_INIT;
  private results = 0;
  private resultAlloc = RESULT_STACK_INIT;

  constructor(st: CompileState) {
    this.st = st;
    this.chunks = new ParseChunks(st);
    for (const c of st.module.objs) {
      if (c.kind === ConstKind.Str) this.kept.add(c.value);
    }
  }

  /** The reader, the lexer and its buffers, then the parser's stacks. */
  begin(): void {
    const st = this.st;
    releaseConstants(st);
    this.lexerParts.push(
      scratch(st, READER_BYTES),
      scratch(st, LEXER_BYTES),
      scratch(st, INDENT_BYTES),
    );
    this.token = scratch(st, TOKEN_BYTES);
    this.lexerParts.push(scratch(st, FSTRING_BYTES));
    runAfterLexer(st.info);
    this.rules = scratch(st, RULE_ENTRY_BYTES * RULE_STACK_INIT);
    this.results = scratch(st, 4 * RESULT_STACK_INIT);
  }

  /** Parsing ended: the last chunk is trimmed, the stacks and lexer go. */
  end(): void {
    const st = this.st;
    for (const list of st.remade.values()) {
      for (const m of list) m.obj.h = made(st, m.size, m.kind);
    }
    st.remade.clear();
    this.chunks.finish();
    drop(st, this.rules);
    drop(st, this.results);
    const [reader, lexer, indent, fstring] = this.lexerParts;
    drop(st, reader);
    drop(st, this.token);
    drop(st, fstring);
    drop(st, indent);
    drop(st, lexer);
  }

  /** The rule stack holds `depth` entries. */
  ruleDepth(depth: number): void {
    if (depth > this.ruleAlloc) {
      this.ruleAlloc += RULE_STACK_INC;
      this.rules = resize(
        this.st,
        this.rules,
        RULE_ENTRY_BYTES * this.ruleAlloc,
      );
    }
  }

  /** The result stack holds `depth` entries. */
  resultDepth(depth: number): void {
    if (depth > this.resultAlloc) {
      this.resultAlloc += RESULT_STACK_INC;
      this.results = resize(this.st, this.results, 4 * this.resultAlloc);
    }
  }

  /** A token of `len` bytes was read into the token buffer. */
  tokenText(len: number): void {
    while (len > this.tokenAlloc) {
      // `vstr_ensure_extra`: the needed size plus 16, rounded up to 8.
      this.tokenAlloc = (this.tokenAlloc + 1 + 16 & ~7) + 8;
      this.token = resize(this.st, this.token, this.tokenAlloc);
    }
  }

  /** The parser took a token and pushed `pn` for it. */
  tokenTaken(pn: PN): void {
    if (pn === null) return;
    const pools = this.st.pools;
    if (pn.kind === NodeKind.Id) {
      pools.intern(pn.str);
    } else if (pn.kind === NodeKind.Str) {
      // Longer literals are interned only when they already are.
      if (utf8Length(pn.str) <= MAX_INTERNED_LITERAL || pools.has(pn.str)) {
        pools.intern(pn.str);
      } else {
        this.strObject(pn.str);
        this.chunks.take(NODE_HEADER + 4);
      }
    } else if (pn.kind === NodeKind.Struct && !this.seen.has(pn)) {
      this.seen.add(pn);
      this.constNode(pn);
    }
  }

  /** The parser completed a rule; `pn` is the top of its result stack. */
  ruleDone(pn: PN): void {
    if (pn === null || pn.kind !== NodeKind.Struct || this.seen.has(pn)) return;
    this.seen.add(pn);
    if (pn.rule === Rule.ConstObject) {
      this.constNode(pn);
    } else {
      this.chunks.take(NODE_HEADER + 4 * pn.nodes.length);
    }
  }

  /** A constant's object, then the node that holds it. */
  private constNode(pn: PNode): void {
    const obj = pn.obj;
    if (obj !== null && obj.kind === ObjKind.Str) {
      // One interned by now is a name of this run: a plain leaf.
      if (this.st.pools.has(obj.value)) return;
      this.strObject(obj.value);
    } else if (obj !== null) {
      // Made again where the parser makes it (see releaseConstants).
      const again = this.st.remade.get(constKey(obj))?.shift();
      if (again !== undefined) {
        again.obj.h = made(this.st, again.size, again.kind);
      }
    }
    this.chunks.take(NODE_HEADER + 4);
  }

  /** A str object made by the lexer: its header, then its text. */
  private strObject(text: string): void {
    const owner = this.kept.has(text) ? this.st.file : undefined;
    made(this.st, 16, BlockKind.Str, owner);
    made(this.st, utf8Length(text) + 1, BlockKind.Text, owner);
  }
}

/** The table-driven parser, reporting to a {@link ParseTracer} as it goes. */
class TracingParser extends TableParser {
  private readonly tracer: ParseTracer;

  constructor(source: string, opts: ParseOptions, tracer: ParseTracer) {
    super(new Lexer(sourceBytes(source), opts.optLevel), opts);
    this.tracer = tracer;
  }

  /** Entries on the rule stack (0 when that cannot be seen). */
  private ruleDepth(): number {
    const top = Reflect.get(this, "ruleTop");
    return typeof top === "number" ? top : 0;
  }

  protected override pushResultToken(rule: number): void {
    const t = this.tracer;
    t.ruleDepth(this.ruleDepth());
    t.tokenText(this.lex.tokByteLength);
    super.pushResultToken(rule);
    t.tokenTaken(this.results[this.results.length - 1]);
    t.resultDepth(this.results.length);
  }

  protected override pushResultRule(
    line: number,
    col: number,
    rule: number,
    numArgs: number,
  ): void {
    super.pushResultRule(line, col, rule, numArgs);
    this.tracer.ruleDone(this.results[this.results.length - 1]);
    this.tracer.resultDepth(this.results.length);
  }
}

/** Which one-allocation constant `obj` is ("" for others). */
function constKey(obj: PyObj): string {
  switch (obj.kind) {
    case ObjKind.Float:
      return "f";
    case ObjKind.Complex:
      return "c";
    case ObjKind.Tuple:
      return `t${obj.items.length}`;
    default:
      return "";
  }
}

/** {@link constKey} of a constant of the module's table. */
function moduleConstKey(c: ConstObject): string {
  switch (c.kind) {
    case ConstKind.Float:
      return "f";
    case ConstKind.Complex:
      return "c";
    case ConstKind.Tuple:
      return `t${c.items.length}`;
    default:
      return "";
  }
}

/** What the compiler does, in order, as far as the heap sees it. */
const enum Step {
  /** An identifier joins scope `arg`'s table. */
  Id = 0,
  /** Scope `arg` is made (with its raw code and identifier table). */
  Scope = 1,
  /** A qstr joins the module's qstr map. */
  Qstr = 2,
  /** A constant joins the module's constant list. */
  Const = 3,
  /** The emitter's label table is made (all first passes are done). */
  Labels = 4,
  /** Scope `arg`'s child table and bytecode are made. */
  Code = 5,
}

/** A {@link Step} and its scope index, packed. */
type StepCode = number;

/** Packs a {@link Step} for scope `arg`. */
function step(kind: Step, arg: number): StepCode {
  return kind + 8 * arg;
}

/**
 * The compiler proper (§5.2): the module context (kept), the qstr map and
 * constant list (left as garbage), scope records with their identifier
 * tables and raw-code descriptors, the emitter, its label table, then each
 * scope's child table and bytecode (kept) and the module's qstr and
 * constant tables (kept). Scopes, identifier tables, the emitter and the
 * parse tree are freed at the end.
 */
function chargeScopes(
  st: CompileState,
  module: CompiledModule,
  found: Analysis,
  chunks: ParseChunks,
): void {
  const { steps, maxLabels } = found;
  const { heap, file } = st;
  made(st, CONTEXT_BYTES, BlockKind.Code, file);
  // The qstr map starts with one slot (the source name) and is rehashed
  // when full; the constant list starts with 4 slots and doubles. Neither
  // is freed. The list's items stay reachable after compiling: the
  // compiler's state, left on the C stack the collector scans, still points
  // at them (every measured start-up figure holds that one allocation more).
  let qmapAlloc = 1;
  let qmap = made(st, 8 * qmapAlloc, BlockKind.Other);
  let qstrs = 1;
  let listAlloc = 4;
  let list = made(st, 4 * listAlloc, BlockKind.Other, file);
  let objs = 0;
  const addQstr = (): void => {
    if (qstrs >= qmapAlloc) {
      qmapAlloc = nextMapSize(qmapAlloc + 1);
      const grown = made(st, 8 * qmapAlloc, BlockKind.Other);
      st.pins.delete(qmap);
      heap.free(qmap);
      qmap = grown;
    }
    qstrs++;
  };
  const addObj = (): void => {
    if (objs >= listAlloc) {
      listAlloc *= 2;
      list = resize(st, list, 4 * listAlloc);
    }
    objs++;
  };
  const codes: RawCode[] = [module.root];
  const parents = new Map<RawCode, object>([[
    module.root,
    module.root.children,
  ]]);
  for (let i = 0; i < codes.length; i++) {
    for (const c of codes[i].children) {
      parents.set(c, codes[i].children);
      codes.push(c);
    }
  }
  const scopes: { rec: number; ids: number; len: number; alloc: number }[] = [];
  let emitter = 0;
  let labels = 0;
  for (const code of steps) {
    const arg = code >> 3;
    switch ((code & 7) as Step) {
      case Step.Id: {
        const scope = scopes[arg];
        if (scope === undefined) break;
        if (++scope.len > scope.alloc) {
          scope.alloc += ID_INC;
          scope.ids = resize(st, scope.ids, ID_BYTES * scope.alloc);
        }
        break;
      }
      case Step.Scope: {
        // `scope_new`: the record, the raw code (kept), the identifier table.
        const rec = scratch(st, SCOPE_BYTES);
        const rc = codes[arg];
        if (rc !== undefined) {
          made(st, RAW_CODE_BYTES, BlockKind.Code, parents.get(rc));
        } else {
          made(st, RAW_CODE_BYTES, BlockKind.Other);
        }
        const ids = scratch(st, ID_BYTES * ID_INIT);
        scopes.push({ rec, ids, len: 0, alloc: ID_INIT });
        // The bytecode emitter comes right after the module's scope.
        if (arg === 0) emitter = scratch(st, EMITTER_BYTES);
        break;
      }
      case Step.Qstr:
        addQstr();
        break;
      case Step.Const:
        addObj();
        break;
      case Step.Labels:
        if (maxLabels > 0) labels = scratch(st, 4 * maxLabels);
        break;
      case Step.Code: {
        const rc = codes[arg];
        if (rc === undefined) break;
        if (rc.children.length > 0) {
          made(st, 4 * rc.children.length, BlockKind.Code, rc);
        }
        made(st, rc.funData.length, BlockKind.Code, rc);
        break;
      }
    }
  }
  chargeTables(module, file, st.pins);
  if (labels !== 0) drop(st, labels);
  if (emitter !== 0) drop(st, emitter);
  for (const c of chunks.all) drop(st, c);
  for (const s of scopes) {
    drop(st, s.ids);
    drop(st, s.rec);
  }
  // The qstr map is garbage until the next collection.
}

/** Hash-table sizes (`py/map.c`): the smallest at least `n`. */
function nextMapSize(n: number): number {
  for (const s of MAP_SIZES) if (s >= n) return s;
  return n | 1;
}

// deno-fmt-ignore
const MAP_SIZES = [
  0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293,
  389, 521, 691, 919, 1223, 1627, 2161, 2873, 3821, 5087, 6771, 9011, 11999,
];

/** What compiling a source again tells about the board's compiler. */
interface Analysis {
  /** What the compiler does, in order. */
  steps: StepCode[];
  /** The most labels any scope uses (the emitter's label table). */
  maxLabels: number;
}

/**
 * Compiles the parse tree `root` again far enough to know what the board's
 * compiler allocates: the first pass over every scope, then the names each
 * scope's emit passes add.
 */
function analyse(root: PNode, sourceName: string): Analysis | null {
  try {
    const tables = new ModuleTables(sourceName);
    const emitter = new Emitter(tables, false);
    const cg = new Codegen(emitter, {
      optLevel: 0,
      smallIntBits: 31,
      isRepl: false,
    });
    // The tables record what the compiler adds to them, as it adds it.
    const steps: StepCode[] = [];
    const record = <T>(list: T[], kind: Step, arg: () => number): void => {
      list.push = (...items: T[]): number => {
        for (const item of items) {
          Array.prototype.push.call(list, item);
          steps.push(step(kind, arg()));
        }
        return list.length;
      };
    };
    record(tables.qstrs, Step.Qstr, () => 0);
    record(tables.objs, Step.Const, () => 0);
    const scopes = cg.scopes;
    scopes.push = (...items: Scope[]): number => {
      for (const scope of items) {
        const index = scopes.length;
        Array.prototype.push.call(scopes, scope);
        record(scope.ids, Step.Id, () => index);
        steps.push(step(Step.Scope, index));
      }
      return scopes.length;
    };
    cg.moduleScope(root);
    let maxLabels = 0;
    for (let i = 0; i < scopes.length && cg.error === null; i++) {
      cg.compileScope(scopes[i], Pass.Scope);
      cg.closeOverImplicitGlobals(scopes[i]);
      const labels = Reflect.get(cg, "nextLabel");
      if (typeof labels === "number" && labels > maxLabels) maxLabels = labels;
    }
    if (cg.error !== null) return null;
    for (const scope of scopes) computeSlots(scope);
    steps.push(step(Step.Labels, 0));
    // The emit passes: the names and constants each scope's code refers
    // to join the tables before its child table and bytecode are made.
    for (let i = 0; i < scopes.length; i++) {
      cg.compileScope(scopes[i], Pass.Code);
      if (cg.error !== null) return null;
      emitter.assemble();
      steps.push(step(Step.Code, i));
    }
    return { steps, maxLabels };
  } catch {
    return null;
  }
}

/**
 * Turns `obj` into a static object: one the firmware keeps in its static
 * state rather than on the heap (`sys.modules`, `sys.path`, the `__main__`
 * module). Its header is freed; its tables and arrays stay on the heap.
 */
export function staticObject(obj: { h: number }): void {
  if (obj.h !== 0) {
    heap.free(obj.h);
    obj.h = 0;
  }
}
