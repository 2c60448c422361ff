// Benchmark of @shipshape/secrets on a generated >= 200 MB tree, side by side with secretlint.
// Usage: npm run build, then node bench/secrets.mjs [--regen] [--mb 210] [--runs 3]
//        [--secretlint-mb 60|all|0] [--no-e2e]
// Every measurement of ours runs in a fresh child process (cold start, as a user gets it; peak RSS
// of that process alone, worker threads included):
// - analyzer only: `secretsAnalyzer.analyze` over a file list walked beforehand (not timed),
//   files read through core's `readScanFile`;
// - end to end: core's `runScan` with `analyzers: [secretsAnalyzer]` (discovery walk + stat +
//   classification, the analyzer, suppressions, fingerprint de-duplication, sorting): what a user
//   of `shipshape secrets` gets, minus CLI start-up and report printing.
// secretlint runs as a child process under /usr/bin/time, by default on a subset (it buffers
// results and needs far more memory); `--secretlint-mb 0` skips it.
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS, CORPUS_VERSION, generate } from './secrets-corpus.mjs';

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
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const mib = (bytes) => bytes / 2 ** 20;

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name !== '.corpus-info.json') out.push(p);
  }
  return out;
}

/** The benchmark tree as ScanFiles (what discovery would produce), walked without timing. */
async function listFiles() {
  const { classifyPath } = await import(coreEntry);
  return walk(CORPUS).map((p) => {
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
}

// --- child: one measurement, printed as a JSON line ---
const child = arg('--child');
if (child !== undefined) {
  const { secretsAnalyzer } = await import(secretsEntry);
  const { DEFAULT_FINGERPRINT_KEY, discoverFiles, readScanFile, runScan } = await import(coreEntry);
  let bytes;
  let fileCount;
  let findings;
  let t0;
  let cpu0;
  if (child === 'analyzer') {
    const files = await listFiles();
    bytes = files.reduce((s, f) => s + f.size, 0);
    fileCount = files.length;
    t0 = performance.now();
    cpu0 = process.cpuUsage();
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
  } else {
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    const result = await runScan({ root: CORPUS, analyzers: [secretsAnalyzer], config: {} });
    findings = result.findings;
    fileCount = result.filesScanned;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (bytes === undefined) {
    // The bytes runScan scanned: its own discovery decides which files, counted after the timing.
    const discovered = await discoverFiles({ root: CORPUS });
    bytes = discovered.files.reduce((s, f) => s + f.size, 0);
  }
  const byRule = {};
  for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      bytes,
      files: fileCount,
      findings: findings.length,
      byRule,
      peakMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    }),
  );
  process.exit(0);
}

// --- parent ---
console.log(`machine: ${availableParallelism()} cores, Node ${process.versions.node}, load average ${load()}`);
const mb = Number(arg('--mb', '210'));
const infoPath = join(CORPUS, '.corpus-info.json');
const info = existsSync(infoPath) ? JSON.parse(readFileSync(infoPath, 'utf8')) : undefined;
if (process.argv.includes('--regen') || info?.targetMb !== mb || info?.version !== CORPUS_VERSION) {
  console.log(`generating corpus (${mb} MB)...`);
  generate(mb);
}
const runs = Math.max(1, Number(arg('--runs', '1')));
const modes = process.argv.includes('--no-e2e') ? ['analyzer'] : ['analyzer', 'e2e'];
const label = { analyzer: 'analyzer only', e2e: 'end to end (runScan)' };
const best = {};
let lastByRule = {};
for (let run = 1; run <= runs; run++) {
  for (const mode of modes) {
    const loadBefore = load();
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      console.error(`${mode} run failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
      process.exit(1);
    }
    const m = JSON.parse(r.stdout.trim().split('\n').pop());
    const mbps = mib(m.bytes) / m.seconds;
    if (!best[mode] || mbps > best[mode].mbps) best[mode] = { ...m, mbps };
    lastByRule = m.byRule;
    console.log(
      `shipshape secrets, ${label[mode]}, run ${run}: ${m.seconds.toFixed(2)} s (CPU ${m.cpuSeconds.toFixed(2)} s), ` +
        `${mbps.toFixed(1)} MiB/s (${(m.bytes / 1e6 / m.seconds).toFixed(1)} MB/s) over ${mib(m.bytes).toFixed(1)} MiB in ${m.files} files, ` +
        `peak RSS ${m.peakMb.toFixed(0)} MiB, ${m.findings} findings, load ${loadBefore} -> ${load()}`,
    );
  }
}
console.log(
  `  top rules: ${Object.entries(lastByRule)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([r, n]) => `${r}=${n}`)
    .join(', ')}`,
);
const ourRows = modes.map(
  (mode) =>
    `| shipshape secrets, ${label[mode]} (best of ${runs}) | ${mib(best[mode].bytes).toFixed(0)} MiB | ${best[mode].mbps.toFixed(1)} | ${best[mode].peakMb.toFixed(0)} MiB |`,
);
const table = (rows) => {
  console.log('');
  console.log('| tool | data | MiB/s | peak RSS |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);
};

// --- secretlint ---
const bin = join(here, 'node_modules/.bin/secretlint');
const slArg = arg('--secretlint-mb', '60');
if (slArg === '0' || !existsSync(bin)) {
  console.log(
    slArg === '0'
      ? 'secretlint: skipped (--secretlint-mb 0)'
      : 'secretlint: not installed (run `npm ci --prefix bench`); skipping the comparison',
  );
  table(ourRows);
  process.exit(0);
}
const files = await listFiles();
let slDir = CORPUS;
let slBytes = files.reduce((s, f) => s + f.size, 0);
if (slArg !== 'all') {
  // A deterministic subset: the first files in path order up to N MiB, hard-linked into a temp dir (secretlint skips symlinks).
  const limit = Number(slArg) * 2 ** 20;
  if (!(limit > 0)) {
    console.error(`--secretlint-mb: expected a number of MiB, 0 or all, got ${slArg}`);
    process.exit(2);
  }
  slDir = join(here, '.corpus', 'secretlint-subset');
  rmSync(slDir, { recursive: true, force: true });
  mkdirSync(slDir, { recursive: true });
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
const slLoad = load();
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
const slMbps = mib(slBytes) / slSeconds;
if (r.status !== 0 && r.status !== 1) console.log(`secretlint exited ${r.status}: ${r.stderr.slice(0, 400)}`);
console.log(
  `secretlint (${slArg === 'all' ? 'whole tree' : `${mib(slBytes).toFixed(0)} MiB subset`}): ${slSeconds.toFixed(2)} s, ${slMbps.toFixed(1)} MiB/s, peak RSS ${slPeak.toFixed(0)} MiB, load ${slLoad} -> ${load()}`,
);
table([
  ...ourRows,
  `| secretlint 13.0.6 + preset-recommend | ${mib(slBytes).toFixed(0)} MiB | ${slMbps.toFixed(1)} | ${slPeak.toFixed(0)} MiB |`,
]);
console.log(
  `speed ratio: ${modes.map((mode) => `${(best[mode].mbps / slMbps).toFixed(1)}x ${label[mode]}`).join(', ')}`,
);
