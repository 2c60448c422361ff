import type { Notification } from '@shipshape/core';
import type { OsvDatabase } from './db.js';
import { type EcosystemInfo, osvEcosystem, packageKey, readPurl } from './ecosystems.js';
import type { OsvAdvisory } from './osv.js';
import { evaluateAffected, nearestFixed } from './range.js';
import { type Rating, rateAdvisory, strongestRating } from './severity.js';

/** A component to check: what the SBOM knows about it. */
export interface VulnComponent {
  /** purl with version (`pkg:pypi/django@4.2.1`). */
  purl: string;
  /** Repo-relative POSIX path of the lockfile or manifest that pins it. */
  file?: string;
  /** CycloneDX bom-ref, for `sbom --db`. */
  ref?: string;
  /** Name as the SBOM spells it (for messages); the purl's name otherwise. */
  name?: string;
}

/** One vulnerability of one component: aliased advisories (a PYSEC and its GHSA) folded into one. */
export interface VulnMatch {
  component: VulnComponent;
  /** OSV ecosystem (`PyPI`). */
  ecosystem: string;
  /** Package name in OSV's spelling. */
  name: string;
  version: string;
  /** The advisory reported (the first id, in code-point order, of the matched advisories). */
  id: string;
  /** Every other id of the same vulnerability: matched advisories' ids and all their aliases, sorted. */
  aliases: string[];
  /** Ids of the matched advisories themselves (a subset of id + aliases). */
  advisories: string[];
  summary?: string;
  /** Fixed versions from the matching ranges, in version order. */
  fixed: string[];
  /** The lowest fixed version above the component's version. */
  nearestFixed?: string;
  /** `last_affected` versions, when the advisory gives no fix. */
  lastAffected: string[];
  rating: Rating;
  /** An advisory URL (the `ADVISORY` reference, else the first `WEB` one). */
  url?: string;
  published?: string;
  modified?: string;
}

export interface MatchResult {
  matches: VulnMatch[];
  notifications: Notification[];
  stats: { components: number; checked: number; advisoriesRead: number; withdrawn: number };
}

export interface MatchOptions {
  /** Parallel lookups (default 16). */
  concurrency?: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Checked {
  component: VulnComponent;
  ecosystem: EcosystemInfo;
  name: string;
  version: string;
}

/**
 * Matches components against the database: per component, the advisories naming its package
 * (normalised per ecosystem), minus withdrawn ones, whose `affected` entry for that package
 * includes the version (OSV's evaluation: ECOSYSTEM/SEMVER ranges, `versions` lists). Advisories
 * connected through ids and aliases (a PYSEC, its GHSA and their CVE) become one match.
 * Components that cannot be checked say why in a notification: container images (no OSV
 * ecosystem), purl types OSV has no ecosystem for, ecosystems the database lacks, no pinned
 * version, a version the ecosystem cannot read.
 */
export async function matchComponents(
  db: OsvDatabase,
  components: readonly VulnComponent[],
  options: MatchOptions = {},
): Promise<MatchResult> {
  const notifications: Notification[] = [];
  const images: string[] = [];
  const unsupported = new Map<string, number>();
  const unpinned = new Map<string, string[]>();
  const missingEcosystem = new Map<string, number>();
  const checked: Checked[] = [];
  /** Versions the ecosystem cannot order, by file and ecosystem. */
  const unreadable = new Map<string, string[]>();
  const covered = new Map<string, boolean>();
  for (const component of components) {
    const reading = readPurl(component.purl);
    if (reading.kind === 'image') {
      images.push(component.name ?? component.purl);
      continue;
    }
    if (reading.kind === 'invalid') {
      notifications.push({
        level: 'warning',
        code: 'vulns-purl-unreadable',
        message: `${component.purl} is not a valid package URL; it is not checked for vulnerabilities.`,
        ...(component.file ? { file: component.file } : {}),
      });
      continue;
    }
    if (reading.kind === 'unsupported') {
      unsupported.set(reading.type, (unsupported.get(reading.type) ?? 0) + 1);
      continue;
    }
    const { ecosystem, name, version } = reading.ref;
    if (version === undefined) {
      const key = component.file ?? '';
      unpinned.set(key, [...(unpinned.get(key) ?? []), name]);
      continue;
    }
    let has = covered.get(ecosystem.osv);
    if (has === undefined) {
      has = db.sourcesFor(ecosystem).length > 0;
      covered.set(ecosystem.osv, has);
    }
    if (!has) {
      missingEcosystem.set(ecosystem.osv, (missingEcosystem.get(ecosystem.osv) ?? 0) + 1);
      continue;
    }
    if (!ecosystem.order.valid(version)) {
      const key = `${component.file ?? ''}\0${ecosystem.osv}`;
      unreadable.set(key, [...(unreadable.get(key) ?? []), `${name}@${version}`]);
    }
    checked.push({ component, ecosystem, name, version });
  }
  if (images.length > 0) {
    const sample = [...new Set(images)].sort(cmp);
    notifications.push({
      level: 'info',
      code: 'vulns-image-no-ecosystem',
      message: `${sample.length} container image(s) (${sample.slice(0, 3).join(', ')}${sample.length > 3 ? ', ...' : ''}) have no OSV package ecosystem: their OS packages are not checked here; scan the built image with an image scanner.`,
    });
  }
  for (const [type, count] of [...unsupported].sort(([a], [b]) => cmp(a, b)))
    notifications.push({
      level: 'info',
      code: 'vulns-ecosystem-unsupported',
      message: `${count} component(s) of purl type "${type}" are not checked: OSV has no package ecosystem for them.`,
    });
  for (const [eco, count] of [...missingEcosystem].sort(([a], [b]) => cmp(a, b)))
    notifications.push({
      level: 'warning',
      code: 'vulns-ecosystem-not-in-db',
      message: `${count} ${eco} component(s) are not checked: the database ${db.root} has no ${eco} advisories (add them with \`shipshape vulns update --db ${db.root} --ecosystems ${eco}\`).`,
    });
  for (const [key, list] of [...unreadable].sort(([a], [b]) => cmp(a, b))) {
    const [file, eco] = key.split('\0') as [string, string];
    const order = osvEcosystem(eco)?.order.name ?? eco;
    notifications.push({
      // Action refs are tags or commit SHAs more often than versions: expected, not alarming.
      level: eco === 'GitHub Actions' ? 'info' : 'warning',
      code: 'vulns-version-unreadable',
      message: `${list.length} ${eco} component(s) have versions ${order} cannot order (${list.slice(0, 3).join(', ')}${list.length > 3 ? ', ...' : ''}): ranges cannot be evaluated for them; only advisories listing those exact versions can match.`,
      ...(file ? { file } : {}),
    });
  }
  for (const [file, names] of [...unpinned].sort(([a], [b]) => cmp(a, b)))
    notifications.push({
      level: 'info',
      code: 'vulns-unpinned',
      message: `${names.length} component(s) with no pinned version are not checked (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}): a range is not a version; lock them to check them.`,
      ...(file ? { file } : {}),
    });

  // One lookup per package version, shared by every component of it.
  const lookups = new Map<string, Promise<OsvAdvisory[]>>();
  let advisoriesRead = 0;
  const lookup = (c: Checked) => {
    const key = `${packageKey(c.ecosystem, c.name)}\0${c.version}`;
    let p = lookups.get(key);
    if (!p) {
      p = db.lookup(c.ecosystem, c.name, c.version).then((list) => {
        advisoriesRead += list.length;
        return list;
      });
      lookups.set(key, p);
    }
    return p;
  };
  const matches: VulnMatch[] = [];
  const withdrawnIds = new Set<string>();
  const noticed = new Set<string>();
  const notifyOnce = (key: string, n: Notification) => {
    if (noticed.has(key)) return;
    noticed.add(key);
    notifications.push(n);
  };
  const concurrency = Math.max(1, options.concurrency ?? 16);
  let next = 0;
  const worker = async () => {
    while (next < checked.length) {
      const c = checked[next++] as Checked;
      const advisories = await lookup(c);
      const hits: { advisory: OsvAdvisory; fixed: string[]; last: string[] }[] = [];
      const norm = c.ecosystem.normalizeName(c.name);
      for (const advisory of advisories) {
        if (advisory.withdrawn) {
          withdrawnIds.add(advisory.id);
          continue;
        }
        let hit = false;
        const fixed = new Set<string>();
        const last = new Set<string>();
        if (!wellFormed(advisory)) {
          notifyOnce(`malformed\0${advisory.id}`, {
            level: 'warning',
            code: 'vulns-advisory-malformed',
            message: `${String(advisory.id)} does not follow the OSV schema (affected, ranges, events, versions); it is left out for ${c.name}.`,
          });
          continue;
        }
        for (const affected of advisory.affected ?? []) {
          const pkg = affected.package;
          if (!pkg || c.ecosystem.normalizeName(pkg.name) !== norm) continue;
          if (osvEcosystem(pkg.ecosystem ?? '') !== c.ecosystem) continue;
          const verdict = evaluateAffected(c.version, affected, c.ecosystem.order);
          for (const bad of new Set(verdict.unreadable.filter((v) => v !== c.version)))
            notifyOnce(`event\0${advisory.id}\0${bad}`, {
              level: 'warning',
              code: 'vulns-advisory-version-unreadable',
              message: `${advisory.id}: range event version "${bad}" is not a ${c.ecosystem.order.name} version; that range of ${c.name} is not evaluated.`,
            });
          if (
            verdict.skippedTypes.length > 0 &&
            !(affected.ranges ?? []).some((r) => r.type === 'ECOSYSTEM' || r.type === 'SEMVER') &&
            (affected.versions ?? []).length === 0
          )
            notifyOnce(`git\0${advisory.id}`, {
              level: 'info',
              code: 'vulns-git-range-skipped',
              message: `${advisory.id} describes ${c.name} by ${verdict.skippedTypes.join('/')} (commit) ranges only, which are not evaluated yet.`,
            });
          if (verdict.affected) {
            hit = true;
            for (const f of verdict.fixed) fixed.add(f);
            for (const l of verdict.lastAffected) last.add(l);
          }
        }
        if (hit) hits.push({ advisory, fixed: [...fixed], last: [...last] });
      }
      matches.push(...groupAliases(c, hits));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, checked.length)) }, worker));
  matches.sort(
    (a, b) =>
      cmp(a.component.file ?? '', b.component.file ?? '') || cmp(a.component.purl, b.component.purl) || cmp(a.id, b.id),
  );
  // Lookups finish in I/O order: sort what they reported so output is the same bytes every run.
  notifications.sort((a, b) => cmp(a.code, b.code) || cmp(a.file ?? '', b.file ?? '') || cmp(a.message, b.message));
  return {
    matches,
    notifications,
    stats: { components: components.length, checked: checked.length, advisoriesRead, withdrawn: withdrawnIds.size },
  };
}

const isStringList = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/** The shapes matching relies on; anything else would be guessed at, so it is reported instead. */
function wellFormed(a: OsvAdvisory): boolean {
  if (!isStringList(a.aliases) || (a.affected !== undefined && !Array.isArray(a.affected))) return false;
  for (const aff of a.affected ?? []) {
    if (typeof aff !== 'object' || aff === null || !isStringList(aff.versions)) return false;
    if (
      aff.package !== undefined &&
      (typeof aff.package.name !== 'string' || typeof aff.package.ecosystem !== 'string')
    )
      return false;
    if (aff.ranges !== undefined && !Array.isArray(aff.ranges)) return false;
    for (const r of aff.ranges ?? []) {
      if (typeof r !== 'object' || r === null || typeof r.type !== 'string' || !Array.isArray(r.events)) return false;
      for (const e of r.events)
        if (typeof e !== 'object' || e === null || !Object.values(e).every((v) => typeof v === 'string')) return false;
    }
  }
  return true;
}

/** Folds advisories that share an id or alias (transitively) into one match each. */
function groupAliases(c: Checked, hits: { advisory: OsvAdvisory; fixed: string[]; last: string[] }[]): VulnMatch[] {
  const parent = hits.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const owner = new Map<string, number>();
  hits.forEach((h, i) => {
    for (const id of [h.advisory.id, ...(h.advisory.aliases ?? [])]) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, typeof hits>();
  hits.forEach((h, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), h]);
  });
  const order = c.ecosystem.order;
  const byVersion = (a: string, b: string) => (order.valid(a) && order.valid(b) ? order.compare(a, b) : cmp(a, b));
  const out: VulnMatch[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => cmp(a.advisory.id, b.advisory.id));
    const primary = (group[0] as (typeof group)[number]).advisory;
    const ids = new Set<string>();
    for (const h of group) for (const id of [h.advisory.id, ...(h.advisory.aliases ?? [])]) ids.add(id);
    ids.delete(primary.id);
    const fixed = [...new Set(group.flatMap((h) => h.fixed))].sort(byVersion);
    const last = [...new Set(group.flatMap((h) => h.last))].sort(byVersion);
    const match: VulnMatch = {
      component: c.component,
      ecosystem: c.ecosystem.osv,
      name: c.name,
      version: c.version,
      id: primary.id,
      aliases: [...ids].sort(cmp),
      advisories: group.map((h) => h.advisory.id),
      fixed,
      lastAffected: last,
      rating: strongestRating(group.map((h) => rateAdvisory(h.advisory))),
    };
    const nearest = nearestFixed(c.version, fixed, order);
    if (nearest !== undefined) match.nearestFixed = nearest;
    const summary = group.map((h) => h.advisory.summary).find((s) => s);
    if (summary) match.summary = summary.trim();
    const refs = group.flatMap((h) => h.advisory.references ?? []);
    const url = refs.find((r) => r.type === 'ADVISORY')?.url ?? refs.find((r) => r.type === 'WEB')?.url;
    if (url) match.url = url;
    if (primary.published) match.published = primary.published;
    if (primary.modified) match.modified = primary.modified;
    out.push(match);
  }
  return out;
}
