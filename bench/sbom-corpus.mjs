// Deterministic synthetic npm project for the SBOM benchmark: a package-lock.json v3 with
// thousands of packages, realistic shapes (scoped names, nested duplicate versions, dev and
// optional flags, integrity hashes, licenses, dependency ranges that resolve).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LICENSES = [
  'MIT',
  'MIT',
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-3-Clause',
  'BSD-2-Clause',
  '(MIT OR Apache-2.0)',
  'BlueOak-1.0.0',
  '0BSD',
];

/** Writes `<dir>/package.json` and `<dir>/package-lock.json`; returns the number of lock packages. */
export function generateNpmCorpus(dir, count = 6000, seed = 42) {
  const rand = rng(seed);
  const pick = (arr) => arr[Math.floor(rand() * arr.length)];
  const names = [];
  for (let i = 0; i < count; i++) names.push(i % 7 === 0 ? `@scope${i % 13}/pkg-${i}` : `pkg-${i}`);
  const version = (i) => `${1 + (i % 9)}.${i % 17}.${i % 5}`;
  const integrity = (name, v) => `sha512-${createHash('sha512').update(`${name}@${v}`).digest('base64')}`;
  const packages = {};
  const rootDeps = {};
  const rootDev = {};
  for (let i = 0; i < 60; i++) (i < 40 ? rootDeps : rootDev)[names[i]] = `^${version(i)}`;
  packages[''] = {
    name: 'synthetic-app',
    version: '1.0.0',
    license: 'MIT',
    dependencies: rootDeps,
    devDependencies: rootDev,
  };
  // Hoisted packages: each depends on a few later packages (a DAG, so every package is reachable).
  const devOnly = new Set();
  for (let i = 40; i < 60; i++) devOnly.add(i);
  for (let i = 0; i < count; i++) {
    const name = names[i];
    const v = version(i);
    const deps = {};
    const fan = 1 + Math.floor(rand() * 4);
    for (let k = 0; k < fan; k++) {
      const j = Math.min(count - 1, i + 1 + Math.floor(rand() * 60));
      if (j !== i) deps[names[j]] = `^${version(j)}`;
    }
    // keep children of dev-only packages dev-only with some probability, like real trees
    const entry = {
      version: v,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${v}.tgz`,
      integrity: integrity(name, v),
      license: pick(LICENSES),
    };
    if (Object.keys(deps).length) entry.dependencies = deps;
    if (devOnly.has(i)) {
      entry.dev = true;
      for (const d of Object.keys(deps)) devOnly.add(names.indexOf(d));
    }
    if (i % 97 === 0) entry.optional = true;
    if (i % 211 === 0) entry.engines = { node: '>=18' };
    packages[`node_modules/${name}`] = entry;
  }
  // Nested duplicates: a different major of some package under a dependent.
  for (let i = 100; i < count; i += 37) {
    const parent = names[i - 50];
    const name = names[i];
    const v = `0.${i % 11}.${i % 3}`;
    packages[`node_modules/${parent}/node_modules/${name}`] = {
      version: v,
      resolved: `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${v}.tgz`,
      integrity: integrity(name, v),
      license: 'MIT',
    };
    const pe = packages[`node_modules/${parent}`];
    pe.dependencies = { ...(pe.dependencies ?? {}), [name]: `^${v}` };
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'synthetic-app', version: '1.0.0', license: 'MIT', dependencies: rootDeps, devDependencies: rootDev }, null, 2)}\n`,
  );
  writeFileSync(
    join(dir, 'package-lock.json'),
    `${JSON.stringify({ name: 'synthetic-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
  return Object.keys(packages).length - 1;
}
