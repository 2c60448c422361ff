import { InputError } from '@shipshape/core';
import type { CollectedProject, Hash } from '../../model.js';
import { allRoots, base64ToHex, type CollectorInput, type LockedPackage, lockedProject, safePurl } from '../locked.js';
import { basename, dirname, joinPosix } from '../npm/common.js';

/** One `require`/`replace`/`exclude`/`use` directive of go.mod or go.work. */
export interface GoDirective {
  verb: string;
  args: string[];
  /** `// indirect` comment. */
  indirect: boolean;
  line: number;
}

export interface GoMod {
  module?: string;
  go?: string;
  requires: { path: string; version: string; indirect: boolean; line: number }[];
  replaces: { from: string; fromVersion?: string; to: string; toVersion?: string; line: number }[];
  excludes: { path: string; version: string }[];
  uses: string[];
}

/** Splits a directive line into tokens: quoted "strings", `raw` strings and bare words. */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|`([^`]*)`|(=>)|([^\s"`]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

/** Removes a `//` comment outside quotes; returns the code and the comment. */
function splitComment(line: string): [string, string] {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') return [line.slice(0, i), line.slice(i + 2)];
  }
  return [line, ''];
}

/** Parses go.mod or go.work text (the two share the directive grammar). */
export function parseGoMod(text: string): GoMod {
  const mod: GoMod = { requires: [], replaces: [], excludes: [], uses: [] };
  const directives: GoDirective[] = [];
  let block: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const [code, comment] = splitComment(lines[i] as string);
    const indirect = /^\s*indirect\b/.test(comment);
    const t = tokens(code);
    if (t.length === 0) continue;
    if (block !== undefined) {
      if (t[0] === ')') {
        block = undefined;
        continue;
      }
      directives.push({ verb: block, args: t, indirect, line: i + 1 });
      continue;
    }
    const verb = t[0] as string;
    if (t[1] === '(') {
      block = verb;
      continue;
    }
    directives.push({ verb, args: t.slice(1), indirect, line: i + 1 });
  }
  for (const d of directives) {
    const [a, b] = d.args;
    switch (d.verb) {
      case 'module':
        if (a) mod.module = a;
        break;
      case 'go':
        if (a) mod.go = a;
        break;
      case 'require':
        if (a && b) mod.requires.push({ path: a, version: b, indirect: d.indirect, line: d.line });
        break;
      case 'exclude':
        if (a && b) mod.excludes.push({ path: a, version: b });
        break;
      case 'use':
        if (a) mod.uses.push(a);
        break;
      case 'replace': {
        const arrow = d.args.indexOf('=>');
        if (arrow < 1) break;
        const left = d.args.slice(0, arrow);
        const right = d.args.slice(arrow + 1);
        if (!left[0] || !right[0]) break;
        const r: GoMod['replaces'][number] = { from: left[0], to: right[0], line: d.line };
        if (left[1]) r.fromVersion = left[1];
        if (right[1]) r.toVersion = right[1];
        mod.replaces.push(r);
        break;
      }
      default:
        break;
    }
  }
  return mod;
}

/** `h1:` hashes of go.sum by `module@version` (the module zip's dirhash, SHA-256). */
export function parseGoSum(text: string): Map<string, Hash> {
  const out = new Map<string, Hash>();
  for (const line of text.split(/\r?\n/)) {
    const [path, version, sum] = line.trim().split(/\s+/);
    if (!path || !version || !sum || version.endsWith('/go.mod') || !sum.startsWith('h1:')) continue;
    const hex = base64ToHex(sum.slice(3));
    if (hex && hex.length === 64) out.set(`${path}@${version}`, { alg: 'SHA-256', content: hex });
  }
  return out;
}

/** `pkg:golang/<path up to the last slash>/<last segment>@<version>`. */
export function goPurl(path: string, version: string | undefined): string {
  const i = path.lastIndexOf('/');
  return safePurl('golang', i > 0 ? path.slice(0, i) : undefined, i > 0 ? path.slice(i + 1) : path, version);
}

function isLocalPath(p: string): boolean {
  return p.startsWith('./') || p.startsWith('../') || p.startsWith('/') || p === '.' || p === '..';
}

/**
 * A Go module: go.mod's `require` list (Go 1.17+ lists every module of the build, `// indirect`
 * kept as a property), `replace` and `exclude` applied (a go.work's replaces override), go.sum's
 * `h1:` hashes. go.mod records no module graph, so every module hangs from the main module.
 * A replacement by a local path is a `file` component.
 */
export function collectGoProject(input: CollectorInput): CollectedProject {
  const modFile = input.files.find((f) => basename(f.path) === 'go.mod');
  const sumFile = input.files.find((f) => basename(f.path) === 'go.sum');
  if (!modFile) throw new InputError(`${input.dir || '.'}: go.sum without go.mod`, sumFile?.path ?? input.dir);
  const mod = parseGoMod(modFile.text);
  const sums = sumFile ? parseGoSum(sumFile.text) : new Map<string, Hash>();
  const files = [modFile.path, ...(sumFile ? [sumFile.path] : [])];
  // The nearest go.work above that uses this module overrides its replaces.
  const replaces = [...mod.replaces];
  let workPath: string | undefined;
  for (let d: string | undefined = input.dir; d !== undefined; d = d === '' ? undefined : dirname(d)) {
    const work = input.lookup?.(d === '' ? 'go.work' : `${d}/go.work`);
    if (!work) continue;
    const parsed = parseGoMod(work.text);
    const rel = d === '' ? input.dir : input.dir.slice(d.length + 1);
    if (parsed.uses.some((u) => joinPosix(u) === joinPosix(rel))) {
      workPath = work.path;
      replaces.unshift(...parsed.replaces);
      files.push(work.path);
    }
    break;
  }
  const excluded = new Set(mod.excludes.map((e) => `${e.path}@${e.version}`));
  const packages: LockedPackage[] = [];
  for (const req of mod.requires) {
    if (excluded.has(`${req.path}@${req.version}`)) continue;
    const rep = replaces.find(
      (r) => r.from === req.path && (r.fromVersion === undefined || r.fromVersion === req.version),
    );
    const properties: Record<string, string> = {};
    if (req.indirect) properties['shipshape:indirect'] = 'true';
    let pkg: LockedPackage;
    if (rep && isLocalPath(rep.to)) {
      properties['shipshape:replaced-by'] = rep.to;
      pkg = {
        key: req.path,
        name: req.path,
        purl: goPurl(req.path, undefined),
        componentType: 'file',
        resolved: rep.to,
        properties,
      };
    } else {
      const path = rep ? rep.to : req.path;
      const version = rep?.toVersion ?? req.version;
      if (rep) properties['shipshape:replaces'] = `${req.path}@${req.version}`;
      const hash = sums.get(`${path}@${version}`);
      pkg = { key: `${path}@${version}`, name: path, version, purl: goPurl(path, version), properties };
      if (hash) pkg.hashes = [hash];
    }
    packages.push(pkg);
  }
  const name = mod.module ?? (basename(input.dir) || 'root');
  const properties: Record<string, string> = {};
  if (mod.go) properties['shipshape:go-version'] = mod.go;
  if (workPath) properties['shipshape:go-workspace'] = workPath;
  return lockedProject({
    type: 'go',
    ecosystem: 'golang',
    dir: input.dir,
    name,
    files,
    sourceFile: modFile.path,
    format: 'go.mod',
    packages,
    roots: allRoots(packages),
    includeDev: input.includeDev ?? true,
    flat: true,
    properties,
  });
}
