import { createRequire } from 'node:module';

type Semver = typeof import('semver');

let loaded: Semver | undefined;

/**
 * semver, loaded on first use: most SBOM runs never compare a range (npm lockfiles carry resolved
 * versions), and loading semver's many modules costs noticeable startup time.
 */
export function semverLib(): Semver {
  loaded ??= createRequire(import.meta.url)('semver') as Semver;
  return loaded;
}
