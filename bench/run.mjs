#!/usr/bin/env node
// Runs the benchmarks: `npm run bench` (all) or `npm run bench -- dockerfile secrets`.
// Each benchmark is its own process so that peak-memory numbers do not mix.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = [
  'dockerfile',
  'secrets',
  'secrets-real',
  'secrets-detectors',
  'sbom',
  'sbom-ecosystems',
  'vulns',
  'workloads',
];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : all;

console.log(
  `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
let failed = 0;
for (const name of names) {
  const script = join(here, `${name}.mjs`);
  if (!existsSync(script)) {
    console.log(`\n== ${name}: no benchmark script (${script})`);
    continue;
  }
  console.log(`\n== ${name}`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', script, ...process.argv.slice(2).filter((a) => a.startsWith('-'))],
    {
      stdio: 'inherit',
      cwd: join(here, '..'),
    },
  );
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
