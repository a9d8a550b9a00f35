/**
 * `cmath` (`py/modcmath.c`): complex versions of the elementary functions,
 * computed with MicroPython's own (textbook) formulas so that results match
 * the board's to the bit.
 *
 * @module
 */

import { UnaryOp } from "../compiler/mod.ts";
import { defineFunction, defineModule } from "./builtins.ts";
import { typeError } from "./exc.ts";
import type { PyMap } from "./map.ts";
import { PyComplex, PyFloat, type PyObj, PyTuple } from "./obj.ts";
import { typeName } from "./runtime.ts";
import { checkArgs, floatBits, newFloat, toFloat } from "./mod_support.ts";

/** Rounds to the board's float precision. */
function prec(x: number): number {
  return floatBits() === 32 ? Math.fround(x) : x;
}

/** The value of a complex argument (`mp_obj_get_complex`). */
export function toComplex(v: PyObj): [number, number] {
  if (v instanceof PyComplex) return [v.real, v.imag];
  switch (typeof v) {
    case "number":
    case "bigint":
    case "boolean":
      return [toFloat(v), 0];
    case "string":
      break;
    default: {
      if (v instanceof PyFloat) return [v.value, 0];
      const t = v.type;
      if (t.unaryOp !== null) {
        const r = t.unaryOp(UnaryOp.ComplexMaybe, v);
        if (r instanceof PyComplex) return [r.real, r.imag];
      }
    }
  }
  throw typeError(`can't convert ${typeName(v)} to complex`);
}

function newComplex(re: number, im: number): PyComplex {
  return new PyComplex(prec(re), prec(im));
}

function complexFunction(
  dict: PyMap,
  name: string,
  f: (re: number, im: number) => PyObj,
): void {
  defineFunction(dict, name, (args, kw) => {
    checkArgs(args, kw, 1);
    const [re, im] = toComplex(args[0]);
    return f(prec(re), prec(im));
  });
}

const LOG10_E = 0.4342944819032518;

defineModule("cmath", (dict) => {
  dict.set("e", newFloat(Math.E));
  dict.set("pi", newFloat(Math.PI));
  complexFunction(dict, "phase", (re, im) => newFloat(Math.atan2(im, re)));
  complexFunction(dict, "polar", (re, im) =>
    new PyTuple([
      newFloat(Math.sqrt(prec(prec(re * re) + prec(im * im)))),
      newFloat(Math.atan2(im, re)),
    ]));
  defineFunction(dict, "rect", (args, kw) => {
    checkArgs(args, kw, 2);
    const r = prec(toFloat(args[0]));
    const phi = prec(toFloat(args[1]));
    return newComplex(r * prec(Math.cos(phi)), r * prec(Math.sin(phi)));
  });
  complexFunction(dict, "exp", (re, im) => {
    const e = prec(Math.exp(re));
    return newComplex(e * prec(Math.cos(im)), e * prec(Math.sin(im)));
  });
  complexFunction(dict, "log", (re, im) =>
    newComplex(
      0.5 * prec(Math.log(prec(prec(re * re) + prec(im * im)))),
      Math.atan2(im, re),
    ));
  complexFunction(dict, "log10", (re, im) =>
    newComplex(
      0.5 * prec(Math.log10(prec(prec(re * re) + prec(im * im)))),
      prec(LOG10_E) * prec(Math.atan2(im, re)),
    ));
  complexFunction(dict, "sqrt", (re, im) => {
    const sqrtAbs = prec(Math.pow(prec(prec(re * re) + prec(im * im)), 0.25));
    const theta = prec(0.5 * prec(Math.atan2(im, re)));
    return newComplex(
      sqrtAbs * prec(Math.cos(theta)),
      sqrtAbs * prec(Math.sin(theta)),
    );
  });
  complexFunction(dict, "cos", (re, im) =>
    newComplex(
      prec(Math.cos(re)) * prec(Math.cosh(im)),
      -prec(Math.sin(re)) * prec(Math.sinh(im)),
    ));
  complexFunction(dict, "sin", (re, im) =>
    newComplex(
      prec(Math.sin(re)) * prec(Math.cosh(im)),
      prec(Math.cos(re)) * prec(Math.sinh(im)),
    ));
});
