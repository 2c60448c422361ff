import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dockerfileAnalyzer, rules } from '../index.js';
import { RULE_DOCS } from '../rules/docs.generated.js';
import { RULES } from '../rules/index.js';

const rulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules');
const folders = readdirSync(rulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const SECTIONS = ['## What it flags', '## Why it matters', '## Example', '## Fix', '## Options', '## References'];
const PEER_ID = /^(DL[34]\d{3}|DS\d{3}|DS-\d{4}|AVD-DS-\d{4}|CKV2?_DOCKER_\d+)$/;

describe('rule registry', () => {
  it('registers exactly one rule per folder, with id docker/<folder>', () => {
    expect(RULES.map((r) => r.meta.id).sort()).toEqual(folders.map((f) => `docker/${f}`));
    expect(rules).toHaveLength(RULES.length);
    expect(dockerfileAnalyzer.rules).toBe(rules);
  });

  it('every folder has rule.ts, rule.md, rule.test.ts and fixtures', () => {
    for (const f of folders) {
      for (const file of ['rule.ts', 'rule.md', 'rule.test.ts'])
        expect(existsSync(join(rulesDir, f, file)), `${f}/${file}`).toBe(true);
      const fixtures = readdirSync(join(rulesDir, f, 'fixtures'));
      expect(
        fixtures.some((n) => n.startsWith('invalid-')),
        `${f} invalid fixture`,
      ).toBe(true);
      expect(
        fixtures.some((n) => n.startsWith('valid-')),
        `${f} valid fixture`,
      ).toBe(true);
      for (const n of fixtures)
        expect(existsSync(join(rulesDir, f, 'fixtures', n, 'findings.json')), `${f}/${n}/findings.json`).toBe(true);
    }
  });

  it('docs are embedded, current, and have every section', () => {
    for (const f of folders) {
      const md = readFileSync(join(rulesDir, f, 'rule.md'), 'utf8');
      expect(RULE_DOCS[f], `docs.generated.ts is stale for ${f}: run npm run gen-docs -w @shipshape/dockerfile`).toBe(
        md,
      );
      for (const s of SECTIONS) expect(md, `${f} lacks ${s}`).toContain(s);
    }
    for (const meta of rules) expect(meta.docs?.startsWith(`# ${meta.id}`)).toBe(true);
  });

  it('aliases are peer ids, Trivy ids come in all three spellings, and every alias appears in the docs', () => {
    for (const meta of rules) {
      for (const alias of meta.aliases) {
        expect(alias, meta.id).toMatch(PEER_ID);
        const trivy = /^DS(\d{3})$/.exec(alias);
        if (trivy) {
          const n = (trivy[1] ?? '').padStart(4, '0');
          expect(meta.aliases).toContain(`DS-${n}`);
          expect(meta.aliases).toContain(`AVD-DS-${n}`);
        }
        if (!/^(DS-|AVD-)/.test(alias)) expect(meta.docs, `${meta.id} docs should mention ${alias}`).toContain(alias);
      }
      expect(new Set(meta.aliases).size).toBe(meta.aliases.length);
    }
  });

  it('messages exist, titles are one line, severities valid', () => {
    for (const meta of rules) {
      expect(Object.keys(meta.messages ?? {}).length).toBeGreaterThan(0);
      expect(meta.title).not.toMatch(/\n/);
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(meta.severity);
    }
  });
});
