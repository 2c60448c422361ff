#!/usr/bin/env node
// `npm run fuzz [-- --cases 5000] [-- parser ...]`: mutation-fuzzes every parser (bench/fuzz-engine.mjs)
// with >= 5,000 cases each. Each parser runs in a worker thread; a case that runs longer than
// the hang limit is recorded as a hang, the worker is replaced and fuzzing goes on. Prints per
// parser: cases, uncaught exceptions, hangs, the slowest input; writes crashing, hanging and
// slowest inputs to bench/fuzz-out/ for replay. Exit 1 on any uncaught exception or hang, or
// on an input over the slow limit (2 s).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { caseInput, loadTargets, runCases } from './fuzz-engine.mjs';

const SLOW_MS = 2000;
const HANG_MS = 20_000;
const MAX_HANGS = 5;

if (!isMainThread) {
  const { name, from, to, profile } = workerData;
  const target = (await loadTargets()).find((t) => t.name === name);
  // One case at a time, each reported as it ends: a case that never ends is the hang.
  for (let i = from; i < to; i++) {
    parentPort.postMessage({ type: 'start', i });
    const stats = runCases(target, { from: i, to: i + 1, profile });
    parentPort.postMessage({ type: 'end', i, stats });
  }
  parentPort.postMessage({ type: 'done' });
} else {
  const here = dirname(fileURLToPath(import.meta.url));
  const out = join(here, 'fuzz-out');
  const args = process.argv.slice(2);
  const casesArg = args.indexOf('--cases');
  const cases = casesArg >= 0 ? Number(args[casesArg + 1]) : 5000;
  const wanted = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--cases');
  const targets = (await loadTargets()).filter((t) => wanted.length === 0 || wanted.includes(t.name));
  console.log(
    `fuzz: ${cases} cases per parser, profile "fuzz"; ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, Node ${process.version}`,
  );
  console.log(
    `${'parser'.padEnd(14)} ${'cases'.padStart(6)} ${'uncaught'.padStart(8)} ${'hangs'.padStart(5)} ${'total s'.padStart(8)}  slowest`,
  );
  let bad = 0;
  const rows = [];
  for (const target of targets) {
    const result = await fuzzTarget(target.name, cases);
    const { stats, hangs } = result;
    const slow = stats.slowest;
    if (stats.errors.length > 0 || hangs.length > 0 || slow.ms > SLOW_MS) bad++;
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${target.name}.slowest.txt`), caseInput(target, slow.i, 'fuzz'));
    for (const e of stats.errors.slice(0, 5))
      writeFileSync(join(out, `${target.name}.crash-${e.i}.txt`), caseInput(target, e.i, 'fuzz'));
    for (const h of hangs.slice(0, 5))
      writeFileSync(join(out, `${target.name}.hang-${h}.txt`), caseInput(target, h, 'fuzz'));
    const row = `${target.name.padEnd(14)} ${String(stats.cases + hangs.length).padStart(6)}${hangs.length >= MAX_HANGS ? '+' : ' '} ${String(stats.errors.length).padStart(8)} ${String(hangs.length).padStart(5)} ${(stats.totalMs / 1000).toFixed(1).padStart(8)}  ${slow.ms.toFixed(0)} ms (case ${slow.i}, ${slow.length} chars)`;
    rows.push(row);
    console.log(row);
    for (const e of stats.errors.slice(0, 3))
      console.log(`    uncaught in case ${e.i} (${e.length} chars): ${e.error}`);
  }
  console.log(
    bad === 0
      ? 'fuzz: 0 uncaught exceptions, 0 hangs, no input over 2 s'
      : `fuzz: ${bad} parser(s) with problems; inputs in bench/fuzz-out/`,
  );
  process.exit(bad === 0 ? 0 : 1);
}

/** Runs all cases of one parser, replacing the worker whenever a case hangs (at most MAX_HANGS times). */
async function fuzzTarget(name, cases) {
  const total = { name, cases: 0, errors: [], expected: 0, slowest: { i: -1, ms: 0, length: 0 }, totalMs: 0 };
  const hangs = [];
  let from = 0;
  while (from < cases && hangs.length < MAX_HANGS) {
    from = await new Promise((resolve) => {
      const worker = new Worker(fileURLToPath(import.meta.url), {
        workerData: { name, from, to: cases, profile: 'fuzz' },
        resourceLimits: { maxOldGenerationSizeMb: 2048 },
      });
      let current = from;
      let last = Date.now();
      const timer = setInterval(() => {
        if (Date.now() - last > HANG_MS) {
          clearInterval(timer);
          hangs.push(current);
          worker.terminate();
          resolve(current + 1);
        }
      }, 250);
      worker.on('message', (m) => {
        if (m.type === 'start') {
          current = m.i;
          last = Date.now();
        } else if (m.type === 'end') {
          const s = m.stats;
          total.cases += s.cases;
          total.errors.push(...s.errors);
          total.expected += s.expected;
          total.totalMs += s.totalMs;
          if (s.slowest.ms > total.slowest.ms) total.slowest = s.slowest;
        } else if (m.type === 'done') {
          clearInterval(timer);
          resolve(cases);
        }
      });
      worker.on('error', (error) => {
        clearInterval(timer);
        // Out of memory or a crash of the thread: an uncaught failure of that case.
        total.errors.push({ i: current, error: String(error) });
        resolve(current + 1);
      });
    });
  }
  return { stats: total, hangs };
}
