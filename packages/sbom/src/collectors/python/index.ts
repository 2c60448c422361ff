import type { CollectedPackage, CollectedProject, DependencyScope, SourceFile } from '../../model.js';
import {
  addHash,
  basename,
  dirname,
  finishPackages,
  joinPosix,
  type RawDirect,
  type RawPackage,
} from '../npm/common.js';
import { type PyLockRead, readPipfileLock, readPoetryLock, readPylock, readUvLock } from './locks.js';
import { parseHashString, pypiPurl } from './pep508.js';
import { type PyprojectInfo, parsePyprojectDeps } from './pyproject.js';
import { parseRequirements, type RequirementLine } from './requirements.js';

export { exactPin, normalizePythonName, type Pep508, parsePep508, pypiPurl } from './pep508.js';
export { type PyprojectDep, type PyprojectInfo, parsePyprojectDeps } from './pyproject.js';
export { parseRequirements, type RequirementLine } from './requirements.js';

export interface PythonProjectInput {
  /** Project directory, repo-relative POSIX ('' for the repository root). */
  dir: string;
  /** uv.lock, poetry.lock, pylock*.toml, Pipfile.lock, requirements*.txt (and included files), pyproject.toml. */
  files: SourceFile[];
  /** Keep dev-group packages (scope `excluded`). Default true. */
  includeDev?: boolean;
}

type Kind = 'uv' | 'poetry' | 'pylock' | 'pipfile' | 'requirements' | 'pyproject';

/** Which file a path is, by its base name. */
export function pythonFileKind(path: string): Kind | undefined {
  const b = basename(path).toLowerCase();
  if (b === 'uv.lock') return 'uv';
  if (b === 'poetry.lock') return 'poetry';
  if (b === 'pylock.toml' || /^pylock\.[^.]+\.toml$/.test(b)) return 'pylock';
  if (b === 'pipfile.lock') return 'pipfile';
  if (b === 'pyproject.toml') return 'pyproject';
  if (b.endsWith('.txt') || b.endsWith('.in')) return 'requirements';
  return undefined;
}

const PREFERENCE: Kind[] = ['uv', 'poetry', 'pylock', 'pipfile', 'requirements'];

/** A requirements file whose name says it is for development (`requirements-dev.txt`, `requirements/test.txt`). */
export function isDevRequirementsFile(path: string): boolean {
  const rel = path.toLowerCase().replace(/.*requirements?/, '');
  return /(^|[-_./])(dev|devel|develop|development|test|tests|testing|lint|linting|docs?|ci|typing|mypy)([-_./]|$)/.test(
    rel,
  );
}

/**
 * Collects a Python project. The most exact source wins: uv.lock > poetry.lock > pylock.toml >
 * Pipfile.lock > requirements files; pyproject.toml supplies the project name and, for lockfiles
 * that do not record them (poetry, pylock), the direct dependencies and their groups. Throws
 * `InputError` (with `file`) for a lockfile or pyproject.toml that cannot be parsed.
 *
 * Keys are `name@version` (normalised name), or the name alone when unresolved. Lockfiles without
 * edges (Pipfile.lock, requirements files, pylock without `dependencies`) give every package as
 * direct with `shipshape:dependency-edges=not-recorded`.
 */
export function collectPythonProject(input: PythonProjectInput): CollectedProject {
  const includeDev = input.includeDev ?? true;
  const byKind = new Map<Kind, SourceFile[]>();
  for (const f of [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const k = pythonFileKind(f.path);
    if (k) byKind.set(k, [...(byKind.get(k) ?? []), f]);
  }
  const pyFile = byKind.get('pyproject')?.[0];
  const py: PyprojectInfo | undefined = pyFile ? parsePyprojectDeps(pyFile.text, pyFile.path) : undefined;
  const project: CollectedProject = {
    name: py?.name ?? (basename(input.dir) || 'root'),
    type: 'python',
    dir: input.dir,
    files: pyFile ? [pyFile.path] : [],
    direct: [],
    packages: [],
  };
  if (py?.version) project.version = py.version;
  if (py?.license) project.licenses = [py.license];

  const kind = PREFERENCE.find((k) => (byKind.get(k)?.length ?? 0) > 0);
  let read: PyLockRead;
  let sourceFile: string;
  if (kind === 'uv' || kind === 'poetry' || kind === 'pylock' || kind === 'pipfile') {
    // Several pylock.<name>.toml: the plain one first, else the first by name.
    const lock =
      (byKind.get(kind) as SourceFile[]).find((f) => basename(f.path) === 'pylock.toml') ??
      ((byKind.get(kind) as SourceFile[])[0] as SourceFile);
    sourceFile = lock.path;
    read =
      kind === 'uv'
        ? readUvLock(lock.text, lock.path, py)
        : kind === 'poetry'
          ? readPoetryLock(lock.text, lock.path, py)
          : kind === 'pylock'
            ? readPylock(lock.text, lock.path, py)
            : readPipfileLock(lock.text, lock.path);
    project.files.push(lock.path);
  } else if (kind === 'requirements') {
    const reqs = byKind.get('requirements') as SourceFile[];
    const r = readRequirementFiles(reqs);
    read = r.read;
    sourceFile = r.files[0] ?? '';
    project.files.push(...r.files);
  } else if (py) {
    const { packages, direct } = pyprojectOnly(py, pyFile?.path ?? 'pyproject.toml', includeDev);
    project.packages = packages;
    project.direct = direct;
    return project;
  } else return project;

  if (read.rootName && !py?.name) project.name = read.rootName;
  if (read.rootVersion && !project.version) project.version = read.rootVersion;
  const { packages, direct } = finishPackages(read.packages, read.roots, {
    sourceFile,
    includeDev,
    recordedScopes: read.recordedScopes,
    ecosystem: 'pypi',
    purl: (p) => pypiPurl(p.name, p.version, p.qualifiers),
  });
  for (const p of packages) {
    const props: Record<string, string> = { ...p.properties, 'shipshape:lockfile': read.format };
    if (read.flat) props['shipshape:dependency-edges'] = 'not-recorded';
    p.properties = Object.fromEntries(Object.entries(props).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // Packages own their evidence file when several requirements files were read.
    const from = read.packages.get(p.key)?.properties['shipshape:source-file'];
    if (from) {
      p.sourceFile = from;
      delete p.properties['shipshape:source-file'];
    }
  }
  project.packages = packages;
  project.direct = direct;
  return project;
}

/**
 * Requirements files: the top-level files (not included by another given file) are read with
 * their `-r` includes; `-c` constraint files only supply versions. No edges are known, so every
 * package is direct. Files named for development give `excluded` packages.
 */
function readRequirementFiles(files: SourceFile[]): { read: PyLockRead; files: string[] } {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const parsed = new Map(files.map((f) => [f.path, parseRequirements(f.text, f.path)]));
  const resolveInclude = (from: string, inc: string) => joinPosix(dirname(from), inc);
  const included = new Set<string>();
  for (const [path, lines] of parsed)
    for (const l of lines) if (l.include) included.add(resolveInclude(path, l.include));
  const constraintOnly = new Set<string>();
  for (const [path, lines] of parsed) {
    for (const l of lines)
      if (l.kind === 'constraint' && l.include) constraintOnly.add(resolveInclude(path, l.include));
  }
  for (const p of included) constraintOnly.delete(p);
  // Scope per file: top files (not included by another, or the conventional requirements.txt)
  // by their name; included files inherit the strongest scope of the files including them.
  const fileScope = new Map<string, DependencyScope>();
  const queue: string[] = [];
  const setScope = (path: string, scope: DependencyScope) => {
    const prev = fileScope.get(path);
    if (prev === 'required' || prev === scope) return;
    fileScope.set(path, scope);
    queue.push(path);
  };
  for (const f of files) {
    if (constraintOnly.has(f.path)) continue;
    if (!included.has(f.path) || basename(f.path) === 'requirements.txt') {
      setScope(f.path, isDevRequirementsFile(f.path) ? 'excluded' : 'required');
    }
  }
  const packages = new Map<string, RawPackage>();
  const roots: RawDirect[] = [];
  const used = new Set<string>();
  const constraints = new Map<string, RequirementLine>();
  while (queue.length > 0) {
    const path = queue.shift() as string;
    for (const l of parsed.get(path) ?? []) {
      if (l.kind !== 'include' || !l.include) continue;
      const target = resolveInclude(path, l.include);
      if (byPath.has(target)) setScope(target, fileScope.get(path) as DependencyScope);
    }
  }
  // Constraint pins (`-c constraints.txt`) apply to the whole resolution.
  for (const path of fileScope.keys()) {
    used.add(path);
    for (const l of parsed.get(path) ?? []) {
      if (l.kind !== 'constraint' || !l.include) continue;
      const target = resolveInclude(path, l.include);
      if (!byPath.has(target)) continue;
      used.add(target);
      for (const c of parsed.get(target) ?? []) if (c.name && c.version) constraints.set(c.name, c);
    }
  }
  const collected: { path: string; line: RequirementLine; scope: DependencyScope }[] = [];
  for (const [path, scope] of [...fileScope].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const line of parsed.get(path) ?? [])
      if (line.kind === 'requirement' && line.name) collected.push({ path, line, scope });
  }
  for (const { path, line: l, scope } of collected) {
    const name = l.name as string;
    const c = constraints.get(name);
    const version = l.version ?? (l.url ? undefined : c?.version);
    const key = version ? `${name}@${version}` : name;
    let p = packages.get(key);
    if (!p) {
      p = { key, name, hashes: [], licenses: [], edges: [], properties: { 'shipshape:source-file': path } };
      if (version) p.version = version;
      else {
        p.unresolved = true;
        p.range = l.specifier || (l.vcsRef ? `@${l.vcsRef}` : '*');
      }
      if (l.url) {
        p.resolved = l.url;
        if (l.vcs) p.qualifiers = { vcs_url: l.url };
        else if (/^https?:/.test(l.url)) p.qualifiers = { download_url: l.url };
        if (l.vcs && l.commitPinned && l.vcsRef) p.properties['shipshape:git-commit'] = l.vcsRef;
      }
      if (l.marker) p.properties['shipshape:marker'] = l.marker;
      if (l.extras.length > 0) p.properties['shipshape:extras'] = l.extras.join(',');
      if (l.editable) p.properties['shipshape:editable'] = 'true';
      packages.set(key, p);
    }
    for (const h of [...l.hashes, ...(l.hashes.length === 0 && c ? c.hashes : [])]) {
      const hh = parseHashString(h);
      if (hh) addHash(p.hashes, hh);
    }
    const prev = roots.find((r) => r.key === key);
    if (!prev) roots.push({ key, scope });
    else if (scope === 'required') prev.scope = 'required';
  }
  return {
    read: { packages, roots, recordedScopes: false, format: 'requirements', flat: true },
    files: [...used].sort(),
  };
}

/** pyproject.toml without a lockfile: direct dependencies, unresolved, with their specifiers. */
function pyprojectOnly(
  py: PyprojectInfo,
  sourceFile: string,
  includeDev: boolean,
): { packages: CollectedPackage[]; direct: string[] } {
  const byKey = new Map<string, CollectedPackage>();
  const rank = { required: 0, optional: 1, excluded: 2 } as const;
  for (const d of py.deps) {
    const scope: DependencyScope = d.kind === 'main' ? 'required' : d.kind === 'extra' ? 'optional' : 'excluded';
    if (scope === 'excluded' && !includeDev) continue;
    const prev = byKey.get(d.name);
    if (prev) {
      if (rank[scope] < rank[prev.scope]) prev.scope = scope;
      continue;
    }
    const pin = /^(===|==)([^,*]+)$/.exec(d.specifier);
    const pkg: CollectedPackage = {
      key: d.name,
      ecosystem: 'pypi',
      name: d.name,
      purl: pypiPurl(d.name, pin?.[2]),
      hashes: [],
      licenses: [],
      scope,
      direct: true,
      dependsOn: [],
      sourceFile,
      properties: { 'shipshape:dependency-group': d.kind === 'main' ? 'main' : `${d.kind}:${d.group}` },
    };
    if (pin) pkg.version = pin[2] as string;
    else {
      pkg.unresolved = true;
      pkg.range = d.specifier || '*';
    }
    if (d.url) pkg.resolved = d.url;
    byKey.set(d.name, pkg);
  }
  const packages = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { packages, direct: packages.map((p) => p.key) };
}
