/**
 * `binascii` (`extmod/modbinascii.c`): hex and base64 conversions and
 * CRC-32, with MicroPython's lenient base64 decoder (characters outside the
 * alphabet are skipped) and its error messages.
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import { valueError } from "./exc.ts";
import {
  bufferOf,
  checkArgs,
  emptyBytes,
  intResult,
  newBytes,
  parseArgs,
  toUint32Truncated,
} from "./mod_support.ts";
import { isTrue } from "./runtime.ts";

const HEX = "0123456789abcdef";

/** Hex digits of `data`, with an optional one-byte separator between bytes. */
export function hexBytes(data: Uint8Array, sep: number): Uint8Array {
  if (data.length === 0) return data;
  const withSep = sep >= 0;
  const out = new Uint8Array(data.length * 2 + (withSep ? data.length - 1 : 0));
  let j = 0;
  for (let i = 0; i < data.length; i++) {
    if (withSep && i > 0) out[j++] = sep;
    out[j++] = HEX.charCodeAt(data[i] >> 4);
    out[j++] = HEX.charCodeAt(data[i] & 15);
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Bytes from hex digit pairs; whitespace may separate the pairs. */
export function unhexBytes(text: Uint8Array): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  let n = 0;
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const hi = hexValue(text[i]);
    const lo = i + 1 < text.length ? hexValue(text[i + 1]) : -1;
    if (hi < 0 || lo < 0) throw valueError("non-hex digit");
    out[n++] = (hi << 4) | lo;
    i += 2;
  }
  return out.slice(0, n);
}

function sextet(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43) return 62;
  if (c === 47) return 63;
  return -1;
}

/** Decodes base64, skipping characters outside the alphabet. */
export function decodeBase64(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.floor((data.length * 3) / 4) + 1);
  let n = 0;
  let shift = 0;
  let nbits = 0;
  let hadPad = false;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 61) { // '='
      if (nbits === 2 || (nbits === 4 && hadPad)) {
        nbits = 0;
        break;
      }
      hadPad = true;
    }
    const s = sextet(data[i]);
    if (s < 0) continue;
    hadPad = false;
    shift = ((shift << 6) | s) & 0xffffff;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out[n++] = (shift >> nbits) & 0xff;
    }
  }
  if (nbits !== 0) throw valueError("incorrect padding");
  return out.slice(0, n);
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Encodes base64 with padding, and a newline at the end when asked. */
export function encodeBase64(data: Uint8Array, newline: boolean): Uint8Array {
  const len = data.length === 0
    ? 0
    : (Math.floor((data.length - 1) / 3) + 1) * 4;
  const out = new Uint8Array(len + (newline ? 1 : 0));
  let j = 0;
  let i = 0;
  for (; i + 3 <= data.length; i += 3) {
    const v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out[j++] = B64.charCodeAt(v >> 18);
    out[j++] = B64.charCodeAt((v >> 12) & 63);
    out[j++] = B64.charCodeAt((v >> 6) & 63);
    out[j++] = B64.charCodeAt(v & 63);
  }
  const rest = data.length - i;
  if (rest > 0) {
    const v = (data[i] << 16) | (rest === 2 ? data[i + 1] << 8 : 0);
    out[j++] = B64.charCodeAt(v >> 18);
    out[j++] = B64.charCodeAt((v >> 12) & 63);
    out[j++] = rest === 2 ? B64.charCodeAt((v >> 6) & 63) : 61;
    out[j++] = 61;
  }
  if (newline) out[j] = 10;
  return out;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE) of `data`, continuing from `crc`. */
export function crc32(data: Uint8Array, crc = 0): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) {
    c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

defineModule("binascii", (dict) => {
  defineFunction(dict, "hexlify", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    const data = bufferOf(args[0]);
    if (data.length === 0) return emptyBytes();
    let sep = -1;
    if (args.length > 1) {
      const s = bufferOf(args[1]);
      sep = s.length > 0 ? s[0] : 0;
    }
    return newBytes(hexBytes(data, sep));
  });
  defineFunction(dict, "unhexlify", (args, kw) => {
    checkArgs(args, kw, 1);
    return newBytes(unhexBytes(bufferOf(args[0])));
  });
  defineFunction(dict, "a2b_base64", (args, kw) => {
    checkArgs(args, kw, 1);
    return newBytes(decodeBase64(bufferOf(args[0])));
  });
  defineFunction(dict, "b2a_base64", (args, kw) => {
    checkArgs(args.slice(0, 1), null, 1);
    const [newline] = parseArgs(args, kw, [{ name: "newline" }], 1);
    const nl = newline === undefined ? true : isTrue(newline);
    return newBytes(encodeBase64(bufferOf(args[0]), nl));
  });
  defineFunction(dict, "crc32", (args, kw) => {
    checkArgs(args, kw, 1, 2);
    const data = bufferOf(args[0]);
    const start = args.length > 1 ? toUint32Truncated(args[1]) : 0;
    return intResult(crc32(data, start));
  });
}, { extensible: true });
