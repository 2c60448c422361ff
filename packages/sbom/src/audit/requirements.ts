/**
 * A pip requirements file read line by line for the pinning audit: logical lines (backslash
 * continuations joined), options, hashes, markers, URL/VCS references. Only what the audit needs.
 */
export interface RequirementEntry {
  /** 1-based line where the logical line starts. */
  line: number;
  /** 1-based column of the requirement text. */
  column: number;
  endColumn: number;
  /** The requirement without options/comments. */
  text: string;
  /** PEP 503-normalised name when there is one. */
  name?: string;
  /** Version specifiers (`==1.2`, `>=1,<2`), empty when none. */
  specifier: string;
  /** Exactly one `==`/`===` clause without wildcard. */
  pinned: boolean;
  hashes: string[];
  /** `git+https://...@ref`, `https://.../x.whl`, a local path. */
  url?: string;
  vcs?: { scheme: string; ref?: string };
  editable: boolean;
  /** `-r`/`-c` includes are not entries; they are reported here for completeness. */
}

export interface RequirementsFile {
  entries: RequirementEntry[];
  includes: { kind: '-r' | '-c'; path: string; line: number }[];
}

const VCS = /^(git|hg|svn|bzr)\+/i;

export function normalizePyName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Splits `text` into logical lines with their starting line numbers. */
function logicalLines(text: string): { line: number; text: string; column: number }[] {
  const raw = text.split(/\r?\n/);
  const out: { line: number; text: string; column: number }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    // Continued lines are collected and joined once (linear; re-scanning the growing line was quadratic).
    let current = raw[i] ?? '';
    let parts: string[] | undefined;
    for (let t = current.trimEnd(); t.endsWith('\\') && i + 1 < raw.length; t = current.trimEnd()) {
      parts ??= [];
      parts.push(t.slice(0, -1));
      current = raw[++i] ?? '';
    }
    let body = current;
    if (parts) {
      parts.push(current);
      body = parts.join(' ');
    }
    // Comments start at ` #` or at the line start (pip's rule); `#` inside URLs (#egg=) is kept.
    const cut = body.search(/(^|\s)#/);
    const content = cut === -1 ? body : body.slice(0, cut);
    const lead = content.length - content.trimStart().length;
    out.push({ line: start + 1, text: content.trim(), column: lead + 1 });
  }
  return out;
}

/** Reads a requirements file. Never throws. */
export function readRequirements(text: string): RequirementsFile {
  const entries: RequirementEntry[] = [];
  const includes: RequirementsFile['includes'] = [];
  for (const { line, text: content, column } of logicalLines(text)) {
    if (content === '') continue;
    const inc = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(content);
    if (inc) {
      includes.push({
        kind: inc[1]?.startsWith('-c') || inc[1] === '--constraint' ? '-c' : '-r',
        path: inc[2] ?? '',
        line,
      });
      continue;
    }
    let rest = content;
    let editable = false;
    const ed = /^(-e|--editable)(?:\s+|=)/.exec(rest);
    if (ed) {
      editable = true;
      rest = rest.slice(ed[0].length);
    } else if (rest.startsWith('-')) continue; // global options: --index-url, --extra-index-url, -f, --pre ...
    const hashes: string[] = [];
    rest = rest.replace(/\s--hash(?:\s+|=)(\S+)/g, (_m, h: string) => {
      hashes.push(h);
      return '';
    });
    // Per-requirement options other than --hash (e.g. --config-settings) are dropped.
    rest = rest.replace(/\s--[\w-]+(?:=\S+)?/g, '').trim();
    const requirement = rest.split(';')[0]?.trim() ?? '';
    const entry: RequirementEntry = {
      line,
      column,
      endColumn: column + requirement.length,
      text: requirement,
      specifier: '',
      pinned: false,
      hashes,
      editable,
    };
    const at = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*@\s*(\S+)/.exec(requirement);
    const url = at ? at[3] : /^(\S+:\/\/\S+|[.~/]\S*|\w+\+\S+)$/.test(requirement) ? requirement : undefined;
    if (at?.[1]) entry.name = normalizePyName(at[1]);
    if (url !== undefined) {
      entry.url = url;
      const vcs = VCS.exec(url);
      if (vcs?.[1]) {
        const withoutFragment = url.split('#')[0] ?? url;
        const path = withoutFragment.replace(/^\w+\+\w+:\/\//, '');
        const refAt = path.lastIndexOf('@');
        const slash = path.lastIndexOf('/');
        const v: { scheme: string; ref?: string } = { scheme: vcs[1].toLowerCase() };
        if (refAt > slash) v.ref = path.slice(refAt + 1);
        entry.vcs = v;
        const egg = /#(?:.*&)?egg=([A-Za-z0-9._-]+)/.exec(url);
        if (!entry.name && egg?.[1]) entry.name = normalizePyName(egg[1]);
      }
      entries.push(entry);
      continue;
    }
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(requirement);
    if (!m?.[1]) continue;
    entry.name = normalizePyName(m[1]);
    entry.specifier = (m[3] ?? '').replace(/^\(|\)$/g, '').trim();
    const clauses = entry.specifier
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    entry.pinned =
      clauses.length === 1 && /^===?\s*[^*\s]+$/.test(clauses[0] ?? '') && !(clauses[0] ?? '').includes('*');
    entries.push(entry);
  }
  return { entries, includes };
}
