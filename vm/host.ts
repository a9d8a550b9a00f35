/**
 * What the VM needs from the world around it. The board implements these
 * interfaces (a simulated board, or a test double); the VM never touches the
 * host's files, clock or terminal except through them.
 *
 * @module
 */

/** Kind of a file system entry. */
export const enum EntryKind {
  File = 0,
  Dir = 1,
}

/** What `os.stat` reports. */
export interface FileStat {
  kind: EntryKind;
  size: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
}

/** An open file on the board's file system. */
export interface FileHandle {
  /** Reads up to `n` bytes (all remaining when n < 0); empty at end of file. */
  read(n: number): Uint8Array;
  write(data: Uint8Array): number;
  /** Moves the position; `whence` 0 = start, 1 = current, 2 = end. Returns the new position. */
  seek(offset: number, whence: number): number;
  tell(): number;
  flush(): void;
  close(): void;
}

/**
 * The board's file system as the VM sees it. Paths are absolute POSIX paths
 * in the board's namespace (the VM resolves relative ones against its cwd).
 * Failures throw {@link FsError} with a POSIX errno.
 */
export interface Filesystem {
  stat(path: string): FileStat;
  listdir(path: string): string[];
  open(
    path: string,
    mode: {
      read: boolean;
      write: boolean;
      append: boolean;
      create: boolean;
      truncate: boolean;
    },
  ): FileHandle;
  mkdir(path: string): void;
  remove(path: string): void;
  rmdir(path: string): void;
  rename(from: string, to: string): void;
  /** Total, free and block size for `os.statvfs`. */
  statvfs(path: string): { blockSize: number; blocks: number; free: number };
}

/** A file system failure with its POSIX errno (ENOENT = 2, EEXIST = 17, …). */
export class FsError extends Error {
  readonly errno: number;
  constructor(errno: number, message = `errno ${errno}`) {
    super(message);
    this.name = "FsError";
    this.errno = errno;
  }
}

/** The terminal, clock and environment a board gives the VM. */
export interface Host {
  /** Writes program output (`print`, `sys.stdout`). */
  writeStdout(data: Uint8Array): void;
  /** Writes tracebacks and `sys.stderr`. */
  writeStderr(data: Uint8Array): void;
  /** Reads one line of input including its newline; null at end of input. */
  readLine(): string | null;
  /** Reads up to `n` bytes of raw input; empty at end of input. */
  readStdin(n: number): Uint8Array;
  /** Milliseconds of a monotonic clock. */
  monotonicMs(): number;
  /** Seconds since the epoch (wall clock). */
  wallSeconds(): number;
  /** Blocks for `ms` milliseconds; returns early (true) when interrupted. */
  sleepMs(ms: number): boolean;
  /** True once the user pressed Ctrl-C; reading it clears it. */
  takeInterrupt(): boolean;
  /** Random bytes (`os.urandom`). */
  randomBytes(n: number): Uint8Array;
  /** Environment variables visible to `os.getenv`. */
  env: Map<string, string>;
  /** The board's file system. */
  fs: Filesystem;
}
