import type { Range } from '@shipshape/core';
import { LineIndex, secretLookingSpans } from '@shipshape/core';
import type { Palette } from './color.js';
import { createPalette } from './color.js';
import { normalizeRange } from './common.js';

export interface CodeFrameOptions {
  /** Lines shown before and after the range (default 2). */
  contextLines?: number;
  /** Characters of a source line shown at most; longer lines are cut around the range (default 120). */
  maxWidth?: number;
  /** Ranges longer than this many lines show only their first and last lines (default 6). */
  maxRangeLines?: number;
  /** Ranges whose text is replaced by `*` (secret values). A zero-width range masks its whole line(s). */
  mask?: readonly Range[];
  /**
   * Also mask whatever looks like a secret on every line shown (default true): a secret that a
   * suppression or the baseline hid from the findings must not be printed beside another one.
   */
  maskSecretLooking?: boolean;
  /** Colors for the marker, carets and gutter; none by default. */
  palette?: Palette;
  /** Color applied to the `>` marker and the carets (default red). */
  accent?: (text: string) => string;
}

// C0 and C1 control characters except tab. Printing them from a scanned file would let the file
// drive the terminal (escape sequences), so they become a visible one-column placeholder.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
const ELLIPSIS = '…';

/**
 * Renders the lines of `text` around `range` with a gutter, a `>` marker on the flagged lines
 * and carets under the flagged columns. Returns the frame's lines (no trailing newline), or an
 * empty array when the range lies outside the text.
 */
export function codeFrame(text: string | LineIndex, range: Range, options: CodeFrameOptions = {}): string[] {
  const context = options.contextLines ?? 2;
  const maxWidth = Math.max(20, options.maxWidth ?? 120);
  const maxRangeLines = Math.max(2, options.maxRangeLines ?? 6);
  const palette = options.palette ?? createPalette(false);
  const accent = options.accent ?? palette.red;
  // Callers framing many findings of one file pass a LineIndex to index the text once.
  const index = typeof text === 'string' ? new LineIndex(text) : text;
  let r = normalizeRange(range);
  if (r.startLine > index.lineCount) return [];
  // An exclusive end at column 1 of a later line ends on the line before it.
  if (r.endLine > r.startLine && r.endColumn === 1 && r.endLine - 1 <= index.lineCount) {
    r = { ...r, endLine: r.endLine - 1, endColumn: index.line(r.endLine - 1).length + 1 };
  }
  const endLine = Math.min(r.endLine, index.lineCount);

  // Which line numbers to show; `null` is an elided stretch inside a long range.
  const shown: (number | null)[] = [];
  const first = Math.max(1, r.startLine - context);
  const last = Math.min(index.lineCount, endLine + context);
  if (endLine - r.startLine + 1 > maxRangeLines) {
    for (let n = first; n <= r.startLine + 1; n++) shown.push(n);
    shown.push(null);
    for (let n = endLine - 1; n <= last; n++) shown.push(n);
  } else {
    for (let n = first; n <= last; n++) shown.push(n);
  }

  // One horizontal window for every shown line keeps the columns aligned.
  const windowStart = r.startColumn - 1 < maxWidth - 10 ? 0 : r.startColumn - 1 - Math.floor(maxWidth / 3);
  const gutterWidth = String(last).length;
  const masks = (options.mask ?? []).map(normalizeRange);
  const out: string[] = [];

  for (const n of shown) {
    if (n === null) {
      out.push(palette.dim(`  ${' '.repeat(gutterWidth)} ${ELLIPSIS}`));
      continue;
    }
    const inRange = n >= r.startLine && n <= endLine;
    let source = maskLine(index.line(n), n, masks);
    if (options.maskSecretLooking !== false) source = maskLooking(source, windowStart, maxWidth);
    const { display, offset } = clip(source, windowStart, maxWidth);
    const marker = inRange ? accent('>') : ' ';
    out.push(`${marker} ${palette.dim(`${String(n).padStart(gutterWidth)} |`)}${display ? ` ${display}` : ''}`);
    if (!inRange) continue;
    // Carets: the start line from the start column, the end line up to the end column.
    let from: number | undefined;
    let to: number | undefined;
    if (n === r.startLine && n === endLine && r.endLine === endLine) {
      from = r.startColumn - 1;
      to = Math.max(r.endColumn - 1, from + 1);
    } else if (n === r.startLine) {
      from = r.startColumn - 1;
      to = Math.max(source.length, from + 1);
    } else if (n === endLine && r.endLine === endLine) {
      from = 0;
      to = Math.max(r.endColumn - 1, 1);
    }
    if (from === undefined || to === undefined) continue;
    const caretLine = carets(source, from, to, windowStart, maxWidth, offset);
    if (caretLine) out.push(`  ${palette.dim(`${' '.repeat(gutterWidth)} |`)} ${accent(caretLine)}`);
  }
  return out;
}

/** Replaces the masked parts of line `n` with `*`, one per UTF-16 unit, so columns still line up. */
function maskLine(line: string, n: number, masks: readonly Range[]): string {
  let out = line;
  for (const m of masks) {
    if (n < m.startLine || n > m.endLine) continue;
    let from = n === m.startLine ? m.startColumn - 1 : 0;
    let to = n === m.endLine ? m.endColumn - 1 : out.length;
    // Where the secret sits on the line is unknown: hide the whole line.
    if (m.startLine === m.endLine && m.endColumn <= m.startColumn) {
      from = 0;
      to = out.length;
    }
    from = Math.min(from, out.length);
    to = Math.min(Math.max(to, from), out.length);
    if (to > from) out = out.slice(0, from) + '*'.repeat(to - from) + out.slice(to);
  }
  return out;
}

/** Margin around the visible window examined for secret-looking spans (a span may start before it). */
const LOOK_MARGIN = 512;

/** Masks secret-looking spans that reach into the visible window; the rest of the line is not examined. */
function maskLooking(line: string, windowStart: number, maxWidth: number): string {
  const from = Math.max(0, windowStart - LOOK_MARGIN);
  const to = Math.min(line.length, windowStart + maxWidth + LOOK_MARGIN);
  const spans = secretLookingSpans(line.slice(from, to));
  if (spans.length === 0) return line;
  const chars = line.split('');
  for (const [a, b] of spans) for (let i = from + a; i < from + b && i < chars.length; i++) chars[i] = '*';
  return chars.join('');
}

/** The visible part of a line: `[windowStart, windowStart + maxWidth)`, with `…` marking cuts. */
function clip(line: string, windowStart: number, maxWidth: number): { display: string; offset: number } {
  const cutLeft = windowStart > 0 && line.length > 0;
  const body = sanitize(line.slice(windowStart, windowStart + maxWidth));
  const cutRight = line.length > windowStart + maxWidth;
  return { display: `${cutLeft ? ELLIPSIS : ''}${body}${cutRight ? ELLIPSIS : ''}`, offset: cutLeft ? 1 : 0 };
}

function sanitize(text: string): string {
  return text.replace(CONTROL, '\ufffd');
}

/** The caret row for source columns `[from, to)` (0-based), clipped to the window. */
function carets(
  source: string,
  from: number,
  to: number,
  windowStart: number,
  maxWidth: number,
  offset: number,
): string {
  const windowEnd = windowStart + maxWidth;
  const a = Math.max(from, windowStart);
  const b = Math.min(to, windowEnd);
  // Position past the end of the line (e.g. a missing newline at EOF) still gets one caret.
  if (a >= windowEnd) return '';
  const lead = Array.from(source.slice(windowStart, a), (ch) => (ch === '\t' ? '\t' : ' '.repeat(cellWidth(ch)))).join(
    '',
  );
  const pad = a > source.length ? ' '.repeat(a - Math.max(source.length, windowStart)) : '';
  const flagged = Array.from(source.slice(a, b)).reduce((sum, ch) => sum + (ch === '\t' ? 1 : cellWidth(ch)), 0);
  const width = Math.max(1, flagged + Math.max(0, b - Math.max(a, source.length)));
  return `${' '.repeat(offset)}${lead}${pad}${'^'.repeat(width)}`;
}

/**
 * Terminal cells a character takes: 0 for combining marks, 2 for East Asian wide/fullwidth
 * characters and emoji, else 1. An approximation of wcwidth that keeps carets under the text.
 */
export function cellWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}
