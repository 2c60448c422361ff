import type { Notification } from '@shipshape/core';
import type {
  CollectedPackage,
  CollectedProject,
  DependencyScope,
  Ecosystem,
  Hash,
  ProjectType,
  SourceFile,
} from '../model.js';
import { purlString } from '../util/purl.js';
import { basename, finishPackages, type RawDirect, type RawPackage } from './npm/common.js';

/**
 * The shape every lockfile reader outside npm and Python fills in: packages keyed inside the
 * lockfile, their edges by key, and the project's roots. `lockedProject` turns it into the model
 * through the same scope and dev-filtering logic the npm and Python collectors use.
 */
export interface LockedPackage {
  key: string;
  name: string;
  /** CycloneDX group (Maven groupId). */
  group?: string;
  version?: string;
  purl: string;
  hashes?: Hash[];
  /** Keys of packages this one depends on (edges to keys not listed are dropped). */
  dependsOn?: string[];
  /** Optional edges (`optional: true` in mix.lock). */
  optionalDeps?: string[];
  /** SPDX license expressions as the lockfile records them. */
  licenses?: string[];
  /** Scope recorded by the lockfile (used when `recordedScopes`). */
  scope?: DependencyScope;
  resolved?: string;
  properties?: Record<string, string>;
  componentType?: CollectedPackage['componentType'];
  /** The project's own package (workspace member, path crate, PATH gem). */
  workspace?: boolean;
  /** Only a range is known (manifest without lockfile). */
  range?: string;
}

/** Input of one collector: its project directory, its files, and the whole file list (parents, props). */
export interface CollectorInput {
  dir: string;
  files: SourceFile[];
  includeDev?: boolean;
  /** Any SBOM input of the repository by path (a Maven parent, a Directory.Packages.props). */
  lookup?: (path: string) => SourceFile | undefined;
  /** Every SBOM input path (to find a parent pom by coordinates). */
  paths?: readonly string[];
}

export interface LockedProjectInput {
  type: ProjectType;
  ecosystem: Ecosystem;
  dir: string;
  name?: string;
  version?: string;
  /** Files read, manifest first. */
  files: string[];
  /** File the packages are declared in (evidence). */
  sourceFile: string;
  /** Lockfile format written as `shipshape:lockfile` on every package. */
  format: string;
  packages: LockedPackage[];
  /** Roots with their scopes; packages not reached from them keep their own scope. */
  roots: RawDirect[];
  includeDev?: boolean;
  /** The lockfile records no edges: every package hangs from the project. */
  flat?: boolean;
  /** Scopes come from the lockfile (`scope` on packages), not from reachability. */
  recordedScopes?: boolean;
  notifications?: Notification[];
  properties?: Record<string, string>;
  licenses?: string[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A purl, or a `pkg:generic` one when the name is one the purl library rejects. */
export function safePurl(
  type: string,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
  qualifiers?: Record<string, string | undefined>,
  subpath?: string,
): string {
  try {
    return purlString(type, namespace || undefined, name, version, qualifiers, subpath);
  } catch {
    return purlString('generic', undefined, name || 'unknown', version, qualifiers);
  }
}

/** Builds the project from a lockfile reader's packages and roots. */
export function lockedProject(input: LockedProjectInput): CollectedProject {
  const raw = new Map<string, RawPackage>();
  const extra = new Map<string, LockedPackage>();
  for (const p of input.packages) {
    if (raw.has(p.key)) continue;
    const optional = new Set(p.optionalDeps ?? []);
    const r: RawPackage = {
      key: p.key,
      name: p.name,
      hashes: p.hashes ?? [],
      licenses: p.licenses ?? [],
      edges: [...new Set([...(p.dependsOn ?? []), ...optional])].map((to) => ({
        to,
        optional: optional.has(to),
        dev: false,
      })),
      properties: { 'shipshape:lockfile': input.format, ...(p.properties ?? {}) },
    };
    if (input.flat) r.properties['shipshape:dependency-edges'] = 'not-recorded';
    if (p.version !== undefined) r.version = p.version;
    if (p.range !== undefined) {
      r.range = p.range;
      r.unresolved = true;
    }
    if (p.resolved !== undefined) r.resolved = p.resolved;
    if (p.scope !== undefined) r.scope = p.scope;
    if (p.workspace) r.workspace = true;
    raw.set(p.key, r);
    extra.set(p.key, p);
  }
  const { packages, direct } = finishPackages(raw, input.roots, {
    sourceFile: input.sourceFile,
    includeDev: input.includeDev ?? true,
    recordedScopes: input.recordedScopes ?? false,
    ecosystem: input.ecosystem,
    purl: (p) => extra.get(p.key)?.purl ?? safePurl('generic', undefined, p.name, p.version),
  });
  for (const p of packages) {
    const source = extra.get(p.key);
    if (source?.componentType) p.componentType = source.componentType;
    if (source?.group) p.group = source.group;
  }
  const project: CollectedProject = {
    name: input.name || basename(input.dir) || 'root',
    type: input.type,
    dir: input.dir,
    files: input.files,
    direct,
    packages,
  };
  if (input.version !== undefined) project.version = input.version;
  if (input.licenses?.length) project.licenses = input.licenses;
  if (input.notifications?.length) project.notifications = input.notifications;
  if (input.properties && Object.keys(input.properties).length) project.properties = input.properties;
  return project;
}

/** Every package as a root of its own scope (lockfiles without edges). */
export function allRoots(packages: readonly LockedPackage[]): RawDirect[] {
  return packages.map((p) => ({ key: p.key, scope: p.scope ?? 'required' }));
}

/** Packages no other package depends on (roots when the manifest that names them is code). */
export function unreferencedRoots(packages: readonly LockedPackage[]): RawDirect[] {
  const referenced = new Set<string>();
  for (const p of packages) {
    for (const d of p.dependsOn ?? []) if (d !== p.key) referenced.add(d);
    for (const d of p.optionalDeps ?? []) if (d !== p.key) referenced.add(d);
  }
  return packages.filter((p) => !referenced.has(p.key)).map((p) => ({ key: p.key, scope: p.scope ?? 'required' }));
}

/** Base64 (standard or URL alphabet) to lowercase hex; undefined when it is not base64. */
export function base64ToHex(b64: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(b64)) return undefined;
  return Buffer.from(b64.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('hex');
}

/** A hex digest as a hash when it has the length of `alg`. */
export function hexHash(alg: Hash['alg'], hex: unknown): Hash[] {
  const LEN: Record<Hash['alg'], number> = { MD5: 32, 'SHA-1': 40, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 };
  if (typeof hex !== 'string') return [];
  const h = hex.trim().toLowerCase();
  return h.length === LEN[alg] && /^[0-9a-f]+$/.test(h) ? [{ alg, content: h }] : [];
}

/** A notification for a file a collector recognised but could not read (whole or in part). */
export function unreadNotice(file: string, why: string, level: Notification['level'] = 'warning'): Notification {
  return { level, code: 'sbom-input-unread', message: `${file}: ${why}`, file };
}

/** Sorted copy, by key. */
export function byKey<T extends { key: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => cmp(a.key, b.key));
}
