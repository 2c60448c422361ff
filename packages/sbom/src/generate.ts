import type { Notification } from '@shipshape/core';
import { collectCargoProject } from './collectors/cargo/index.js';
import { collectComposerProject } from './collectors/composer/index.js';
import { collectContainerProject } from './collectors/container/index.js';
import { defaultCollectors, type EcosystemCollectors } from './collectors/ecosystems.js';
import { collectGoProject } from './collectors/go/index.js';
import { collectHelmProject } from './collectors/helm/index.js';
import { collectHexProject } from './collectors/hex/index.js';
import { collectGradleProject, collectMavenProject } from './collectors/java/index.js';
import type { CollectorInput } from './collectors/locked.js';
import { collectCocoaPodsProject, collectPubProject, collectSwiftProject } from './collectors/mobile/index.js';
import { collectNugetProject } from './collectors/nuget/index.js';
import { collectRubyProject } from './collectors/ruby/index.js';
import { assembleGraph, type Coverage, type SbomGraph } from './graph.js';
import type { CollectedProject, SourceFile } from './model.js';
import {
  baseName,
  chartRootOf,
  dirName,
  globToRegExp,
  helmChartRoots,
  inputRole,
  isPythonLock,
  lockReferencesDir,
  pythonLockReferencesDir,
  topChartRoots,
  UNREAD_INPUTS,
  workspaceGlobs,
} from './projects.js';
import { resolveTimestamp } from './writers/common.js';
import { renderCycloneDx } from './writers/cyclonedx.js';
import { renderSpdx } from './writers/spdx.js';

export type SbomFormat = 'cyclonedx-json' | 'spdx-json';

export interface SbomOptions {
  format: SbomFormat;
  /** CycloneDX spec version (default 1.6); ignored for SPDX. */
  spec?: '1.5' | '1.6';
  /** Leave out development-only packages (scope `excluded`). */
  excludeDev?: boolean;
  /** One document per project instead of one for the repository. */
  split?: boolean;
  /** Name of the repository root component when the document holds several projects. */
  rootName?: string;
  /**
   * Document time (ISO 8601). Default: `SOURCE_DATE_EPOCH` when set, else the current time
   * (time cannot be derived from content; set SOURCE_DATE_EPOCH for byte-identical output).
   */
  timestamp?: string;
  /** Version written into the tool record. */
  toolVersion?: string;
  /** Collectors for Node and Python (defaults to the package's own). */
  collectors?: EcosystemCollectors;
  /** Environment to read SOURCE_DATE_EPOCH from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /**
   * Inputs left out before generation (a lockfile skipped for its size, an unreadable file): they
   * are returned with the notifications and listed as not read in the document's coverage.
   */
  skipped?: readonly Notification[];
}

export interface SbomDocument {
  /** File name to write it under (`sbom.cdx.json`, `<project>.spdx.json`). */
  name: string;
  json: string;
}

export interface SbomObjectDocument {
  name: string;
  /** The serialised document (what generateSbom returns). */
  json: string;
  /** The document as an object (CycloneDX BOM or SPDX document). */
  document: Record<string, unknown>;
  /** The writer-neutral graph it was written from. */
  graph: SbomGraph;
  projects: CollectedProject[];
}

export interface SbomResult {
  documents: SbomDocument[];
  notifications: Notification[];
  /** Inputs read per project type, and those recognised but not read. */
  coverage: Coverage;
}

export interface SbomObjectResult {
  documents: SbomObjectDocument[];
  notifications: Notification[];
  projects: CollectedProject[];
  coverage: Coverage;
}

/** Codes of notifications that mean a recognised input was left out of the SBOM, whole or in part. */
const UNREAD_CODES = new Set([
  'sbom-input-unread',
  'parse-error',
  'file-too-large',
  'unreadable',
  'collector-unavailable',
]);

/** Coverage of a set of projects plus the notifications about inputs left out. */
export function coverageOf(projects: readonly CollectedProject[], notifications: readonly Notification[]): Coverage {
  const read: Record<string, Set<string>> = {};
  for (const p of projects) {
    if (p.files.length === 0) continue;
    const set = read[p.type] ?? new Set<string>();
    read[p.type] = set;
    for (const f of p.files) set.add(f);
  }
  const unread = new Map<string, string>();
  for (const n of notifications) {
    if (!UNREAD_CODES.has(n.code) || n.file === undefined) continue;
    // A partly read input (a Maven parent outside the repository) is still read: info level.
    if (n.level === 'info' && [...Object.values(read)].some((s) => s.has(n.file as string))) continue;
    if (!unread.has(n.file))
      unread.set(n.file, n.message.startsWith(`${n.file}: `) ? n.message.slice(n.file.length + 2) : n.message);
  }
  return {
    read: Object.fromEntries(
      Object.keys(read)
        .sort(cmp)
        .map((k) => [k, [...(read[k] as Set<string>)].sort(cmp)]),
    ),
    unread: [...unread].sort(([a], [b]) => cmp(a, b)).map(([file, reason]) => ({ file, reason })),
  };
}

/**
 * The one-line coverage summary `shipshape sbom` prints on stderr: inputs read per ecosystem and
 * the inputs recognised but left out.
 */
export function coverageSummary(result: { coverage: Coverage }): string {
  const { read, unread } = result.coverage;
  const total = Object.values(read).reduce((n, files) => n + files.length, 0);
  const per = Object.entries(read)
    .map(([type, files]) => `${type} ${files.length}`)
    .join(', ');
  let line = `sbom coverage: ${total} input${total === 1 ? '' : 's'} read${per ? ` (${per})` : ''}`;
  if (unread.length === 0) return `${line}; nothing recognised was left out`;
  const names = unread.slice(0, 3).map((u) => u.file);
  line += `; ${unread.length} left out: ${names.join(', ')}${unread.length > 3 ? ` and ${unread.length - 3} more` : ''} (see the warnings)`;
  return line;
}

/** A project found in the file list, before collection. */
export interface DetectedProject {
  type: CollectedProject['type'];
  dir: string;
  files: SourceFile[];
  /** npm: package.json files of workspace members folded into this root. */
  workspaceManifests?: SourceFile[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ROLE_PROJECT = {
  go: 'go',
  ruby: 'ruby',
  composer: 'composer',
  maven: 'maven',
  hex: 'hex',
  pub: 'pub',
  cocoapods: 'cocoapods',
} as const;

/** Whether a strict ancestor of `dir` is in `dirs`. */
function hasAncestor(dir: string, dirs: ReadonlySet<string>): boolean {
  for (let d = dir; d !== ''; ) {
    d = dirName(d);
    if (dirs.has(d)) return true;
  }
  return false;
}

/** The collectors of the ecosystems beyond Node, Python, Helm and containers, by project type. */
const LOCKED_COLLECTORS: Partial<Record<CollectedProject['type'], (input: CollectorInput) => CollectedProject>> = {
  go: collectGoProject,
  cargo: collectCargoProject,
  ruby: collectRubyProject,
  composer: collectComposerProject,
  maven: collectMavenProject,
  gradle: collectGradleProject,
  nuget: collectNugetProject,
  hex: collectHexProject,
  pub: collectPubProject,
  swift: collectSwiftProject,
  cocoapods: collectCocoaPodsProject,
};

/**
 * Projects in a file list: each directory with a Node or Python manifest/lockfile, each
 * top-level Helm chart (with its vendored sub-charts), and each directory with Dockerfiles or
 * compose files. Workspace members are folded into the workspace root that locks them.
 */
export function detectProjects(files: readonly SourceFile[], unreadNotes: Notification[] = []): DetectedProject[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const paths = [...byPath.keys()].sort(cmp);
  const projects = new Map<string, DetectedProject>();
  const add = (type: DetectedProject['type'], dir: string, file: SourceFile) => {
    const id = `${type}\0${dir}`;
    let p = projects.get(id);
    if (!p) {
      p = { type, dir, files: [] };
      projects.set(id, p);
    }
    p.files.push(file);
  };
  const chartRoots = helmChartRoots(paths);
  const tops = topChartRoots(chartRoots);
  const topOf = (path: string): string | undefined => {
    let best: string | undefined;
    for (const t of tops)
      if ((t === '' || path.startsWith(`${t}/`)) && (best === undefined || t.length > best.length)) best = t;
    return best;
  };
  const npmLockDirs = new Set(paths.filter((p) => inputRole(p) === 'npm-lock').map(dirName));
  const memberCache = new Map<string, RegExp[]>();
  const workspaceMatchers = (dir: string): RegExp[] => {
    let m = memberCache.get(dir);
    if (!m) {
      const prefix = dir === '' ? '' : `${dir}/`;
      m = workspaceGlobs(
        byPath.get(`${prefix}package.json`)?.text,
        byPath.get(`${prefix}pnpm-workspace.yaml`)?.text,
      ).map(globToRegExp);
      memberCache.set(dir, m);
    }
    return m;
  };
  /** The workspace root (an ancestor with a lockfile whose globs cover `dir`), if any. */
  const workspaceRoot = (dir: string): string | undefined => {
    let d = dir;
    while (d !== '') {
      d = dirName(d);
      if (npmLockDirs.has(d)) {
        const rel = d === '' ? dir : dir.slice(d.length + 1);
        return workspaceMatchers(d).some((re) => re.test(rel)) ? d : undefined;
      }
    }
    return undefined;
  };
  /**
   * A directory an ancestor's lockfile already locks as a local package (`file:`/`link:`
   * dependency, or a `packages` entry of package-lock): its package.json is part of that project,
   * not a project of its own.
   */
  const lockedByAncestor = (dir: string): boolean => {
    let d = dir;
    while (d !== '') {
      d = dirName(d);
      if (!npmLockDirs.has(d)) continue;
      const rel = d === '' ? dir : dir.slice(d.length + 1);
      const prefix = d === '' ? '' : `${d}/`;
      return paths.some(
        (p) =>
          dirName(p) === d &&
          p.startsWith(prefix) &&
          inputRole(p) === 'npm-lock' &&
          lockReferencesDir(byPath.get(p)?.text ?? '', rel),
      );
    }
    return false;
  };
  const members: { root: string; file: SourceFile }[] = [];
  const unread: SourceFile[] = [];
  const cargoLockDirs = new Set(paths.filter((p) => baseName(p) === 'Cargo.lock').map(dirName));

  for (const path of paths) {
    const file = byPath.get(path) as SourceFile;
    const role = inputRole(path);
    if (!role) continue;
    const dir = dirName(path);
    switch (role) {
      case 'npm-manifest': {
        const root = npmLockDirs.has(dir) ? undefined : workspaceRoot(dir);
        if (root !== undefined) members.push({ root, file });
        else if (npmLockDirs.has(dir) || !lockedByAncestor(dir)) add('npm', dir, file);
        break;
      }
      case 'npm-lock':
        add('npm', dir, file);
        break;
      case 'python':
        // `requirements/base.txt` belongs to the project above the folder; a file that is a
        // requirements file by its own name stays where it is.
        add(
          'python',
          /(^|\/)requirements$/.test(dir) && !/^(requirements|constraints)/i.test(baseName(path)) ? dirName(dir) : dir,
          file,
        );
        break;
      case 'helm-chart':
      case 'helm-lock':
      case 'helm-requirements':
      case 'helm-values':
      case 'helm-archive': {
        if (role !== 'helm-chart' && chartRootOf(path, chartRoots) === undefined) break;
        const top = topOf(path);
        if (top !== undefined) add('helm', top, file);
        break;
      }
      case 'dockerfile':
      case 'compose':
      case 'compose-env':
        add('container', dir, file);
        break;
      case 'go':
      case 'ruby':
      case 'composer':
      case 'maven':
      case 'hex':
      case 'pub':
      case 'cocoapods':
        add(ROLE_PROJECT[role], dir, file);
        break;
      case 'cargo':
        // A workspace member's Cargo.toml belongs to the Cargo.lock above it.
        if (baseName(path) === 'Cargo.toml' && !cargoLockDirs.has(dir) && hasAncestor(dir, cargoLockDirs)) break;
        add('cargo', dir, file);
        break;
      case 'gradle': {
        // gradle/libs.versions.toml and gradle/dependency-locks/ belong to the build above them.
        let d = dir;
        if (/(^|\/)gradle\/dependency-locks$/.test(d)) d = dirName(dirName(d));
        else if (/(^|\/)gradle$/.test(d) && !/\.gradle(\.kts)?$|lockfile$/.test(path)) d = dirName(d);
        add('gradle', d, file);
        break;
      }
      case 'nuget':
        add('nuget', dir, file);
        break;
      case 'swift': {
        // Xcode keeps it in <App>.xcodeproj/project.xcworkspace/xcshareddata/swiftpm/.
        const m = /^(?:(.*)\/)?[^/]+\.(xcodeproj|xcworkspace)\//.exec(path);
        add('swift', m ? (m[1] ?? '') : dir, file);
        break;
      }
      case 'unread':
        unread.push(file);
        break;
      default:
        break;
    }
  }
  // Container projects made only of a `.env` are not projects.
  for (const [id, p] of projects)
    if (p.type === 'container' && p.files.every((f) => inputRole(f.path) === 'compose-env')) projects.delete(id);
  // Code manifests (Gemfile, mix.exs, Package.swift, Podfile) are read only through their lockfile;
  // recognised files with no collector are reported.
  for (const file of unread) {
    const info = UNREAD_INPUTS[baseName(file.path)];
    const dir = dirName(file.path);
    if (info?.lock) {
      const ecosystem = info.ecosystem as CollectedProject['type'];
      const project = projects.get(`${ecosystem}\0${dir}`);
      if (project) {
        project.files.push(file);
        continue;
      }
      // An umbrella/workspace member whose lock sits in an ancestor directory.
      if (paths.some((q) => baseName(q) === info.lock && (dirName(q) === '' || dir.startsWith(`${dirName(q)}/`))))
        continue;
    }
    // setup.py/setup.cfg next to a Python project that is read (pyproject, lockfile, requirements).
    if ((baseName(file.path) === 'setup.py' || baseName(file.path) === 'setup.cfg') && projects.has(`python\0${dir}`))
      continue;
    const why = info?.why ?? 'this manifest format is not read.';
    unreadNotes.push({
      level: 'warning',
      code: 'sbom-input-unread',
      message: `${file.path}: ${why}`,
      file: file.path,
    });
  }
  // A pyproject.toml-only directory that an ancestor's lockfile locks (uv workspace member, path
  // dependency) is part of that project, not a lockfile-less project of its own.
  for (const [id, p] of projects) {
    if (p.type !== 'python' || p.dir === '' || !p.files.every((f) => baseName(f.path) === 'pyproject.toml')) continue;
    for (let d = dirName(p.dir); ; d = dirName(d)) {
      const rel = d === '' ? p.dir : p.dir.slice(d.length + 1);
      const locks = paths.filter((q) => dirName(q) === d && isPythonLock(q));
      if (locks.some((q) => pythonLockReferencesDir(byPath.get(q)?.text ?? '', rel))) {
        projects.delete(id);
        break;
      }
      if (d === '') break;
    }
  }
  for (const { root, file } of members) {
    const p = projects.get(`npm\0${root}`);
    if (!p) continue;
    p.workspaceManifests ??= [];
    p.workspaceManifests.push(file);
  }
  return [...projects.values()].sort((a, b) => cmp(a.dir, b.dir) || cmp(a.type, b.type));
}

/** Runs the right collector on each detected project; collector failures become notifications. */
export function collectProjects(
  files: readonly SourceFile[],
  options: { excludeDev?: boolean; collectors?: EcosystemCollectors } = {},
): { projects: CollectedProject[]; notifications: Notification[] } {
  const collectors = options.collectors ?? defaultCollectors;
  const includeDev = !options.excludeDev;
  const notifications: Notification[] = [];
  const projects: CollectedProject[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  const allPaths = [...byPath.keys()].sort(cmp);
  const lookup = (path: string) => byPath.get(path);
  for (const detected of detectProjects(files, notifications)) {
    try {
      let project: CollectedProject | undefined;
      switch (detected.type) {
        case 'npm': {
          if (!collectors.node) {
            notifications.push({
              level: 'warning',
              code: 'collector-unavailable',
              message: `no Node collector is available; ${detected.dir || '.'} is left out.`,
            });
            break;
          }
          const manifest = detected.files.find((f) => baseName(f.path) === 'package.json');
          const lockfiles = detected.files.filter((f) => f !== manifest);
          const input: Parameters<NonNullable<EcosystemCollectors['node']>>[0] = {
            dir: detected.dir,
            lockfiles,
            includeDev,
          };
          if (manifest) input.manifest = manifest;
          // yarn v1 does not lock workspace members and pnpm records only their paths: the
          // members' package.json files supply their names, versions and edges.
          if (detected.workspaceManifests?.length) input.workspaceManifests = detected.workspaceManifests;
          project = collectors.node(input);
          break;
        }
        case 'python':
          if (!collectors.python) {
            notifications.push({
              level: 'warning',
              code: 'collector-unavailable',
              message: `no Python collector is available; ${detected.dir || '.'} is left out.`,
            });
            break;
          }
          project = collectors.python({ dir: detected.dir, files: detected.files, includeDev });
          break;
        case 'helm':
          project = collectHelmProject({ dir: detected.dir, files: detected.files });
          break;
        case 'container':
          project = collectContainerProject({ dir: detected.dir, files: detected.files });
          break;
        default: {
          const collect = LOCKED_COLLECTORS[detected.type];
          if (collect)
            project = collect({ dir: detected.dir, files: detected.files, includeDev, lookup, paths: allPaths });
          break;
        }
      }
      if (!project) continue;
      if (project.notifications) for (const n of project.notifications) notifications.push(n);
      // A project whose collector read none of its files (a Pipfile without Pipfile.lock) is
      // recognised but not read: say so for each file.
      if (project.files.length === 0 && project.packages.length === 0)
        for (const f of detected.files) {
          if (notifications.some((n) => n.file === f.path)) continue; // already said why
          notifications.push({
            level: 'warning',
            code: 'sbom-input-unread',
            message: `${f.path}: recognised as a ${detected.type} input, but nothing in it could be read on its own (its lockfile is missing).`,
            file: f.path,
          });
        }
      projects.push(project);
    } catch (error) {
      const file = detected.files[0]?.path;
      notifications.push({
        level: 'warning',
        code: 'parse-error',
        message: `${detected.type} project ${detected.dir || '.'} could not be read: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
        ...(file !== undefined ? { file } : {}),
      });
    }
  }
  return { projects, notifications };
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
}

/** Like generateSbom, but returns the documents as objects with their graphs (for tooling and tests). */
export function generateSbomObjects(files: readonly SourceFile[], options: SbomOptions): SbomObjectResult {
  const collectOptions: { excludeDev?: boolean; collectors?: EcosystemCollectors } = {};
  if (options.excludeDev !== undefined) collectOptions.excludeDev = options.excludeDev;
  if (options.collectors !== undefined) collectOptions.collectors = options.collectors;
  const collected = collectProjects(files, collectOptions);
  const projects = collected.projects;
  const notifications = [...(options.skipped ?? []), ...collected.notifications];
  const coverage = coverageOf(projects, notifications);
  const timestamp = resolveTimestamp(options.timestamp, options.env ?? process.env);
  const toolVersion = options.toolVersion ?? '0.0.0';
  const ext = options.format === 'spdx-json' ? 'spdx.json' : 'cdx.json';
  const write = (graph: SbomGraph): { document: Record<string, unknown>; json: string } =>
    options.format === 'spdx-json'
      ? renderSpdx(graph, { timestamp, toolVersion })
      : renderCycloneDx(graph, { spec: options.spec ?? '1.6', timestamp, toolVersion });
  const assemble = {
    excludeDev: options.excludeDev ?? false,
    ...(options.rootName !== undefined ? { rootName: options.rootName } : {}),
  };
  const documents: SbomObjectDocument[] = [];
  if (options.split) {
    const used = new Set<string>();
    for (const project of projects) {
      const graph = assembleGraph([project], assemble, notifications);
      graph.coverage = { read: coverageOf([project], []).read, unread: coverage.unread };
      let name = `${slug(project.dir === '' ? (options.rootName ?? project.name) : project.dir)}.${project.type}.${ext}`;
      for (let i = 2; used.has(name); i++) name = `${slug(project.dir)}.${project.type}-${i}.${ext}`;
      used.add(name);
      documents.push({ name, ...write(graph), graph, projects: [project] });
    }
  } else {
    const graph = assembleGraph(projects, assemble, notifications);
    graph.coverage = coverage;
    documents.push({ name: `sbom.${ext}`, ...write(graph), graph, projects });
  }
  return { documents, notifications, projects, coverage };
}

/**
 * SBOM documents (CycloneDX 1.6/1.5 or SPDX 2.3 JSON) from manifest and lockfile texts. Pure:
 * reads no files, runs nothing, uses no network.
 */
export function generateSbom(files: readonly SourceFile[], options: SbomOptions): SbomResult {
  const result = generateSbomObjects(files, options);
  return {
    documents: result.documents.map((d) => ({ name: d.name, json: d.json })),
    notifications: result.notifications,
    coverage: result.coverage,
  };
}
