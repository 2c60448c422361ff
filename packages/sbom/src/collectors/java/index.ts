import { InputError, type Notification } from '@shipshape/core';
import { parse as parseToml } from 'smol-toml';
import type { CollectedProject, DependencyScope } from '../../model.js';
import { lazyXmlParser } from '../../util/xml.js';
import { allRoots, type CollectorInput, type LockedPackage, lockedProject, safePurl, unreadNotice } from '../locked.js';
import { basename, dirname, isRecord, joinPosix } from '../npm/common.js';

/** `pkg:maven/<group>/<artifact>@<version>` (+ `type`/`classifier` qualifiers when not a plain jar). */
export function mavenPurl(
  group: string,
  artifact: string,
  version: string | undefined,
  type?: string,
  classifier?: string,
): string {
  return safePurl('maven', group, artifact, version, {
    type: type && type !== 'jar' ? type : undefined,
    classifier: classifier || undefined,
  });
}

/** Maven/.NET XML reader (see util/xml.ts). */
const xml = lazyXmlParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: false,
  isArray: (name) => name === 'dependency' || name === 'module',
});

interface PomDep {
  groupId?: string;
  artifactId?: string;
  version?: string;
  scope?: string;
  type?: string;
  classifier?: string;
  optional?: string;
}

interface Pom {
  path: string;
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: { groupId?: string; artifactId?: string; version?: string; relativePath?: string };
  properties: Record<string, string>;
  managed: PomDep[];
  dependencies: PomDep[];
  modules: string[];
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

function depList(node: unknown): PomDep[] {
  if (!isRecord(node) || !Array.isArray(node.dependency)) return [];
  return node.dependency.filter(isRecord).map((d) => {
    const out: PomDep = {};
    for (const k of ['groupId', 'artifactId', 'version', 'scope', 'type', 'classifier', 'optional'] as const) {
      const v = text(d[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  });
}

/** Parses a pom.xml (no entity expansion, no network, no parent resolution). */
export function parsePom(source: string, path: string): Pom {
  let doc: unknown;
  try {
    doc = xml().parse(source);
  } catch (error) {
    throw new InputError(`${path}: not valid XML (${String((error as Error).message).split('\n')[0]})`, path);
  }
  const project = isRecord(doc) && isRecord(doc.project) ? doc.project : undefined;
  if (!project) throw new InputError(`${path}: no <project> element`, path);
  const pom: Pom = { path, properties: {}, managed: [], dependencies: [], modules: [] };
  for (const k of ['groupId', 'artifactId', 'version'] as const) {
    const v = text(project[k]);
    if (v !== undefined) pom[k] = v;
  }
  if (isRecord(project.parent)) {
    const p = project.parent;
    pom.parent = {};
    for (const k of ['groupId', 'artifactId', 'version', 'relativePath'] as const) {
      const v = text(p[k]);
      if (v !== undefined) pom.parent[k] = v;
    }
  }
  if (isRecord(project.properties))
    for (const [k, v] of Object.entries(project.properties)) {
      const t = text(v);
      if (t !== undefined) pom.properties[k] = t;
    }
  pom.managed = depList(isRecord(project.dependencyManagement) ? project.dependencyManagement.dependencies : undefined);
  pom.dependencies = depList(project.dependencies);
  if (isRecord(project.modules) && Array.isArray(project.modules.module))
    pom.modules = project.modules.module.map(text).filter((m): m is string => !!m);
  return pom;
}

/**
 * Direct dependencies of one pom.xml with versions resolved the way Maven does within the
 * repository: `${...}` from the pom's and its parents' properties (and `project.*`),
 * `dependencyManagement` of the pom and its parents (imported BOMs in the repository too),
 * dependencies inherited from parents. A parent or BOM outside the repository leaves what it
 * would supply unresolved, with a notification. Maven has no lockfile: the packages are the direct
 * dependencies only (`shipshape:dependency-edges=not-recorded`).
 */
export function collectMavenProject(input: CollectorInput): CollectedProject {
  const file = input.files.find((f) => basename(f.path) === 'pom.xml');
  if (!file) throw new InputError(`${input.dir || '.'}: no pom.xml`, input.dir);
  const notifications: Notification[] = [];
  const cache = new Map<string, Pom | undefined>();
  const read = (path: string): Pom | undefined => {
    if (cache.has(path)) return cache.get(path);
    const f = path === file.path ? file : input.lookup?.(path);
    let pom: Pom | undefined;
    try {
      pom = f ? parsePom(f.text, f.path) : undefined;
    } catch {
      pom = undefined;
    }
    cache.set(path, pom);
    return pom;
  };
  const allPoms = (input.paths ?? []).filter((p) => basename(p) === 'pom.xml');
  const byCoords = (group: string | undefined, artifact: string | undefined): Pom | undefined => {
    for (const p of allPoms) {
      const pom = read(p);
      if (pom && pom.artifactId === artifact && (pom.groupId ?? pom.parent?.groupId) === group) return pom;
    }
    return undefined;
  };
  const self = read(file.path) ?? parsePom(file.text, file.path);
  // The parent chain inside the repository (relativePath, default ../pom.xml; else by coordinates).
  const chain: Pom[] = [self];
  for (let cur = self; cur.parent && chain.length < 20; ) {
    const rel = cur.parent.relativePath ?? '../pom.xml';
    let target = joinPosix(dirname(cur.path), rel);
    if (!target.endsWith('.xml')) target = joinPosix(target, 'pom.xml');
    let parent = read(target);
    if (!parent || parent.artifactId !== cur.parent.artifactId)
      parent = byCoords(cur.parent.groupId, cur.parent.artifactId);
    if (!parent || chain.includes(parent)) {
      notifications.push(
        unreadNotice(
          cur.path,
          `parent ${cur.parent.groupId ?? '?'}:${cur.parent.artifactId ?? '?'}:${cur.parent.version ?? '?'} is not in the repository; what it declares (versions, properties) is unknown here.`,
          'info',
        ),
      );
      break;
    }
    chain.push(parent);
    cur = parent;
  }
  const props: Record<string, string> = {};
  for (const pom of [...chain].reverse()) Object.assign(props, pom.properties);
  const groupId = self.groupId ?? self.parent?.groupId;
  const version = self.version ?? self.parent?.version;
  const builtins: Record<string, string | undefined> = {
    'project.groupId': groupId,
    'pom.groupId': groupId,
    'project.artifactId': self.artifactId,
    'project.version': version,
    'pom.version': version,
    version,
    'project.parent.version': self.parent?.version,
    'project.parent.groupId': self.parent?.groupId,
  };
  const resolve = (value: string | undefined): string | undefined => {
    let v = value;
    for (let n = 0; v?.includes('${') && n < 10; n++)
      v = v.replace(/\$\{([^}]+)\}/g, (m, key: string) => props[key] ?? builtins[key] ?? m);
    return v;
  };
  // dependencyManagement: nearest declaration wins; `import` BOMs from the repository are merged.
  const managed = new Map<string, PomDep>();
  const addManaged = (list: PomDep[], depth: number) => {
    for (const d of list) {
      const g = resolve(d.groupId);
      const a = resolve(d.artifactId);
      if (d.scope === 'import' && d.type === 'pom') {
        const bom = depth < 5 ? byCoords(g, a) : undefined;
        if (bom) addManaged(bom.managed, depth + 1);
        else
          notifications.push(
            unreadNotice(
              file.path,
              `imported BOM ${g}:${a}:${resolve(d.version)} is not in the repository; versions it manages are unknown here.`,
              'info',
            ),
          );
        continue;
      }
      const key = `${g}:${a}:${d.type ?? 'jar'}:${d.classifier ?? ''}`;
      if (!managed.has(key)) managed.set(key, d);
    }
  };
  for (const pom of chain) addManaged(pom.managed, 0);
  const packages: LockedPackage[] = [];
  const seen = new Set<string>();
  for (const pom of chain)
    for (const d of pom.dependencies) {
      const g = resolve(d.groupId);
      const a = resolve(d.artifactId);
      if (!g || !a) continue;
      const coord = `${g}:${a}:${d.type ?? 'jar'}:${d.classifier ?? ''}`;
      if (seen.has(coord)) continue;
      seen.add(coord);
      const m = managed.get(coord);
      const v = resolve(d.version ?? m?.version);
      const scopeText = d.scope ?? m?.scope ?? 'compile';
      const scope: DependencyScope =
        scopeText === 'test' ? 'excluded' : (d.optional ?? m?.optional) === 'true' ? 'optional' : 'required';
      const exact = v !== undefined && !v.includes('${') && !/[[\](),]/.test(v);
      const pkg: LockedPackage = {
        key: coord,
        name: a,
        purl: mavenPurl(g, a, exact ? v : undefined, d.type, d.classifier),
        scope,
        group: g,
        properties: { 'shipshape:maven-scope': scopeText },
      };
      if (exact) pkg.version = v;
      else pkg.range = v ?? '*';
      if (pom !== self && pkg.properties) pkg.properties['shipshape:inherited-from'] = pom.path;
      packages.push(pkg);
    }
  return lockedProject({
    type: 'maven',
    ecosystem: 'maven',
    dir: input.dir,
    name: `${groupId ?? '?'}:${self.artifactId ?? basename(input.dir)}`,
    ...(version ? { version: resolve(version) as string } : {}),
    files: chain.map((p) => p.path),
    sourceFile: file.path,
    format: 'pom.xml (no lockfile)',
    packages,
    roots: allRoots(packages),
    includeDev: input.includeDev ?? true,
    flat: true,
    recordedScopes: true,
    notifications,
  });
}

const TEST_CONFIG = /^(test|androidTest|unitTest)|Test(CompileClasspath|RuntimeClasspath|AnnotationProcessor)/;

/** Parses gradle.lockfile lines `group:artifact:version=conf1,conf2` (`empty=` and comments skipped). */
export function parseGradleLockfile(
  source: string,
): { group: string; artifact: string; version: string; configurations: string[] }[] {
  const out: { group: string; artifact: string; version: string; configurations: string[] }[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('empty=')) continue;
    const m = /^([^:\s]+):([^:\s]+):([^=\s]+)=(.*)$/.exec(line);
    if (m)
      out.push({
        group: m[1] as string,
        artifact: m[2] as string,
        version: m[3] as string,
        configurations: (m[4] as string).split(',').filter(Boolean),
      });
  }
  return out;
}

/** A version catalog's libraries: `alias = "g:a:v"` or tables with module/group+name and version(.ref). */
export function parseVersionCatalog(
  source: string,
  path: string,
): { alias: string; group: string; artifact: string; version?: string }[] {
  let data: Record<string, unknown>;
  try {
    data = parseToml(source) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`${path}: not valid TOML (${String((error as Error).message).split('\n')[0]})`, path);
  }
  const versions = isRecord(data.versions) ? data.versions : {};
  const versionOf = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (!isRecord(v)) return undefined;
    if (typeof v.ref === 'string') return versionOf(versions[v.ref]);
    return text(v.strictly) ?? text(v.require) ?? text(v.prefer);
  };
  const out: { alias: string; group: string; artifact: string; version?: string }[] = [];
  for (const [alias, spec] of Object.entries(isRecord(data.libraries) ? data.libraries : {})) {
    let group: string | undefined;
    let artifact: string | undefined;
    let version: string | undefined;
    if (typeof spec === 'string') [group, artifact, version] = spec.split(':');
    else if (isRecord(spec)) {
      if (typeof spec.module === 'string') [group, artifact] = spec.module.split(':');
      else {
        group = text(spec.group);
        artifact = text(spec.name);
      }
      version = versionOf(spec.version);
    }
    if (!group || !artifact) continue;
    out.push(version ? { alias, group, artifact, version } : { alias, group, artifact });
  }
  return out;
}

const GRADLE_CONFIGS =
  'implementation|api|compileOnly|runtimeOnly|testImplementation|testRuntimeOnly|testCompileOnly|annotationProcessor|kapt|ksp|compile|testCompile|runtime|developmentOnly|debugImplementation|releaseImplementation|androidTestImplementation|classpath';

/** String coordinates in a build.gradle(.kts) dependency configuration: `implementation("g:a:v")`. */
export function gradleBuildCoordinates(
  source: string,
): { group: string; artifact: string; version?: string; configuration: string }[] {
  const re = new RegExp(
    `\\b(${GRADLE_CONFIGS})\\s*\\(?\\s*(?:platform\\s*\\(\\s*)?["']([^"'\\s:$]+):([^"'\\s:$]+)(?::([^"'\\s]+))?["']`,
    'g',
  );
  const out: { group: string; artifact: string; version?: string; configuration: string }[] = [];
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const entry: { group: string; artifact: string; version?: string; configuration: string } = {
      configuration: m[1] as string,
      group: m[2] as string,
      artifact: m[3] as string,
    };
    if (m[4]) entry.version = m[4];
    out.push(entry);
  }
  return out;
}

/**
 * A Gradle project: gradle.lockfile (every locked module; only-test configurations excluded),
 * else the version catalog (libs.versions.toml) and the string coordinates of the build files as
 * direct dependencies (versions from `$`-free literals; others unresolved).
 */
export function collectGradleProject(input: CollectorInput): CollectedProject {
  const locks = input.files.filter((f) =>
    /(^|\/)([\w-]*gradle\.lockfile|gradle\/dependency-locks\/[^/]+\.lockfile)$/.test(f.path),
  );
  const builds = input.files.filter((f) => /\.gradle(\.kts)?$/.test(f.path));
  const catalogs = input.files.filter((f) => basename(f.path).endsWith('.versions.toml'));
  const packages: LockedPackage[] = [];
  const index = new Map<string, LockedPackage>();
  const add = (p: LockedPackage) => {
    const prev = index.get(p.key);
    if (!prev) {
      index.set(p.key, p);
      packages.push(p);
    } else if (p.scope === 'required') prev.scope = 'required';
  };
  let format: string;
  let sourceFile: string;
  if (locks.length) {
    format = 'gradle.lockfile';
    sourceFile = (locks[0] as { path: string }).path;
    for (const lock of locks) {
      const buildscript = basename(lock.path).startsWith('buildscript-');
      for (const e of parseGradleLockfile(lock.text)) {
        const onlyTest = e.configurations.length > 0 && e.configurations.every((c) => TEST_CONFIG.test(c));
        add({
          key: `${e.group}:${e.artifact}@${e.version}`,
          name: e.artifact,
          version: e.version,
          purl: mavenPurl(e.group, e.artifact, e.version),
          scope: buildscript || onlyTest ? 'excluded' : 'required',
          group: e.group,
          properties: { 'shipshape:gradle-configurations': e.configurations.join(',') },
        });
      }
    }
  } else {
    format = 'gradle build (no lockfile)';
    sourceFile = (builds[0] ?? catalogs[0])?.path ?? '';
    const fromCatalog: { group: string; artifact: string; version?: string; scope: DependencyScope; file: string }[] =
      [];
    for (const c of catalogs)
      for (const lib of parseVersionCatalog(c.text, c.path)) {
        const entry: { group: string; artifact: string; version?: string; scope: DependencyScope; file: string } = {
          group: lib.group,
          artifact: lib.artifact,
          scope: 'required',
          file: c.path,
        };
        if (lib.version) entry.version = lib.version;
        fromCatalog.push(entry);
      }
    for (const b of builds)
      for (const c of gradleBuildCoordinates(b.text)) {
        const entry: { group: string; artifact: string; version?: string; scope: DependencyScope; file: string } = {
          group: c.group,
          artifact: c.artifact,
          scope:
            /^(test|androidTest)/.test(c.configuration) || c.configuration === 'classpath' ? 'excluded' : 'required',
          file: b.path,
        };
        if (c.version) entry.version = c.version;
        fromCatalog.push(entry);
      }
    for (const d of fromCatalog) {
      // Ranges, dynamic versions (`1.+`, `latest.release`) and `$variables` are not versions.
      const exact = d.version !== undefined && !/[[\](),+$]|^latest\./.test(d.version);
      const pkg: LockedPackage = {
        key: `${d.group}:${d.artifact}`,
        name: d.artifact,
        purl: mavenPurl(d.group, d.artifact, exact ? d.version : undefined),
        scope: d.scope,
        group: d.group,
        properties: { 'shipshape:declared-in': d.file },
      };
      if (exact) pkg.version = d.version;
      else pkg.range = d.version ?? '*';
      add(pkg);
    }
  }
  return lockedProject({
    type: 'gradle',
    ecosystem: 'maven',
    dir: input.dir,
    files: [...builds, ...catalogs, ...locks].map((f) => f.path),
    sourceFile,
    format,
    packages,
    roots: allRoots(packages),
    includeDev: input.includeDev ?? true,
    flat: true,
    recordedScopes: true,
  });
}
