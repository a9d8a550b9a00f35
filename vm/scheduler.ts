/**
 * The scheduler (`py/scheduler.c`): `micropython.schedule(func, arg)` queues
 * a call that runs at the next point where the VM checks for pending work:
 * between bytecodes (the interpreter polls {@link schedulerPending}) and
 * once when the script ends. Each check runs one callback, in order; a
 * callback that schedules another lets it run at a later check.
 *
 * @module
 */

import { runtimeError } from "./exc.ts";
import type { Visit } from "./heap.ts";
import { PyException, type PyObj } from "./obj.ts";
import { formatException } from "./obj_exception.ts";
import { call } from "./runtime.ts";
import { currentHost } from "./state.ts";

const encoder = new TextEncoder();

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
 * Runs the oldest queued callback (MicroPython runs one per check, so a
 * queue drains over several checks). The call is protected, as
 * `mp_call_function_1_protected` makes it: an exception from the callback
 * is printed to stdout with its traceback and the interrupted code goes on.
 */
export function runScheduled(): void {
  if (!schedulerPending || running) return;
  running = true;
  try {
    const [fn, arg] = queue.shift() as [PyObj, PyObj];
    schedulerPending = queue.length > 0;
    try {
      call(fn, [arg]);
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      currentHost().writeStdout(encoder.encode(formatException(e)));
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
