import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with `npm run fuzz`, no types
import { loadTargets, runCases } from '../bench/fuzz-engine.mjs';

interface Target {
  name: string;
}
interface Stats {
  cases: number;
  errors: { i: number; error?: string }[];
  slowest: { i: number; ms: number; length: number };
}

// A few hundred small mutated inputs per parser on every `npm test` (the deep run, >= 5,000
// per parser and up to 1 MB, is `npm run fuzz`): no parser may throw anything but its typed error.
const CASES = 500;

describe('mutation fuzzing of every parser (bench/fuzz-engine.mjs)', async () => {
  const targets = (await loadTargets()) as Target[];
  for (const target of targets) {
    it(`${target.name}: ${CASES} cases, no uncaught exception`, () => {
      const stats = runCases(target, { to: CASES, profile: 'test' }) as Stats;
      expect(stats.cases).toBe(CASES);
      expect(stats.errors, JSON.stringify(stats.errors.slice(0, 3))).toEqual([]);
    });
  }
});
