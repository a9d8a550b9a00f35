/**
 * The simulated board: profiles, its file system, and running programs on
 * it. It implements the host interface the VM asks for.
 *
 * @module
 */

export { type BoardProfile, BOARDS, findBoard } from "./profiles.ts";
export { BoardFilesystem, type Mount } from "./vfs.ts";
export {
  MOUNT_POINT,
  type ProgramTarget,
  runInWorker,
  type RunOptions,
  runProgram,
  workerMain,
} from "./run.ts";
