import { isFullCommit, normalizePythonName, parsePep508, versionFromFilename } from './pep508.js';

export interface RequirementLine {
  /** 1-based line of the first physical line of this logical line. */
  line: number;
  /** 1-based last physical line (continuations with `\`). */
  endLine: number;
  /** 1-based column where the requirement text starts. */
  column: number;
  /** The logical line without comment, continuations joined. */
  raw: string;
  kind: 'requirement' | 'include' | 'constraint' | 'option';
  /** PEP 503-normalised name (requirements only). */
  name?: string;
  rawName?: string;
  extras: string[];
  /** Version specifier without spaces (`==1.2.3`, `>=1,<2`), '' when none. */
  specifier: string;
  operators: string[];
  /** The version when the line is an exact `==`/`===` pin. */
  version?: string;
  /** `==` (no wildcard) or `===` pin. */
  pinned: boolean;
  /** `--hash` values as written (`sha256:<hex>`). */
  hashes: string[];
  marker?: string;
  /** URL or VCS location (`git+https://...@ref`, `https://.../x.whl`, local path). */
  url?: string;
  /** A VCS URL (`git+`, `hg+`, `svn+`, `bzr+`). */
  vcs: boolean;
  /** The VCS ref when the URL has one (`@<ref>`). */
  vcsRef?: string;
  /** VCS URL pinned to a full commit id. */
  commitPinned: boolean;
  editable: boolean;
  /** Included file (`-r`, `-c`) as written. */
  include?: string;
  /** Option name for `kind: 'option'` (`--index-url`, ...). */
  option?: string;
}

const VCS_RE = /^(git|hg|svn|bzr)\+/;

function emptyLine(
  line: number,
  endLine: number,
  column: number,
  raw: string,
  kind: RequirementLine['kind'],
): RequirementLine {
  return {
    line,
    endLine,
    column,
    raw,
    kind,
    extras: [],
    specifier: '',
    operators: [],
    pinned: false,
    hashes: [],
    vcs: false,
    commitPinned: false,
    editable: false,
  };
}

/** Splits a VCS URL `git+https://host/repo.git@ref#egg=name&subdirectory=x` into url parts. */
function vcsParts(url: string): { ref?: string; egg?: string } {
  const [beforeFrag, frag = ''] = url.split('#', 2) as [string, string?];
  const out: { ref?: string; egg?: string } = {};
  const at = beforeFrag.lastIndexOf('@');
  // An `@` after the path (not the one in `user@host`) is the ref.
  const schemeEnd = beforeFrag.indexOf('://');
  const pathStart = beforeFrag.indexOf('/', schemeEnd + 3);
  if (at > pathStart && pathStart > 0) out.ref = beforeFrag.slice(at + 1);
  const egg = /(?:^|&)egg=([^&]+)/.exec(frag);
  if (egg) out.egg = egg[1] as string;
  return out;
}

/** A line ending in one backslash (an escaped `\\\\` at the end is not a continuation). */
function endsWithContinuation(line: string): boolean {
  const n = line.length;
  return n > 0 && line.charCodeAt(n - 1) === 92 && (n === 1 || line.charCodeAt(n - 2) !== 92);
}

/**
 * Parses a pip requirements file: requirement specifiers, `--hash` options, `-r`/`-c` includes,
 * `-e` editables, URLs and VCS references, environment markers, line continuations and comments.
 * Never throws; lines it cannot read are returned as `kind: 'option'` with `option: 'unparsed'`.
 */
export function parseRequirements(text: string, _path = 'requirements.txt'): RequirementLine[] {
  const physical = text.split(/\r?\n/);
  const out: RequirementLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    // Continuations are collected and joined once: re-testing and re-copying the growing logical
    // line made a file of 20k continued lines quadratic (seconds for 262 KB).
    let current = physical[i] as string;
    let parts: string[] | undefined;
    while (endsWithContinuation(current) && i + 1 < physical.length) {
      parts ??= [];
      parts.push(current.slice(0, -1));
      current = physical[++i] as string;
    }
    let logical = current;
    if (parts) {
      parts.push(current);
      logical = parts.join('');
    }
    // Comments: `#` at the start or after whitespace (URL fragments like `#egg=` are kept).
    const noComment = logical.replace(/(^|\s)#.*$/, '').trim();
    if (!noComment) continue;
    const column = (physical[start] as string).search(/\S/) + 1;
    const lineNo = start + 1;
    const endLine = i + 1;

    const includeM = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(noComment);
    if (includeM) {
      const kind = includeM[1] === '-c' || includeM[1] === '--constraint' ? 'constraint' : 'include';
      const l = emptyLine(lineNo, endLine, column, noComment, kind);
      l.include = includeM[2] as string;
      out.push(l);
      continue;
    }
    let body = noComment;
    let editable = false;
    const ed = /^(-e|--editable)(?:\s+|=)(.*)$/.exec(body);
    if (ed) {
      editable = true;
      body = (ed[2] as string).trim();
    } else if (body.startsWith('-')) {
      const l = emptyLine(lineNo, endLine, column, noComment, 'option');
      l.option = (/^(-{1,2}[A-Za-z-]+)/.exec(body)?.[1] as string | undefined) ?? body;
      out.push(l);
      continue;
    }
    // Per-requirement options (`--hash=...`, `--config-settings`) follow the specifier.
    const hashes: string[] = [];
    body = body.replace(/\s--hash(?:=|\s+)(\S+)/g, (_m, h: string) => {
      hashes.push(h);
      return '';
    });
    body = body.replace(/\s--[a-z-]+(?:=|\s+)\S+/g, '').trim();
    const l = emptyLine(lineNo, endLine, column, noComment, 'requirement');
    l.hashes = hashes;
    l.editable = editable;

    const urlLike = /^([a-z+]+:\/\/|[a-z]+\+[a-z]+:|\.{0,2}\/|file:)/i.test(body);
    if (urlLike) {
      // Bare URL or path: name from `#egg=`, else from an archive file name.
      const sc = body.search(/\s;/);
      const url = (sc < 0 ? body : body.slice(0, sc)).trim();
      if (sc >= 0) l.marker = body.slice(sc).replace(/^\s*;/, '').trim();
      l.url = url;
      l.vcs = VCS_RE.test(url);
      const parts = vcsParts(url);
      const eggName = parts.egg?.replace(/\[.*$/, '');
      if (eggName) {
        l.rawName = eggName;
        l.name = normalizePythonName(eggName);
      } else if (!l.vcs) {
        const file = url.split(/[?#]/)[0]?.split('/').pop() ?? '';
        const n = /^([A-Za-z0-9][A-Za-z0-9._]*?)-[0-9]/.exec(file);
        if (n) {
          l.rawName = n[1] as string;
          l.name = normalizePythonName(n[1] as string);
        }
      }
      if (l.vcs) {
        if (parts.ref) l.vcsRef = parts.ref;
        l.commitPinned = isFullCommit(parts.ref);
      } else {
        const v = versionFromFilename(url);
        if (v) l.version = v;
      }
      out.push(l);
      continue;
    }
    const req = parsePep508(body);
    if (!req) {
      const bad = emptyLine(lineNo, endLine, column, noComment, 'option');
      bad.option = 'unparsed';
      out.push(bad);
      continue;
    }
    l.rawName = req.rawName;
    l.name = req.name;
    l.extras = req.extras;
    l.specifier = req.specifier;
    l.operators = req.operators;
    if (req.marker) l.marker = req.marker;
    if (req.url) {
      l.url = req.url;
      l.vcs = VCS_RE.test(req.url);
      if (l.vcs) {
        const ref = vcsParts(req.url).ref;
        if (ref) l.vcsRef = ref;
        l.commitPinned = isFullCommit(ref);
      } else {
        const v = versionFromFilename(req.url);
        if (v) l.version = v;
      }
    }
    const pin = /^(===|==)([^,*]+)$/.exec(req.specifier);
    if (pin) {
      l.pinned = true;
      l.version = pin[2] as string;
    }
    out.push(l);
  }
  return out;
}
