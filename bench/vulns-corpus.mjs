// Generates the vulns benchmark corpus (deterministic, offline): a package-lock.json with 5,000
// packages and an npm OSV export of 50,000 advisories (`npm/all.zip`), shaped like osv.dev's: most
// advisories name packages the lockfile does not use, a few thousand name ones it does, with
// SEMVER ranges (introduced/fixed, last_affected, limit), versions lists, aliases, CVSS vectors
// and withdrawn entries.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';

function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
];

export function generateVulnsCorpus(dir, { components = 5000, advisories = 50000, seed = 14 } = {}) {
  const rand = rng(seed);
  const int = (n) => Math.floor(rand() * n);
  const nameOf = (i) => (i % 7 === 0 ? `@scope${i % 50}/pkg-${i}` : `pkg-${i}`);
  // Lockfile: packages 0..components-1.
  const versions = [];
  const packages = { '': { name: 'bench-app', version: '1.0.0', dependencies: {} } };
  for (let i = 0; i < components; i++) {
    const version = `${int(5)}.${int(20)}.${int(30)}`;
    versions.push(version);
    const name = nameOf(i);
    packages[''].dependencies[name] = `^${version}`;
    packages[`node_modules/${name}`] = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`,
      integrity: `sha512-${Buffer.from(`${name}@${version}`).toString('base64')}`,
    };
  }
  const project = join(dir, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'bench-app', version: '1.0.0', dependencies: packages[''].dependencies }, null, 2)}\n`,
  );
  writeFileSync(
    join(project, 'package-lock.json'),
    `${JSON.stringify({ name: 'bench-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  // Advisories: 8% on packages of the lockfile (the first 2,000), the rest over 20,000 others.
  const files = {};
  const enc = new TextEncoder();
  for (let a = 0; a < advisories; a++) {
    const onLock = rand() < 0.08;
    const pkg = onLock ? int(Math.min(2000, components)) : components + int(20000);
    const name = nameOf(pkg);
    const major = int(5);
    const events =
      a % 5 === 0
        ? [{ introduced: `${major}.0.0` }, { last_affected: `${major}.${int(20)}.${int(30)}` }]
        : a % 11 === 0
          ? [{ introduced: '0' }, { limit: `${major + 1}.0.0` }]
          : [
              { introduced: a % 3 === 0 ? '0' : `${major}.${int(10)}.0` },
              { fixed: `${major}.${10 + int(10)}.${int(30)}` },
            ];
    const id = `GHSA-${(a + 1).toString(36).padStart(4, '0')}-bnch-${(a * 7919).toString(36).slice(-4).padStart(4, 'x')}`;
    const advisory = {
      schema_version: '1.6.0',
      id,
      modified: '2026-11-30T00:00:00Z',
      published: '2026-01-01T00:00:00Z',
      ...(a % 50 === 0 ? { withdrawn: '2026-06-01T00:00:00Z' } : {}),
      aliases: [`CVE-2026-${10000 + a}`],
      summary: `Generated advisory ${a} for ${name}`,
      details: `A generated description of a vulnerability in ${name}. `.repeat(6),
      ...(a % 2 === 0 ? { severity: [{ type: a % 8 === 0 ? 'CVSS_V4' : 'CVSS_V3', score: VECTORS[a % 4] }] } : {}),
      affected: [
        {
          package: { ecosystem: 'npm', name, purl: `pkg:npm/${name.replace('@', '%40')}` },
          ranges: [{ type: 'SEMVER', events }],
          ...(a % 13 === 0 ? { versions: [onLock ? versions[pkg] : '1.0.0'] } : {}),
          database_specific: { source: 'generated' },
        },
      ],
      references: [{ type: 'ADVISORY', url: `https://example.invalid/${id}` }],
      database_specific: { severity: ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'][a % 4] },
    };
    files[`${id}.json`] = enc.encode(JSON.stringify(advisory, null, 2));
  }
  const db = join(dir, 'db');
  mkdirSync(join(db, 'npm'), { recursive: true });
  writeFileSync(join(db, 'npm', 'all.zip'), zipSync(files, { level: 6 }));
  return { project, db };
}
