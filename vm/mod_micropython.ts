/**
 * `micropython` (`py/modmicropython.c`): heap and qstr reports, the heap
 * lock, the optimisation level for code compiled at run time, `const`,
 * `schedule`, `stack_use` and `RingIO` (`py/objringio.c`).
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import { typeError, valueError } from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { currentFrame } from "./interp.ts";
import {
  defineMethod,
  makeType,
  None,
  PyBytes,
  type PyObj,
  PyObject,
  type PyType,
} from "./obj.ts";
import { bufferOf, checkArgs, emptyBytes } from "./mod_support.ts";
import { qstrPools } from "./qstr.ts";
import { toInt } from "./runtime.ts";
import { schedule } from "./scheduler.ts";
import { vmStateOrNull } from "./state.ts";

/** C stack bytes a board uses below the first Python frame (start-up, REPL, `execute_from_lexer`). */
const STACK_BASE = 384;
/** C stack bytes each nested Python call adds (VM loop frame and call machinery). */
const STACK_PER_CALL = 160;

/** Estimated C stack in use, as `micropython.stack_use()` reports it. */
export function stackUse(): number {
  let depth = 0;
  for (let f = currentFrame; f !== null; f = f.back) depth++;
  return STACK_BASE + STACK_PER_CALL * depth;
}

function writeOut(text: string): void {
  const state = vmStateOrNull();
  if (state !== null) state.host.writeStdout(new TextEncoder().encode(text));
}

function smallInt(v: PyObj): number {
  const n = toInt(v);
  return typeof n === "bigint" ? Number(n) : n;
}

// ---------------------------------------------------------------------------
// RingIO

/** `micropython.RingIO`: a fixed-size byte FIFO over a buffer. */
export const ringIOType: PyType = makeType("RingIO");

/** A RingIO: `size` bytes of buffer, one of which always stays empty. */
export class PyRingIO extends PyObject {
  readonly buf: Uint8Array;
  /** Read position. */
  iget: number;
  /** Write position. */
  iput: number;
  /** Heap address of the buffer when RingIO allocated it. */
  bufAddr: number;
  /** The buffer object given to the constructor (kept alive). */
  readonly source: PyObj | undefined;

  constructor(buf: Uint8Array, source: PyObj | undefined) {
    super(ringIOType);
    this.h = heap.alloc(16, BlockKind.Other);
    this.buf = buf;
    this.iget = 0;
    this.iput = 0;
    this.source = source;
    this.bufAddr = source === undefined
      ? heap.alloc(buf.length, BlockKind.Other, this)
      : 0;
  }

  /** Bytes waiting to be read. */
  any(): number {
    const n = this.iput - this.iget;
    return n >= 0 ? n : n + this.buf.length;
  }

  /** Room left for writing. */
  room(): number {
    return this.buf.length - 1 - this.any();
  }

  get(): number {
    const c = this.buf[this.iget];
    this.iget = this.iget + 1 === this.buf.length ? 0 : this.iget + 1;
    return c;
  }

  put(c: number): void {
    this.buf[this.iput] = c;
    this.iput = this.iput + 1 === this.buf.length ? 0 : this.iput + 1;
  }
}

function ringSelf(v: PyObj): PyRingIO {
  if (!(v instanceof PyRingIO)) throw typeError("expecting a RingIO");
  return v;
}

function readBytes(r: PyRingIO, n: number, line: boolean): PyBytes {
  const avail = r.any();
  if (n < 0 || n > avail) n = avail;
  if (n === 0) return emptyBytes();
  const out: number[] = [];
  while (out.length < n) {
    const c = r.get();
    out.push(c);
    if (line && c === 10) break;
  }
  return new PyBytes(Uint8Array.from(out));
}

ringIOType.makeNew = (_type, args, kw) => {
  checkArgs(args, kw, 1);
  const a = args[0];
  if (
    typeof a === "number" || typeof a === "bigint" || typeof a === "boolean"
  ) {
    const size = smallInt(a);
    if (size < 1) throw valueError("invalid size");
    return new PyRingIO(new Uint8Array(size + 1), undefined);
  }
  const buf = bufferOf(a, true);
  if (buf.length < 2) throw valueError("invalid size");
  return new PyRingIO(buf, a);
};
defineMethod(ringIOType, "any", (args) => ringSelf(args[0]).any());
defineMethod(ringIOType, "read", (args, kw) => {
  checkArgs(args, kw, 1, 2);
  const r = ringSelf(args[0]);
  return readBytes(r, args.length > 1 ? smallInt(args[1]) : -1, false);
});
defineMethod(ringIOType, "readline", (args, kw) => {
  checkArgs(args, kw, 1, 2);
  const r = ringSelf(args[0]);
  return readBytes(r, args.length > 1 ? smallInt(args[1]) : -1, true);
});
defineMethod(ringIOType, "readinto", (args, kw) => {
  checkArgs(args, kw, 2, 3);
  const r = ringSelf(args[0]);
  const dest = bufferOf(args[1], true);
  let n = args.length > 2 ? smallInt(args[2]) : dest.length;
  if (n > dest.length) n = dest.length;
  const avail = r.any();
  if (n > avail) n = avail;
  for (let i = 0; i < n; i++) dest[i] = r.get();
  return n;
});
defineMethod(ringIOType, "write", (args, kw) => {
  checkArgs(args, kw, 2);
  const r = ringSelf(args[0]);
  const src = bufferOf(args[1]);
  const n = Math.min(src.length, r.room());
  for (let i = 0; i < n; i++) r.put(src[i]);
  return n;
});
defineMethod(ringIOType, "close", (args) => {
  ringSelf(args[0]);
  return None;
});

// ---------------------------------------------------------------------------
// The module

defineModule("micropython", (dict) => {
  defineFunction(dict, "const", (args, kw) => {
    checkArgs(args, kw, 1);
    return args[0];
  });
  defineFunction(dict, "opt_level", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    const state = vmStateOrNull();
    if (args.length === 0) return state === null ? 0 : state.optLevel;
    if (state !== null) state.optLevel = smallInt(args[0]);
    return None;
  });
  defineFunction(dict, "mem_info", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    writeOut(
      heap.memInfoText(args.length > 0, {
        used: stackUse(),
        limit: heap.stackLimit,
      }),
    );
    return None;
  });
  defineFunction(dict, "qstr_info", (args, kw) => {
    checkArgs(args, kw, 0, 1);
    if (qstrPools !== null) writeOut(qstrPools.infoText(args.length > 0));
    return None;
  });
  defineFunction(dict, "stack_use", (args, kw) => {
    checkArgs(args, kw, 0);
    return stackUse();
  });
  defineFunction(dict, "heap_lock", (args, kw) => {
    checkArgs(args, kw, 0);
    heap.lock();
    return None;
  });
  defineFunction(dict, "heap_unlock", (args, kw) => {
    checkArgs(args, kw, 0);
    return heap.unlock();
  });
  defineFunction(dict, "heap_locked", (args, kw) => {
    checkArgs(args, kw, 0);
    return heap.lockDepth;
  });
  defineFunction(dict, "alloc_emergency_exception_buf", (args, kw) => {
    checkArgs(args, kw, 1);
    smallInt(args[0]);
    return None;
  });
  defineFunction(dict, "kbd_intr", (args, kw) => {
    checkArgs(args, kw, 1);
    smallInt(args[0]);
    return None;
  });
  defineFunction(dict, "schedule", (args, kw) => {
    checkArgs(args, kw, 2);
    schedule(args[0], args[1]);
    return None;
  });
  dict.set("RingIO", ringIOType);
});
