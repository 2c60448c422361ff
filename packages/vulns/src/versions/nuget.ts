import { compareIdentifiers } from './semver.js';
import type { VersionOrder } from './types.js';

const NUGET =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/;

function parse(v: string): { release: number[]; pre: string[] } | undefined {
  const m = NUGET.exec(v.trim());
  if (!m) return undefined;
  return {
    release: [m[1], m[2], m[3], m[4]].map((n) => Number(n ?? 0)),
    pre: m[5] ? m[5].toLowerCase().split('.') : [],
  };
}

/** NuGet versions: up to four numbers (missing = 0), SemVer 2.0 pre-release labels compared case-insensitively. */
export const nugetOrder: VersionOrder = {
  name: 'NuGet',
  valid: (v) => parse(v) !== undefined,
  compare: (a, b) => {
    const x = parse(a);
    const y = parse(b);
    if (!x || !y) return 0;
    for (let i = 0; i < 4; i++) {
      const d = (x.release[i] ?? 0) - (y.release[i] ?? 0);
      if (d !== 0) return d;
    }
    if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
    return compareIdentifiers(x.pre, y.pre);
  },
};
