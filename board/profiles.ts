/**
 * Board profiles: what a board gives MicroPython — word size, GC heap size,
 * float precision and the identity it reports.
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
  /** Float precision: 64 (double) or 32 (single). */
  floatBits: 32 | 64;
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
    description: "a 32-bit MicroPython with room for everyday scripts",
    wordBits: 32,
    heapBytes: 8 * 1024 * 1024,
    floatBits: 64,
    platform: "linux",
    machine: "upy simulated board (32-bit host profile)",
    build: "standard",
  },
  {
    name: "rp2040",
    description:
      "Raspberry Pi Pico (RP2040): its heap, single-precision floats",
    wordBits: 32,
    heapBytes: 192 * 1024,
    floatBits: 32,
    platform: "rp2",
    machine: "Raspberry Pi Pico with RP2040",
    build: "RPI_PICO",
  },
];

/** The board called `name`, or undefined. */
export function findBoard(name: string): BoardProfile | undefined {
  return BOARDS.find((b) => b.name === name);
}
