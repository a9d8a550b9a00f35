/**
 * An allocation-site profile of a run: every allocation is charged to the
 * source line (file:line of the innermost Python frame) that made it, and
 * each live allocation remembers its line, so that a report can say which
 * lines allocated most and what is still alive at the end.
 *
 * @module
 */

import { BLOCK_KIND_NAMES, BlockKind, type GcHeap } from "./heap.ts";
import { currentFrame, setLineTracking } from "./interp.ts";
import { qstrPools } from "./qstr.ts";

/** What one source line allocated. */
export interface SiteStats {
  /** `file:line`, or `<runtime>` when no Python code was running. */
  site: string;
  file: string;
  line: number;
  /** Bytes handed out (whole blocks). */
  bytes: number;
  /** Number of allocations. */
  count: number;
}

/** Live allocations of one kind at the end of a run. */
export interface KindStats {
  kind: string;
  bytes: number;
  count: number;
}

/** A running allocation-site profile of one heap. */
export class AllocationProfile {
  readonly heap: GcHeap;
  private readonly sites: SiteStats[] = [];
  private readonly siteIndex = new Map<string, number>();
  /** Site of the allocation starting at each block. */
  private readonly siteOfBlock: Int32Array;
  private readonly lineCache = new WeakMap<object, Map<number, number>>();

  constructor(heap: GcHeap) {
    this.heap = heap;
    this.siteOfBlock = new Int32Array(heap.nBlocks).fill(-1);
    setLineTracking(true);
    heap.profiler = (head, bytes): void => this.record(head, bytes);
  }

  /** Stops recording. */
  stop(): void {
    if (this.heap.profiler !== null) this.heap.profiler = null;
    setLineTracking(false);
  }

  private record(head: number, bytes: number): void {
    const f = currentFrame;
    let file = "<runtime>";
    let line = 0;
    if (f !== null) {
      file = f.code.file.sourceName;
      let cache = this.lineCache.get(f.code);
      if (cache === undefined) {
        cache = new Map();
        this.lineCache.set(f.code, cache);
      }
      let l = cache.get(f.ip);
      if (l === undefined) {
        l = f.code.lineAt(f.ip);
        cache.set(f.ip, l);
      }
      line = l;
    }
    const key = `${file}:${line}`;
    let id = this.siteIndex.get(key);
    if (id === undefined) {
      id = this.sites.length;
      this.siteIndex.set(key, id);
      this.sites.push({ site: key, file, line, bytes: 0, count: 0 });
    }
    const s = this.sites[id];
    s.bytes += Math.ceil(bytes / 16) * 16;
    s.count++;
    if (head < this.siteOfBlock.length) this.siteOfBlock[head] = id;
  }

  /** Every line that allocated, most bytes first. */
  topSites(): SiteStats[] {
    return [...this.sites].sort((a, b) =>
      b.bytes - a.bytes || b.count - a.count
    );
  }

  /** Live allocations now, by kind, most bytes first. */
  liveByKind(): KindStats[] {
    const byKind = new Map<string, KindStats>();
    this.heap.forEachAllocation((_head, blocks, kind) => {
      const name = BLOCK_KIND_NAMES[kind] ?? BLOCK_KIND_NAMES[BlockKind.Other];
      let k = byKind.get(name);
      if (k === undefined) {
        k = { kind: name, bytes: 0, count: 0 };
        byKind.set(name, k);
      }
      k.bytes += blocks * 16;
      k.count++;
    });
    return [...byKind.values()].sort((a, b) => b.bytes - a.bytes);
  }

  /** Live bytes now, by the line that allocated them, most first. */
  liveBySite(): SiteStats[] {
    const out = new Map<number, SiteStats>();
    this.heap.forEachAllocation((head, blocks) => {
      const id = head < this.siteOfBlock.length ? this.siteOfBlock[head] : -1;
      if (id < 0) return;
      let s = out.get(id);
      if (s === undefined) {
        const src = this.sites[id];
        s = { ...src, bytes: 0, count: 0 };
        out.set(id, s);
      }
      s.bytes += blocks * 16;
      s.count++;
    });
    return [...out.values()].sort((a, b) => b.bytes - a.bytes);
  }

  /** RAM qstrs of the running interpreter, in interning order. */
  ramQstrs(): string[] {
    return qstrPools === null ? [] : qstrPools.ramNames();
  }
}

/** Starts an allocation-site profile of `heap` (the running interpreter's). */
export function startAllocationProfile(heap: GcHeap): AllocationProfile {
  return new AllocationProfile(heap);
}
