/**
 * The board's RAM as MicroPython's GC heap (`py/gc.c`): blocks of 16 bytes on
 * a 32-bit port, a 2-bit state per block (the allocation table), first-fit
 * allocation from a hint, in-place resizing, a threshold, and mark/sweep
 * collection at the points where MicroPython collects.
 *
 * Every object the VM creates charges the allocations its C structure costs
 * on a 32-bit port through {@link heap}. An address names one allocation:
 * it encodes the block number and a generation count of that block, so an
 * address that outlived its allocation (freed, or swept) is recognised and
 * ignored instead of freeing somebody else's blocks. 0 means "no heap
 * allocation" (ROM objects, values that never touch the heap).
 *
 * Marking is precise: the collector follows the object graph from the roots
 * the interpreter registers ({@link GcHeap.addRootTracer}) through an
 * {@link ObjectMarker} that knows how objects hold values (installed by
 * `gc_trace.ts`). Allocations that belong to an object but are not its own
 * header (an item array, a table) name that object as their owner and live
 * as long as it does.
 *
 * @module
 */

/**
 * What an allocation holds. The first nine are the block-map letters of
 * `mem_info(1)` (`h`, `T`, `L`, `D`, `S`, `A`, `F`, `B`, `M`); the rest show
 * as `h` there and only refine reports (`upy mem`).
 */
export const enum BlockKind {
  Other = 0,
  Tuple = 1,
  List = 2,
  Dict = 3,
  Str = 4,
  Array = 5,
  Float = 6,
  Function = 7,
  Module = 8,
  /** An instance of a user class. */
  Instance = 9,
  /** The slot table of a dict, set, instance, module or class. */
  Table = 10,
  /** The item array of a list. */
  Items = 11,
  /** Bytecode, qstr/constant tables, raw-code descriptors of loaded code. */
  Code = 12,
  /** qstr pools and the chunks holding their text. */
  Qstr = 13,
  /** A big int's header or digits. */
  BigInt = 14,
  /** The text of a str or bytes object. */
  Text = 15,
  /** A call frame the VM put on the heap. */
  Frame = 16,
  /** The data of a bytearray or array. */
  Buffer = 17,
  /** A class object. */
  Type = 18,
  /** An exception or its traceback. */
  Exception = 19,
}

/** A short name for each {@link BlockKind}, for reports. */
export const BLOCK_KIND_NAMES: readonly string[] = [
  "other",
  "tuple",
  "list",
  "dict",
  "str/bytes",
  "bytearray/array",
  "float",
  "function",
  "module",
  "instance",
  "hash table",
  "list items",
  "code",
  "qstr",
  "big int",
  "text",
  "call frame",
  "buffer",
  "class",
  "exception",
];

/** Bytes per GC block on a 32-bit port (`MICROPY_BYTES_PER_GC_BLOCK`). */
export const BYTES_PER_BLOCK = 16;

/** Thrown when an allocation cannot be satisfied; the VM raises `MemoryError`. */
export class HeapExhausted extends Error {
  /** The requested size in bytes (as MicroPython reports it). */
  readonly requested: number;
  /** True when the heap was locked (`micropython.heap_lock()`). */
  readonly locked: boolean;

  constructor(requested: number, locked: boolean) {
    super(
      locked
        ? "memory allocation failed, heap is locked"
        : `memory allocation failed, allocating ${requested} bytes`,
    );
    this.name = "HeapExhausted";
    this.requested = requested;
    this.locked = locked;
  }
}

/** Reports one value (or any object that owns allocations) to the collector. */
export type Visit = (value: unknown) => void;

/** Reports every root value; registered by the interpreter and by modules. */
export type RootTracer = (visit: Visit) => void;

/**
 * Knows how objects hold values: given the roots, it marks (through
 * {@link GcHeap.markAddr} and {@link GcHeap.markOwner}) every allocation that
 * is reachable.
 */
export interface ObjectMarker {
  /** Marks everything reachable from `roots` in `heap`. */
  markFrom(heap: GcHeap, roots: readonly RootTracer[]): void;
}

let objectMarker: ObjectMarker | null = null;
let callDepthProbe: (() => number) | null = null;

/** Installs how the heap learns the Python call depth (for heap frames). */
export function setCallDepthProbe(probe: () => number): void {
  callDepthProbe = probe;
}

/** Installs the object marker the collector uses (done once at load time). */
export function setObjectMarker(marker: ObjectMarker): void {
  objectMarker = marker;
}

/** Figures of `gc_info()`: what `mem_info()` prints. */
export interface HeapInfo {
  /** Pool bytes (`GC: total`). */
  total: number;
  /** Bytes in HEAD and TAIL blocks. */
  used: number;
  /** Bytes in FREE blocks. */
  free: number;
  /** Allocations exactly one block long. */
  oneBlocks: number;
  /** Allocations exactly two blocks long. */
  twoBlocks: number;
  /** Longest allocation, in blocks. */
  maxBlock: number;
  /** Longest run of free blocks, in blocks. */
  maxFree: number;
}

/** How a heap is set up. */
export interface HeapOptions {
  /** Charge allocations (false: every call is a no-op and nothing is limited). */
  accounting?: boolean;
  /** Bytes of the heap region T, before the allocation table is carved out. */
  heapBytes?: number;
  /** Address of the first byte of the heap region (for the block map). */
  regionStart?: number;
  /** Keep the `m_malloc` byte counters that `mem_info` prints as `mem: …` (unix builds). */
  memStats?: boolean;
  /** Threshold in bytes (`gc.threshold`); negative: disabled (the default). */
  threshold?: number;
  /** C stack the board gives MicroPython (`stack: N out of LIMIT`). */
  stackLimit?: number;
}

/** Block states in the allocation table. */
const FREE = 0;
const HEAD = 1;
const TAIL = 2;
const MARK = 3;

/**
 * Addresses stay below 2^30 so that V8 keeps them as small integers (a
 * larger number in an object field would be a boxed double, allocated on
 * every store). The low bits number the block, the rest count its
 * generation; the largest heap has 2^26 blocks (1 GiB).
 */
const ADDRESS_BITS = 30;
const MAX_BLOCK_BITS = 26;
/** The generation bits of a block's meta word. */
const GEN_BITS = 0xffffff;

/**
 * Allocations made this recently survive a collection that an allocation
 * triggers (not `gc.collect()`): they stand for the pointers a real board
 * finds on its C stack — an object under construction that native code holds
 * only in a local variable.
 */
const PIN_RECENT = 8;

/** Run lengths up to this one (exclusive) have a gap memory (see gapFrom). */
const MAX_BUCKET = 32;

/** Garbage spans shorter than this are swept block by block. */
const SHORT_SPAN = 64;

/** Finaliser table present (every port upy models): D = 8 + 4 + 8·4·B. */
const TABLE_DIVISOR = 8 + 4 + 8 * 4 * BYTES_PER_BLOCK;

/** Pool blocks for a heap region of `regionBytes` bytes (§1.1). */
export function poolBlocksFor(regionBytes: number): number {
  const t = Math.floor(regionBytes / BYTES_PER_BLOCK) * BYTES_PER_BLOCK;
  if (t <= 1) return 0;
  return 4 * Math.floor(((t - 1) * 8) / TABLE_DIVISOR);
}

/** The simulated GC heap of one board. */
export class GcHeap {
  /** False when accounting is switched off: every call is then a no-op. */
  accounting: boolean;
  /** Blocks in the pool. */
  readonly nBlocks: number;
  /** Address layout: block + 1 in the low `blockBits` bits, generation above. */
  private readonly blockBits: number;
  private readonly blockMask: number;
  private readonly genMask: number;
  /** Address of the pool's first byte (the block map's `from %p`). */
  readonly poolStart: number;
  /** Automatic collection (`gc.enable()` / `gc.disable()`). */
  enabled: boolean;
  /** Threshold in blocks; -1 when disabled. */
  thresholdBlocks: number;
  /** Blocks handed out since the last collection started. */
  allocAmount: number;
  /** Depth of `micropython.heap_lock()`. */
  lockDepth: number;
  /** True while a collection runs. */
  collecting: boolean;
  /** Number of collections so far. */
  collections: number;
  /** Where the next entry of the recent ring goes (counts up). */
  serial: number;
  /** `m_malloc` statistics (only kept when enabled). */
  readonly memStats: boolean;
  /** C stack limit of the board, for `mem_info`. */
  readonly stackLimit: number;
  /** Cumulative requested bytes. */
  statTotal: number;
  /** Requested bytes given back by explicit frees. */
  private statFreed: number;
  /** Maximum of the `current` figure seen at a free (see {@link statPeak}). */
  private statPeakSeen: number;
  /**
   * Highest number of blocks in use seen at a free or sweep: the count only
   * grows between those, so this and the count now give the peak.
   */
  private peakSeen: number;
  /** Called for every successful allocation (allocation-site profiles). */
  get profiler():
    | ((head: number, bytes: number, kind: BlockKind) => void)
    | null {
    return this.profileHook;
  }

  set profiler(
    fn: ((head: number, bytes: number, kind: BlockKind) => void) | null,
  ) {
    this.profileHook = fn;
    this.updatePlain();
  }

  private profileHook:
    | ((head: number, bytes: number, kind: BlockKind) => void)
    | null;
  /**
   * True when an allocation needs none of the rare checks (heap lock,
   * collection in progress, threshold, profiler): the fast path may run.
   */
  private plain: boolean;

  /** Block states (FREE/HEAD/TAIL/MARK), one byte per block. */
  private atb: Uint8Array;
  /**
   * Of each HEAD block: its kind (top 8 bits) and its generation (low 24
   * bits), counted each time it becomes a HEAD. One word, one cache line.
   */
  private meta: Uint32Array;
  /** Length in blocks of the allocation at each HEAD (kept with the table). */
  private lens: Int32Array;
  /** Requested bytes of each HEAD (for `mem:` statistics). */
  private requested: Uint32Array;
  /** The object an allocation belongs to (its item array, table, data …). */
  private owners: Map<number, object>;
  /** 1 where the allocation at a HEAD has an entry in {@link owners}. */
  private owned: Uint8Array;
  /** Head blocks of the most recent allocations (a ring). */
  private recent: Int32Array;
  /** Scratch for {@link flush}: heads of a run's last allocations. */
  private runHeads: Int32Array;
  /**
   * For n = 2…31: no run of n free blocks lies wholly inside blocks
   * `gapFrom[n]` … `gapTo[n] - 1`. What a scan learnt of the region it
   * passed, kept while frees happen elsewhere (a free inside keeps the
   * longer side): a search that reaches the region passes it at once.
   */
  private gapFrom: Int32Array;
  private gapTo: Int32Array;
  /** Bit n set: size n may have a gap (most programs search few sizes). */
  private gapSizes: number;
  /**
   * Summaries of each group of 64 blocks, for long scans: the longest free
   * run inside it, its free prefix and free suffix. Recomputed when a search
   * needs a group that changed since (`groupDirty`).
   */
  private groupMax: Uint8Array;
  private groupPre: Uint8Array;
  private groupSuf: Uint8Array;
  private groupDirty: Uint8Array;
  /**
   * Exact free-block counts per group of 64 blocks and per "super group" of
   * 64 groups: the scan for a free block skips full regions in one step.
   */
  private groupFree: Int32Array;
  private superFree: Int32Array;
  /** Per super group: how many of its groups are wholly free. */
  private superFull: Int32Array;
  /** ATB byte index where the first-fit scan starts (`last_free_atb_index`). */
  private hint: number;
  /**
   * Allocations taken in a row where the first-fit scan starts, at the low
   * bound, cover blocks `pendFrom` … `lowFree - 1` (-1: no such run); the
   * last may grow in place. Only their block states, lengths and meta words
   * are written as they are made; block and group counts, the recent ring,
   * hint and top catch up when something reads them ({@link flush}). A run
   * starts with a one-block allocation and exists only while allocations
   * are {@link plain}. `lens` is 1 at every block but the heads of longer
   * allocations, so a one-block allocation need not write it.
   */
  private pendFrom: number;
  /** Every block below this one is in use (a shortcut; does not change results). */
  private lowFree: number;
  /** One past the highest block in use since the last sweep. */
  private top: number;
  /** Blocks in HEAD/TAIL state. */
  private usedBlocks: number;
  private roots: RootTracer[];
  /**
   * Call frames on the heap, innermost last, and their call depths. A
   * frame not placed yet (see {@link enterFrame}) holds minus its length
   * in blocks.
   */
  private frames: number[];
  private frameDepths: number[];
  /** Blocks of the frames not placed yet. */
  private pendingFrameBlocks: number;
  private collectListeners: (() => void)[];
  /** Non-heap objects the marker reached (owners of allocations). */
  private reached: Set<object>;

  constructor(options: HeapOptions = {}) {
    this.accounting = options.accounting ?? false;
    const regionBytes = options.heapBytes ?? 0;
    const n = Math.min(poolBlocksFor(regionBytes), 2 ** MAX_BLOCK_BITS - 1);
    this.nBlocks = n;
    let bits = 1;
    while (2 ** bits <= n) bits++;
    this.blockBits = bits;
    this.blockMask = 2 ** bits - 1;
    this.genMask = 2 ** Math.min(ADDRESS_BITS - bits, 24) - 1;
    // Without accounting the tables are never used: do not pay for them.
    const tableBlocks = this.accounting ? n : 0;
    const regionStart = options.regionStart ?? 0x20000000;
    const end = regionStart +
      Math.floor(regionBytes / BYTES_PER_BLOCK) * BYTES_PER_BLOCK;
    this.poolStart = end - n * BYTES_PER_BLOCK;
    this.enabled = true;
    const th = options.threshold ?? -1;
    this.thresholdBlocks = th < 0 ? -1 : Math.floor(th / BYTES_PER_BLOCK);
    this.allocAmount = 0;
    this.lockDepth = 0;
    this.collecting = false;
    this.collections = 0;
    this.serial = 0;
    this.memStats = options.memStats ?? false;
    this.stackLimit = options.stackLimit ?? 40000;
    this.statTotal = 0;
    this.statFreed = 0;
    this.statPeakSeen = 0;
    this.peakSeen = 0;
    this.profileHook = null;
    this.plain = true;
    this.atb = new Uint8Array(tableBlocks);
    this.meta = new Uint32Array(tableBlocks);
    // 1 everywhere but at the heads of longer allocations: a one-block
    // allocation need not write it.
    this.lens = new Int32Array(tableBlocks).fill(1);
    this.requested = new Uint32Array(this.memStats ? tableBlocks : 0);
    this.owners = new Map();
    this.owned = new Uint8Array(tableBlocks);
    this.recent = new Int32Array(PIN_RECENT).fill(-1);
    this.runHeads = new Int32Array(PIN_RECENT);
    this.gapFrom = new Int32Array(MAX_BUCKET);
    this.gapTo = new Int32Array(MAX_BUCKET);
    this.gapSizes = 0;
    const groups = (tableBlocks + 63) >> 6;
    this.groupMax = new Uint8Array(groups);
    this.groupPre = new Uint8Array(groups);
    this.groupSuf = new Uint8Array(groups);
    this.groupDirty = new Uint8Array(groups).fill(1);
    this.groupFree = new Int32Array(groups);
    this.superFree = new Int32Array((groups + 63) >> 6);
    this.superFull = new Int32Array((groups + 63) >> 6);
    this.recount(0, tableBlocks);
    this.hint = 0;
    this.pendFrom = -1;
    this.lowFree = 0;
    this.top = 0;
    this.usedBlocks = 0;
    this.roots = [];
    this.frames = [];
    this.frameDepths = [];
    this.pendingFrameBlocks = 0;
    this.updatePlain();
    this.collectListeners = [];
    this.reached = new Set();
  }

  // ---------------------------------------------------------------------
  // Allocation

  /**
   * Allocates `nBytes` (rounded up to whole blocks) and returns its address;
   * 0 for a request of 0 bytes. `owner` names the object the allocation
   * belongs to when it is not that object's own header (`obj.h`): it then
   * lives exactly as long as the owner is reachable. Throws
   * {@link HeapExhausted} when the heap cannot supply it.
   */
  alloc(nBytes: number, kind: BlockKind, owner?: object): number {
    // Kept small so that it inlines into every constructor: the common
    // case (the next block of a run at the low bound) is a few writes.
    if (!this.accounting) return 0;
    const i = this.lowFree;
    if (
      this.pendFrom >= 0 && nBytes <= BYTES_PER_BLOCK && nBytes > 0 &&
      owner === undefined && i < this.nBlocks && this.atb[i] === FREE
    ) {
      // The scan would start here (see pendFrom): only the block's own
      // state is written now, the rest when something reads it.
      this.atb[i] = HEAD;
      const meta = this.meta;
      const gen = (meta[i] + 1) & this.genMask;
      meta[i] = (kind << 24) | gen;
      this.lowFree = i + 1;
      return (gen << this.blockBits) | (i + 1);
    }
    return this.allocMore(nBytes, kind, owner);
  }

  /**
   * {@link alloc} beyond the next block of a run: one function, large
   * enough that V8 keeps it out of line, so the fast path stays small at
   * every allocation site.
   */
  private allocMore(nBytes: number, kind: BlockKind, owner?: object): number {
    if (this.pendingFrameBlocks !== 0) this.placeFrames();
    if (owner !== undefined || nBytes <= 0) {
      return this.allocCharged(nBytes, kind, owner);
    }
    const atb = this.atb;
    if (nBytes > BYTES_PER_BLOCK) {
      // More than one block, continuing the run at the low bound (see
      // pendFrom) when the blocks there are free: first fit from the scan
      // start finds them, and a run of n blocks moves no hint.
      if (this.pendFrom < 0) return this.allocCharged(nBytes, kind, owner);
      const i = this.lowFree;
      const n = (nBytes + BYTES_PER_BLOCK - 1) >> 4;
      const end = i + n;
      if (end > this.nBlocks || !this.allFree(i, end)) {
        return this.allocCharged(nBytes, kind, owner);
      }
      atb[i] = HEAD;
      if (n <= 8) {
        for (let k = i + 1; k < end; k++) atb[k] = TAIL;
      } else {
        atb.fill(TAIL, i + 1, end);
      }
      this.lens[i] = n;
      const gen = (this.meta[i] + 1) & this.genMask;
      this.meta[i] = (kind << 24) | gen;
      this.lowFree = end;
      this.allocAmount += n;
      return (gen << this.blockBits) | (i + 1);
    }
    // One block at the start of the scan, when it is free (most allocations
    // are). Only without lock, threshold, profiler or `mem:` statistics
    // ({@link plain}).
    if (!this.plain) return this.allocCharged(nBytes, kind, owner);
    this.flush();
    let i = this.hint << 2;
    const low = this.lowFree;
    if (i < low) i = low;
    if (i >= this.nBlocks || atb[i] !== FREE) {
      return this.allocCharged(nBytes, kind, owner);
    }
    atb[i] = HEAD;
    const gen = (this.meta[i] + 1) & this.genMask;
    this.meta[i] = (kind << 24) | gen;
    if (i === low) {
      // The scan started at the low bound: a run begins (see pendFrom).
      this.pendFrom = i;
      this.lowFree = i + 1;
    } else {
      const g = i >> 6;
      this.groupDirty[g] = 1;
      if (this.groupFree[g]-- === 64) this.superFull[i >> 12]--;
      this.superFree[i >> 12]--;
      this.recent[this.serial++ & (PIN_RECENT - 1)] = i;
      this.hint = (i + 1) >> 2;
      if (i >= this.top) this.top = i + 1;
      // (No threshold is set on this path, so alloc_amount is not kept.)
      this.usedBlocks++;
    }
    return (gen << this.blockBits) | (i + 1);
  }

  /**
   * Brings the figures up to date with the run of allocations taken at the
   * low bound without them (see {@link pendFrom}): block and group counts,
   * the recent ring, hint and top.
   */
  private flush(): void {
    const from = this.pendFrom;
    if (from < 0) return;
    const to = this.lowFree;
    this.pendFrom = -1;
    this.touch(from, to);
    this.countRange(from, to, -1);
    this.usedBlocks += to - from;
    if (to > this.top) this.top = to;
    // Walk back over the run's allocations, newest first: the last few go
    // to the recent ring; the last one-block allocation set the hint.
    const atb = this.atb;
    const lens = this.lens;
    const heads = this.runHeads;
    let k = 0;
    let hintSet = false;
    let p = to;
    while (p > from && (k < PIN_RECENT || !hintSet)) {
      let h = p - 1;
      while (atb[h] === TAIL) h--;
      if (!hintSet && lens[h] === 1) {
        this.hint = p >> 2;
        hintSet = true;
      }
      if (k < PIN_RECENT) heads[k++] = h;
      p = h;
    }
    const recent = this.recent;
    while (k > 0) recent[this.serial++ & (PIN_RECENT - 1)] = heads[--k];
  }

  /** {@link alloc} with accounting on, the general case. */
  private allocCharged(
    nBytes: number,
    kind: BlockKind,
    owner?: object,
  ): number {
    if (nBytes <= 0) return 0;
    const head = this.allocBlocks(nBytes, kind, owner);
    if (head < 0) throw new HeapExhausted(nBytes, this.lockDepth > 0);
    return (((this.meta[head] & GEN_BITS) << this.blockBits) | (head + 1));
  }

  /**
   * Like {@link alloc} but returns 0 instead of throwing when the heap is
   * full or locked (what `m_new_maybe` callers do: a call frame then lives on
   * the C stack).
   */
  tryAlloc(nBytes: number, kind: BlockKind, owner?: object): number {
    if (!this.accounting || nBytes <= 0) return 0;
    this.placeFrames();
    const head = this.allocBlocks(nBytes, kind, owner);
    return head < 0
      ? 0
      : (((this.meta[head] & GEN_BITS) << this.blockBits) | (head + 1));
  }

  /**
   * A call frame on the heap for the duration of a call (§1.11), at Python
   * call depth `depth`. Frames nest: the frames of calls that have returned
   * (a depth at or above this one) are freed first. When the heap cannot
   * supply it, the frame lives on the C stack and costs nothing.
   */
  enterFrame(nBytes: number, depth: number): void {
    if (!this.accounting) return;
    const depths = this.frameDepths;
    const n = (nBytes + BYTES_PER_BLOCK - 1) >> 4;
    if (depths.length > 0) {
      const last = depths.length - 1;
      if (depths[last] === depth) {
        // The previous call at this depth has returned: a frame of the same
        // size keeps its blocks (first fit would nearly always pick them
        // again) instead of a free and a new search.
        const f = this.frames[last];
        if (f < 0 ? f === -n : this.lens[this.blockOf(f)] === n) return;
      }
      this.leaveFrames(depth);
    }
    const top = this.top > this.lowFree ? this.top : this.lowFree;
    if (this.plain && this.nBlocks - top >= this.pendingFrameBlocks + n) {
      // The frame fits without a collection (the blocks above the top are
      // free), so where it goes matters only if the heap changes while the
      // call runs: it is placed then (placeFrames). A call that allocates
      // nothing leaves the heap as it was (a frame freed at once moves no
      // hint), so most calls never touch the tables. Its entry in the
      // recent ring is kept, and the peak counts it.
      if (this.pendFrom >= 0) this.flush();
      this.frames.push(-n);
      depths.push(depth);
      this.recent[this.serial++ & (PIN_RECENT - 1)] = -1;
      this.pendingFrameBlocks += n;
      const used = this.usedBlocks + this.pendingFrameBlocks;
      if (used > this.peakSeen) this.peakSeen = used;
      return;
    }
    this.placeFrames();
    const head = this.allocBlocks(nBytes, BlockKind.Frame);
    if (head < 0) return;
    this.frames.push(
      ((this.meta[head] & GEN_BITS) << this.blockBits) | (head + 1),
    );
    depths.push(depth);
  }

  /** Frees the heap frames of calls at `depth` or deeper (they have returned). */
  leaveFrames(depth: number): void {
    const frames = this.frames;
    const depths = this.frameDepths;
    while (depths.length > 0 && depths[depths.length - 1] >= depth) {
      depths.pop();
      const f = frames.pop() as number;
      // Frames not placed are the innermost ones: none is left below a
      // placed frame when it is freed.
      if (f < 0) this.pendingFrameBlocks += f;
      else this.free(f);
    }
  }

  /**
   * Places the frames not placed yet, outermost first, where first fit put
   * them when they were entered: nothing has changed since.
   */
  private placeFrames(): void {
    if (this.pendingFrameBlocks === 0) return;
    const frames = this.frames;
    let i = frames.length;
    while (i > 0 && frames[i - 1] < 0) i--;
    for (; i < frames.length; i++) {
      // The frame took its entry in the recent ring when it was entered
      // (one that pins nothing: a live frame is a root, a freed one no
      // allocation), so its placement takes none.
      const serial = this.serial;
      const slot = serial & (PIN_RECENT - 1);
      const entry = this.recent[slot];
      const head = this.allocBlocks(
        -frames[i] * BYTES_PER_BLOCK,
        BlockKind.Frame,
      );
      this.serial = serial;
      this.recent[slot] = entry;
      frames[i] = head < 0
        ? 0
        : ((this.meta[head] & GEN_BITS) << this.blockBits) | (head + 1);
    }
    this.pendingFrameBlocks = 0;
  }

  /** Brings the heap frames up to date with the calls running now. */
  private syncFrames(): void {
    if (this.frameDepths.length > 0 && callDepthProbe !== null) {
      this.leaveFrames(callDepthProbe() + 1);
    }
    this.placeFrames();
  }

  /** `gc_alloc`: the head block of a new allocation, or -1. */
  private allocBlocks(nBytes: number, kind: BlockKind, owner?: object): number {
    if (this.lockDepth > 0 || this.collecting) return -1;
    this.flush();
    const n = (nBytes + BYTES_PER_BLOCK - 1) >> 4;
    let collected = false;
    if (
      this.enabled && this.thresholdBlocks >= 0 &&
      this.allocAmount >= this.thresholdBlocks
    ) {
      this.collect(false);
      collected = true;
    }
    let head = this.findRun(n);
    if (head < 0) {
      if (!collected && this.enabled) {
        this.collect(false);
        head = this.findRun(n);
      }
      if (head < 0) return -1;
    }
    this.claim(head, n, kind, owner);
    if (this.memStats) {
      this.requested[head] = nBytes;
      this.statTotal += nBytes;
    }
    if (this.profileHook !== null) this.profileHook(head, nBytes, kind);
    return head;
  }

  /**
   * First fit from the hint (§1.3); returns the first block of the run or
   * -1. Allocations are stepped over whole (their length is cached), so
   * the scan costs one step per allocation, not per block.
   */
  private findRun(n: number): number {
    const atb = this.atb;
    const lens = this.lens;
    const end = this.nBlocks;
    let i = this.hint << 2;
    const fromLow = i <= this.lowFree;
    if (fromLow) i = this.lowFree;
    if (n === 1) {
      // Within the first group block by block (allocations stepped over
      // whole), then a group at a time, skipping groups with no free block.
      while (i < end && (i & 63) !== 0) {
        const s = atb[i];
        if (s === FREE) return this.foundOne(i, fromLow);
        i += s === TAIL ? 1 : lens[i];
      }
      const groupFree = this.groupFree;
      const superFree = this.superFree;
      while (i < end) {
        let g = i >> 6;
        if ((g & 63) === 0) {
          // Whole super groups with no free block are passed in one step.
          let sg = g >> 6;
          while (sg < superFree.length && superFree[sg] === 0) sg++;
          g = sg << 6;
          if (g << 6 >= end) break;
        }
        if (groupFree[g] !== 0) {
          const start = g << 6;
          const stop = start + 64 < end ? start + 64 : end;
          for (let k = start; k < stop; k++) {
            if (atb[k] === FREE) return this.foundOne(k, fromLow);
          }
        }
        i = (g + 1) << 6;
      }
      if (fromLow) this.lowFree = end;
      return -1;
    }
    const gapped = n < MAX_BUCKET;
    const ga = gapped ? this.gapFrom[n] : 0;
    const gb = gapped ? this.gapTo[n] : 0;
    const start = i;
    const groupMax = this.groupMax;
    const groupPre = this.groupPre;
    const groupSuf = this.groupSuf;
    const groupDirty = this.groupDirty;
    const groupFree = this.groupFree;
    const superFree = this.superFree;
    let run = 0;
    for (;;) {
      // A run of n that starts here and ends inside the gap cannot exist.
      if (run === 0 && i >= ga && i + n - 1 < gb) i = gb - n + 1;
      // Block by block to the next group boundary …
      while (i < end && (i & 63) !== 0) {
        if (atb[i] === FREE) {
          if (++run === n) {
            return this.foundRun(start, i - n + 1, n);
          }
        } else {
          run = 0;
        }
        i++;
      }
      // … then a group at a time, looking inside only where a run may fit.
      let gap = false;
      while (i < end) {
        if (run === 0 && i >= ga && i + n - 1 < gb) {
          gap = true;
          break;
        }
        const g = i >> 6;
        if ((g & 63) === 0 && superFree[g >> 6] === 0) {
          // A super group with no free block ends any run and is passed whole.
          run = 0;
          i += 4096;
          continue;
        }
        if (groupFree[g] === 0) {
          // A full group ends any run; its summary is not needed.
          run = 0;
        } else {
          if (groupDirty[g] !== 0) this.summarise(g);
          const pre = groupPre[g];
          if (run + pre >= n) {
            return this.foundRun(start, i - run, n);
          }
          if (pre === 64) {
            run += 64;
            i += 64;
            continue;
          }
          if (groupMax[g] >= n) {
            const stop = i + 64 < end ? i + 64 : end;
            let r = 0;
            for (let k = i; k < stop; k++) {
              if (atb[k] === FREE) {
                if (++r === n) {
                  return this.foundRun(start, k - n + 1, n);
                }
              } else {
                r = 0;
              }
            }
          }
          run = groupSuf[g];
        }
        i += 64;
        if (n >= 128) {
          // A run of 128 or more holds a wholly free group: one that begins
          // before the next such group starts in the group just before it.
          const h = this.nextWholeGroup(g + 1);
          if (h < 0) break;
          if (h - 1 > g + 1) {
            i = (h - 1) << 6;
            run = 0;
          }
        }
      }
      if (!gap) break;
    }
    if (gapped) this.noteGap(n, start, end);
    return -1;
  }

  /**
   * A run of n found at `r` by a scan that started at `start`: none lies
   * wholly before its end, which the size's gap records.
   */
  private foundRun(start: number, r: number, n: number): number {
    if (n < MAX_BUCKET) this.noteGap(n, start, r + n - 1);
    return r;
  }

  /** Blocks `a` … `b - 1` hold no run of n: the gap, unless it knows more. */
  private noteGap(n: number, a: number, b: number): void {
    const ga = this.gapFrom[n];
    const gb = this.gapTo[n];
    if (a >= ga && b <= gb) return;
    this.gapFrom[n] = a;
    this.gapTo[n] = b;
    this.gapSizes |= 1 << n;
  }

  /** A one-block result: moves the hint (and the low bound) past it. */
  private foundOne(i: number, fromLow: boolean): number {
    if (fromLow) this.lowFree = i;
    this.hint = (i + 1) >> 2;
    return i;
  }

  /** The first wholly free group at or after group `g`, or -1. */
  private nextWholeGroup(g: number): number {
    const groupFree = this.groupFree;
    const superFull = this.superFull;
    const nGroups = groupFree.length;
    while (g < nGroups) {
      if ((g & 63) === 0 || superFull[g >> 6] === 0) {
        let sg = g >> 6;
        if (superFull[sg] === 0) {
          sg++;
          while (sg < superFull.length && superFull[sg] === 0) sg++;
          if (sg >= superFull.length) return -1;
          g = sg << 6;
        }
      }
      if (groupFree[g] === 64) return g;
      g++;
    }
    return -1;
  }

  /** Recomputes the summary of block group `g`. */
  private summarise(g: number): void {
    const atb = this.atb;
    const start = g << 6;
    const stop = start + 64 < this.nBlocks ? start + 64 : this.nBlocks;
    let pre = 0;
    while (start + pre < stop && atb[start + pre] === FREE) pre++;
    let max = pre;
    let run = 0;
    for (let k = start + pre; k < stop; k++) {
      if (atb[k] === FREE) {
        if (++run > max) max = run;
      } else {
        run = 0;
      }
    }
    this.groupPre[g] = pre;
    this.groupSuf[g] = pre === stop - start ? pre : run;
    this.groupMax[g] = max;
    this.groupDirty[g] = 0;
  }

  /** Adds `delta` free blocks for each block in `a` … `b - 1`. */
  private countRange(a: number, b: number, delta: number): void {
    const gf = this.groupFree;
    const sf = this.superFree;
    while (a < b) {
      const gEnd = ((a >> 6) + 1) << 6;
      const stop = gEnd < b ? gEnd : b;
      const k = (stop - a) * delta;
      const g = a >> 6;
      const was = gf[g];
      gf[g] = was + k;
      sf[a >> 12] += k;
      if (was === 64) this.superFull[a >> 12]--;
      if (was + k === 64) this.superFull[a >> 12]++;
      a = stop;
    }
  }

  /** Recomputes the free counts of the groups covering blocks `a` … `b - 1`. */
  private recount(a: number, b: number): void {
    const atb = this.atb;
    const gf = this.groupFree;
    const sf = this.superFree;
    const n = atb.length;
    const g0 = a >> 6;
    const g1 = Math.min((b + 63) >> 6, gf.length);
    // Four states to a word: a state is in use when either of its two low
    // bits is set; a multiply adds up the four flags in the top byte.
    const words = new Uint32Array(atb.buffer, atb.byteOffset, n >> 2);
    for (let g = g0; g < g1; g++) {
      const start = g << 6;
      const stop = start + 64 < n ? start + 64 : n;
      let free = 0;
      if (stop - start === 64) {
        let used = 0;
        for (let w = start >> 2, end = w + 16; w < end; w++) {
          const x = words[w];
          used += Math.imul((x | (x >>> 1)) & 0x01010101, 0x01010101) >>> 24;
        }
        free = 64 - used;
      } else {
        for (let k = start; k < stop; k++) if (atb[k] === FREE) free++;
      }
      sf[g >> 6] += free - gf[g];
      if (gf[g] === 64) this.superFull[g >> 6]--;
      if (free === 64) this.superFull[g >> 6]++;
      gf[g] = free;
    }
  }

  /** Blocks `a` … `b - 1` changed state. */
  private touch(a: number, b: number): void {
    const d = this.groupDirty;
    for (let g = a >> 6; g <= (b - 1) >> 6; g++) d[g] = 1;
  }

  /**
   * Blocks `f` … `f + len - 1` became free. A run of n that did not exist
   * before lies in the free run they joined: a gap of a size longer than
   * that run stays as it is; any other gap it falls in keeps its longer side.
   */
  private freedInGap(f: number, len: number): void {
    if (this.gapSizes === 0) return;
    // The free run around the blocks, looked at up to MAX_BUCKET blocks.
    const atb = this.atb;
    let ra = f;
    while (ra > 0 && f + len - ra < MAX_BUCKET && atb[ra - 1] === FREE) ra--;
    let rb = f + len;
    const end = this.nBlocks;
    while (rb < end && rb - ra < MAX_BUCKET && atb[rb] === FREE) rb++;
    const run = rb - ra;
    const gf = this.gapFrom;
    const gt = this.gapTo;
    for (let sizes = this.gapSizes; sizes !== 0; sizes &= sizes - 1) {
      const n = 31 - Math.clz32(sizes & -sizes);
      const a = gf[n];
      const b = gt[n];
      if (run < n || rb <= a || ra >= b) continue;
      if (ra - a >= b - rb) {
        gt[n] = ra;
      } else {
        gf[n] = rb;
      }
    }
  }

  /** Marks `n` blocks from `head` as one allocation. */
  private claim(
    head: number,
    n: number,
    kind: BlockKind,
    owner?: object,
  ): void {
    const atb = this.atb;
    atb[head] = HEAD;
    const end = head + n;
    if (n > 1) {
      atb.fill(TAIL, head + 1, end);
      this.touch(head, end);
      this.countRange(head, end, -1);
    } else {
      this.groupDirty[head >> 6] = 1;
      if (this.groupFree[head >> 6]-- === 64) this.superFull[head >> 12]--;
      this.superFree[head >> 12]--;
    }
    this.lens[head] = n;
    const gen = (this.meta[head] + 1) & this.genMask;
    this.meta[head] = (kind << 24) | gen;
    this.recent[this.serial++ & (PIN_RECENT - 1)] = head;
    if (owner !== undefined) {
      this.owners.set(head, owner);
      this.owned[head] = 1;
    }
    if (end > this.top) this.top = end;
    // Every block below lowFree is in use (a bound, advanced by scans).
    if (head === this.lowFree) this.lowFree = end;
    this.usedBlocks += n;
    this.allocAmount += n;
  }

  /** The first free block at or after `b` (stepping over allocations whole). */
  private nextFree(b: number): number {
    const atb = this.atb;
    const lens = this.lens;
    const total = this.nBlocks;
    while (b < total) {
      const s = atb[b];
      if (s === FREE) return b;
      b += s === TAIL ? 1 : lens[b];
    }
    return total;
  }

  /** The head block an address names, or -1 when it is 0, stale or foreign. */
  blockOf(addr: number): number {
    if (addr <= 0) return -1;
    const b = (addr & this.blockMask) - 1;
    if (b < 0 || b >= this.nBlocks) return -1;
    const s = this.atb[b];
    if (s !== HEAD && s !== MARK) return -1;
    if ((this.meta[b] & GEN_BITS) !== addr >>> this.blockBits) return -1;
    return b;
  }

  /** True when `addr` names a live allocation. */
  isLive(addr: number): boolean {
    return this.blockOf(addr) >= 0;
  }

  /** Blocks of the allocation starting at `head` (HEAD plus TAILs). */
  private lengthOf(head: number): number {
    return this.lens[head];
  }

  /** Bytes (whole blocks) of the allocation at `addr`; 0 when it has none. */
  sizeOf(addr: number): number {
    const b = this.blockOf(addr);
    return b < 0 ? 0 : this.lengthOf(b) * BYTES_PER_BLOCK;
  }

  /** The block-map kind of the allocation at `addr` (Other when none). */
  kindOf(addr: number): BlockKind {
    const b = this.blockOf(addr);
    return b < 0 ? BlockKind.Other : (this.meta[b] >>> 24) as BlockKind;
  }

  /** Frees the allocation at `addr` at once (as `m_free` does). */
  free(addr: number): void {
    if (addr === 0 || !this.accounting) return;
    if (this.lockDepth > 0 || this.collecting) return;
    const b = this.blockOf(addr);
    if (b < 0) return;
    this.placeFrames();
    this.release(b);
  }

  /** Returns the allocation at `head` to the free state; its length in blocks. */
  private release(head: number): number {
    this.flush();
    const n = this.lengthOf(head);
    this.atb.fill(FREE, head, head + n);
    this.lens[head] = 1;
    this.touch(head, head + n);
    this.countRange(head, head + n, 1);
    if (this.owned[head] !== 0) {
      this.owners.delete(head);
      this.owned[head] = 0;
    }
    this.usedBlocks -= n;
    this.notePeaks();
    if (this.memStats) this.statFreed += this.requested[head];
    const atbIndex = head >> 2;
    if (atbIndex < this.hint) this.hint = atbIndex;
    if (head < this.lowFree) this.lowFree = head;
    if (!this.collecting) this.freedInGap(head, n);
    return n;
  }

  /**
   * Resizes the allocation at `addr` to `nBytes` (§1.4): shrinks in place,
   * grows in place when the following blocks are free, otherwise moves it
   * when `mayMove` (a new address) or returns 0. Address 0 allocates (kind
   * and owner as given); `nBytes` 0 frees.
   */
  realloc(
    addr: number,
    nBytes: number,
    mayMove: boolean,
    options: { kind?: BlockKind; owner?: object } = {},
  ): number {
    if (!this.accounting) return 0;
    if (nBytes <= 0) {
      this.free(addr);
      return 0;
    }
    this.placeFrames();
    const b = this.blockOf(addr);
    if (b < 0) {
      const kind = options.kind ?? BlockKind.Other;
      return mayMove
        ? this.alloc(nBytes, kind, options.owner)
        : this.tryAlloc(nBytes, kind, options.owner);
    }
    if (this.lockDepth > 0 || this.collecting) {
      if (mayMove) throw new HeapExhausted(nBytes, true);
      return 0;
    }
    if (this.pendFrom >= 0 && this.resizeInRun(b, nBytes)) return addr;
    this.flush();
    const atb = this.atb;
    const want = (nBytes + BYTES_PER_BLOCK - 1) >> 4;
    const have = this.lengthOf(b);
    let oldRequested = 0;
    if (this.memStats) {
      this.notePeaks();
      oldRequested = this.requested[b];
      this.statTotal += nBytes - oldRequested;
      this.requested[b] = nBytes;
    }
    if (want === have) return addr;
    if (want < have) {
      this.notePeaks();
      atb.fill(FREE, b + want, b + have);
      this.lens[b] = want;
      this.touch(b + want, b + have);
      this.countRange(b + want, b + have, 1);
      this.freedInGap(b + want, have - want);
      this.usedBlocks -= have - want;
      const atbIndex = (b + want) >> 2;
      if (atbIndex < this.hint) this.hint = atbIndex;
      if (b + want < this.lowFree) this.lowFree = b + want;
      return addr;
    }
    // Grow in place when enough free blocks follow.
    let free = 0;
    const end = this.nBlocks;
    for (let i = b + have; i < end && free < want - have; i++) {
      if (atb[i] !== FREE) break;
      free++;
    }
    if (free >= want - have) {
      atb.fill(TAIL, b + have, b + want);
      this.lens[b] = want;
      this.touch(b + have, b + want);
      this.countRange(b + have, b + want, -1);
      this.usedBlocks += want - have;
      if (b + want > this.top) this.top = b + want;
      if (b + have === this.lowFree) this.lowFree = b + want;
      return addr;
    }
    if (!mayMove) return 0;
    const kind = (this.meta[b] >>> 24) as BlockKind;
    const owner = this.owned[b] !== 0 ? this.owners.get(b) : undefined;
    // The new run counts the request once (it was counted above already).
    if (this.memStats) this.statTotal -= nBytes;
    const moved = this.allocBlocks(nBytes, kind, owner);
    if (moved < 0) {
      if (this.memStats) {
        // A failed resize leaves the figures as they were.
        this.statTotal += oldRequested;
        this.requested[b] = oldRequested;
      }
      throw new HeapExhausted(nBytes, false);
    }
    // The old run may have been swept by a collection the allocation ran.
    const old = this.blockOf(addr);
    if (old >= 0) this.release(old);
    return (((this.meta[moved] & GEN_BITS) << this.blockBits) | (moved + 1));
  }

  /**
   * A resize during a run (see {@link pendFrom}) that keeps the size in
   * blocks, or grows the run's last allocation into the free blocks after
   * it; false when the general path must do it.
   */
  private resizeInRun(b: number, nBytes: number): boolean {
    const want = (nBytes + BYTES_PER_BLOCK - 1) >> 4;
    const have = this.lens[b];
    if (want === have) return true;
    const end = b + want;
    if (want < have || b + have !== this.lowFree || end > this.nBlocks) {
      return false;
    }
    if (!this.allFree(b + have, end)) return false;
    this.atb.fill(TAIL, b + have, end);
    this.lens[b] = want;
    this.lowFree = end;
    return true;
  }

  /**
   * True when blocks `from` … `end - 1` are all free. Every block at or
   * above both the top and the low bound is (nothing outside the run at the
   * low bound was allocated there since the last sweep): only those below
   * are looked at.
   */
  private allFree(from: number, end: number): boolean {
    const known = this.top > this.lowFree ? this.top : this.lowFree;
    const stop = end < known ? end : known;
    const atb = this.atb;
    for (let k = from; k < stop; k++) if (atb[k] !== FREE) return false;
    return true;
  }

  // ---------------------------------------------------------------------
  // Collection

  /** Registers a source of roots; returns a function that removes it. */
  addRootTracer(tracer: RootTracer): () => void {
    this.roots.push(tracer);
    return (): void => {
      const i = this.roots.indexOf(tracer);
      if (i >= 0) this.roots.splice(i, 1);
    };
  }

  /** Registers a function called after every collection's sweep. */
  addCollectListener(listener: () => void): void {
    this.collectListeners.push(listener);
  }

  /**
   * Marks the allocation at `addr` reachable. Returns 1 when it was newly
   * marked, 0 when it was marked already, -1 when `addr` names no live
   * allocation (0, stale or swept).
   */
  markAddr(addr: number): number {
    if (addr <= 0) return -1;
    const b = (addr & this.blockMask) - 1;
    if (b < 0 || b >= this.nBlocks) return -1;
    const s = this.atb[b];
    if ((this.meta[b] & GEN_BITS) !== addr >>> this.blockBits) return -1;
    if (s === HEAD) {
      this.atb[b] = MARK;
      return 1;
    }
    return s === MARK ? 0 : -1;
  }

  /**
   * Records that the marker reached `owner`, a non-heap object (or one whose
   * own header is not on the heap) that owns allocations. Returns false when
   * it had been reached already in this collection.
   */
  markOwner(owner: object): boolean {
    if (this.reached.has(owner)) return false;
    this.reached.add(owner);
    return true;
  }

  /**
   * Runs a full collection now (mark from the roots, sweep). `explicit` is
   * true for `gc.collect()`; a collection that an allocation triggers also
   * keeps the most recent allocations (an object under construction).
   * Returns the number of allocations freed.
   */
  collect(explicit = true): number {
    if (!this.accounting || this.collecting) return 0;
    this.syncFrames();
    this.flush();
    this.collecting = true;
    this.plain = false;
    this.collections++;
    this.allocAmount = 0;
    const atb = this.atb;
    try {
      if (objectMarker !== null) objectMarker.markFrom(this, this.roots);
      else this.markShallow();
      for (const f of this.frames) this.markAddr(f);
      if (!explicit) {
        for (let k = 0; k < PIN_RECENT; k++) {
          const b = this.recent[k];
          if (b >= 0 && atb[b] === HEAD) {
            atb[b] = MARK;
          }
        }
      }
      // Allocations owned by a reached object live as long as it does.
      for (const [b, o] of this.owners) {
        if (atb[b] !== HEAD) continue;
        if (this.reached.has(o)) {
          atb[b] = MARK;
          continue;
        }
        const h = (o as { h?: unknown }).h;
        if (typeof h === "number" && h > 0) {
          const ob = (h & this.blockMask) - 1;
          if (
            ob >= 0 && ob < this.nBlocks && atb[ob] === MARK &&
            (this.meta[ob] & GEN_BITS) === h >>> this.blockBits
          ) {
            atb[b] = MARK;
          }
        }
      }
      const freed = this.sweep(explicit);
      this.reached.clear();
      this.collecting = false;
      this.updatePlain();
      for (const l of this.collectListeners) l();
      return freed;
    } finally {
      this.reached.clear();
      this.collecting = false;
      this.updatePlain();
    }
  }

  private updatePlain(): void {
    this.plain = this.lockDepth === 0 && !this.collecting &&
      this.thresholdBlocks < 0 && this.profileHook === null && !this.memStats;
    if (!this.plain) {
      if (!this.collecting) this.placeFrames();
      this.flush();
    }
  }

  /** Without an object marker: marks what the roots report and its header. */
  private markShallow(): void {
    const visit: Visit = (v: unknown): void => {
      if (typeof v !== "object" || v === null) return;
      this.markOwner(v);
      const h = (v as { h?: unknown }).h;
      if (typeof h === "number") this.markAddr(h);
    };
    for (const root of this.roots) root(visit);
  }

  /**
   * Frees every unmarked allocation and unmarks the rest (§1.8). Returns
   * the number of allocations freed when `count` is set (0 otherwise: an
   * automatic collection has no use for it).
   *
   * Garbage comes in long spans between live allocations, and a collection
   * runs seldom, so this code is cold when it runs: the spans are found and
   * cleared with the typed arrays' own bulk operations, which are fast from
   * the first call, and only short spans are walked block by block.
   */
  private sweep(count: boolean): number {
    this.flush();
    this.notePeaks();
    const atb = this.atb;
    const lens = this.lens;
    const top = this.top;
    let freed = 0;
    let freedBlocks = 0;
    let newTop = 0;
    let b = 0;
    while (b < top) {
      if (atb[b] === MARK) {
        atb[b] = HEAD;
        b += lens[b];
        newTop = b;
        continue;
      }
      // Everything up to the next marked allocation is garbage or free.
      let m = atb.indexOf(MARK, b);
      if (m < 0 || m > top) m = top;
      if (count) freed += this.countHeads(b, m);
      freedBlocks += m - b < SHORT_SPAN
        ? this.freeBlocks(b, m)
        : this.freeSpan(b, m);
      b = m;
    }
    this.usedBlocks -= freedBlocks;
    this.groupDirty.fill(1, 0, (top + 63) >> 6);
    this.top = newTop;
    this.hint = 0;
    this.lowFree = this.nextFree(0);
    this.gapTo.fill(0);
    this.gapSizes = 0;
    return freed;
  }

  /** Allocations (heads) among blocks `a` … `b - 1`. */
  private countHeads(a: number, b: number): number {
    const atb = this.atb;
    let n = 0;
    for (let k = a; k < b; k++) if (atb[k] === HEAD) n++;
    return n;
  }

  /**
   * Frees the allocations in blocks `a` … `b - 1` (none marked) one by one;
   * returns the blocks freed.
   */
  private freeBlocks(a: number, b: number): number {
    const atb = this.atb;
    const lens = this.lens;
    const owned = this.owned;
    const gf = this.groupFree;
    const sf = this.superFree;
    const full = this.superFull;
    let freedBlocks = 0;
    let k = a;
    while (k < b) {
      if (atb[k] !== HEAD) {
        k++;
        continue;
      }
      // Freed by the collector: `mem:` current is not reduced (§1.12).
      const n = lens[k];
      atb[k] = FREE;
      if (n > 1) {
        atb.fill(FREE, k + 1, k + n);
        lens[k] = 1;
        this.countRange(k, k + n, 1);
      } else {
        const g = k >> 6;
        const c = gf[g] + 1;
        gf[g] = c;
        sf[k >> 12]++;
        if (c === 64) full[k >> 12]++;
      }
      if (owned[k] !== 0) {
        this.owners.delete(k);
        owned[k] = 0;
      }
      freedBlocks += n;
      k += n;
    }
    return freedBlocks;
  }

  /**
   * {@link freeBlocks} for a long span, in bulk: the blocks in use are
   * counted from the groups' free counts, the span is cleared with `fill`,
   * and the groups wholly inside it become wholly free.
   */
  private freeSpan(a: number, b: number): number {
    const atb = this.atb;
    const gf = this.groupFree;
    const sf = this.superFree;
    const full = this.superFull;
    const g0 = a >> 6;
    const g1 = (b - 1) >> 6;
    if (g1 === g0) return this.freeBlocks(a, b);
    // Blocks in use: the partial groups at the ends one by one, the rest
    // from the counts (groups g0 + 1 … g1 - 1 lie wholly inside).
    let used = 0;
    const firstEnd = (g0 + 1) << 6;
    for (let k = a; k < firstEnd; k++) if (atb[k] !== FREE) used++;
    for (let k = g1 << 6; k < b; k++) if (atb[k] !== FREE) used++;
    for (let g = g0 + 1; g < g1; g++) used += 64 - gf[g];
    if (used === 0) return 0;
    // Searched within the span only: a search of the whole table from `a`
    // would pass every block above the span, for each span.
    const owned = this.owned.subarray(a, b);
    for (let o = owned.indexOf(1); o >= 0; o = owned.indexOf(1, o + 1)) {
      this.owners.delete(a + o);
      owned[o] = 0;
    }
    atb.fill(FREE, a, b);
    this.lens.fill(1, a, b);
    this.recount(a, firstEnd);
    for (let g = g0 + 1; g < g1; g++) {
      const was = gf[g];
      if (was === 64) continue;
      gf[g] = 64;
      sf[g >> 6] += 64 - was;
      full[g >> 6]++;
    }
    this.recount(g1 << 6, b);
    return used;
  }

  // ---------------------------------------------------------------------
  // Locking, threshold

  /** `micropython.heap_lock()`: allocation raises MemoryError until unlocked. */
  lock(): void {
    this.placeFrames();
    this.flush();
    this.lockDepth++;
    this.plain = false;
  }

  /** `micropython.heap_unlock()`; returns the depth left. */
  unlock(): number {
    if (this.lockDepth > 0) this.lockDepth--;
    this.updatePlain();
    return this.lockDepth;
  }

  /** `gc.threshold()` in bytes: -1 when disabled. */
  get threshold(): number {
    return this.thresholdBlocks < 0
      ? -1
      : this.thresholdBlocks * BYTES_PER_BLOCK;
  }

  /** `gc.threshold(x)`: negative disables; otherwise whole blocks of x. */
  set threshold(bytes: number) {
    this.thresholdBlocks = bytes < 0 ? -1 : Math.floor(bytes / BYTES_PER_BLOCK);
    this.updatePlain();
  }

  /**
   * Runs `fn` with accounting switched off: what it creates is ROM (a
   * built-in module's namespace, built the first time it is imported).
   */
  withoutAccounting<T>(fn: () => T): T {
    const saved = this.accounting;
    this.accounting = false;
    try {
      return fn();
    } finally {
      this.accounting = saved;
    }
  }

  // ---------------------------------------------------------------------
  // Figures

  /** Requested minus explicitly freed bytes (`mem: current`). */
  get statCurrent(): number {
    return this.statTotal - this.statFreed;
  }

  /** Maximum of {@link statCurrent} (`mem: peak`). */
  get statPeak(): number {
    const c = this.statCurrent;
    return c > this.statPeakSeen ? c : this.statPeakSeen;
  }

  /** Records the peaks before a figure goes down (they only rise in between). */
  private notePeaks(): void {
    if (this.usedBlocks > this.peakSeen) this.peakSeen = this.usedBlocks;
    if (this.memStats) {
      const c = this.statTotal - this.statFreed;
      if (c > this.statPeakSeen) this.statPeakSeen = c;
    }
  }

  /** Highest `mem_alloc()` seen (for reports). */
  get peakUsedBytes(): number {
    this.flush();
    const peak = this.usedBlocks > this.peakSeen
      ? this.usedBlocks
      : this.peakSeen;
    return peak * BYTES_PER_BLOCK;
  }

  /** `gc.mem_alloc()`: bytes in HEAD and TAIL blocks. */
  memAlloc(): number {
    this.syncFrames();
    this.flush();
    return this.usedBlocks * BYTES_PER_BLOCK;
  }

  /** `gc.mem_free()`: bytes in FREE blocks. */
  memFree(): number {
    this.syncFrames();
    this.flush();
    return (this.nBlocks - this.usedBlocks) * BYTES_PER_BLOCK;
  }

  /** Pool bytes (`GC: total`). */
  get total(): number {
    return this.nBlocks * BYTES_PER_BLOCK;
  }

  /**
   * Calls `fn` for every allocation in block order: its head block, length
   * in blocks, kind and owner (when it names one).
   */
  forEachAllocation(
    fn: (
      head: number,
      blocks: number,
      kind: BlockKind,
      owner: object | undefined,
    ) => void,
  ): void {
    this.syncFrames();
    const atb = this.atb;
    const n = atb.length;
    let b = 0;
    while (b < n) {
      if (atb[b] === HEAD || atb[b] === MARK) {
        const len = this.lengthOf(b);
        fn(
          b,
          len,
          (this.meta[b] >>> 24) as BlockKind,
          this.owned[b] !== 0 ? this.owners.get(b) : undefined,
        );
        b += len;
      } else {
        b++;
      }
    }
  }

  /** `gc_info()`. */
  info(): HeapInfo {
    this.syncFrames();
    const atb = this.atb;
    const n = atb.length;
    let oneBlocks = 0;
    let twoBlocks = 0;
    let maxBlock = 0;
    let maxFree = 0;
    let used = 0;
    let b = 0;
    while (b < n) {
      const s = atb[b];
      if (s === FREE) {
        const start = b;
        while (b < n && atb[b] === FREE) b++;
        if (b - start > maxFree) maxFree = b - start;
      } else if (s === TAIL) {
        // A tail without a head cannot happen; count it as used.
        used++;
        b++;
      } else {
        const len = this.lengthOf(b);
        used += len;
        if (len === 1) oneBlocks++;
        else if (len === 2) twoBlocks++;
        if (len > maxBlock) maxBlock = len;
        b += len;
      }
    }
    if (n === 0) maxFree = this.nBlocks;
    return {
      total: this.nBlocks * BYTES_PER_BLOCK,
      used: used * BYTES_PER_BLOCK,
      free: (this.nBlocks - used) * BYTES_PER_BLOCK,
      oneBlocks,
      twoBlocks,
      maxBlock,
      maxFree,
    };
  }

  /**
   * The text of `micropython.mem_info()` (with `verbose`, the block map of
   * `mem_info(1)` as well). `stack` gives the figures of the `stack:` line.
   */
  memInfoText(
    verbose: boolean,
    stack: { used: number; limit: number },
  ): string {
    const i = this.info();
    let out = "";
    if (this.memStats) {
      out += `mem: total=${this.statTotal}, current=${this.statCurrent}, ` +
        `peak=${this.statPeak}\n`;
    }
    out += `stack: ${stack.used} out of ${stack.limit}\n`;
    out += `GC: total: ${i.total}, used: ${i.used}, free: ${i.free}\n`;
    out += ` No. of 1-blocks: ${i.oneBlocks}, 2-blocks: ${i.twoBlocks}, ` +
      `max blk sz: ${i.maxBlock}, max free sz: ${i.maxFree}\n`;
    if (verbose) out += this.blockMap();
    return out;
  }

  /** The block map of `mem_info(1)` (`gc_dump_alloc_table`). */
  blockMap(): string {
    this.syncFrames();
    const atb = this.atb.length === this.nBlocks
      ? this.atb
      : new Uint8Array(this.nBlocks);
    const n = this.nBlocks;
    const parts: string[] = [
      `GC memory layout; from ${this.poolStart.toString(16)}:`,
    ];
    let line = "";
    for (let b = 0; b < n; b++) {
      if ((b & 63) === 0) {
        let b2 = b;
        while (b2 < n && atb[b2] === FREE) b2++;
        if (b2 - b >= 128) {
          if (line !== "") parts.push(line);
          line = "";
          parts.push(`\n       (${Math.floor((b2 - b) / 64)} lines all free)`);
          b = b2 & ~63;
          if (b >= n) break;
        }
        if (line !== "") parts.push(line);
        line = `\n${(b * BYTES_PER_BLOCK).toString(16).padStart(8, "0")}: `;
      }
      line += blockChar(atb[b], this.meta[b] >>> 24);
    }
    if (line !== "") parts.push(line);
    parts.push("\n");
    return parts.join("");
  }
}

const KIND_CHARS = "hTLDSAFBM";

function blockChar(state: number, kind: number): string {
  switch (state) {
    case FREE:
      return ".";
    case TAIL:
      return "=";
    case MARK:
      return "m";
    default:
      return KIND_CHARS[kind] ?? "h";
  }
}

/** The heap of the interpreter that is running now. */
export let heap: GcHeap = new GcHeap();

/** Makes `h` the current heap (an interpreter does this when it starts running). */
export function setHeap(h: GcHeap): void {
  heap = h;
}
