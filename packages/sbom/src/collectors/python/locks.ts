import { InputError } from '@shipshape/core';
import type { DependencyScope, Hash } from '../../model.js';
import { addHash, type RawDirect, type RawPackage } from '../npm/common.js';
import { hashTable, isFullCommit, normalizePythonName, parseHashString } from './pep508.js';
import { type PyprojectInfo, parseTomlFile } from './pyproject.js';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);
const tables = (v: unknown): Table[] => (Array.isArray(v) ? v.filter(isTable) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface PyLockRead {
  packages: Map<string, RawPackage>;
  roots: RawDirect[];
  recordedScopes: boolean;
  format: string;
  /** The lockfile records no dependency edges (every package is then direct). */
  flat?: boolean;
  rootName?: string;
  rootVersion?: string;
}

/** Name -> keys, for lockfiles that refer to dependencies by name (several versions in forks). */
class ByName {
  private readonly map = new Map<string, RawPackage[]>();
  add(p: RawPackage): void {
    const list = this.map.get(p.name) ?? [];
    list.push(p);
    this.map.set(p.name, list);
  }
  find(name: string, version?: string): RawPackage[] {
    const list = this.map.get(normalizePythonName(name)) ?? [];
    if (version !== undefined) {
      const exact = list.filter((p) => p.version === version);
      if (exact.length > 0) return exact;
    }
    return list;
  }
}

function newPackage(name: string, version: string | undefined, key?: string): RawPackage {
  const n = normalizePythonName(name);
  const p: RawPackage = {
    key: key ?? (version ? `${n}@${version}` : n),
    name: n,
    hashes: [],
    licenses: [],
    edges: [],
    properties: {},
  };
  if (version) p.version = version;
  return p;
}

function addEdge(from: RawPackage, to: RawPackage, optional: boolean, dev: boolean) {
  if (to.key === from.key) return;
  const prev = from.edges.find((e) => e.to === to.key);
  if (prev) {
    // The strongest reason wins: a required edge beats optional, prod beats dev.
    prev.optional = prev.optional && optional;
    prev.dev = prev.dev && dev;
  } else from.edges.push({ to: to.key, optional, dev });
}

function addRoot(roots: RawDirect[], key: string, scope: DependencyScope) {
  const rank = { required: 0, optional: 1, excluded: 2 } as const;
  const prev = roots.find((r) => r.key === key);
  if (!prev) roots.push({ key, scope });
  else if (rank[scope] < rank[prev.scope]) prev.scope = scope;
}

function pyprojectRoots(py: PyprojectInfo | undefined, byName: ByName, roots: RawDirect[]) {
  for (const d of py?.deps ?? []) {
    const scope: DependencyScope = d.kind === 'main' ? 'required' : d.kind === 'extra' ? 'optional' : 'excluded';
    for (const p of byName.find(d.name)) addRoot(roots, p.key, scope);
  }
}

/** Git source of uv (`https://github.com/o/r?rev=main#<sha>`) to `git+<url>@<sha>` and the commit. */
function uvGit(url: string): { resolved: string; commit?: string } {
  const [base, commit] = url.split('#', 2) as [string, string?];
  const clean = base.replace(/\?.*$/, '');
  const out: { resolved: string; commit?: string } = { resolved: `git+${clean}${commit ? `@${commit}` : ''}` };
  if (commit) out.commit = commit;
  return out;
}

/** uv.lock (version 1): packages with sources, sdist/wheel hashes, dependency edges with extras and dev groups. */
export function readUvLock(text: string, path: string, py?: PyprojectInfo): PyLockRead {
  const doc = parseTomlFile(text, path);
  const entries = tables(doc.package);
  if (!Array.isArray(doc.package) && doc.version === undefined)
    throw new InputError(`${path}: not a uv lockfile`, path);
  const manifest = isTable(doc.manifest) ? doc.manifest : {};
  const members = new Set(
    (Array.isArray(manifest.members) ? manifest.members : [])
      .filter((m): m is string => typeof m === 'string')
      .map(normalizePythonName),
  );
  const packages = new Map<string, RawPackage>();
  const byName = new ByName();
  const pkgOf = new Map<Table, RawPackage>();
  let root: Table | undefined;
  for (const e of entries) {
    const name = str(e.name);
    if (!name) continue;
    const source = isTable(e.source) ? e.source : {};
    const localPath = str(source.editable) ?? str(source.virtual) ?? str(source.directory) ?? str(source.path);
    const n = normalizePythonName(name);
    const isRoot =
      (localPath === '.' && (!py?.name || normalizePythonName(py.name) === n)) ||
      (py?.name !== undefined && normalizePythonName(py.name) === n && localPath !== undefined);
    if (isRoot && !root) {
      root = e;
      continue;
    }
    const version = str(e.version);
    const p = newPackage(name, version);
    if (packages.has(p.key)) p.key = `${p.key} (${JSON.stringify(source)})`;
    if (str(source.registry)) p.properties['shipshape:index'] = source.registry as string;
    if (str(source.git)) {
      const g = uvGit(source.git as string);
      p.resolved = g.resolved;
      if (g.commit) p.properties['shipshape:git-commit'] = g.commit;
      p.qualifiers = { vcs_url: g.resolved };
    } else if (str(source.url)) {
      p.resolved = source.url as string;
      p.qualifiers = { download_url: source.url as string };
    } else if (localPath !== undefined) {
      p.resolved = `file:${localPath}`;
      if (members.has(n)) p.workspace = true;
    }
    const sdist = isTable(e.sdist) ? e.sdist : undefined;
    const h = parseHashString(sdist?.hash);
    if (h) addHash(p.hashes, h);
    for (const w of tables(e.wheels)) {
      const wh = parseHashString(w.hash);
      if (wh) addHash(p.hashes, wh);
    }
    packages.set(p.key, p);
    pkgOf.set(e, p);
    byName.add(p);
  }
  const targets = (d: Table): RawPackage[] => {
    const name = str(d.name);
    if (!name) return [];
    const found = byName.find(name, str(d.version));
    if (found.length <= 1 || !isTable(d.source)) return found;
    const want = JSON.stringify(d.source);
    const bySource = found.filter((p) => p.key.endsWith(`(${want})`));
    return bySource.length > 0 ? bySource : found;
  };
  const wire = (e: Table, from: RawPackage | undefined, roots: RawDirect[] | undefined) => {
    const link = (d: Table, optional: boolean, dev: boolean) => {
      for (const t of targets(d)) {
        if (from) addEdge(from, t, optional, dev);
        if (roots) addRoot(roots, t.key, dev ? 'excluded' : optional ? 'optional' : 'required');
      }
    };
    for (const d of tables(e.dependencies)) link(d, false, false);
    const opt = isTable(e['optional-dependencies']) ? e['optional-dependencies'] : {};
    for (const list of Object.values(opt)) for (const d of tables(list)) link(d, true, false);
    // `dev-dependencies` in uv.lock holds PEP 735 groups; only local packages have them.
    const dev = isTable(e['dev-dependencies']) ? e['dev-dependencies'] : {};
    for (const list of Object.values(dev)) for (const d of tables(list)) link(d, false, true);
  };
  const roots: RawDirect[] = [];
  for (const [e, p] of pkgOf) wire(e, p, undefined);
  if (root) wire(root, undefined, roots);
  else pyprojectRoots(py, byName, roots);
  for (const p of packages.values()) if (p.workspace) addRoot(roots, p.key, 'required');
  const out: PyLockRead = { packages, roots, recordedScopes: false, format: `uv.lock v${String(doc.version ?? '?')}` };
  if (root && typeof root.name === 'string') out.rootName = root.name;
  if (root && typeof root.version === 'string') out.rootVersion = root.version;
  return out;
}

function fileHashes(files: unknown): Hash[] {
  const out: Hash[] = [];
  for (const f of tables(files)) {
    const h = parseHashString(f.hash);
    if (h) addHash(out, h);
  }
  return out;
}

/** poetry.lock: lock-version 1.x (`[metadata.files]`) and 2.x (`files` per package, `groups`). */
export function readPoetryLock(text: string, path: string, py?: PyprojectInfo): PyLockRead {
  const doc = parseTomlFile(text, path);
  const meta = isTable(doc.metadata) ? doc.metadata : {};
  const metaFiles = isTable(meta.files) ? meta.files : {};
  const metaFilesNorm = new Map(Object.entries(metaFiles).map(([k, v]) => [normalizePythonName(k), v]));
  const packages = new Map<string, RawPackage>();
  const byName = new ByName();
  const pkgOf = new Map<Table, RawPackage>();
  let recorded = true;
  for (const e of tables(doc.package)) {
    const name = str(e.name);
    if (!name) continue;
    const p = newPackage(name, str(e.version));
    if (packages.has(p.key)) p.key = `${p.key} (${packages.size})`;
    p.hashes = fileHashes(e.files);
    if (p.hashes.length === 0) p.hashes = fileHashes(metaFilesNorm.get(p.name));
    const groups = Array.isArray(e.groups) ? e.groups.filter((g): g is string => typeof g === 'string') : undefined;
    const category = str(e.category);
    if (groups) {
      p.scope = groups.includes('main') ? (e.optional === true ? 'optional' : 'required') : 'excluded';
      p.properties['shipshape:poetry-groups'] = groups.join(',');
    } else if (category) p.scope = category === 'dev' ? 'excluded' : e.optional === true ? 'optional' : 'required';
    else recorded = false;
    if (str(e.markers)) p.properties['shipshape:marker'] = e.markers as string;
    else if (isTable(e.markers))
      p.properties['shipshape:marker'] = Object.entries(e.markers)
        .map(([g, m]) => `${g}: ${String(m)}`)
        .join('; ');
    const source = isTable(e.source) ? e.source : undefined;
    if (source) {
      const type = str(source.type);
      const url = str(source.url);
      if (type === 'git' && url) {
        const commit = str(source.resolved_reference) ?? str(source.reference);
        p.resolved = `git+${url}${commit ? `@${commit}` : ''}`;
        p.qualifiers = { vcs_url: p.resolved };
        if (commit && isFullCommit(commit)) p.properties['shipshape:git-commit'] = commit;
      } else if ((type === 'url' || type === 'file') && url) {
        p.resolved = url;
        if (type === 'url') p.qualifiers = { download_url: url };
      } else if (type === 'directory' && url) p.resolved = `file:${url}`;
      else if (type === 'legacy' && url) p.properties['shipshape:index'] = url;
    }
    packages.set(p.key, p);
    pkgOf.set(e, p);
    byName.add(p);
  }
  for (const [e, p] of pkgOf) {
    const deps = isTable(e.dependencies) ? e.dependencies : {};
    for (const [dn, spec] of Object.entries(deps)) {
      const specs = Array.isArray(spec) ? spec : [spec];
      const optional = specs.every((s) => isTable(s) && s.optional === true);
      for (const t of byName.find(dn)) addEdge(p, t, optional, false);
    }
  }
  const roots: RawDirect[] = [];
  pyprojectRoots(py, byName, roots);
  if (roots.length === 0) {
    // No pyproject: the packages nothing depends on are the direct ones.
    const needed = new Set<string>();
    for (const p of packages.values()) for (const e of p.edges) needed.add(e.to);
    for (const p of packages.values()) if (!needed.has(p.key)) addRoot(roots, p.key, p.scope ?? 'required');
  }
  return {
    packages,
    roots,
    recordedScopes: recorded && packages.size > 0,
    format: `poetry.lock v${String(meta['lock-version'] ?? '?')}`,
  };
}

/** Pipfile.lock: `default` and `develop` with exact versions and hashes; no edges are recorded. */
export function readPipfileLock(text: string, path: string): PyLockRead {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`, path);
  }
  if (!isTable(doc)) throw new InputError(`${path}: expected a JSON object`, path);
  const packages = new Map<string, RawPackage>();
  const roots: RawDirect[] = [];
  let rootName: string | undefined;
  for (const [section, scope] of [
    ['default', 'required'],
    ['develop', 'excluded'],
  ] as const) {
    const block = isTable(doc[section]) ? doc[section] : {};
    for (const [name, e] of Object.entries(block)) {
      if (!isTable(e)) continue;
      // `pipenv install -e .` locks the project itself (`{"editable": true, "path": "."}`): it
      // is the root, not one of its dependencies.
      if (str(e.path) !== undefined && /^\.?\/?$/.test(str(e.path) as string) && !str(e.git) && !str(e.file)) {
        rootName ??= normalizePythonName(name);
        continue;
      }
      const v = str(e.version)?.replace(/^===?/, '');
      let p = newPackage(name, v);
      const prev = packages.get(p.key);
      if (prev) p = prev;
      else {
        for (const h of Array.isArray(e.hashes) ? e.hashes : []) {
          const hh = parseHashString(h);
          if (hh) addHash(p.hashes, hh);
        }
        if (str(e.markers)) p.properties['shipshape:marker'] = e.markers as string;
        if (str(e.index)) p.properties['shipshape:index'] = e.index as string;
        if (str(e.git)) {
          const ref = str(e.ref);
          p.resolved = `git+${e.git as string}${ref ? `@${ref}` : ''}`;
          p.qualifiers = { vcs_url: p.resolved };
          if (ref && isFullCommit(ref)) p.properties['shipshape:git-commit'] = ref;
          if (!p.version && ref) p.properties['shipshape:git-ref'] = ref;
        } else if (str(e.file)) p.resolved = e.file as string;
        else if (str(e.path)) p.resolved = `file:${e.path as string}`;
        if (e.editable === true) p.properties['shipshape:editable'] = 'true';
        packages.set(p.key, p);
      }
      addRoot(roots, p.key, scope);
    }
  }
  const out: PyLockRead = { packages, roots, recordedScopes: false, format: 'Pipfile.lock', flat: true };
  if (rootName) out.rootName = rootName;
  return out;
}

/** PEP 751 pylock.toml: packages with wheels/sdist/archive/vcs/directory, optional dependency edges. */
export function readPylock(text: string, path: string, py?: PyprojectInfo): PyLockRead {
  const doc = parseTomlFile(text, path);
  if (doc['lock-version'] === undefined)
    throw new InputError(`${path}: missing lock-version (not a PEP 751 lock)`, path);
  const defaultGroups = new Set((Array.isArray(doc['default-groups']) ? doc['default-groups'] : []).map(String));
  const packages = new Map<string, RawPackage>();
  const byName = new ByName();
  const pkgOf = new Map<Table, RawPackage>();
  let edgesSeen = false;
  for (const e of tables(doc.packages)) {
    const name = str(e.name);
    if (!name) continue;
    const dir = isTable(e.directory) ? e.directory : undefined;
    if (dir && str(dir.path) === '.' && py?.name && normalizePythonName(py.name) === normalizePythonName(name))
      continue; // the project itself
    const p = newPackage(name, str(e.version));
    if (packages.has(p.key)) p.key = `${p.key} (${packages.size})`;
    const marker = str(e.marker);
    if (marker) {
      p.properties['shipshape:marker'] = marker;
      // PEP 751 markers may gate a package on groups or extras being requested.
      const groupsM = [...marker.matchAll(/['"]([^'"]+)['"]\s+in\s+dependency_groups/g)].map((m) => m[1] as string);
      if (
        groupsM.length > 0 &&
        !groupsM.some((g) => defaultGroups.has(g)) &&
        !/\bor\b/.test(marker.replace(/['"][^'"]*['"]\s+in\s+dependency_groups/g, ''))
      ) {
        p.scope = 'excluded';
      } else if (/\bin\s+extras\b/.test(marker)) p.scope = 'optional';
    }
    if (str(e.index)) p.properties['shipshape:index'] = e.index as string;
    const sdist = isTable(e.sdist) ? e.sdist : undefined;
    for (const h of hashTable(sdist?.hashes)) addHash(p.hashes, h);
    for (const w of tables(e.wheels)) for (const h of hashTable(w.hashes)) addHash(p.hashes, h);
    const archive = isTable(e.archive) ? e.archive : undefined;
    if (archive) {
      for (const h of hashTable(archive.hashes)) addHash(p.hashes, h);
      const url = str(archive.url) ?? str(archive.path);
      if (url) {
        p.resolved = url;
        if (str(archive.url)) p.qualifiers = { download_url: url };
      }
    }
    const vcs = isTable(e.vcs) ? e.vcs : undefined;
    if (vcs) {
      const commit = str(vcs['commit-id']);
      const url = str(vcs.url) ?? str(vcs.path) ?? '';
      p.resolved = `${str(vcs.type) ?? 'git'}+${url}${commit ? `@${commit}` : ''}`;
      p.qualifiers = { vcs_url: p.resolved };
      if (commit) p.properties['shipshape:git-commit'] = commit;
    }
    if (dir && str(dir.path)) {
      p.resolved = `file:${dir.path as string}`;
      if (dir.editable === true) p.properties['shipshape:editable'] = 'true';
    }
    packages.set(p.key, p);
    pkgOf.set(e, p);
    byName.add(p);
  }
  for (const [e, p] of pkgOf) {
    if (Array.isArray(e.dependencies)) edgesSeen = true;
    for (const d of tables(e.dependencies)) {
      const n = str(d.name);
      if (n) for (const t of byName.find(n, str(d.version))) addEdge(p, t, false, false);
    }
  }
  const roots: RawDirect[] = [];
  if (edgesSeen) {
    pyprojectRoots(py, byName, roots);
    const reached = new Set<string>();
    const stack = roots.map((r) => r.key);
    while (stack.length > 0) {
      const k = stack.pop() as string;
      if (reached.has(k)) continue;
      reached.add(k);
      for (const e of packages.get(k)?.edges ?? []) stack.push(e.to);
    }
    const needed = new Set<string>();
    for (const p of packages.values()) for (const e of p.edges) needed.add(e.to);
    // Packages no declared root reaches and nothing depends on are roots too (groups, extras, no pyproject).
    for (const p of packages.values())
      if (!reached.has(p.key) && !needed.has(p.key)) addRoot(roots, p.key, p.scope ?? 'required');
  } else {
    for (const p of packages.values()) addRoot(roots, p.key, p.scope ?? 'required');
  }
  const out: PyLockRead = {
    packages,
    roots,
    recordedScopes: !edgesSeen,
    format: `pylock.toml v${String(doc['lock-version'])}`,
  };
  if (!edgesSeen) out.flat = true;
  return out;
}
