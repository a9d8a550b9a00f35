/**
 * The board's file system: an in-memory flash file system at `/` and host
 * folders mounted into it (as `mpremote mount` does). A script reaches the
 * host's files only through a mount.
 *
 * @module
 */

import * as nodeFs from "node:fs";
import * as nodePath from "node:path";
import {
  EntryKind,
  type FileHandle,
  type FileStat,
  type Filesystem,
  FsError,
} from "../vm/host.ts";

const ENOENT = 2;
const EIO = 5;
const EBADF = 9;
const EACCES = 13;
const EEXIST = 17;
const ENOTDIR = 20;
const EISDIR = 21;
const EINVAL = 22;
const ENOTEMPTY = 39;

/** Open mode flags as `open()` derives them from its mode string. */
export interface OpenMode {
  read: boolean;
  write: boolean;
  append: boolean;
  create: boolean;
  truncate: boolean;
}

interface MemDir {
  kind: EntryKind.Dir;
  entries: Map<string, MemNode>;
  mtime: number;
}

interface MemFile {
  kind: EntryKind.File;
  data: Uint8Array;
  size: number;
  mtime: number;
}

type MemNode = MemDir | MemFile;

/** A host folder seen inside the board at `at`. */
export interface Mount {
  /** Absolute board path of the mount point, e.g. `/remote`. */
  at: string;
  /** Host folder. */
  hostDir: string;
  readOnly: boolean;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** Splits an absolute board path into its components, resolving `.` and `..`. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out;
}

class MemFileHandle implements FileHandle {
  private pos: number;
  private closed = false;
  constructor(
    private readonly file: MemFile,
    private readonly mode: OpenMode,
  ) {
    this.pos = mode.append ? file.size : 0;
  }

  private check(): void {
    if (this.closed) throw new FsError(EBADF);
  }

  read(n: number): Uint8Array {
    this.check();
    if (!this.mode.read) throw new FsError(EBADF);
    const end = n < 0 ? this.file.size : Math.min(this.file.size, this.pos + n);
    const out = this.file.data.slice(this.pos, Math.max(this.pos, end));
    this.pos += out.length;
    return out;
  }

  write(data: Uint8Array): number {
    this.check();
    if (!this.mode.write) throw new FsError(EBADF);
    if (this.mode.append) this.pos = this.file.size;
    const end = this.pos + data.length;
    if (end > this.file.data.length) {
      const grown = new Uint8Array(Math.max(end, this.file.data.length * 2));
      grown.set(this.file.data.subarray(0, this.file.size));
      this.file.data = grown;
    }
    // A write past the end leaves a hole of zeros (not stale bytes).
    if (this.pos > this.file.size) {
      this.file.data.fill(0, this.file.size, this.pos);
    }
    this.file.data.set(data, this.pos);
    this.pos = end;
    if (end > this.file.size) this.file.size = end;
    this.file.mtime = now();
    return data.length;
  }

  seek(offset: number, whence: number): number {
    this.check();
    const base = whence === 0 ? 0 : whence === 1 ? this.pos : this.file.size;
    const p = base + offset;
    if (p < 0) throw new FsError(EINVAL);
    this.pos = p;
    return p;
  }

  tell(): number {
    this.check();
    return this.pos;
  }

  flush(): void {}

  close(): void {
    this.closed = true;
  }
}

class HostFileHandle implements FileHandle {
  private closed = false;
  private pos: number;
  constructor(
    private readonly fd: number,
    private readonly mode: OpenMode,
  ) {
    this.pos = mode.append ? nodeFs.fstatSync(fd).size : 0;
  }

  private check(): void {
    if (this.closed) throw new FsError(EBADF);
  }

  read(n: number): Uint8Array {
    this.check();
    if (!this.mode.read) throw new FsError(EBADF);
    const size = nodeFs.fstatSync(this.fd).size;
    const want = n < 0 ? Math.max(0, size - this.pos) : n;
    const buf = new Uint8Array(want);
    const got = want === 0
      ? 0
      : nodeFs.readSync(this.fd, buf, 0, want, this.pos);
    this.pos += got;
    return buf.subarray(0, got);
  }

  write(data: Uint8Array): number {
    this.check();
    if (!this.mode.write) throw new FsError(EBADF);
    if (this.mode.append) this.pos = nodeFs.fstatSync(this.fd).size;
    const n = nodeFs.writeSync(this.fd, data, 0, data.length, this.pos);
    this.pos += n;
    return n;
  }

  seek(offset: number, whence: number): number {
    this.check();
    const base = whence === 0
      ? 0
      : whence === 1
      ? this.pos
      : nodeFs.fstatSync(this.fd).size;
    const p = base + offset;
    if (p < 0) throw new FsError(EINVAL);
    this.pos = p;
    return p;
  }

  tell(): number {
    this.check();
    return this.pos;
  }

  flush(): void {}

  close(): void {
    if (!this.closed) nodeFs.closeSync(this.fd);
    this.closed = true;
  }
}

function hostErrno(e: unknown): FsError {
  const code = (e as { code?: string }).code;
  switch (code) {
    case "ENOENT":
      return new FsError(ENOENT);
    case "EEXIST":
      return new FsError(EEXIST);
    case "ENOTDIR":
      return new FsError(ENOTDIR);
    case "EISDIR":
      return new FsError(EISDIR);
    case "ENOTEMPTY":
      return new FsError(ENOTEMPTY);
    case "EACCES":
    case "EPERM":
      return new FsError(EACCES);
    default:
      return new FsError(EIO);
  }
}

/** The board's file system with its mount table. */
export class BoardFilesystem implements Filesystem {
  private readonly root: MemDir = {
    kind: EntryKind.Dir,
    entries: new Map(),
    mtime: now(),
  };
  private readonly mounts: Mount[] = [];

  constructor() {
    this.mkdir("/lib");
  }

  /** Mounts a host folder at a board path (creating the mount point). */
  mount(mount: Mount): void {
    this.mounts.push(mount);
    this.mounts.sort((a, b) => b.at.length - a.at.length);
  }

  /** The board path a host path appears at, or null when no mount covers it. */
  boardPathOf(hostPath: string): string | null {
    const abs = nodePath.resolve(hostPath);
    for (const m of this.mounts) {
      const rel = nodePath.relative(m.hostDir, abs);
      if (rel === "" || (!rel.startsWith("..") && !nodePath.isAbsolute(rel))) {
        const parts = rel === "" ? [] : rel.split(nodePath.sep);
        return [m.at, ...parts].join("/").replace(/\/+$/, "") || "/";
      }
    }
    return null;
  }

  private resolveMount(
    path: string,
  ): { mount: Mount; hostPath: string } | null {
    const parts = splitPath(path);
    for (const m of this.mounts) {
      const mp = splitPath(m.at);
      if (mp.length <= parts.length && mp.every((p, i) => p === parts[i])) {
        return {
          mount: m,
          hostPath: nodePath.join(m.hostDir, ...parts.slice(mp.length)),
        };
      }
    }
    return null;
  }

  private memLookup(parts: string[]): MemNode | undefined {
    let node: MemNode = this.root;
    for (const p of parts) {
      if (node.kind !== EntryKind.Dir) return undefined;
      const next = node.entries.get(p);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  private memParent(path: string): { dir: MemDir; name: string } {
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined) throw new FsError(EINVAL);
    const dir = this.memLookup(parts);
    if (dir === undefined) throw new FsError(ENOENT);
    if (dir.kind !== EntryKind.Dir) throw new FsError(ENOTDIR);
    return { dir, name };
  }

  private mountPointsIn(path: string): string[] {
    const parts = splitPath(path);
    const out: string[] = [];
    for (const m of this.mounts) {
      const mp = splitPath(m.at);
      if (
        mp.length === parts.length + 1 && parts.every((p, i) => p === mp[i])
      ) {
        out.push(mp[mp.length - 1]);
      }
    }
    return out;
  }

  stat(path: string): FileStat {
    const m = this.resolveMount(path);
    if (m !== null) {
      try {
        const st = nodeFs.statSync(m.hostPath);
        return {
          kind: st.isDirectory() ? EntryKind.Dir : EntryKind.File,
          size: st.isDirectory() ? 0 : st.size,
          mtime: Math.floor(st.mtimeMs / 1000),
        };
      } catch (e) {
        throw hostErrno(e);
      }
    }
    const node = this.memLookup(splitPath(path));
    if (node === undefined) {
      if (this.mountPointsIn(path).length > 0) {
        return { kind: EntryKind.Dir, size: 0, mtime: 0 };
      }
      throw new FsError(ENOENT);
    }
    return {
      kind: node.kind,
      size: node.kind === EntryKind.File ? node.size : 0,
      mtime: node.mtime,
    };
  }

  listdir(path: string): string[] {
    const m = this.resolveMount(path);
    if (m !== null) {
      try {
        return nodeFs.readdirSync(m.hostPath).sort();
      } catch (e) {
        throw hostErrno(e);
      }
    }
    const node = this.memLookup(splitPath(path));
    if (node === undefined) throw new FsError(ENOENT);
    if (node.kind !== EntryKind.Dir) throw new FsError(ENOTDIR);
    const names = [...node.entries.keys()];
    for (const mp of this.mountPointsIn(path)) {
      if (!names.includes(mp)) names.push(mp);
    }
    return names;
  }

  open(path: string, mode: OpenMode): FileHandle {
    const m = this.resolveMount(path);
    if (m !== null) {
      if (m.mount.readOnly && mode.write) throw new FsError(EACCES);
      let flags = mode.read && mode.write ? "r+" : mode.write ? "w" : "r";
      if (mode.write && mode.create && !mode.truncate) {
        flags = mode.read ? "a+" : "a";
      } else if (mode.write && mode.truncate) {
        flags = mode.read ? "w+" : "w";
      }
      try {
        if (
          nodeFs.statSync(m.hostPath, { throwIfNoEntry: false })?.isDirectory()
        ) {
          throw new FsError(EISDIR);
        }
        return new HostFileHandle(nodeFs.openSync(m.hostPath, flags), mode);
      } catch (e) {
        if (e instanceof FsError) throw e;
        throw hostErrno(e);
      }
    }
    const { dir, name } = this.memParent(path);
    let node = dir.entries.get(name);
    if (node === undefined) {
      if (!mode.create) throw new FsError(ENOENT);
      node = {
        kind: EntryKind.File,
        data: new Uint8Array(0),
        size: 0,
        mtime: now(),
      };
      dir.entries.set(name, node);
    }
    if (node.kind !== EntryKind.File) throw new FsError(EISDIR);
    if (mode.truncate) node.size = 0;
    return new MemFileHandle(node, mode);
  }

  mkdir(path: string): void {
    const m = this.resolveMount(path);
    if (m !== null) {
      if (m.mount.readOnly) throw new FsError(EACCES);
      try {
        nodeFs.mkdirSync(m.hostPath);
        return;
      } catch (e) {
        throw hostErrno(e);
      }
    }
    const { dir, name } = this.memParent(path);
    if (dir.entries.has(name)) throw new FsError(EEXIST);
    dir.entries.set(name, {
      kind: EntryKind.Dir,
      entries: new Map(),
      mtime: now(),
    });
  }

  remove(path: string): void {
    const m = this.resolveMount(path);
    if (m !== null) {
      if (m.mount.readOnly) throw new FsError(EACCES);
      try {
        nodeFs.unlinkSync(m.hostPath);
        return;
      } catch (e) {
        throw hostErrno(e);
      }
    }
    const { dir, name } = this.memParent(path);
    const node = dir.entries.get(name);
    if (node === undefined) throw new FsError(ENOENT);
    if (node.kind === EntryKind.Dir) throw new FsError(EISDIR);
    dir.entries.delete(name);
  }

  rmdir(path: string): void {
    const m = this.resolveMount(path);
    if (m !== null) {
      if (m.mount.readOnly) throw new FsError(EACCES);
      try {
        nodeFs.rmdirSync(m.hostPath);
        return;
      } catch (e) {
        throw hostErrno(e);
      }
    }
    const { dir, name } = this.memParent(path);
    const node = dir.entries.get(name);
    if (node === undefined) throw new FsError(ENOENT);
    if (node.kind !== EntryKind.Dir) throw new FsError(ENOTDIR);
    if (node.entries.size > 0) throw new FsError(ENOTEMPTY);
    dir.entries.delete(name);
  }

  rename(from: string, to: string): void {
    const a = this.resolveMount(from);
    const b = this.resolveMount(to);
    if (a !== null || b !== null) {
      if (a === null || b === null || a.mount !== b.mount) {
        throw new FsError(EINVAL);
      }
      if (a.mount.readOnly) throw new FsError(EACCES);
      try {
        nodeFs.renameSync(a.hostPath, b.hostPath);
        return;
      } catch (e) {
        throw hostErrno(e);
      }
    }
    const src = this.memParent(from);
    const node = src.dir.entries.get(src.name);
    if (node === undefined) throw new FsError(ENOENT);
    const dst = this.memParent(to);
    src.dir.entries.delete(src.name);
    dst.dir.entries.set(dst.name, node);
  }

  statvfs(_path: string): { blockSize: number; blocks: number; free: number } {
    return { blockSize: 4096, blocks: 352, free: 352 };
  }
}
