// Benchmark of @shipshape/secrets on a generated >= 200 MB tree, side by side with secretlint.
// Usage: npm run build, then node bench/secrets.mjs [--regen] [--mb 210] [--secretlint-mb 60|all|0]
//        [--runs N] [--no-e2e]
// Two numbers for us, both in this process: the analyzer alone (`secretsAnalyzer.analyze` over a
// pre-walked file list, files read through core's `readScanFile`), and end to end through core's
// `runScan` (discovery walk + stat + classification, the analyzer, suppressions, fingerprint
// de-duplication, sorting): what a user of `shipshape secrets` gets. Peak RSS is the process
// high-water mark. secretlint runs as a child process under /usr/bin/time; by default on a subset
// (it buffers results and needs far more memory); `--secretlint-mb 0` skips it.
import { availableParallelism, loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS, generate } from './secrets-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const secretsEntry = join(root, 'packages/secrets/dist/index.js');
const coreEntry = join(root, 'packages/core/dist/index.js');
if (!existsSync(secretsEntry) || !existsSync(coreEntry)) {
  console.error('missing built packages: run `npm run build` first');
  process.exit(1);
}
const { secretsAnalyzer } = await import(secretsEntry);
const { classifyPath, DEFAULT_FINGERPRINT_KEY, discoverFiles, readScanFile, runScan } = await import(coreEntry);
const runs = Math.max(1, Number(arg('--runs', '1')));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`machine: ${availableParallelism()} cores, Node ${process.versions.node}, load average ${load()}`);

const mb = Number(arg('--mb', '210'));
const infoPath = join(CORPUS, '.corpus-info.json');
if (
  process.argv.includes('--regen') ||
  !existsSync(infoPath) ||
  JSON.parse(readFileSync(infoPath, 'utf8')).targetMb !== mb
) {
  console.log(`generating corpus (${mb} MB)...`);
  generate(mb);
}

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name !== '.corpus-info.json') out.push(p);
  }
  return out;
}

// --- ours ---
const t0 = performance.now();
const abs = walk(CORPUS);
const files = abs.map((p) => {
  const path = relative(CORPUS, p).split('\\').join('/');
  const chart = /^(.*\/charts\/c\d+)\//.exec(path);
  return {
    path,
    absPath: p,
    size: statSync(p).size,
    kinds: classifyPath(path, chart ? chart[1] : undefined),
    chartRoot: chart ? chart[1] : undefined,
  };
});
const totalBytes = files.reduce((s, f) => s + f.size, 0);
const walkSeconds = (performance.now() - t0) / 1000;
let sampledPeak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 25);
const peakMb = () => Math.max(sampledPeak, process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const mib = (bytes) => bytes / 2 ** 20;

let findings = [];
let ourMbps = 0;
for (let run = 0; run < runs; run++) {
  const t0a = performance.now();
  const cpu0 = process.cpuUsage();
  findings = await secretsAnalyzer.analyze({
    root: CORPUS,
    files,
    readText: readScanFile,
    config: {},
    profiles: [],
    git: { isRepo: false },
    notify: () => {},
    fingerprintKey: DEFAULT_FINGERPRINT_KEY,
  });
  const seconds = (performance.now() - t0a) / 1000;
  const cpu = process.cpuUsage(cpu0);
  ourMbps = Math.max(ourMbps, mib(totalBytes) / seconds);
  console.log(
    `shipshape secrets, analyzer only (run ${run + 1}): ${seconds.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), ${(mib(totalBytes) / seconds).toFixed(1)} MiB/s, peak RSS ${peakMb().toFixed(0)} MiB, ${findings.length} findings, load ${load()}`,
  );
}
console.log(`tree: ${mib(totalBytes).toFixed(1)} MiB in ${files.length} files (bench walk + stat + classify: ${walkSeconds.toFixed(2)} s, not counted in the analyzer-only number)`);
const byRule = {};
for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
console.log(
  `  top rules: ${Object.entries(byRule)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([r, n]) => `${r}=${n}`)
    .join(', ')}`,
);

// --- end to end through core's runScan (discovery + analyzer + suppressions/sorting) ---
let e2eMbps;
if (!process.argv.includes('--no-e2e')) {
  // Bytes of the files runScan will scan (its own discovery decides which), counted outside the timing.
  const discovered = await discoverFiles({ root: CORPUS });
  const e2eBytes = discovered.files.reduce((s, f) => s + f.size, 0);
  for (let run = 0; run < runs; run++) {
    const t0e = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await runScan({ root: CORPUS, analyzers: [secretsAnalyzer], config: {} });
    const seconds = (performance.now() - t0e) / 1000;
    const cpu = process.cpuUsage(cpu0);
    e2eMbps = Math.max(e2eMbps ?? 0, mib(e2eBytes) / seconds);
    console.log(
      `shipshape secrets, end to end via runScan (run ${run + 1}): ${seconds.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), ${(mib(e2eBytes) / seconds).toFixed(1)} MiB/s over ${mib(e2eBytes).toFixed(1)} MiB in ${result.filesScanned} files, peak RSS ${peakMb().toFixed(0)} MiB, ${result.findings.length} findings, load ${load()}`,
    );
  }
}
clearInterval(sampler);
const ourPeak = peakMb();

// --- secretlint ---
const bin = join(here, 'node_modules/.bin/secretlint');
const slArg = arg('--secretlint-mb', '60');
const ourRow = `| shipshape secrets (analyzer only / end to end) | ${mib(totalBytes).toFixed(0)} MiB | ${ourMbps.toFixed(1)} / ${e2eMbps === undefined ? '-' : e2eMbps.toFixed(1)} | ${ourPeak.toFixed(0)} MiB |`;
if (slArg === '0' || !existsSync(bin)) {
  console.log(
    slArg === '0'
      ? 'secretlint: skipped (--secretlint-mb 0)'
      : 'secretlint: not installed (run `npm ci --prefix bench`); skipping the comparison',
  );
  console.log('');
  console.log('| tool | data | MiB/s | peak RSS |');
  console.log('|---|---|---|---|');
  console.log(ourRow);
  process.exit(0);
}
let slDir = CORPUS;
let slBytes = totalBytes;
if (slArg !== 'all') {
  // A deterministic subset: the first files in path order up to N MiB, hard-linked into a temp dir (secretlint skips symlinks).
  const limit = Number(slArg) * 2 ** 20;
  if (!(limit > 0)) {
    console.error(`--secretlint-mb: expected a number of MiB, 0 or all, got ${slArg}`);
    process.exit(2);
  }
  slDir = join(here, '.corpus', 'secretlint-subset');
  rmSync(slDir, { recursive: true, force: true });
  slBytes = 0;
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (slBytes >= limit) break;
    const target = join(slDir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    linkSync(f.absPath, target);
    slBytes += f.size;
  }
}
writeFileSync(
  join(slDir, '.secretlintrc.json'),
  JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
);
const t1 = performance.now();
const r = spawnSync(
  '/usr/bin/time',
  ['-f', '%M', bin, '**/*', '--secretlintrc', '.secretlintrc.json', '--format', 'json', '--no-color', '--maskSecrets'],
  {
    cwd: slDir,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, NODE_PATH: join(here, 'node_modules'), NODE_OPTIONS: '--max-old-space-size=8192' },
  },
);
const slSeconds = (performance.now() - t1) / 1000;
const slPeak = Number(r.stderr.trim().split('\n').pop() ?? '0') / 1024;
const slMbps = slBytes / 2 ** 20 / slSeconds;
if (r.status !== 0 && r.status !== 1) console.log(`secretlint exited ${r.status}: ${r.stderr.slice(0, 400)}`);
console.log(
  `secretlint (${slArg === 'all' ? 'whole tree' : `${(slBytes / 2 ** 20).toFixed(0)} MiB subset`}): ${slSeconds.toFixed(2)} s, ${slMbps.toFixed(1)} MiB/s, peak RSS ${slPeak.toFixed(0)} MiB`,
);
console.log('');
console.log('| tool | data | MiB/s | peak RSS |');
console.log('|---|---|---|---|');
console.log(ourRow);
console.log(
  `| secretlint 13.0.6 + preset-recommend | ${(slBytes / 2 ** 20).toFixed(0)} MiB | ${slMbps.toFixed(1)} | ${slPeak.toFixed(0)} MiB |`,
);
console.log(
  `speed ratio: ${(ourMbps / slMbps).toFixed(1)}x analyzer only${e2eMbps === undefined ? '' : `, ${(e2eMbps / slMbps).toFixed(1)}x end to end`}`,
);
