import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeToken, git, json, makeGitRepo, outsideDir, shipshape, TIME_LIMIT_MS } from './harness.js';

// Git vectors a scanned repository controls through its own .git/config, and the ways a history
// walk can come up short. Each case is built at test time; a marker file outside the repository
// proves that nothing from it ran.

const PASSWORD = fakeToken(101, 18);

function gitInput(cwd: string, input: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A script that touches `marker` when run: what a malicious driver would do. */
function markerScript(dir: string, marker: string): string {
  const script = join(dir, 'evil.sh');
  writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\ncat\n`);
  chmodSync(script, 0o755);
  return script;
}

describe('git runs inertly', () => {
  it('scan --diff and secrets --diff never run the repository filter.<x>.clean driver (#1)', () => {
    const outside = outsideDir();
    const marker = join(outside, 'filter-ran');
    const repo = makeGitRepo({ '.gitattributes': '* filter=evil\n', 'app.py': 'import os\n' });
    const script = markerScript(outside, marker);
    git(repo, 'config', 'filter.evil.clean', script);
    git(repo, 'config', 'filter.evil.process', script);
    git(repo, 'config', 'filter.evil.required', 'true');
    // A name git can only be told apart by GIT_CONFIG_KEY_n: `=` in the subsection.
    git(repo, 'config', 'filter.a=b.clean', script);
    writeFileSync(join(repo, 'app.py'), `import os\nDB_PASSWORD = "${PASSWORD}"\n`);
    // Stat-dirty: git must read the working-tree file, which is where it would run the filter.
    utimesSync(join(repo, 'app.py'), new Date('2020-01-01'), new Date('2020-01-01'));
    for (const command of ['scan', 'secrets']) {
      const run = shipshape([command, '--diff', 'HEAD', '--format', 'json', repo]);
      expect(run.code, run.stderr).toBe(1);
      expect(json(run).findings.some((f) => f.file === 'app.py' && f.range.startLine === 2)).toBe(true);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('secrets --history, and a scan whose own config turns history on, never run gpg.program (#2)', () => {
    const outside = outsideDir();
    const marker = join(outside, 'gpg-ran');
    const repo = makeGitRepo({ 'app.py': `DB_PASSWORD = "${PASSWORD}"\n` });
    // A commit carrying a signature and a change: `log.showSignature` would hand it to gpg.program.
    writeFileSync(join(repo, 'more.py'), 'VALUE = 1\n');
    git(repo, 'add', 'more.py');
    const tree = git(repo, 'write-tree').trim();
    const parent = git(repo, 'rev-parse', 'HEAD').trim();
    const signed = gitInput(
      repo,
      `tree ${tree}\nparent ${parent}\nauthor A <a@example.test> 1700000000 +0000\ncommitter A <a@example.test> 1700000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n`,
      'hash-object',
      '-t',
      'commit',
      '-w',
      '--stdin',
    );
    git(repo, 'update-ref', 'refs/heads/main', signed);
    git(repo, 'config', 'log.showSignature', 'true');
    git(repo, 'config', 'gpg.program', markerScript(outside, marker));
    // The vector is live: plain git runs the program.
    spawnSync('git', ['log', '-1'], { cwd: repo });
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    const history = shipshape(['secrets', '--history', '--format', 'json', repo]);
    expect(history.code, history.stderr).toBe(1);
    writeFileSync(join(repo, '.shipshape.yaml'), 'secrets:\n  history:\n    enabled: true\n');
    const scan = shipshape(['scan', '--format', 'json', repo]);
    expect(scan.code, scan.stderr).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('history parsing', () => {
  it('keeps the added lines of a file whose later added line starts with "++ " (#9)', () => {
    const repo = makeGitRepo({ 'README.md': 'readme\n' });
    writeFileSync(join(repo, 'notes.txt'), `DB_PASSWORD=${PASSWORD}\n++ b/other.txt\nmore\n`);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'notes');
    rmSync(join(repo, 'notes.txt'));
    git(repo, 'commit', '-q', '-am', 'remove');
    const run = shipshape(['secrets', '--history', '--format', 'json', repo]);
    expect(run.code, run.stderr).toBe(1);
    const found = json(run).findings.filter((f) => f.properties?.commit !== undefined);
    expect(found.map((f) => `${f.file}:${f.range.startLine}`)).toContain('notes.txt:1');
    expect(found.some((f) => f.file === 'other.txt')).toBe(false);
  });

  it('scans history lines longer than 16 KiB whole (#13)', () => {
    const repo = makeGitRepo({ 'README.md': 'readme\n' });
    writeFileSync(join(repo, 'config.js'), `const pad = "${'x'.repeat(20_000)}"; const password = "${PASSWORD}";\n`);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'long line');
    rmSync(join(repo, 'config.js'));
    git(repo, 'commit', '-q', '-am', 'remove');
    const run = shipshape(['secrets', '--history', '--format', 'json', repo]);
    expect(run.code, run.stderr).toBe(1);
    expect(json(run).findings.some((f) => f.file === 'config.js' && f.properties?.commit !== undefined)).toBe(true);
  });

  it('reports a secret committed once and kept for 50 commits once, at the commit that added it, with presentAtHead (#11)', () => {
    const repo = makeGitRepo({ 'app.py': `import os\nDB_PASSWORD = "${PASSWORD}"\n` });
    const introduced = git(repo, 'rev-parse', 'HEAD').trim();
    for (let i = 0; i < 50; i++) {
      writeFileSync(join(repo, 'app.py'), `import os\nDB_PASSWORD = "${PASSWORD}"\nVERSION = ${i}\n`);
      git(repo, 'commit', '-q', '-am', `bump ${i}`);
    }
    // Renamed away and back: git shows it added again, still the same leak.
    git(repo, 'mv', 'app.py', 'main.py');
    git(repo, 'commit', '-q', '-m', 'rename');
    const old = fakeToken(202, 18);
    writeFileSync(join(repo, 'old.py'), `API_SECRET = "${old}"\n`);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'old');
    rmSync(join(repo, 'old.py'));
    git(repo, 'commit', '-q', '-am', 'drop old');
    const run = shipshape(['secrets', '--history', '--format', 'json', repo]);
    expect(run.code, run.stderr).toBe(1);
    const historic = json(run).findings.filter((f) => f.properties?.commit !== undefined);
    const kept = historic.filter((f) => f.file === 'app.py' || f.file === 'main.py');
    expect(kept).toHaveLength(1);
    expect(kept[0]?.properties?.commit).toBe(introduced);
    expect(historic.filter((f) => f.file === 'old.py')).toHaveLength(1);
    expect(historic.find((f) => f.file === 'old.py')?.properties?.presentAtHead).toBe(false);
    expect(JSON.stringify(json(run))).not.toContain(PASSWORD);
  });
});

describe('incomplete history walks are errors, not silent successes (#12)', () => {
  function threeCommits(): string {
    const repo = makeGitRepo({ 'a.txt': 'one\n' });
    writeFileSync(join(repo, 'b.txt'), 'two\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'two');
    writeFileSync(join(repo, 'c.txt'), 'three\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'three');
    return repo;
  }

  it('a missing object: exit 2 with commits scanned and expected; a warning with --allow-partial-history', () => {
    const repo = threeCommits();
    const blob = git(repo, 'rev-parse', 'HEAD~1:b.txt').trim();
    rmSync(join(repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    const run = shipshape(['secrets', '--history', repo]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/history walk incomplete: \d of 3 commits scanned; git log failed/);
    const allowed = shipshape(['secrets', '--history', '--allow-partial-history', '--format', 'json', repo]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(json(allowed).notifications).toContainEqual(
      expect.objectContaining({ level: 'warning', code: 'history-incomplete' }),
    );
  });

  it('a shallow clone: exit 2 saying how to fetch the history', () => {
    const source = threeCommits();
    const parent = outsideDir();
    git(parent, 'clone', '-q', '--depth=1', `file://${source}`, 'shallow');
    const repo = join(parent, 'shallow');
    const run = shipshape(['secrets', '--history', repo]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/shallow clone.*git fetch --unshallow/);
    expect(shipshape(['secrets', '--history', '--allow-partial-history', repo]).code).toBe(0);
  });

  it('a repository git refuses (dubious ownership): history exits 2, --diff and --staged say why', () => {
    const repo = threeCommits();
    // Git's own switch for "owned by someone else", so the case runs without a second user.
    const env = { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' };
    const history = shipshape(['secrets', '--history', repo], { env });
    expect(history.code).toBe(2);
    expect(history.stderr).toMatch(/dubious ownership.*safe\.directory/);
    for (const flag of [['--diff', 'HEAD'], ['--staged']]) {
      const run = shipshape(['scan', ...flag, repo], { env });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/dubious ownership/);
      expect(run.stderr).not.toMatch(/not a git repository|not one/);
    }
    const plain = shipshape(['scan', '--format', 'json', repo], { env });
    expect(json(plain).notifications).toContainEqual(expect.objectContaining({ code: 'git-dubious-ownership' }));
  });
});

describe('history memory follows maxFileSize, not the largest blob (#23)', () => {
  it('a blob version over maxFileSize is notified and never loaded', () => {
    const repo = makeGitRepo({ '.shipshape.yaml': 'maxFileSize: 1MB\n', 'README.md': 'readme\n' });
    // 40 MB of text lines: a whole-blob buffer of this (x2 for UTF-16, x2 for the join) would
    // exceed the child's heap limit.
    const line = `${'a'.repeat(99)}\n`;
    writeFileSync(join(repo, 'dump.sql'), line.repeat(400_000));
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'dump');
    rmSync(join(repo, 'dump.sql'));
    git(repo, 'commit', '-q', '-am', 'drop dump');
    const run = shipshape(['secrets', '--history', '--format', 'json', repo]);
    expect(run.timedOut).toBe(false);
    expect(run.code, run.stderr).toBe(0);
    expect(json(run).notifications).toContainEqual(
      expect.objectContaining({ code: 'file-too-large', file: 'dump.sql', message: expect.stringMatching(/history/) }),
    );
    expect(run.ms).toBeLessThan(TIME_LIMIT_MS);
  });
});

describe('history flags', () => {
  it('rejects --max-commits -1 and 0, and a --since that is neither a date nor a revision', () => {
    const repo = makeGitRepo({ 'a.txt': 'one\n' });
    for (const n of ['-1', '0', 'ten']) {
      const run = shipshape(['secrets', '--history', '--max-commits', n, repo]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--max-commits expects a positive whole number/);
    }
    const garbage = shipshape(['secrets', '--history', '--since', 'garbage', repo]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/--since "garbage" is neither a date/);
    expect(shipshape(['secrets', '--history', '--since', '2 weeks ago', repo]).code).toBe(0);
    expect(shipshape(['secrets', '--history', '--since', '2020-01-31', repo]).code).toBe(0);
    expect(shipshape(['secrets', '--history', '--since', 'HEAD', repo]).code).toBe(0);
    expect(readdirSync(repo)).toContain('a.txt');
  });
});
