/**
 * The scheduler (`py/scheduler.c`): `micropython.schedule(func, arg)` queues
 * a call that runs at the next point where the VM checks for pending work —
 * between bytecodes (the interpreter polls {@link schedulerPending}) and
 * while sleeping (`time.sleep*` calls {@link runScheduled}). Callbacks run
 * one at a time, in order; a callback that schedules another lets it run at
 * the next check.
 *
 * @module
 */

import { runtimeError } from "./exc.ts";
import type { Visit } from "./heap.ts";
import type { PyObj } from "./obj.ts";
import { call } from "./runtime.ts";

/** Queue depth (`MICROPY_SCHEDULER_DEPTH` on rp2 and most ports). */
export const SCHEDULER_DEPTH = 8;

const queue: [PyObj, PyObj][] = [];
let running = false;

/** True when a scheduled callback is waiting (cheap for the VM to poll). */
export let schedulerPending = false;

let requestPoll: () => void = (): void => {};

/** Installs how to make the VM check for pending work at its next chance. */
export function setPollRequester(fn: () => void): void {
  requestPoll = fn;
}

/** Queues `fn(arg)`; raises `RuntimeError("schedule queue full")` when full. */
export function schedule(fn: PyObj, arg: PyObj): void {
  if (queue.length >= SCHEDULER_DEPTH) {
    throw runtimeError("schedule queue full");
  }
  queue.push([fn, arg]);
  schedulerPending = true;
  requestPoll();
}

/**
 * Runs the callbacks queued now (not those they queue themselves, which wait
 * for the next check). An exception from a callback propagates to the code
 * that was running.
 */
export function runScheduled(): void {
  if (!schedulerPending || running) return;
  running = true;
  try {
    let n = queue.length;
    while (n-- > 0 && queue.length > 0) {
      const [fn, arg] = queue.shift() as [PyObj, PyObj];
      schedulerPending = queue.length > 0;
      call(fn, [arg]);
    }
  } finally {
    running = false;
    schedulerPending = queue.length > 0;
    if (schedulerPending) requestPoll();
  }
}

/** Drops every queued callback (soft reset, a new interpreter). */
export function clearScheduled(): void {
  queue.length = 0;
  schedulerPending = false;
}

/** Reports the queued callbacks and arguments to the collector (they are roots). */
export function traceScheduled(visit: Visit): void {
  for (const [fn, arg] of queue) {
    visit(fn);
    visit(arg);
  }
}
