import type { Notification } from '@shipshape/core';
import type { DatabaseSource } from './db.js';

/** `3 days`, `5 hours`, `12 minutes`. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

function label(source: DatabaseSource): string {
  return source.kind === 'zip' ? (source.ecosystem ?? source.path) : 'loose advisories';
}

/**
 * The database's age, stated on every run (info), and a warning when a source the run used is
 * older than the limit: an old database misses every advisory published since.
 */
export function ageNotifications(
  root: string,
  sources: readonly DatabaseSource[],
  now: Date,
  maxAgeMs: number,
): Notification[] {
  if (sources.length === 0) return [];
  const parts = sources.map(
    (s) => `${label(s)} ${formatAge(now.getTime() - s.modified.getTime())} old (${s.modified.toISOString()})`,
  );
  const out: Notification[] = [
    { level: 'info', code: 'vulns-db-age', message: `OSV database ${root}: ${parts.join('; ')}.` },
  ];
  const stale = sources.filter((s) => now.getTime() - s.modified.getTime() > maxAgeMs);
  if (stale.length > 0)
    out.push({
      level: 'warning',
      code: 'vulns-db-stale',
      message: `OSV database ${root} is older than ${formatAge(maxAgeMs)} (${stale.map(label).join(', ')}): advisories published since are missed; run \`shipshape vulns update --db ${root}\`.`,
    });
  return out;
}
