import { InputError } from '@shipshape/core';
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import {
  addHash,
  classifyResolved,
  gitCommit,
  integrityToHashes,
  isRecord,
  joinPosix,
  type RawDirect,
  type RawPackage,
  splitDescriptor,
  stringMap,
} from './common.js';
import type { PackageJsonInfo } from './package-json.js';
import type { LockReadResult } from './package-lock.js';

type Entry = Record<string, unknown>;

/** Reads the string at `s[i]` (a `"`-quoted JSON-style string); returns [value, next index]. */
function readQuoted(s: string, i: number): [string, number] {
  let j = i + 1;
  let out = '';
  while (j < s.length && s[j] !== '"') {
    if (s[j] === '\\' && j + 1 < s.length) {
      const c = s[j + 1] as string;
      out += c === 'n' ? '\n' : c === 't' ? '\t' : c;
      j += 2;
    } else {
      out += s[j];
      j++;
    }
  }
  return [out, j + 1];
}

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') ? readQuoted(t, 0)[0] : t;
}

/** Splits `"a@^1", a@^2` on commas outside quotes. */
function splitKeys(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '"') {
      const [v, next] = readQuoted(s, i);
      cur += v;
      i = next - 1;
    } else if (c === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/**
 * Parser for the yarn v1 lockfile syntax (an indentation format close to, but not, YAML):
 * `key value` pairs and `key:` blocks. Throws on structure it cannot read.
 */
export function parseYarnV1(text: string, path: string): Record<string, Entry> {
  const root: Record<string, Entry> = {};
  const stack: { indent: number; obj: Entry }[] = [{ indent: -1, obj: root as Entry }];
  const lines = text.split(/\r?\n/);
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln] as string;
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    while ((stack[stack.length - 1] as { indent: number }).indent >= indent) stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) throw new InputError(`${path}:${ln + 1}: bad indentation`, path);
    const body = content.trimEnd();
    if (body.endsWith(':')) {
      const obj: Entry = {};
      const keyText = body.slice(0, -1);
      for (const key of indent === 0 ? splitKeys(keyText) : [unquote(keyText)]) parent.obj[key] = obj;
      stack.push({ indent, obj });
      continue;
    }
    let key: string;
    let rest: string;
    if (body.startsWith('"')) {
      const [k, next] = readQuoted(body, 0);
      key = k;
      rest = body.slice(next);
    } else {
      const sp = body.search(/\s/);
      if (sp < 0) throw new InputError(`${path}:${ln + 1}: expected "key value"`, path);
      key = body.slice(0, sp);
      rest = body.slice(sp);
    }
    if (indent === 0) throw new InputError(`${path}:${ln + 1}: expected an entry header ending in ":"`, path);
    parent.obj[key] = unquote(rest);
  }
  return root;
}

export function isBerryLock(text: string): boolean {
  return /^__metadata:/m.test(text);
}

interface YarnEntryInfo {
  descriptors: string[];
  entry: Entry;
  name: string;
  version?: string;
  resolution: string;
}

/** Gives each entry a key: `name@version`, the first registry entry wins, others get a suffix. */
function assignKeys(
  infos: YarnEntryInfo[],
  isRegistry: (i: YarnEntryInfo) => boolean,
  suffix: (i: YarnEntryInfo) => string,
) {
  const keys = new Map<YarnEntryInfo, string>();
  const taken = new Set<string>();
  const ordered = [...infos.filter(isRegistry), ...infos.filter((i) => !isRegistry(i))];
  for (const info of ordered) {
    let key = `${info.name}@${info.version ?? info.resolution}`;
    if (taken.has(key)) key = `${key} (${suffix(info)})`;
    let n = 2;
    while (taken.has(key)) key = `${info.name}@${info.version ?? ''} (${suffix(info)}) #${n++}`;
    taken.add(key);
    keys.set(info, key);
  }
  return keys;
}

function rootsFromManifest(
  manifest: PackageJsonInfo | undefined,
  findKey: (name: string, range: string) => string | undefined,
): RawDirect[] {
  const roots: RawDirect[] = [];
  for (const d of manifest?.deps ?? []) {
    if (d.group === 'peer') continue;
    const key = findKey(d.name, d.range);
    if (!key) continue;
    const scope = d.group === 'dev' ? 'excluded' : d.group === 'optional' ? 'optional' : 'required';
    const prev = roots.find((r) => r.key === key);
    if (prev) {
      if (scope === 'required') prev.scope = 'required';
    } else roots.push({ key, scope });
  }
  return roots;
}

/** yarn.lock v1: descriptors -> entries with `version`, `resolved`, `integrity`, dependency ranges. */
export function readYarnV1(
  text: string,
  path: string,
  manifest?: PackageJsonInfo,
  workspaceManifests: { dir: string; info: PackageJsonInfo }[] = [],
): LockReadResult {
  const parsed = parseYarnV1(text, path);
  const byEntry = new Map<Entry, YarnEntryInfo>();
  for (const [descriptor, entry] of Object.entries(parsed)) {
    if (!isRecord(entry)) continue;
    let info = byEntry.get(entry);
    if (!info) {
      let [name, range] = splitDescriptor(descriptor);
      if (range.startsWith('npm:')) [name] = splitDescriptor(range.slice(4));
      info = {
        descriptors: [],
        entry,
        name,
        resolution: typeof entry.resolved === 'string' ? entry.resolved : descriptor,
      };
      if (typeof entry.version === 'string') info.version = entry.version;
      byEntry.set(entry, info);
    }
    info.descriptors.push(descriptor);
  }
  const infos = [...byEntry.values()];
  const keys = assignKeys(
    infos,
    (i) => classifyResolved(i.entry.resolved as string | undefined) === 'registry',
    (i) => i.resolution,
  );
  const byDescriptor = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const packages = new Map<string, RawPackage>();
  for (const info of infos) {
    const key = keys.get(info) as string;
    for (const d of info.descriptors) byDescriptor.set(d, key);
    for (const d of info.descriptors) {
      const n = splitDescriptor(d)[0];
      const list = byName.get(n) ?? [];
      if (!list.includes(key)) list.push(key);
      byName.set(n, list);
    }
    const e = info.entry;
    const rawResolved = typeof e.resolved === 'string' ? e.resolved : undefined;
    const kind = classifyResolved(rawResolved);
    const hashes = integrityToHashes(e.integrity);
    let resolved = rawResolved;
    // Registry and tarball URLs carry the tarball's SHA-1 after `#`; git URLs carry the commit.
    if (rawResolved && (kind === 'registry' || kind === 'tarball')) {
      const m = /#([0-9a-f]{40})$/.exec(rawResolved);
      if (m) {
        addHash(hashes, { alg: 'SHA-1', content: m[1] as string });
        resolved = rawResolved.slice(0, rawResolved.indexOf('#'));
      }
    }
    const pkg: RawPackage = { key, name: info.name, hashes, licenses: [], edges: [], properties: {} };
    if (info.version) pkg.version = info.version;
    if (resolved) pkg.resolved = resolved;
    const aliased = info.descriptors
      .map((d) => splitDescriptor(d))
      .find(([n, r]) => r.startsWith('npm:') && n !== info.name);
    if (aliased) pkg.alias = aliased[0];
    if (kind === 'git' && rawResolved) {
      const commit = gitCommit(rawResolved);
      if (commit) pkg.properties['shipshape:git-commit'] = commit;
    }
    packages.set(key, pkg);
  }
  const findKey = (name: string, range: string): string | undefined => {
    const hit = byDescriptor.get(`${name}@${range}`);
    if (hit) return hit;
    const list = byName.get(name);
    return list?.length === 1 ? list[0] : undefined;
  };
  for (const info of infos) {
    const pkg = packages.get(keys.get(info) as string) as RawPackage;
    const add = (deps: unknown, optional: boolean) => {
      for (const [n, r] of Object.entries(stringMap(deps))) {
        const to = findKey(n, r);
        if (to && !pkg.edges.some((x) => x.to === to)) pkg.edges.push({ to, optional, dev: false });
      }
    };
    add(info.entry.dependencies, false);
    add(info.entry.optionalDependencies, true);
  }
  const roots = rootsFromManifest(manifest, findKey);
  addWorkspaceMembers(packages, roots, workspaceManifests, findKey, (dir) => `workspace:${dir}`);
  const result: LockReadResult = { packages, roots, recordedScopes: false, format: 'yarn.lock v1' };
  return result;
}

/**
 * Workspace members known only from their package.json (yarn v1 does not lock workspaces):
 * each becomes a package with its own edges, and a root of the project.
 */
function addWorkspaceMembers(
  packages: Map<string, RawPackage>,
  roots: RawDirect[],
  members: { dir: string; info: PackageJsonInfo }[],
  findKey: (name: string, range: string) => string | undefined,
  keyOf: (dir: string, info: PackageJsonInfo) => string,
): void {
  const byName = new Map<string, string>();
  for (const m of members) {
    const name = m.info.name ?? m.dir;
    const key = `${name}@${keyOf(m.dir, m.info)}`;
    byName.set(name, key);
    const pkg: RawPackage = {
      key,
      name,
      licenses: m.info.license ? [m.info.license] : [],
      hashes: [],
      edges: [],
      properties: {},
      workspace: true,
    };
    if (m.info.version) pkg.version = m.info.version;
    pkg.resolved = `file:${m.dir}`;
    packages.set(key, pkg);
    roots.push({ key, scope: 'required' });
  }
  for (const m of members) {
    const pkg = packages.get(byName.get(m.info.name ?? m.dir) as string) as RawPackage;
    for (const d of m.info.deps) {
      if (d.group === 'peer') continue;
      const to = byName.get(d.name) ?? findKey(d.name, d.range);
      if (to && to !== pkg.key && !pkg.edges.some((x) => x.to === to)) {
        pkg.edges.push({ to, optional: d.group === 'optional', dev: d.group === 'dev' });
      }
    }
  }
}

/** Berry (yarn 2+): YAML with `__metadata`, `resolution`, `checksum`, protocols in every range. */
export function readYarnBerry(
  text: string,
  path: string,
  manifest?: PackageJsonInfo,
  workspaceManifests: { dir: string; info: PackageJsonInfo }[] = [],
): LockReadResult {
  let doc: unknown;
  try {
    doc = load(text, { schema: FAILSAFE_SCHEMA });
  } catch (err) {
    throw new InputError(`${path}: not valid YAML (${(err as Error).message})`, path);
  }
  if (!isRecord(doc)) throw new InputError(`${path}: expected a YAML mapping`, path);
  const meta = isRecord(doc.__metadata) ? doc.__metadata : {};
  const infos: YarnEntryInfo[] = [];
  for (const [keyText, entry] of Object.entries(doc)) {
    if (keyText === '__metadata' || !isRecord(entry)) continue;
    const resolution = typeof entry.resolution === 'string' ? entry.resolution : keyText;
    const [name] = splitDescriptor(resolution);
    const info: YarnEntryInfo = { descriptors: splitKeys(keyText), entry, name, resolution };
    if (typeof entry.version === 'string') info.version = entry.version;
    infos.push(info);
  }
  const protocolOf = (res: string) => splitDescriptor(res)[1].replace(/^([a-z+]+:).*$/s, '$1');
  const isWorkspace = (i: YarnEntryInfo) => protocolOf(i.resolution) === 'workspace:';
  const wsManifest = (i: YarnEntryInfo) => {
    const dir = splitDescriptor(i.resolution)[1].slice('workspace:'.length);
    return { dir, info: workspaceManifests.find((m) => joinPosix(m.dir) === joinPosix(dir))?.info };
  };
  for (const i of infos) {
    if (!isWorkspace(i)) continue;
    // `0.0.0-use.local` is yarn's placeholder, not the member's version.
    const v = wsManifest(i).info?.version;
    if (v) i.version = v;
    else delete i.version;
  }
  const keys = assignKeys(
    infos.filter((i) => !(isWorkspace(i) && splitDescriptor(i.resolution)[1] === 'workspace:.')),
    (i) => protocolOf(i.resolution) === 'npm:',
    (i) => {
      const range = splitDescriptor(i.resolution)[1];
      const hash = /[?&]hash=([0-9a-f]+)/.exec(range);
      if (protocolOf(i.resolution) === 'patch:' && hash) return `patch:${hash[1]}`;
      return range;
    },
  );
  for (const i of infos) if (isWorkspace(i) && keys.has(i)) keys.set(i, `${i.name}@workspace:${wsManifest(i).dir}`);
  const rootInfo = infos.find((i) => isWorkspace(i) && splitDescriptor(i.resolution)[1] === 'workspace:.');

  const packages = new Map<string, RawPackage>();
  const byDescriptor = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const info of infos) {
    const key = keys.get(info);
    if (!key) continue;
    for (const d of info.descriptors) {
      byDescriptor.set(d, key);
      const n = splitDescriptor(d)[0];
      const list = byName.get(n) ?? [];
      if (!list.includes(key)) list.push(key);
      byName.set(n, list);
    }
    const e = info.entry;
    const range = splitDescriptor(info.resolution)[1];
    const proto = protocolOf(info.resolution);
    const pkg: RawPackage = { key, name: info.name, hashes: [], licenses: [], edges: [], properties: {} };
    if (info.version) pkg.version = info.version;
    // The checksum hashes yarn's zip archive, not the published tarball, so it is not a hash of
    // the component anyone else can verify; keep it as a property for traceability only.
    if (typeof e.checksum === 'string') {
      const ck = e.checksum.includes('/')
        ? e.checksum
        : `${typeof meta.cacheKey === 'string' ? meta.cacheKey : ''}/${e.checksum}`;
      pkg.properties['shipshape:yarn-checksum'] = ck;
    }
    if (proto === 'npm:') {
      const aliased = info.descriptors.map((d) => splitDescriptor(d)[0]).find((n) => n !== info.name);
      if (aliased) pkg.alias = aliased;
    } else if (proto === 'patch:') {
      pkg.properties['shipshape:patch'] = info.resolution;
      const inner = decodeURIComponent(range.slice('patch:'.length).split('#')[0] ?? '');
      pkg.resolved = inner;
    } else if (proto === 'workspace:') {
      pkg.workspace = true;
      pkg.resolved = `file:${wsManifest(info).dir}`;
      const wsInfo = wsManifest(info).info;
      if (wsInfo?.license) pkg.licenses = [wsInfo.license];
    } else {
      // git (`https://github.com/a/b.git#commit=<sha>`), tarball URLs, file:, portal:, link:, exec:.
      pkg.resolved = range;
      const kind = classifyResolved(range);
      if (kind === 'git' || /#commit=/.test(range)) {
        const commit = gitCommit(range);
        if (commit) pkg.properties['shipshape:git-commit'] = commit;
        pkg.qualifiers = { vcs_url: range.startsWith('git') ? range : `git+${range}` };
      } else if (kind === 'tarball') pkg.qualifiers = { download_url: range };
      else pkg.qualifiers = {};
    }
    packages.set(key, pkg);
  }
  // yarn's compat patches (resolve, typescript, fsevents) and `patch:` resolutions replace the base
  // package at install time: edges go to the patched entry, which depends on the base it was built from.
  const patchedOf = new Map<string, string>();
  for (const info of infos) {
    if (protocolOf(info.resolution) !== 'patch:') continue;
    const key = keys.get(info);
    if (!key) continue;
    for (const d of info.descriptors) {
      const inner = decodeURIComponent(splitDescriptor(d)[1].slice('patch:'.length).split('#')[0] ?? '');
      const base = byDescriptor.get(inner);
      if (base && base !== key) {
        patchedOf.set(inner, key);
        const pkg = packages.get(key) as RawPackage;
        if (!pkg.edges.some((e) => e.to === base)) pkg.edges.push({ to: base, optional: false, dev: false });
      }
    }
  }
  const findKey = (name: string, range: string): string | undefined => {
    const desc = byDescriptor.has(`${name}@${range}`) ? `${name}@${range}` : `${name}@npm:${range}`;
    const patched = patchedOf.get(desc);
    if (patched) return patched;
    const hit = byDescriptor.get(desc);
    if (hit) return hit;
    const list = byName.get(name);
    return list?.length === 1 ? list[0] : undefined;
  };
  const edgesOf = (entry: Entry) => {
    const out: { to: string; optional: boolean; name: string }[] = [];
    const depsMeta = isRecord(entry.dependenciesMeta) ? entry.dependenciesMeta : {};
    for (const [n, r] of Object.entries(stringMap(entry.dependencies))) {
      const to = findKey(n, r);
      const m = depsMeta[n];
      if (to) out.push({ to, name: n, optional: isRecord(m) && m.optional === 'true' });
    }
    return out;
  };
  for (const info of infos) {
    const pkg = packages.get(keys.get(info) ?? '');
    if (!pkg) continue;
    const wsDeps = isWorkspace(info) ? wsManifest(info).info?.deps : undefined;
    for (const e of edgesOf(info.entry)) {
      if (pkg.edges.some((x) => x.to === e.to)) continue;
      // A workspace's lock entry merges its dependencies and devDependencies; its package.json tells them apart.
      const dev =
        wsDeps?.some((d) => d.name === e.name && d.group === 'dev') === true &&
        !wsDeps.some((d) => d.name === e.name && d.group !== 'dev');
      pkg.edges.push({ to: e.to, optional: e.optional, dev });
    }
  }
  const roots: RawDirect[] = [];
  if (rootInfo) {
    for (const e of edgesOf(rootInfo.entry)) {
      const groups = manifest?.deps.filter((d) => d.name === e.name).map((d) => d.group) ?? [];
      const scope =
        groups.includes('prod') || groups.includes('peer')
          ? 'required'
          : groups.includes('optional') || e.optional
            ? 'optional'
            : groups.includes('dev')
              ? 'excluded'
              : 'required';
      if (!roots.some((r) => r.key === e.to)) roots.push({ key: e.to, scope });
    }
  } else for (const r of rootsFromManifest(manifest, findKey)) roots.push(r);
  for (const p of packages.values())
    if (p.workspace && !roots.some((r) => r.key === p.key)) roots.push({ key: p.key, scope: 'required' });
  const result: LockReadResult = {
    packages,
    roots,
    recordedScopes: false,
    format: `yarn.lock berry v${String(meta.version ?? '?')}`,
  };
  if (rootInfo) result.rootName = rootInfo.name;
  return result;
}
