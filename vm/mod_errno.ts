/**
 * `errno` (`py/moderrno.c`): the error numbers MicroPython names (the
 * Linux values, as the unix port and most boards use) and `errorcode`, a
 * dict from number to name in MicroPython's listing order.
 *
 * @module
 */

import { defineModule } from "./builtins.ts";
import { PyMap } from "./map.ts";
import { PyDict } from "./obj.ts";

/** The named error numbers, in the order MicroPython lists them. */
export const ERRNO_NAMES: readonly (readonly [string, number])[] = [
  ["EPERM", 1],
  ["ENOENT", 2],
  ["EIO", 5],
  ["EBADF", 9],
  ["EAGAIN", 11],
  ["ENOMEM", 12],
  ["EACCES", 13],
  ["EEXIST", 17],
  ["ENODEV", 19],
  ["EISDIR", 21],
  ["EINVAL", 22],
  ["EOPNOTSUPP", 95],
  ["EADDRINUSE", 98],
  ["ECONNABORTED", 103],
  ["ECONNRESET", 104],
  ["ENOBUFS", 105],
  ["ENOTCONN", 107],
  ["ETIMEDOUT", 110],
  ["ECONNREFUSED", 111],
  ["EHOSTUNREACH", 113],
  ["EALREADY", 114],
  ["EINPROGRESS", 115],
];

defineModule("errno", (dict) => {
  for (const [name, code] of ERRNO_NAMES) dict.set(name, code);
  // A ROM table on the board: ordered as listed, costing no RAM.
  const table = new PyMap(0, 8, true);
  for (const [name, code] of ERRNO_NAMES) table.set(code, name);
  const errorcode = new PyDict(table);
  errorcode.h = 0;
  dict.set("errorcode", errorcode);
}, { extensible: true });
