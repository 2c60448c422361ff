import { InputError } from '@shipshape/core';
import type { CollectedProject } from '../../model.js';
import {
  type CollectorInput,
  hexHash,
  type LockedPackage,
  lockedProject,
  safePurl,
  unreferencedRoots,
} from '../locked.js';
import { basename } from '../npm/common.js';

/** An Elixir term as mix.lock writes it: maps, tuples, lists, keyword pairs, atoms, strings. */
export type Term =
  | { t: 'map'; entries: [Term, Term][] }
  | { t: 'tuple'; items: Term[] }
  | { t: 'list'; items: Term[] }
  | { t: 'kw'; key: string; value: Term }
  | { t: 'atom'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: string };

/**
 * Reads the literal subset of Elixir terms mix.lock uses. Iterative (an explicit stack), so a
 * deeply nested hostile file cannot overflow the call stack. Throws on anything else.
 */
export function parseTerm(text: string): Term {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '#') while (i < text.length && text[i] !== '\n') i++;
      else if (/\s/.test(c)) i++;
      else break;
    }
  };
  const string = (): string => {
    i++; // opening quote
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        out += text[i + 1] ?? '';
        i += 2;
      } else out += text[i++];
    }
    if (text[i] !== '"') fail('unterminated string');
    i++;
    return out;
  };
  type Frame = { kind: 'map' | 'tuple' | 'list'; items: Term[]; pendingKw?: string };
  const stack: Frame[] = [];
  let result: Term | undefined;
  const push = (term: Term) => {
    const top = stack[stack.length - 1];
    if (!top) {
      result = term;
      return;
    }
    if (top.pendingKw !== undefined) {
      top.items.push({ t: 'kw', key: top.pendingKw, value: term });
      top.pendingKw = undefined;
    } else top.items.push(term);
  };
  const close = (kind: Frame['kind']) => {
    const f = stack.pop();
    if (f?.kind !== kind) fail(`unexpected closing of ${kind}`);
    const frame = f as Frame;
    if (kind === 'map') {
      const entries: [Term, Term][] = [];
      for (const item of frame.items) {
        if (item.t === 'kw') entries.push([{ t: 'str', v: item.key }, item.value]);
      }
      push({ t: 'map', entries });
    } else push(kind === 'tuple' ? { t: 'tuple', items: frame.items } : { t: 'list', items: frame.items });
  };
  while (true) {
    ws();
    if (i >= text.length) break;
    if (stack.length > 256) fail('nesting deeper than 256');
    const c = text[i] as string;
    if (c === '%' && text[i + 1] === '{') {
      stack.push({ kind: 'map', items: [] });
      i += 2;
    } else if (c === '{') {
      stack.push({ kind: 'tuple', items: [] });
      i++;
    } else if (c === '[') {
      stack.push({ kind: 'list', items: [] });
      i++;
    } else if (c === '}') {
      i++;
      close(stack[stack.length - 1]?.kind === 'map' ? 'map' : 'tuple');
    } else if (c === ']') {
      i++;
      close('list');
    } else if (c === ',') i++;
    else if (c === '=' && text[i + 1] === '>') {
      // `"key" => value` (older mix.lock): the key already pushed becomes a keyword key.
      i += 2;
      const top = stack[stack.length - 1];
      const key = top?.items.pop();
      if (!top || (key?.t !== 'str' && key?.t !== 'atom')) fail('=> without a string key');
      (top as Frame).pendingKw = (key as { v: string }).v;
    } else if (c === '"') {
      const s = string();
      ws();
      if (text[i] === ':' && text[i + 1] !== ':') {
        // `"key": value` keyword syntax with a quoted key.
        i++;
        const top = stack[stack.length - 1];
        if (top) top.pendingKw = s;
        continue;
      }
      push({ t: 'str', v: s });
    } else if (c === ':') {
      i++;
      if (text[i] === '"') push({ t: 'atom', v: string() });
      else {
        const m = /^[A-Za-z_][\w@]*[?!]?/.exec(text.slice(i, i + 256));
        if (!m) fail('bad atom');
        i += (m as RegExpExecArray)[0].length;
        push({ t: 'atom', v: (m as RegExpExecArray)[0] });
      }
    } else {
      const m = /^[A-Za-z_][\w@]*[?!]?:(?=\s)|^[A-Za-z_][\w.@]*[?!]?|^-?[0-9][0-9_.]*/.exec(text.slice(i, i + 256));
      if (!m) fail(`unexpected ${JSON.stringify(c)}`);
      const word = (m as RegExpExecArray)[0];
      i += word.length;
      if (word.endsWith(':')) {
        const top = stack[stack.length - 1];
        if (top) top.pendingKw = word.slice(0, -1);
      } else if (/^-?[0-9]/.test(word)) push({ t: 'num', v: word });
      else push({ t: 'atom', v: word });
    }
  }
  if (stack.length) fail('unclosed collection');
  if (!result) fail('empty');
  return result as Term;
}

const s = (t: Term | undefined): string | undefined => (t?.t === 'str' || t?.t === 'atom' ? t.v : undefined);

/**
 * An Elixir project from mix.lock: `:hex` entries (package name, version, the outer SHA-256
 * checksum as a hash, `repo` other than hexpm as a qualifier) and `:git` entries (commit as
 * version), dependency lists as edges (`optional: true` kept optional). mix.exs is code and is
 * not read: roots are the packages nothing depends on.
 */
export function collectHexProject(input: CollectorInput): CollectedProject {
  const lockFile = input.files.find((f) => basename(f.path) === 'mix.lock');
  if (!lockFile) throw new InputError(`${input.dir || '.'}: no mix.lock`, input.dir);
  let term: Term;
  try {
    term = parseTerm(lockFile.text);
  } catch (error) {
    throw new InputError(`${lockFile.path}: not a mix.lock map (${(error as Error).message})`, lockFile.path);
  }
  if (term.t !== 'map') throw new InputError(`${lockFile.path}: not a mix.lock map`, lockFile.path);
  const apps = new Map<string, Term[]>();
  for (const [k, v] of term.entries) {
    const app = s(k);
    if (app && v.t === 'tuple') apps.set(app, v.items);
  }
  const packages: LockedPackage[] = [];
  for (const [app, items] of apps) {
    const kind = s(items[0]);
    const properties: Record<string, string> = {};
    if (kind === 'hex') {
      const pkgName = s(items[1]) ?? app;
      const version = s(items[2]);
      const deps = items[5]?.t === 'list' ? items[5].items : [];
      const repo = s(items[6]);
      const dependsOn: string[] = [];
      const optionalDeps: string[] = [];
      for (const d of deps) {
        if (d.t !== 'tuple') continue;
        const depApp = s(d.items[0]);
        if (!depApp || !apps.has(depApp)) continue;
        const opts = d.items[2]?.t === 'list' ? d.items[2].items : [];
        const optional = opts.some((o) => o.t === 'kw' && o.key === 'optional' && s(o.value) === 'true');
        (optional ? optionalDeps : dependsOn).push(depApp);
      }
      if (app !== pkgName) properties['shipshape:app'] = app;
      const pkg: LockedPackage = {
        key: app,
        name: pkgName,
        purl: safePurl('hex', repo && repo !== 'hexpm' ? repo : undefined, pkgName, version),
        hashes: hexHash('SHA-256', s(items[7])),
        dependsOn,
        optionalDeps,
        properties,
      };
      if (version) pkg.version = version;
      packages.push(pkg);
    } else if (kind === 'git') {
      const url = s(items[1]);
      const commit = s(items[2]);
      if (commit) properties['shipshape:git-commit'] = commit;
      const pkg: LockedPackage = {
        key: app,
        name: app,
        purl: safePurl(
          'hex',
          undefined,
          app,
          commit,
          url ? { vcs_url: `git+${url}${commit ? `@${commit}` : ''}` } : undefined,
        ),
        properties,
      };
      if (commit) pkg.version = commit;
      if (url) pkg.resolved = url;
      packages.push(pkg);
    }
  }
  const manifest = input.files.find((f) => basename(f.path) === 'mix.exs');
  return lockedProject({
    type: 'hex',
    ecosystem: 'hex',
    dir: input.dir,
    files: [...(manifest ? [manifest.path] : []), lockFile.path],
    sourceFile: lockFile.path,
    format: 'mix.lock',
    packages,
    roots: unreferencedRoots(packages),
    includeDev: input.includeDev ?? true,
  });
}
