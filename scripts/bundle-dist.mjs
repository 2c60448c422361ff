#!/usr/bin/env node
// Folds a package's compiled modules (dist/**, from tsc) into one ES module per entry, so that
// loading a package costs one module instead of dozens: the CLI's start-up time is mostly Node's
// per-module loading. Bare imports (npm dependencies and other @shipshape packages) stay
// external; every other dist file is left in place (workers, type declarations).
//
// Usage (from a package directory, after tsc): node ../../scripts/bundle-dist.mjs [entry ...]
import { isAbsolute, join } from 'node:path';
import { rolldown } from 'rolldown';

const entries = process.argv.slice(2);
for (const entry of entries.length ? entries : ['index.js']) {
  const input = join(process.cwd(), 'dist', entry);
  const bundle = await rolldown({
    input,
    external: (id) => !id.startsWith('.') && !isAbsolute(id),
    platform: 'node',
    logLevel: 'warn',
  });
  const { output } = await bundle.generate({ format: 'esm', codeSplitting: false, comments: { legal: false } });
  await bundle.close();
  const { writeFileSync } = await import('node:fs');
  const chunk = output.find((o) => o.type === 'chunk' && o.isEntry);
  if (!chunk || output.filter((o) => o.type === 'chunk').length !== 1)
    throw new Error(`bundle of ${entry}: expected one chunk`);
  writeFileSync(input, chunk.code);
}
