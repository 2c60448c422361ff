import { ConfigError, type ShipshapeConfig } from '@shipshape/core';

/** One `vulns.ignore` entry: an accepted vulnerability, with the reason and until when. */
export interface VulnIgnore {
  /** Advisory id or any alias (`GHSA-...`, `CVE-...`, `PYSEC-...`). */
  id: string;
  /** Limits the ignore to one package: purl (with or without version) or package name. */
  package?: string;
  reason: string;
  /** ISO date (`2026-06-30`): the ignore holds through that day (UTC), then the finding is back. */
  expires?: string;
}

/** The `vulns` section of `.shipshape.yaml`. */
export interface VulnsSettings {
  /** Database directory (relative to the scan root). */
  db?: string;
  ignore: VulnIgnore[];
  /** Age above which the database is reported as stale, in milliseconds (default 7 days). */
  maxDbAgeMs: number;
}

export const DEFAULT_MAX_DB_AGE_MS = 7 * 24 * 3600 * 1000;

const UNIT_MS: Record<string, number> = { h: 3600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `7` (days), `"36h"`, `"7d"`, `"2w"` -> milliseconds. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return value >= 0 ? value * UNIT_MS.d! : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([hdw])\s*$/.exec(value);
  return m ? Number(m[1]) * (UNIT_MS[m[2] as string] as number) : undefined;
}

/**
 * Reads `vulns` from a config core has validated against its schema (so shapes are right);
 * re-checks what the schema cannot say (dates that exist, durations), naming the key.
 */
export function vulnsSettings(config: ShipshapeConfig | undefined): VulnsSettings {
  const section = (config?.vulns ?? {}) as { db?: string; ignore?: VulnIgnore[]; maxDbAge?: number | string };
  const settings: VulnsSettings = { ignore: [], maxDbAgeMs: DEFAULT_MAX_DB_AGE_MS };
  if (section.db !== undefined) settings.db = section.db;
  if (section.maxDbAge !== undefined) {
    const ms = parseDuration(section.maxDbAge);
    if (ms === undefined)
      throw new ConfigError(
        `vulns.maxDbAge: expected days (7) or a duration like "36h", "7d", "2w", got ${JSON.stringify(section.maxDbAge)}`,
        undefined,
        'vulns.maxDbAge',
      );
    settings.maxDbAgeMs = ms;
  }
  (section.ignore ?? []).forEach((entry, i) => {
    if (entry.expires !== undefined && Number.isNaN(Date.parse(`${entry.expires}T00:00:00Z`)))
      throw new ConfigError(
        `vulns.ignore[${i}].expires: "${entry.expires}" is not a date (YYYY-MM-DD)`,
        undefined,
        `vulns.ignore.${i}.expires`,
      );
    if (!entry.reason?.trim())
      throw new ConfigError(
        `vulns.ignore[${i}].reason: an ignore needs a reason`,
        undefined,
        `vulns.ignore.${i}.reason`,
      );
    settings.ignore.push({ ...entry });
  });
  return settings;
}
