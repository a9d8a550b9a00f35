/**
 * `time` (`extmod/modtime.c`, `shared/timeutils`): wall-clock time, sleeps
 * that Ctrl-C interrupts, the wrap-around `ticks_*` counters (a 2^30
 * period, so they stay small ints) with `ticks_add`/`ticks_diff`, and the
 * date conversions `gmtime`/`localtime`/`mktime` (UTC on the simulated
 * board; `mktime` normalises out-of-range fields as MicroPython does).
 *
 * On the host board (`sys.platform == "linux"`) `time()` is a float and the
 * date tuples have the unix port's 9 fields; on other boards `time()` is an
 * int and the tuples have 8 fields.
 *
 * @module
 */

import { pendingWork, runScheduled } from "./scheduler.ts";
import { defineFunction, defineModule } from "./builtins.ts";
import {
  KeyboardInterrupt,
  newException,
  overflowError,
  typeError,
  valueError,
} from "./exc.ts";
import { None, PyFloat, PyList, type PyObj, PyTuple } from "./obj.ts";
import { typeName } from "./runtime.ts";
import { vmStateOrNull } from "./state.ts";
import {
  checkArgs,
  intResult,
  moduleHost,
  newFloat,
  toBigOrSmall,
  toFloat,
  toMachineInt,
} from "./mod_support.ts";

/** Period of the `ticks_*` counters. */
export const TICKS_PERIOD = 0x40000000;
const TICKS_MAX = TICKS_PERIOD - 1;
const TICKS_HALF = TICKS_PERIOD / 2;

/** `ticks_add(ticks, delta)`. */
export function ticksAdd(ticks: number, delta: number): number {
  // delta must lie strictly between -PERIOD/2 and PERIOD/2 (as an unsigned test).
  if (((delta + TICKS_HALF - 1) >>> 0) >= TICKS_MAX) {
    throw overflowError("ticks interval overflow");
  }
  return ((ticks + delta) & TICKS_MAX) >>> 0;
}

/** `ticks_diff(end, start)`: the signed distance, wrapped into ±PERIOD/2. */
export function ticksDiff(end: number, start: number): number {
  return ((end - start + TICKS_HALF) & TICKS_MAX) - TICKS_HALF;
}

/** A small-int ticks argument (MicroPython takes its low bits). */
function ticksArg(v: PyObj): number {
  if (typeof v === "number") return v & 0x7fffffff;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v & 0x7fffffffn);
  throw typeError(`can't convert ${typeName(v)} to int`);
}

function isUnixLike(): boolean {
  const p = vmStateOrNull()?.platform ?? "linux";
  return p === "linux" || p === "darwin";
}

/** Sleeps on the host; Ctrl-C during the sleep raises `KeyboardInterrupt`. */
function sleepMs(ms: number): void {
  if (!(ms > 0)) return;
  if (moduleHost().sleepMs(ms)) throw newException(KeyboardInterrupt);
}

/**
 * A sleep through `mp_hal_delay_ms`, which waits on the event loop: the
 * callbacks `micropython.schedule` queued run meanwhile (the loop checks
 * about every half millisecond, one callback per check).
 */
function sleepPollingMs(ms: number): void {
  if (!(ms > 0)) return;
  for (
    let checks = Math.ceil(ms * 2);
    pendingWork.scheduled && checks > 0;
    checks--
  ) {
    runScheduled();
  }
  sleepMs(ms);
}

const DAYS_BEFORE_MONTH = [
  0,
  31,
  59,
  90,
  120,
  151,
  181,
  212,
  243,
  273,
  304,
  334,
];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  const d = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return month === 2 && isLeap(year) ? 29 : d;
}

/** The fields of a UTC time: year, month, mday, hour, minute, second, weekday (Mon = 0), yearday. */
export function timeFields(seconds: number): number[] {
  const days = Math.floor(seconds / 86400);
  let rem = seconds - days * 86400;
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const minute = Math.floor(rem / 60);
  const second = rem - minute * 60;
  const d = new Date(days * 86400000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const mday = d.getUTCDate();
  const wday = (d.getUTCDay() + 6) % 7;
  const yday = DAYS_BEFORE_MONTH[month - 1] + mday +
    (month > 2 && isLeap(year) ? 1 : 0);
  return [year, month, mday, hour, minute, second, wday, yday];
}

/**
 * The fields of a time on a board, as `shared/timeutils` computes them for
 * an unsigned 32-bit count: every fourth year is a leap year (2100 too).
 */
export function boardTimeFields(seconds: number): number[] {
  let days = Math.floor(seconds / 86400);
  const rem = seconds - days * 86400;
  const hour = Math.floor(rem / 3600);
  const minute = Math.floor(rem / 60) % 60;
  const second = rem % 60;
  const wday = (days + 3) % 7;
  days += 365 + 366 - (31 + 29); // from the leap day of 1968
  const q = Math.floor(days / 1461);
  days -= q * 1461;
  let years = Math.floor(days / 365);
  if (years === 4) years--;
  days -= years * 365;
  let year = 1968 + years + 4 * q;
  const fromMarch = [31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 29];
  let month = 0;
  while (fromMarch[month] <= days) days -= fromMarch[month++];
  let mon = month + 2;
  if (mon >= 12) {
    mon -= 12;
    year++;
  }
  mon++;
  const mday = days + 1;
  const yday = DAYS_BEFORE_MONTH[mon - 1] + mday +
    (mon >= 3 && year % 4 === 0 ? 1 : 0);
  return [year, mon, mday, hour, minute, second, wday, yday];
}

/** C division: truncates towards zero. */
function cdiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** Seconds since 1970 of a (possibly out of range) date, normalised as `timeutils_mktime` does. */
export function mktime(
  fields: readonly number[],
  board: boolean,
): number {
  let [year, month, mday, hours, minutes, seconds] = fields;
  const monthDays = (y: number, m: number): number =>
    board && m === 2 ? (y % 4 === 0 ? 29 : 28) : daysInMonth(y, m);
  minutes += cdiv(seconds, 60);
  seconds %= 60;
  if (seconds < 0) {
    seconds += 60;
    minutes--;
  }
  hours += cdiv(minutes, 60);
  minutes %= 60;
  if (minutes < 0) {
    minutes += 60;
    hours--;
  }
  mday += cdiv(hours, 24);
  hours %= 24;
  if (hours < 0) {
    hours += 24;
    mday--;
  }
  month--;
  year += cdiv(month, 12);
  month %= 12;
  if (month < 0) {
    month += 12;
    year--;
  }
  month++;
  while (mday < 1) {
    if (--month === 0) {
      month = 12;
      year--;
    }
    mday += monthDays(year, month);
  }
  while (mday > monthDays(year, month)) {
    mday -= monthDays(year, month);
    if (++month === 13) {
      month = 1;
      year++;
    }
  }
  let days: number;
  if (board) {
    const yday = DAYS_BEFORE_MONTH[month - 1] + mday +
      (month >= 3 && year % 4 === 0 ? 1 : 0);
    days = (year - 1970) * 365 + Math.trunc((year - 1969) / 4) + yday - 1;
  } else {
    days = Date.UTC(year, month - 1, mday) / 86400000;
  }
  return days * 86400 + hours * 3600 + minutes * 60 + seconds;
}

function nowSeconds(): number {
  return moduleHost().wallSeconds();
}

function dateTuple(args: PyObj[]): PyTuple {
  const unix = isUnixLike();
  let secs: number;
  if (args.length === 0 || args[0] === None) {
    secs = Math.floor(nowSeconds());
  } else if (unix) {
    // The unix port converts through a C time_t (a float is truncated).
    secs = Math.trunc(toFloat(args[0]));
  } else {
    // Boards keep an unsigned 32-bit count of seconds: out-of-range values saturate.
    const a = args[0];
    const v = a instanceof PyFloat ? Math.trunc(a.value) : toBigOrSmall(a);
    secs = v < 0 ? 0 : v > 0xffffffff ? 0xffffffff : Number(v);
  }
  const f = unix ? timeFields(secs) : boardTimeFields(secs);
  const items: PyObj[] = f.map((v) => v);
  if (unix) items.push(0);
  return new PyTuple(items);
}

defineModule("time", (dict) => {
  defineFunction(dict, "time", (args, kw) => {
    checkArgs(args, kw, 0);
    const t = nowSeconds();
    return isUnixLike() ? newFloat(t) : intResult(Math.floor(t));
  });
  defineFunction(dict, "time_ns", (args, kw) => {
    checkArgs(args, kw, 0);
    return intResult(BigInt(Math.round(nowSeconds() * 1e6)) * 1000n);
  });
  defineFunction(dict, "sleep", (args, kw) => {
    checkArgs(args, kw, 1);
    const secs = toFloat(args[0]);
    if (secs < 0 && isUnixLike()) {
      throw valueError("sleep length must be non-negative");
    }
    // The unix port sleeps in select(); boards wait on the event loop.
    if (isUnixLike()) sleepMs(secs * 1000);
    else sleepPollingMs(secs * 1000);
    return None;
  });
  defineFunction(dict, "sleep_ms", (args, kw) => {
    checkArgs(args, kw, 1);
    sleepPollingMs(toMachineInt(args[0]));
    return None;
  });
  defineFunction(dict, "sleep_us", (args, kw) => {
    checkArgs(args, kw, 1);
    sleepMs(toMachineInt(args[0]) / 1000);
    return None;
  });
  defineFunction(dict, "ticks_ms", (args, kw) => {
    checkArgs(args, kw, 0);
    return Math.floor(moduleHost().monotonicMs()) & TICKS_MAX;
  });
  defineFunction(dict, "ticks_us", (args, kw) => {
    checkArgs(args, kw, 0);
    return Math.floor(moduleHost().monotonicMs() * 1000) % TICKS_PERIOD;
  });
  defineFunction(dict, "ticks_cpu", (args, kw) => {
    checkArgs(args, kw, 0);
    return Math.floor(moduleHost().monotonicMs() * 1000) % TICKS_PERIOD;
  });
  defineFunction(dict, "ticks_add", (args, kw) => {
    checkArgs(args, kw, 2);
    return ticksAdd(ticksArg(args[0]), toMachineInt(args[1]));
  });
  defineFunction(dict, "ticks_diff", (args, kw) => {
    checkArgs(args, kw, 2);
    return ticksDiff(ticksArg(args[0]), ticksArg(args[1]));
  });
  defineFunction(dict, "gmtime", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    return dateTuple(args);
  });
  defineFunction(dict, "localtime", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    return dateTuple(args);
  });
  defineFunction(dict, "mktime", (args, kw) => {
    checkArgs(args, kw, 1);
    const t = args[0];
    let items: PyObj[];
    if (t instanceof PyTuple || t instanceof PyList) items = t.items;
    else throw typeError(`object '${typeName(t)}' isn't a tuple or list`);
    if (items.length < 8 || items.length > 9) {
      throw typeError("mktime needs a tuple of length 8 or 9");
    }
    const f = items.slice(0, 6).map(toMachineInt);
    const unix = isUnixLike();
    const secs = mktime(f, !unix);
    // Boards return the count as an unsigned 32-bit value.
    return intResult(unix ? secs : secs >>> 0);
  });
}, { extensible: true });
