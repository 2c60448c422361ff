import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitFailureKind, isGitDate, runGit } from './git.js';

describe('runGit', () => {
  it('neutralises every clean/process filter the repository defines, whatever its name', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'shipshape-git-'));
    const marker = join(mkdtempSync(join(tmpdir(), 'shipshape-git-out-')), 'ran');
    const g = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.test', ...args], { cwd: repo });
    g('init', '-q');
    writeFileSync(join(repo, '.gitattributes'), 'a.txt filter=x\nb.txt filter=we=ird\n');
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    writeFileSync(join(repo, 'b.txt'), 'b\n');
    g('add', '.');
    g('commit', '-q', '-m', '1');
    const script = join(repo, '..', `${repo.split('/').pop()}-evil.sh`);
    writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\ncat\n`);
    chmodSync(script, 0o755);
    for (const name of ['x', 'we=ird']) {
      g('config', `filter.${name}.clean`, script);
      g('config', `filter.${name}.required`, 'true');
    }
    for (const f of ['a.txt', 'b.txt']) {
      writeFileSync(join(repo, f), 'changed\n');
      utimesSync(join(repo, f), new Date('2020-01-01'), new Date('2020-01-01'));
    }
    const r = await runGit(repo, ['diff', '--name-only', 'HEAD']);
    expect(r.ok, r.stderr).toBe(true);
    expect(r.stdout.split('\n').filter(Boolean).sort()).toEqual(['a.txt', 'b.txt']);
    expect(existsSync(marker)).toBe(false);
  });

  it('reports exit status and stderr, and says when git refuses a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-nogit-'));
    const r = await runGit(dir, ['rev-parse', '--show-toplevel']);
    expect(r.ok).toBe(false);
    expect(r.status).toBe(128);
    expect(gitFailureKind(r.stderr)).toBe('not-a-repository');
    expect(gitFailureKind("fatal: detected dubious ownership in repository at '/x'")).toBe('dubious-ownership');
  });
});

describe('isGitDate', () => {
  it('accepts what git reads as a date and refuses what it would silently read as "now"', () => {
    for (const ok of [
      '2024-01-31',
      '2024-01-31T12:00:00Z',
      '2024-01-31 12:00',
      '@1700000000',
      '2 weeks ago',
      'yesterday',
      '3 days, 2 hours ago',
    ])
      expect(isGitDate(ok), ok).toBe(true);
    for (const bad of ['garbage', '2024-13-45', 'HEAD', 'main', '', 'last tuesday', '-1'])
      expect(isGitDate(bad), bad).toBe(false);
  });
});
