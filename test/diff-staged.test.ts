import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, makeGitRepo, runCli } from './helpers.js';

// Fake, deterministic values that look like credentials to a key/value judge (never real ones).
function fakeSecret(seed: number, length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let x = (seed * 2654435761) >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 16) % alphabet.length];
  }
  return out;
}
const STAGED_SECRET = fakeSecret(3);
const WORKTREE_SECRET = fakeSecret(5);
const COMMITTED_SECRET = fakeSecret(9);

interface JsonFinding {
  ruleId: string;
  file: string;
  range: { startLine: number };
  fileLevel?: true;
}
const findings = (stdout: string): JsonFinding[] => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;

function stageFile(repo: string, path: string, text: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
  git(repo, 'add', path);
}

const CLEAN_CONFIG = ['server:', '  port: 8080', '  log_level: info', ''].join('\n');

describe('--staged: exactly what will be committed', () => {
  it('skips staged files over maxFileSize and staged binaries, and says so, like the tree walk', () => {
    const repo = makeGitRepo({ 'config/app.yaml': CLEAN_CONFIG, '.shipshape.yaml': 'maxFileSize: 200\n' });
    stageFile(repo, 'config/big.yaml', `${'# padding line\n'.repeat(20)}password: "${STAGED_SECRET}"\n`);
    stageFile(repo, 'assets/logo.png', 'not really a png');
    const r = runCli(['secrets', repo, '--staged', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      findings: JsonFinding[];
      notifications: { code: string; file?: string }[];
    };
    expect(report.findings).toEqual([]);
    expect(report.notifications).toContainEqual(
      expect.objectContaining({ code: 'file-too-large', file: 'config/big.yaml' }),
    );
    expect(report.notifications).toContainEqual(
      expect.objectContaining({ code: 'binary-file', file: 'assets/logo.png' }),
    );
  });

  it('reports a staged secret even after the working tree removed it', () => {
    const repo = makeGitRepo({ 'config/app.yaml': CLEAN_CONFIG });
    writeFileSync(join(repo, 'config/app.yaml'), `${CLEAN_CONFIG}database:\n  password: "${STAGED_SECRET}"\n`);
    git(repo, 'add', 'config/app.yaml');
    // The working tree goes back to clean: only the index holds the secret.
    writeFileSync(join(repo, 'config/app.yaml'), CLEAN_CONFIG);

    const r = runCli(['secrets', repo, '--staged', '--format', 'json']);
    expect(r.code).toBe(1);
    const found = findings(r.stdout);
    expect(found.map((f) => [f.file, f.range.startLine])).toContainEqual(['config/app.yaml', 5]);
    expect(found.every((f) => f.ruleId.startsWith('secrets/'))).toBe(true);
    expect(r.stdout).not.toContain(STAGED_SECRET);

    // A plain scan of the working tree sees nothing: the index really is what was read.
    expect(findings(runCli(['secrets', repo, '--format', 'json']).stdout)).toEqual([]);
  });

  it('does not report a secret that is only in the working tree (unstaged or untracked)', () => {
    const repo = makeGitRepo({ 'config/app.yaml': CLEAN_CONFIG, 'README.md': '# app\n' });
    writeFileSync(join(repo, 'config/app.yaml'), `${CLEAN_CONFIG}database:\n  password: "${WORKTREE_SECRET}"\n`);
    writeFileSync(join(repo, 'local.yaml'), `api_password: "${WORKTREE_SECRET}"\n`);
    // Something harmless is staged, so the hook has work to do.
    writeFileSync(join(repo, 'README.md'), '# app\n\nUsage.\n');
    git(repo, 'add', 'README.md');

    const r = runCli(['secrets', repo, '--staged', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(findings(r.stdout)).toEqual([]);
    // Without --staged, the same working tree does have findings.
    const full = runCli(['secrets', repo, '--format', 'json']);
    expect(full.code).toBe(1);
    expect(new Set(findings(full.stdout).map((f) => f.file))).toEqual(new Set(['config/app.yaml', 'local.yaml']));
  });

  it('reports only the staged lines, not old secrets in committed files', () => {
    const repo = makeGitRepo({
      'config/app.yaml': `${CLEAN_CONFIG}legacy:\n  password: "${COMMITTED_SECRET}"\n`,
      'config/other.yaml': `token_password: "${COMMITTED_SECRET}"\n`,
    });
    writeFileSync(
      join(repo, 'config/app.yaml'),
      `${CLEAN_CONFIG}legacy:\n  password: "${COMMITTED_SECRET}"\nnew:\n  password: "${STAGED_SECRET}"\n`,
    );
    git(repo, 'add', 'config/app.yaml');
    const r = runCli(['secrets', repo, '--staged', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(findings(r.stdout).map((f) => [f.file, f.range.startLine])).toEqual([['config/app.yaml', 7]]);
  });

  it('a newly staged .env file is reported as a whole (file-level finding included)', () => {
    const repo = makeGitRepo({ 'app.py': 'print(1)\n' });
    writeFileSync(join(repo, '.env'), `SESSION_SECRET=${STAGED_SECRET}\n`);
    git(repo, 'add', '.env');
    rmSync(join(repo, '.env')); // gone from the working tree, still in the index
    const r = runCli(['secrets', repo, '--staged', '--format', 'json']);
    expect(r.code).toBe(1);
    const found = findings(r.stdout);
    expect(found.some((f) => f.file === '.env' && f.ruleId === 'env/tracked-env-file')).toBe(true);
    expect(found.some((f) => f.file === '.env' && f.ruleId.startsWith('secrets/') && f.range.startLine === 1)).toBe(
      true,
    );
    expect(r.stdout).not.toContain(STAGED_SECRET);
  });

  it('scan --staged covers the Dockerfile analyzer too, in the first commit of a repository', () => {
    const repo = makeGitRepo({ 'README.md': '# x\n' });
    mkdirSync(join(repo, 'svc'));
    writeFileSync(join(repo, 'svc/Dockerfile'), 'FROM ubuntu:22.04\nRUN curl -fsSL https://example.com/i.sh | bash\n');
    git(repo, 'add', 'svc/Dockerfile');
    const r = runCli(['scan', repo, '--staged', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(
      findings(r.stdout).some(
        (f) => f.file === 'svc/Dockerfile' && f.ruleId === 'docker/download-piped-to-shell' && f.range.startLine === 2,
      ),
    ).toBe(true);

    // No commit at all yet: the index is compared with the empty tree.
    const fresh = makeGitRepo({ 'README.md': '# x\n' });
    rmSync(join(fresh, '.git'), { recursive: true, force: true });
    git(fresh, 'init', '-q', '-b', 'main');
    writeFileSync(join(fresh, 'Dockerfile'), 'FROM ubuntu:22.04\nRUN curl -fsSL https://example.com/i.sh | bash\n');
    git(fresh, 'add', 'Dockerfile');
    const first = runCli(['scan', fresh, '--staged', '--format', 'json']);
    expect(first.code).toBe(1);
    expect(findings(first.stdout).some((f) => f.ruleId === 'docker/download-piped-to-shell')).toBe(true);
  });

  it('honours config ignores and scan paths, and skips symbolic links and submodules like the tree walk', () => {
    const repo = makeGitRepo({
      '.shipshape.yaml': 'ignore:\n  - "fixtures/**"\n',
      'README.md': '# x\n',
      'lib/README.md': '# lib\n',
    });
    symlinkSync('/etc', join(repo, 'etc-link'));
    const sub = makeGitRepo({ 'x.txt': 'x\n' });
    git(repo, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'vendor/sub');
    git(repo, 'add', 'etc-link');
    git(repo, 'commit', '-q', '-m', 'links');
    stageFile(repo, 'fixtures/creds.yaml', `database:\n  password: "${STAGED_SECRET}"\n`);
    stageFile(repo, 'lib/settings.yaml', `database:\n  password: "${STAGED_SECRET}"\n`);
    stageFile(repo, 'app/settings.yaml', `database:\n  password: "${STAGED_SECRET}"\n`);

    const r = runCli(['scan', repo, '--staged', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      findings: JsonFinding[];
      notifications: { code: string; file?: string }[];
    };
    expect([...new Set(report.findings.map((f) => f.file))].sort()).toEqual(['app/settings.yaml', 'lib/settings.yaml']);
    expect(report.notifications.filter((n) => n.code === 'unreadable')).toEqual([]);

    // Paths on the command line narrow the staged scan as they narrow a full one.
    const only = runCli(['secrets', join(repo, 'lib'), '--staged', '--format', 'json']);
    expect(findings(only.stdout).map((f) => f.file)).toEqual(['settings.yaml']);
    const several = runCli(['scan', 'lib', 'README.md', '--staged', '--format', 'json'], { cwd: repo });
    expect(findings(several.stdout).map((f) => f.file)).toEqual(['lib/settings.yaml']);
  });

  it('--staged and --diff together are a usage error; --staged outside git exits 2', () => {
    const repo = makeGitRepo({ 'a.txt': 'a\n' });
    expect(runCli(['scan', repo, '--staged', '--diff', 'main']).code).toBe(2);
    const plain = join(repo, 'sub');
    mkdirSync(plain);
    rmSync(join(repo, '.git'), { recursive: true, force: true });
    const r = runCli(['secrets', repo, '--staged']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/git/);
  });
});
