/**
 * The state of the interpreter that is running now (`mp_state_ctx_t`): the
 * host it talks to, `sys.modules`, `sys.path`, the working folder and the
 * options it was started with. One interpreter runs at a time in a thread;
 * an {@link Interpreter} installs its state here whenever it runs code.
 *
 * Behaviour files read it through {@link currentHost} and friends rather
 * than importing the interpreter, so nothing here depends on the VM loop.
 *
 * @module
 */

import type { Host } from "./host.ts";
import { PyMap } from "./map.ts";
import { type PyDict, type PyList, type PyObj } from "./obj.ts";

/** Everything an interpreter keeps between calls. */
export interface VmState {
  /** The terminal, clock and file system. */
  host: Host;
  /** `sys.modules`. */
  modules: PyDict;
  /** `sys.path`. */
  path: PyList;
  /** `sys.argv`. */
  argv: PyList;
  /** The working folder on the board (absolute). */
  cwd: string;
  /** Optimisation level for code compiled at run time. */
  optLevel: number;
  /** Float precision of the board. */
  floatBits: 32 | 64;
  /** `sys.platform`. */
  platform: string;
  /** `sys.implementation._machine`. */
  machine: string;
  /** `sys.implementation._build`. */
  build: string;
  /** The `__main__` module's globals. */
  mainGlobals: PyMap;
  /** Objects kept alive for the collector beyond the frames (e.g. `sys.stdout`). */
  extraRoots: PyObj[];
}

let state: VmState | null = null;

/** True while the running interpreter's floats are single precision. */
export let floatSingle = false;

/** The running interpreter's state; throws when no interpreter runs. */
export function vmState(): VmState {
  if (state === null) throw new Error("No interpreter is running");
  return state;
}

/** The running interpreter's state, or null outside any interpreter. */
export function vmStateOrNull(): VmState | null {
  return state;
}

/** Makes `s` the running interpreter's state (null: none). */
export function setVmState(s: VmState | null): void {
  state = s;
  floatSingle = s !== null && s.floatBits === 32;
}

/** The host of the running interpreter (its terminal, clock, files). */
export function currentHost(): Host {
  return vmState().host;
}

/** The working folder of the running interpreter. */
export function currentCwd(): string {
  return state === null ? "/" : state.cwd;
}

/** Changes the working folder of the running interpreter. */
export function setCwd(path: string): void {
  vmState().cwd = path;
}

/** An empty globals map, used before `__main__` exists. */
export function emptyGlobals(): PyMap {
  return new PyMap();
}
