/**
 * Module objects (`py/objmodule.c`): attribute access through the module's
 * globals, `__dict__`, module-level `__getattr__`, and their repr.
 *
 * @module
 */

import { moduleType, PrintKind, PyModule, type PyObj } from "./obj.ts";
import { BUILTIN_MODULES } from "./builtins.ts";
import { dictForMap } from "./mod_builtins.ts";
import { call } from "./runtime.ts";

moduleType.print = (self: PyObj, _kind: PrintKind): string => {
  const m = self as PyModule;
  const file = m.dict.get("__file__");
  return typeof file === "string"
    ? `<module '${m.name}' from '${file}'>`
    : `<module '${m.name}'>`;
};

moduleType.loadAttr = (self: PyObj, name: string): PyObj | undefined => {
  const m = self as PyModule;
  const v = m.dict.get(name);
  if (v !== undefined) return v;
  if (name === "__dict__") return dictForMap(m.dict);
  const getattr = m.dict.get("__getattr__");
  if (getattr !== undefined) return call(getattr, [name]);
  return undefined;
};

/** What a program may set on `sys` (the attributes MicroPython delegates). */
const SYS_SETTABLE = new Set(["ps1", "ps2", "path", "tracebacklimit"]);

/**
 * Built-in modules whose attributes may be set: `builtins` (its names may be
 * overridden) and those MicroPython builds as extensible Python modules.
 */
const WRITABLE_MODULES = new Set(["builtins", "time", "os", "collections"]);

/**
 * A built-in module's globals are in ROM on the board: setting or deleting
 * attributes fails, except on the modules above and a few of `sys`'s.
 */
function isReadOnlyModule(m: PyModule, name: string): boolean {
  if (!BUILTIN_MODULES.has(m.name) || m.dict.get("__file__") !== undefined) {
    return false;
  }
  if (WRITABLE_MODULES.has(m.name)) return false;
  return !(m.name === "sys" && SYS_SETTABLE.has(name));
}

moduleType.storeAttr = (
  self: PyObj,
  name: string,
  value: PyObj | undefined,
): boolean => {
  const m = self as PyModule;
  if (isReadOnlyModule(m, name)) return false;
  if (value === undefined) return m.dict.delete(name);
  m.dict.set(name, value);
  return true;
};

moduleType.gcTrace = (self, trace): void => {
  const d = (self as PyModule).dict;
  for (let s = d.nextSlot(-1); s >= 0; s = d.nextSlot(s)) {
    trace(d.keys[s] as PyObj);
    trace(d.values[s] as PyObj);
  }
};
