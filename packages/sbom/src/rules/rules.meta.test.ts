import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { renderDocs } from '../../scripts/embed-docs.mjs';
import { sbomAnalyzer } from '../analyzer.js';
import { rules, sbomRules } from './index.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const folders = readdirSync(dir)
  .filter((n) => statSync(join(dir, n)).isDirectory())
  .sort();
const SECTIONS = ['What it flags', 'Why it matters', 'Example', 'Fix', 'Options', 'References'];

describe('sbom rule registry', () => {
  it('registers exactly the rule folders, with ids equal to folder names', () => {
    expect(sbomRules.map((r) => r.meta.id).sort()).toEqual(folders.map((f) => `sbom/${f}`));
    expect(sbomAnalyzer.rules).toBe(rules);
    expect(sbomAnalyzer.name).toBe('sbom');
  });
  it('has docs with every section, embedded and up to date', () => {
    expect(readFileSync(join(dir, 'docs.ts'), 'utf8')).toBe(renderDocs());
    for (const r of sbomRules) {
      const folder = r.meta.id.slice('sbom/'.length);
      const md = readFileSync(join(dir, folder, 'rule.md'), 'utf8');
      expect(r.meta.docs).toBe(md);
      for (const s of SECTIONS) expect(md, `${r.meta.id} ${s}`).toContain(`## ${s}`);
    }
  });
  it('has a test and fixtures for every rule, and messages for every id', () => {
    for (const f of folders) {
      expect(existsSync(join(dir, f, 'rule.test.ts'))).toBe(true);
      expect(existsSync(join(dir, f, 'fixtures'))).toBe(true);
    }
    for (const r of sbomRules) {
      expect(r.meta.title.length).toBeGreaterThan(10);
      expect(Object.keys(r.meta.messages ?? {}).length).toBeGreaterThan(0);
    }
  });
  it('uses aliases only where a Scorecard category means the same thing', () => {
    const aliases = Object.fromEntries(
      sbomRules.filter((r) => r.meta.aliases.length).map((r) => [r.meta.id, r.meta.aliases]),
    );
    expect(aliases).toEqual({ 'sbom/action-not-pinned': ['Pinned-Dependencies/GitHubAction'] });
  });
});
