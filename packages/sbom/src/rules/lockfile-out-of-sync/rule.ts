import { defineRule, type Report } from '@shipshape/core';
import { type AuditInput, isExampleOrTestPath, type SbomRuleOptions } from '../../audit/input.js';
import { jsonKeyRange } from '../../audit/locate.js';
import { helmRangeSatisfied, parseChartLock } from '../../collectors/helm/index.js';
import { baseName, dirName } from '../../projects.js';
import { semverLib } from '../../util/semver.js';
import { isRecord, loadYaml, maskHelmTemplates, parseYamlDocuments, yget, ystr } from '../../util/yaml.js';
import { RULE_DOCS } from '../docs.js';

const ID = 'sbom/lockfile-out-of-sync';
const GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
type Group = (typeof GROUPS)[number];
type Declared = Map<string, { range: string; group: Group }>;

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function declaredDeps(manifest: Record<string, unknown>, groups: readonly Group[]): Declared {
  const out: Declared = new Map();
  for (const group of groups)
    for (const [name, range] of Object.entries(strings(manifest[group]))) out.set(name, { range, group });
  return out;
}

interface Drift {
  kind: 'missing' | 'changed' | 'extra';
  name: string;
  group?: Group;
  range?: string;
  locked?: string;
}

/** package-lock.json v2/v3: the lock's copy of each workspace's manifest must equal the manifest. */
function npmLockDrift(
  manifest: Record<string, unknown>,
  lock: Record<string, unknown>,
  rel: string,
): Drift[] | undefined {
  const drift: Drift[] = [];
  const packages = isRecord(lock.packages) ? lock.packages : undefined;
  if (packages) {
    const root = packages[rel];
    if (!isRecord(root)) return rel === '' ? [] : undefined;
    for (const group of GROUPS) {
      const want = strings(manifest[group]);
      const have = strings(root[group]);
      for (const [name, range] of Object.entries(want)) {
        if (!(name in have)) drift.push({ kind: 'missing', name, group, range });
        else if (have[name] !== range)
          drift.push({ kind: 'changed', name, group, range, locked: have[name] as string });
      }
      for (const name of Object.keys(have)) if (!(name in want)) drift.push({ kind: 'extra', name, group });
    }
    return drift;
  }
  // lockfileVersion 1: only top-level entries; check names and that versions satisfy ranges.
  if (rel !== '') return undefined;
  const deps = isRecord(lock.dependencies) ? lock.dependencies : {};
  for (const [name, { range, group }] of declaredDeps(manifest, [
    'dependencies',
    'devDependencies',
    'optionalDependencies',
  ])) {
    const entry = deps[name];
    if (!isRecord(entry)) {
      if (group !== 'optionalDependencies') drift.push({ kind: 'missing', name, group, range });
      continue;
    }
    const version = typeof entry.version === 'string' ? entry.version : undefined;
    if (
      version &&
      semverLib().valid(version) &&
      semverLib().validRange(range) &&
      !semverLib().satisfies(version, range, { includePrerelease: true })
    )
      drift.push({ kind: 'changed', name, group, range, locked: version });
  }
  return drift;
}

/** pnpm-lock.yaml (v5 `specifiers`, v6+ `{ specifier, version }`), per importer. */
function pnpmDrift(manifest: Record<string, unknown>, lock: Record<string, unknown>, rel: string): Drift[] | undefined {
  const importers = isRecord(lock.importers) ? lock.importers : undefined;
  const importer = importers ? importers[rel === '' ? '.' : rel] : rel === '' ? lock : undefined;
  if (!isRecord(importer)) return undefined;
  const locked = new Map<string, string>();
  const specifiers = strings(importer.specifiers);
  for (const [k, v] of Object.entries(specifiers)) locked.set(k, v);
  for (const group of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) {
    const block = importer[group];
    if (!isRecord(block)) continue;
    for (const [name, entry] of Object.entries(block))
      if (isRecord(entry) && typeof entry.specifier === 'string') locked.set(name, entry.specifier);
  }
  const drift: Drift[] = [];
  const want = declaredDeps(manifest, ['dependencies', 'devDependencies', 'optionalDependencies']);
  for (const [name, { range, group }] of want) {
    const have = locked.get(name);
    if (have === undefined) drift.push({ kind: 'missing', name, group, range });
    else if (have !== range) drift.push({ kind: 'changed', name, group, range, locked: have });
  }
  // pnpm's auto-installed peers (`autoInstallPeers`, the default since pnpm 8) are recorded in
  // the importer's `dependencies` with the peer range as specifier.
  const peers = declaredDeps(manifest, ['peerDependencies']);
  for (const name of locked.keys()) if (!want.has(name) && !peers.has(name)) drift.push({ kind: 'extra', name });
  return drift;
}

/** yarn.lock v1 / berry: every `name@range` the manifest declares must head an entry. */
function yarnDrift(manifest: Record<string, unknown>, lockText: string): Drift[] {
  const descriptors = new Set<string>();
  for (const line of lockText.split(/\r?\n/)) {
    if (line === '' || line.startsWith(' ') || line.startsWith('#') || !line.endsWith(':')) continue;
    for (const part of line.slice(0, -1).split(/,\s*/)) descriptors.add(part.trim().replace(/^"|"$/g, ''));
  }
  const drift: Drift[] = [];
  for (const [name, { range, group }] of declaredDeps(manifest, [
    'dependencies',
    'devDependencies',
    'optionalDependencies',
  ])) {
    if (/^(workspace|link|portal|file|patch):/.test(range)) continue;
    if (descriptors.has(`${name}@${range}`) || descriptors.has(`${name}@npm:${range}`)) continue;
    drift.push({ kind: 'missing', name, group, range });
  }
  return drift;
}

export const rule = defineRule<AuditInput, SbomRuleOptions>({
  meta: {
    id: ID,
    title: 'Lockfile out of sync with its manifest',
    severity: 'medium',
    docs: RULE_DOCS[ID],
    aliases: [],
    tags: ['supply-chain', 'pinning', 'reproducibility'],
    messages: {
      missing: '{{manifest}} declares "{{name}}" ({{range}}) but {{lockfile}} does not lock it.',
      changed: '{{manifest}} asks for "{{name}}" {{range}} but {{lockfile}} was resolved for {{locked}}.',
      extra: '{{lockfile}} still locks "{{name}}", which {{manifest}} no longer declares.',
    },
  },
  check(input) {
    const dir = dirName(input.path);
    const manifestName = baseName(input.path);
    const drifts: { lockfile: string; drift: Drift[] }[] = [];
    if (input.role === 'npm-manifest') {
      let manifest: unknown;
      try {
        manifest = JSON.parse(input.text);
      } catch {
        return [];
      }
      if (!isRecord(manifest)) return [];
      // The nearest directory (this one or an ancestor workspace root) with a lockfile.
      for (let d: string | undefined = dir; d !== undefined; d = d === '' ? undefined : dirName(d)) {
        const rel = d === dir ? '' : dir.slice(d === '' ? 0 : d.length + 1);
        let found = false;
        for (const lockName of ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock']) {
          const lockPath = join(d, lockName);
          const text = input.texts.get(lockPath);
          if (text === undefined) continue;
          found = true;
          try {
            let drift: Drift[] | undefined;
            if (lockName === 'yarn.lock') drift = rel === '' ? yarnDrift(manifest, text) : undefined;
            else if (lockName === 'pnpm-lock.yaml') {
              const lock = loadYaml(text);
              drift = isRecord(lock) ? pnpmDrift(manifest, lock, rel) : undefined;
            } else {
              const lock = JSON.parse(text) as unknown;
              drift = isRecord(lock) ? npmLockDrift(manifest, lock, rel) : undefined;
            }
            if (drift) drifts.push({ lockfile: lockPath, drift });
          } catch {
            // an unparsable lockfile is the collector's parse-error notification
          }
        }
        if (found) break;
      }
      const reports: Report[] = [];
      for (const { lockfile, drift } of drifts)
        for (const d of drift) {
          const range =
            d.kind === 'extra'
              ? jsonKeyRange(input.text, input.lines, undefined, d.group ?? 'dependencies')
              : jsonKeyRange(input.text, input.lines, d.group, d.name);
          reports.push(report(d, manifestName, lockfile, range, input.path));
        }
      return reports;
    }
    if (input.role === 'helm-chart') {
      const lockPath = join(dir, 'Chart.lock');
      const lockText = input.texts.get(lockPath);
      if (lockText === undefined) return [];
      let lock: ReturnType<typeof parseChartLock>;
      try {
        lock = parseChartLock(lockText);
      } catch {
        return [];
      }
      const reports: Report[] = [];
      const declared = new Set<string>();
      let firstLine = input.lines.range(0, 0);
      for (const doc of parseYamlDocuments(maskHelmTemplates(input.text))) {
        const deps = yget(doc, 'dependencies');
        if (deps?.kind !== 'seq') continue;
        firstLine = input.lines.range(deps.start, deps.start);
        for (const dep of deps.items) {
          const nameNode = yget(dep, 'name');
          const name = ystr(nameNode);
          if (!name || nameNode?.kind !== 'scalar') continue;
          declared.add(name);
          const range = ystr(yget(dep, 'version'));
          const repository = ystr(yget(dep, 'repository'));
          const entry = lock.dependencies.find(
            (l) =>
              l.name === name &&
              (repository === undefined ||
                l.repository === undefined ||
                l.repository === repository ||
                repository.startsWith('@') ||
                repository.startsWith('alias:')),
          );
          const at = input.lines.range(nameNode.start, nameNode.end);
          if (!entry)
            reports.push(
              report({ kind: 'missing', name, range: range ?? '*' }, 'Chart.yaml', lockPath, at, input.path),
            );
          else if (range && entry.version && !helmRangeSatisfied(entry.version, range))
            reports.push(
              report({ kind: 'changed', name, range, locked: entry.version }, 'Chart.yaml', lockPath, at, input.path),
            );
        }
      }
      for (const entry of lock.dependencies)
        if (!declared.has(entry.name))
          reports.push(report({ kind: 'extra', name: entry.name }, 'Chart.yaml', lockPath, firstLine, input.path));
      return reports;
    }
    return [];
  },
});

function report(d: Drift, manifest: string, lockfile: string, range: Report['range'], path: string): Report {
  const r: Report = {
    messageId: d.kind,
    data: { manifest, lockfile: baseName(lockfile), name: d.name, range: d.range ?? '', locked: d.locked ?? '' },
    range,
    fingerprintKey: `${d.kind}:${d.name}`,
    fix: lockfile.endsWith('Chart.lock')
      ? 'Run `helm dependency update` and commit the new Chart.lock.'
      : 'Re-run the package manager (npm install, pnpm install, yarn) so the lockfile matches, and commit it.',
  };
  if (isExampleOrTestPath(path)) r.severity = 'info';
  return r;
}
