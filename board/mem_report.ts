/**
 * The `upy mem FILE.py` report: the script runs on the board with an
 * allocation-site profile, then the report shows the peak heap, what is
 * still alive at the end (by kind and by line), the lines that allocated the
 * most, and MicroPython's RAM-saving advice where it applies — a module
 * global that could be `_NAME = const(…)`, a long identifier that costs qstr
 * RAM, a loop that allocates on every pass.
 *
 * @module
 */

import type { AllocationProfile, SiteStats } from "../vm/mod.ts";

/** What the report needs besides the profile. */
export interface MemReportInput {
  /** The profile of the run. */
  profile: AllocationProfile;
  /** Board name and its heap (pool) size. */
  board: string;
  /** Source name of the script (as tracebacks show it). */
  file: string;
  /** The script's source text. */
  source: string;
  /** The exit status of the run. */
  status: number;
}

/** One piece of advice: where, and what to do. */
export interface Advice {
  line: number;
  text: string;
}

const KEYWORDS = new Set(
  ("False None True and as assert async await break class continue def del " +
    "elif else except finally for from global if import in is lambda " +
    "nonlocal not or pass raise return try while with yield").split(" "),
);

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== null) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === "#") {
      return line.slice(0, i);
    }
  }
  return line;
}

/** For each line (1-based), the line of the innermost enclosing `for`/`while`, or 0. */
export function enclosingLoops(source: string): number[] {
  const lines = source.split("\n");
  const out = new Array<number>(lines.length + 1).fill(0);
  const stack: { indent: number; line: number; loop: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = stripComment(lines[i]);
    if (text.trim() === "") continue;
    const d = indentOf(text);
    while (stack.length > 0 && stack[stack.length - 1].indent >= d) stack.pop();
    for (let j = stack.length - 1; j >= 0; j--) {
      if (stack[j].loop) {
        out[i + 1] = stack[j].line;
        break;
      }
    }
    const t = text.trim();
    if (t.endsWith(":")) {
      stack.push({
        indent: d,
        line: i + 1,
        loop: /^(for|while|async\s+for)\b/.test(t),
      });
    }
  }
  return out;
}

/**
 * Module-level names bound once to an int literal (or a public `const()`),
 * never reassigned: each costs a slot in the module's globals and a lookup
 * by name; `_NAME = const(…)` is folded into the code and costs nothing.
 */
export function constAdvice(source: string): Advice[] {
  const lines = source.split("\n");
  const out: Advice[] = [];
  const intLit = /^-?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*)$/;
  for (let i = 0; i < lines.length; i++) {
    const text = stripComment(lines[i]).trimEnd();
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(text);
    if (m === null || KEYWORDS.has(m[1])) continue;
    const name = m[1];
    let value = m[2].trim();
    const c = /^(?:micropython\.)?const\((.*)\)$/.exec(value);
    if (c !== null) value = c[1].trim();
    if (!intLit.test(value)) continue;
    const assign = new RegExp(
      `(^|[^.\\w])${name}\\s*(=(?!=)|[-+*/%&|^]=|<<=|>>=)`,
      "gm",
    );
    const rebinds = [...source.matchAll(assign)].length;
    const declared = new RegExp(`\\bglobal\\b[^\\n]*\\b${name}\\b`).test(
      source,
    );
    if (rebinds !== 1 || declared) continue;
    out.push({
      line: i + 1,
      text: `${name} = ${m[2].trim()} is a module global: it takes a slot in ` +
        `the module's dict and is looked up by name each time; ` +
        `\`_${name.replace(/^_+/, "")} = const(${value})\` (with ` +
        `\`from micropython import const\`) is folded into the code and ` +
        `costs no RAM, if no other module imports it`,
    });
  }
  return out;
}

/** RAM qstrs that are long identifiers of the script, longest first. */
export function longNameAdvice(
  source: string,
  ramQstrs: readonly string[],
): Advice[] {
  const out: Advice[] = [];
  const lines = source.split("\n");
  for (const q of ramQstrs) {
    if (q.length < 12 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(q)) continue;
    const idx = lines.findIndex((l) => new RegExp(`\\b${q}\\b`).test(l));
    if (idx < 0) continue;
    out.push({
      line: idx + 1,
      text: `the name ${q} is interned in RAM: ${q.length + 1} bytes of text ` +
        `and a 7-byte pool entry; a shorter name saves ${q.length - 8} bytes ` +
        `or more`,
    });
  }
  return out.sort((a, b) => b.text.length - a.text.length).slice(0, 5);
}

/**
 * Lines inside a loop that made garbage on every pass: many allocations, most
 * of them dead by the end (what the line keeps — results appended to a list —
 * is not garbage).
 */
export function loopAdvice(
  file: string,
  source: string,
  sites: readonly SiteStats[],
  live: readonly SiteStats[],
): Advice[] {
  const loops = enclosingLoops(source);
  const lines = source.split("\n");
  const liveBytes = new Map<string, number>();
  for (const s of live) liveBytes.set(s.site, s.bytes);
  const out: Advice[] = [];
  for (const s of sites) {
    if (s.file !== file || s.line <= 0 || s.line >= loops.length) continue;
    const loop = loops[s.line];
    if (loop === 0 || s.count < 20) continue;
    const garbage = s.bytes - (liveBytes.get(s.site) ?? 0);
    if (garbage < s.bytes / 2) continue;
    const code = (lines[s.line - 1] ?? "").trim();
    out.push({
      line: s.line,
      text: `\`${code}\` (in the loop at line ${loop}) allocates on every ` +
        `pass: ${s.count} allocations, ${garbage} bytes of garbage in all; ` +
        `make the object once before the loop and reuse it (a preallocated ` +
        `bytearray or list, memoryview slices, in-place operations)`,
    });
    if (out.length >= 3) break;
  }
  return out;
}

function pct(part: number, whole: number): string {
  return whole === 0 ? "0%" : `${((100 * part) / whole).toFixed(1)}%`;
}

/** The report's text. */
export function formatMemReport(input: MemReportInput): string {
  const { profile, file, source } = input;
  const heap = profile.heap;
  const total = heap.total;
  // What is live at the end: after a collection, as gc.collect() would see it.
  heap.collect(true);
  const live = heap.memAlloc();
  const out: string[] = [];
  out.push(`upy mem: ${file} on ${input.board} (heap ${total} bytes)`);
  out.push(
    `peak heap: ${heap.peakUsedBytes} bytes (${
      pct(heap.peakUsedBytes, total)
    }), ` +
      `live at the end: ${live} bytes (${pct(live, total)}), ` +
      `collections: ${heap.collections - 1}` +
      (input.status !== 0 ? `, exit status ${input.status}` : ""),
  );
  out.push("");
  out.push("live at the end, by kind:");
  for (const k of profile.liveByKind()) {
    out.push(
      `  ${k.kind.padEnd(16)} ${String(k.bytes).padStart(8)} bytes  ` +
        `${String(k.count).padStart(6)} allocations`,
    );
  }
  const liveSites = profile.liveBySite().filter((s) => s.file === file).slice(
    0,
    8,
  );
  if (liveSites.length > 0) {
    out.push("");
    out.push("live at the end, by the line that allocated it:");
    for (const s of liveSites) out.push(siteLine(s));
  }
  const top = profile.topSites().slice(0, 10);
  if (top.length > 0) {
    out.push("");
    out.push("lines that allocated the most (garbage included):");
    for (const s of top) out.push(siteLine(s));
  }
  const advice = [
    ...constAdvice(source),
    ...longNameAdvice(source, profile.ramQstrs()),
    ...loopAdvice(file, source, profile.topSites(), profile.liveBySite()),
  ].sort((a, b) => a.line - b.line);
  out.push("");
  if (advice.length === 0) {
    out.push(
      "advice: none — nothing here matches MicroPython's RAM-saving rules",
    );
  } else {
    out.push("advice:");
    for (const a of advice) out.push(`  ${file}:${a.line}: ${a.text}`);
  }
  return out.join("\n") + "\n";
}

function siteLine(s: SiteStats): string {
  return `  ${s.site.padEnd(28)} ${String(s.bytes).padStart(8)} bytes  ` +
    `${String(s.count).padStart(6)} allocations`;
}
