import type { VulnMatch } from './match.js';
import { fixHint } from './rules/known-vulnerability/rule.js';

const METHOD: Record<string, string> = { CVSS_V2: 'CVSSv2', CVSS_V4: 'CVSSv4' };

function method(m: VulnMatch): string | undefined {
  if (!m.rating.method) return undefined;
  if (m.rating.method === 'CVSS_V3') return m.rating.vector?.startsWith('CVSS:3.0/') ? 'CVSSv3' : 'CVSSv31';
  return METHOD[m.rating.method];
}

function sourceOf(id: string): { name: string; url: string } {
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (id.startsWith('GHSA-')) return { name: 'GitHub', url: `https://github.com/advisories/${id}` };
  return { name: 'OSV', url: `https://osv.dev/vulnerability/${id}` };
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * CycloneDX `vulnerabilities` from matches: one entry per vulnerability id, affecting every
 * component (by bom-ref) it matched, with the OSV source, the aliases as references, the rating
 * and the fix as recommendation. A match's component names its bom-ref; `refOf` maps a purl to one
 * for components that do not.
 */
export function cycloneDxVulnerabilities(
  matches: readonly VulnMatch[],
  refOf: (purl: string) => string | undefined,
): Record<string, unknown>[] {
  const byId = new Map<string, VulnMatch[]>();
  for (const m of matches) {
    const list = byId.get(m.id);
    if (list) list.push(m);
    else byId.set(m.id, [m]);
  }
  const out: Record<string, unknown>[] = [];
  for (const id of [...byId.keys()].sort()) {
    const group = byId.get(id) as VulnMatch[];
    const first = group[0] as VulnMatch;
    const affects = new Map<string, Set<string>>();
    for (const m of group) {
      const ref = m.component.ref ?? refOf(m.component.purl);
      if (ref === undefined) continue;
      const versions = affects.get(ref) ?? new Set<string>();
      versions.add(m.version);
      affects.set(ref, versions);
    }
    if (affects.size === 0) continue;
    const rating: Record<string, unknown> = { source: sourceOf(id), severity: first.rating.severity };
    if (first.rating.score !== undefined) rating.score = first.rating.score;
    const how = method(first);
    if (how) rating.method = how;
    if (first.rating.vector) rating.vector = first.rating.vector;
    const vuln: Record<string, unknown> = {
      'bom-ref': `vulnerability:${id}`,
      id,
      source: sourceOf(id),
    };
    const aliases = [...new Set(group.flatMap((m) => m.aliases))].sort();
    if (aliases.length > 0) vuln.references = aliases.map((a) => ({ id: a, source: sourceOf(a) }));
    vuln.ratings = [rating];
    if (first.summary) vuln.description = first.summary;
    vuln.recommendation = fixHint(first);
    const published = isoDate(first.published);
    if (published) vuln.published = published;
    const updated = isoDate(first.modified);
    if (updated) vuln.updated = updated;
    vuln.affects = [...affects.keys()].sort().map((ref) => ({
      ref,
      versions: [...(affects.get(ref) as Set<string>)].sort().map((version) => ({ version, status: 'affected' })),
    }));
    out.push(vuln);
  }
  return out;
}
