// Benchmark of @shipshape/dockerfile: lints 2,000 generated Dockerfiles in one process
// (files/s, peak RSS), then times one-file runs of the CLI including Node startup.
// Run with `npm run bench -- dockerfile` (after `npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './dockerfile-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const dist = join(repo, 'packages/dockerfile/dist/index.js');
if (!existsSync(dist)) {
  console.error('packages/dockerfile is not built: run `npm run build` first.');
  process.exit(1);
}

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);

const files = generateCorpus(join(here, '.corpus/dockerfile'), 2000);
const texts = files.map((f) => ({ path: f, text: readFileSync(f, 'utf8') }));
const bytes = texts.reduce((n, t) => n + t.text.length, 0);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { lintDockerfile } = await import(dist);
const loaded = performance.now();
let findings = 0;
for (const input of texts) {
  findings += lintDockerfile(input).length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
const lintMs = t1 - loaded;
const totalMs = t1 - t0;
console.log(`corpus: ${texts.length} Dockerfiles, ${(bytes / 1024).toFixed(0)} KiB, ${findings} findings`);
console.log(
  `in-process: ${totalMs.toFixed(0)} ms total (import ${(loaded - t0).toFixed(0)} ms, lint ${lintMs.toFixed(0)} ms) = ${(texts.length / (totalMs / 1000)).toFixed(0)} files/s`,
);
console.log(
  `CPU time (user+sys, less sensitive to other load on the machine): ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`,
);
console.log(`peak RSS: ${(peak / 2 ** 20).toFixed(0)} MiB`);
console.log(`target 2,000 files < 2 s: ${totalMs < 2000 ? 'met' : 'MISSED'}`);

// One file, wall time including Node startup.
const one = files[4];
const cli = join(repo, 'apps/cli/bin/shipshape.js');
const runs = 10;
const hasTime = existsSync('/usr/bin/time');
const time = (args) => {
  const times = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    if (hasTime) {
      const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { cwd: repo, encoding: 'utf8' });
      const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
      if (m) cpus.push((Number(m[1]) + Number(m[2])) * 1000);
    } else {
      spawnSync(process.execPath, args, { cwd: repo, stdio: 'ignore' });
    }
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return {
    median: times[Math.floor(runs / 2)],
    min: times[0],
    cpu: cpus.length ? cpus[Math.floor(cpus.length / 2)] : undefined,
  };
};
const cpuNote = (t) => (t.cpu !== undefined ? `, median CPU ${t.cpu.toFixed(0)} ms` : '');
const probe = existsSync(cli)
  ? spawnSync(process.execPath, [cli, 'dockerfile', '--help'], { cwd: repo, encoding: 'utf8' })
  : undefined;
if (probe && probe.status === 0) {
  const t = time([cli, 'dockerfile', one]);
  console.log(
    `cli "shipshape dockerfile <file>": median ${t.median.toFixed(0)} ms, min ${t.min.toFixed(0)} ms over ${runs} runs${cpuNote(t)} (target < 300 ms: ${t.median < 300 ? 'met' : 'MISSED'})`,
  );
} else {
  const code = `import('${dist}').then(m => m.lintDockerfile({ path: 'f', text: require('node:fs').readFileSync(${JSON.stringify(one)}, 'utf8') }))`;
  const t = time(['-e', code]);
  console.log(
    `cli not available; node -e import+lint one file: median ${t.median.toFixed(0)} ms, min ${t.min.toFixed(0)} ms over ${runs} runs`,
  );
}
const bare = time(['-e', '0']);
console.log(
  `(bare node startup: median ${bare.median.toFixed(0)} ms${cpuNote(bare)}; load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})`,
);

// hadolint 2.12 on the same files, when a build of it is around (see DEVELOPERS.md: peers are
// built outside the repository; set HADOLINT to its path). Not run otherwise.
const hadolint = process.env.HADOLINT ?? join(process.env.TMPDIR ?? '/tmp', 'peers/bin/hadolint');
if (existsSync(hadolint)) {
  const version = spawnSync(hadolint, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const batch = 200;
  const h0 = performance.now();
  for (let i = 0; i < files.length; i += batch)
    spawnSync(hadolint, ['--no-fail', '-f', 'json', ...files.slice(i, i + batch)], {
      encoding: 'utf8',
      maxBuffer: 256 * 2 ** 20,
    });
  const hMs = performance.now() - h0;
  console.log(
    `${version}: ${files.length} files in ${hMs.toFixed(0)} ms (batches of ${batch}) = ${(hMs / totalMs).toFixed(1)}x shipshape's in-process time`,
  );
}
