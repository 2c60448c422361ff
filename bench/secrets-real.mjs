// Secrets throughput on real package sources, beside gitleaks on the same files.
// Usage: npm run build, then node bench/secrets-real.mjs [--src DIR] [--mb 150] [--runs 3]
//        (--src takes a comma-separated list of folders whose subfolders are taken whole)
//        [--gitleaks PATH] (or GITLEAKS_BIN=PATH; without a binary gitleaks is skipped)
// The tree: the source files (JS/TS, JSON, Markdown, maps, YAML, licences; none over 4 MiB) of
// whole packages taken in name order from DIR (default: this repository's
// node_modules, real third-party code) until
// --mb is reached, hard-linked into a cache folder so both tools read exactly the same files.
// Ours: core's `runScan` with the secrets analyzer in a fresh child (discovery, every rule,
// de-duplication): what `shipshape secrets` costs minus CLI start-up and printing. gitleaks 8:
// `gitleaks dir` (no git history) with its default rules, under /usr/bin/time for peak RSS.
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const secretsEntry = join(root, 'packages/secrets/dist/index.js');
const coreEntry = join(root, 'packages/core/dist/index.js');
const TREE = join(tmpdir(), 'shipshape-bench-real-sources');

// --- child: one end-to-end run of ours, printed as a JSON line ---
if (process.argv.includes('--child')) {
  const { secretsAnalyzer } = await import(secretsEntry);
  const { runScan } = await import(coreEntry);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await runScan({ root: TREE, analyzers: [secretsAnalyzer], config: {} });
  const cpu = process.cpuUsage(cpu0);
  const bySeverity = {};
  for (const f of result.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
  console.log(
    JSON.stringify({
      seconds: (performance.now() - t0) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      files: result.filesScanned,
      findings: result.findings.length,
      bySeverity,
      peakMiB: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    }),
  );
  process.exit(0);
}

if (!existsSync(secretsEntry) || !existsSync(coreEntry)) {
  console.error('missing built packages: run `npm run build` first');
  process.exit(1);
}
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const mib = (b) => b / 2 ** 20;

/** Source and text files (native binaries and wasm of the toolchain packages are not "package sources"). */
const SOURCE =
  /\.(m?[jt]sx?|c[jt]s|d\.ts|json|md|markdown|map|ya?ml|txt|html?|css|scss|flow|node\.js)$|^(LICEN[CS]E|README|CHANGELOG)[\w.-]*$/i;

/** Hard-links the source files of whole packages of `src` into TREE until `mb` MiB; returns bytes and file count. */
function buildTree(src, mb) {
  rmSync(TREE, { recursive: true, force: true });
  mkdirSync(TREE, { recursive: true });
  let bytes = 0;
  let files = 0;
  const link = (from, to) => {
    for (const e of readdirSync(from, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const a = join(from, e.name);
      const b = join(to, e.name);
      if (e.isSymbolicLink() || e.name === '.git') continue;
      if (e.isDirectory()) {
        mkdirSync(b, { recursive: true });
        link(a, b);
      } else if (e.isFile() && SOURCE.test(e.name)) {
        const size = statSync(a).size;
        if (size > 4 * 2 ** 20) continue;
        linkSync(a, b);
        bytes += size;
        files++;
      }
    }
  };
  for (const [i, dir] of src.split(',').entries()) {
    const packages = readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .flatMap((n) => (n.startsWith('@') ? readdirSync(join(dir, n)).map((m) => `${n}/${m}`) : [n]))
      .sort();
    for (const p of packages) {
      if (mib(bytes) >= mb) break;
      const from = join(dir, p);
      if (lstatSync(from).isSymbolicLink() || !lstatSync(from).isDirectory()) continue;
      const to = join(TREE, `src${i}`, p);
      mkdirSync(to, { recursive: true });
      link(from, to);
    }
  }
  // A scan root of its own: no parent .gitignore applies.
  writeFileSync(join(TREE, '.shipshape-bench'), '');
  return { bytes, files };
}

function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (!m) return { error: (r.stderr ?? '').slice(-400) };
  return {
    seconds: Number(m[1]),
    cpuSeconds: Number(m[2]) + Number(m[3]),
    peakMiB: Number(m[4]) / 1024,
    stdout: r.stdout,
  };
}

// A hostile line first (in process, warm): 5 MB of `password=` repeated took 43-53 s when each
// keyword hit searched back to the line start; the scan is now linear with capped windows.
{
  const { scanText } = await import(secretsEntry);
  const line = 'password='.repeat(Math.ceil((5 * 2 ** 20) / 9));
  const t = performance.now();
  const found = scanText({ path: 'big.env', text: `${line}\r\nDB_PASSWORD=Vq7mK2pX9sLr4Tn8\r\n` });
  console.log(
    `5 MiB line of \`password=\` repeated (then a CRLF line with a credential): ${((performance.now() - t) / 1000).toFixed(2)} s, ${found.length} finding(s)`,
  );
}

const src = arg('--src', join(root, 'node_modules'));
const mb = Number(arg('--mb', '150'));
const runs = Math.max(1, Number(arg('--runs', '3')));
const gitleaks = arg('--gitleaks', process.env.GITLEAKS_BIN);
console.log(`machine: ${availableParallelism()} cores, Node ${process.versions.node}, load average ${load()}`);
const tree = buildTree(src, mb);
console.log(`tree: ${tree.files} files, ${mib(tree.bytes).toFixed(1)} MiB of real package sources from ${src}`);

const ours = [];
for (let i = 0; i < runs; i++) {
  const t = timed(process.execPath, [fileURLToPath(import.meta.url), '--child']);
  if (t.error) {
    console.log(`ours: failed: ${t.error}`);
    process.exit(1);
  }
  const r = JSON.parse(t.stdout.trim().split('\n').pop());
  ours.push({ ...r, peakMiB: t.peakMiB });
  console.log(
    `ours (end to end), run ${i + 1}: ${r.seconds.toFixed(2)} s, ${(mib(tree.bytes) / r.seconds).toFixed(1)} MiB/s, CPU ${r.cpuSeconds.toFixed(2)} s, peak RSS ${t.peakMiB.toFixed(0)} MiB, ${r.files} files, ${r.findings} findings ${JSON.stringify(r.bySeverity)} (load ${load()})`,
  );
}
const best = Math.min(...ours.map((r) => r.seconds));

if (gitleaks === undefined || !existsSync(gitleaks)) {
  console.log('gitleaks: skipped (pass --gitleaks PATH or set GITLEAKS_BIN)');
} else {
  const report = join(tmpdir(), 'shipshape-bench-gitleaks.json');
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = timed(gitleaks, [
      'dir',
      TREE,
      '--no-banner',
      '--exit-code',
      '0',
      '--report-format',
      'json',
      '--report-path',
      report,
      '--log-level',
      'error',
    ]);
    if (t.error) {
      console.log(`gitleaks: failed: ${t.error}`);
      break;
    }
    times.push(t.seconds);
    let count = '?';
    try {
      count = JSON.parse(spawnSync('cat', [report], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout).length;
    } catch {}
    console.log(
      `gitleaks dir, run ${i + 1}: ${t.seconds.toFixed(2)} s, ${(mib(tree.bytes) / t.seconds).toFixed(1)} MiB/s, CPU ${t.cpuSeconds.toFixed(2)} s, peak RSS ${t.peakMiB.toFixed(0)} MiB, ${count} findings (load ${load()})`,
    );
  }
  if (times.length > 0) console.log(`speed ratio (best of each): ${(Math.min(...times) / best).toFixed(1)}x gitleaks`);
}
