/**
 * Text helpers shared by str and bytes (`py/unicode.c`, the quoting of
 * `py/objstr.c`): UTF-8 encoding and MicroPython's lenient UTF-8 check,
 * code-point indexing of JavaScript strings (which hold UTF-16), and the
 * quoting rules of `repr`.
 *
 * A str is a JavaScript string; a code point above U+FFFF is a surrogate
 * pair and counts as one character. Strings without surrogates (almost all
 * of them) index by code unit directly; the check is cached for the string
 * seen last, so a loop indexing one long string stays linear.
 *
 * @module
 */

let lastChecked = "";
let lastHasSurrogates = false;

/** True when `s` holds any surrogate code unit (so code points ≠ code units). */
export function hasSurrogates(s: string): boolean {
  const n = s.length;
  if (n < 16) {
    for (let i = 0; i < n; i++) {
      if ((s.charCodeAt(i) & 0xf800) === 0xd800) return true;
    }
    return false;
  }
  if (s === lastChecked) return lastHasSurrogates;
  let found = false;
  for (let i = 0; i < n; i++) {
    if ((s.charCodeAt(i) & 0xf800) === 0xd800) {
      found = true;
      break;
    }
  }
  lastChecked = s;
  lastHasSurrogates = found;
  return found;
}

function isPair(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Number of code points of `s`. */
export function cpLength(s: string): number {
  if (!hasSurrogates(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (isPair(s, i)) i++;
    n++;
  }
  return n;
}

/** The code-unit offset of code point `cp` (0 ≤ cp ≤ length) in `s`. */
export function cpToOffset(s: string, cp: number): number {
  if (!hasSurrogates(s)) return cp;
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) i += isPair(s, i) ? 2 : 1;
  return i;
}

/** The code-point index of code-unit offset `off` in `s`. */
export function offsetToCp(s: string, off: number): number {
  if (!hasSurrogates(s)) return off;
  let n = 0;
  for (let i = 0; i < off && i < s.length; i++) {
    if (isPair(s, i)) i++;
    n++;
  }
  return n;
}

/** The code units of the code point starting at offset `i`. */
export function cpAt(s: string, i: number): string {
  return isPair(s, i) ? s.slice(i, i + 2) : s.charAt(i);
}

/** Splits a str into its characters (code points). */
export function chars(s: string): string[] {
  if (!hasSurrogates(s)) return s.split("");
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (isPair(s, i)) {
      out.push(s.slice(i, i + 2));
      i++;
    } else {
      out.push(s.charAt(i));
    }
  }
  return out;
}

/** True when every char of `s` is ASCII. */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Number of UTF-8 bytes of `s` (a lone surrogate takes 3, as MicroPython stores it). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      if (c < 0x800) n += 1;
      else if (isPair(s, i)) {
        n += 2;
        i++;
      } else n += 2;
    }
  }
  return n;
}

/** The UTF-8 bytes of a str. */
export function utf8Encode(s: string): Uint8Array {
  const out = new Uint8Array(utf8Length(s));
  if (out.length === s.length) {
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[j++] = c;
    } else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else if (isPair(s, i)) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
      i++;
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 0x3f);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    } else {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    }
  }
  return out;
}

/**
 * Decodes UTF-8 as MicroPython does (`utf8_check` then code points): the
 * structure must be valid (lead byte, then the right number of continuation
 * bytes); overlong forms and surrogates pass. Returns null when invalid.
 */
export function utf8Decode(
  b: Uint8Array,
  start = 0,
  end = b.length,
): string | null {
  let s = "";
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      // Runs of ASCII in one go.
      let j = i + 1;
      while (j < end && b[j] < 0x80) j++;
      s += latin1(b, i, j);
      i = j;
      continue;
    }
    let need: number;
    let cp: number;
    if (c >= 0xf8 || c < 0xc0) return null;
    if (c >= 0xf0) {
      need = 3;
      cp = c & 0x07;
    } else if (c >= 0xe0) {
      need = 2;
      cp = c & 0x0f;
    } else {
      need = 1;
      cp = c & 0x1f;
    }
    if (i + need >= end) return null;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if ((d & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (d & 0x3f);
    }
    i += need + 1;
    s += cp > 0x10ffff ? "\ufffd" : String.fromCodePoint(cp);
  }
  return s;
}

/** Bytes as a string of the same char codes (one char per byte). */
export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  let s = "";
  const CHUNK = 8192;
  for (let i = start; i < end; i += CHUNK) {
    const j = i + CHUNK < end ? i + CHUNK : end;
    s += String.fromCharCode.apply(
      null,
      b.subarray(i, j) as unknown as number[],
    );
  }
  return s;
}

/** The bytes of a one-char-per-byte string (inverse of {@link latin1}). */
export function fromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The quote `repr` uses: `"` when the text has `'` and no `"`, else `'`. */
function quoteChar(s: string): string {
  let single = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return "'";
    if (c === 0x27) single = true;
  }
  return single ? '"' : "'";
}

const HEX = "0123456789abcdef";

function hex2(c: number): string {
  return "\\x" + HEX[c >> 4] + HEX[c & 15];
}

/**
 * `repr` of a str: quotes, backslash escapes for `\\`, the quote, `\n`,
 * `\r`, `\t` and other control characters (`\xNN`); non-ASCII text is
 * printed as is.
 */
export function quoteStr(s: string): string {
  const q = quoteChar(s);
  const qc = q.charCodeAt(0);
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c || c === qc) {
      clean = false;
      break;
    }
  }
  if (clean) return q + s + q;
  let out = q;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === qc) out += "\\" + q;
    else if (c === 0x5c) out += "\\\\";
    else if (c >= 0x20 && c !== 0x7f) out += s.charAt(i);
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else out += hex2(c);
  }
  return out + q;
}

/** `repr` body of bytes: `b` is added by the caller; non-ASCII bytes print as `\xNN`. */
export function quoteBytes(b: Uint8Array, length = b.length): string {
  let single = false;
  let double = false;
  for (let i = 0; i < length && !double; i++) {
    if (b[i] === 0x27) single = true;
    else if (b[i] === 0x22) double = true;
  }
  const qc = single && !double ? 0x22 : 0x27;
  const q = String.fromCharCode(qc);
  let out = q;
  for (let i = 0; i < length; i++) {
    const c = b[i];
    if (c === qc) out += "\\" + q;
    else if (c === 0x5c) out += "\\\\";
    else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else out += hex2(c);
  }
  return out + q;
}

/** Compares two strs by code point (JavaScript compares UTF-16 units). */
export function compareStr(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // Surrogates (astral code points) sort after every BMP char.
      if (x >= 0xd800 && x <= 0xdfff) x += 0x2800;
      if (y >= 0xd800 && y <= 0xdfff) y += 0x2800;
      return x < y ? -1 : 1;
    }
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
