import type { VersionOrder } from './types.js';

const GEM_VERSION = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/;

type Segment = number | string;

/** Gem::Version#canonical_segments: `-` means `.pre.`, trailing zeros of the release and of the pre-release part dropped. */
function segments(version: string): Segment[] {
  const text = version.trim().replace(/-/g, '.pre.');
  const all: Segment[] = (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const firstString = all.findIndex((s) => typeof s === 'string');
  const release = firstString === -1 ? all : all.slice(0, firstString);
  const pre = firstString === -1 ? [] : all.slice(firstString);
  const trim = (list: Segment[]) => {
    let end = list.length;
    while (end > 0 && list[end - 1] === 0) end--;
    return list.slice(0, end);
  };
  return [...trim(release), ...trim(pre)];
}

/** RubyGems' Gem::Version ordering: a letter segment marks a pre-release (`1.0.a` < `1.0`). */
export const rubygemsOrder: VersionOrder = {
  name: 'RubyGems (Gem::Version)',
  valid: (v) => GEM_VERSION.test(v) && v.trim() !== '',
  compare: (a, b) => {
    const x = segments(a);
    const y = segments(b);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const l = x[i] ?? 0;
      const r = y[i] ?? 0;
      if (l === r) continue;
      if (typeof l === 'string' && typeof r === 'number') return -1;
      if (typeof l === 'number' && typeof r === 'string') return 1;
      return l < r ? -1 : 1;
    }
    return 0;
  },
};
