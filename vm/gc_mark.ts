/**
 * The mark phase of the collector (`gc_mark` in `py/gc.c`), made precise:
 * instead of scanning words, it follows the object graph from the roots.
 * Each reachable object marks its own header (`obj.h`), every allocation
 * held in a field named `…Addr` (an item array, a table), and everything it
 * references: the fields of the core classes directly, any other object
 * through its type's `gcTrace` slot and its own fields. Allocations that
 * name an owner live as long as the owner is reached.
 *
 * str and big-int values are JavaScript primitives; reaching one counts a
 * slot for the primitive table of `alloc.ts`.
 *
 * @module
 */

import { type PrimitiveTable, primitiveTableOf } from "./alloc.ts";
import { CodeInfo, FileContext } from "./code.ts";
import {
  type GcHeap,
  type ObjectMarker,
  type RootTracer,
  setObjectMarker,
  type Visit,
} from "./heap.ts";
import { Frame } from "./interp.ts";
import { DELETED, PyMap } from "./map.ts";
import { PyMemoryView } from "./obj_bytes.ts";
import {
  PyBoundMethod,
  PyByteArray,
  PyBytes,
  PyComplex,
  PyDict,
  PyException,
  PyFloat,
  PyInstance,
  PyList,
  PyModule,
  PyNativeFunction,
  type PyObj,
  PyObject,
  PySet,
  PySingleton,
  PyTuple,
  PyType,
  TypeFlag,
} from "./obj.ts";

/**
 * Classes (other than Python objects, arrays and plain objects) whose
 * instances hold Python values the collector must follow: code and frame
 * records of the interpreter, for instance.
 */
const traceable = new Set<unknown>([CodeInfo, FileContext, Frame]);

/** Lets the collector look inside instances of `ctor` (a non-Python class holding values). */
export function registerTraceable(
  ctor: abstract new (...args: never[]) => unknown,
): void {
  traceable.add(ctor);
}

const SMALL_MIN = -0x40000000;
const SMALL_MAX = 0x3fffffff;

class PreciseMarker implements ObjectMarker {
  private heap: GcHeap | null = null;
  private table: PrimitiveTable | null = null;
  private stack: object[] = [];
  private readonly visit: Visit = (v: unknown): void => this.reach(v);

  markFrom(heap: GcHeap, roots: readonly RootTracer[]): void {
    this.heap = heap;
    this.table = primitiveTableOf(heap);
    this.stack = [];
    try {
      for (const root of roots) {
        root(this.visit);
        this.drain();
      }
      if (this.table !== null) this.table.markReached();
    } finally {
      this.heap = null;
      this.table = null;
      this.stack = [];
    }
  }

  /** One value reached: mark it and queue it for tracing when it is new. */
  private reach(v: unknown): void {
    switch (typeof v) {
      case "string":
        if (this.table !== null) this.table.reach(v);
        return;
      case "number":
        if ((v < SMALL_MIN || v > SMALL_MAX) && this.table !== null) {
          this.table.reach(v);
        }
        return;
      case "bigint":
        if (this.table !== null) this.table.reach(v);
        return;
      case "object":
        if (v === null) return;
        break;
      default:
        return;
    }
    const heap = this.heap as GcHeap;
    if (v instanceof PyObject) {
      const h = v.h;
      if (h !== 0) {
        const r = heap.markAddr(h);
        if (r === 0) return;
        if (r < 0 && !heap.markOwner(v)) return;
      } else {
        if (isRomLeaf(v)) return;
        if (!heap.markOwner(v)) return;
      }
      this.stack.push(v);
      return;
    }
    if (v instanceof PyMap) {
      this.traceMap(v);
      return;
    }
    if (ArrayBuffer.isView(v)) return;
    if (!isTraceable(v)) {
      // Still an owner: allocations naming it survive.
      heap.markOwner(v);
      return;
    }
    if (!heap.markOwner(v)) return;
    this.stack.push(v);
  }

  private drain(): void {
    const stack = this.stack;
    while (stack.length > 0) this.trace(stack.pop() as object);
  }

  /** Reports everything `o` references. */
  private trace(o: object): void {
    const visit = this.visit;
    const heap = this.heap as GcHeap;
    if (o instanceof PyObject) {
      const type = o.type;
      if (type.h !== 0 || (type.flags & TypeFlag.UserClass) !== 0) visit(type);
      const ctor = o.constructor;
      if (ctor === PyList) {
        const l = o as PyList;
        heap.markAddr(l.itemsAddr);
        const items = l.items;
        for (let i = 0; i < items.length; i++) visit(items[i]);
      } else if (ctor === PyTuple) {
        const items = (o as PyTuple).items;
        for (let i = 0; i < items.length; i++) visit(items[i]);
      } else if (ctor === PyDict || ctor === PySet) {
        this.traceMap((o as PyDict).map);
      } else if (ctor === PyFloat || ctor === PyComplex) {
        // No references.
      } else if (ctor === PyBytes) {
        heap.markAddr((o as PyBytes).dataAddr);
      } else if (ctor === PyMemoryView) {
        this.traceViewed((o as PyMemoryView).source);
      } else if (ctor === PyByteArray) {
        heap.markAddr((o as PyByteArray).itemsAddr);
      } else if (ctor === PyInstance) {
        const inst = o as PyInstance;
        this.traceMap(inst.dict);
        if (inst.native !== undefined) visit(inst.native);
      } else if (ctor === PyModule) {
        this.traceMap((o as PyModule).dict);
      } else if (ctor === PyBoundMethod) {
        visit((o as PyBoundMethod).fn);
        visit((o as PyBoundMethod).self);
      } else if (ctor === PyException) {
        const e = o as PyException;
        visit(e.args);
        visit(e.traceback);
        if (e.dict !== null) this.traceMap(e.dict);
        this.traceFields(o);
      } else {
        if (type.gcTrace !== null) type.gcTrace(o as PyObject, visit);
        this.traceFields(o);
      }
      return;
    }
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) visit(o[i]);
    } else if (o instanceof Map) {
      for (const [k, v] of o) {
        visit(k);
        visit(v);
      }
    } else if (o instanceof Set) {
      for (const k of o) visit(k);
    } else {
      this.traceFields(o);
    }
  }

  /**
   * What a memoryview keeps alive: the buffer it points into, not the object
   * that owned it (a bytearray's header is garbage once only views remain).
   */
  private traceViewed(source: PyObj): void {
    const heap = this.heap as GcHeap;
    let src: PyObj = source;
    while (src instanceof PyMemoryView) {
      if (!heap.markOwner(src)) return;
      src = src.source;
    }
    if (src instanceof PyByteArray && src.constructor === PyByteArray) {
      heap.markAddr(src.itemsAddr);
    } else if (src instanceof PyBytes && src.constructor === PyBytes) {
      heap.markAddr(src.dataAddr);
    } else {
      this.visit(src);
    }
  }

  private traceMap(m: PyMap): void {
    const heap = this.heap as GcHeap;
    // A table is reached once; later paths find it done.
    if (!heap.markOwner(m)) return;
    if (m.tableAddr !== 0) heap.markAddr(m.tableAddr);
    const keys = m.keys;
    const values = m.values;
    const visit = this.visit;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined || k === DELETED) continue;
      visit(k);
      visit(values[i]);
    }
  }

  /** Follows every own field of `o` (and marks fields named `…Addr`). */
  private traceFields(o: object): void {
    const heap = this.heap as GcHeap;
    const visit = this.visit;
    const rec = o as Record<string, unknown>;
    for (const key in rec) {
      if (key === "type" || key === "h") continue;
      const v = rec[key];
      if (typeof v === "number") {
        if (key.endsWith("Addr")) heap.markAddr(v);
        else visit(v);
      } else if (typeof v !== "function") {
        visit(v);
      }
    }
  }
}

/** ROM objects that hold nothing the collector must follow. */
function isRomLeaf(v: PyObject): boolean {
  if (v instanceof PySingleton || v instanceof PyNativeFunction) return true;
  return v instanceof PyType && (v.flags & TypeFlag.UserClass) === 0;
}

function isTraceable(v: object): boolean {
  if (Array.isArray(v) || v instanceof Map || v instanceof Set) return true;
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return true;
  return traceable.has(v.constructor);
}

setObjectMarker(new PreciseMarker());
