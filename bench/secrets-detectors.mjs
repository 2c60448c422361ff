// Micro-benchmark of the secrets package's token engine: findTokens() MB/s on realistic text.
// Usage: npm run build (or npx tsc -p packages/secrets/tsconfig.build.json), then
//   node bench/secrets-detectors.mjs [--mb 64]
// Corpus 1: real JS/TS/JSON/Markdown sources from the repository's node_modules (what a scanner
// meets in practice), one minified-bundle-like long line, and config files with planted tokens.
// Corpus 2 (when present): the generated secrets benchmark tree bench/.corpus/secrets
// (`node bench/secrets-corpus.mjs`), read file by file; only findTokens is timed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'packages/secrets/dist/detectors/index.js');
if (!existsSync(entry)) {
  console.error(`missing ${entry}: build first (npx tsc -p packages/secrets/tsconfig.build.json)`);
  process.exit(1);
}
const { findTokens, DETECTORS } = await import(entry);

const mbArg = process.argv.indexOf('--mb');
const targetBytes = (mbArg > 0 ? Number(process.argv[mbArg + 1]) : 64) * 1024 * 1024;

/** Real source files, largest realistic mix first: js, ts, json, md, yaml. */
function collect(dir, out, budget) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (out.bytes >= budget) return;
    const p = join(dir, e.name);
    if (e.isDirectory()) collect(p, out, budget);
    else if (/\.(?:[cm]?js|ts|json|md|ya?ml)$/.test(e.name)) {
      const text = readFileSync(p, 'utf8');
      if (text.length > 2_000_000) continue;
      out.files.push(text);
      out.bytes += text.length;
    }
  }
}

const corpus = { files: [], bytes: 0 };
collect(join(root, 'node_modules'), corpus, targetBytes);
// One minified bundle-like line of 5 MB and a few config files with planted (generated) tokens.
const chunk = 'function(e,t){return e.map(function(n){return n+t.apiKey*2})};var s="sk-"+o.token,c=r.secret;';
corpus.files.push(chunk.repeat(Math.ceil(5_000_000 / chunk.length)));
const rnd = (n, a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789') =>
  Array.from({ length: n }, (_, i) => a[(i * 7919 + n * 31) % a.length]).join('');
for (let i = 0; i < 200; i++) {
  corpus.files.push(
    `# config ${i}\nslack_token: ${'xo' + 'xb-'}${4812390000 + i * 7919}-${5930170000 + i * 104729}-${rnd(24)}\n` +
      `stripe: ${'sk' + '_live_'}${rnd(24)}\nopenai: sk-${rnd(20)}${'T3Blbk' + 'FJ'}${rnd(20)}\nname: service-${i}\n`,
  );
}
const bytes = corpus.files.reduce((n, t) => n + Buffer.byteLength(t), 0);

function run() {
  let found = 0;
  for (const text of corpus.files) found += findTokens(text).length;
  return found;
}
run(); // warm-up (JIT, regex compilation)
const rounds = 3;
const times = [];
let found = 0;
for (let r = 0; r < rounds; r++) {
  const t0 = process.hrtime.bigint();
  found = run();
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
const best = Math.min(...times);
const mb = bytes / 1024 / 1024;
console.log(`detectors: ${DETECTORS.length}`);
console.log(`corpus: ${corpus.files.length} texts, ${mb.toFixed(1)} MB`);
console.log(
  `findTokens: ${(mb / best).toFixed(0)} MB/s single-threaded (best of ${rounds}: ${best.toFixed(3)} s), ${found} matches`,
);
console.log(`node ${process.version}`);

// --- Corpus 2: the generated benchmark tree, file by file (reading is not timed) ----------------
const tree = join(root, 'bench/.corpus/secrets');
if (!existsSync(tree)) {
  console.log(`(no ${tree}: run node bench/secrets-corpus.mjs for the tree measurement)`);
} else {
  const paths = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) paths.push(p);
    }
  };
  walk(tree);
  let treeBytes = 0;
  let treeSeconds = Number.POSITIVE_INFINITY;
  const byDetector = new Map();
  // Two passes (the first warms up the JIT); the faster one is reported.
  for (let pass = 0; pass < 2; pass++) {
    let bytes = 0;
    let seconds = 0;
    for (const p of paths) {
      if (statSync(p).size > 50 * 1024 * 1024) continue;
      const text = readFileSync(p, 'utf8');
      bytes += Buffer.byteLength(text);
      const t0 = process.hrtime.bigint();
      const matches = findTokens(text);
      seconds += Number(process.hrtime.bigint() - t0) / 1e9;
      if (pass === 0) for (const m of matches) byDetector.set(m.detectorId, (byDetector.get(m.detectorId) ?? 0) + 1);
    }
    treeBytes = bytes;
    treeSeconds = Math.min(treeSeconds, seconds);
  }
  const treeMb = treeBytes / 1024 / 1024;
  console.log(
    `tree: ${paths.length} files, ${treeMb.toFixed(1)} MB; findTokens ${(treeMb / treeSeconds).toFixed(0)} MB/s single-threaded (${treeSeconds.toFixed(2)} s)`,
  );
  const top = [...byDetector].sort((a, b) => b[1] - a[1]);
  console.log(`tree matches by detector: ${top.map(([id, n]) => `${id}=${n}`).join(', ') || 'none'}`);
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
