/**
 * The board's RAM as MicroPython's GC heap (`py/gc.c`): blocks of 16 bytes on
 * a 32-bit port, an allocation table, first-fit allocation and mark/sweep.
 *
 * Every object the VM creates charges the allocations its C structure costs
 * on a 32-bit port through {@link heap}. An address is a block number plus
 * one, so 0 means "no heap allocation" (ROM objects, values that never touch
 * the heap).
 *
 * @module
 */

/** The block-map letter of an allocation's first block (`mem_info(1)`). */
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
}

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

/** The simulated GC heap. This version only counts; the block model replaces it. */
export class GcHeap {
  /** False when accounting is switched off: every call is then a no-op. */
  accounting: boolean;

  constructor(options: { accounting?: boolean } = {}) {
    this.accounting = options.accounting ?? false;
  }

  /** Allocates `nBytes` (rounded up to whole blocks); returns its address. */
  alloc(_nBytes: number, _kind: BlockKind): number {
    return 0;
  }

  /** Frees the allocation at `addr` at once (as `m_free` does). */
  free(_addr: number): void {}

  /** Resizes the allocation at `addr`; returns its (possibly new) address. */
  realloc(addr: number, _nBytes: number, _mayMove: boolean): number {
    return addr;
  }
}

/** The heap of the interpreter that is running now. */
export let heap: GcHeap = new GcHeap();

/** Makes `h` the current heap (an interpreter does this when it starts running). */
export function setHeap(h: GcHeap): void {
  heap = h;
}
