/**
 * The `builtins` namespace and the table of built-in modules. Each behaviour
 * file adds its built-in functions and types here when it loads; the import
 * system looks built-in modules up in {@link BUILTIN_MODULES}.
 *
 * @module
 */

import { PyMap } from "./map.ts";
import { type KwArgs, PyModule, PyNativeFunction, type PyObj } from "./obj.ts";

/** The `builtins` module's namespace (a ROM table: it costs no heap). */
export const builtinsDict: PyMap = new PyMap();

/** Adds a built-in function to `builtins`. */
export function defineBuiltin(
  name: string,
  fn: (args: PyObj[], kw: KwArgs) => PyObj,
): PyNativeFunction {
  const f = new PyNativeFunction(name, fn);
  builtinsDict.set(name, f);
  return f;
}

/** Adds any value (a type, a constant) to `builtins`. */
export function defineBuiltinValue(name: string, value: PyObj): void {
  builtinsDict.set(name, value);
}

/**
 * Built-in modules by name. A factory runs once, the first time the module
 * is imported in an interpreter, and builds its namespace.
 */
export const BUILTIN_MODULES: Map<string, () => PyModule> = new Map();

/**
 * Names of the extensible built-in modules (`MP_REGISTER_EXTENSIBLE_MODULE`):
 * a file of the same name on `sys.path` takes precedence over them, and
 * `import uNAME` reaches them too (e.g. `ujson`).
 */
export const EXTENSIBLE_MODULES: Set<string> = new Set();

/**
 * Registers a built-in module. `build` fills the module's namespace;
 * `extensible` marks it as one that files on `sys.path` may override.
 */
export function defineModule(
  name: string,
  build: (dict: PyMap) => void,
  options: { extensible?: boolean } = {},
): void {
  if (options.extensible === true) EXTENSIBLE_MODULES.add(name);
  BUILTIN_MODULES.set(name, () => {
    const dict = new PyMap();
    dict.set("__name__", name);
    build(dict);
    return new PyModule(name, dict);
  });
}

/** Adds a function to a module namespace being built. */
export function defineFunction(
  dict: PyMap,
  name: string,
  fn: (args: PyObj[], kw: KwArgs) => PyObj,
): void {
  dict.set(name, new PyNativeFunction(name, fn));
}
