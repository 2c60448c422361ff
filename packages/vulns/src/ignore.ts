import type { Notification } from '@shipshape/core';
import { readPurl } from './ecosystems.js';
import type { VulnMatch } from './match.js';
import type { VulnIgnore } from './settings.js';

export interface IgnoreOutcome {
  /** Matches still reported (including those whose ignore expired). */
  kept: VulnMatch[];
  /** Matches an ignore in force hides, with the ignore. */
  ignored: { match: VulnMatch; ignore: VulnIgnore }[];
  /** Matches whose only ignore has expired: reported again. */
  expired: { match: VulnMatch; ignore: VulnIgnore }[];
  notifications: Notification[];
}

/** The end of the expiry day (UTC): an ignore `expires: 2026-06-30` holds through June 30th. */
function expiryTime(expires: string): number {
  return Date.parse(`${expires}T00:00:00Z`) + 86_400_000;
}

function packageMatches(spec: string, match: VulnMatch): boolean {
  if (spec.startsWith('pkg:')) {
    const want = readPurl(spec);
    const have = readPurl(match.component.purl);
    if (want.kind !== 'package' || have.kind !== 'package') return spec === match.component.purl;
    if (want.ref.ecosystem !== have.ref.ecosystem) return false;
    const eco = want.ref.ecosystem;
    if (eco.normalizeName(want.ref.name) !== eco.normalizeName(have.ref.name)) return false;
    return want.ref.version === undefined || want.ref.version === have.ref.version;
  }
  const eco = readPurl(match.component.purl);
  const norm = eco.kind === 'package' ? eco.ref.ecosystem.normalizeName : (s: string) => s;
  return norm(spec) === norm(match.name);
}

function ignoreMatches(ignore: VulnIgnore, match: VulnMatch): boolean {
  const ids = new Set([match.id, ...match.aliases]);
  if (!ids.has(ignore.id)) return false;
  return ignore.package === undefined || packageMatches(ignore.package, match);
}

/**
 * Applies `vulns.ignore`: an ignore in force (no expiry, or not yet past it) hides the matches
 * it names; an expired one hides nothing, and says so. Ignores that match nothing are reported
 * so stale entries get cleaned up.
 */
export function applyIgnores(matches: readonly VulnMatch[], ignores: readonly VulnIgnore[], now: Date): IgnoreOutcome {
  const out: IgnoreOutcome = { kept: [], ignored: [], expired: [], notifications: [] };
  const used = new Set<VulnIgnore>();
  for (const match of matches) {
    const applicable = ignores.filter((i) => ignoreMatches(i, match));
    for (const i of applicable) used.add(i);
    const active = applicable.find((i) => i.expires === undefined || now.getTime() < expiryTime(i.expires));
    if (active) {
      out.ignored.push({ match, ignore: active });
      continue;
    }
    out.kept.push(match);
    const lapsed = applicable[0];
    if (lapsed) out.expired.push({ match, ignore: lapsed });
  }
  for (const { match, ignore } of out.expired)
    out.notifications.push({
      level: 'warning',
      code: 'vulns-ignore-expired',
      message: `the vulns.ignore entry for ${ignore.id} expired on ${ignore.expires} ("${ignore.reason}"); ${match.id} in ${match.name} ${match.version} is reported again.`,
      ...(match.component.file ? { file: match.component.file } : {}),
    });
  if (out.ignored.length > 0)
    out.notifications.push({
      level: 'info',
      code: 'vulns-ignored',
      message: `${out.ignored.length} vulnerability match(es) hidden by vulns.ignore: ${[...new Set(out.ignored.map((x) => `${x.match.id} (${x.ignore.reason})`))].slice(0, 5).join('; ')}.`,
    });
  for (const ignore of ignores)
    if (!used.has(ignore))
      out.notifications.push({
        level: 'info',
        code: 'vulns-ignore-unused',
        message: `the vulns.ignore entry for ${ignore.id}${ignore.package ? ` (${ignore.package})` : ''} matches no vulnerability found; remove it if it is no longer needed.`,
      });
  return out;
}
