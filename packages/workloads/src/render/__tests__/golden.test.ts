import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, renderGolden } from './golden.js';

// Each case is a chart exercising one feature group; expected.txt was produced by Go's
// text/template with Sprig and Helm's engine functions (see the package README).
describe('golden renders against Go text/template + Sprig', () => {
  for (const name of readdirSync(GOLDEN_DIR).sort()) {
    it(name, () => {
      const expected = readFileSync(join(GOLDEN_DIR, name, 'expected.txt'), 'utf8');
      const { text } = renderGolden(join(GOLDEN_DIR, name));
      expect(text).toBe(expected);
    });
  }
});
