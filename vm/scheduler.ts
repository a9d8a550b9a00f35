/**
 * The scheduler (`py/scheduler.c`): `micropython.schedule(func, arg)` queues
 * a call that runs at the next point where the VM checks for pending work:
 * after every jump instruction, taken or not (both tiers look at
 * {@link pendingWork}), in `time.sleep_ms`, and once when the script ends. Each check runs one callback, in order; a
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

/** What the VM checks after each jump: `scheduled` while a callback waits. */
export const pendingWork: { scheduled: boolean } = { scheduled: false };

/** Queues `fn(arg)`; raises `RuntimeError("schedule queue full")` when full. */
export function schedule(fn: PyObj, arg: PyObj): void {
  if (queue.length >= SCHEDULER_DEPTH) {
    throw runtimeError("schedule queue full");
  }
  queue.push([fn, arg]);
  pendingWork.scheduled = true;
}

/**
 * Runs the oldest queued callback (MicroPython runs one per check, so a
 * queue drains over several checks). The call is protected, as
 * `mp_call_function_1_protected` makes it: an exception from the callback
 * is printed to stdout with its traceback and the interrupted code goes on.
 */
export function runScheduled(): void {
  if (!pendingWork.scheduled || running) return;
  running = true;
  try {
    const [fn, arg] = queue.shift() as [PyObj, PyObj];
    pendingWork.scheduled = queue.length > 0;
    try {
      call(fn, [arg]);
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      currentHost().writeStdout(encoder.encode(formatException(e)));
    }
  } finally {
    running = false;
    pendingWork.scheduled = queue.length > 0;
  }
}

/** Drops every queued callback (soft reset, a new interpreter). */
export function clearScheduled(): void {
  queue.length = 0;
  pendingWork.scheduled = false;
}

/** Reports the queued callbacks and arguments to the collector (they are roots). */
export function traceScheduled(visit: Visit): void {
  for (const [fn, arg] of queue) {
    visit(fn);
    visit(arg);
  }
}
