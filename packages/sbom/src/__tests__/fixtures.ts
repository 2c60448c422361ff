import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SbomRule } from '../audit/input.js';
import { auditFiles } from '../audit/run.js';
import type { SourceFile } from '../model.js';

interface Expected {
  ruleId: string;
  line: number;
  column?: number;
  severity?: string;
  file?: string;
}

function walk(dir: string, root: string, out: SourceFile[]): void {
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, root, out);
    else if (!(dir === root && name === 'findings.json'))
      out.push({ path: relative(root, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') });
  }
}

/** Runs every `fixtures/<case>/` through the audit pipeline with only `rule` enabled. */
export function runFixtures(fixturesUrl: URL, rule: SbomRule): void {
  const root = fileURLToPath(fixturesUrl);
  const cases = readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort();
  describe(`${rule.meta.id} fixtures`, () => {
    it('has at least one invalid and one valid case', () => {
      expect(cases.some((c) => c.startsWith('invalid-'))).toBe(true);
      expect(cases.some((c) => c.startsWith('valid-'))).toBe(true);
    });
    for (const name of cases) {
      it(name, () => {
        const dir = join(root, name);
        const files: SourceFile[] = [];
        walk(dir, dir, files);
        const expected = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as Expected[];
        const { findings, notifications } = auditFiles(files, { rules: [rule] });
        expect(notifications).toEqual([]);
        if (name.startsWith('valid-')) expect(findings).toEqual([]);
        else expect(findings.length).toBeGreaterThan(0);
        for (const f of findings) {
          expect(f.range.startLine).toBeGreaterThanOrEqual(1);
          expect(f.range.startColumn).toBeGreaterThanOrEqual(1);
          expect(f.message).not.toMatch(/\{\{/);
        }
        const actual = findings
          .map((f) => ({
            ruleId: f.ruleId,
            line: f.range.startLine,
            column: f.range.startColumn,
            severity: f.severity,
            file: f.file,
          }))
          .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
        expect(actual.map((a, i) => pick(a, expected[i]))).toEqual(expected);
      });
    }
  });
}

function pick(actual: Record<string, unknown>, template: Expected | undefined): Record<string, unknown> {
  if (!template) return actual;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(template)) out[key] = actual[key];
  return out;
}
