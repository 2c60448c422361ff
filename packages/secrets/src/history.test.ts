// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` strings are test data, not templates
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '@shipshape/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryIncompleteError, scanHistory } from './history.js';

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
      GIT_AUTHOR_DATE: '2024-03-01T10:00:00Z',
      GIT_COMMITTER_DATE: '2024-03-01T10:00:00Z',
    },
  }).toString();

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'shipshape-history-'));
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'app.py'), 'import os\n\nDEBUG = False\n');
  git('add', '.');
  git('commit', '-q', '-m', 'init');
  writeFileSync(join(repo, 'app.py'), 'import os\n\nDEBUG = False\nDB_PASSWORD = "s3cr3tP@ss-2024"\n');
  writeFileSync(join(repo, 'config.yaml'), 'db:\n  password: ${DB_PASSWORD}\n');
  git('add', '.');
  git('commit', '-q', '-m', 'add db config');
  // The leak is removed again: history still holds it.
  writeFileSync(join(repo, 'app.py'), 'import os\n\nDEBUG = False\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n');
  git('commit', '-q', '-am', 'read password from env');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('scanHistory', () => {
  it('reports a secret that was committed and later removed, with commit, author, date, file and line', async () => {
    const found: Finding[] = [];
    for await (const f of scanHistory(repo)) found.push(f);
    expect(found).toHaveLength(1);
    const [f] = found as [Finding];
    expect(f.ruleId).toBe('secrets/generic-credential');
    expect(f.file).toBe('app.py');
    expect(f.range.startLine).toBe(4);
    expect(f.properties?.author).toBe('Dev One');
    expect(String(f.properties?.date)).toMatch(/^2024-03-01/);
    expect(String(f.properties?.commit)).toMatch(/^[0-9a-f]{40}$/);
    expect(JSON.stringify(found)).not.toContain('s3cr3tP@ss-2024');
  });

  it('honours maxCommits (newest first)', async () => {
    const found: Finding[] = [];
    for await (const f of scanHistory(repo, { maxCommits: 1 })) found.push(f);
    expect(found).toEqual([]);
  });

  it('says whether the file still holds the secret at HEAD, and reports each secret once', async () => {
    const found: Finding[] = [];
    for await (const f of scanHistory(repo)) found.push(f);
    expect(found[0]?.properties?.presentAtHead).toBe(false);
  });

  it('does not take an added line starting with "++ " for a file header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-history-pp-'));
    const g = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=T', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...args],
        {
          cwd: dir,
        },
      );
    g('init', '-q');
    writeFileSync(join(dir, 'notes.txt'), 'DB_PASSWORD=Zq8xLm2Vt7Rk4Np9\n++ b/elsewhere.txt\n');
    g('add', '.');
    g('commit', '-q', '-m', 'notes');
    const found: Finding[] = [];
    for await (const f of scanHistory(dir)) found.push(f);
    rmSync(dir, { recursive: true, force: true });
    expect(found.map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['notes.txt:1']);
    expect(found[0]?.properties?.presentAtHead).toBe(true);
  });

  it('throws HistoryIncompleteError after its findings when a shallow walk has no notify', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'shipshape-history-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth=1', `file://${repo}`, 'c'], { cwd: parent });
    const found: Finding[] = [];
    await expect(async () => {
      for await (const f of scanHistory(join(parent, 'c'))) found.push(f);
    }).rejects.toThrow(HistoryIncompleteError);
    const notes: string[] = [];
    for await (const _ of scanHistory(join(parent, 'c'), { notify: (n) => notes.push(n.code) })) {
      // drained
    }
    expect(notes).toContain('history-incomplete');
    rmSync(parent, { recursive: true, force: true });
  });

  it('yields nothing outside a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-nogit-'));
    const found: Finding[] = [];
    for await (const f of scanHistory(dir)) found.push(f);
    rmSync(dir, { recursive: true, force: true });
    expect(found).toEqual([]);
  });
});
