import { InputError } from '@shipshape/core';
import type { CollectedPackage, CollectedProject, SourceFile } from '../../model.js';
import { basename, dirname, finishPackages, npmPurl } from './common.js';
import { type PackageJsonInfo, parsePackageJsonDeps } from './package-json.js';
import { type LockReadResult, readPackageLock } from './package-lock.js';
import { readPnpmLock } from './pnpm.js';
import { isBerryLock, readYarnBerry, readYarnV1 } from './yarn.js';

export { integrityToHashes, npmPurl } from './common.js';
export { type NpmDepGroup, type PackageJsonDep, type PackageJsonInfo, parsePackageJsonDeps } from './package-json.js';
export { parseYarnV1 } from './yarn.js';

export interface NodeProjectInput {
  /** Project directory, repo-relative POSIX ('' for the repository root). */
  dir: string;
  manifest?: SourceFile;
  /** package-lock.json, npm-shrinkwrap.json, yarn.lock or pnpm-lock.yaml of this project. */
  lockfiles: SourceFile[];
  /** Keep dev-only packages (scope `excluded`). Default true. */
  includeDev?: boolean;
  /**
   * package.json files of workspace members (optional). yarn v1 does not lock workspace members
   * at all and pnpm records only their paths: their manifests supply names, versions and edges.
   */
  workspaceManifests?: SourceFile[];
}

/** Which lockfile wins when a project has several (npm's own order first). */
const LOCK_PRIORITY = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'];

function lockKind(path: string): string | undefined {
  return LOCK_PRIORITY.find((n) => basename(path) === n);
}

function relativeTo(dir: string, path: string): string {
  if (dir === '') return path;
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path;
}

/**
 * Collects a Node project from its package.json and lockfile. Every locked package becomes a
 * component keyed `name@version` (npm), the depPath (pnpm, peer suffix kept) or `name@version`
 * with a source suffix when two sources share a version (yarn patches, git forks); workspace
 * members are keyed `name@workspace:<path>`. Throws `InputError` (with `file`) for a lockfile
 * or manifest that cannot be parsed.
 */
export function collectNodeProject(input: NodeProjectInput): CollectedProject {
  const includeDev = input.includeDev ?? true;
  const manifest: PackageJsonInfo | undefined = input.manifest
    ? parsePackageJsonDeps(input.manifest.text, input.manifest.path)
    : undefined;
  const members = (input.workspaceManifests ?? []).map((f) => ({
    dir: relativeTo(input.dir, dirname(f.path)),
    info: parsePackageJsonDeps(f.text, f.path),
  }));
  const lock = [...input.lockfiles]
    .filter((f) => lockKind(f.path) !== undefined)
    .sort(
      (a, b) => LOCK_PRIORITY.indexOf(lockKind(a.path) as string) - LOCK_PRIORITY.indexOf(lockKind(b.path) as string),
    )[0];
  const files: string[] = [];
  if (input.manifest) files.push(input.manifest.path);

  const project: CollectedProject = {
    name: manifest?.name ?? (basename(input.dir) || 'root'),
    type: 'npm',
    dir: input.dir,
    files,
    direct: [],
    packages: [],
  };
  if (manifest?.version) project.version = manifest.version;
  if (manifest?.license) project.licenses = [manifest.license];

  if (!lock) {
    if (!manifest) {
      const other = input.lockfiles[0];
      if (other) throw new InputError(`${other.path}: not a Node lockfile this collector reads`, other.path);
      return project;
    }
    const { packages, direct } = manifestOnly(manifest, input.manifest?.path ?? 'package.json', includeDev);
    project.packages = packages;
    project.direct = direct;
    return project;
  }

  files.push(lock.path);
  let read: LockReadResult;
  switch (lockKind(lock.path)) {
    case 'pnpm-lock.yaml':
      read = readPnpmLock(lock.text, lock.path, manifest, members);
      break;
    case 'yarn.lock':
      read = isBerryLock(lock.text)
        ? readYarnBerry(lock.text, lock.path, manifest, members)
        : readYarnV1(lock.text, lock.path, manifest, members);
      break;
    default:
      read = readPackageLock(lock.text, lock.path, manifest);
  }
  const { packages, direct } = finishPackages(read.packages, read.roots, {
    sourceFile: lock.path,
    includeDev,
    recordedScopes: read.recordedScopes,
  });
  for (const p of packages) {
    p.properties = { ...p.properties, 'shipshape:lockfile': read.format };
  }
  project.packages = packages;
  project.direct = direct;
  if (!manifest) {
    if (read.rootName) project.name = read.rootName;
    if (read.rootVersion) project.version = read.rootVersion;
    if (read.rootLicense) project.licenses = [read.rootLicense];
  }
  return project;
}

/** package.json without a lockfile: direct dependencies with their declared ranges, unresolved. */
function manifestOnly(
  manifest: PackageJsonInfo,
  sourceFile: string,
  includeDev: boolean,
): { packages: CollectedPackage[]; direct: string[] } {
  const byKey = new Map<string, CollectedPackage>();
  for (const d of manifest.deps) {
    if (d.group === 'dev' && !includeDev) continue;
    const key = d.name;
    const scope = d.group === 'dev' ? 'excluded' : d.group === 'prod' ? 'required' : 'optional';
    const prev = byKey.get(key);
    if (prev) {
      if (scope === 'required' || (scope === 'optional' && prev.scope === 'excluded')) prev.scope = scope;
      continue;
    }
    // `npm:real@range` aliases name the real package.
    let name = d.name;
    let range = d.range;
    let alias: string | undefined;
    if (range.startsWith('npm:')) {
      const body = range.slice(4);
      const at = body.indexOf('@', body.startsWith('@') ? 1 : 0);
      name = at < 0 ? body : body.slice(0, at);
      range = at < 0 ? '*' : body.slice(at + 1);
      alias = d.name;
    }
    const pkg: CollectedPackage = {
      key,
      ecosystem: 'npm',
      name,
      range,
      purl: npmPurl(name, undefined),
      hashes: [],
      licenses: [],
      scope,
      direct: true,
      dependsOn: [],
      sourceFile,
      unresolved: true,
      properties: { 'shipshape:dependency-group': d.group },
    };
    if (alias) pkg.alias = alias;
    byKey.set(key, pkg);
  }
  const packages = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { packages, direct: packages.map((p) => p.key) };
}
