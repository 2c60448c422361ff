import { createHash } from 'node:crypto';
import type { Notification } from '@shipshape/core';
import type { SbomGraph } from '@shipshape/sbom';
import { ageNotifications } from './age.js';
import { cycloneDxVulnerabilities } from './cyclonedx.js';
import type { OsvDatabase } from './db.js';
import { applyIgnores } from './ignore.js';
import { matchComponents, type VulnComponent, type VulnMatch } from './match.js';
import { sourcesUsed } from './scan.js';
import { DEFAULT_MAX_DB_AGE_MS, type VulnIgnore } from './settings.js';

export interface SbomVulnerabilityOptions {
  ignore?: readonly VulnIgnore[];
  now?: Date;
  /** Age above which the database is reported stale (default 7 days). */
  maxDbAgeMs?: number;
}

/** Components of an SBOM graph as vulns sees them: purl, bom-ref, the first file that declares it. */
export function graphComponents(graph: Pick<SbomGraph, 'components'>): VulnComponent[] {
  const out: VulnComponent[] = [];
  for (const c of graph.components) {
    if (!c.purl || c.project) continue;
    const v: VulnComponent = { purl: c.purl, ref: c.ref, name: c.group ? `${c.group}/${c.name}` : c.name };
    if (c.sourceFiles[0] !== undefined) v.file = c.sourceFiles[0];
    out.push(v);
  }
  return out;
}

function uuidOf(content: string): string {
  const hex = createHash('sha256').update(content).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Adds CycloneDX `vulnerabilities` for the graph's components to a BOM (in place) and returns its
 * new JSON. Ignored matches (vulns.ignore in force) are left out, like in a scan. The serial
 * number is derived again from the document with its vulnerabilities, so two BOMs that differ
 * only in what was known about them do not share one.
 */
export async function addCycloneDxVulnerabilities(
  bom: Record<string, unknown>,
  graph: Pick<SbomGraph, 'components'>,
  db: OsvDatabase,
  options: SbomVulnerabilityOptions = {},
): Promise<{ json: string; matches: VulnMatch[]; notifications: Notification[] }> {
  const components = graphComponents(graph);
  const now = options.now ?? new Date();
  const result = await matchComponents(db, components);
  const ignored = applyIgnores(result.matches, options.ignore ?? [], now);
  const vulnerabilities = cycloneDxVulnerabilities(ignored.kept, () => undefined);
  if (vulnerabilities.length > 0) bom.vulnerabilities = vulnerabilities;
  const previous = String(bom.serialNumber ?? '');
  const draft = `${JSON.stringify(bom, null, 2)}\n`;
  const id = `urn:uuid:${uuidOf(draft)}`;
  bom.serialNumber = id;
  return {
    json: previous ? draft.replace(previous, id) : draft,
    matches: ignored.kept,
    notifications: [
      ...ageNotifications(db.root, sourcesUsed(db, components, true), now, options.maxDbAgeMs ?? DEFAULT_MAX_DB_AGE_MS),
      ...db.notifications.splice(0),
      ...result.notifications,
      ...ignored.notifications,
    ],
  };
}
