import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../index.js';

/**
 * Realistic multi-stage Dockerfiles (official-image and project shapes). Each expected.json
 * lists the complete set of `ruleId@line` the linter must report: anything more is a false
 * positive a maintainer would reject, anything less is a miss.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

describe('realistic Dockerfiles', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!existsSync(join(dir, 'expected.json'))) continue;
    it(name, () => {
      const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as string[];
      const actual = lintDockerfile({ path: `${name}/Dockerfile`, text }).map(
        (f) => `${f.ruleId}@${f.range.startLine}`,
      );
      expect(actual).toEqual(expected);
    });
  }
  it('covers at least 20 files', () => {
    expect(readdirSync(root).filter((n) => existsSync(join(root, n, 'expected.json'))).length).toBeGreaterThanOrEqual(
      20,
    );
  });
});
