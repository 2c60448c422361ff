import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type AnalyzerContext, DEFAULT_FINGERPRINT_KEY, discoverFiles, type Finding } from '@shipshape/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSecrets } from './analyzer.js';

/**
 * The repository-level rules over a real git work tree found by core discovery (not the fixture
 * harness): discovery marks ignored files `gitignored: true` and leaves the rest unset.
 */
let repo: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Dev One',
      GIT_AUTHOR_EMAIL: 'dev@example.test',
      GIT_COMMITTER_NAME: 'Dev One',
      GIT_COMMITTER_EMAIL: 'dev@example.test',
    },
  }).toString();
const put = (rel: string, text: string) => {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
};

let findings: Finding[] = [];
const byRule = (id: string) =>
  findings
    .filter((f) => f.ruleId === id)
    .map((f) => f.file)
    .sort();

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'shipshape-envrepo-'));
  git('init', '-q', '-b', 'main');
  // `/.env` only covers the root file: `.env.production` and `services/api/.env` escape it.
  put('.gitignore', '/.env\n.env.vault.local\n');
  put('.env', 'APP_ENV=local\n');
  put('.env.production', 'APP_ENV=production\n');
  put('services/api/.env', 'APP_ENV=api\n');
  put('.env.example', 'APP_ENV=\n');
  // dotenv-vault's ciphertext file is meant to be committed.
  put('.env.vault', `DOTENV_VAULT_PRODUCTION="${'q'.repeat(4)}${'Z9'.repeat(30)}"\n`);
  put('services/web/.gitignore', '*.env\n');
  put('services/web/prod.env', 'APP_ENV=web\n');
  git('add', '.gitignore', '.env.production', '.env.example', '.env.vault', 'services/web/.gitignore');
  git('commit', '-q', '-m', 'init');
  const discovery = await discoverFiles({ root: repo });
  const files = discovery.files;
  const ctx: AnalyzerContext = {
    root: repo,
    files,
    readText: async (file) => readFileSync(file.absPath, 'utf8'),
    config: {},
    profiles: [],
    git: { isRepo: true },
    notify: () => {},
    fingerprintKey: DEFAULT_FINGERPRINT_KEY,
  };
  findings = await analyzeSecrets(ctx);
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('repository-level .env rules over core discovery', () => {
  it('reports untracked env files no .gitignore pattern covers (a tracked one is reported as tracked)', () => {
    expect(byRule('env/env-not-gitignored')).toEqual(['services/api/.env']);
  });
  it('reports tracked env files but not templates or the dotenv-vault ciphertext', () => {
    expect(byRule('env/tracked-env-file')).toEqual(['.env.production']);
  });
});
