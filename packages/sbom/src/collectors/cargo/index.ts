import { InputError, type Notification } from '@shipshape/core';
import { parse as parseToml } from 'smol-toml';
import type { CollectedProject, DependencyScope } from '../../model.js';
import { type CollectorInput, hexHash, type LockedPackage, lockedProject, safePurl, unreadNotice } from '../locked.js';
import { basename, isRecord } from '../npm/common.js';

const CRATES_IO = new Set(['registry+https://github.com/rust-lang/crates.io-index', 'sparse+https://index.crates.io/']);

interface CargoEntry {
  name: string;
  version: string;
  source?: string;
  checksum?: string;
  dependencies: string[];
}

function parseToml_(text: string, path: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(`${path}: not valid TOML (${String((error as Error).message).split('\n')[0]})`, path);
  }
}

/** purl of a crate: crates.io plain, other registries with `repository_url`, git with `vcs_url`. */
export function cratePurl(name: string, version: string | undefined, source: string | undefined): string {
  if (!source || CRATES_IO.has(source)) return safePurl('cargo', undefined, name, version);
  if (source.startsWith('git+')) {
    // `git+<url>?branch=x#<commit>` -> the purl-spec vcs_url form `git+<url>@<commit>`.
    const m = /^(git\+[^?#]+)(?:\?[^#]*)?(?:#(.+))?$/.exec(source);
    const vcs = m ? `${m[1]}${m[2] ? `@${m[2]}` : ''}` : source;
    return safePurl('cargo', undefined, name, version, { vcs_url: vcs });
  }
  return safePurl('cargo', undefined, name, version, { repository_url: source.replace(/^(registry|sparse)\+/, '') });
}

/** A Cargo.toml dependency table's names, with the scope its table gives. */
function manifestDeps(manifest: Record<string, unknown>): { name: string; range?: string; scope: DependencyScope }[] {
  const out: { name: string; range?: string; scope: DependencyScope }[] = [];
  const tables: [unknown, DependencyScope][] = [
    [manifest.dependencies, 'required'],
    [manifest['build-dependencies'], 'required'],
    [manifest['dev-dependencies'], 'excluded'],
  ];
  if (isRecord(manifest.target))
    for (const t of Object.values(manifest.target))
      if (isRecord(t))
        tables.push(
          [t.dependencies, 'required'],
          [t['build-dependencies'], 'required'],
          [t['dev-dependencies'], 'excluded'],
        );
  for (const [table, scope] of tables) {
    if (!isRecord(table)) continue;
    for (const [key, spec] of Object.entries(table)) {
      const name = isRecord(spec) && typeof spec.package === 'string' ? spec.package : key;
      const range =
        typeof spec === 'string' ? spec : isRecord(spec) && typeof spec.version === 'string' ? spec.version : undefined;
      out.push(range !== undefined ? { name, range, scope } : { name, scope });
    }
  }
  return out;
}

/**
 * A Rust project: Cargo.lock (v1 with `[metadata]` checksums, v2-v4 with per-package `checksum`)
 * read whole, every registry, git and path crate a component, `dependencies` as edges; the
 * workspace's own crates (no `source`) are workspace components and the roots, the root package
 * itself is the project. Without Cargo.lock, Cargo.toml's dependency tables give direct,
 * unresolved components.
 */
export function collectCargoProject(input: CollectorInput): CollectedProject {
  const manifestFile = input.files.find((f) => basename(f.path) === 'Cargo.toml');
  const lockFile = input.files.find((f) => basename(f.path) === 'Cargo.lock');
  const manifest = manifestFile ? parseToml_(manifestFile.text, manifestFile.path) : undefined;
  const pkgTable = manifest && isRecord(manifest.package) ? manifest.package : undefined;
  const rootName = typeof pkgTable?.name === 'string' ? pkgTable.name : undefined;
  const rootVersion = typeof pkgTable?.version === 'string' ? pkgTable.version : undefined;
  const files = [manifestFile?.path, lockFile?.path].filter((p): p is string => p !== undefined);
  const notifications: Notification[] = [];
  if (!lockFile) {
    const deps = manifest ? manifestDeps(manifest) : [];
    const packages: LockedPackage[] = deps.map((d) => ({
      key: d.name,
      name: d.name,
      purl: cratePurl(d.name, undefined, undefined),
      scope: d.scope,
      ...(d.range !== undefined ? { range: d.range } : {}),
    }));
    return lockedProject({
      type: 'cargo',
      ecosystem: 'cargo',
      dir: input.dir,
      ...(rootName ? { name: rootName } : {}),
      ...(rootVersion ? { version: rootVersion } : {}),
      files,
      sourceFile: manifestFile?.path ?? '',
      format: 'Cargo.toml',
      packages,
      roots: packages.map((p) => ({ key: p.key, scope: p.scope ?? 'required' })),
      includeDev: input.includeDev ?? true,
      flat: true,
      recordedScopes: true,
    });
  }
  const lock = parseToml_(lockFile.text, lockFile.path);
  const lockVersion = typeof lock.version === 'number' ? lock.version : undefined;
  if (lockVersion !== undefined && (lockVersion < 3 || lockVersion > 4))
    notifications.push(
      unreadNotice(
        lockFile.path,
        `Cargo.lock version ${lockVersion} is not one this reader knows (1-4); read as v4.`,
        'info',
      ),
    );
  const entries: CargoEntry[] = [];
  for (const p of Array.isArray(lock.package) ? lock.package : []) {
    if (!isRecord(p) || typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const e: CargoEntry = {
      name: p.name,
      version: p.version,
      dependencies: Array.isArray(p.dependencies)
        ? p.dependencies.filter((d): d is string => typeof d === 'string')
        : [],
    };
    if (typeof p.source === 'string') e.source = p.source;
    if (typeof p.checksum === 'string') e.checksum = p.checksum;
    entries.push(e);
  }
  // v1 keeps checksums in [metadata]: "checksum <name> <version> (<source>)" = "<hex>".
  const metadata = isRecord(lock.metadata) ? lock.metadata : {};
  const bySpec = new Map(entries.map((e) => [`${e.name} ${e.version} (${e.source ?? ''})`, e]));
  for (const [k, v] of Object.entries(metadata)) {
    if (!k.startsWith('checksum ') || typeof v !== 'string') continue;
    const e = bySpec.get(k.slice('checksum '.length));
    if (e && !e.checksum) e.checksum = v;
  }
  const keyOf = new Map<CargoEntry, string>();
  const seen = new Map<string, number>();
  for (const e of entries) {
    const base = `${e.name}@${e.version}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keyOf.set(e, n === 0 ? base : `${base} (${e.source ?? 'path'})`);
  }
  const byName = new Map<string, CargoEntry[]>();
  for (const e of entries) {
    const list = byName.get(e.name);
    if (list) list.push(e);
    else byName.set(e.name, [e]);
  }
  const resolveDep = (spec: string): string | undefined => {
    const m = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(spec.trim());
    if (!m) return undefined;
    const candidates = (byName.get(m[1] as string) ?? []).filter(
      (e) => (m[2] === undefined || e.version === m[2]) && (m[3] === undefined || e.source === m[3]),
    );
    const hit = candidates[0];
    return hit ? keyOf.get(hit) : undefined;
  };
  const rootEntry = entries.find((e) => e.source === undefined && e.name === rootName);
  const packages: LockedPackage[] = [];
  const roots: { key: string; scope: DependencyScope }[] = [];
  for (const e of entries) {
    if (e === rootEntry) continue;
    const key = keyOf.get(e) as string;
    const properties: Record<string, string> = {};
    if (e.source?.startsWith('git+')) {
      const commit = /#([0-9a-f]{7,64})$/.exec(e.source)?.[1];
      if (commit) properties['shipshape:git-commit'] = commit;
    } else if (e.source === undefined) properties['shipshape:source'] = 'path';
    const pkg: LockedPackage = {
      key,
      name: e.name,
      version: e.version,
      purl: cratePurl(e.name, e.version, e.source),
      hashes: hexHash('SHA-256', e.checksum),
      dependsOn: e.dependencies.map(resolveDep).filter((k): k is string => k !== undefined),
      properties,
    };
    if (e.source?.startsWith('git+')) pkg.resolved = e.source.slice(4);
    if (e.source === undefined) {
      pkg.workspace = true;
      if (!rootEntry) roots.push({ key, scope: 'required' });
    }
    packages.push(pkg);
  }
  if (rootEntry) {
    const devNames = new Set(
      (manifest ? manifestDeps(manifest) : []).filter((d) => d.scope === 'excluded').map((d) => d.name),
    );
    const normalNames = new Set(
      (manifest ? manifestDeps(manifest) : []).filter((d) => d.scope !== 'excluded').map((d) => d.name),
    );
    for (const spec of rootEntry.dependencies) {
      const key = resolveDep(spec);
      if (!key) continue;
      const name = spec.split(' ')[0] as string;
      roots.push({ key, scope: devNames.has(name) && !normalNames.has(name) ? 'excluded' : 'required' });
    }
    // Other workspace members are roots too.
    for (const e of entries)
      if (e.source === undefined && e !== rootEntry) roots.push({ key: keyOf.get(e) as string, scope: 'required' });
  }
  return lockedProject({
    type: 'cargo',
    ecosystem: 'cargo',
    dir: input.dir,
    ...(rootName ? { name: rootName } : {}),
    ...(rootVersion ? { version: rootVersion } : rootEntry ? { version: rootEntry.version } : {}),
    files,
    sourceFile: lockFile.path,
    format: `Cargo.lock${lockVersion !== undefined ? ` v${lockVersion}` : ''}`,
    packages,
    roots,
    includeDev: input.includeDev ?? true,
    notifications,
  });
}
