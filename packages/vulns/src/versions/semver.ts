import semver from 'semver';
import type { VersionOrder } from './types.js';

/** Strict SemVer 2.0 (npm's `semver`, not loose): build metadata is ignored for order. */
export const semverOrder: VersionOrder = {
  name: 'SemVer 2.0',
  valid: (v) => semver.valid(v) !== null,
  compare: (a, b) => semver.compare(a, b),
};

/**
 * SemVer with an optional leading `v`: OSV's `SEMVER` range type ("versions without a leading v")
 * and Go module versions, whose `v` OSV drops in its events. Go's `+incompatible` is build
 * metadata and pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`,
 * `v1.2.4-0.20191109021931-daa7c04131f5`) are pre-releases, which orders them the way the Go
 * toolchain does (just below the release they precede).
 */
function stripV(v: string): string {
  return v.startsWith('v') ? v.slice(1) : v;
}

export const vSemverOrder: VersionOrder = {
  name: 'SemVer 2.0',
  valid: (v) => semver.valid(stripV(v)) !== null,
  compare: (a, b) => semver.compare(stripV(a), stripV(b)),
};

export const goOrder: VersionOrder = { ...vSemverOrder, name: 'Go module versions' };

/** Dart's pub_semver: SemVer, except that a build suffix sorts after the plain version. */
export const pubOrder: VersionOrder = {
  name: 'Pub (pub_semver)',
  valid: (v) => semver.valid(v) !== null,
  compare: (a, b) => {
    const c = semver.compare(a, b);
    if (c !== 0) return c;
    const ba = semver.parse(a)?.build ?? [];
    const bb = semver.parse(b)?.build ?? [];
    if (ba.length === 0 || bb.length === 0) return ba.length - bb.length;
    return compareIdentifiers(ba, bb);
  },
};

/** SemVer's identifier comparison (numeric < alphanumeric, numbers by value), shorter first on ties. */
export function compareIdentifiers(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = String(a[i]);
    const y = String(b[i]);
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (nx !== ny) return nx ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
