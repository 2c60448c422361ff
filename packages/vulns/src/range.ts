import type { OsvAffected, OsvEvent, OsvRange } from './osv.js';
import { semverOrder, vSemverOrder } from './versions/semver.js';
import type { VersionOrder } from './versions/types.js';

/** The verdict on one version against one `affected` entry. */
export interface AffectedVerdict {
  affected: boolean;
  /** `fixed` events of every evaluated range, in version order (deduplicated). */
  fixed: string[];
  /** `last_affected` events of every evaluated range. */
  lastAffected: string[];
  /** Versions the ordering could not read (events or the version itself): never compared, reported. */
  unreadable: string[];
  /** Range types left out (`GIT`, unknown ones). */
  skippedTypes: string[];
}

const INTRODUCED_ZERO = '0';

function eventVersion(e: OsvEvent): string | undefined {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit;
}

/**
 * Evaluates `version` against one range exactly as the OSV schema's pseudo-code does: events
 * sorted by version (`introduced: "0"` lowest); walking them, `introduced <= v` makes it
 * vulnerable, `fixed <= v` or `last_affected < v` makes it not; `limit` events bound the whole
 * range (`v < limit` for some limit, `*` meaning none). Returns undefined when an event version
 * cannot be read.
 */
export function inRange(version: string, range: OsvRange, order: VersionOrder): boolean | undefined {
  const events = range.events ?? [];
  for (const e of events) {
    const v = eventVersion(e);
    if (v === undefined) continue;
    if (e.introduced === INTRODUCED_ZERO || e.limit === '*') continue;
    if (!order.valid(v)) return undefined;
  }
  const limits = events.filter((e) => e.limit !== undefined).map((e) => e.limit as string);
  if (limits.length > 0 && !limits.some((l) => l === '*' || order.compare(version, l) < 0)) return false;
  const sorted = events
    .filter((e) => e.limit === undefined && eventVersion(e) !== undefined)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compareEvents(a.e, b.e, order) || a.i - b.i)
    .map((x) => x.e);
  let vulnerable = false;
  for (const e of sorted) {
    if (e.introduced !== undefined) {
      if (e.introduced === INTRODUCED_ZERO || order.compare(version, e.introduced) >= 0) vulnerable = true;
    } else if (e.fixed !== undefined) {
      if (order.compare(version, e.fixed) >= 0) vulnerable = false;
    } else if (e.last_affected !== undefined) {
      if (order.compare(version, e.last_affected) > 0) vulnerable = false;
    }
  }
  return vulnerable;
}

function compareEvents(a: OsvEvent, b: OsvEvent, order: VersionOrder): number {
  const va = eventVersion(a) as string;
  const vb = eventVersion(b) as string;
  const za = a.introduced === INTRODUCED_ZERO;
  const zb = b.introduced === INTRODUCED_ZERO;
  if (za || zb) return za === zb ? 0 : za ? -1 : 1;
  return order.compare(va, vb);
}

/** Whether two version strings name the same version (`versions` lists): equal text, or equal under the order. */
export function sameVersion(a: string, b: string, order: VersionOrder): boolean {
  if (a === b) return true;
  return order.valid(a) && order.valid(b) && order.compare(a, b) === 0;
}

/**
 * The OSV verdict for one `affected` entry: affected when any ECOSYSTEM or SEMVER range includes
 * the version or the `versions` list names it. `GIT` ranges (commit hashes) are not evaluated.
 */
export function evaluateAffected(version: string, affected: OsvAffected, order: VersionOrder): AffectedVerdict {
  const verdict: AffectedVerdict = { affected: false, fixed: [], lastAffected: [], unreadable: [], skippedTypes: [] };
  const fixed = new Set<string>();
  const last = new Set<string>();
  for (const range of affected.ranges ?? []) {
    let rangeOrder: VersionOrder;
    if (range.type === 'ECOSYSTEM') rangeOrder = order;
    else if (range.type === 'SEMVER') rangeOrder = order === semverOrder ? semverOrder : vSemverOrder;
    else {
      verdict.skippedTypes.push(range.type);
      continue;
    }
    for (const e of range.events ?? []) {
      if (e.fixed !== undefined) fixed.add(e.fixed);
      if (e.last_affected !== undefined) last.add(e.last_affected);
    }
    if (!rangeOrder.valid(version)) {
      verdict.unreadable.push(version);
      continue;
    }
    const hit = inRange(version, range, rangeOrder);
    if (hit === undefined) {
      for (const e of range.events ?? []) {
        const v = eventVersion(e);
        if (v !== undefined && v !== INTRODUCED_ZERO && v !== '*' && !rangeOrder.valid(v)) verdict.unreadable.push(v);
      }
    } else if (hit) verdict.affected = true;
  }
  if (!verdict.affected && (affected.versions ?? []).some((v) => sameVersion(v, version, order)))
    verdict.affected = true;
  const byOrder = (a: string, b: string) =>
    order.valid(a) && order.valid(b) ? order.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
  verdict.fixed = [...fixed].sort(byOrder);
  verdict.lastAffected = [...last].sort(byOrder);
  return verdict;
}

/** The fix to suggest: the lowest fixed version above the component's version. */
export function nearestFixed(version: string, fixed: readonly string[], order: VersionOrder): string | undefined {
  if (!order.valid(version)) return fixed[0];
  return fixed.find((f) => order.valid(f) && order.compare(f, version) > 0);
}
