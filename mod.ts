/**
 * upy as a library: MicroPython in a Deno program, with the shape of
 * MicroPython's own JavaScript API (`loadMicroPython`, `runPython`,
 * `globals`, `registerJsModule`, `pyimport`).
 *
 * @module
 */

export { Interpreter, type InterpreterOptions } from "./vm/mod.ts";
export { type BoardProfile, BOARDS } from "./board/mod.ts";
export {
  loadMicroPython,
  type LoadOptions,
  type MicroPython,
  PythonError,
} from "./vm/mod.ts";
