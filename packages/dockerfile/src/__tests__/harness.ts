import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { dockerignoreExcludes } from '../analyzer.js';
import { type DockerfileOptions, lintDockerfile } from '../lint.js';
import type { BuildContextInfo } from '../model/model.js';
import type { DockerRule } from '../rules/util.js';

interface Expected {
  ruleId: string;
  line: number;
  column?: number;
  severity?: string;
}

interface FixtureOptions {
  trustedRegistries?: string[];
  minimalImages?: string[];
  nonRootImages?: string[];
  target?: string;
  targets?: string[];
  defaultTarget?: boolean;
  /** `default` runs without the strict profile (fixtures run strict unless they say so). */
  profile?: 'default' | 'strict';
  dockerignore?: Record<string, boolean>;
  /** A build context: its directory, .dockerignore text (absent: none) and small files. */
  context?: { dir?: string; dockerignore?: string; files?: Record<string, string> };
}

export interface FixtureCase {
  name: string;
  dir: string;
  file: string;
  text: string;
  expected: Expected[];
  options: DockerfileOptions;
}

function fixtureContext(raw: NonNullable<FixtureOptions['context']>): BuildContextInfo {
  const dir = raw.dir ?? '';
  const files = raw.files ?? {};
  const ignore = raw.dockerignore;
  const info: BuildContextInfo = {
    dir,
    excludes: (path) => (ignore === undefined ? false : dockerignoreExcludes(ignore, path)),
    exists: (path) => path in files || (ignore !== undefined && path === '.dockerignore'),
    file: (path) => files[path],
  };
  if (ignore !== undefined) info.dockerignore = dir === '' ? '.dockerignore' : `${dir}/.dockerignore`;
  return info;
}

/** Reads every case under a rule's fixtures/ folder. */
export function loadFixtures(ruleDir: string): FixtureCase[] {
  const root = join(ruleDir, 'fixtures');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(root, d.name);
      const file = readdirSync(dir).find((f) => f !== 'findings.json' && f !== 'options.json') ?? 'Dockerfile';
      const raw = existsSync(join(dir, 'options.json'))
        ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as FixtureOptions)
        : {};
      const options: DockerfileOptions = raw.profile === 'default' ? {} : { profile: 'strict' };
      if (raw.targets) options.targets = raw.targets;
      if (raw.defaultTarget !== undefined) options.defaultTarget = raw.defaultTarget;
      if (raw.context) options.context = fixtureContext(raw.context);
      if (raw.trustedRegistries) options.trustedRegistries = raw.trustedRegistries;
      if (raw.minimalImages) options.minimalImages = raw.minimalImages;
      if (raw.nonRootImages) options.nonRootImages = raw.nonRootImages;
      if (raw.target) options.target = raw.target;
      const ignore = raw.dockerignore;
      if (ignore) options.contextHasDockerignoreExcluding = (p) => ignore[p];
      return {
        name: d.name,
        dir,
        file,
        text: readFileSync(join(dir, file), 'utf8'),
        expected: JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as Expected[],
        options,
      };
    });
}

/**
 * Runs every fixture of a rule through the real pipeline (`lintDockerfile`, all rules on) and
 * compares this rule's findings with findings.json: rule, line, and column/severity when given.
 */
export function runRuleFixtures(moduleUrl: string, rule: DockerRule): void {
  const ruleDir = dirname(fileURLToPath(moduleUrl));
  const cases = loadFixtures(ruleDir);
  it('has at least one invalid and one valid fixture', () => {
    expect(cases.some((c) => c.name.startsWith('invalid-'))).toBe(true);
    expect(cases.some((c) => c.name.startsWith('valid-'))).toBe(true);
  });
  for (const c of cases) {
    it(`${c.name}`, () => {
      const findings = lintDockerfile({ path: c.file, text: c.text }, c.options).filter(
        (f) => f.ruleId === rule.meta.id,
      );
      if (c.name.startsWith('valid-')) expect(findings).toEqual([]);
      if (c.name.startsWith('invalid-')) expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(f.range.startLine).toBeGreaterThanOrEqual(1);
        expect(f.range.startColumn).toBeGreaterThanOrEqual(1);
        expect(f.message).not.toMatch(/\{\{/);
      }
      const actual = findings.map((f, i) => {
        const e = c.expected[i];
        const out: Expected = { ruleId: f.ruleId, line: f.range.startLine };
        if (e?.column !== undefined) out.column = f.range.startColumn;
        if (e?.severity !== undefined) out.severity = f.severity;
        return out;
      });
      expect(actual).toEqual(c.expected);
    });
  }
}
