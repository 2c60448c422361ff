import { PackageURL } from 'packageurl-js';
import { mavenOrder } from './versions/maven.js';
import { nugetOrder } from './versions/nuget.js';
import { packagistOrder } from './versions/packagist.js';
import { pep440Order } from './versions/pep440.js';
import { rubygemsOrder } from './versions/rubygems.js';
import { goOrder, pubOrder, semverOrder, vSemverOrder } from './versions/semver.js';
import type { VersionOrder } from './versions/types.js';

/** What vulns knows about one OSV ecosystem: how names compare and how versions order. */
export interface EcosystemInfo {
  /** The OSV ecosystem name (`PyPI`, `crates.io`), also the folder name of its export. */
  osv: string;
  /** The purl type(s) whose components belong to it. */
  purlTypes: readonly string[];
  order: VersionOrder;
  /** The form under which two names are the same package. */
  normalizeName(name: string): string;
}

const exact = (name: string) => name;
const lower = (name: string) => name.toLowerCase();

export const ECOSYSTEMS: readonly EcosystemInfo[] = [
  { osv: 'npm', purlTypes: ['npm'], order: semverOrder, normalizeName: exact },
  // PEP 503: case-insensitive, runs of `-`, `_` and `.` are one `-`.
  {
    osv: 'PyPI',
    purlTypes: ['pypi'],
    order: pep440Order,
    normalizeName: (n) => n.toLowerCase().replace(/[-_.]+/g, '-'),
  },
  { osv: 'Go', purlTypes: ['golang'], order: goOrder, normalizeName: exact },
  // crates.io treats `-` and `_` as the same name, case-insensitively.
  {
    osv: 'crates.io',
    purlTypes: ['cargo'],
    order: semverOrder,
    normalizeName: (n) => n.toLowerCase().replace(/_/g, '-'),
  },
  { osv: 'RubyGems', purlTypes: ['gem'], order: rubygemsOrder, normalizeName: exact },
  { osv: 'Maven', purlTypes: ['maven'], order: mavenOrder, normalizeName: exact },
  { osv: 'NuGet', purlTypes: ['nuget'], order: nugetOrder, normalizeName: lower },
  { osv: 'Packagist', purlTypes: ['composer'], order: packagistOrder, normalizeName: lower },
  { osv: 'Hex', purlTypes: ['hex'], order: semverOrder, normalizeName: lower },
  { osv: 'Pub', purlTypes: ['pub'], order: pubOrder, normalizeName: lower },
  { osv: 'GitHub Actions', purlTypes: ['github'], order: vSemverOrder, normalizeName: lower },
];

const BY_OSV = new Map(ECOSYSTEMS.map((e) => [e.osv.toLowerCase(), e]));
const BY_PURL = new Map(ECOSYSTEMS.flatMap((e) => e.purlTypes.map((t) => [t, e] as const)));

/** Purl types of container images: components of the SBOM, but no OSV package ecosystem. */
export const IMAGE_PURL_TYPES: ReadonlySet<string> = new Set(['docker', 'oci']);

/** The ecosystem of an OSV `package.ecosystem` value; `Debian:11` and `Ubuntu:22.04:LTS` name their base. */
export function osvEcosystem(name: string): EcosystemInfo | undefined {
  return BY_OSV.get(ecosystemBase(name).toLowerCase());
}

export function ecosystemBase(name: string): string {
  const i = name.indexOf(':');
  return i === -1 ? name : name.slice(0, i);
}

/** A component as OSV sees it: ecosystem, package name in OSV's spelling, version. */
export interface OsvPackageRef {
  ecosystem: EcosystemInfo;
  name: string;
  version?: string;
}

export type PurlReading =
  | { kind: 'package'; ref: OsvPackageRef }
  | { kind: 'image' }
  | { kind: 'unsupported'; type: string }
  | { kind: 'invalid' };

/** Reads a component's purl into OSV terms (npm `@scope/name`, Maven `group:artifact`, Go module path). */
export function readPurl(purl: string): PurlReading {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch {
    return { kind: 'invalid' };
  }
  if (IMAGE_PURL_TYPES.has(p.type)) return { kind: 'image' };
  const ecosystem = BY_PURL.get(p.type);
  if (!ecosystem) return { kind: 'unsupported', type: p.type };
  const ns = p.namespace ?? '';
  const name = p.type === 'maven' ? (ns ? `${ns}:${p.name}` : p.name) : ns ? `${ns}/${p.name}` : p.name;
  const ref: OsvPackageRef = { ecosystem, name };
  if (p.version) ref.version = p.version;
  return { kind: 'package', ref };
}

/** Index key of a package: ecosystem and normalised name. */
export function packageKey(ecosystem: EcosystemInfo, name: string): string {
  return `${ecosystem.osv}\0${ecosystem.normalizeName(name)}`;
}
