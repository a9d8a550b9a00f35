/**
 * `heapq` (`extmod/modheapq.c`): a binary min-heap kept in a list, with the
 * same sift steps (and so the same order of equal items) as MicroPython.
 *
 * @module
 */

import { BinaryOp } from "../compiler/mod.ts";
import { defineFunction, defineModule } from "./builtins.ts";
import { indexError, typeError } from "./exc.ts";
import { listType, None, PyList, type PyObj } from "./obj.ts";
import { binaryOp } from "./runtime.ts";
import { checkArgs, listAppend } from "./mod_support.ts";

function heapOf(v: PyObj): PyList {
  if (!(v instanceof PyList) || v.type !== listType) {
    throw typeError("heap must be a list");
  }
  return v;
}

function less(a: PyObj, b: PyObj): boolean {
  return binaryOp(BinaryOp.Less, a, b) === true;
}

function siftDown(heap: PyList, start: number, pos: number): void {
  const items = heap.items;
  const item = items[pos];
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    const parent = items[parentPos];
    if (less(item, parent)) {
      items[pos] = parent;
      pos = parentPos;
    } else {
      break;
    }
  }
  items[pos] = item;
}

function siftUp(heap: PyList, pos: number): void {
  const items = heap.items;
  const start = pos;
  const end = items.length;
  const item = items[pos];
  for (let child = 2 * pos + 1; child < end; child = 2 * pos + 1) {
    // The right child when it is <= the left one.
    if (child + 1 < end && !less(items[child], items[child + 1])) child += 1;
    items[pos] = items[child];
    pos = child;
  }
  items[pos] = item;
  siftDown(heap, start, pos);
}

defineModule("heapq", (dict) => {
  defineFunction(dict, "heappush", (args, kw) => {
    checkArgs(args, kw, 2);
    const heap = heapOf(args[0]);
    listAppend(heap, args[1]);
    siftDown(heap, 0, heap.items.length - 1);
    return None;
  });
  defineFunction(dict, "heappop", (args, kw) => {
    checkArgs(args, kw, 1);
    const heap = heapOf(args[0]);
    const items = heap.items;
    if (items.length === 0) throw indexError("empty heap");
    const item = items[0];
    const last = items.pop() as PyObj;
    if (items.length > 0) {
      items[0] = last;
      siftUp(heap, 0);
    }
    return item;
  });
  defineFunction(dict, "heapify", (args, kw) => {
    checkArgs(args, kw, 1);
    const heap = heapOf(args[0]);
    for (let i = heap.items.length >> 1; i > 0;) siftUp(heap, --i);
    return None;
  });
}, { extensible: true });
