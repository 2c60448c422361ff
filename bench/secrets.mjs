// Benchmark of @shipshape/secrets on a generated >= 200 MB tree, side by side with secretlint.
// Usage: npm run build, then node bench/secrets.mjs [--regen] [--mb 210] [--secretlint-mb 60|all]
// Our scan runs in this process (one analyzer run over the whole tree, files read with bounded
// concurrency); peak RSS is the process high-water mark. secretlint runs as a child process
// under /usr/bin/time; by default on a subset (it buffers results and needs far more memory).
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
const { classifyPath, DEFAULT_FINGERPRINT_KEY, readScanFile } = await import(coreEntry);
// `--core-read` uses core's readScanFile (fs.promises: open/fstat/read/close per file, ~2.5 s of
// main-thread overhead on 24k files here); the default reads the same way synchronously (binary
// check, BOM strip), which is what the analyzer itself costs.
const readText = process.argv.includes('--core-read')
  ? readScanFile
  : async (f) => {
      const buffer = readFileSync(f.absPath);
      if (buffer.subarray(0, 8000).includes(0)) throw Object.assign(new Error('binary'), { code: 'binary-file' });
      const text = buffer.toString('utf8');
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    };

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
const t0a = performance.now();
let sampledPeak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 25);
const notifications = [];
const findings = await secretsAnalyzer.analyze({
  root: CORPUS,
  files,
  readText,
  config: {},
  profiles: [],
  git: { isRepo: false },
  notify: (n) => notifications.push(n),
  fingerprintKey: DEFAULT_FINGERPRINT_KEY,
});
const seconds = (performance.now() - t0a) / 1000;
clearInterval(sampler);
const peakMb = Math.max(sampledPeak, process.resourceUsage().maxRSS * 1024) / 2 ** 20;
const ourMbps = totalBytes / 2 ** 20 / seconds;
const byRule = {};
for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
console.log(`tree: ${(totalBytes / 2 ** 20).toFixed(1)} MiB in ${files.length} files (walk + stat + classify: ${walkSeconds.toFixed(2)} s, not counted below)`);
console.log(
  `shipshape secrets: ${seconds.toFixed(2)} s, ${ourMbps.toFixed(1)} MiB/s, peak RSS ${peakMb.toFixed(0)} MiB, ${findings.length} findings`,
);
console.log(
  `  top rules: ${Object.entries(byRule)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([r, n]) => `${r}=${n}`)
    .join(', ')}`,
);

// --- secretlint ---
const bin = join(here, 'node_modules/.bin/secretlint');
if (!existsSync(bin)) {
  console.log('secretlint: not installed (run `npm ci --prefix bench`); skipping the comparison');
  process.exit(0);
}
const slArg = arg('--secretlint-mb', '60');
let slDir = CORPUS;
let slBytes = totalBytes;
if (slArg !== 'all') {
  // A deterministic subset: the first files in path order up to N MiB, hard-linked into a temp dir (secretlint skips symlinks).
  const limit = Number(slArg) * 2 ** 20;
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
console.log(
  `| shipshape secrets | ${(totalBytes / 2 ** 20).toFixed(0)} MiB | ${ourMbps.toFixed(1)} | ${peakMb.toFixed(0)} MiB |`,
);
console.log(
  `| secretlint 13.0.6 + preset-recommend | ${(slBytes / 2 ** 20).toFixed(0)} MiB | ${slMbps.toFixed(1)} | ${slPeak.toFixed(0)} MiB |`,
);
console.log(`speed ratio: ${(ourMbps / slMbps).toFixed(1)}x`);
