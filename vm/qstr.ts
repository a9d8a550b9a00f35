/**
 * Interned strings (`py/qstr.c`). The firmware's names — MicroPython's static
 * list plus every name a built-in module or type defines — live in ROM and
 * cost nothing. A string interned at run time (a name in loaded code, the
 * qstr table of an `.mpy`, a `getattr`/`setattr` name, `chr()`'s result …)
 * goes into RAM: its text (with a NUL) into a chunk that starts at 128 bytes
 * and grows in place when it can, and a 7-byte entry into the newest pool;
 * a full pool is followed by one of twice its capacity (HEAP_MODEL §4).
 *
 * @module
 */

import { STATIC_QSTRS } from "../compiler/mod.ts";
import { BUILTIN_MODULES, builtinsDict } from "./builtins.ts";
import { BlockKind, type GcHeap, heap, HeapExhausted } from "./heap.ts";
import { PyObject, PyType } from "./obj.ts";

/** Bytes of a RAM pool's header on 32-bit (`qstr_pool_t`). */
const POOL_HEADER = 24;
/** Bytes per pool entry: text pointer 4, hash 2, length 1. */
const POOL_ENTRY = 7;
/** First chunk size, and the minimum of any new chunk (`MICROPY_ALLOC_QSTR_CHUNK_INIT`). */
const CHUNK_INIT = 128;

/**
 * Names the firmware interns besides the static list and the names of the
 * built-in namespaces: what the C code refers to (`MP_QSTR_…`).
 */
const FIRMWARE_NAMES: readonly string[] = [
  "<stdin>",
  "<string>",
  "<lambda>",
  "<listcomp>",
  "<dictcomp>",
  "<setcomp>",
  "<genexpr>",
  "<module>",
  "__file__",
  "__path__",
  "__version__",
  "__doc__",
  "__add__",
  "__sub__",
  "__mul__",
  "__matmul__",
  "__truediv__",
  "__floordiv__",
  "__mod__",
  "__pow__",
  "__lshift__",
  "__rshift__",
  "__and__",
  "__or__",
  "__xor__",
  "__radd__",
  "__rsub__",
  "__rmul__",
  "__rtruediv__",
  "__rfloordiv__",
  "__rmod__",
  "__rpow__",
  "__rlshift__",
  "__rrshift__",
  "__rand__",
  "__ror__",
  "__rxor__",
  "__iadd__",
  "__isub__",
  "__imul__",
  "__itruediv__",
  "__ifloordiv__",
  "__imod__",
  "__ipow__",
  "__ilshift__",
  "__irshift__",
  "__iand__",
  "__ior__",
  "__ixor__",
  "__lt__",
  "__le__",
  "__gt__",
  "__ge__",
  "__eq__",
  "__ne__",
  "__neg__",
  "__pos__",
  "__abs__",
  "__invert__",
  "__bool__",
  "__contains__",
  "__del__",
  "__get__",
  "__set__",
  "__delete__",
  "__delattr__",
  "__setattr__",
  "__getattribute__",
  "__reversed__",
  "__float__",
  "__complex__",
  "__index__",
  "__round__",
  "__sizeof__",
  "__alloc__",
  "__dict__",
  "__bases__",
  "__mro__",
  "__slots__",
  "__globals__",
  "__closure__",
  "__code__",
  "__func__",
  "__self__",
  "__build_class__",
  "__import__",
  "__repl_print__",
  "__traceback__",
  "__context__",
  "__cause__",
  "__set_name__",
  "__init_subclass__",
  "__aenter__",
  "__aexit__",
  "__aiter__",
  "__anext__",
  "__await__",
  "__class_getitem__",
  "__locals__",
  "__debug__",
  "__prepare__",
  "__buffer__",
  "__release_buffer__",
  "__length_hint__",
  "__missing__",
  "__format__",
  "__dir__",
  "__file__",
  "args",
  "value",
  "errno",
  "strerror",
  "filename",
  "real",
  "imag",
  "start",
  "stop",
  "step",
  "args",
  "name",
  "code",
  "maximum recursion depth exceeded",
  "native",
  "viper",
  "asm_thumb",
  "ptr",
  "ptr8",
  "ptr16",
  "ptr32",
  "uint",
  "int",
  "bool",
  "object",
  "const",
  "utf-8",
  "little",
  "big",
  "key",
  "reverse",
  "default",
  "sep",
  "end",
  "file",
  "flush",
  "mode",
  "encoding",
  "buffering",
  "closefd",
  "errors",
  "newline",
  "keys",
  "items",
  "values",
  "self",
  "cls",
  "version",
  "version_info",
  "implementation",
  "platform",
  "byteorder",
  "maxsize",
  "modules",
  "path",
  "argv",
  "stdin",
  "stdout",
  "stderr",
  "exit",
  "_mpy",
  "_machine",
  "_build",
  "_thread",
  "micropython",
  "builtins",
  "__main__",
  "rb",
  "wb",
  "r",
  "w",
];

let romNames: Set<string> | null = null;

function addNamespace(names: Set<string>, seen: Set<object>, v: unknown): void {
  if (!(v instanceof PyObject) || seen.has(v)) return;
  seen.add(v);
  const dict = (v as { dict?: unknown }).dict;
  if (dict === undefined || dict === null) return;
  const keys = (dict as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) return;
  const values = (dict as { values?: unknown }).values as unknown[];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (typeof k === "string") names.add(k);
    const val = values[i];
    if (val instanceof PyType) {
      names.add(val.name);
      addNamespace(names, seen, val);
    }
  }
}

/**
 * The firmware's ROM names: the static list, the names every built-in
 * namespace defines (builtins, each built-in module, the types they hold)
 * and the names the C code refers to. Built once, the first time it is asked
 * for (all behaviour files have loaded by then).
 */
export function romQstrs(): Set<string> {
  if (romNames !== null) return romNames;
  const names = new Set<string>(STATIC_QSTRS);
  for (const n of FIRMWARE_NAMES) names.add(n);
  const seen = new Set<object>();
  for (let i = 0; i < builtinsDict.keys.length; i++) {
    const k = builtinsDict.keys[i];
    if (typeof k === "string") names.add(k);
    const v = builtinsDict.values[i];
    if (v instanceof PyType) {
      names.add(v.name);
      addNamespace(names, seen, v);
    }
  }
  for (const [name, build] of BUILTIN_MODULES) {
    names.add(name);
    try {
      addNamespace(names, seen, heap.withoutAccounting(build));
    } catch {
      // A module that cannot be built outside an interpreter keeps its name only.
    }
  }
  romNames = names;
  return names;
}

/** Adds names to the ROM set (e.g. a board's frozen modules' qstrs). */
export function addRomQstrs(names: Iterable<string>): void {
  const rom = romQstrs();
  for (const n of names) rom.add(n);
}

/** One RAM pool of qstr entries. */
interface Pool {
  addr: number;
  capacity: number;
  names: string[];
}

/** What `micropython.qstr_info()` prints. */
export interface QstrInfo {
  nPool: number;
  nQstr: number;
  nStrDataBytes: number;
  nTotalBytes: number;
}

const encoder = new TextEncoder();

/** UTF-8 length of `s`. */
export function utf8Length(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return encoder.encode(s).length;
  }
  return s.length;
}

/** A 16-bit digest of a string's length, first and last character. */
function shapeOf(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  return (n * 961 + s.charCodeAt(0) * 31 + s.charCodeAt(n - 1)) & 0xffff;
}

/** The RAM qstr pools of one interpreter. */
export class QstrPools {
  readonly heap: GcHeap;
  /** Capacity the first RAM pool gets (20 on ordinary firmware, §4.2). */
  readonly firstPoolEntries: number;
  private readonly rom: Set<string>;
  private readonly ram: Set<string>;
  /** ROM and RAM names together: one lookup answers "interned?". */
  private readonly all: Set<string>;
  /**
   * A filter over length, first and last character: a zero entry proves
   * that no interned name has that shape, which answers most lookups for
   * text made at run time without hashing it.
   */
  private readonly filter: Uint8Array;
  private readonly pools: Pool[];
  private chunkAddr: number;
  private chunkAlloc: number;
  private chunkUsed: number;
  /** Every chunk ever allocated (chunks are never freed). */
  private readonly chunks: number[];
  private strDataBytes: number;

  constructor(heap: GcHeap, options: { firstPoolEntries?: number } = {}) {
    this.heap = heap;
    this.firstPoolEntries = options.firstPoolEntries ?? 20;
    this.rom = romQstrs();
    this.ram = new Set();
    this.all = new Set(this.rom);
    this.filter = new Uint8Array(65536);
    for (const name of this.rom) this.filter[shapeOf(name)] = 1;
    this.pools = [];
    this.chunkAddr = 0;
    this.chunkAlloc = 0;
    this.chunkUsed = 0;
    this.chunks = [];
    this.strDataBytes = 0;
    heap.addRootTracer(() => this.markAll());
  }

  /** True when `s` is interned (ROM or RAM): a str with this text costs nothing. */
  has(s: string): boolean {
    return this.filter[shapeOf(s)] !== 0 && this.all.has(s);
  }

  /** True when `s` is one of the firmware's names. */
  isRom(s: string): boolean {
    return this.rom.has(s);
  }

  /**
   * Interns `s`, charging chunk text and a pool entry when it is new. With
   * `inFlash` the text stays where it is (a ROMFS image): only the entry is
   * paid. Throws `HeapExhausted` when the heap cannot hold it.
   */
  intern(s: string, options: { inFlash?: boolean } = {}): string {
    if (this.all.has(s)) return s;
    if (!this.heap.accounting) {
      this.ram.add(s);
      this.all.add(s);
      this.filter[shapeOf(s)] = 1;
      return s;
    }
    const nBytes = utf8Length(s) + 1;
    if (options.inFlash !== true) this.storeText(nBytes);
    this.addEntry(s);
    this.strDataBytes += nBytes;
    return s;
  }

  /** Appends `nBytes` of text to the current chunk (`qstr_from_strn`). */
  private storeText(nBytes: number): void {
    const heap = this.heap;
    if (this.chunkAddr !== 0 && this.chunkUsed + nBytes > this.chunkAlloc) {
      const grown = heap.realloc(
        this.chunkAddr,
        this.chunkAlloc + nBytes,
        false,
      );
      if (grown === 0) {
        // Could not grow in place: trim the old chunk to what it holds.
        heap.realloc(this.chunkAddr, this.chunkUsed, false);
        this.chunkAddr = 0;
      } else {
        this.chunkAlloc += nBytes;
      }
    }
    if (this.chunkAddr === 0) {
      let size = nBytes < CHUNK_INIT ? CHUNK_INIT : nBytes;
      let addr = heap.tryAlloc(size, BlockKind.Qstr);
      if (addr === 0) {
        size = nBytes;
        addr = heap.alloc(size, BlockKind.Qstr);
      }
      this.chunkAddr = addr;
      this.chunks.push(addr);
      this.chunkAlloc = size;
      this.chunkUsed = 0;
    }
    this.chunkUsed += nBytes;
  }

  /** Adds a pool entry, allocating a new pool of twice the size when full. */
  private addEntry(s: string): void {
    let pool = this.pools.length > 0 ? this.pools[this.pools.length - 1] : null;
    if (pool === null || pool.names.length >= pool.capacity) {
      const capacity = pool === null
        ? this.firstPoolEntries
        : pool.capacity * 2;
      const addr = this.heap.tryAlloc(
        POOL_HEADER + POOL_ENTRY * capacity,
        BlockKind.Qstr,
      );
      if (addr === 0) {
        // MicroPython forgets the chunk too, so it is not reused.
        this.chunkAddr = 0;
        throw new HeapExhausted(capacity, this.heap.lockDepth > 0);
      }
      pool = { addr, capacity, names: [] };
      this.pools.push(pool);
    }
    pool.names.push(s);
    this.ram.add(s);
    this.all.add(s);
    this.filter[shapeOf(s)] = 1;
  }

  /** Marks every pool and chunk (they are reachable from the pool list head). */
  private markAll(): void {
    const heap = this.heap;
    for (const p of this.pools) heap.markAddr(p.addr);
    for (const c of this.chunks) heap.markAddr(c);
  }

  /** `micropython.qstr_info()` figures. */
  info(): QstrInfo {
    let nQstr = 0;
    let poolBytes = 0;
    for (const p of this.pools) {
      nQstr += p.names.length;
      poolBytes += this.heap.sizeOf(p.addr);
    }
    return {
      nPool: this.pools.length,
      nQstr,
      nStrDataBytes: this.strDataBytes,
      nTotalBytes: poolBytes + this.strDataBytes,
    };
  }

  /** The text of `micropython.qstr_info()` (with `verbose`, every RAM qstr). */
  infoText(verbose: boolean): string {
    const i = this.info();
    let out = `qstr pool: n_pool=${i.nPool}, n_qstr=${i.nQstr}, ` +
      `n_str_data_bytes=${i.nStrDataBytes}, n_total_bytes=${i.nTotalBytes}\n`;
    if (verbose) {
      for (let p = this.pools.length - 1; p >= 0; p--) {
        for (const name of this.pools[p].names) out += `Q(${name})\n`;
      }
    }
    return out;
  }

  /** Every RAM qstr in the order it was interned (with accounting or not). */
  ramInOrder(): Iterable<string> {
    return this.ram;
  }

  /** RAM qstrs in the order they were interned. */
  ramNames(): string[] {
    const out: string[] = [];
    for (const p of this.pools) out.push(...p.names);
    return out;
  }
}

/** The qstr pools of the running interpreter (a stand-in until one runs). */
export let qstrPools: QstrPools | null = null;

/** Makes `pools` the running interpreter's qstr pools. */
export function setQstrPools(pools: QstrPools | null): void {
  qstrPools = pools;
}

/** True when a str with the text `s` is interned now (it would cost no heap). */
export function isInterned(s: string): boolean {
  return qstrPools !== null ? qstrPools.has(s) : romQstrs().has(s);
}

/** Interns `s` in the running interpreter (charging RAM when it is new). */
export function intern(s: string): string {
  if (qstrPools !== null) qstrPools.intern(s);
  return s;
}
