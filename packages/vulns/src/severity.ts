import type { Severity } from '@shipshape/core';
import cvss from 'ae-cvss-calculator';

// A webpack-built CommonJS module: Node sees only its default export.
const { fromVector } = cvss;

import type { OsvAdvisory, OsvSeverity } from './osv.js';

/** How a finding's severity was decided. */
export interface Rating {
  severity: Severity;
  /** `cvss` (a vector scored), `database` (the database's own word), `default` (nothing given: medium). */
  source: 'cvss' | 'database' | 'default';
  /** CVSS base score, when scored. */
  score?: number;
  /** The vector scored (`CVSS:3.1/AV:N/...`) and its OSV type (`CVSS_V3`). */
  vector?: string;
  method?: string;
}

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** CVSS qualitative rating scale (v3.1 and v4.0 share it): 9.0 critical, 7.0 high, 4.0 medium, 0.1 low, 0 none. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** CVSS v4 first, then v3, then v2: the newest vector the advisory gives. */
const TYPE_PREFERENCE = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

const scores = new Map<string, number | undefined>();

/** Base score of a vector (memoised: databases repeat the same vectors thousands of times). */
function scoreVector(entry: OsvSeverity): number | undefined {
  if (scores.has(entry.score)) return scores.get(entry.score);
  let score: number | undefined;
  try {
    const base = fromVector(entry.score)?.calculateScores()?.base;
    score = typeof base === 'number' && Number.isFinite(base) ? base : undefined;
  } catch {
    score = undefined;
  }
  if (scores.size > 50_000) scores.clear();
  scores.set(entry.score, score);
  return score;
}

const WORDS: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  negligible: 'low',
  unimportant: 'low',
};

function databaseWord(record: Record<string, unknown> | undefined): Severity | undefined {
  const value = typeof record === 'object' && record !== null ? record.severity : undefined;
  return typeof value === 'string' ? WORDS[value.toLowerCase()] : undefined;
}

/**
 * The rating of one advisory: the newest CVSS vector it carries (top level, then in `affected`)
 * scored with ae-cvss-calculator; else `database_specific.severity` (GHSA's CRITICAL/HIGH/MODERATE/
 * LOW, also in `affected[].database_specific` / `ecosystem_specific`); else medium.
 */
export function rateAdvisory(advisory: OsvAdvisory): Rating {
  const list = (v: unknown): OsvSeverity[] =>
    Array.isArray(v)
      ? v.filter((x): x is OsvSeverity => typeof x?.type === 'string' && typeof x?.score === 'string')
      : [];
  const vectors = [...list(advisory.severity), ...(advisory.affected ?? []).flatMap((a) => list(a.severity))];
  for (const type of TYPE_PREFERENCE) {
    for (const entry of vectors) {
      if (entry.type !== type || typeof entry.score !== 'string') continue;
      const score = scoreVector(entry);
      if (score !== undefined)
        return { severity: severityOfScore(score), source: 'cvss', score, vector: entry.score, method: type };
    }
  }
  const word =
    databaseWord(advisory.database_specific) ??
    (advisory.affected ?? [])
      .map((a) => databaseWord(a.database_specific) ?? databaseWord(a.ecosystem_specific))
      .find((w) => w);
  if (word) return { severity: word, source: 'database' };
  return { severity: 'medium', source: 'default' };
}

/** The strongest explicit rating among aliased advisories (a scored one wins a tie); medium when none rates it. */
export function strongestRating(ratings: readonly Rating[]): Rating {
  let best: Rating | undefined;
  for (const r of ratings) {
    if (r.source === 'default') continue;
    if (
      !best ||
      RANK[r.severity] > RANK[best.severity] ||
      (RANK[r.severity] === RANK[best.severity] && r.source === 'cvss' && best.source !== 'cvss')
    )
      best = r;
  }
  return best ?? { severity: 'medium', source: 'default' };
}
