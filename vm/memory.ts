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
  type RawCode,
} from "../compiler/mod.ts";
import { BlockKind, GcHeap, heap, setHeap } from "./heap.ts";
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

const loadForms = new WeakMap<
  CompiledModule,
  { form: LoadForm; source: string }
>();

/**
 * Records that `module` was compiled on the board from `source` (rather than
 * read from an `.mpy`), so that loading it charges the compiler's memory.
 */
export function markCompiledOnBoard(
  module: CompiledModule,
  source: string,
): CompiledModule {
  loadForms.set(module, { form: LoadForm.Source, source });
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
/** Parse-tree bytes per source token (rule nodes and their argument words). */
const PARSE_BYTES_PER_TOKEN = 8;
/** The source reader (with its small buffer) and the lexer's state. */
const READER_BYTES = 32;
const LEXER_BYTES = 96;
/** The lexer's indentation stack (10 levels) and token buffer. */
const INDENT_BYTES = 20;
const TOKEN_BYTES = 32;
/** The parser's rule stack (64 entries of 8 bytes) and result stack (32 words). */
const RULE_STACK_BYTES = 512;
const RESULT_STACK_BYTES = 128;
/** The compiler's state, a scope record, an emitter. */
const COMPILER_BYTES = 80;
const SCOPE_BYTES = 48;
const EMITTER_BYTES = 80;
/** Identifier entry of a scope (`id_info_t`). */
const ID_BYTES = 8;

const KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del " +
    "elif else except finally for from global if import in is lambda " +
    "nonlocal not or pass raise return try while with yield").split(" "),
);

const TOKEN_RE =
  /([rRbBfFuU]{0,2})("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|#[^\n]*|([A-Za-z_][A-Za-z0-9_]*)|\d[\w.]*|\S/g;

/**
 * The source's tokens as the lexer meets them: for each, the text it
 * interns (an identifier, or a plain string literal of at most 10 bytes),
 * or null. The parse tree grows with the token count.
 */
function lexForQstrs(source: string): (string | null)[] {
  const out: (string | null)[] = [];
  for (const m of source.matchAll(TOKEN_RE)) {
    if (m[0][0] === "#") continue;
    if (m[3] !== undefined) {
      out.push(KEYWORDS.has(m[3]) ? null : m[3]);
    } else if (m[2] !== undefined) {
      const prefix = m[1].toLowerCase();
      const quote = m[2].startsWith('"""') || m[2].startsWith("'''") ? 3 : 1;
      const body = m[2].slice(quote, m[2].length - quote);
      const plain = prefix === "" && !body.includes("\\");
      out.push(plain && utf8Length(body) <= 10 ? body : null);
    } else {
      out.push(null);
    }
  }
  return out;
}

/**
 * Charges what loading `module` costs (§5.2, §5.6). `file` is the object
 * that holds the module's tables while any of its code is alive (the qstr
 * and constant tables, the context and the long str constants name it as
 * their owner); each raw code owns its bytecode and child table, and the
 * child-table array of its parent owns its descriptor, so a function kept
 * after an import keeps exactly what MicroPython's function object reaches.
 */
export function chargeCodeLoad(module: CompiledModule, file: object): void {
  const pools = qstrPools;
  if (pools === null) return;
  const heap = pools.heap;
  if (!heap.accounting) return;
  const info = loadForms.get(module);
  const form = info === undefined ? LoadForm.Mpy : info.form;
  if (form === LoadForm.Frozen) return;
  const transients: number[] = [];
  try {
    if (form === LoadForm.Source) {
      chargeCompile(module, info?.source ?? "", file, transients);
    } else {
      // The file reader's buffer (freed once the file is read). The module
      // object the importer made is the code's context.
      transients.push(heap.alloc(32, BlockKind.Other));
      chargeTables(module, file, heap);
      for (const q of module.qstrs) pools.intern(q);
      chargeConstants(module, file, heap);
      chargeRawCode(module.root, module.root.children, heap);
    }
    // The function object made from the module's code runs it: it lives as
    // long as the module body's code is in use.
    heap.alloc(16, BlockKind.Function, module.root);
  } finally {
    for (let i = transients.length - 1; i >= 0; i--) heap.free(transients[i]);
  }
}

/** The qstr and constant tables: one allocation, 2 bytes per qstr (rounded to words), 4 per constant. */
function chargeTables(
  module: CompiledModule,
  file: object,
  heap: GcHeap,
): void {
  const tables = 4 * Math.ceil((2 * module.qstrs.length) / 4) +
    4 * module.objs.length;
  heap.alloc(tables, BlockKind.Code, file);
}

/** Heap copies of the str constants whose text is not interned. */
function chargeConstants(
  module: CompiledModule,
  file: object,
  heap: GcHeap,
): void {
  for (const c of module.objs) {
    if (c.kind === ConstKind.Str && !isInterned(c.value)) {
      heap.alloc(utf8Length(c.value) + 1, BlockKind.Text, file);
      heap.alloc(16, BlockKind.Str, file);
    }
  }
}

/** Bytecode, child table and descriptor of `rc` and, below it, its children. */
function chargeRawCode(rc: RawCode, parentTable: object, heap: GcHeap): void {
  heap.alloc(rc.funData.length, BlockKind.Code, rc);
  if (rc.children.length > 0) {
    heap.alloc(4 * rc.children.length, BlockKind.Code, rc);
    for (const c of rc.children) chargeRawCode(c, rc.children, heap);
  }
  heap.alloc(RAW_CODE_BYTES, BlockKind.Code, parentTable);
}

/**
 * The compiler's transients while it compiles `module` from `source`: the
 * lexer, parse-tree chunks that grow as names are interned (so qstr chunks
 * cannot grow in place past them), and per-scope tables. They are listed in
 * `transients` and freed by the caller once the code is loaded.
 */
function chargeCompile(
  module: CompiledModule,
  source: string,
  file: object,
  transients: number[],
): void {
  const pools = qstrPools as QstrPools;
  const heap = pools.heap;
  // Lexing and parsing: the lexer, its indentation stack and token buffer,
  // the parser's rule and result stacks; the parse tree grows in chunks as
  // the lexer interns names, so qstr chunks and parse chunks interleave.
  const lexer: number[] = [
    heap.alloc(READER_BYTES, BlockKind.Other),
    heap.alloc(LEXER_BYTES, BlockKind.Other),
    heap.alloc(INDENT_BYTES, BlockKind.Other),
    heap.alloc(TOKEN_BYTES, BlockKind.Other),
  ];
  // The lexer starts by interning the source name.
  if (module.qstrs.length > 0) pools.intern(module.qstrs[0]);
  lexer.push(
    heap.alloc(RULE_STACK_BYTES, BlockKind.Other),
    heap.alloc(RESULT_STACK_BYTES, BlockKind.Other),
  );
  const tokens = lexForQstrs(source);
  let chunkAddr = 0;
  let chunkSize = 0;
  let chunkUsed = 0;
  let done = 0;
  for (let i = 0; i < tokens.length; i++) {
    const name = tokens[i];
    if (name !== null) pools.intern(name);
    const target = PARSE_BYTES_PER_TOKEN * (i + 1);
    while (done < target) {
      const need = Math.min(target - done, 64);
      if (chunkAddr !== 0 && chunkUsed + need > chunkSize) {
        const grown = heap.realloc(chunkAddr, chunkSize + need, false);
        if (grown !== 0) {
          chunkSize += need;
        } else {
          chunkAddr = 0;
        }
      }
      if (chunkAddr === 0) {
        chunkSize = Math.max(PARSE_CHUNK, need);
        chunkAddr = heap.alloc(chunkSize, BlockKind.Other);
        transients.push(chunkAddr);
        chunkUsed = 0;
      }
      chunkUsed += need;
      done += need;
    }
  }
  // Names the scan above could not see (escaped string literals, …).
  for (const q of module.qstrs) pools.intern(q);
  // Long str literals become objects as the parser meets them.
  chargeConstants(module, file, heap);
  // The lexer and the parser's stacks go when parsing ends.
  for (const a of lexer) heap.free(a);
  // The compiler: its context, then for each scope a record, the raw-code
  // descriptor (kept) and an identifier table, then an emitter.
  heap.alloc(CONTEXT_BYTES, BlockKind.Code, file);
  transients.push(heap.alloc(COMPILER_BYTES, BlockKind.Other));
  // Scopes are made in the order the compiler meets them: a scope's
  // children after it and its siblings.
  const codes: RawCode[] = [module.root];
  const parents = new Map<RawCode, object>([[
    module.root,
    module.root.children,
  ]]);
  for (let i = 0; i < codes.length; i++) {
    const rc = codes[i];
    for (const c of rc.children) {
      parents.set(c, rc.children);
      codes.push(c);
    }
    transients.push(heap.alloc(SCOPE_BYTES, BlockKind.Other));
    heap.alloc(RAW_CODE_BYTES, BlockKind.Code, parents.get(rc) as object);
    // The identifier table starts with 4 entries and grows by 6.
    const ids = rc.nState <= 4 ? 4 : 4 + 6 * Math.ceil((rc.nState - 4) / 6);
    transients.push(heap.alloc(ID_BYTES * ids, BlockKind.Other));
  }
  transients.push(heap.alloc(EMITTER_BYTES, BlockKind.Other));
  // The emit pass: each scope's bytecode and child table, kept.
  for (const rc of codes) {
    heap.alloc(rc.funData.length, BlockKind.Code, rc);
    if (rc.children.length > 0) {
      heap.alloc(4 * rc.children.length, BlockKind.Code, rc);
    }
  }
  chargeTables(module, file, heap);
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
