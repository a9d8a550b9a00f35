/**
 * Bytecode functions, closures and cells (`py/objfun.c`, `py/objclosure.c`,
 * `py/objcell.c`), and argument binding (`mp_setup_code_state`, §6.2 of the
 * bytecode specification).
 *
 * A closure is a function object that also carries the cells it closed
 * over: binding puts them in front of the positional arguments, as
 * MicroPython's closure call does.
 *
 * @module
 */

import type { CodeInfo } from "./code.ts";
import { typeError } from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import { PyMap } from "./map.ts";
import { idOf, repr } from "./runtime.ts";
import {
  emptyTuple,
  isInstance,
  type KwArgs,
  makeType,
  nativeFunctionType,
  PyDict,
  PyInstance,
  PyNativeFunction,
  type PyObj,
  PyObject,
  PyTuple,
  type PyType,
  TypeFlag,
  typeOf,
} from "./obj.ts";

/** `function`: bytecode functions (and generator functions). */
export const functionType: PyType = makeType("function", {
  flags: TypeFlag.BindsAsMethod,
});
/**
 * `generator`: a generator function (MicroPython's `gen_wrap`). It is a
 * function with its own type, so `type(f)` names it and `print(f)` shows
 * `<generator>`.
 */
export const genFunctionType: PyType = makeType("generator", {
  flags: TypeFlag.BindsAsMethod,
});
/** `closure`. */
export const closureType: PyType = makeType("closure", {
  flags: TypeFlag.BindsAsMethod,
});
/** `cell`. */
export const cellType: PyType = makeType("cell");

/** A cell: a variable captured by an inner function. */
export class PyCell extends PyObject {
  /** The variable's value; undefined while unbound. */
  declare value: PyObj | undefined;
  constructor(value: PyObj | undefined) {
    super(cellType);
    this.value = value;
    this.h = heap.alloc(8, BlockKind.Other);
  }
}

/** A function made from a raw code: bytecode, module, defaults, closure cells. */
export class PyFunction extends PyObject {
  declare readonly code: CodeInfo;
  /** The globals of the module that defined the function. */
  declare readonly globals: PyMap;
  /** Positional defaults (`dpos`), or null. */
  declare readonly defaults: PyObj[] | null;
  /** Keyword-only defaults (`dkw`), or null. */
  declare readonly kwDefaults: PyDict | null;
  /** Cells closed over (a closure), or null. */
  declare readonly closure: PyObj[] | null;
  /** Attributes set on the function (`f.x = 1`); MicroPython has none, kept null. */
  constructor(
    code: CodeInfo,
    globals: PyMap,
    defaults: PyObj[] | null,
    kwDefaults: PyDict | null,
    closure: PyObj[] | null,
  ) {
    super(
      closure !== null
        ? closureType
        : code.isGenerator
        ? genFunctionType
        : functionType,
    );
    this.code = code;
    this.globals = globals;
    this.defaults = defaults;
    this.kwDefaults = kwDefaults;
    this.closure = closure;
    const extra = (defaults === null ? 0 : defaults.length) +
      (kwDefaults === null ? 0 : 1);
    this.h = heap.alloc(16 + 4 * extra, BlockKind.Function);
    if (closure !== null) {
      heap.alloc(12 + 4 * closure.length, BlockKind.Other, this);
    }
  }

  /** The function's name, as `__name__` gives it. */
  get name(): string {
    return this.code.name;
  }
}

/** The frame slots a call binds into: `state` and the index of local slot 0. */
export interface BindTarget {
  state: (PyObj | undefined)[];
}

function posMismatch(
  fun: PyFunction,
  expected: number,
  given: number,
): never {
  throw typeError(
    `${fun.code.name}() takes ${expected} positional arguments but ${given} were given`,
  );
}

/**
 * Binds arguments into a fresh frame's state (all slots empty on entry):
 * `n` positional values `src[start …]`, after the closure's cells, and the
 * keyword arguments `kw`. Follows §6.2 step by step, with MicroPython's
 * messages.
 */
export function bindArgs(
  fun: PyFunction,
  st: (PyObj | undefined)[],
  src: readonly (PyObj | undefined)[],
  start: number,
  n: number,
  kw: KwArgs,
): void {
  const code = fun.code;
  const top = code.nState - 1;
  const flags = code.scopeFlags;
  const P = code.nPosArgs;
  const K = code.nKwonlyArgs;
  const D = code.nDefPosArgs;
  const closure = fun.closure;
  const nc = closure === null ? 0 : closure.length;
  let nArgs = nc + n;
  let varIdx = top - P - K;
  const nKw = kw === null ? 0 : kw.size;

  if (nArgs > P) {
    if ((flags & 0x04) === 0) posMismatch(fun, P, nArgs);
    const extra: PyObj[] = [];
    for (let i = P; i < nArgs; i++) {
      extra.push(
        (i < nc ? closure![i] : src[start + i - nc]) as PyObj,
      );
    }
    st[varIdx--] = new PyTuple(extra);
    nArgs = P;
  } else {
    if ((flags & 0x04) !== 0) st[varIdx--] = emptyTuple;
    if (nKw === 0 && (flags & 0x08) === 0) {
      if (nArgs >= P - D) {
        const defs = fun.defaults;
        for (let i = nArgs; i < P; i++) {
          st[top - i] = defs === null ? undefined : defs[i - (P - D)];
        }
      } else {
        posMismatch(fun, P - D, nArgs);
      }
    }
  }

  for (let i = 0; i < nArgs; i++) {
    st[top - i] = i < nc ? closure![i] : src[start + i - nc];
  }

  if (nKw !== 0 || (flags & 0x08) !== 0) {
    let dict: PyDict | null = null;
    if ((flags & 0x02) !== 0) {
      // MicroPython sizes the **kwargs table for every keyword passed.
      dict = new PyDict(new PyMap(nKw));
      st[varIdx] = dict;
    }
    const names = code.argNames;
    if (kw !== null) {
      for (const [name, value] of kw) {
        let found = false;
        for (let j = 0; j < P + K; j++) {
          if (names[j] === name) {
            if (st[top - j] !== undefined) {
              throw typeError(
                `function got multiple values for argument '${name}'`,
              );
            }
            st[top - j] = value;
            found = true;
            break;
          }
        }
        if (!found) {
          if (dict === null) {
            throw typeError(`unexpected keyword argument '${name}'`);
          }
          dict.map.set(name, value);
        }
      }
    }
    const defs = fun.defaults;
    for (let j = 0; j < D; j++) {
      const slot = P - D + j;
      if (st[top - slot] === undefined && defs !== null) {
        st[top - slot] = defs[j];
      }
    }
    for (let i = P - 1; i >= 0; i--) {
      if (st[top - i] === undefined) {
        throw typeError(
          `function missing required positional argument #${i}`,
        );
      }
    }
    for (let i = 0; i < K; i++) {
      const slot = top - P - i;
      if (st[slot] === undefined) {
        const name = names[P + i];
        const v = (flags & 0x08) !== 0 && fun.kwDefaults !== null
          ? fun.kwDefaults.map.get(name)
          : undefined;
        if (v === undefined) {
          throw typeError(
            `function missing required keyword argument '${name}'`,
          );
        }
        st[slot] = v;
      }
    }
  } else {
    if (K !== 0) throw typeError("function missing keyword-only argument");
    if ((flags & 0x02) !== 0) st[varIdx] = new PyDict();
  }

  const cells = code.cells;
  for (let i = 0; i < cells.length; i++) {
    const idx = cells[i];
    st[idx] = new PyCell(st[idx]);
  }
}

/** Reports what a function references, for the collector. */
functionType.gcTrace = (self, trace): void => {
  const f = self as PyFunction;
  if (f.defaults !== null) { for (const d of f.defaults) trace(d); }
  if (f.kwDefaults !== null) trace(f.kwDefaults);
};
closureType.gcTrace = (self, trace): void => {
  const f = self as PyFunction;
  functionType.gcTrace!(self, trace);
  if (f.closure !== null) { for (const c of f.closure) trace(c); }
};
cellType.gcTrace = (self, trace): void => {
  trace((self as PyCell).value);
};

/** The repr of the function itself, as a closure's repr shows it inside. */
function functionPrint(self: PyObj): string {
  const f = self as PyFunction;
  if (f.code.isGenerator) return "<generator>";
  return `<function ${f.name} at 0x${idOf(self).toString(16)}>`;
}
functionType.print = functionPrint;
genFunctionType.print = functionPrint;
genFunctionType.gcTrace = functionType.gcTrace;
// The call is installed on `function` by the interpreter when it loads.
genFunctionType.call = (self, args, kw): PyObj =>
  functionType.call!(self, args, kw);
closureType.print = (self: PyObj): string => {
  const f = self as PyFunction;
  const cells = f.closure ?? [];
  let s = `<closure ${functionPrint(self)} at ${
    idOf(self).toString(16)
  }, n_closed=${cells.length} `;
  for (const c of cells) {
    const v = c instanceof PyCell ? c.value : c;
    s += v === undefined
      ? "<cell 0 (nil)> "
      : `<cell ${idOf(v).toString(16)} ${repr(v)}> `;
  }
  return s + ">";
};
function functionLoadAttr(self: PyObj, name: string): PyObj | undefined {
  const f = self as PyFunction;
  switch (name) {
    case "__name__":
      return f.name;
  }
  return undefined;
}
functionType.loadAttr = functionLoadAttr;
genFunctionType.loadAttr = functionLoadAttr;
closureType.loadAttr = functionLoadAttr;

if (nativeFunctionType.call === null) {
  nativeFunctionType.call = (self, args, kw): PyObj => {
    const f = self as PyNativeFunction;
    const t = f.selfType;
    // An instance of a user subclass is refused too: a method bound to it
    // gets its native object, so only a call through the type sees it.
    if (
      t !== null && args.length > 0 &&
      (!isInstance(args[0], t) ||
        (args[0] instanceof PyInstance && args[0].native !== undefined))
    ) {
      throw typeError(
        `argument should be a '${t.name}' not a '${typeOf(args[0]).name}'`,
      );
    }
    return f.fn(args, kw);
  };
}
if (nativeFunctionType.print === null) {
  nativeFunctionType.print = (): string => "<function>";
}
if (nativeFunctionType.loadAttr === null) {
  nativeFunctionType.loadAttr = (self, name): PyObj | undefined =>
    name === "__name__" ? (self as PyNativeFunction).name : undefined;
}
