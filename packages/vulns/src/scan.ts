import type { Finding, Notification } from '@shipshape/core';
import { type CollectedProject, collectProjects, type SourceFile } from '@shipshape/sbom';
import { ageNotifications } from './age.js';
import type { DatabaseSource, OsvDatabase } from './db.js';
import { readPurl } from './ecosystems.js';
import { vulnFindings } from './findings.js';
import { applyIgnores } from './ignore.js';
import { type MatchResult, matchComponents, type VulnComponent, type VulnMatch } from './match.js';
import { DEFAULT_MAX_DB_AGE_MS, type VulnIgnore } from './settings.js';

export interface VulnScanOptions {
  ignore?: readonly VulnIgnore[];
  /** The time ignores expire against and the database's age is measured from (default now). */
  now?: Date;
  maxDbAgeMs?: number;
  excludeDev?: boolean;
}

export interface VulnScanResult {
  findings: Finding[];
  notifications: Notification[];
  /** Matches reported (ignores applied). */
  matches: VulnMatch[];
  /** Matches hidden by an ignore in force. */
  ignored: VulnMatch[];
  stats: MatchResult['stats'];
}

/** One component per (file, purl) from collected projects: what the SBOM lists, with the lockfile that pins it. */
export function componentsOf(projects: readonly CollectedProject[]): VulnComponent[] {
  const seen = new Set<string>();
  const out: VulnComponent[] = [];
  for (const project of projects)
    for (const pkg of project.packages) {
      const id = `${pkg.sourceFile}\0${pkg.purl}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ purl: pkg.purl, file: pkg.sourceFile, name: pkg.name });
    }
  return out;
}

/**
 * The database sources that can hold advisories for these components' ecosystems; with
 * `orAll`, every source when none applies (a run always states the database's age).
 */
export function sourcesUsed(db: OsvDatabase, components: readonly VulnComponent[], orAll = false): DatabaseSource[] {
  const used = new Map<string, DatabaseSource>();
  const ecosystems = new Set(
    components.flatMap((c) => {
      const r = readPurl(c.purl);
      return r.kind === 'package' ? [r.ref.ecosystem] : [];
    }),
  );
  for (const eco of ecosystems) for (const s of db.sourcesFor(eco)) used.set(s.path, s);
  if (orAll && used.size === 0) for (const s of db.sources()) used.set(s.path, s);
  return [...used.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Vulnerabilities of the components that manifests and lockfiles pin, as findings: the SBOM's
 * collectors read the files (every ecosystem the SBOM covers), the database matches, ignores
 * apply, and each finding lands on the lockfile line of its component. Reads no files itself.
 */
export async function scanFiles(
  files: readonly SourceFile[],
  db: OsvDatabase,
  options: VulnScanOptions = {},
): Promise<VulnScanResult> {
  const now = options.now ?? new Date();
  const { projects, notifications } = collectProjects(files, options.excludeDev ? { excludeDev: true } : {});
  const components = componentsOf(projects);
  const result = await matchComponents(db, components);
  const ignored = applyIgnores(result.matches, options.ignore ?? [], now);
  const texts = new Map(files.map((f) => [f.path, f.text]));
  return {
    findings: vulnFindings(ignored.kept, texts),
    notifications: [
      ...ageNotifications(db.root, sourcesUsed(db, components, true), now, options.maxDbAgeMs ?? DEFAULT_MAX_DB_AGE_MS),
      ...notifications,
      ...db.notifications.splice(0),
      ...result.notifications,
      ...ignored.notifications,
    ],
    matches: ignored.kept,
    ignored: ignored.ignored.map((x) => x.match),
    stats: result.stats,
  };
}
