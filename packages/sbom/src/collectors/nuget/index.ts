import { InputError, type Notification } from '@shipshape/core';
import type { CollectedProject, DependencyScope, Hash } from '../../model.js';
import { lazyXmlParser } from '../../util/xml.js';
import { allRoots, base64ToHex, type CollectorInput, type LockedPackage, lockedProject, safePurl } from '../locked.js';
import { basename, dirname, isRecord, parseJsonFile } from '../npm/common.js';

/** Maven/.NET XML reader (see util/xml.ts). */
const xml = lazyXmlParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  isArray: (name) =>
    ['ItemGroup', 'PackageReference', 'PackageVersion', 'GlobalPackageReference', 'PropertyGroup'].includes(name),
});

export function nugetPurl(name: string, version: string | undefined): string {
  return safePurl('nuget', undefined, name, version);
}

interface Reference {
  name: string;
  version?: string;
  /** PrivateAssets=all: a build-time tool (analyzers, source link). */
  privateAssets: boolean;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

function parseMsbuild(source: string, path: string): Record<string, unknown> {
  try {
    const doc = xml().parse(source) as unknown;
    const project = isRecord(doc) ? doc.Project : undefined;
    return isRecord(project) ? project : {};
  } catch (error) {
    throw new InputError(`${path}: not valid XML (${String((error as Error).message).split('\n')[0]})`, path);
  }
}

/** Items of a kind across every ItemGroup: `Include`/`Update` plus `Version` as attribute or child element. */
function items(project: Record<string, unknown>, kind: string): (Reference & { override?: string })[] {
  const out: (Reference & { override?: string })[] = [];
  for (const group of Array.isArray(project.ItemGroup) ? project.ItemGroup : []) {
    if (!isRecord(group)) continue;
    for (const item of Array.isArray(group[kind]) ? group[kind] : []) {
      if (!isRecord(item)) continue;
      const name = text(item['@Include']) ?? text(item['@Update']);
      if (!name) continue;
      const version = text(item['@Version']) ?? text(item.Version);
      const priv = (text(item['@PrivateAssets']) ?? text(item.PrivateAssets) ?? '').toLowerCase() === 'all';
      const r: Reference & { override?: string } = { name, privateAssets: priv };
      if (version) r.version = version;
      const override = text(item['@VersionOverride']);
      if (override) r.override = override;
      out.push(r);
    }
  }
  return out;
}

/** `$(Prop)` substitution from the project's and props files' PropertyGroups. */
function properties(projects: Record<string, unknown>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const project of projects)
    for (const group of Array.isArray(project.PropertyGroup) ? project.PropertyGroup : [])
      if (isRecord(group))
        for (const [k, v] of Object.entries(group)) {
          const t = text(v);
          if (t !== undefined && !k.startsWith('@')) out.set(k, t);
        }
  return out;
}

/**
 * A .NET project: packages.lock.json (every target framework's packages; `Project` entries are
 * sibling projects, not packages; `contentHash` as SHA-512; per-framework dependency edges), else
 * the project files' `PackageReference`s with versions from the item, `VersionOverride`, or the
 * nearest Directory.Packages.props (`PackageVersion`, `GlobalPackageReference`).
 */
export function collectNugetProject(input: CollectorInput): CollectedProject {
  const lockFile = input.files.find((f) => basename(f.path) === 'packages.lock.json');
  const projFiles = input.files.filter((f) => /\.(cs|fs|vb)proj$/i.test(f.path));
  const notifications: Notification[] = [];
  const name = projFiles[0] ? basename(projFiles[0].path).replace(/\.(cs|fs|vb)proj$/i, '') : undefined;
  const files = [...projFiles.map((f) => f.path)];
  if (lockFile) {
    files.push(lockFile.path);
    const lock = parseJsonFile(lockFile.text, lockFile.path);
    const deps = isRecord(lock) && isRecord(lock.dependencies) ? lock.dependencies : {};
    const packages = new Map<string, LockedPackage>();
    const roots = new Map<string, DependencyScope>();
    const frameworks = Object.keys(deps).sort();
    for (const tfm of frameworks) {
      const entries = deps[tfm];
      if (!isRecord(entries)) continue;
      const resolvedOf = new Map<string, string>();
      for (const [pkgName, e] of Object.entries(entries))
        if (isRecord(e) && typeof e.resolved === 'string' && e.type !== 'Project')
          resolvedOf.set(pkgName.toLowerCase(), `${pkgName.toLowerCase()}@${e.resolved}`);
      for (const [pkgName, e] of Object.entries(entries)) {
        if (!isRecord(e) || e.type === 'Project' || typeof e.resolved !== 'string') continue;
        const key = `${pkgName.toLowerCase()}@${e.resolved}`;
        const dependsOn = Object.keys(isRecord(e.dependencies) ? e.dependencies : {})
          .map((d) => resolvedOf.get(d.toLowerCase()))
          .filter((k): k is string => k !== undefined);
        const prev = packages.get(key);
        if (prev) {
          prev.dependsOn = [...new Set([...(prev.dependsOn ?? []), ...dependsOn])];
          const fw = prev.properties?.['shipshape:target-frameworks'];
          if (prev.properties && fw && !fw.split(',').includes(tfm))
            prev.properties['shipshape:target-frameworks'] = `${fw},${tfm}`;
        } else {
          const hex = typeof e.contentHash === 'string' ? base64ToHex(e.contentHash) : undefined;
          const hashes: Hash[] = hex && hex.length === 128 ? [{ alg: 'SHA-512', content: hex }] : [];
          packages.set(key, {
            key,
            name: pkgName,
            version: e.resolved,
            purl: nugetPurl(pkgName, e.resolved),
            hashes,
            dependsOn,
            properties: { 'shipshape:target-frameworks': tfm, 'shipshape:nuget-type': String(e.type ?? '') },
          });
        }
        if (e.type === 'Direct') roots.set(key, 'required');
      }
    }
    const list = [...packages.values()];
    return lockedProject({
      type: 'nuget',
      ecosystem: 'nuget',
      dir: input.dir,
      ...(name ? { name } : {}),
      files,
      sourceFile: lockFile.path,
      format: `packages.lock.json${isRecord(lock) && lock.version !== undefined ? ` v${String(lock.version)}` : ''}`,
      packages: list,
      roots: [...roots].map(([key, scope]) => ({ key, scope })),
      includeDev: input.includeDev ?? true,
    });
  }
  // No lockfile: PackageReference + central versions from the nearest Directory.Packages.props;
  // the nearest Directory.Build.props is imported into every project below it (its properties and
  // PackageReferences count too).
  const nearest = (name: string): { path: string; project: Record<string, unknown> } | undefined => {
    for (let d: string | undefined = input.dir; d !== undefined; d = d === '' ? undefined : dirname(d)) {
      const f = input.lookup?.(d === '' ? name : `${d}/${name}`);
      if (f) {
        files.push(f.path);
        return { path: f.path, project: parseMsbuild(f.text, f.path) };
      }
    }
    return undefined;
  };
  const build = nearest('Directory.Build.props');
  const props = nearest('Directory.Packages.props');
  const parsed = projFiles.map((f) => parseMsbuild(f.text, f.path));
  const vars = properties([...(build ? [build.project] : []), ...(props ? [props.project] : []), ...parsed]);
  const sub = (v: string | undefined) => v?.replace(/\$\(([\w.]+)\)/g, (m, k: string) => vars.get(k) ?? m);
  const central = new Map<string, string>();
  if (props)
    for (const r of items(props.project, 'PackageVersion')) if (r.version) central.set(r.name.toLowerCase(), r.version);
  const refs: Reference[] = [];
  for (const p of [...parsed, ...(build ? [build.project] : [])])
    for (const r of items(p, 'PackageReference')) refs.push({ ...r, ...(r.override ? { version: r.override } : {}) });
  if (props) refs.push(...items(props.project, 'GlobalPackageReference').map((r) => ({ ...r, privateAssets: true })));
  const packages: LockedPackage[] = [];
  const seen = new Set<string>();
  for (const r of refs) {
    const k = r.name.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    const v = sub(r.version ?? central.get(k));
    const exact = v !== undefined && /^[0-9][\w.+-]*$/.test(v);
    const pkg: LockedPackage = {
      key: k,
      name: r.name,
      purl: nugetPurl(r.name, exact ? v : undefined),
      scope: r.privateAssets ? 'excluded' : 'required',
      properties: {
        'shipshape:version-source': r.version ? 'project' : central.has(k) ? 'Directory.Packages.props' : 'none',
      },
    };
    if (exact) pkg.version = v;
    else pkg.range = v ?? '*';
    packages.push(pkg);
  }
  return lockedProject({
    type: 'nuget',
    ecosystem: 'nuget',
    dir: input.dir,
    ...(name ? { name } : {}),
    files,
    sourceFile: projFiles[0]?.path ?? '',
    format: 'PackageReference (no lockfile)',
    packages,
    roots: allRoots(packages),
    includeDev: input.includeDev ?? true,
    flat: true,
    recordedScopes: true,
    notifications,
  });
}
