import type { LineIndex, Range } from '@shipshape/core';

/**
 * Finds a JSON member `"key": ...` inside the object member `"parent": { ... }` of a
 * package.json text, returning the range of the key. Good enough for manifests (keys are
 * unique per object); falls back to the parent key, then the file start.
 */
export function jsonKeyRange(text: string, lines: LineIndex, parent: string | undefined, key: string): Range {
  let from = 0;
  let to = text.length;
  if (parent !== undefined) {
    const p = new RegExp(`"${escapeRe(parent)}"\\s*:\\s*\\{`).exec(text);
    if (p) {
      from = p.index;
      const close = matchingBrace(text, p.index + p[0].length - 1);
      to = close === -1 ? text.length : close;
    }
  }
  const re = new RegExp(`"${escapeRe(key)}"\\s*:`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  if (m && m.index < to) return lines.range(m.index, m.index + key.length + 2);
  if (parent !== undefined && from > 0) return lines.range(from, from + parent.length + 2);
  return lines.range(0, 0);
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** First line matching `re` (1-based), or undefined. */
export function findLine(lines: LineIndex, re: RegExp, from = 1): number | undefined {
  for (let n = from; n <= lines.lineCount; n++) if (re.test(lines.line(n))) return n;
  return undefined;
}

/** Range of a whole trimmed line. */
export function trimmedLineRange(lines: LineIndex, line: number): Range {
  const text = lines.line(line);
  const lead = text.length - text.trimStart().length;
  return { startLine: line, startColumn: lead + 1, endLine: line, endColumn: text.trimEnd().length + 1 };
}
