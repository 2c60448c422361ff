import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules, secretsAnalyzer } from '../analyzer.js';
import { FILE_RULES, REPO_RULES } from '../rules/index.js';
import { DETECTORS } from '../tokens.js';
import { runFixture } from './harness.js';

const rulesDir = fileURLToPath(new URL('../rules/', import.meta.url));
const SECTIONS = ['## What it flags', '## Why it matters', '## Example', '## Fix', '## Options', '## References'];

function folders(): string[] {
  const out: string[] = [];
  for (const analyzer of readdirSync(rulesDir)) {
    const dir = join(rulesDir, analyzer);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isDirectory()) out.push(`${analyzer}/${name}`);
  }
  return out.sort();
}

describe('rule registry', () => {
  it('registers exactly the rule folders', () => {
    const registered = [...FILE_RULES, ...REPO_RULES].map((r) => r.meta.id).sort();
    expect(registered).toEqual(folders());
  });

  it('every folder has rule.ts, rule.md with all sections, rule.test.ts and fixtures', () => {
    for (const id of folders()) {
      const dir = join(rulesDir, id);
      for (const f of ['rule.ts', 'rule.md', 'rule.test.ts', 'fixtures'])
        expect(existsSync(join(dir, f)), `${id}/${f}`).toBe(true);
      const md = readFileSync(join(dir, 'rule.md'), 'utf8');
      for (const s of SECTIONS) expect(md, `${id} ${s}`).toContain(s);
      const cases = readdirSync(join(dir, 'fixtures'));
      expect(cases.some((c) => c.startsWith('invalid-'))).toBe(true);
      expect(cases.some((c) => c.startsWith('valid-'))).toBe(true);
      for (const c of cases) expect(existsSync(join(dir, 'fixtures', c, 'findings.json')), `${id}/${c}`).toBe(true);
    }
  });

  it('embeds every rule.md in the generated docs (run scripts/gen-docs.mjs when this fails)', async () => {
    // @ts-expect-error plain .mjs script without types
    const gen = (await import('../../scripts/gen-docs.mjs')) as {
      collectDocs(): Record<string, string>;
      render(d: Record<string, string>): string;
    };
    const { DOCS } = await import('../rules/docs.generated.js');
    expect(DOCS).toEqual(gen.collectDocs());
    for (const r of [...FILE_RULES, ...REPO_RULES]) expect(r.meta.docs, r.meta.id).toBeTruthy();
  });

  it('has one rule per detector with its aliases, plus the generic rules, all unique and tagged secret', () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of DETECTORS) {
      const meta = rules.find((r) => r.id === `secrets/${d.id}`);
      expect(meta, d.id).toBeDefined();
      expect(meta?.aliases).toEqual(d.aliases);
      expect(meta?.docs).toContain('## What it flags');
    }
    for (const r of rules) {
      expect(r.id).toMatch(/^(secrets|helm|env)\/[a-z0-9-]+$/);
      expect(r.tags).toContain('secret');
    }
    expect(secretsAnalyzer.name).toBe('secrets');
    expect(secretsAnalyzer.rules).toBe(rules);
  });
});

describe('redaction', () => {
  it('no finding of any fixture contains a raw secret value', async () => {
    let checked = 0;
    for (const id of folders()) {
      const fixtures = join(rulesDir, id, 'fixtures');
      for (const c of readdirSync(fixtures)) {
        const run = await runFixture(join(fixtures, c));
        const json = JSON.stringify(run.findings);
        for (const f of run.findings) {
          if (!f.secret) continue;
          const text = run.texts.get(f.file) ?? '';
          const lines = text.split('\n');
          if (f.range.startLine !== f.range.endLine) continue;
          const raw = (lines[f.range.startLine - 1] ?? '').slice(f.range.startColumn - 1, f.range.endColumn - 1);
          if (raw.length < 6) continue;
          expect(json.includes(raw), `${id}/${c}: raw secret leaked`).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
