/**
 * Fixture harness: a fixture directory is a small repository. Names starting with `_` stand for
 * dot files (`_env` is `.env`, `_gitignore` is `.gitignore`) so the fixtures themselves are not
 * ignored or picked up by tools working on this repository. `git.json` (`{ "tracked": [...] }`)
 * says which files git tracks; without it the fixture is "outside git".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AnalyzerContext,
  classifyPath,
  DEFAULT_FINGERPRINT_KEY,
  type Finding,
  type Notification,
  type ScanFile,
} from '@shipshape/core';
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { analyzeSecrets } from '../analyzer.js';

export interface Expected {
  ruleId: string;
  file?: string;
  line: number;
  column?: number;
  severity?: string;
}

function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(abs).isDirectory()) out.push(...walk(abs, rel));
    else out.push(rel);
  }
  return out;
}

/** Maps a fixture file name to the path it stands for (`_env` -> `.env`). */
export function logicalPath(rel: string): string {
  return rel
    .split('/')
    .map((seg) => (seg.startsWith('_') ? `.${seg.slice(1)}` : seg))
    .join('/');
}

export interface FixtureRun {
  findings: Finding[];
  notifications: Notification[];
  /** Raw file texts by logical path (for the no-raw-secret check). */
  texts: Map<string, string>;
}

/** Runs the whole secrets analyzer over a fixture directory. */
export async function runFixture(
  dir: string,
  config: Record<string, unknown> = {},
  transform: (text: string) => string = (t) => t,
): Promise<FixtureRun> {
  const files = walk(dir).filter((f) => f !== 'findings.json' && f !== 'git.json');
  const git = (() => {
    try {
      return JSON.parse(readFileSync(join(dir, 'git.json'), 'utf8')) as { tracked: string[] };
    } catch {
      return undefined;
    }
  })();
  const texts = new Map<string, string>();
  const logical = files.map((f) => ({ rel: f, path: logicalPath(f) }));
  for (const f of logical) texts.set(f.path, transform(readFileSync(join(dir, f.rel), 'utf8')));
  const gi = texts.get('.gitignore');
  const matcher = gi !== undefined ? ignore().add(gi) : undefined;
  const charts = logical
    .filter((f) => /(^|\/)Chart\.yaml$/.test(f.path))
    .map((f) => f.path.replace(/\/?Chart\.yaml$/, ''));
  const scanFiles: ScanFile[] = logical.map((f) => {
    const chartRoot = charts
      .filter((c) => c === '' || f.path.startsWith(`${c}/`))
      .sort((a, b) => b.length - a.length)[0];
    const file: ScanFile = {
      path: f.path,
      absPath: join(dir, f.rel),
      size: (texts.get(f.path) ?? '').length,
      kinds: classifyPath(f.path, chartRoot),
    };
    if (chartRoot !== undefined) file.chartRoot = chartRoot;
    if (git) file.tracked = git.tracked.includes(f.path);
    file.gitignored = matcher ? matcher.ignores(f.path) : false;
    return file;
  });
  const notifications: Notification[] = [];
  const ctx: AnalyzerContext = {
    root: dir,
    files: scanFiles,
    readText: async (file) => texts.get(file.path) ?? '',
    config: { secrets: config },
    profiles: [],
    git: { isRepo: git !== undefined },
    notify: (n) => notifications.push(n),
    fingerprintKey: DEFAULT_FINGERPRINT_KEY,
  };
  const findings = await analyzeSecrets(ctx);
  return { findings, notifications, texts };
}

/** Registers one test per fixture of a rule: `invalid-*` must yield exactly the expected findings, `valid-*` none. */
export function describeRuleFixtures(ruleId: string, fixturesUrl: URL): void {
  const root = fileURLToPath(fixturesUrl);
  const cases = readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory())
    .sort();
  describe(ruleId, () => {
    it('has valid and invalid fixtures', () => {
      expect(cases.some((c) => c.startsWith('invalid-'))).toBe(true);
      expect(cases.some((c) => c.startsWith('valid-'))).toBe(true);
    });
    for (const name of cases) {
      it(name, async () => {
        const dir = join(root, name);
        const expected = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as Expected[];
        const run = await runFixture(dir);
        const got = run.findings.filter((f) => f.ruleId === ruleId);
        if (name.startsWith('valid-')) {
          expect(got.map((f) => `${f.file}:${f.range.startLine} ${f.message}`)).toEqual([]);
          expect(expected).toEqual([]);
          return;
        }
        expect(got.length).toBeGreaterThan(0);
        const actual = got
          .map((f) => {
            const e: Expected = { ruleId: f.ruleId, line: f.range.startLine };
            const want = expected.find(
              (x) => x.line === f.range.startLine && (x.file === undefined || x.file === f.file),
            );
            if (want?.file !== undefined) e.file = f.file;
            if (want?.column !== undefined) e.column = f.range.startColumn;
            if (want?.severity !== undefined) e.severity = f.severity;
            return e;
          })
          .sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line);
        const sortedExpected = [...expected].sort(
          (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line,
        );
        expect(actual).toEqual(sortedExpected);
        for (const f of got) {
          expect(f.range.startLine).toBeGreaterThanOrEqual(1);
          expect(f.range.startColumn).toBeGreaterThanOrEqual(1);
        }
      });
    }
  });
}
