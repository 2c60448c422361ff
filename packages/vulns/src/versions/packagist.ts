import type { VersionOrder } from './types.js';

/** PHP's version_compare special forms; any other word ranks below `dev`. */
const SPECIAL: Record<string, number> = { dev: 0, alpha: 1, a: 1, beta: 2, b: 2, rc: 3, '#': 4, pl: 5, p: 5 };

const COMPOSER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(.*)$/i;

/** Composer's normal form: four numbers, then the stability suffix (`v1.2-beta1` -> `1.2.0.0-beta1`). */
function normalise(v: string): string {
  const m = COMPOSER.exec(v.trim());
  if (!m) return v;
  const nums = [m[1], m[2], m[3], m[4]].map((n) => n ?? '0').join('.');
  const rest = (m[5] ?? '').replace(/^[-_.+]?/, '');
  return rest ? `${nums}.${rest}` : nums;
}

/** PHP's canonicalisation: separators to `.`, a `.` between every digit/non-digit switch. */
function parts(v: string): string[] {
  const canon = v
    .replace(/[-_+]/g, '.')
    .replace(/([^.\d]+)(\d)/g, '$1.$2')
    .replace(/(\d)([^.\d]+)/g, '$1.$2');
  return canon.split('.').filter((p) => p !== '');
}

function order(part: string): number {
  if (/^\d+$/.test(part)) return SPECIAL['#'] as number;
  return SPECIAL[part.toLowerCase()] ?? -6;
}

function comparePart(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return Math.sign(Number(a) - Number(b));
  return Math.sign(order(a) - order(b));
}

/** Packagist (Composer): Composer's normalisation, then PHP's version_compare. */
export const packagistOrder: VersionOrder = {
  name: 'Packagist (Composer)',
  valid: (v) => COMPOSER.test(v.trim()),
  compare: (a, b) => {
    const x = parts(normalise(a));
    const y = parts(normalise(b));
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const l = x[i];
      const r = y[i];
      // A part left over decides: a number makes its side newer, a suffix (`-beta`) older.
      if (l === undefined) return r !== undefined && /^\d+$/.test(r) ? -1 : comparePart('#', r as string);
      if (r === undefined) return /^\d+$/.test(l) ? 1 : comparePart(l, '#');
      const c = comparePart(l, r);
      if (c !== 0) return c;
    }
    return 0;
  },
};
