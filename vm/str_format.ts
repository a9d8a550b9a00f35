/**
 * Text formatting as MicroPython does it (`py/mpprint.c` and the formatting
 * parts of `py/objstr.c`): padding, the `%` operator of str and bytes, and
 * `str.format` with its format-spec mini-language — including MicroPython's
 * own rules where they differ from CPython's (`%` floats are limited to a
 * 32-byte buffer, `{:,}` grouping pads zeros in groups, `'%-05d'` pads with
 * zeros on the right, …).
 *
 * Widths and precisions count characters (code points).
 *
 * @module
 */

import { newStr } from "./alloc.ts";
import {
  indexError,
  keyError,
  notImplementedError,
  typeError,
  valueError,
} from "./exc.ts";
import { floatIsSingle, floatValueMaybe, toFloat } from "./float_impl.ts";
import { formatFloat } from "../compiler/format_float.ts";
import { intFromFloat } from "./obj_int.ts";
import { UnaryOp } from "../compiler/mod.ts";
import {
  dictType,
  type KwArgs,
  PyBytes,
  PyDict,
  PyFloat,
  type PyObj,
  PyTuple,
  tupleType,
  typeOf,
} from "./obj.ts";
import { print, repr, str } from "./runtime.ts";
import { toMachineInt } from "./sequence.ts";
import {
  cpLength,
  cpToOffset,
  fromLatin1,
  latin1,
  utf8Decode,
  utf8Encode,
  utf8Length,
} from "./unicode.ts";
import { PrintKind } from "./obj.ts";

/** Print flags (`PF_FLAG_*`). */
export const enum PF {
  LeftAdjust = 0x001,
  ShowSign = 0x002,
  SpaceSign = 0x004,
  ShowPrefix = 0x008,
  PadAfterSign = 0x010,
  CenterAdjust = 0x020,
  AddPercent = 0x040,
  ShowOctalLetter = 0x080,
  AlwaysDecimal = 0x100,
}

/** Bit position of the grouping character (`,` or `_`) within the flags. */
const SEP_POS = 9;

/** How a piece of text is padded to a width (`mp_print_strn`). */
export interface PadOptions {
  flags: number;
  /** One character; "" means space. */
  fill: string;
  width: number;
  /** `s` holds one char per byte (bytes formatting), not code points. */
  byteText?: boolean;
}

/**
 * Pads `s` to `width` as `mp_print_strn` does: the width counts bytes, so a
 * non-ASCII character takes the room of its UTF-8 length.
 */
export function padStr(s: string, o: PadOptions): string {
  let width = o.width;
  let pad = width - (o.byteText === true ? s.length : utf8Length(s));
  const fill = o.fill === "" ? " " : o.fill;
  const grouping = o.flags >> SEP_POS;
  let unit = fill;
  let unitLen = 1;
  if (fill === "0" && grouping !== 0) {
    // Zeros that continue the digit grouping: "000," or "0000_" repeated.
    const pattern = grouping === 0x5f ? "0000_000" : "000,00";
    unitLen = grouping === 0x5f ? 5 : 4;
    if (width % unitLen === 0) {
      pad++;
      width++;
    }
    const offset = unitLen - 1 - (width % unitLen);
    unit = pattern.slice(offset, offset + unitLen);
  }
  // The grouping adjustment above comes first: it can add one pad char to a
  // text that already fills the width.
  if (pad <= 0) return s;
  let left = 0;
  let right = 0;
  if ((o.flags & PF.CenterAdjust) !== 0) {
    left = pad >> 1;
    right = pad - left;
  } else if ((o.flags & PF.LeftAdjust) !== 0) {
    right = pad;
  } else {
    left = pad;
  }
  return repeatUnit(unit, unitLen, left) + s + repeatUnit(unit, unitLen, right);
}

function repeatUnit(unit: string, unitLen: number, n: number): string {
  if (n <= 0) return "";
  if (unitLen === 1) return unit.repeat(n);
  let out = "";
  while (n > 0) {
    const p = n < unitLen ? n : unitLen;
    out += unit.slice(0, p);
    n -= p;
  }
  return out;
}

/** Digits of an int in `base`, grouped with `comma` (every 3 digits in base 10, else 4). */
function intDigits(
  x: number | bigint,
  base: number,
  upper: boolean,
  comma: string,
): string {
  let s = typeof x === "number"
    ? Math.abs(x).toString(base)
    : (x < 0n ? -x : x).toString(base);
  if (upper) s = s.toUpperCase();
  if (comma !== "") {
    const group = base === 10 ? 3 : 4;
    let out = "";
    let n = 0;
    for (let i = s.length - 1; i >= 0; i--) {
      out = s[i] + out;
      if (++n === group && i > 0) {
        out = comma + out;
        n = 0;
      }
    }
    s = out;
  }
  return s;
}

/** An int argument for `%d`/`{:d}`: ints, bools and objects with `__int__`. */
export function intArg(v: PyObj): number | bigint {
  switch (typeof v) {
    case "number":
    case "bigint":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "object": {
      const t = v.type;
      if (t.unaryOp !== null) {
        const r = t.unaryOp(UnaryOp.IntMaybe, v);
        if (typeof r === "number" || typeof r === "bigint") return r;
        if (typeof r === "boolean") return r ? 1 : 0;
      }
    }
  }
  throw typeError(`can't convert ${typeOf(v).name} to int`);
}

/** How an int is printed (`mp_print_mp_int`). */
export interface IntFormatOptions {
  base: number;
  upper: boolean;
  flags: number;
  fill: string;
  width: number;
  prec: number;
}

/** Formats an int with flags, width and precision (`mp_print_mp_int`). */
export function formatInt(x: number | bigint, o: IntFormatOptions): string {
  let { flags, fill, width, prec } = o;
  if ((flags & (PF.LeftAdjust | PF.CenterAdjust)) === 0 && fill === "0") {
    if (prec > width) width = prec;
    prec = 0;
  }
  const neg = typeof x === "number" ? x < 0 : x < 0n;
  let prefix = "";
  if (!neg) {
    if ((flags & PF.ShowSign) !== 0) prefix += "+";
    else if ((flags & PF.SpaceSign) !== 0) prefix += " ";
  }
  if ((flags & PF.ShowPrefix) !== 0) {
    if (o.base === 2) prefix += o.upper ? "0B" : "0b";
    else if (o.base === 8) {
      prefix += "0";
      if ((flags & PF.ShowOctalLetter) !== 0) prefix += o.upper ? "O" : "o";
    } else if (o.base === 16) prefix += o.upper ? "0X" : "0x";
  }
  const comma = (flags >> SEP_POS) === 0
    ? ""
    : String.fromCharCode(flags >> SEP_POS);
  if (prec > 1) flags |= PF.PadAfterSign;
  const digits = intDigits(x, o.base, o.upper, comma);
  let body: string;
  let sign = "";
  if ((flags & PF.PadAfterSign) !== 0) {
    body = digits;
    if (neg) sign = "-";
  } else {
    body = (neg ? "-" : "") + prefix + digits;
  }
  let spacesBefore = 0;
  let spacesAfter = 0;
  if (prec > 1) {
    let precWidth = body.length < prec ? prec : body.length;
    if ((flags & PF.PadAfterSign) !== 0) {
      if (sign !== "") precWidth++;
      precWidth += prefix.length;
    }
    if (precWidth < width) {
      if ((flags & PF.LeftAdjust) !== 0) spacesAfter = width - precWidth;
      else spacesBefore = width - precWidth;
    }
    fill = "0";
    flags &= ~PF.LeftAdjust;
  }
  let out = spacesBefore > 0 ? " ".repeat(spacesBefore) : "";
  if ((flags & PF.PadAfterSign) !== 0) {
    if (sign !== "") {
      out += sign;
      width--;
    }
    if (prefix !== "") {
      out += prefix;
      width -= prefix.length;
    }
  }
  if (prec > 1) width = prec;
  out += padStr(body, { flags, fill, width });
  if (spacesAfter > 0) out += " ".repeat(spacesAfter);
  return out;
}

/** How a float is printed (`mp_print_float`). */
export interface FloatFormatOptions {
  fmt: string;
  flags: number;
  fill: string;
  width: number;
  prec: number;
}

/** Formats a float with flags, width and precision (`mp_print_float`). */
export function formatFloatFlags(f: number, o: FloatFormatOptions): string {
  const sign = (o.flags & PF.ShowSign) !== 0
    ? "+"
    : (o.flags & PF.SpaceSign) !== 0
    ? " "
    : "";
  let s = formatFloat(f, {
    fmt: o.fmt,
    prec: o.prec,
    sign,
    bufSize: 33,
    single: floatIsSingle(),
  });
  if ((o.flags & PF.AlwaysDecimal) !== 0 && !/[.en]/.test(s)) s += ".0";
  if ((o.flags & PF.AddPercent) !== 0) s += "%";
  let width = o.width;
  let head = "";
  if (
    (o.flags & PF.PadAfterSign) !== 0 && s.length > 0 && s.charCodeAt(0) < 0x30
  ) {
    head = s[0];
    s = s.slice(1);
    width--;
  }
  return head + padStr(s, { flags: o.flags, fill: o.fill, width });
}

// ---------------------------------------------------------------------------
// The % operator

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Converts text produced for a bytes pattern to one char per byte. */
function asBytesText(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return latin1(utf8Encode(s));
  }
  return s;
}

/**
 * `pattern % rhs` (`str_modulo_format`). For bytes, `pattern` and the result
 * hold one char per byte.
 */
export function percentFormat(
  pattern: string,
  rhs: PyObj,
  options: { bytes: boolean },
): string {
  const isBytes = options.bytes;
  let args: PyObj[];
  let dict: PyDict | null = null;
  const rt = typeOf(rhs);
  if (rt === tupleType) args = (rhs as PyTuple).items;
  else {
    args = [rhs];
    if (rt === dictType) dict = rhs as PyDict;
  }
  let argI = 0;
  let out = "";
  const top = pattern.length;
  let i = 0;
  const needMore = (): never => {
    throw typeError("format string needs more arguments");
  };
  while (i < top) {
    const pc = pattern.indexOf("%", i);
    if (pc < 0) {
      out += pattern.slice(i);
      break;
    }
    out += pattern.slice(i, pc);
    i = pc + 1;
    if (i >= top) throw valueError("incomplete format");
    if (pattern.charCodeAt(i) === 0x25) {
      out += "%";
      i++;
      continue;
    }
    let arg: PyObj | undefined = undefined;
    if (pattern.charCodeAt(i) === 0x28) {
      if (dict === null) throw typeError("format needs a dict");
      const close = pattern.indexOf(")", i + 1);
      if (close < 0) throw valueError("incomplete format key");
      let key = pattern.slice(i + 1, close);
      if (isBytes) key = new TextDecoder().decode(fromLatin1(key));
      const v = dict.map.get(key);
      if (v === undefined) throw keyError(key);
      arg = v;
      // A keyed argument still takes a place in the (one-item) argument list.
      argI++;
      i = close + 1;
    }
    let flags = 0;
    let fill = " ";
    let alt = 0;
    while (i < top) {
      const c = pattern.charCodeAt(i);
      if (c === 0x2d) flags |= PF.LeftAdjust;
      else if (c === 0x2b) flags |= PF.ShowSign;
      else if (c === 0x20) flags |= PF.SpaceSign;
      else if (c === 0x23) alt = PF.ShowPrefix;
      else if (c === 0x30) {
        flags |= PF.PadAfterSign;
        fill = "0";
      } else break;
      i++;
    }
    let width = 0;
    if (i < top) {
      if (pattern.charCodeAt(i) === 0x2a) {
        if (argI >= args.length) needMore();
        width = toMachineInt(intArg(args[argI++]));
        i++;
      } else {
        while (i < top && isDigit(pattern.charCodeAt(i))) {
          width = width * 10 + pattern.charCodeAt(i) - 0x30;
          i++;
        }
      }
    }
    let prec = -1;
    if (i < top && pattern.charCodeAt(i) === 0x2e) {
      i++;
      if (i < top) {
        if (pattern.charCodeAt(i) === 0x2a) {
          if (argI >= args.length) needMore();
          prec = toMachineInt(intArg(args[argI++]));
          i++;
        } else {
          prec = 0;
          while (i < top && isDigit(pattern.charCodeAt(i))) {
            prec = prec * 10 + pattern.charCodeAt(i) - 0x30;
            i++;
          }
        }
      }
    }
    if (i >= top) throw valueError("incomplete format");
    if (arg === undefined) {
      if (argI >= args.length) needMore();
      arg = args[argI++];
    }
    const spec = pattern[i];
    switch (spec) {
      case "c": {
        let ch: string;
        if (typeof arg === "string") {
          // One byte: a non-ASCII character (several UTF-8 bytes) is refused.
          if (utf8Length(arg) !== 1) throw typeError("%c needs int or char");
          ch = isBytes ? asBytesText(arg) : arg;
        } else if (
          typeof arg === "number" || typeof arg === "bigint" ||
          typeof arg === "boolean"
        ) {
          // In bytes an int is the byte itself, not a code point.
          ch = charOf(toMachineInt(intArg(arg)), isBytes);
        } else {
          throw typeError("integer needed");
        }
        out += padStr(ch, {
          flags,
          fill: " ",
          width,
          byteText: isBytes,
        });
        break;
      }
      case "d":
      case "i":
      case "u": {
        const v = arg instanceof PyFloat
          ? intFromFloat(arg.value)
          : intArg(arg);
        out += formatInt(v, {
          base: 10,
          upper: false,
          flags,
          fill,
          width,
          prec,
        });
        break;
      }
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G":
        out += formatFloatFlags(toFloat(arg), {
          fmt: spec,
          flags,
          fill,
          width,
          prec,
        });
        break;
      case "o":
        if (alt !== 0) flags |= PF.ShowPrefix | PF.ShowOctalLetter;
        out += formatInt(intArg(arg), {
          base: 8,
          upper: false,
          flags,
          fill,
          width,
          prec,
        });
        break;
      case "r":
      case "s": {
        let text: string;
        if (spec === "s" && isBytes && arg instanceof PyBytes) {
          text = latin1(arg.data);
        } else {
          text = print(arg, spec === "r" ? PrintKind.Repr : PrintKind.Str);
          if (isBytes) text = asBytesText(text);
        }
        if (prec >= 0 && prec < cpLength(text)) {
          text = text.slice(0, cpToOffset(text, prec));
        }
        out += padStr(text, { flags, fill: " ", width, byteText: isBytes });
        break;
      }
      case "x":
      case "X":
        out += formatInt(intArg(arg), {
          base: 16,
          upper: spec === "X",
          flags: flags | alt,
          fill,
          width,
          prec,
        });
        break;
      default: {
        const code = pattern.charCodeAt(i);
        throw valueError(
          `unsupported format character '${spec}' (0x${
            code.toString(16)
          }) at index ${i}`,
        );
      }
    }
    i++;
  }
  if (dict === null && argI !== args.length) {
    throw typeError("format string didn't convert all arguments");
  }
  return out;
}

function charOf(code: number, isBytes: boolean): string {
  if (isBytes) return String.fromCharCode(code & 0xff);
  // Checked as chr() checks its argument (same message).
  if (code < 0 || code > 0x10ffff) {
    throw valueError("char not in range(0x110000)");
  }
  return String.fromCodePoint(code);
}

// ---------------------------------------------------------------------------
// str.format

function isAlignment(c: string): boolean {
  return c === "<" || c === ">" || c === "=" || c === "^";
}

function isFormatType(c: string): boolean {
  return "bcdeEfFgGnosxX%".includes(c) && c !== "";
}

function looksInteger(v: PyObj): boolean {
  const t = typeof v;
  return t === "number" || t === "bigint" || t === "boolean";
}

function looksNumeric(v: PyObj): boolean {
  return looksInteger(v) || v instanceof PyFloat;
}

/** State of automatic field numbering across nested specs. */
interface FieldState {
  /** Next automatic index; -1 once manual numbering was used. */
  argI: number;
}

/** `fmt.format(*args, **kw)` (`mp_obj_str_format_helper`). */
export function strFormat(fmt: string, args: PyObj[], kw: KwArgs): string {
  return formatHelper(fmt, args, kw, { argI: 0 });
}

function formatHelper(
  fmt: string,
  args: PyObj[],
  kw: KwArgs,
  st: FieldState,
): string {
  let out = "";
  const top = fmt.length;
  for (let i = 0; i < top; i++) {
    let c = fmt[i];
    if (c === "}") {
      i++;
      if (i < top && fmt[i] === "}") {
        out += "}";
        continue;
      }
      throw valueError("single '}' encountered in format string");
    }
    if (c !== "{") {
      // Copy a run of plain text at once.
      let j = i + 1;
      while (j < top && fmt[j] !== "{" && fmt[j] !== "}") j++;
      out += fmt.slice(i, j);
      i = j - 1;
      continue;
    }
    i++;
    if (i < top && fmt[i] === "{") {
      out += "{";
      continue;
    }
    let fieldName: string | null = null;
    let conversion = "";
    let spec: string | null = null;
    if (i < top && fmt[i] !== "}" && fmt[i] !== "!" && fmt[i] !== ":") {
      const start = i;
      while (i < top && fmt[i] !== "}" && fmt[i] !== "!" && fmt[i] !== ":") i++;
      fieldName = fmt.slice(start, i);
    }
    if (i < top && fmt[i] === "!") {
      i++;
      if (i < top && (fmt[i] === "r" || fmt[i] === "s")) {
        conversion = fmt[i++];
      } else if (i < top) {
        throw valueError(`unknown conversion specifier ${fmt[i]}`);
      } else {
        throw valueError(
          "end of format while looking for conversion specifier",
        );
      }
    }
    if (i < top && fmt[i] === ":") {
      i++;
      if (fmt[i] !== "}") {
        const start = i;
        let nest = 1;
        while (i < top) {
          c = fmt[i];
          if (c === "{") nest++;
          else if (c === "}" && --nest === 0) break;
          i++;
        }
        spec = fmt.slice(start, i);
      }
    }
    if (i >= top) throw valueError("unmatched '{' in format");
    if (fmt[i] !== "}") throw valueError("expected ':' after format specifier");
    let arg: PyObj;
    if (fieldName !== null) {
      const d = fieldName.charCodeAt(0);
      let rest: string;
      if (isDigit(d)) {
        if (st.argI > 0) {
          throw valueError(
            "can't switch from automatic field numbering to manual field specification",
          );
        }
        let j = 0;
        let index = 0;
        while (j < fieldName.length && isDigit(fieldName.charCodeAt(j))) {
          index = index * 10 + fieldName.charCodeAt(j) - 0x30;
          j++;
        }
        if (index >= args.length) throw indexError("tuple index out of range");
        arg = args[index];
        st.argI = -1;
        rest = fieldName.slice(j);
      } else {
        let j = 0;
        while (
          j < fieldName.length && fieldName[j] !== "." && fieldName[j] !== "["
        ) j++;
        const key = fieldName.slice(0, j);
        const v = kw === null ? undefined : kw.get(key);
        if (v === undefined) throw keyError(key);
        arg = v;
        rest = fieldName.slice(j);
      }
      if (rest !== "") throw notImplementedError("attributes not supported");
    } else {
      if (st.argI < 0) {
        throw valueError(
          "can't switch from manual field specification to automatic field numbering",
        );
      }
      if (st.argI >= args.length) throw indexError("tuple index out of range");
      arg = args[st.argI++];
    }
    if (spec === null && conversion === "") conversion = "s";
    if (conversion !== "") {
      // MicroPython prints a non-str (or a `!r`) field into a new str
      // object first: garbage once the result is built.
      if (typeof arg !== "string" || conversion === "r") {
        arg = newStr(conversion === "s" ? str(arg) : repr(arg));
      }
    }
    out += formatField(
      arg,
      spec === null ? null : formatHelper(spec, args, kw, st),
    );
  }
  return out;
}

/** Formats one value by a (fully expanded) format spec. */
function formatField(arg: PyObj, specText: string | null): string {
  let fill = "";
  let align = "";
  let width = -1;
  let precision = -1;
  let type = "";
  let flags = 0;
  let signChar = "";
  if (specText !== null) {
    // Parsed byte by byte: a non-ASCII character (even as the fill) makes
    // the spec invalid.
    const cs = Array.from(latin1(utf8Encode(specText)));
    let k = 0;
    const at = (n: number): string => (n < cs.length ? cs[n] : "");
    if (isAlignment(at(k))) {
      align = cs[k++];
    } else if (at(k) !== "" && isAlignment(at(k + 1))) {
      fill = cs[k++];
      align = cs[k++];
    }
    const sc = at(k);
    if (sc === "+" || sc === "-" || sc === " ") {
      signChar = sc;
      if (sc === "+") flags |= PF.ShowSign;
      else if (sc === " ") flags |= PF.SpaceSign;
      k++;
    }
    if (at(k) === "#") {
      flags |= PF.ShowPrefix;
      k++;
    }
    if (at(k) === "0") {
      if (align === "") align = looksNumeric(arg) ? "=" : "<";
      if (fill === "") fill = "0";
    }
    let w = 0;
    let haveW = false;
    while (isDigit(at(k).charCodeAt(0))) {
      w = w * 10 + at(k).charCodeAt(0) - 0x30;
      k++;
      haveW = true;
    }
    if (haveW) width = w;
    if (at(k) === "," || at(k) === "_") {
      flags |= at(k).charCodeAt(0) << SEP_POS;
      k++;
    }
    if (at(k) === ".") {
      k++;
      let p = 0;
      while (isDigit(at(k).charCodeAt(0))) {
        p = p * 10 + at(k).charCodeAt(0) - 0x30;
        k++;
      }
      precision = p;
    }
    if (isFormatType(at(k))) type = cs[k++];
    if (k < cs.length) throw valueError("invalid format specifier");
  }
  if (align === "") align = looksNumeric(arg) ? ">" : "<";
  if (fill === "") fill = " ";
  // A "-" sign is the default and does not count as a sign here.
  if (signChar === "+" || signChar === " ") {
    if (type === "s") {
      throw valueError("sign not allowed in string format specifier");
    }
    if (type === "c") {
      throw valueError("sign not allowed with integer format specifier 'c'");
    }
  }
  if (align === "<") flags |= PF.LeftAdjust;
  else if (align === "=") flags |= PF.PadAfterSign;
  else if (align === "^") flags |= PF.CenterAdjust;

  if (looksInteger(arg)) {
    const iv = intArg(arg);
    switch (type) {
      case "b":
        return formatInt(iv, {
          base: 2,
          upper: false,
          flags,
          fill,
          width,
          prec: 0,
        });
      case "c":
        return padStr(charOf(toMachineInt(iv), false), { flags, fill, width });
      case "":
      case "n":
      case "d":
        return formatInt(iv, {
          base: 10,
          upper: false,
          flags,
          fill,
          width,
          prec: 0,
        });
      case "o":
        if ((flags & PF.ShowPrefix) !== 0) flags |= PF.ShowOctalLetter;
        return formatInt(iv, {
          base: 8,
          upper: false,
          flags,
          fill,
          width,
          prec: 0,
        });
      case "x":
      case "X":
        return formatInt(iv, {
          base: 16,
          upper: type === "X",
          flags,
          fill,
          width,
          prec: 0,
        });
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G":
      case "%":
        break;
      default:
        throw unknownCode(type, arg);
    }
  }
  if (looksNumeric(arg)) {
    if (type === "" || type === "n") type = "g";
    const fv = floatValueMaybe(arg) as number;
    switch (type) {
      case "e":
      case "E":
      case "f":
      case "F":
      case "g":
      case "G":
        return formatFloatFlags(fv, {
          fmt: type,
          flags,
          fill,
          width,
          prec: precision,
        });
      case "%":
        return formatFloatFlags(fv * 100, {
          fmt: "f",
          flags: flags | PF.AddPercent,
          fill,
          width,
          prec: precision,
        });
    }
    throw unknownCode(type, arg);
  }
  if (align === "=") {
    throw valueError("'=' alignment not allowed in string format specifier");
  }
  if (type === "" || type === "s") {
    if (arg instanceof PyBytes) arg = bytesAsStr(arg.data);
    if (typeof arg !== "string") {
      throw typeError(
        `can't convert '${typeOf(arg).name}' object to str implicitly`,
      );
    }
    let s = arg;
    if (precision >= 0 && precision < cpLength(s)) {
      s = s.slice(0, cpToOffset(s, precision));
    }
    return padStr(s, { flags, fill, width });
  }
  throw unknownCode(type, arg);
}

/** Raw bytes placed in a str (as UTF-8 when they are valid, else one char per byte). */
function bytesAsStr(data: Uint8Array): string {
  return utf8Decode(data) ?? latin1(data);
}

function unknownCode(type: string, arg: PyObj): ReturnType<typeof valueError> {
  return valueError(
    `unknown format code '${type}' for object of type '${typeOf(arg).name}'`,
  );
}
