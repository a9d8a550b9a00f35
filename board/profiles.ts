/**
 * Board profiles: what a board gives MicroPython — word size, GC heap size,
 * float precision, C stack, and the identity it reports.
 *
 * The `rp2040` heap: the rp2 port gives the GC every byte of the 256 KiB
 * `RAM` region left after `.data` and `.bss` (heap end 0x2004_0000; the size
 * is fixed at link time, not in the source — BOARD_RP2040.md §2.3). The one
 * figure in the port's history is a Pico W heap of 192 448 bytes; a plain
 * Pico has no Wi-Fi driver or network stack in `.bss`, and a Pico running
 * v1.20 reports `gc.mem_free()` = 215 904 after a collection at the REPL
 * (micropython/micropython issue 12557), i.e. a pool of about 218 KiB once
 * the REPL's own allocations are added back. upy uses a region of 223 744
 * bytes (218.5 KiB), whose pool is 218 560 bytes (`GC: total: 218560`).
 *
 * @module
 */

/** One simulated board. */
export interface BoardProfile {
  /** Name used with `--board`. */
  name: string;
  /** One line for `upy boards`. */
  description: string;
  /** Bits in a machine word (32 on every board here). */
  wordBits: 32;
  /** Bytes of the GC heap region (before the allocation table is carved out). */
  heapBytes: number;
  /** Address one past the end of the heap region (the block map prints addresses from it). */
  heapEnd: number;
  /** Float precision: 64 (double) or 32 (single). */
  floatBits: 32 | 64;
  /** C stack bytes MicroPython may use (`stack: N out of LIMIT`). */
  stackLimit: number;
  /** The unix port's `m_malloc` counters (`mem: total=…` in `mem_info`). */
  memStats: boolean;
  /**
   * Strings the port interns in RAM while starting up (names not among the
   * firmware's built-in ones: the unix port's `sys.path` entries).
   */
  startupQstrs: readonly string[];
  /**
   * Objects the port's start-up leaves on the heap for good, in bytes: the
   * file system mounted at `/` (unix: a VfsPosix object and its mount-table
   * entry; rp2: `_boot.py`'s flash block device, a LittleFS object with its
   * read, program and lookahead caches, and the mount entry — an estimate).
   */
  startupAllocs: readonly number[];
  /** `sys.platform`. */
  platform: string;
  /** `sys.implementation._machine` and `os.uname().machine`. */
  machine: string;
  /** `sys.implementation._build`. */
  build: string;
}

/** Every board upy simulates; the first is the default. */
export const BOARDS: readonly BoardProfile[] = [
  {
    name: "host",
    description:
      "a 32-bit MicroPython (the unix port's heap layout) with room for everyday scripts",
    wordBits: 32,
    heapBytes: 8 * 1024 * 1024,
    heapEnd: 0x20000000 + 8 * 1024 * 1024,
    floatBits: 64,
    stackLimit: 40000,
    // The unix port's `mem:` counters cost time on every allocation; the
    // host board prints what MCU ports print.
    memStats: false,
    startupQstrs: [".frozen", "/lib"],
    startupAllocs: [32, 16],
    platform: "linux",
    machine: "upy simulated board (32-bit host profile)",
    build: "standard",
  },
  {
    name: "rp2040",
    description:
      "Raspberry Pi Pico (RP2040): its heap, single-precision floats",
    wordBits: 32,
    heapBytes: 223744,
    heapEnd: 0x20040000,
    floatBits: 32,
    stackLimit: 7936,
    memStats: false,
    startupQstrs: [],
    startupAllocs: [16, 224, 256, 256, 32, 16],
    platform: "rp2",
    machine: "Raspberry Pi Pico with RP2040",
    build: "RPI_PICO",
  },
];

/** The board called `name`, or undefined. */
export function findBoard(name: string): BoardProfile | undefined {
  return BOARDS.find((b) => b.name === name);
}
