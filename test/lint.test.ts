import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

// `npm run lint` as part of the test run, so CI holds the code to Biome and strict type-checking.
describe('lint', () => {
  it('Biome finds nothing to fix', () => {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/@biomejs/biome/bin/biome'), 'check', '.'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(0, 4000)).toBe(0);
  });

  it('every package type-checks strictly, tests included', () => {
    const r = spawnSync(join(REPO_ROOT, 'node_modules/.bin/turbo'), ['run', 'typecheck', '--output-logs=errors-only'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      timeout: 240_000,
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-4000)).toBe(0);
  }, 240_000);
});
