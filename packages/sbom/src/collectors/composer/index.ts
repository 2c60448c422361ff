import type { CollectedProject, DependencyScope } from '../../model.js';
import {
  type CollectorInput,
  hexHash,
  type LockedPackage,
  lockedProject,
  safePurl,
  unreferencedRoots,
} from '../locked.js';
import { basename, isRecord, parseJsonFile, stringMap } from '../npm/common.js';

/**
 * Platform requirements (`php`, `ext-json`, `lib-icu`, `composer-plugin-api`) are not packages;
 * they are exactly the names without a vendor (`php-di/php-di` is a package).
 */
function isPlatform(name: string): boolean {
  return !name.includes('/');
}

/** `pkg:composer/<vendor>/<name>@<version>`. */
export function composerPurl(name: string, version: string | undefined): string {
  const i = name.indexOf('/');
  return safePurl('composer', i > 0 ? name.slice(0, i) : undefined, i > 0 ? name.slice(i + 1) : name, version);
}

/**
 * A PHP project: composer.lock `packages` (required) and `packages-dev` (excluded), `require`
 * edges (platform requirements dropped; `replace`/`provide` honoured), dist `shasum` as SHA-1.
 * composer.json gives the roots; without composer.lock its `require`/`require-dev` ranges are
 * direct, unresolved components.
 */
export function collectComposerProject(input: CollectorInput): CollectedProject {
  const manifestFile = input.files.find((f) => basename(f.path) === 'composer.json');
  const lockFile = input.files.find((f) => basename(f.path) === 'composer.lock');
  const manifest = manifestFile ? parseJsonFile(manifestFile.text, manifestFile.path) : undefined;
  const m = isRecord(manifest) ? manifest : {};
  const require = stringMap(m.require);
  const requireDev = stringMap(m['require-dev']);
  const name = typeof m.name === 'string' ? m.name : undefined;
  const version = typeof m.version === 'string' ? m.version : undefined;
  const files = [manifestFile?.path, lockFile?.path].filter((p): p is string => p !== undefined);
  const base = {
    type: 'composer' as const,
    ecosystem: 'composer' as const,
    dir: input.dir,
    ...(name ? { name } : {}),
    ...(version ? { version } : {}),
    files,
    includeDev: input.includeDev ?? true,
    ...(typeof m.license === 'string' ? { licenses: [m.license] } : {}),
  };
  if (!lockFile) {
    const packages: LockedPackage[] = [];
    for (const [group, scope] of [
      [require, 'required'],
      [requireDev, 'excluded'],
    ] as const)
      for (const [dep, range] of Object.entries(group))
        if (!isPlatform(dep) && !packages.some((p) => p.key === dep))
          packages.push({ key: dep, name: dep, purl: composerPurl(dep, undefined), range, scope });
    return lockedProject({
      ...base,
      sourceFile: manifestFile?.path ?? '',
      format: 'composer.json',
      packages,
      roots: packages.map((p) => ({ key: p.key, scope: p.scope ?? 'required' })),
      flat: true,
      recordedScopes: true,
    });
  }
  const lock = parseJsonFile(lockFile.text, lockFile.path);
  const l = isRecord(lock) ? lock : {};
  const entries: { p: Record<string, unknown>; scope: DependencyScope }[] = [];
  for (const [list, scope] of [
    [l.packages, 'required'],
    [l['packages-dev'], 'excluded'],
  ] as const)
    if (Array.isArray(list))
      for (const p of list) if (isRecord(p) && typeof p.name === 'string') entries.push({ p, scope });
  // Names a package satisfies: its own, and what it `replace`s or `provide`s.
  const provider = new Map<string, string>();
  for (const { p } of entries) provider.set((p.name as string).toLowerCase(), (p.name as string).toLowerCase());
  for (const { p } of entries)
    for (const field of ['replace', 'provide'])
      for (const n of Object.keys(stringMap(p[field])))
        if (!provider.has(n.toLowerCase())) provider.set(n.toLowerCase(), (p.name as string).toLowerCase());
  const packages: LockedPackage[] = entries.map(({ p, scope }) => {
    const pname = p.name as string;
    const pversion = typeof p.version === 'string' ? p.version : undefined;
    const dist = isRecord(p.dist) ? p.dist : {};
    const source = isRecord(p.source) ? p.source : {};
    const pkg: LockedPackage = {
      key: pname.toLowerCase(),
      name: pname,
      purl: composerPurl(pname, pversion),
      scope,
      hashes: hexHash('SHA-1', dist.shasum),
      dependsOn: Object.keys(stringMap(p.require))
        .filter((d) => !isPlatform(d))
        .map((d) => provider.get(d.toLowerCase()))
        .filter((k): k is string => k !== undefined),
      properties: {},
    };
    if (pversion !== undefined) pkg.version = pversion;
    // composer.lock copies each package's `license` list (SPDX ids; several mean a choice).
    const licenses = Array.isArray(p.license)
      ? p.license.filter((l): l is string => typeof l === 'string' && l !== '')
      : [];
    if (licenses.length === 1) pkg.licenses = licenses;
    else if (licenses.length > 1) pkg.licenses = [`(${licenses.join(' OR ')})`];
    if (typeof dist.url === 'string' && dist.url) pkg.resolved = dist.url;
    else if (typeof source.url === 'string' && source.url) pkg.resolved = source.url;
    if (typeof source.reference === 'string' && source.reference && pkg.properties)
      pkg.properties['shipshape:source-reference'] = source.reference;
    return pkg;
  });
  const keys = new Set(packages.map((p) => p.key));
  const roots = manifestFile
    ? [
        ...Object.keys(require).map((d) => ({ key: provider.get(d.toLowerCase()) ?? '', scope: 'required' as const })),
        ...Object.keys(requireDev).map((d) => ({
          key: provider.get(d.toLowerCase()) ?? '',
          scope: 'excluded' as const,
        })),
      ].filter((r) => keys.has(r.key))
    : unreferencedRoots(packages);
  return lockedProject({
    ...base,
    sourceFile: lockFile.path,
    format: 'composer.lock',
    packages,
    roots,
    recordedScopes: true,
  });
}
