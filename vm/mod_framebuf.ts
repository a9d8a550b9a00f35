/**
 * `framebuf` (`extmod/modframebuf.c`): drawing into a buffer laid out in
 * one of the display formats MicroPython supports — MONO_VLSB, MONO_HLSB,
 * MONO_HMSB, RGB565, GS2_HMSB, GS4_HMSB and GS8 — with the same pixel
 * layouts, clipping and drawing algorithms (Bresenham lines, midpoint
 * ellipses, scan-line polygon fill), `blit` with a transparent key and a
 * palette, `scroll`, and `text` in MicroPython's 8×8 font.
 *
 * @module
 */

import { defineFunction, defineModule } from "./builtins.ts";
import {
  newException,
  TypeError,
  typeError,
  ValueError,
  valueError,
} from "./exc.ts";
import { BlockKind, heap } from "./heap.ts";
import {
  defineMethod,
  type KwArgs,
  makeType,
  None,
  PyList,
  type PyObj,
  PyObject,
  PyTuple,
  type PyType,
  TypeFlag,
} from "./obj.ts";
import { isTrue, typeName } from "./runtime.ts";
import { PyArray } from "./mod_array.ts";
import { readValue } from "./mod_struct.ts";
import { binarySize } from "./mod_struct.ts";
import { bufferOf, checkArgs, toMachineInt } from "./mod_support.ts";

/** MicroPython's 8×8 font (`font_petme128_8x8`): 8 column bytes per character 32…127, LSB at the top. */
const FONT_HEX = [
  "00000000000000000000004f4f0000000007070000070700147f7f14147f7f1400242e6b6b3a1200006333180c666300",
  "00327f4d4d777250000000040603010000001c3e63410000000041633e1c0000082a3e1c1c3e2a080008083e3e080800",
  "000080e0600000000008080808080800000000606000000000406030180c0602003e7f49457f3e000040447f7f404000",
  "00627351494f460000226349497f360000181814167f7f1000276745457d3900003e7f49497b3200000303797d070300",
  "00367f49497f360000266f49497f3e000000002424000000000080e46400000000081c36634141000014141414141400",
  "00414163361c080000020351590f0600003e7f414d4f2e00007c7e0b0b7e7c00007f7f49497f3600003e7f4141632200",
  "007f7f41633e1c00007f7f4949414100007f7f0909010100003e7f41497b3a00007f7f08087f7f000000417f7f410000",
  "002060417f3f0100007f7f1c36634100007f7f4040404000007f7f060c067f7f007f7f0e1c7f7f00003e7f41417f3e00",
  "007f7f09090f0600001e3f21617f5e00007f7f19396f460000266f49497b32000001017f7f010100003f7f40407f3f00",
  "001f3f60603f1f00007f7f3018307f7f0063771c1c77630000070f78780f0700006171594d47430000007f7f41410000",
  "0002060c18306040000041417f7f000000080c06060c0800c0c0c0c0c0c0c0c0000001030604000000207454547c7800",
  "007f7f44447c380000387c44446c280000387c44447f7f0000387c54545c580000087e7f090302000098bca4a4fc7c00",
  "007f7f04047c78000000007d7d0000000040c08080fd7d00007f7f30386c44000000417f7f400000007c7c1830187c7c",
  "007c7c04047c780000387c44447c380000fcfc24243c180000183c2424fcfc00007c7c04040c080000485c5454742000",
  "04043f7f44642000003c7c40407c3c00001c3c60603c1c00001c7c3018307c1c00446c38386c4400009cbca0a0fc7c00",
  "004464745c4c44000008083e77414100000000ffff000000004141773e0808000002030103020301aa55aa55aa55aa55",
].join("");

let font: Uint8Array | null = null;

function fontData(): Uint8Array {
  if (font === null) {
    font = new Uint8Array(FONT_HEX.length / 2);
    for (let i = 0; i < font.length; i++) {
      font[i] = parseInt(FONT_HEX.slice(2 * i, 2 * i + 2), 16);
    }
  }
  return font;
}

/** Pixel formats (the module's constants). */
const MVLSB = 0;
const RGB565 = 1;
const GS4_HMSB = 2;
const MHLSB = 3;
const MHMSB = 4;
const GS2_HMSB = 5;
const GS8 = 6;

/** `framebuf.FrameBuffer`. */
export const frameBufferType: PyType = makeType("FrameBuffer", {
  flags: TypeFlag.BaseType,
});

/** A frame buffer (`mp_obj_framebuf_t`): a view of another object's buffer. */
export class PyFrameBuffer extends PyObject {
  readonly bufObj: PyObj;
  readonly width: number;
  readonly height: number;
  readonly stride: number;
  readonly format: number;
  constructor(
    type: PyType,
    bufObj: PyObj,
    dims: { width: number; height: number; stride: number; format: number },
  ) {
    super(type);
    this.bufObj = bufObj;
    this.width = dims.width;
    this.height = dims.height;
    this.stride = dims.stride;
    this.format = dims.format;
    this.h = heap.alloc(20, BlockKind.Other);
  }

  /** The bytes drawn into (looked up each time: the owner may have moved them). */
  buf(): Uint8Array {
    return bufferOf(this.bufObj, true);
  }

  setPixel(b: Uint8Array, x: number, y: number, col: number): void {
    switch (this.format) {
      case MVLSB: {
        const i = (y >> 3) * this.stride + x;
        const off = y & 7;
        b[i] = (b[i] & ~(1 << off)) | ((col !== 0 ? 1 : 0) << off);
        return;
      }
      case MHLSB:
      case MHMSB: {
        const i = (x + y * this.stride) >> 3;
        const off = this.format === MHMSB ? x & 7 : 7 - (x & 7);
        b[i] = (b[i] & ~(1 << off)) | ((col !== 0 ? 1 : 0) << off);
        return;
      }
      case RGB565: {
        const i = 2 * (x + y * this.stride);
        b[i] = col & 0xff;
        b[i + 1] = (col >> 8) & 0xff;
        return;
      }
      case GS2_HMSB: {
        const i = (x + y * this.stride) >> 2;
        const shift = (x & 3) << 1;
        b[i] = ((col & 3) << shift) | (b[i] & ~(3 << shift));
        return;
      }
      case GS4_HMSB: {
        const i = (x + y * this.stride) >> 1;
        if (x % 2) b[i] = (col & 0x0f) | (b[i] & 0xf0);
        else b[i] = ((col << 4) & 0xff) | (b[i] & 0x0f);
        return;
      }
      default:
        b[x + y * this.stride] = col & 0xff;
    }
  }

  getPixel(b: Uint8Array, x: number, y: number): number {
    switch (this.format) {
      case MVLSB:
        return (b[(y >> 3) * this.stride + x] >> (y & 7)) & 1;
      case MHLSB:
      case MHMSB: {
        const i = (x + y * this.stride) >> 3;
        const off = this.format === MHMSB ? x & 7 : 7 - (x & 7);
        return (b[i] >> off) & 1;
      }
      case RGB565: {
        const i = 2 * (x + y * this.stride);
        return (b[i] | (b[i + 1] << 8)) >>> 0;
      }
      case GS2_HMSB:
        return (b[(x + y * this.stride) >> 2] >> ((x & 3) << 1)) & 3;
      case GS4_HMSB: {
        const v = b[(x + y * this.stride) >> 1];
        return x % 2 ? v & 0x0f : v >> 4;
      }
      default:
        return b[x + y * this.stride];
    }
  }

  /** Fills a rectangle already clipped to the buffer. */
  fillRectRaw(
    b: Uint8Array,
    x: number,
    y: number,
    w: number,
    h: number,
    col: number,
  ): void {
    for (let yy = y; yy < y + h; yy++) {
      for (let xx = x; xx < x + w; xx++) this.setPixel(b, xx, yy, col);
    }
  }

  /** `fill_rect` with MicroPython's clipping. */
  fillRect(
    b: Uint8Array,
    x: number,
    y: number,
    w: number,
    h: number,
    col: number,
  ): void {
    if (
      h < 1 || w < 1 || x + w <= 0 || y + h <= 0 || y >= this.height ||
      x >= this.width
    ) {
      return;
    }
    const xend = Math.min(this.width, x + w);
    const yend = Math.min(this.height, y + h);
    x = Math.max(x, 0);
    y = Math.max(y, 0);
    this.fillRectRaw(b, x, y, xend - x, yend - y, col);
  }

  setPixelChecked(
    b: Uint8Array,
    x: number,
    y: number,
    col: number,
    mask: number,
  ): void {
    if (mask && 0 <= x && x < this.width && 0 <= y && y < this.height) {
      this.setPixel(b, x, y, col);
    }
  }

  line(
    b: Uint8Array,
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    col: number,
  ): void {
    let dx = x2 - x1;
    let sx: number;
    if (dx > 0) sx = 1;
    else {
      dx = -dx;
      sx = -1;
    }
    let dy = y2 - y1;
    let sy: number;
    if (dy > 0) sy = 1;
    else {
      dy = -dy;
      sy = -1;
    }
    let steep = false;
    if (dy > dx) {
      [x1, y1] = [y1, x1];
      [dx, dy] = [dy, dx];
      [sx, sy] = [sy, sx];
      steep = true;
    }
    let e = 2 * dy - dx;
    for (let i = 0; i < dx; ++i) {
      if (steep) {
        if (0 <= y1 && y1 < this.width && 0 <= x1 && x1 < this.height) {
          this.setPixel(b, y1, x1, col);
        }
      } else if (0 <= x1 && x1 < this.width && 0 <= y1 && y1 < this.height) {
        this.setPixel(b, x1, y1, col);
      }
      while (e >= 0) {
        y1 += sy;
        e -= 2 * dx;
      }
      x1 += sx;
      e += 2 * dy;
    }
    if (0 <= x2 && x2 < this.width && 0 <= y2 && y2 < this.height) {
      this.setPixel(b, x2, y2, col);
    }
  }
}

function fbOf(v: PyObj): PyFrameBuffer {
  if (v instanceof PyFrameBuffer) return v;
  const native = (v as { native?: PyObj }).native;
  if (native instanceof PyFrameBuffer) return native;
  throw newException(TypeError);
}

/** A blit source or palette: a FrameBuffer, or a tuple `(buffer, width, height, format[, stride])`. */
function sourceOf(v: PyObj): PyFrameBuffer {
  if (v instanceof PyFrameBuffer) return v;
  const native = (v as { native?: PyObj }).native;
  if (native instanceof PyFrameBuffer) return native;
  if (v instanceof PyTuple || v instanceof PyList) {
    return makeFrameBuffer(frameBufferType, v.items, null) as PyFrameBuffer;
  }
  throw typeError(`object '${typeName(v)}' isn't a tuple or list`);
}

function makeFrameBuffer(type: PyType, args: PyObj[], kw: KwArgs): PyObj {
  checkArgs(args, kw, 4, 5);
  const width = toMachineInt(args[1]);
  const height = toMachineInt(args[2]);
  const format = toMachineInt(args[3]);
  let stride = args.length >= 5 ? toMachineInt(args[4]) : width;
  if (
    width < 1 || height < 1 || width > 0xffff || height > 0xffff ||
    stride > 0xffff || stride < width
  ) {
    throw newException(ValueError);
  }
  let bpp = 1;
  let heightRequired = height;
  let widthRequired = width;
  let stridesRequired = height - 1;
  switch (format) {
    case MVLSB:
      heightRequired = (height + 7) & ~7;
      stridesRequired = heightRequired - 8;
      break;
    case MHLSB:
    case MHMSB:
      stride = (stride + 7) & ~7;
      widthRequired = (width + 7) & ~7;
      break;
    case GS2_HMSB:
      stride = (stride + 3) & ~3;
      widthRequired = (width + 3) & ~3;
      bpp = 2;
      break;
    case GS4_HMSB:
      stride = (stride + 1) & ~1;
      widthRequired = (width + 1) & ~1;
      bpp = 4;
      break;
    case GS8:
      bpp = 8;
      break;
    case RGB565:
      bpp = 16;
      break;
    default:
      throw valueError("invalid format");
  }
  const buf = bufferOf(args[0], true);
  const needed = Math.floor(
    ((stridesRequired * stride + (heightRequired - stridesRequired) *
        widthRequired) * bpp) / 8,
  );
  if (needed > buf.length) throw newException(ValueError);
  return new PyFrameBuffer(
    (type.flags & TypeFlag.UserClass) === 0 ? type : frameBufferType,
    args[0],
    { width, height, stride, format },
  );
}

frameBufferType.makeNew = makeFrameBuffer;
frameBufferType.print = () => "<FrameBuffer>";
frameBufferType.getBuffer = (self, writable) =>
  bufferOf(fbOf(self).bufObj, writable);

function ints(args: PyObj[], n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= n; i++) out.push(toMachineInt(args[i]));
  return out;
}

defineMethod(frameBufferType, "fill", (args, kw) => {
  checkArgs(args, kw, 2);
  const fb = fbOf(args[0]);
  const col = toMachineInt(args[1]);
  fb.fillRectRaw(fb.buf(), 0, 0, fb.width, fb.height, col);
  return None;
});
defineMethod(frameBufferType, "fill_rect", (args, kw) => {
  checkArgs(args, kw, 6);
  const fb = fbOf(args[0]);
  const [x, y, w, h, col] = ints(args, 5);
  fb.fillRect(fb.buf(), x, y, w, h, col);
  return None;
});
defineMethod(frameBufferType, "pixel", (args, kw) => {
  checkArgs(args, kw, 3, 4);
  const fb = fbOf(args[0]);
  const x = toMachineInt(args[1]);
  const y = toMachineInt(args[2]);
  if (0 <= x && x < fb.width && 0 <= y && y < fb.height) {
    const b = fb.buf();
    if (args.length === 3) return fb.getPixel(b, x, y);
    fb.setPixel(b, x, y, toMachineInt(args[3]));
  }
  return None;
});
defineMethod(frameBufferType, "hline", (args, kw) => {
  checkArgs(args, kw, 5);
  const fb = fbOf(args[0]);
  const [x, y, w, col] = ints(args, 4);
  fb.fillRect(fb.buf(), x, y, w, 1, col);
  return None;
});
defineMethod(frameBufferType, "vline", (args, kw) => {
  checkArgs(args, kw, 5);
  const fb = fbOf(args[0]);
  const [x, y, h, col] = ints(args, 4);
  fb.fillRect(fb.buf(), x, y, 1, h, col);
  return None;
});
defineMethod(frameBufferType, "rect", (args, kw) => {
  checkArgs(args, kw, 6, 7);
  const fb = fbOf(args[0]);
  const [x, y, w, h, col] = ints(args, 5);
  const b = fb.buf();
  if (args.length > 6 && isTrue(args[6])) {
    fb.fillRect(b, x, y, w, h, col);
  } else {
    fb.fillRect(b, x, y, w, 1, col);
    fb.fillRect(b, x, y + h - 1, w, 1, col);
    fb.fillRect(b, x, y, 1, h, col);
    fb.fillRect(b, x + w - 1, y, 1, h, col);
  }
  return None;
});
defineMethod(frameBufferType, "line", (args, kw) => {
  checkArgs(args, kw, 6);
  const fb = fbOf(args[0]);
  const [x1, y1, x2, y2, col] = ints(args, 5);
  fb.line(fb.buf(), x1, y1, x2, y2, col);
  return None;
});

const ELLIPSE_FILL = 0x10;
const ELLIPSE_ALL = 0x0f;

function ellipsePoints(
  fb: PyFrameBuffer,
  b: Uint8Array,
  p: {
    cx: number;
    cy: number;
    x: number;
    y: number;
    col: number;
    mask: number;
  },
): void {
  const { cx, cy, x, y, col, mask } = p;
  if (mask & ELLIPSE_FILL) {
    if (mask & 1) fb.fillRect(b, cx, cy - y, x + 1, 1, col);
    if (mask & 2) fb.fillRect(b, cx - x, cy - y, x + 1, 1, col);
    if (mask & 4) fb.fillRect(b, cx - x, cy + y, x + 1, 1, col);
    if (mask & 8) fb.fillRect(b, cx, cy + y, x + 1, 1, col);
  } else {
    fb.setPixelChecked(b, cx + x, cy - y, col, mask & 1);
    fb.setPixelChecked(b, cx - x, cy - y, col, mask & 2);
    fb.setPixelChecked(b, cx - x, cy + y, col, mask & 4);
    fb.setPixelChecked(b, cx + x, cy + y, col, mask & 8);
  }
}

defineMethod(frameBufferType, "ellipse", (args, kw) => {
  checkArgs(args, kw, 6, 8);
  const fb = fbOf(args[0]);
  const [cx, cy, rx, ry, col] = ints(args, 5);
  let mask = args.length > 6 && isTrue(args[6]) ? ELLIPSE_FILL : 0;
  mask |= args.length > 7 ? toMachineInt(args[7]) & ELLIPSE_ALL : ELLIPSE_ALL;
  const b = fb.buf();
  if (rx === 0 && ry === 0) {
    fb.setPixelChecked(b, cx, cy, col, mask & ELLIPSE_ALL);
    return None;
  }
  const twoASquare = 2 * rx * rx;
  const twoBSquare = 2 * ry * ry;
  let x = rx;
  let y = 0;
  let xchange = ry * ry * (1 - 2 * rx);
  let ychange = rx * rx;
  let error = 0;
  let stopx = twoBSquare * rx;
  let stopy = 0;
  while (stopx >= stopy) {
    ellipsePoints(fb, b, { cx, cy, x, y, col, mask });
    y += 1;
    stopy += twoASquare;
    error += ychange;
    ychange += twoASquare;
    if (2 * error + xchange > 0) {
      x -= 1;
      stopx -= twoBSquare;
      error += xchange;
      xchange += twoBSquare;
    }
  }
  x = 0;
  y = ry;
  xchange = ry * ry;
  ychange = rx * rx * (1 - 2 * ry);
  error = 0;
  stopx = 0;
  stopy = twoASquare * ry;
  while (stopx <= stopy) {
    ellipsePoints(fb, b, { cx, cy, x, y, col, mask });
    x += 1;
    stopx += twoBSquare;
    error += xchange;
    xchange += twoBSquare;
    if (2 * error + ychange > 0) {
      y -= 1;
      stopy -= twoASquare;
      error += ychange;
      ychange += twoASquare;
    }
  }
  return None;
});

/** The coordinates of a polygon: the values of an array or buffer. */
function polyValues(v: PyObj): number[] {
  const data = bufferOf(v);
  let code = "B";
  if (v instanceof PyArray) code = v.typecode;
  const [size] = binarySize("@", code);
  const n = Math.floor(data.length / size);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(toMachineInt(readValue(code, data, i * size, size, false)));
  }
  return out;
}

/** C division of ints: truncates towards zero. */
function cdiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

defineMethod(frameBufferType, "poly", (args, kw) => {
  checkArgs(args, kw, 5, 6);
  const fb = fbOf(args[0]);
  const x = toMachineInt(args[1]);
  const y = toMachineInt(args[2]);
  const v = polyValues(args[3]);
  const nPoly = Math.floor(v.length / 2);
  if (nPoly === 0) return None;
  const col = toMachineInt(args[4]);
  const fill = args.length > 5 && isTrue(args[5]);
  const b = fb.buf();
  if (fill) {
    let yMin = Infinity;
    let yMax = -Infinity;
    for (let i = 0; i < nPoly; i++) {
      yMin = Math.min(yMin, v[i * 2 + 1]);
      yMax = Math.max(yMax, v[i * 2 + 1]);
    }
    for (let row = yMin; row <= yMax; row++) {
      const nodes: number[] = [];
      let px1 = v[0];
      let py1 = v[1];
      let i = nPoly * 2 - 1;
      do {
        const py2 = v[i--];
        const px2 = v[i--];
        if (
          py1 !== py2 &&
          ((py1 > row && py2 <= row) || (py1 <= row && py2 > row))
        ) {
          nodes.push(
            cdiv(
              32 * px1 + cdiv(32 * (px2 - px1) * (row - py1), py2 - py1) + 16,
              32,
            ),
          );
        } else if (row === Math.max(py1, py2)) {
          if (py1 < py2) fb.setPixelChecked(b, x + px2, y + py2, col, 1);
          else if (py2 < py1) fb.setPixelChecked(b, x + px1, y + py1, col, 1);
          else fb.line(b, x + px1, y + py1, x + px2, y + py2, col);
        }
        px1 = px2;
        py1 = py2;
      } while (i >= 0);
      if (nodes.length === 0) continue;
      // Bubble sort, as the board does (the order of equal nodes matters not).
      let k = 0;
      while (k < nodes.length - 1) {
        if (nodes[k] > nodes[k + 1]) {
          [nodes[k], nodes[k + 1]] = [nodes[k + 1], nodes[k]];
          if (k) k--;
        } else {
          k++;
        }
      }
      for (k = 0; k < nodes.length; k += 2) {
        const a = nodes[k];
        const c = k + 1 < nodes.length ? nodes[k + 1] : a;
        fb.fillRect(b, x + a, y + row, c - a + 1, 1, col);
      }
    }
  } else {
    let px1 = v[0];
    let py1 = v[1];
    let i = nPoly * 2 - 1;
    do {
      const py2 = v[i--];
      const px2 = v[i--];
      fb.line(b, x + px1, y + py1, x + px2, y + py2, col);
      px1 = px2;
      py1 = py2;
    } while (i >= 0);
  }
  return None;
});

defineMethod(frameBufferType, "blit", (args, kw) => {
  checkArgs(args, kw, 4, 6);
  const fb = fbOf(args[0]);
  const src = sourceOf(args[1]);
  const x = toMachineInt(args[2]);
  const y = toMachineInt(args[3]);
  const key = args.length > 4 ? toMachineInt(args[4]) : -1;
  const palette = args.length > 5 && args[5] !== None
    ? sourceOf(args[5])
    : null;
  if (x >= fb.width || y >= fb.height || -x >= src.width || -y >= src.height) {
    return None;
  }
  const b = fb.buf();
  const sb = src.buf();
  const pb = palette === null ? null : palette.buf();
  let y0 = Math.max(0, y);
  const x0 = Math.max(0, x);
  const x1 = Math.max(0, -x);
  let y1 = Math.max(0, -y);
  const x0end = Math.min(fb.width, x + src.width);
  const y0end = Math.min(fb.height, y + src.height);
  const keyU = key >>> 0;
  for (; y0 < y0end; ++y0) {
    let cx1 = x1;
    for (let cx0 = x0; cx0 < x0end; ++cx0) {
      let col = src.getPixel(sb, cx1, y1);
      if (palette !== null && pb !== null) {
        col = col < palette.width ? palette.getPixel(pb, col, 0) : 0;
      }
      if (col >>> 0 !== keyU) fb.setPixel(b, cx0, y0, col);
      ++cx1;
    }
    ++y1;
  }
  return None;
});

defineMethod(frameBufferType, "scroll", (args, kw) => {
  checkArgs(args, kw, 3);
  const fb = fbOf(args[0]);
  const xstep = toMachineInt(args[1]);
  const ystep = toMachineInt(args[2]);
  let sx: number, xend: number, dx: number;
  let y: number, yend: number, dy: number;
  if (xstep < 0) {
    sx = 0;
    xend = fb.width + xstep;
    if (xend <= 0) return None;
    dx = 1;
  } else {
    sx = fb.width - 1;
    xend = xstep - 1;
    if (xend >= sx) return None;
    dx = -1;
  }
  if (ystep < 0) {
    y = 0;
    yend = fb.height + ystep;
    if (yend <= 0) return None;
    dy = 1;
  } else {
    y = fb.height - 1;
    yend = ystep - 1;
    if (yend >= y) return None;
    dy = -1;
  }
  const b = fb.buf();
  for (; y !== yend; y += dy) {
    for (let x = sx; x !== xend; x += dx) {
      fb.setPixel(b, x, y, fb.getPixel(b, x - xstep, y - ystep));
    }
  }
  return None;
});

const utf8 = new TextEncoder();

defineMethod(frameBufferType, "text", (args, kw) => {
  checkArgs(args, kw, 4, 5);
  const fb = fbOf(args[0]);
  const s = args[1];
  if (typeof s !== "string") {
    throw typeError(`can't convert '${typeName(s)}' object to str implicitly`);
  }
  let x0 = toMachineInt(args[2]);
  const y0 = toMachineInt(args[3]);
  const col = args.length >= 5 ? toMachineInt(args[4]) : 1;
  const b = fb.buf();
  const glyphs = fontData();
  for (let chr of utf8.encode(s)) {
    if (chr === 0) break;
    if (chr < 32 || chr > 127) chr = 127;
    const base = (chr - 32) * 8;
    for (let j = 0; j < 8; j++, x0++) {
      if (0 <= x0 && x0 < fb.width) {
        let column = glyphs[base + j];
        for (let y = y0; column; column >>= 1, y++) {
          if (column & 1 && 0 <= y && y < fb.height) fb.setPixel(b, x0, y, col);
        }
      }
    }
  }
  return None;
});

defineModule("framebuf", (dict) => {
  dict.set("FrameBuffer", frameBufferType);
  defineFunction(dict, "FrameBuffer1", (args, kw) => {
    checkArgs(args, kw, 3, 4);
    return makeFrameBuffer(frameBufferType, [
      args[0],
      args[1],
      args[2],
      MVLSB,
      args.length >= 4 ? args[3] : args[1],
    ], null);
  });
  dict.set("MVLSB", MVLSB);
  dict.set("MONO_VLSB", MVLSB);
  dict.set("RGB565", RGB565);
  dict.set("GS2_HMSB", GS2_HMSB);
  dict.set("GS4_HMSB", GS4_HMSB);
  dict.set("GS8", GS8);
  dict.set("MONO_HLSB", MHLSB);
  dict.set("MONO_HMSB", MHMSB);
});
