#!/usr/bin/env node
// vulns benchmark: a 5,000-component package-lock.json against a generated 50,000-advisory npm
// OSV export, through the built CLI (`shipshape vulns <dir> --db <db>`): cold (no per-package
// index yet: it is built from the zip) and warm (index cached beside the zip). Wall time includes
// Node startup; peak RSS from GNU time. Targets: warm < 2 s, cold < 15 s, < 300 MB.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateVulnsCorpus } from './vulns-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const corpus = join(here, '.corpus', 'vulns');
const RUNS = Number(process.env.VULNS_BENCH_RUNS ?? 5);
const bin = join(repo, 'apps/cli/bin/shipshape.js');

if (!existsSync(join(corpus, 'db', 'npm', 'all.zip')) || process.argv.includes('--regenerate')) {
  const t = performance.now();
  generateVulnsCorpus(corpus);
  console.log(`corpus generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const project = join(corpus, 'project');
const db = join(corpus, 'db');
const zip = join(db, 'npm', 'all.zip');
const index = join(db, 'npm', 'all.zip.shipshape-index.json');
console.log(
  `lockfile ${(statSync(join(project, 'package-lock.json')).size / 2 ** 20).toFixed(1)} MB; all.zip ${(statSync(zip).size / 2 ** 20).toFixed(1)} MB`,
);

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
function run() {
  const args = [bin, 'vulns', project, '--db', db, '--format', 'json', '--fail-on', 'none'];
  const t = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', '%M %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`shipshape vulns failed (${r.status}): ${r.stderr}`);
  const [rssKb, user, sys] = timeBin ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [Number.NaN, 0, 0];
  const findings = JSON.parse(r.stdout).findings.length;
  return { wall, cpu: user + sys, rssMb: rssKb / 1024, findings };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (rs) =>
  `median ${median(rs.map((r) => r.wall)).toFixed(2)} s (min ${Math.min(...rs.map((r) => r.wall)).toFixed(2)}; CPU user+sys median ${median(rs.map((r) => r.cpu)).toFixed(2)} s), peak RSS ${Math.max(...rs.map((r) => r.rssMb)).toFixed(0)} MB, ${rs[0].findings} findings`;

const cold = [];
for (let i = 0; i < Math.max(1, Math.ceil(RUNS / 2)); i++) {
  rmSync(index, { force: true });
  cold.push(run());
}
const warm = [];
for (let i = 0; i < RUNS; i++) warm.push(run());
let load = '';
try {
  load = (await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
} catch {}
console.log(`cold (index built): ${fmt(cold)}`);
console.log(`warm (index cached, ${(statSync(index).size / 2 ** 20).toFixed(1)} MB): ${fmt(warm)}`);
console.log(`load average: ${load}`);
const rss = Math.max(...[...cold, ...warm].map((r) => r.rssMb)) < 300;
const verdict = (key) => median(warm.map((r) => r[key])) < 2 && median(cold.map((r) => r[key])) < 15 && rss;
// The work is single-threaded: on a loaded machine CPU time is what an idle one's wall time would be.
console.log(
  `targets (warm < 2 s, cold < 15 s, < 300 MB): wall ${verdict('wall') ? 'met' : 'MISSED'}; CPU time ${verdict('cpu') ? 'met' : 'MISSED'}`,
);
