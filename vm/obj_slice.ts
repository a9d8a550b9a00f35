/**
 * Slice objects (`py/objslice.c`) and the resolution of a slice against a
 * sequence length that every sequence type uses (`mp_obj_slice_indices`,
 * `mp_seq_get_fast_slice_indexes`, `mp_seq_extract_slice`).
 *
 * As in MicroPython, slice objects are made only by subscripts (`a[1:2]`,
 * `BUILD_SLICE`); `slice(…)` cannot be called to create one.
 *
 * @module
 */

import { defineBuiltinValue } from "./builtins.ts";
import { notImplementedError, valueError } from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  defineMethod,
  makeType,
  None,
  type PyObj,
  PyObject,
  PyTuple,
  type PyType,
} from "./obj.ts";
import { repr } from "./runtime.ts";
import { checkArgs, selfAs, toMachineInt, unhashable } from "./sequence.ts";

/** `slice`. */
export const sliceType: PyType = makeType("slice");

/** A slice object: `start:stop:step`, each any value (None when omitted). */
export class PySlice extends PyObject {
  declare readonly start: PyObj;
  declare readonly stop: PyObj;
  declare readonly step: PyObj;
  constructor(start: PyObj, stop: PyObj, step: PyObj) {
    super(sliceType);
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.h = heap.alloc(16, BlockKind.Other);
  }
}

/** A slice resolved against a length. */
export interface BoundSlice {
  start: number;
  stop: number;
  step: number;
}

/**
 * What `slice.indices(length)` returns (`mp_obj_slice_indices`): start and
 * stop clamped into the sequence, step non-zero (`ValueError` otherwise).
 */
export function sliceIndices(s: PySlice, length: number): BoundSlice {
  let step = 1;
  if (s.step !== None) {
    step = toMachineInt(s.step);
    if (step === 0) throw valueError("slice step can't be zero");
  }
  let start: number;
  let stop: number;
  if (step > 0) {
    if (s.start === None) {
      start = 0;
    } else {
      start = toMachineInt(s.start);
      if (start < 0) start += length;
      start = start < 0 ? 0 : start > length ? length : start;
    }
    if (s.stop === None) {
      stop = length;
    } else {
      stop = toMachineInt(s.stop);
      if (stop < 0) stop += length;
      stop = stop < 0 ? 0 : stop > length ? length : stop;
    }
  } else {
    if (s.start === None) {
      start = length - 1;
    } else {
      start = toMachineInt(s.start);
      if (start < 0) start += length;
      start = start < -1 ? -1 : start > length - 1 ? length - 1 : start;
    }
    if (s.stop === None) {
      stop = -1;
    } else {
      stop = toMachineInt(s.stop);
      if (stop < 0) stop += length;
      stop = stop < -1 ? -1 : stop > length - 1 ? length - 1 : stop;
    }
  }
  return { start, stop, step };
}

/**
 * The index range a slice selects in a sequence of `length` items
 * (`mp_seq_get_fast_slice_indexes`). With step 1 the items are
 * `start … stop-1` (stop ≥ start; for assignment, the insertion point is
 * `start`). With a negative step `stop` is inclusive. Sequence types that
 * only support step 1 check `step === 1` and otherwise raise
 * {@link stepSliceError}.
 */
export function sliceBounds(s: PySlice, length: number): BoundSlice {
  const b = sliceIndices(s, length);
  if (b.step < 0) b.stop++;
  if (b.step > 0 && b.start > b.stop) b.stop = b.start;
  else if (b.step < 0 && b.start < b.stop) b.stop = b.start + 1;
  return b;
}

/** The items a stepped slice selects (`mp_seq_extract_slice`), in order. */
export function extractSlice(
  items: readonly PyObj[],
  b: BoundSlice,
): PyObj[] {
  const out: PyObj[] = [];
  let i = b.start;
  const step = b.step;
  if (step < 0) {
    for (; i >= b.stop; i += step) out.push(items[i]);
  } else {
    for (; i < b.stop; i += step) out.push(items[i]);
  }
  return out;
}

/** The error of sequence types that only support step-1 slices. */
export function stepSliceError(): ReturnType<typeof notImplementedError> {
  return notImplementedError(
    "only slices with step=1 (aka None) are supported",
  );
}

sliceType.print = (self: PyObj): string => {
  const s = self as PySlice;
  return `slice(${repr(s.start)}, ${repr(s.stop)}, ${repr(s.step)})`;
};

sliceType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  const s = self as PySlice;
  switch (name) {
    case "start":
      return s.start;
    case "stop":
      return s.stop;
    case "step":
      return s.step;
  }
  return undefined;
};

sliceType.hash = unhashable;

sliceType.gcTrace = (self, trace): void => {
  const s = self as PySlice;
  trace(s.start);
  trace(s.stop);
  trace(s.step);
};

defineMethod(sliceType, "indices", (args, kw) => {
  checkArgs(args, kw, { min: 2, max: 2 });
  const s = args[0];
  if (!(s instanceof PySlice)) selfAs(s, "slice");
  const b = sliceIndices(s, toMachineInt(args[1]));
  return new PyTuple([b.start, b.stop, b.step]);
});

defineBuiltinValue("slice", sliceType);
