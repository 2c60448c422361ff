import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeToken, git, makeGitRepo, runCli } from './helpers.js';

const OLD_PASSWORD = fakeToken(7, 18);
const NEW_GITHUB_TOKEN = `${'gh'}p_${fakeToken(11, 36)}`;
const ENV_SECRET = fakeToken(23, 32);
const UNTRACKED_SECRET = fakeToken(31, 20);

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  range: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  fingerprint: string;
  fileLevel?: true;
  message: string;
}

function findings(stdout: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

const BASE_FILES: Record<string, string> = {
  '.gitignore': 'node_modules/\n',
  Dockerfile: [
    'FROM python:3.12-slim',
    'RUN apt-get update && apt-get install -y curl',
    'COPY . /app',
    'CMD ["python", "/app/app.py"]',
    '',
  ].join('\n'),
  'config/app.yaml': ['database:', '  host: db.internal', `  password: "${OLD_PASSWORD}"`, ''].join('\n'),
  'requirements.txt': ['flask==3.0.3', 'requests', ''].join('\n'),
  '.github/workflows/ci.yml': [
    'name: ci',
    'on: [push]',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
    '      - run: make test',
    '',
  ].join('\n'),
  'deploy/.env.production': [`DATABASE_PASSWORD=${OLD_PASSWORD}`, ''].join('\n'),
};

/** The PR commit: one new problem per analyzer, plus harmless edits to files with old findings. */
function applyPullRequest(root: string): void {
  writeFileSync(
    join(root, 'Dockerfile'),
    [
      'FROM python:3.12-slim',
      'RUN apt-get update && apt-get install -y curl',
      'RUN curl -fsSL https://example.com/install.sh | sh',
      'COPY . /app',
      'CMD ["python", "/app/app.py"]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'config/app.yaml'),
    [
      'database:',
      '  host: db.internal',
      `  password: "${OLD_PASSWORD}"`,
      'github:',
      `  token: "${NEW_GITHUB_TOKEN}"`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, 'requirements.txt'), ['flask==3.0.3', 'requests', 'django>=4.2', ''].join('\n'));
  writeFileSync(
    join(root, '.github/workflows/ci.yml'),
    [
      'name: ci',
      'on: [push]',
      'jobs:',
      '  test:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '      - uses: actions/setup-python@v5',
      '      - run: make test',
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, '.env'), [`SECRET_KEY=${ENV_SECRET}`, ''].join('\n'));
  // A changed line without a secret in a file with an old file-level finding.
  writeFileSync(
    join(root, 'deploy/.env.production'),
    [`DATABASE_PASSWORD=${OLD_PASSWORD}`, 'LOG_LEVEL=debug', ''].join('\n'),
  );
}

describe('--diff: only what the pull request introduced', () => {
  let repo: string;
  let base: JsonFinding[];
  let head: JsonFinding[];
  let diff: JsonFinding[];
  let diffCode: number;

  beforeAll(() => {
    repo = makeGitRepo(BASE_FILES);
    base = findings(runCli(['scan', repo, '--format', 'json', '--fail-on', 'none']).stdout);
    git(repo, 'checkout', '-q', '-b', 'feature');
    applyPullRequest(repo);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'feature');
    head = findings(runCli(['scan', repo, '--format', 'json', '--fail-on', 'none']).stdout);
    const r = runCli(['scan', repo, '--diff', 'main', '--format', 'json']);
    diffCode = r.code;
    expect(r.stderr).not.toMatch(/error/);
    diff = findings(r.stdout);
  });

  const at = (list: JsonFinding[], file: string, line?: number) =>
    list.filter(
      (f) =>
        f.file === file &&
        (line === undefined || (f.range.startLine <= line && line <= Math.max(f.range.startLine, f.range.endLine))),
    );

  it('the base already has findings the diff scan must not repeat', () => {
    // Sanity: the fixtures really contain old problems on unchanged lines.
    expect(at(base, 'Dockerfile', 2).length).toBeGreaterThan(0);
    expect(at(base, 'config/app.yaml', 3).some((f) => f.ruleId.startsWith('secrets/'))).toBe(true);
    expect(at(base, 'requirements.txt', 2).some((f) => f.ruleId.startsWith('sbom/'))).toBe(true);
    expect(at(base, 'deploy/.env.production').length).toBeGreaterThan(0);
  });

  it('reports the new problem of every analyzer', () => {
    expect(diffCode).toBe(1);
    expect(at(diff, 'Dockerfile', 3).map((f) => f.ruleId)).toContain('docker/download-piped-to-shell');
    expect(at(diff, 'config/app.yaml', 5).some((f) => f.ruleId.startsWith('secrets/'))).toBe(true);
    expect(at(diff, 'requirements.txt', 3).map((f) => f.ruleId)).toContain('sbom/requirement-not-pinned');
    expect(at(diff, '.github/workflows/ci.yml', 8).map((f) => f.ruleId)).toContain('sbom/action-not-pinned');
    // An added .env file: its file-level finding is kept because the whole file is new.
    const env = at(diff, '.env');
    expect(env.some((f) => f.ruleId === 'env/tracked-env-file')).toBe(true);
  });

  it('does not report pre-existing findings in changed files, nor anything in untouched lines', () => {
    const changedLines: Record<string, number[]> = {
      Dockerfile: [3],
      'config/app.yaml': [4, 5],
      'requirements.txt': [3],
      '.github/workflows/ci.yml': [8],
      'deploy/.env.production': [2],
    };
    for (const f of diff) {
      if (f.file === '.env') continue; // added file: everything counts
      const lines = changedLines[f.file];
      expect(lines, `${f.ruleId} in unchanged file ${f.file}`).toBeDefined();
      const touched = lines!.some((l) => f.range.startLine <= l && l <= Math.max(f.range.startLine, f.range.endLine));
      expect(touched, `${f.ruleId} at ${f.file}:${f.range.startLine} is not on a changed line`).toBe(true);
      expect(f.fileLevel, `${f.ruleId} is file-level in a changed (not added) file`).toBeUndefined();
    }
    expect(at(diff, 'Dockerfile', 2)).toEqual([]);
    expect(at(diff, 'config/app.yaml', 3)).toEqual([]);
    expect(at(diff, 'requirements.txt', 2)).toEqual([]);
    // The old .env.production only gained a harmless line: its file-level finding stays out.
    expect(at(diff, 'deploy/.env.production')).toEqual([]);
    // No old fingerprint comes back.
    const old = new Set(base.map((f) => f.fingerprint));
    expect(diff.filter((f) => old.has(f.fingerprint))).toEqual([]);
  });

  it('exactly the findings of a full scan that are new, with the same fingerprints', () => {
    const old = new Set(base.map((f) => f.fingerprint));
    const headByFingerprint = new Map(head.map((f) => [f.fingerprint, f]));
    for (const f of diff) {
      const same = headByFingerprint.get(f.fingerprint);
      expect(same, `${f.ruleId} ${f.file}:${f.range.startLine} has a fingerprint a full scan does not`).toBeDefined();
      expect(same).toEqual(f);
    }
    // Every new full-scan finding that sits on a changed line (or in the added .env) is in the diff.
    const newInHead = head.filter((f) => !old.has(f.fingerprint));
    const diffFingerprints = new Set(diff.map((f) => f.fingerprint));
    const expected = newInHead.filter(
      (f) =>
        f.file === '.env' ||
        (f.fileLevel === undefined &&
          ((f.file === 'Dockerfile' && f.range.startLine <= 3 && 3 <= f.range.endLine) ||
            (f.file === 'config/app.yaml' && f.range.startLine >= 4) ||
            (f.file === 'requirements.txt' && f.range.startLine === 3) ||
            (f.file === '.github/workflows/ci.yml' && f.range.startLine === 8))),
    );
    expect(expected.length).toBeGreaterThanOrEqual(5);
    for (const f of expected)
      expect(
        diffFingerprints.has(f.fingerprint),
        `${f.ruleId} ${f.file}:${f.range.startLine} missing from --diff`,
      ).toBe(true);
  });

  it('never prints a secret in the diff report', () => {
    const r = runCli(['scan', repo, '--diff', 'main', '--format', 'json']);
    for (const secret of [NEW_GITHUB_TOKEN, ENV_SECRET, OLD_PASSWORD]) expect(r.stdout).not.toContain(secret);
  });

  it('counts uncommitted and untracked work as part of the change', () => {
    const dir = makeGitRepo({ 'app.py': 'print(1)\n' });
    git(dir, 'checkout', '-q', '-b', 'wip');
    writeFileSync(join(dir, 'notes.yaml'), `api_password: "${UNTRACKED_SECRET}"\n`);
    const r = runCli(['secrets', dir, '--diff', 'main', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(findings(r.stdout).map((f) => [f.file, f.range.startLine])).toContainEqual(['notes.yaml', 1]);
    expect(r.stdout).not.toContain(UNTRACKED_SECRET);
  });

  it('an unchanged branch reports nothing and exits 0, even with old findings', () => {
    const dir = makeGitRepo(BASE_FILES);
    git(dir, 'checkout', '-q', '-b', 'noop');
    const r = runCli(['scan', dir, '--diff', 'main', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(findings(r.stdout)).toEqual([]);
  });
});

describe('--diff: a base that is not in the clone', () => {
  it('exits 2 in a shallow clone and says how to fetch the base', () => {
    const origin = makeGitRepo({ 'app.py': 'print(1)\n' });
    const firstCommit = git(origin, 'rev-parse', 'HEAD').trim();
    writeFileSync(join(origin, 'app.py'), 'print(2)\n');
    git(origin, 'commit', '-q', '-am', 'second');
    const clone = join(mkdtempSync(join(tmpdir(), 'shipshape-shallow-')), 'clone');
    git(origin, 'clone', '-q', '--depth', '1', `file://${origin}`, clone);
    expect(git(clone, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');

    const r = runCli(['scan', clone, '--diff', firstCommit]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/shallow/);
    expect(r.stderr).toMatch(/fetch/);
    expect(r.stderr).toContain(firstCommit);
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const byName = runCli(['secrets', clone, '--diff', 'origin/does-not-exist']);
    expect(byName.code).toBe(2);
    expect(byName.stderr).toMatch(/shallow.*fetch|fetch.*shallow/s);
  });

  it('exits 2 outside a git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-nogit-'));
    writeFileSync(join(dir, 'app.py'), 'print(1)\n');
    const r = runCli(['scan', dir, '--diff', 'main']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/git/);
  });
});

describe('--diff and --staged: paths and contents that trip a naive diff parser', () => {
  const SECRET = fakeToken(41, 20);
  const secretYaml = `database:\n  password: "${SECRET}"\n`;

  it('finds changes in files with spaces or non-ASCII names, after a "+++"-looking added line, whatever diff.* config says', () => {
    const filler = Array.from({ length: 10 }, (_, i) => `key${i}: value${i}`);
    const repo = makeGitRepo({ 'README.md': '# x\n', 'multi.yaml': `${filler.join('\n')}\n` });
    // Settings that change the diff's file headers or merge hunks.
    git(repo, 'config', 'diff.mnemonicPrefix', 'true');
    git(repo, 'config', 'diff.interHunkContext', '20');
    git(repo, 'checkout', '-q', '-b', 'feature');
    mkdirSync(join(repo, 'my dir'));
    writeFileSync(join(repo, 'my dir/app config.yaml'), secretYaml);
    writeFileSync(join(repo, 'café.yaml'), secretYaml);
    const multi = [...filler];
    multi[1] = '++ b/elsewhere.yaml'; // an added line that reads "+++ b/elsewhere.yaml" in the diff
    multi[8] = `api_password: "${SECRET}"`;
    writeFileSync(join(repo, 'multi.yaml'), `${multi.join('\n')}\n`);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'feature');

    const where = (stdout: string) =>
      findings(stdout)
        .map((f) => `${f.file}:${f.range.startLine}`)
        .sort();
    const full = runCli(['secrets', repo, '--format', 'json']);
    const expected = ['café.yaml:2', 'multi.yaml:9', 'my dir/app config.yaml:2'];
    expect(where(full.stdout)).toEqual(expected);
    const diff = runCli(['secrets', repo, '--diff', 'main', '--format', 'json']);
    expect(diff.code).toBe(1);
    expect(where(diff.stdout)).toEqual(expected);

    // The same through the index: staged versions are read from git, by their real names.
    const staged = makeGitRepo({ 'README.md': '# x\n' });
    git(staged, 'config', 'diff.noprefix', 'true');
    mkdirSync(join(staged, 'my dir'));
    writeFileSync(join(staged, 'my dir/app config.yaml'), secretYaml);
    writeFileSync(join(staged, 'café.yaml'), secretYaml);
    git(staged, 'add', '-A');
    writeFileSync(join(staged, 'my dir/app config.yaml'), 'database: {}\n');
    writeFileSync(join(staged, 'café.yaml'), 'database: {}\n');
    const r = runCli(['secrets', staged, '--staged', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(where(r.stdout)).toEqual(['café.yaml:2', 'my dir/app config.yaml:2']);
  });
});
