import { InputError } from '@shipshape/core';
import type { DependencyScope } from '../../model.js';
import {
  classifyResolved,
  gitCommit,
  integrityToHashes,
  isRecord,
  joinPosix,
  licenseList,
  parseJsonFile,
  type RawDirect,
  type RawPackage,
  splitDescriptor,
  stringMap,
  strongerScope,
} from './common.js';
import type { PackageJsonInfo } from './package-json.js';

export interface LockReadResult {
  packages: Map<string, RawPackage>;
  roots: RawDirect[];
  /** Scopes were recorded by the lockfile (v2/v3 flags, v1 flags). */
  recordedScopes: boolean;
  rootName?: string;
  rootVersion?: string;
  rootLicense?: string;
  format: string;
}

type Entry = Record<string, unknown>;

/** Name of the package installed at a lockfile path: the part after the last `node_modules/`. */
function nameFromPath(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  if (i < 0) return path.split('/').filter(Boolean).pop() ?? path;
  return path.slice(i + 'node_modules/'.length);
}

function flagScope(e: Entry): DependencyScope {
  if (e.dev === true) return 'excluded';
  if (e.optional === true || e.devOptional === true) return 'optional';
  return 'required';
}

/** Reads package-lock.json / npm-shrinkwrap.json (v1, v2, v3). */
export function readPackageLock(text: string, path: string, manifest?: PackageJsonInfo): LockReadResult {
  const json = parseJsonFile(text, path);
  if (!isRecord(json)) throw new InputError(`${path}: expected a JSON object`, path);
  const lv = json.lockfileVersion;
  if (isRecord(json.packages) && (lv === 2 || lv === 3 || lv === undefined || (typeof lv === 'number' && lv > 3))) {
    return readV2(json, json.packages, lv);
  }
  if (isRecord(json.dependencies) || lv === 1) return readV1(json, manifest);
  throw new InputError(`${path}: unsupported lockfileVersion ${String(lv)}`, path);
}

/** v2/v3: a flat `packages` map keyed by install path, resolved with Node's lookup rules. */
function readV2(json: Entry, entries: Record<string, unknown>, lv: unknown): LockReadResult {
  const root = isRecord(entries['']) ? entries[''] : {};
  const hasWorkspaces = Array.isArray(root.workspaces) || isRecord(root.workspaces);
  const keyOfPath = new Map<string, string>();
  const packages = new Map<string, RawPackage>();
  const signature = new Map<string, string>();

  // Pass 1: identities. Links point at another entry (a workspace or a file: directory).
  const paths = Object.keys(entries).filter((p) => p !== '' && isRecord(entries[p]));
  const linkTarget = (p: string): string | undefined => {
    const e = entries[p] as Entry;
    if (e.link !== true || typeof e.resolved !== 'string') return undefined;
    return joinPosix(e.resolved);
  };
  for (const p of paths) {
    const e = entries[p] as Entry;
    if (e.link === true) continue;
    const name = typeof e.name === 'string' ? e.name : nameFromPath(p);
    const version = typeof e.version === 'string' ? e.version : undefined;
    const inNodeModules = p.includes('node_modules/') || p.startsWith('node_modules');
    const workspace = !inNodeModules && hasWorkspaces && !p.startsWith('../');
    const resolved = typeof e.resolved === 'string' ? e.resolved : inNodeModules ? undefined : `file:${p}`;
    let key = workspace ? `${name}@workspace:${p}` : version ? `${name}@${version}` : `${name}@file:${p}`;
    const sig = `${typeof e.integrity === 'string' ? e.integrity : ''}|${classifyResolved(resolved) === 'registry' ? '' : (resolved ?? '')}`;
    const prevSig = signature.get(key);
    if (prevSig !== undefined && prevSig !== sig && !sameIdentity(prevSig, sig)) key = `${key} (${p})`;
    keyOfPath.set(p, key);
    const scope = workspace ? 'required' : flagScope(e);
    const existing = packages.get(key);
    if (existing) {
      existing.scope = strongerScope(existing.scope, scope);
      continue;
    }
    signature.set(key, sig);
    const alias =
      typeof e.name === 'string' && inNodeModules && e.name !== nameFromPath(p) ? nameFromPath(p) : undefined;
    const pkg: RawPackage = {
      key,
      name,
      hashes: integrityToHashes(e.integrity),
      licenses: licenseList(e.license, e.licenses),
      scope,
      edges: [],
      properties: {},
    };
    if (version) pkg.version = version;
    if (resolved) pkg.resolved = resolved;
    if (alias) pkg.alias = alias;
    if (workspace) pkg.workspace = true;
    if (e.inBundle === true) pkg.properties['shipshape:bundled'] = 'true';
    if (classifyResolved(resolved) === 'git') {
      const commit = gitCommit(resolved ?? '');
      if (commit) pkg.properties['shipshape:git-commit'] = commit;
    }
    packages.set(key, pkg);
  }
  for (const p of paths) {
    const target = linkTarget(p);
    if (target !== undefined && keyOfPath.has(target)) keyOfPath.set(p, keyOfPath.get(target) as string);
  }

  // Pass 2: edges, resolved the way Node does: nearest node_modules walking up the directory tree.
  const resolve = (from: string, dep: string): string | undefined => {
    let dir = from;
    for (;;) {
      const cand = dir ? `${dir}/node_modules/${dep}` : `node_modules/${dep}`;
      const hit = keyOfPath.get(cand);
      if (hit) return hit;
      if (!dir) return undefined;
      const slash = dir.lastIndexOf('/');
      dir = slash < 0 ? '' : dir.slice(0, slash);
    }
  };
  const edgesOf = (from: string, e: Entry, withDev: boolean) => {
    const out: { name: string; optional: boolean; dev: boolean }[] = [];
    const peerMeta = isRecord(e.peerDependenciesMeta) ? e.peerDependenciesMeta : {};
    for (const n of Object.keys(stringMap(e.dependencies))) out.push({ name: n, optional: false, dev: false });
    for (const n of Object.keys(stringMap(e.optionalDependencies))) out.push({ name: n, optional: true, dev: false });
    for (const n of Object.keys(stringMap(e.peerDependencies))) {
      const meta = peerMeta[n];
      out.push({ name: n, optional: isRecord(meta) && meta.optional === true, dev: false });
    }
    if (withDev)
      for (const n of Object.keys(stringMap(e.devDependencies))) out.push({ name: n, optional: false, dev: true });
    return out
      .map((d) => ({ to: resolve(from, d.name), optional: d.optional, dev: d.dev }))
      .filter((d): d is { to: string; optional: boolean; dev: boolean } => d.to !== undefined);
  };
  for (const p of paths) {
    const e = entries[p] as Entry;
    if (e.link === true) continue;
    const pkg = packages.get(keyOfPath.get(p) as string);
    if (!pkg) continue;
    // devDependencies are recorded (and installed) only for the root, workspaces and linked directories.
    const local = !p.includes('node_modules/') && !p.startsWith('node_modules');
    for (const edge of edgesOf(p, e, local)) if (!pkg.edges.some((x) => x.to === edge.to)) pkg.edges.push(edge);
  }

  const roots: RawDirect[] = [];
  const addRoot = (key: string, scope: DependencyScope) => {
    const prev = roots.find((r) => r.key === key);
    if (prev) prev.scope = strongerScope(prev.scope, scope);
    else roots.push({ key, scope });
  };
  for (const edge of edgesOf('', root, true)) {
    addRoot(edge.to, edge.dev ? 'excluded' : edge.optional ? 'optional' : 'required');
  }
  for (const pkg of packages.values()) if (pkg.workspace) addRoot(pkg.key, 'required');

  const result: LockReadResult = { packages, roots, recordedScopes: true, format: `package-lock v${String(lv ?? 2)}` };
  const rootName = typeof root.name === 'string' ? root.name : typeof json.name === 'string' ? json.name : undefined;
  if (rootName) result.rootName = rootName;
  const rootVersion =
    typeof root.version === 'string' ? root.version : typeof json.version === 'string' ? json.version : undefined;
  if (rootVersion) result.rootVersion = rootVersion;
  const lic = licenseList(root.license);
  if (lic[0]) result.rootLicense = lic[0];
  return result;
}

/** Two signatures name the same thing when one side simply lacks the integrity (older npm). */
function sameIdentity(a: string, b: string): boolean {
  const [ia, ra] = a.split('|');
  const [ib, rb] = b.split('|');
  return (ia === '' || ib === '' || ia === ib) && ra === rb;
}

/**
 * v1: a nested `dependencies` tree; `requires` names are looked up in the entry's own
 * `dependencies`, then its ancestors'. Versions may be `npm:real@1.0.0` (alias), git URLs or
 * `file:` specs.
 */
function readV1(json: Entry, manifest?: PackageJsonInfo): LockReadResult {
  const packages = new Map<string, RawPackage>();
  interface Node {
    name: string;
    entry: Entry;
    key: string;
    children: Map<string, Node>;
    parent?: Node;
  }
  const top: Node = { name: '', entry: json, key: '', children: new Map() };
  const all: Node[] = [];
  const build = (parent: Node, deps: Record<string, unknown>) => {
    for (const [name, entry] of Object.entries(deps)) {
      if (!isRecord(entry)) continue;
      const node: Node = { name, entry, key: '', children: new Map(), parent };
      parent.children.set(name, node);
      all.push(node);
      if (isRecord(entry.dependencies)) build(node, entry.dependencies);
    }
  };
  if (isRecord(json.dependencies)) build(top, json.dependencies);

  for (const node of all) {
    const e = node.entry;
    const rawVersion = typeof e.version === 'string' ? e.version : '';
    let name = node.name;
    let version: string | undefined = rawVersion || undefined;
    let resolved = typeof e.resolved === 'string' ? e.resolved : undefined;
    let alias: string | undefined;
    if (rawVersion.startsWith('npm:')) {
      const [real, v] = splitDescriptor(rawVersion.slice(4));
      alias = node.name;
      name = real;
      version = v || undefined;
    } else if (/^(git\+|git:|github:|https?:|file:)/.test(rawVersion)) {
      resolved = resolved ?? rawVersion;
      version = classifyResolved(rawVersion) === 'git' ? gitCommit(rawVersion) : undefined;
      if (!resolved.startsWith('file:') && rawVersion.startsWith('file:')) resolved = rawVersion;
    }
    let key = version ? `${name}@${version}` : `${name}@${resolved ?? 'unknown'}`;
    const prev = packages.get(key);
    if (prev && prev.resolved !== resolved && classifyResolved(resolved) !== 'registry') key = `${key} (${resolved})`;
    node.key = key;
    const scope = flagScope(e);
    const existing = packages.get(key);
    if (existing) {
      existing.scope = strongerScope(existing.scope, scope);
      continue;
    }
    const pkg: RawPackage = {
      key,
      name,
      hashes: integrityToHashes(e.integrity),
      licenses: [],
      scope,
      edges: [],
      properties: {},
    };
    if (version) pkg.version = version;
    if (resolved) pkg.resolved = resolved;
    if (alias) pkg.alias = alias;
    if (e.bundled === true) pkg.properties['shipshape:bundled'] = 'true';
    if (classifyResolved(resolved) === 'git') {
      const commit = gitCommit(resolved ?? '');
      if (commit) pkg.properties['shipshape:git-commit'] = commit;
    }
    packages.set(key, pkg);
  }
  const lookup = (from: Node | undefined, name: string): Node | undefined => {
    for (let n = from; n; n = n.parent) {
      const hit = n.children.get(name);
      if (hit) return hit;
    }
    return undefined;
  };
  for (const node of all) {
    const pkg = packages.get(node.key) as RawPackage;
    for (const dep of Object.keys(stringMap(node.entry.requires))) {
      const target = lookup(node, dep);
      if (target && !pkg.edges.some((x) => x.to === target.key)) {
        pkg.edges.push({ to: target.key, optional: target.entry.optional === true, dev: false });
      }
    }
  }
  const roots: RawDirect[] = [];
  if (manifest) {
    for (const d of manifest.deps) {
      const target = top.children.get(d.name);
      if (!target || roots.some((r) => r.key === target.key)) continue;
      roots.push({
        key: target.key,
        scope: d.group === 'dev' ? 'excluded' : d.group === 'prod' ? 'required' : 'optional',
      });
    }
  } else {
    // Without package.json, the top-level entries nothing else requires are the best estimate.
    const required = new Set<string>();
    for (const p of packages.values()) for (const e of p.edges) required.add(e.to);
    for (const child of top.children.values()) {
      if (!required.has(child.key) && !roots.some((r) => r.key === child.key)) {
        roots.push({ key: child.key, scope: flagScope(child.entry) });
      }
    }
  }
  const result: LockReadResult = { packages, roots, recordedScopes: true, format: 'package-lock v1' };
  if (typeof json.name === 'string') result.rootName = json.name;
  if (typeof json.version === 'string') result.rootVersion = json.version;
  return result;
}
