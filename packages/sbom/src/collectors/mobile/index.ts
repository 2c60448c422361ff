import { InputError, type Notification } from '@shipshape/core';
import type { CollectedProject, DependencyScope } from '../../model.js';
import { isRecord, loadYaml } from '../../util/yaml.js';
import {
  allRoots,
  type CollectorInput,
  hexHash,
  type LockedPackage,
  lockedProject,
  safePurl,
  unreadNotice,
  unreferencedRoots,
} from '../locked.js';
import { basename, parseJsonFile } from '../npm/common.js';

function yamlFile(text: string, path: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = loadYaml(text);
  } catch (error) {
    throw new InputError(`${path}: not valid YAML (${String((error as Error).message).split('\n')[0]})`, path);
  }
  if (!isRecord(data)) throw new InputError(`${path}: not a mapping`, path);
  return data;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * A Dart/Flutter project from pubspec.lock: every `packages` entry (hosted, git, path and sdk
 * sources) with its `version`, `direct main`/`direct overridden` required and `direct dev`
 * excluded; hosted `sha256` as a hash. pubspec.lock records no edges. Without the lock,
 * pubspec.yaml's `dependencies`/`dev_dependencies` are direct, unresolved components.
 */
export function collectPubProject(input: CollectorInput): CollectedProject {
  const lockFile = input.files.find((f) => basename(f.path) === 'pubspec.lock');
  const manifestFile = input.files.find((f) => basename(f.path) === 'pubspec.yaml');
  const manifest = manifestFile ? yamlFile(manifestFile.text, manifestFile.path) : {};
  const files = [manifestFile?.path, lockFile?.path].filter((p): p is string => p !== undefined);
  const name = str(manifest.name);
  const version = str(manifest.version);
  const base = {
    type: 'pub' as const,
    ecosystem: 'pub' as const,
    dir: input.dir,
    ...(name ? { name } : {}),
    ...(version ? { version } : {}),
    files,
    includeDev: input.includeDev ?? true,
    flat: true,
    recordedScopes: true,
  };
  if (!lockFile) {
    const packages: LockedPackage[] = [];
    for (const [group, scope] of [
      ['dependencies', 'required'],
      ['dev_dependencies', 'excluded'],
    ] as const) {
      const deps = manifest[group];
      if (!isRecord(deps)) continue;
      for (const [dep, spec] of Object.entries(deps)) {
        if (isRecord(spec) && 'sdk' in spec) continue; // flutter, flutter_test: the SDK itself
        const range = str(spec) ?? (isRecord(spec) ? str(spec.version) : undefined) ?? '*';
        packages.push({ key: dep, name: dep, purl: safePurl('pub', undefined, dep, undefined), range, scope });
      }
    }
    return lockedProject({
      ...base,
      sourceFile: manifestFile?.path ?? '',
      format: 'pubspec.yaml',
      packages,
      roots: allRoots(packages),
    });
  }
  const lock = yamlFile(lockFile.text, lockFile.path);
  const packages: LockedPackage[] = [];
  const roots: { key: string; scope: DependencyScope }[] = [];
  for (const [pname, entry] of Object.entries(isRecord(lock.packages) ? lock.packages : {})) {
    if (!isRecord(entry)) continue;
    const pversion = str(entry.version);
    const source = str(entry.source) ?? 'hosted';
    const dependency = str(entry.dependency) ?? 'transitive';
    const desc = isRecord(entry.description) ? entry.description : {};
    const scope: DependencyScope = dependency === 'direct dev' ? 'excluded' : 'required';
    const qualifiers: Record<string, string | undefined> = {};
    const url = str(desc.url);
    if (source === 'hosted' && url && !/^https:\/\/pub\.(dev|dartlang\.org)\/?$/.test(url))
      qualifiers.repository_url = url;
    if (source === 'git' && url)
      qualifiers.vcs_url = `git+${url}${str(desc['resolved-ref']) ? `@${str(desc['resolved-ref'])}` : ''}`;
    const key = `${pname}@${pversion ?? ''}`;
    const pkg: LockedPackage = {
      key,
      name: pname,
      purl: safePurl('pub', undefined, pname, pversion, qualifiers),
      scope,
      hashes: hexHash('SHA-256', desc.sha256),
      properties: { 'shipshape:pub-source': source, 'shipshape:pub-dependency': dependency },
    };
    if (pversion !== undefined) pkg.version = pversion;
    if (source === 'path') {
      pkg.componentType = 'file';
      if (str(desc.path)) pkg.resolved = str(desc.path) as string;
    } else if (source === 'git' && url) pkg.resolved = url;
    else if (url) pkg.resolved = url;
    packages.push(pkg);
    roots.push({ key, scope });
  }
  return lockedProject({ ...base, sourceFile: lockFile.path, format: 'pubspec.lock', packages, roots });
}

/** `https://github.com/apple/swift-nio.git` -> `pkg:swift/github.com/apple/swift-nio@<version>`. */
export function swiftPurl(location: string, version: string | undefined): string {
  const clean = location
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^git@([^:]+):/, '$1/')
    .replace(/^[^@/]+@/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  const i = clean.lastIndexOf('/');
  return safePurl('swift', i > 0 ? clean.slice(0, i) : undefined, i > 0 ? clean.slice(i + 1) : clean, version);
}

/**
 * A Swift package's Package.resolved (v1 `object.pins`, v2/v3 `pins`): one component per pin,
 * version from `state.version` (else the revision), the revision as a property. No edges.
 */
export function collectSwiftProject(input: CollectorInput): CollectedProject {
  // One directory can hold a package's Package.resolved and an Xcode project's: read every one.
  const lockFiles = input.files
    .filter((f) => basename(f.path) === 'Package.resolved')
    .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const first = lockFiles[0];
  if (!first) throw new InputError(`${input.dir || '.'}: no Package.resolved`, input.dir);
  const notifications: Notification[] = [];
  const packages: LockedPackage[] = [];
  const formats = new Set<number>();
  for (const lockFile of lockFiles) {
    const data = parseJsonFile(lockFile.text, lockFile.path);
    const d = isRecord(data) ? data : {};
    const format = typeof d.version === 'number' ? d.version : undefined;
    if (format !== undefined) formats.add(format);
    if (format === undefined || format < 1 || format > 3)
      notifications.push(
        unreadNotice(lockFile.path, `Package.resolved version ${String(d.version)} is not 1-3; read as v3.`, 'info'),
      );
    const pins = Array.isArray(d.pins)
      ? d.pins
      : isRecord(d.object) && Array.isArray(d.object.pins)
        ? d.object.pins
        : [];
    for (const pin of pins) {
      const pkg = isRecord(pin) ? swiftPin(pin) : undefined;
      if (pkg) packages.push(pkg);
    }
  }
  return lockedProject({
    type: 'swift',
    ecosystem: 'swift',
    dir: input.dir,
    files: lockFiles.map((f) => f.path),
    sourceFile: first.path,
    format: `Package.resolved${formats.size ? ` v${[...formats].sort().join('/')}` : ''}`,
    packages,
    roots: allRoots(packages),
    includeDev: input.includeDev ?? true,
    flat: true,
    notifications,
  });
}

/** One Package.resolved pin (v1 `package`/`repositoryURL`, v2/v3 `identity`/`kind`/`location`). */
function swiftPin(pin: Record<string, unknown>): LockedPackage | undefined {
  const location = str(pin.location) ?? str(pin.repositoryURL);
  const identity = str(pin.identity) ?? str(pin.package)?.toLowerCase();
  if (!location && !identity) return undefined;
  const state = isRecord(pin.state) ? pin.state : {};
  const revision = str(state.revision);
  const pversion = str(state.version) ?? revision;
  const kind = str(pin.kind);
  const properties: Record<string, string> = {};
  if (revision) properties['shipshape:git-commit'] = revision;
  if (str(state.branch)) properties['shipshape:git-branch'] = str(state.branch) as string;
  if (kind) properties['shipshape:swift-pin-kind'] = kind;
  const pkg: LockedPackage = {
    key: `${(identity ?? location ?? '').toLowerCase()}@${pversion ?? ''}`,
    name: identity ?? basename(location ?? ''),
    purl:
      kind === 'registry' && identity
        ? safePurl('swift', identity.split('.')[0], identity.split('.').slice(1).join('.') || identity, pversion)
        : swiftPurl(location ?? identity ?? '', pversion),
    properties,
  };
  if (pversion !== undefined) pkg.version = pversion;
  if (location) pkg.resolved = location;
  if (kind === 'localSourceControl') pkg.componentType = 'file';
  return pkg;
}

/** `Firebase/Analytics (10.0.0)` -> name, version. */
function podEntry(text: string): { name: string; version?: string } | undefined {
  const m = /^(\S+)(?: \(([^)]*)\))?$/.exec(text.trim());
  if (!m) return undefined;
  return m[2] !== undefined ? { name: m[1] as string, version: m[2] } : { name: m[1] as string };
}

/** `pkg:cocoapods/<root>@<version>#<subspec>`. */
export function podPurl(name: string, version: string | undefined): string {
  const [root, ...sub] = name.split('/');
  return safePurl('cocoapods', undefined, root ?? name, version, undefined, sub.length ? sub.join('/') : undefined);
}

/**
 * A CocoaPods project from Podfile.lock: every `PODS` entry (subspecs included) with its version,
 * its listed dependencies as edges, `DEPENDENCIES` as roots, `SPEC CHECKSUMS` (SHA-1 of the
 * podspec) as hashes, `EXTERNAL SOURCES`/`CHECKOUT OPTIONS` as properties.
 */
export function collectCocoaPodsProject(input: CollectorInput): CollectedProject {
  const lockFile = input.files.find((f) => basename(f.path) === 'Podfile.lock');
  if (!lockFile) throw new InputError(`${input.dir || '.'}: no Podfile.lock`, input.dir);
  const lock = yamlFile(lockFile.text, lockFile.path);
  const entries: { name: string; version?: string; deps: string[] }[] = [];
  for (const item of Array.isArray(lock.PODS) ? lock.PODS : []) {
    const [head, deps] =
      typeof item === 'string' ? [item, []] : isRecord(item) ? (Object.entries(item)[0] ?? ['', []]) : ['', []];
    const e = podEntry(String(head));
    if (!e) continue;
    const names = (Array.isArray(deps) ? deps : [])
      .map((d) => podEntry(String(d))?.name)
      .filter((n): n is string => !!n);
    entries.push({ ...e, deps: names });
  }
  const keyOf = new Map(entries.map((e) => [e.name, `${e.name}@${e.version ?? ''}`]));
  const checksums = isRecord(lock['SPEC CHECKSUMS']) ? lock['SPEC CHECKSUMS'] : {};
  const external = isRecord(lock['EXTERNAL SOURCES']) ? lock['EXTERNAL SOURCES'] : {};
  const checkout = isRecord(lock['CHECKOUT OPTIONS']) ? lock['CHECKOUT OPTIONS'] : {};
  const packages: LockedPackage[] = entries.map((e) => {
    const root = e.name.split('/')[0] as string;
    const properties: Record<string, string> = {};
    const ext = external[root];
    if (isRecord(ext)) {
      if (str(ext[':path'])) properties['shipshape:local-path'] = str(ext[':path']) as string;
      if (str(ext[':git'])) properties['shipshape:git-url'] = str(ext[':git']) as string;
    }
    const co = checkout[root];
    if (isRecord(co) && str(co[':commit'])) properties['shipshape:git-commit'] = str(co[':commit']) as string;
    const pkg: LockedPackage = {
      key: keyOf.get(e.name) as string,
      name: e.name,
      purl: podPurl(e.name, e.version),
      hashes: hexHash('SHA-1', checksums[root]),
      dependsOn: e.deps.map((d) => keyOf.get(d)).filter((k): k is string => k !== undefined),
      properties,
    };
    if (e.version !== undefined) pkg.version = e.version;
    if (properties['shipshape:local-path']) pkg.componentType = 'file';
    return pkg;
  });
  const direct = (Array.isArray(lock.DEPENDENCIES) ? lock.DEPENDENCIES : [])
    .map((d) => /^(\S+)/.exec(String(d))?.[1])
    .map((n) => (n ? keyOf.get(n) : undefined))
    .filter((k): k is string => k !== undefined);
  const manifest = input.files.find((f) => basename(f.path) === 'Podfile');
  const properties: Record<string, string> = {};
  if (str(lock.COCOAPODS)) properties['shipshape:cocoapods-version'] = str(lock.COCOAPODS) as string;
  return lockedProject({
    type: 'cocoapods',
    ecosystem: 'cocoapods',
    dir: input.dir,
    files: [...(manifest ? [manifest.path] : []), lockFile.path],
    sourceFile: lockFile.path,
    format: 'Podfile.lock',
    packages,
    roots: direct.length ? direct.map((key) => ({ key, scope: 'required' as const })) : unreferencedRoots(packages),
    includeDev: input.includeDev ?? true,
    properties,
  });
}
