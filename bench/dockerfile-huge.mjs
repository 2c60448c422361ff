// Hostile-size Dockerfiles (issue 10/12): each must finish, in time linear in its size, with
// what was not examined reported. Run with `node bench/dockerfile-huge.mjs` after `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '../packages/dockerfile/dist/index.js');
if (!existsSync(dist)) {
  console.error('packages/dockerfile is not built: run `npm run build` first.');
  process.exit(1);
}
const { lintDockerfileWithNotes } = await import(dist);

const lines = (n, f) => ['FROM debian:12.6-slim', ...Array.from({ length: n }, (_, i) => f(i))].join('\n');
const cases = [
  ['20k RUN lines', lines(20_000, (i) => `RUN echo line${i} && apt-get install -y curl${i}`)],
  [
    '100k lines (ENV/RUN/COPY mix, 3 MB)',
    lines(100_000, (i) => [`ENV V${i}=v${i}`, `RUN echo $V${i - 1} | tee /x${i}`, `COPY a${i} /b/`][i % 3]),
  ],
  ['RUN of 100k tabs', `FROM alpine:3.20\nRUN cd /tmp &&${'\t'.repeat(100_000)}echo x\n`],
  ['RUN of 100k "$"', `FROM alpine:3.20\nRUN echo ${'$'.repeat(100_000)}\n`],
  ['lone-CR line endings, 20k lines', lines(20_000, (i) => `RUN apt-get install -y pkg${i}`).replace(/\n/g, '\r')],
];
for (const [name, text] of cases) {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const { findings, skipped } = lintDockerfileWithNotes({ path: 'Dockerfile', text });
  const ms = performance.now() - t0;
  const rss = (process.memoryUsage().rss - rss0) / 2 ** 20;
  console.log(
    `${name}: ${(text.length / 2 ** 20).toFixed(2)} MiB in ${ms.toFixed(0)} ms, ${findings.length} findings, ${skipped.length} not examined, RSS +${rss.toFixed(0)} MiB`,
  );
}
