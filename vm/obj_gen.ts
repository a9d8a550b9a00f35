/**
 * Generators and coroutines (`py/objgenerator.c`): a generator owns a
 * suspended frame; `next`/`send`/`throw`/`close` resume it, `yield from`
 * delegates to a sub-iterator, and a `return` becomes the value of the
 * `StopIteration` the consumer sees.
 *
 * @module
 */

import {
  BaseException,
  GeneratorExit,
  newException,
  runtimeError,
  StopIteration,
  typeError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { type Frame, hooks, resumeFrame } from "./interp.ts";
import {
  defineMethod,
  makeType,
  None,
  PyException,
  type PyObj,
  PyObject,
  PyType,
  typeOf,
} from "./obj.ts";
import { call, getAttr, iterNext, loadAttrMaybe } from "./runtime.ts";
import { hexId } from "./obj_type.ts";
import { setStopIterationArg, takeStopIterationArg } from "./obj_iter.ts";

/** `generator`. */
export const generatorType: PyType = makeType("generator");

/** A generator object: its frame and whether it ran or ended. */
export class PyGenerator extends PyObject {
  declare readonly frame: Frame;
  declare started: boolean;
  declare running: boolean;
  declare finished: boolean;
  /** What `pend_throw()` left to raise at the next resume; None when nothing. */
  declare pending: PyObj;
  constructor(frame: Frame) {
    super(generatorType);
    this.frame = frame;
    this.started = false;
    this.running = false;
    this.finished = false;
    this.pending = None;
    this.h = heap.alloc(
      28 + 4 * frame.code.nState + 8 * frame.code.nExcStack,
      BlockKind.Other,
    );
  }
}

function isSubclass(t: PyType, base: PyType): boolean {
  return t === base || t.mro.includes(base);
}

/**
 * Resumes `gen` with `send` (or raising `exc` at the resume point). Returns
 * the yielded value with `out.done` false, or the returned value with
 * `out.done` true.
 */
export function genResume(
  gen: PyGenerator,
  send: PyObj,
  exc: PyException | undefined,
  out: { done: boolean },
): PyObj {
  if (gen.finished) {
    // An ended generator just stops, whatever is thrown into it.
    out.done = true;
    return None;
  }
  if (gen.running) throw valueError("generator already executing");
  const frame = gen.frame;
  if (!gen.started && send !== None && exc === undefined) {
    throw typeError("can't send non-None value to a just-started generator");
  }
  if (exc === undefined && gen.pending !== None) {
    // A pend_throw() value is raised instead of the value sent.
    exc = toRaised(gen.pending);
    gen.pending = None;
  }
  if (!gen.started) {
    gen.started = true;
  } else if (exc === undefined) {
    frame.state[frame.sp] = send;
  }
  gen.running = true;
  let v: PyObj;
  try {
    v = resumeFrame(frame, exc);
  } catch (e) {
    gen.running = false;
    gen.finished = true;
    if (
      e instanceof PyException && isSubclass(e.type, StopIteration) &&
      e !== exc
    ) {
      throw runtimeError("generator raised StopIteration");
    }
    throw e;
  }
  gen.running = false;
  if (frame.yielded) {
    out.done = false;
    return v;
  }
  gen.finished = true;
  out.done = true;
  return v;
}

const out = { done: false };

function stopIteration(value: PyObj): PyException {
  return value === None
    ? newException(StopIteration)
    : newException(StopIteration, [value]);
}

/**
 * What `raise obj` raises: an exception instance as it is, an exception
 * class called with no arguments, anything else a `TypeError` (raised inside
 * the generator, where its code may catch it).
 */
function toRaised(obj: PyObj): PyException {
  if (obj instanceof PyException) return obj;
  if (obj instanceof PyType && isSubclass(obj, BaseException)) {
    const e = call(obj, []);
    if (e instanceof PyException) return e;
  }
  return typeError("exceptions must derive from BaseException");
}

/** The exception `throw(type[, value])` raises. */
function makeThrown(args: PyObj[]): PyException {
  // throw(type, value): a value other than None replaces the type.
  const t = args.length > 1 && args[1] !== None ? args[1] : args[0];
  return toRaised(t);
}

function send(gen: PyGenerator, value: PyObj, exc?: PyException): PyObj {
  const v = genResume(gen, value, exc, out);
  if (out.done) throw stopIteration(v);
  return v;
}

generatorType.getIter = (self) => self;
generatorType.iterNext = (self): PyObj | undefined => {
  const gen = self as PyGenerator;
  const v = genResume(gen, None, undefined, out);
  if (!out.done) return v;
  // `next()` raises StopIteration(value); loops just stop.
  setStopIterationArg(v);
  return undefined;
};
generatorType.print = (self) =>
  `<generator object '${(self as PyGenerator).frame.code.name}' at ${
    hexId(self)
  }>`;
generatorType.gcTrace = (self, trace): void => {
  const f = (self as PyGenerator).frame;
  for (const v of f.state) if (v !== undefined) trace(v);
  trace((self as PyGenerator).pending);
};

defineMethod(generatorType, "__next__", (args) => {
  return send(args[0] as PyGenerator, None);
});
defineMethod(generatorType, "send", (args) => {
  return send(args[0] as PyGenerator, args.length > 1 ? args[1] : None);
});
defineMethod(generatorType, "throw", (args) => {
  if (args.length < 2) throw typeError("function takes at least 2 arguments");
  return send(args[0] as PyGenerator, None, makeThrown(args.slice(1)));
});
defineMethod(generatorType, "close", (args) => {
  genClose(args[0] as PyGenerator);
  return None;
});
defineMethod(generatorType, "pend_throw", (args) => {
  const gen = args[0] as PyGenerator;
  // Returns what was pending before (None when nothing was).
  const prev = gen.pending;
  gen.pending = args.length > 1 ? args[1] : None;
  return prev;
});

/** `gen.close()`: throws `GeneratorExit` in and expects the generator to end. */
export function genClose(gen: PyGenerator): void {
  if (gen.finished || !gen.started) {
    gen.finished = true;
    return;
  }
  try {
    genResume(gen, None, newException(GeneratorExit), out);
  } catch (e) {
    if (
      e instanceof PyException &&
      (isSubclass(e.type, GeneratorExit) || isSubclass(e.type, StopIteration))
    ) {
      return;
    }
    throw e;
  }
  if (!out.done) throw runtimeError("generator ignored GeneratorExit");
}

hooks.makeGenerator = (frame: Frame): PyObj => new PyGenerator(frame);

hooks.resumeSub = (
  it: PyObj,
  value: PyObj,
  exc: PyException | undefined,
  res: { done: boolean },
): PyObj => {
  if (it instanceof PyGenerator) {
    const v = genResume(it, value, exc, res);
    if (res.done && exc !== undefined && isSubclass(exc.type, GeneratorExit)) {
      throw exc;
    }
    return v;
  }
  try {
    let v: PyObj | undefined;
    if (exc !== undefined) {
      if (isSubclass(exc.type, GeneratorExit)) {
        const close = loadAttrMaybe(it, "close");
        if (close !== undefined) call(close, []);
        throw exc;
      }
      const thr = loadAttrMaybe(it, "throw");
      if (thr === undefined) throw exc;
      v = call(thr, [exc]);
    } else if (value === None && typeOf(it).iterNext !== null) {
      setStopIterationArg(undefined);
      v = iterNext(it);
      if (v === undefined) {
        // The value the iterator's StopIteration carried is the result.
        res.done = true;
        return takeStopIterationArg() ?? None;
      }
    } else {
      v = call(getAttr(it, "send"), [value]);
    }
    res.done = false;
    return v;
  } catch (e) {
    if (e instanceof PyException && isSubclass(e.type, StopIteration)) {
      res.done = true;
      return e.args.items.length > 0 ? e.args.items[0] : None;
    }
    throw e;
  }
};
