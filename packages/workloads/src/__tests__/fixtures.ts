/**
 * The fixture harness every rule.test.ts calls: each case under fixtures/ is a manifest
 * (`manifest.yaml`), a Compose file (`compose.yaml`) or a chart (`chart/`), run through the real
 * pipeline; findings of the rule under test must equal findings.json (file, line, severity).
 * `valid-*` cases must be silent, `invalid-*` must not be.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Finding } from '@shipshape/core';
import { expect, it } from 'vitest';
import { lintCompose, lintManifest, lintObjects } from '../lint.js';
import { objectsFromRendered } from '../model/objects.js';
import { renderChart } from '../render/index.js';

export interface ExpectedFinding {
  file: string;
  line: number;
  severity: string;
}

export function findingsFor(caseDir: string): Finding[] {
  const manifest = join(caseDir, 'manifest.yaml');
  const compose = join(caseDir, 'compose.yaml');
  const chart = join(caseDir, 'chart');
  if (existsSync(manifest)) return lintManifest('manifest.yaml', readFileSync(manifest, 'utf8'));
  if (existsSync(compose)) return lintCompose('compose.yaml', readFileSync(compose, 'utf8'));
  if (existsSync(chart)) {
    const result = renderChart(chart);
    const objects = result.templates.flatMap((t) => objectsFromRendered(t, 'chart', []));
    return lintObjects(objects, (f) => {
      try {
        return readFileSync(join(caseDir, f), 'utf8');
      } catch {
        return undefined;
      }
    });
  }
  throw new Error(`${caseDir}: no manifest.yaml, compose.yaml or chart/`);
}

/** Registers one test per fixture case of a rule. */
export function runFixtures(ruleId: string, ruleDir: string): void {
  const dir = join(ruleDir, 'fixtures');
  const cases = readdirSync(dir).sort();
  it('has valid and invalid fixtures', () => {
    expect(cases.some((c) => c.startsWith('valid-'))).toBe(true);
    expect(cases.some((c) => c.startsWith('invalid-'))).toBe(true);
  });
  for (const name of cases) {
    it(name, () => {
      const caseDir = join(dir, name);
      const expected = JSON.parse(readFileSync(join(caseDir, 'findings.json'), 'utf8')) as ExpectedFinding[];
      const got = findingsFor(caseDir)
        .filter((f) => f.ruleId === ruleId)
        .map((f) => ({ file: f.file, line: f.range.startLine, severity: f.severity }))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
      if (name.startsWith('valid-')) expect(expected, `${relative(ruleDir, caseDir)} expects findings`).toEqual([]);
      else expect(expected.length, `${name} must expect a finding`).toBeGreaterThan(0);
      for (const f of got) expect(f.line).toBeGreaterThanOrEqual(1);
      expect(got).toEqual(expected);
    });
  }
}
