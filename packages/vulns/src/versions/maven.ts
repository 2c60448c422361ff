import type { VersionOrder } from './types.js';

/** Qualifier ranks of Maven's ComparableVersion; the release (empty qualifier) sits between snapshot and sp. */
const QUALIFIERS: Record<string, number> = { alpha: 0, beta: 1, milestone: 2, rc: 3, snapshot: 4, '': 5, sp: 6 };
const ALIASES: Record<string, string> = {
  a: 'alpha',
  b: 'beta',
  m: 'milestone',
  cr: 'rc',
  ga: '',
  final: '',
  release: '',
};

type Item = { kind: 'int'; value: bigint } | { kind: 'str'; value: string };

/**
 * Items of a Maven version: split at `.` and `-` and at every digit/letter switch, lowercase,
 * qualifier aliases resolved (`1.0-RC1` -> 1, 0, rc, 1). Trailing zero and release items are
 * dropped, as ComparableVersion normalises them (`1.0.0` = `1` = `1-ga`).
 */
function items(version: string): Item[] {
  const out: Item[] = [];
  const tokens = version.toLowerCase().match(/[0-9]+|[a-z]+/g) ?? [];
  tokens.forEach((token, i) => {
    if (/^\d+$/.test(token)) out.push({ kind: 'int', value: BigInt(token) });
    else {
      // `a1`, `b2`, `m3` are short for alpha/beta/milestone only when a number follows.
      const next = tokens[i + 1];
      const short = token.length === 1 && next !== undefined && /^\d/.test(next);
      const name = (token.length > 1 || short ? ALIASES[token] : undefined) ?? token;
      out.push({ kind: 'str', value: name });
    }
  });
  while (out.length > 0) {
    const last = out[out.length - 1] as Item;
    if ((last.kind === 'int' && last.value === 0n) || (last.kind === 'str' && last.value === '')) out.pop();
    else break;
  }
  return out;
}

function qualifierRank(q: string): [number, string] {
  const rank = QUALIFIERS[q];
  return rank === undefined ? [7, q] : [rank, ''];
}

function compareQualifiers(a: string, b: string): number {
  const [ra, sa] = qualifierRank(a);
  const [rb, sb] = qualifierRank(b);
  if (ra !== rb) return ra - rb;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function compareItem(a: Item | undefined, b: Item | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return -compareItem(b, undefined);
  if (b === undefined) return a.kind === 'int' ? (a.value === 0n ? 0 : 1) : compareQualifiers(a.value, '');
  if (a.kind === 'int' && b.kind === 'int') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if (a.kind === 'int') return 1;
  if (b.kind === 'int') return -1;
  return compareQualifiers(a.value, b.value);
}

/**
 * Maven's ComparableVersion, flattened: numbers by value, a number above any qualifier,
 * qualifiers alpha < beta < milestone < rc = cr < snapshot < release (ga, final) < sp < others
 * (lexically). The distinction between `.` and `-` separators is not modelled.
 */
export const mavenOrder: VersionOrder = {
  name: 'Maven (ComparableVersion)',
  valid: (v) => /^[0-9A-Za-z][0-9A-Za-z._+-]*$/.test(v),
  compare: (a, b) => {
    const x = items(a);
    const y = items(b);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const c = compareItem(x[i], y[i]);
      if (c !== 0) return c;
    }
    return 0;
  },
};
