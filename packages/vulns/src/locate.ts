import { LineIndex, type Range } from '@shipshape/core';

/** How far below a package's name line its `version` line may sit (Pipfile.lock puts hashes in between). */
const VERSION_WINDOW = 40;
const NAME_CHAR = /[A-Za-z0-9_.-]/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * Whether a line closes the entry that began at a line indented `indent`: a blank line (yarn,
 * TOML), a TOML table header, or a closing bracket at or left of the entry's indentation (JSON:
 * the end of the object holding a `"name": "^1.0"` dependency line, before the next entry).
 */
function endsEntry(line: string, indent: number): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || line.startsWith('[')) return true;
  return (trimmed.startsWith('}') || trimmed.startsWith(']')) && indentOf(line) <= indent;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Where a component is pinned in its lockfile, and the range to report. */
export interface PinLocation {
  range: Range;
  /** Whether the name (and version) was found; false -> the file's first line. */
  found: boolean;
}

/**
 * Finds the line that pins `name` at `version` in a lockfile's text, without a parser per format:
 * SBOM components carry their source file but no line. In order of preference:
 * 1. a line naming the package with the exact version on it (`foo==1.2.3`, `/foo@1.2.3:`,
 *    `foo (1.2.3)`, `module v1.2.3`), the version not preceded by a range operator (`^`, `~`, `>`, `<`);
 * 2. a line naming the package followed, inside the same entry (before a blank line, a TOML table or
 *    the bracket closing the entry), by a line with the word `version` and the exact version
 *    (package-lock.json, yarn.lock, poetry.lock, uv.lock, Cargo.lock, Pipfile.lock);
 * 3. the first line naming the package.
 * The range runs from the name line to the version line, so a `--diff` that changed only the
 * version keeps the finding. Names match as whole names (`foo` is not `foo-bar` nor `@x/foo`);
 * PyPI names match in any PEP 503 spelling.
 */
export class PinLocator {
  readonly lines: LineIndex;
  private readonly cache = new Map<string, PinLocation>();

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  locate(name: string, version: string | undefined, pypi = false): PinLocation {
    const id = `${pypi ? 'p' : ''}\0${name}\0${version ?? ''}`;
    let hit = this.cache.get(id);
    if (!hit) {
      hit = this.find(name, version, pypi);
      this.cache.set(id, hit);
    }
    return hit;
  }

  private find(name: string, version: string | undefined, pypi: boolean): PinLocation {
    const pattern = pypi
      ? name
          .split(/[-_.]+/)
          .map(escapeRe)
          .join('[-_.]+')
      : escapeRe(name);
    const re = new RegExp(pattern, pypi ? 'gi' : 'g');
    const nameLines: number[] = [];
    for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
      const before = this.text[m.index - 1] ?? '';
      const after = this.text[m.index + m[0].length] ?? '';
      if (NAME_CHAR.test(before) || NAME_CHAR.test(after)) continue;
      // `foo` inside `@scope/foo` (npm) or `group:foo`-like prefixes is another package.
      if (
        before === '/' &&
        !name.startsWith('@') &&
        /@[^/\s"'@]+\/$/.test(this.text.slice(Math.max(0, m.index - 215), m.index))
      )
        continue;
      const line = this.lines.position(m.index).line;
      if (nameLines[nameLines.length - 1] !== line) nameLines.push(line);
    }
    const first = nameLines[0];
    if (first === undefined) return { range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, found: false };
    if (version !== undefined) {
      const versionRe = new RegExp(`(^|[^A-Za-z0-9_.+-])(${escapeRe(version)})(?![A-Za-z0-9_+-]|\\.[A-Za-z0-9])`);
      const pinned = (text: string): boolean => {
        const m = versionRe.exec(text);
        if (!m) return false;
        const lead = text.slice(0, m.index + (m[1] as string).length);
        return !/[\^~><]=?\s*$/.test(lead);
      };
      for (const line of nameLines)
        if (pinned(this.lines.line(line))) return { range: this.span(line, line), found: true };
      for (const line of nameLines) {
        const indent = indentOf(this.lines.line(line));
        for (let n = line + 1; n <= Math.min(this.lines.lineCount, line + VERSION_WINDOW); n++) {
          const text = this.lines.line(n);
          if (endsEntry(text, indent)) break;
          if (/version/i.test(text) && pinned(text)) return { range: this.span(line, n), found: true };
        }
      }
    }
    return { range: this.span(first, first), found: true };
  }

  private span(start: number, end: number): Range {
    const a = this.lines.line(start);
    const b = this.lines.line(end);
    return {
      startLine: start,
      startColumn: a.length - a.trimStart().length + 1,
      endLine: end,
      endColumn: b.trimEnd().length + 1,
    };
  }
}
