/**
 * The virtual machine: MicroPython's object model, bytecode interpreter,
 * built-ins, built-in modules, import system and heap model.
 *
 * @module
 */

export { Interpreter, type InterpreterOptions } from "./vm.ts";
export {
  EntryKind,
  type FileHandle,
  type FileStat,
  type Filesystem,
  FsError,
  type Host,
} from "./host.ts";
export {
  jsToPy,
  loadMicroPython,
  type LoadOptions,
  type MicroPython,
  PythonError,
  pyToJs,
} from "./embed.ts";
export {
  AllocationProfile,
  type KindStats,
  type SiteStats,
  startAllocationProfile,
} from "./mem_profile.ts";
