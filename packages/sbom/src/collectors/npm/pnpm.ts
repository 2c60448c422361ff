import { InputError } from '@shipshape/core';
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import type { DependencyScope } from '../../model.js';
import {
  basename,
  integrityToHashes,
  isRecord,
  joinPosix,
  type RawDirect,
  type RawPackage,
  splitDescriptor,
} from './common.js';
import type { PackageJsonInfo } from './package-json.js';
import type { LockReadResult } from './package-lock.js';

type Entry = Record<string, unknown>;

/** Lockfile generations: 5 (`/name/1.0.0_peer`), 6 (`/name@1.0.0(peer)`), 9 (`name@1.0.0(peer)` + snapshots). */
type Gen = 5 | 6 | 9;

/** Splits a depPath (without the leading `/`) into name, version and peer suffix. */
function parseDepPath(depPath: string, gen: Gen): { name: string; version: string; peers: string } {
  if (gen === 5) {
    const parts = depPath.split('/');
    const last = parts.pop() ?? '';
    const us = last.indexOf('_');
    return { name: parts.join('/'), version: us < 0 ? last : last.slice(0, us), peers: us < 0 ? '' : last.slice(us) };
  }
  const [name, rest] = splitDescriptor(depPath);
  const paren = rest.indexOf('(');
  return { name, version: paren < 0 ? rest : rest.slice(0, paren), peers: paren < 0 ? '' : rest.slice(paren) };
}

const DEP_FIELDS: [string, 'prod' | 'optional' | 'dev'][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'dev'],
];

/** Reads pnpm-lock.yaml, lockfileVersion 5.x, 6.0, 7.0 and 9.0. */
export function readPnpmLock(
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
  const lv = Number.parseFloat(String(doc.lockfileVersion ?? ''));
  if (!Number.isFinite(lv) || lv < 5)
    throw new InputError(`${path}: unsupported lockfileVersion ${String(doc.lockfileVersion)}`, path);
  const gen: Gen = lv >= 7 ? 9 : lv >= 6 ? 6 : 5;
  const pkgEntries = isRecord(doc.packages) ? doc.packages : {};
  const snapshots = gen === 9 && isRecord(doc.snapshots) ? doc.snapshots : undefined;
  // The instances: snapshots in v9 (one per peer-resolution), packages otherwise.
  const instanceKeys = Object.keys(snapshots ?? pkgEntries);
  const strip = (k: string) => (k.startsWith('/') ? k.slice(1) : k);
  const instances = new Set(instanceKeys.map(strip));
  const rawKeyOf = new Map(instanceKeys.map((k) => [strip(k), k]));

  const packages = new Map<string, RawPackage>();
  const keyOfInstance = new Map<string, string>();
  const importers: Record<string, Entry> = {};
  if (isRecord(doc.importers)) {
    for (const [p, imp] of Object.entries(doc.importers)) if (isRecord(imp)) importers[joinPosix(p)] = imp;
  } else {
    importers[''] = doc; // single-project lockfiles keep the root's dependencies at the top level
  }

  // Workspace members: every importer but the root.
  const importerKey = new Map<string, string>();
  const linkNames = new Map<string, string>();
  for (const [impPath, imp] of Object.entries(importers)) {
    for (const [field] of DEP_FIELDS) {
      const block = imp[field];
      if (!isRecord(block)) continue;
      for (const [n, v] of Object.entries(block)) {
        const ver = isRecord(v) ? v.version : v;
        if (typeof ver === 'string' && ver.startsWith('link:')) linkNames.set(joinPosix(impPath, ver.slice(5)), n);
      }
    }
  }
  for (const impPath of Object.keys(importers)) {
    if (impPath === '') continue;
    const info = workspaceManifests.find((m) => joinPosix(m.dir) === impPath)?.info;
    const name = info?.name ?? linkNames.get(impPath) ?? basename(impPath);
    const key = `${name}@workspace:${impPath}`;
    importerKey.set(impPath, key);
    const pkg: RawPackage = {
      key,
      name,
      hashes: [],
      licenses: info?.license ? [info.license] : [],
      edges: [],
      properties: {},
      workspace: true,
      resolved: `file:${impPath}`,
    };
    if (info?.version) pkg.version = info.version;
    packages.set(key, pkg);
  }

  // Locked packages.
  for (const inst of instances) {
    const raw = rawKeyOf.get(inst) as string;
    const snap = snapshots ? (isRecord(snapshots[raw]) ? snapshots[raw] : {}) : undefined;
    const parsed = parseDepPath(inst, gen);
    const baseKey = gen === 9 ? `${parsed.name}@${parsed.version}` : raw;
    const meta = (
      isRecord(pkgEntries[baseKey]) ? pkgEntries[baseKey] : isRecord(pkgEntries[raw]) ? pkgEntries[raw] : {}
    ) as Entry;
    const name = typeof meta.name === 'string' ? meta.name : parsed.name;
    const version = typeof meta.version === 'string' ? meta.version : parsed.version;
    const res = isRecord(meta.resolution) ? meta.resolution : {};
    const key = gen === 5 ? `${parsed.name}@${parsed.version}${parsed.peers}` : inst;
    keyOfInstance.set(inst, key);
    const pkg: RawPackage = {
      key,
      name,
      hashes: integrityToHashes(res.integrity),
      licenses: [],
      edges: [],
      properties: {},
    };
    if (version) pkg.version = version;
    if (parsed.peers) pkg.properties['shipshape:pnpm-peers'] = parsed.peers;
    if (typeof res.tarball === 'string') {
      pkg.resolved = res.tarball;
      if (/^https?:/.test(res.tarball) && !/\/-\/[^/]+\.tgz$/.test(res.tarball))
        pkg.qualifiers = { download_url: res.tarball };
    }
    if (res.type === 'git' && typeof res.repo === 'string' && typeof res.commit === 'string') {
      pkg.resolved = `git+${res.repo.replace(/^git\+/, '')}#${res.commit}`;
      pkg.qualifiers = { vcs_url: pkg.resolved };
      pkg.properties['shipshape:git-commit'] = res.commit;
    }
    if (res.type === 'directory' && typeof res.directory === 'string') pkg.resolved = `file:${res.directory}`;
    // Old lockfiles record codeload tarballs for GitHub deps; the commit is in the URL.
    const codeload = /^https:\/\/codeload\.github\.com\/([^/]+\/[^/]+)\/tar\.gz\/([0-9a-f]{40})$/.exec(
      pkg.resolved ?? '',
    );
    if (codeload) {
      pkg.qualifiers = { vcs_url: `git+https://github.com/${codeload[1]}.git#${codeload[2]}` };
      pkg.properties['shipshape:git-commit'] = codeload[2] as string;
    }
    const flags = snap ?? meta;
    if (gen !== 9 && meta.dev === 'true') pkg.scope = 'excluded';
    else if (flags.optional === 'true') pkg.scope = 'optional';
    else if (gen !== 9 && meta.dev === 'false') pkg.scope = 'required';
    packages.set(key, pkg);
  }

  // Resolves an importer/snapshot dependency reference to a key.
  const resolveRef = (fromImporter: string | undefined, depName: string, ref: string): string | undefined => {
    if (ref.startsWith('link:')) {
      const base = fromImporter ?? '';
      const target = joinPosix(base, ref.slice(5));
      const hit = importerKey.get(target);
      if (hit !== undefined) return hit;
      if (target === '') return undefined;
      // A link to a directory outside the workspace: a local package.
      const key = `${depName}@link:${target}`;
      if (!packages.has(key))
        packages.set(key, {
          key,
          name: depName,
          hashes: [],
          licenses: [],
          edges: [],
          properties: {},
          resolved: `file:${target}`,
          qualifiers: {},
        });
      return key;
    }
    const candidates = gen === 5 ? [`${depName}/${ref}`, strip(ref)] : [`${depName}@${ref}`, strip(ref)];
    for (const c of candidates) if (instances.has(c)) return keyOfInstance.get(c);
    return undefined;
  };

  for (const inst of instances) {
    const raw = rawKeyOf.get(inst) as string;
    const entry = (snapshots ? snapshots[raw] : pkgEntries[raw]) as unknown;
    if (!isRecord(entry)) continue;
    const pkg = packages.get(keyOfInstance.get(inst) as string) as RawPackage;
    for (const [field, group] of DEP_FIELDS) {
      if (group === 'dev' || !isRecord(entry[field])) continue;
      for (const [n, ref] of Object.entries(entry[field] as Entry)) {
        if (typeof ref !== 'string') continue;
        const to = resolveRef(undefined, n, ref);
        if (to && to !== pkg.key && !pkg.edges.some((e) => e.to === to))
          pkg.edges.push({ to, optional: group === 'optional', dev: false });
      }
    }
  }

  const roots: RawDirect[] = [];
  const catalogProps = new Map<string, string>();
  for (const [impPath, imp] of Object.entries(importers)) {
    const owner = impPath === '' ? undefined : packages.get(importerKey.get(impPath) as string);
    const specifiers = isRecord(imp.specifiers) ? imp.specifiers : {};
    for (const [field, group] of DEP_FIELDS) {
      const block = imp[field];
      if (!isRecord(block)) continue;
      for (const [n, v] of Object.entries(block)) {
        const ref = isRecord(v) ? v.version : v;
        if (typeof ref !== 'string') continue;
        const to = resolveRef(impPath, n, ref);
        if (!to) continue;
        const spec = isRecord(v) ? v.specifier : specifiers[n];
        if (typeof spec === 'string' && spec.startsWith('catalog:')) catalogProps.set(to, spec.slice(8) || 'default');
        const target = packages.get(to);
        if (target && target.name !== n && !target.workspace && !to.includes('@link:')) target.alias = n;
        if (owner) {
          if (!owner.edges.some((e) => e.to === to))
            owner.edges.push({ to, optional: group === 'optional', dev: group === 'dev' });
        } else {
          const scope: DependencyScope = group === 'dev' ? 'excluded' : group === 'optional' ? 'optional' : 'required';
          const prev = roots.find((r) => r.key === to);
          if (!prev) roots.push({ key: to, scope });
          else if (scope === 'required') prev.scope = 'required';
        }
      }
    }
  }
  for (const [key, catalog] of catalogProps) {
    const p = packages.get(key);
    if (p) p.properties['shipshape:pnpm-catalog'] = catalog;
  }
  for (const key of importerKey.values()) roots.push({ key, scope: 'required' });
  void manifest;
  return { packages, roots, recordedScopes: false, format: `pnpm-lock v${String(doc.lockfileVersion)}` };
}
