import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, ruleFolder } from './index.js';

const dir = import.meta.dirname;
const folders = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('rule registry', () => {
  it('registers exactly one rule per folder, named after it', () => {
    expect(RULES.map((r) => ruleFolder(r.meta.id)).sort()).toEqual(folders);
  });

  for (const rule of RULES) {
    const folder = ruleFolder(rule.meta.id);
    it(`${rule.meta.id}: docs with every section, fixtures, test, messages`, () => {
      const md = readFileSync(join(dir, folder, 'rule.md'), 'utf8');
      for (const section of ['What it flags', 'Why it matters', 'Example', 'Fix', 'Options', 'References'])
        expect(md, `${folder}/rule.md: ${section}`).toContain(`## ${section}`);
      expect(md.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
      expect(rule.meta.docs).toBe(md);
      expect(existsSync(join(dir, folder, 'rule.test.ts'))).toBe(true);
      expect(Object.keys(rule.meta.messages ?? {}).length).toBeGreaterThan(0);
      expect(rule.meta.id).toMatch(rule.target === 'compose' ? /^compose\/[a-z-]+$/ : /^k8s\/[a-z-]+$/);
    });
  }

  it('severity follows the Pod Security Standards: Baseline high, Restricted medium', () => {
    for (const r of RULES) {
      if (r.meta.tags.includes('pss-baseline')) expect(r.meta.severity, r.meta.id).toBe('high');
      else if (r.meta.tags.includes('pss-restricted') && r.meta.tags.includes('pod-security-standards'))
        expect(r.meta.severity, r.meta.id).toBe('medium');
    }
  });
});
