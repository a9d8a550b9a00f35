/**
 * The range type (`py/objrange.c`): construction from machine ints, `len`
 * (computed in 32-bit arithmetic, as on a 32-bit port), indexing, slicing
 * (a new range), `in`, iteration, repr and the `start`/`stop`/`step`
 * attributes. As on MicroPython's ports, ranges compare by identity and are
 * unhashable.
 *
 * @module
 */

import { BinaryOp, UnaryOp } from "../compiler/mod.ts";
import { newInt } from "./alloc.ts";
import { defineBuiltinValue } from "./builtins.ts";
import { valueError } from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  type KwArgs,
  makeType,
  PyFloat,
  type PyObj,
  PyObject,
  type PyType,
} from "./obj.ts";
import { PyIterator } from "./obj_iter.ts";
import { PySlice, sliceBounds } from "./obj_slice.ts";
import {
  checkArgs,
  getIndex,
  objEqual,
  toMachineInt,
  unhashable,
} from "./sequence.ts";
import { hooks } from "./interp.ts";

/** `range`. */
export const rangeType: PyType = makeType("range");

/** A range: start, stop and step as machine ints. */
export class PyRange extends PyObject {
  declare readonly start: number;
  declare readonly stop: number;
  declare readonly step: number;
  constructor(start: number, stop: number, step: number) {
    super(rangeType);
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.h = heap.alloc(16, BlockKind.Other);
  }
}

/** Iterator over a range. */
export class PyRangeIter extends PyIterator {
  declare cur: number;
  declare readonly stop: number;
  declare readonly step: number;
  constructor(r: PyRange, onHeap: boolean) {
    super(onHeap);
    this.cur = r.start;
    this.stop = r.stop;
    this.step = r.step;
  }
  next(): PyObj | undefined {
    const cur = this.cur;
    if (this.step > 0 ? cur < this.stop : cur > this.stop) {
      this.cur = cur + this.step;
      return cur >= -0x40000000 && cur < 0x40000000 ? cur : newInt(cur);
    }
    return undefined;
  }
  trace(): void {}
}

/** Number of items of a range, computed in 32-bit arithmetic as MicroPython does. */
export function rangeLen(r: PyRange): number {
  let len = (r.stop - r.start + r.step) | 0;
  len = r.step > 0 ? (len - 1) | 0 : (len + 1) | 0;
  len = Math.trunc(len / r.step) | 0;
  return len < 0 ? 0 : len;
}

function rangeMakeNew(_type: PyType, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, { min: 1, max: 3 });
  let start = 0;
  let stop: number;
  let step = 1;
  if (args.length === 1) {
    stop = toMachineInt(args[0]);
  } else {
    start = toMachineInt(args[0]);
    stop = toMachineInt(args[1]);
    if (args.length === 3) {
      step = toMachineInt(args[2]);
      if (step === 0) throw valueError("zero step");
    }
  }
  return new PyRange(start, stop, step);
}

/** `item in r`: decided arithmetically for numbers, item by item otherwise. */
function rangeContains(r: PyRange, item: PyObj): boolean {
  const len = rangeLen(r);
  let n: number | undefined;
  if (typeof item === "number") n = item;
  else if (typeof item === "boolean") n = item ? 1 : 0;
  else if (item instanceof PyFloat) {
    if (!Number.isInteger(item.value)) return false;
    n = item.value;
  } else if (typeof item === "bigint" || typeof item === "string") {
    return false;
  }
  if (n !== undefined) {
    if (len === 0) return false;
    const off = n - r.start;
    if (off % r.step !== 0) return false;
    const i = off / r.step;
    return i >= 0 && i < len;
  }
  // Anything else compares item by item, as the generic `in` does.
  for (let i = 0; i < len; i++) {
    if (objEqual(r.start + i * r.step, item)) return true;
  }
  return false;
}

rangeType.makeNew = rangeMakeNew;
rangeType.print = (self: PyObj): string => {
  const r = self as PyRange;
  return r.step === 1
    ? `range(${r.start}, ${r.stop})`
    : `range(${r.start}, ${r.stop}, ${r.step})`;
};
rangeType.unaryOp = (op: UnaryOp, self: PyObj): PyObj | undefined => {
  switch (op) {
    case UnaryOp.Bool:
      return rangeLen(self as PyRange) > 0;
    case UnaryOp.Len:
      return rangeLen(self as PyRange);
  }
  return undefined;
};
rangeType.hash = unhashable;
rangeType.binaryOp = (
  op: BinaryOp,
  lhs: PyObj,
  rhs: PyObj,
): PyObj | undefined => {
  if (op === BinaryOp.Contains) return rangeContains(lhs as PyRange, rhs);
  return undefined;
};
rangeType.subscrLoad = (self: PyObj, index: PyObj): PyObj | undefined => {
  const r = self as PyRange;
  const len = rangeLen(r);
  if (index instanceof PySlice) {
    const b = sliceBounds(index, len);
    let stop = r.start + b.stop * r.step;
    if (b.step < 0) stop -= r.step;
    return new PyRange(r.start + b.start * r.step, stop, b.step * r.step);
  }
  const v = r.start + getIndex("range", len, index) * r.step;
  return v >= -0x40000000 && v < 0x40000000 ? v : newInt(v);
};
rangeType.getIter = (self: PyObj, onStack?: boolean): PyObj =>
  new PyRangeIter(self as PyRange, onStack !== true);
rangeType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  const r = self as PyRange;
  switch (name) {
    case "start":
      return newInt(r.start);
    case "stop":
      return newInt(r.stop);
    case "step":
      return newInt(r.step);
  }
  return undefined;
};

// A `for` loop over a range keeps start/stop/step in its four stack slots.
const previousIterStack = hooks.iterStack;
hooks.iterStack = (obj, st, at): boolean => {
  if (obj instanceof PyRange) {
    st[at] = 2;
    st[at + 1] = obj.start;
    st[at + 2] = obj.stop;
    st[at + 3] = obj.step;
    return true;
  }
  return previousIterStack !== undefined && previousIterStack(obj, st, at);
};

defineBuiltinValue("range", rangeType);
