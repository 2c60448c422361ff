import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDockerfileName } from '@shipshape/core';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BIN, git, makeGitRepo, REPO_ROOT } from './helpers.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  files?: string;
  exclude?: string;
  types?: string[];
}

const HOOKS = load(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = (id: string): Hook => {
  const h = HOOKS.find((x) => x.id === id);
  if (!h) throw new Error(`no hook ${id}`);
  return h;
};

// pre-commit matches `files`/`exclude` with Python's re.search; these patterns use no syntax
// that differs between Python and JavaScript.
const matches = (pattern: string | undefined, path: string) => new RegExp(pattern ?? '').test(path);
const selects = (h: Hook, path: string) =>
  matches(h.files, path) && !(h.exclude !== undefined && matches(h.exclude, path));

/**
 * Runs a hook the way pre-commit does on `git commit`: the staged file names, filtered by
 * `files`/`exclude`, appended to `entry` unless pass_filenames is false; skipped when no file
 * matches. `shipshape` is this repository's built CLI.
 */
function runHook(h: Hook, repo: string): { code: number; stdout: string; stderr: string; skipped: boolean } {
  const staged = git(repo, 'diff', '--staged', '--name-only', '--no-ext-diff', '-z', '--diff-filter=ACMRTUXB')
    .split('\0')
    .filter(Boolean);
  const files = staged.filter((f) => selects(h, f));
  if (files.length === 0) return { code: 0, stdout: '', stderr: '', skipped: true };
  const [program, ...args] = h.entry.split(/\s+/);
  expect(program).toBe('shipshape');
  const argv = [BIN, ...args, ...(h.pass_filenames === false ? [] : files)];
  const r = spawnSync(process.execPath, argv, {
    cwd: repo,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, skipped: false };
}

// Fake values, built in code.
const FAKE_PASSWORD = ['Qm7', 'vT2k', 'Lx9p', 'Wr4N', 'b8'].join('');

const DOCKERFILE_BAD = [
  'FROM ubuntu:22.04',
  'RUN curl -fsSL https://example.com/install.sh | bash',
  'CMD ["bash"]',
  '',
].join('\n');
const DOCKERFILE_CLEAN = [
  'FROM gcr.io/distroless/static-debian12:nonroot@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02',
  'COPY --chown=65532:65532 app /app',
  'USER 65532',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');

function stage(repo: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  git(repo, 'add', '--', ...Object.keys(files));
}

describe('.pre-commit-hooks.yaml', () => {
  it('declares the three node hooks with the documented entries', () => {
    expect(HOOKS.map((h) => h.id)).toEqual(['shipshape-secrets', 'shipshape-dockerfile', 'shipshape-scan']);
    for (const h of HOOKS) {
      expect(h.language).toBe('node');
      expect(h.name).toMatch(/\S/);
    }
    expect(hook('shipshape-secrets').entry).toBe('shipshape secrets --staged');
    expect(hook('shipshape-secrets').pass_filenames).toBe(false);
    expect(hook('shipshape-scan').entry).toBe('shipshape scan --staged');
    expect(hook('shipshape-scan').pass_filenames).toBe(false);
    expect(hook('shipshape-dockerfile').entry).toBe('shipshape dockerfile');
    expect(hook('shipshape-dockerfile').pass_filenames).not.toBe(false);
  });

  it('the Dockerfile hook selects exactly the files the scanner treats as Dockerfiles', () => {
    const h = hook('shipshape-dockerfile');
    const yes = [
      'Dockerfile',
      'services/api/Dockerfile',
      'Dockerfile.prod',
      'Dockerfile-dev',
      'Dockerfile_ci',
      'api.dockerfile',
      'build/api.Dockerfile',
      'Containerfile',
      'images/Containerfile.alpine',
      'x.containerfile',
    ];
    const no = [
      'README.md',
      'Dockerfile.md',
      'docs/Dockerfile.txt',
      'Dockerfile.yaml',
      'Dockerfile.dockerignore',
      '.dockerignore',
      'docker-compose.yml',
      'dockerfiles/app.py',
      'MyDockerfile',
      'Dockerfile/notes',
    ];
    for (const path of yes) expect(selects(h, path), path).toBe(true);
    for (const path of no) expect(selects(h, path), path).toBe(false);
    // The same verdict as core's classifier, on every name above.
    for (const path of [...yes, ...no])
      expect(selects(h, path), path).toBe(isDockerfileName(path.split('/').pop() as string));
  });
});

describe('pre-commit hook entries on staged files', () => {
  it('a staged secret fails shipshape-secrets and shipshape-scan; shipshape-dockerfile has nothing to check', () => {
    const repo = makeGitRepo({ 'README.md': '# app\n' });
    stage(repo, { 'config/app.yaml': `database:\n  password: "${FAKE_PASSWORD}"\n` });
    const secrets = runHook(hook('shipshape-secrets'), repo);
    expect(secrets.code).toBe(1);
    expect(secrets.stdout).toContain('config/app.yaml');
    expect(secrets.stdout).not.toContain(FAKE_PASSWORD);
    expect(runHook(hook('shipshape-scan'), repo).code).toBe(1);
    expect(runHook(hook('shipshape-dockerfile'), repo).skipped).toBe(true);
  });

  it('a staged bad Dockerfile fails shipshape-dockerfile and shipshape-scan, not shipshape-secrets', () => {
    const repo = makeGitRepo({ 'README.md': '# app\n' });
    stage(repo, { 'services/api/Dockerfile': DOCKERFILE_BAD });
    const docker = runHook(hook('shipshape-dockerfile'), repo);
    expect(docker.skipped).toBe(false);
    expect(docker.code).toBe(1);
    expect(docker.stdout).toContain('docker/download-piped-to-shell');
    expect(docker.stdout).toContain('services/api/Dockerfile');
    const scan = runHook(hook('shipshape-scan'), repo);
    expect(scan.code).toBe(1);
    expect(scan.stdout).toContain('docker/download-piped-to-shell');
    expect(runHook(hook('shipshape-secrets'), repo).code).toBe(0);
  });

  it('clean staged changes pass every hook, even when committed files have old problems', () => {
    const repo = makeGitRepo({
      'legacy/Dockerfile': DOCKERFILE_BAD,
      'legacy/settings.yaml': `database:\n  password: "${FAKE_PASSWORD}"\n`,
    });
    stage(repo, { Dockerfile: DOCKERFILE_CLEAN, 'config/app.yaml': 'server:\n  port: 8080\n' });
    for (const h of HOOKS) {
      const r = runHook(h, repo);
      expect(r.skipped, h.id).toBe(false);
      expect(r.code, `${h.id}: ${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it('a problem only in the working tree (not staged) does not block the commit', () => {
    const repo = makeGitRepo({ 'config/app.yaml': 'server:\n  port: 8080\n', Dockerfile: DOCKERFILE_CLEAN });
    stage(repo, { 'docs/notes.md': '# notes\n' });
    writeFileSync(join(repo, 'config/app.yaml'), `server:\n  port: 8080\n  password: "${FAKE_PASSWORD}"\n`);
    expect(runHook(hook('shipshape-secrets'), repo).code).toBe(0);
    expect(runHook(hook('shipshape-scan'), repo).code).toBe(0);
  });
});

// pre-commit installs a node hook repository by `npm install` in a clone (which runs `prepare`,
// our build), `npm pack`, then `npm install -g` of the tarball, and puts the env's bin on PATH.
// That needs a `bin` in the root package.json and the workspace packages bundled.
const ROOT_PKG = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> };
describe('installable as a pre-commit node hook repository', () => {
  it.runIf(ROOT_PKG.bin?.shipshape !== undefined)(
    'npm pack + npm install -g of the root gives a working `shipshape`',
    () => {
      const work = mkdtempSync(join(tmpdir(), 'shipshape-pack-'));
      const npm = (args: string[], cwd: string) =>
        spawnSync('npm', args, {
          cwd,
          encoding: 'utf8',
          timeout: 180_000,
          env: { ...process.env, npm_config_update_notifier: 'false' },
        });
      const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO_ROOT);
      expect(pack.status, pack.stderr).toBe(0);
      const tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
      const prefix = join(work, 'env');
      // Offline: everything the CLI needs at run time is inside the tarball.
      const install = npm(['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], work);
      expect(install.status, install.stderr).toBe(0);
      const bin = join(prefix, 'bin', 'shipshape');
      const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
      expect(version.status, version.stderr).toBe(0);
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const repo = makeGitRepo({ 'README.md': '# app\n' });
      stage(repo, { Dockerfile: DOCKERFILE_BAD });
      const r = spawnSync(bin, ['scan', '--staged'], { cwd: repo, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toContain('docker/download-piped-to-shell');
    },
  );
});
