import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeToken, git, json, makeGitRepo, makeRepo, outsideDir, shipshape, TIME_LIMIT_MS } from './harness.js';

// What the tool reads: only regular files, inside the root, within limits; what it prints:
// never a secret or the content of a file outside the root.

const SECRET_A = fakeToken(301, 20);
const SECRET_B = fakeToken(302, 20);

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  if (r.status !== 0) throw new Error(`mkfifo ${path} failed`);
}

const BUILD = { Dockerfile: 'FROM node:20\nCOPY . /app\n', 'app.js': 'console.log(1);\n' };

describe('nothing raw in text code frames', () => {
  it('masks a suppressed secret on a line next to a reported one (#4)', () => {
    const root = makeRepo({
      'settings.py': `API_TOKEN = "${SECRET_A}"  # gitleaks:allow\nDB_PASSWORD = "${SECRET_B}"\n`,
    });
    const run = shipshape(['scan', '--only', 'secrets', root]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/settings\.py:2:/);
    expect(run.stdout).toMatch(/1 suppressed/);
    expect(run.stdout).not.toContain(SECRET_A);
    expect(run.stdout).not.toContain(SECRET_B);
  });

  it('masks a baselined secret on a line next to a new one (#4)', () => {
    const root = makeRepo({ 'settings.py': `API_TOKEN = "${SECRET_A}"\n` });
    const baseline = join(outsideDir(), 'baseline.json');
    expect(shipshape(['scan', '--only', 'secrets', '--write-baseline', baseline, root]).code).toBe(0);
    writeFileSync(join(root, 'settings.py'), `API_TOKEN = "${SECRET_A}"\nDB_PASSWORD = "${SECRET_B}"\n`);
    const run = shipshape(['scan', '--only', 'secrets', '--baseline', baseline, root]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/1 baselined/);
    expect(run.stdout).not.toContain(SECRET_A);
    expect(run.stdout).not.toContain(SECRET_B);
  });

  it('never reads a code frame through a link: a history finding whose path is a link to /etc/passwd at HEAD (#5)', () => {
    const repo = makeGitRepo({ 'creds.env': `DB_PASSWORD=${SECRET_A}\n`, 'README.md': 'x\n' });
    git(repo, 'rm', '-q', 'creds.env');
    symlinkSync('/etc/passwd', join(repo, 'creds.env'));
    git(repo, 'add', 'creds.env');
    git(repo, 'commit', '-q', '-m', 'link');
    const run = shipshape(['secrets', '--history', repo]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/creds\.env:1:/);
    expect(run.stdout).not.toMatch(/root:x?:0:0/);
  });
});

describe('config, baseline and ignore files (#6, #7, #8)', () => {
  it('.shipshape.yaml linking out of the root is not loaded, and nothing of it is echoed (#6)', () => {
    const outside = outsideDir();
    writeFileSync(join(outside, 'shadow'), `root_secret_line: ${SECRET_A}\n`);
    const root = makeRepo(BUILD);
    symlinkSync(join(outside, 'shadow'), join(root, '.shipshape.yaml'));
    const run = shipshape(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.shipshape\.yaml: cannot read config file \(symbolic link leaving/);
    expect(run.stderr + run.stdout).not.toContain(SECRET_A);
    expect(run.stderr + run.stdout).not.toContain('root_secret_line');
  });

  it('a config that is not valid YAML is named with line and column, without its text (#6)', () => {
    const root = makeRepo({ ...BUILD, '.shipshape.yaml': `failOn: high\nsecrets: [ "${SECRET_A}"\n  bad: : :\n` });
    const run = shipshape(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not valid YAML: .* at line \d+, column \d+/);
    expect(run.stderr).not.toContain(SECRET_A);
  });

  it('a .dockerignore linking out of the root is not applied (#7)', () => {
    const outside = outsideDir();
    writeFileSync(join(outside, 'ignore'), '.env\n');
    const root = makeRepo({ ...BUILD, '.env': `DB_PASSWORD=${SECRET_A}\n` });
    symlinkSync(join(outside, 'ignore'), join(root, '.dockerignore'));
    const run = shipshape(['scan', '--format', 'json', root]);
    expect(run.code, run.stderr).toBe(1);
    const report = json(run);
    // The outside patterns would have hidden .env from the image; they are not read.
    expect(report.findings.some((f) => f.ruleId === 'env/env-not-dockerignored' && f.file === '.env')).toBe(true);
    expect(report.notifications).toContainEqual(
      expect.objectContaining({ file: '.dockerignore', code: 'symlink-outside-root' }),
    );
  });

  it('a --baseline that is not JSON is refused without echoing its content (#8)', () => {
    const root = makeRepo(BUILD);
    const source = join(outsideDir(), 'settings.py');
    writeFileSync(source, `DB_PASSWORD = "${SECRET_A}"\n`);
    const run = shipshape(['scan', '--baseline', source, root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read baseline \(not valid JSON\)/);
    expect(run.stderr).not.toContain(SECRET_A);
    expect(run.stderr).not.toContain('DB_PASSWORD');
  });
});

describe('nothing lost silently (#10, #15)', () => {
  it('a NUL byte at offset 8,000-8,191 does not hide a file: it is scanned or said to be binary (#10)', () => {
    for (const offset of [8000, 8100, 8191]) {
      const head = `DB_PASSWORD = "${SECRET_A}"\n`;
      const text = `${head}${'#'.repeat(offset - head.length)}\u0000tail\n`;
      const root = makeRepo({ 'settings.py': text });
      const report = json(shipshape(['scan', '--only', 'secrets', '--format', 'json', root]));
      const found = report.findings.some((f) => f.file === 'settings.py');
      const said = report.notifications.some((n) => n.file === 'settings.py' && n.code === 'binary-file');
      expect(found || said, `offset ${offset}`).toBe(true);
    }
  });

  it('FIFOs named Dockerfile, .env and package-lock.json are notified, and nothing blocks (#15, #20)', () => {
    const root = makeRepo({ 'app.js': 'console.log(1);\n' });
    for (const name of ['Dockerfile', '.env', 'package-lock.json']) mkfifo(join(root, name));
    const run = shipshape(['scan', '--format', 'json', root]);
    expect(run.timedOut).toBe(false);
    expect([0, 1]).toContain(run.code);
    const special = json(run).notifications.filter((n) => n.code === 'special-file');
    expect(special.map((n) => n.file).sort()).toEqual(['.env', 'Dockerfile', 'package-lock.json']);
  });

  it('a file name that is not valid UTF-8 is notified, not reported as ENOENT (#15)', () => {
    const root = makeRepo({ 'app.js': 'console.log(1);\n' });
    const bad = Buffer.concat([Buffer.from(root), Buffer.from('/conf\xff\xfe.env', 'latin1')]);
    writeFileSync(bad, `DB_PASSWORD=${SECRET_A}\n`);
    const run = shipshape(['scan', '--format', 'json', root]);
    const notes = json(run).notifications;
    expect(notes).toContainEqual(
      expect.objectContaining({ code: 'unreadable-name', message: expect.stringContaining('conf\\xff\\xfe.env') }),
    );
    expect(JSON.stringify(notes)).not.toMatch(/ENOENT/);
  });
});

describe('bounded reads: no hang, no unbounded memory (#17, #19, #20)', () => {
  it('a config with 500,000 ignore patterns is refused quickly (#17)', () => {
    const root = makeRepo({ ...BUILD, '.shipshape.yaml': `ignore:\n${'  - "a/**/b"\n'.repeat(500_000)}` });
    const run = shipshape(['scan', root]);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\.shipshape\.yaml: cannot read config file \(.*limit/);
    const fewer = makeRepo({ ...BUILD, '.shipshape.yaml': `ignore:\n${'  - a\n'.repeat(50_000)}` });
    const many = shipshape(['scan', fewer]);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/ignore: must NOT have more than 1000 items/);
  });

  it('--config /dev/zero, and `dockerfile -` reading /dev/zero, end with an error (#19)', () => {
    const root = makeRepo(BUILD);
    const config = shipshape(['scan', '--config', '/dev/zero', root]);
    expect(config.timedOut).toBe(false);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/\/dev\/zero: cannot read config file \(not a regular file \(device\)/);
    const stdin = shipshape(['dockerfile', '-'], { stdin: 'zero' });
    expect(stdin.timedOut).toBe(false);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toMatch(/standard input is over the \d+-byte limit/);
  });

  it('FIFOs and /dev/zero links as .shipshape.yaml, .dockerignore, .git/info/exclude or --config do not hang (#20)', () => {
    const outside = outsideDir();
    const fifo = join(outside, 'config.fifo');
    mkfifo(fifo);
    const cases: [string, (root: string) => void, number[]][] = [
      ['.shipshape.yaml FIFO', (root) => mkfifo(join(root, '.shipshape.yaml')), [2]],
      ['.shipshape.yaml -> /dev/zero', (root) => symlinkSync('/dev/zero', join(root, '.shipshape.yaml')), [2]],
      ['.dockerignore FIFO', (root) => mkfifo(join(root, '.dockerignore')), [0, 1]],
      ['.dockerignore -> /dev/zero', (root) => symlinkSync('/dev/zero', join(root, '.dockerignore')), [0, 1]],
      [
        '.git/info/exclude FIFO',
        (root) => {
          rmSync(join(root, '.git', 'info', 'exclude'), { force: true });
          mkdirSync(join(root, '.git', 'info'), { recursive: true });
          mkfifo(join(root, '.git', 'info', 'exclude'));
        },
        [0, 1],
      ],
      [
        '.git/info/exclude -> /dev/zero',
        (root) => {
          rmSync(join(root, '.git', 'info', 'exclude'), { force: true });
          mkdirSync(join(root, '.git', 'info'), { recursive: true });
          symlinkSync('/dev/zero', join(root, '.git', 'info', 'exclude'));
        },
        [0, 1],
      ],
    ];
    for (const [name, plant, codes] of cases) {
      const root = makeGitRepo(BUILD);
      plant(root);
      const run = shipshape(['scan', root], { timeoutMs: 20_000 });
      expect(run.timedOut, name).toBe(false);
      expect(codes, `${name}: ${run.stderr}`).toContain(run.code);
    }
    const viaFlag = shipshape(['scan', '--config', fifo, makeRepo(BUILD)], { timeoutMs: 20_000 });
    expect(viaFlag.timedOut).toBe(false);
    expect(viaFlag.code).toBe(2);
    expect(viaFlag.stderr).toMatch(/not a regular file \(FIFO\)/);
  });

  it('a .env in a build context that is a FIFO or a /dev/zero link does not stall the text report (#20)', () => {
    for (const plant of [
      (root: string) => mkfifo(join(root, '.env')),
      (root: string) => symlinkSync('/dev/zero', join(root, '.env')),
    ]) {
      const root = makeRepo(BUILD);
      plant(root);
      const run = shipshape(['scan', root], { timeoutMs: 20_000 });
      expect(run.timedOut).toBe(false);
      expect([0, 1]).toContain(run.code);
      expect(run.ms).toBeLessThan(TIME_LIMIT_MS);
    }
  });
});
