import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { renderDocs } from '../../scripts/embed-docs.mjs';
import { rules } from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const SECTIONS = ['## What it flags', '## Why it matters', '## Example', '## Fix', '## Options', '## References'];

describe('vulns rule registry', () => {
  it('has one folder per registered rule, named after its id, with docs and valid/invalid fixtures', () => {
    const folders = readdirSync(here, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(rules.map((r) => r.id.replace(/^vulns\//, '')).sort()).toEqual(folders);
    for (const rule of rules) {
      const name = rule.id.replace(/^vulns\//, '');
      const doc = readFileSync(`${here}${name}/rule.md`, 'utf8');
      for (const section of SECTIONS) expect(doc, `${name}: ${section}`).toContain(section);
      expect(rule.docs).toBe(doc);
      const cases = readdirSync(`${here}${name}/fixtures`);
      expect(cases.some((c) => c.startsWith('valid-'))).toBe(true);
      expect(cases.some((c) => c.startsWith('invalid-'))).toBe(true);
      for (const c of cases) expect(existsSync(`${here}${name}/fixtures/${c}/findings.json`), c).toBe(true);
    }
  });

  it('embeds the current rule.md files (run `npm run docs -w @shipshape/vulns` when this fails)', () => {
    expect(readFileSync(`${here}docs.ts`, 'utf8')).toBe(renderDocs());
  });
});
