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

const versionPatterns = new Map<string, RegExp>();

/** The version as a whole token: not part of `1.2.30` or `1.2.3-beta`. */
function versionPattern(version: string): RegExp {
  let re = versionPatterns.get(version);
  if (!re) {
    re = new RegExp(`(^|[^A-Za-z0-9_.+-])(${escapeRe(version)})(?![A-Za-z0-9_+-]|\\.[A-Za-z0-9])`);
    if (versionPatterns.size > 10_000) versionPatterns.clear();
    versionPatterns.set(version, re);
  }
  return re;
}

/** PEP 503 normal form: lowercase, runs of `-`, `_`, `.` as one `-`. */
function pep503(s: string): string {
  return s.toLowerCase().replace(/[-_.]+/g, '-');
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

  private exactWords?: Map<string, number[]>;
  private foldedWords?: Map<string, number[]>;

  /**
   * Offsets of every word (a maximal run of name characters) by its text, or for PyPI by its PEP
   * 503 form: built once per file, so locating many components costs one pass over the text.
   */
  private words(pypi: boolean): Map<string, number[]> {
    const cached = pypi ? this.foldedWords : this.exactWords;
    if (cached) return cached;
    const map = new Map<string, number[]>();
    for (const m of this.text.matchAll(/[A-Za-z0-9_.-]+/g)) {
      const key = pypi ? pep503(m[0]) : m[0];
      const list = map.get(key);
      if (list) list.push(m.index);
      else map.set(key, [m.index]);
    }
    if (pypi) this.foldedWords = map;
    else this.exactWords = map;
    return map;
  }

  private find(name: string, version: string | undefined, pypi: boolean): PinLocation {
    // A name is its last word plus what precedes it (`@scope/`, `golang.org/x/`, `group:`).
    const last = /[A-Za-z0-9_.-]+$/.exec(name)?.[0] ?? name;
    const prefix = name.slice(0, name.length - last.length);
    const fold = (s: string) => (pypi ? pep503(s) : s);
    const nameLines: number[] = [];
    for (const at of this.words(pypi).get(fold(last)) ?? []) {
      const start = at - prefix.length;
      if (start < 0 || (prefix && fold(this.text.slice(start, at)) !== fold(prefix))) continue;
      if (prefix && NAME_CHAR.test(this.text[start - 1] ?? '')) continue;
      // `foo` inside `@scope/foo` (npm) is another package.
      if (!prefix && this.text[at - 1] === '/' && /@[^/\s"'@]+\/$/.test(this.text.slice(Math.max(0, at - 215), at)))
        continue;
      const line = this.lines.position(at).line;
      if (nameLines[nameLines.length - 1] !== line) nameLines.push(line);
    }
    const first = nameLines[0];
    if (first === undefined) return { range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, found: false };
    if (version !== undefined) {
      const versionRe = versionPattern(version);
      const pinned = (text: string): boolean => {
        const m = versionRe.exec(text);
        if (!m) return false;
        const lead = text.slice(0, m.index + (m[1] as string).length);
        // A range operator right before it (`^1.2.3`, `>=1.2.3`, `~> 1.2`) makes it a constraint;
        // an XML tag (`<version>1.2.3`) does not.
        return !/(?:\^|~>?|[<>]=?|!=)\s*$/.test(lead) || /<[A-Za-z][\w.:-]*>\s*$/.test(lead);
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
