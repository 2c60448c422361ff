import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, git, makeGitRepo, makeRepo, runCli, SCHEMAS } from './helpers.js';

const DOCKERFILE_ROOT = [
  'FROM ubuntu:22.04',
  'RUN apt-get update && apt-get install -y curl',
  'CMD ["python3", "-m", "http.server", "8080"]',
  '',
].join('\n');
const DOCKERFILE_CLEAN = [
  'FROM gcr.io/distroless/static-debian12:nonroot@sha256:6ec5aa99dc335666e79dc64e4a6c8b89c33a543a1967f20d360922a80dd21f02',
  'COPY --chown=65532:65532 app /app',
  'USER 65532',
  'HEALTHCHECK CMD ["/app", "healthcheck"]',
  'ENTRYPOINT ["/app"]',
  '',
].join('\n');
// Plainly fake values, shaped like real ones.
const ESC = '\u001b[';
const RAW_PASSWORD = 'Zr8kQ2vLm9xPw4Tn';
const RAW_URL_PASSWORD = 'p4ssW0rdVq81';

// ajv-draft-04 and ajv-formats are CommonJS with a `default` export.
const require = createRequire(import.meta.url);

function sarifValidator() {
  const Ajv4 = require('ajv-draft-04').default;
  const ajv = new Ajv4({ allErrors: true, strict: false });
  require('ajv-formats').default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, 'sarif-2.1.0.schema.json'), 'utf8')));
}

describe('shipshape CLI (built, as a child process)', () => {
  it('prints its version and help, and exits 2 on usage errors without a stack trace', () => {
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('scan');
    const bad = runCli(['scan', '--no-such-flag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = runCli(['scan', 'does/not/exist']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^shipshape: no such file or directory: does\/not\/exist\n$/);
  });

  it('scans the bundled demo and reports every analyzer, exit 1', () => {
    const result = runCli(['scan', 'examples/demo-app', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      findings: { ruleId: string; file: string }[];
      summary: { total: number };
    };
    const analyzers = new Set(report.findings.map((f) => f.ruleId.split('/')[0]));
    for (const prefix of ['docker', 'secrets', 'helm', 'env', 'sbom']) expect(analyzers, prefix).toContain(prefix);
    expect(report.summary.total).toBe(report.findings.length);
  });

  it('exits 0 on a clean repository and 1 on findings at or above --fail-on', () => {
    const clean = makeRepo({ Dockerfile: DOCKERFILE_CLEAN });
    expect(runCli(['scan', clean]).code).toBe(0);
    const dirty = makeRepo({ Dockerfile: DOCKERFILE_ROOT });
    expect(runCli(['scan', dirty]).code).toBe(1);
    expect(runCli(['scan', dirty, '--fail-on', 'none']).code).toBe(0);
    expect(runCli(['scan', dirty, '--fail-on', 'critical', '--only', 'dockerfile']).code).toBe(0);
  });

  it('a broken config exits 2 and names the file and the offending key', () => {
    const repo = makeRepo({
      Dockerfile: DOCKERFILE_ROOT,
      '.shipshape.yaml': 'rules:\n  docker/last-user-root:\n    severity: urgent\n',
    });
    const result = runCli(['scan', repo]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.shipshape.yaml');
    expect(result.stderr).toContain('rules.docker/last-user-root.severity');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const unknownKey = makeRepo({ '.shipshape.yaml': 'failOnn: high\n' });
    expect(runCli(['scan', unknownKey]).stderr).toMatch(/failOnn: unknown key/);
    const unknownRule = makeRepo({ '.shipshape.yaml': 'rules:\n  docker/no-such-rule: off\n' });
    const r = runCli(['scan', unknownRule]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.docker\/no-such-rule: unknown rule/);
  });

  it('does not scan .gitignored files, outside git and inside it', () => {
    const files = {
      '.gitignore': 'local-notes.txt\n',
      'local-notes.txt': `DB_PASSWORD=${RAW_PASSWORD}\n`,
      'app.py': 'print(1)\n',
    };
    const plain = makeRepo(files);
    const json = JSON.parse(runCli(['scan', plain, '--format', 'json', '--only', 'secrets']).stdout);
    expect(json.findings.filter((f: { file: string }) => f.file === 'local-notes.txt')).toEqual([]);
    const notIgnored = makeRepo({ ...files, '.gitignore': '' });
    const json2 = JSON.parse(runCli(['scan', notIgnored, '--format', 'json', '--only', 'secrets']).stdout);
    expect(json2.findings.some((f: { file: string }) => f.file === 'local-notes.txt')).toBe(true);
    const repo = makeGitRepo(files);
    const json3 = JSON.parse(runCli(['scan', repo, '--format', 'json', '--only', 'secrets']).stdout);
    expect(json3.findings.filter((f: { file: string }) => f.file === 'local-notes.txt')).toEqual([]);
  });

  it('survives a symlink loop, a link out of the root and a binary file, and says so', () => {
    const outside = makeRepo({ 'stolen.env': `DB_PASSWORD=${RAW_PASSWORD}\n` });
    const repo = makeRepo({ Dockerfile: DOCKERFILE_CLEAN, 'blob.bin2': 'abc\0def' });
    symlinkSync(join(repo, 'loop-b'), join(repo, 'loop-a'));
    symlinkSync(join(repo, 'loop-a'), join(repo, 'loop-b'));
    symlinkSync(join(outside, 'stolen.env'), join(repo, 'linked.env'));
    const result = runCli(['scan', repo, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      notifications: { code: string; file?: string }[];
      findings: unknown[];
    };
    const codes = Object.fromEntries(report.notifications.map((n) => [n.file, n.code]));
    expect(codes).toMatchObject({
      'loop-a': 'symlink-loop',
      'linked.env': 'symlink-outside-root',
      'blob.bin2': 'binary-file',
    });
    expect(report.findings).toEqual([]);
  });

  it('writes every format; SARIF validates against the official 2.1.0 schema, with and without results', () => {
    const validate = sarifValidator();
    const dirty = makeRepo({ Dockerfile: DOCKERFILE_ROOT });
    const clean = makeRepo({ Dockerfile: DOCKERFILE_CLEAN });
    for (const repo of [dirty, clean]) {
      const sarif = JSON.parse(runCli(['scan', repo, '--format', 'sarif']).stdout);
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(sarif.runs).toHaveLength(1);
    }
    const sarif = JSON.parse(runCli(['scan', dirty, '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('Dockerfile');
    expect(sarif.runs[0].results[0].partialFingerprints).toBeDefined();

    expect(runCli(['scan', dirty, '--format', 'junit']).stdout).toMatch(/^<\?xml[\s\S]*<testsuites[\s\S]*<failure/);
    expect(runCli(['scan', dirty, '--format', 'github']).stdout).toMatch(
      /^::(error|warning|notice) file=Dockerfile,line=\d+/m,
    );
    expect(runCli(['scan', dirty, '--format', 'markdown']).stdout).toMatch(/^#+ .*Shipshape/im);
    const codequality = JSON.parse(runCli(['scan', dirty, '--format', 'gitlab-codequality']).stdout);
    expect(codequality[0]).toMatchObject({ location: { path: 'Dockerfile' } });
    const text = runCli(['scan', dirty]);
    expect(text.stdout).toContain('Dockerfile');
    expect(text.stdout).not.toContain(ESC);
    expect(runCli(['scan', dirty], { env: { FORCE_COLOR: '1' } }).stdout).toContain(ESC);
    expect(runCli(['scan', dirty], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain(ESC);
  });

  it('never prints a raw secret, in any format', () => {
    const repo = makeRepo({
      'config/.env.production': `DB_PASSWORD=${RAW_PASSWORD}\nDATABASE_URL=postgres://app:${RAW_URL_PASSWORD}@db:5432/app\n`,
      'settings.py': `PASSWORD = "${RAW_PASSWORD}"\n`,
    });
    for (const format of ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'gitlab-codequality']) {
      const out = runCli(['scan', repo, '--format', format, '--only', 'secrets']);
      expect(out.code, format).toBe(1);
      expect(out.stdout.length, format).toBeGreaterThan(0);
      expect(out.stdout, format).not.toContain(RAW_PASSWORD);
      expect(out.stdout, format).not.toContain(RAW_URL_PASSWORD);
      expect(out.stderr, format).not.toContain(RAW_PASSWORD);
    }
  });

  it('baseline round-trip: --write-baseline then --baseline hides exactly the recorded findings', () => {
    const repo = makeRepo({ Dockerfile: DOCKERFILE_ROOT });
    const baseline = join(repo, 'shipshape-baseline.json');
    const write = runCli(['scan', repo, '--write-baseline', baseline]);
    expect(write.code).toBe(0);
    const recorded = JSON.parse(readFileSync(baseline, 'utf8')).findings.length;
    expect(recorded).toBeGreaterThan(0);
    expect(runCli(['scan', repo, '--baseline', baseline]).code).toBe(0);
    // New problems added below old ones are reported; the old ones, moved down, stay hidden.
    writeFileSync(
      join(repo, 'Dockerfile'),
      `# a new comment line\n${DOCKERFILE_ROOT}RUN curl -fsSL https://get.example.com/x.sh | sh\n`,
    );
    const after = JSON.parse(runCli(['scan', repo, '--baseline', baseline, '--format', 'json']).stdout);
    expect(after.findings.length).toBeGreaterThan(0);
    expect(after.findings.every((f: { range: { startLine: number } }) => f.range.startLine === 5)).toBe(true);
    expect(after.summary.baselined).toBe(recorded);
    expect(runCli(['scan', repo, '--baseline', join(repo, 'missing.json')]).code).toBe(2);
  });

  it('--output writes the report to a file atomically and leaves no temp files', () => {
    const repo = makeRepo({ Dockerfile: DOCKERFILE_ROOT });
    const out = join(repo, 'reports', 'shipshape.sarif');
    const result = runCli(['scan', repo, '--format', 'sarif', '--output', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(readdirSync(join(repo, 'reports'))).toEqual(['shipshape.sarif']);
  });

  it('rules lists rules and shows one by id or peer alias; init writes a valid starter config', () => {
    const list = runCli(['rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/docker\//);
    expect(list.stdout).toMatch(/secrets\//);
    const byAlias = runCli(['rules', 'DL3002']);
    expect(byAlias.code).toBe(0);
    expect(byAlias.stdout).toMatch(/^docker\/\S+ — /);
    expect(byAlias.stdout).toContain('DL3002');
    expect(runCli(['rules', 'NOPE9999']).code).toBe(2);
    const dir = makeRepo({ Dockerfile: DOCKERFILE_CLEAN });
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, '.shipshape.yaml'))).toBe(true);
    expect(runCli(['init'], { cwd: dir }).code).toBe(2);
    expect(runCli(['scan', dir]).code).toBe(0);
  });

  it('lints one Dockerfile from a path or from stdin', () => {
    const repo = makeRepo({ 'Dockerfile.prod': DOCKERFILE_ROOT });
    const file = runCli(['dockerfile', join(repo, 'Dockerfile.prod'), '--format', 'json']);
    expect(file.code).toBe(1);
    const stdin = runCli(['dockerfile', '-', '--format', 'json'], { input: DOCKERFILE_ROOT });
    expect(stdin.code).toBe(1);
    const parsed = JSON.parse(stdin.stdout);
    expect(parsed.findings[0].file).toBe('Dockerfile');
    expect(runCli(['dockerfile', '-'], { input: DOCKERFILE_CLEAN }).code).toBe(0);
    expect(BIN).toContain('shipshape.js');
  });

  it('secrets --history reports a secret that was committed and later deleted, with its commit', () => {
    const repo = makeGitRepo({ 'app.py': 'print(1)\n', 'settings.py': `DB_PASSWORD = "${RAW_PASSWORD}"\n` });
    const leakCommit = git(repo, 'rev-parse', 'HEAD').trim();
    writeFileSync(join(repo, 'settings.py'), 'import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n');
    git(repo, 'commit', '-qam', 'read the password from the environment');
    const now = runCli(['secrets', repo, '--format', 'json']);
    expect(now.code).toBe(0);
    const history = runCli(['secrets', repo, '--history', '--format', 'json']);
    expect(history.code).toBe(1);
    expect(history.stdout).not.toContain(RAW_PASSWORD);
    const findings = JSON.parse(history.stdout).findings as {
      file: string;
      range: { startLine: number };
      properties?: Record<string, string>;
    }[];
    const leaked = findings.find((f) => f.file === 'settings.py' && f.properties?.commit === leakCommit);
    expect(leaked?.range.startLine).toBe(1);
    expect(leaked?.properties?.author).toBe('Test');
  });

  it('dockerfile --fix --dry-run prints a diff and writes nothing; --fix rewrites the file', () => {
    const original = [
      'FROM python:3.12-slim',
      'RUN pip install flask==3.0.3',
      'ADD app.py /app/',
      'USER 10001',
      'CMD ["python", "/app/app.py"]',
      '',
    ].join('\n');
    const repo = makeRepo({ Dockerfile: original });
    const file = join(repo, 'Dockerfile');
    const dry = runCli(['dockerfile', file, '--fix', '--dry-run'], { cwd: repo });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^--- a\/Dockerfile/m);
    expect(dry.stdout).toMatch(/^\+RUN pip install --no-cache-dir flask==3\.0\.3$/m);
    expect(dry.stdout).toMatch(/^\+COPY app\.py \/app\/$/m);
    expect(readFileSync(file, 'utf8')).toBe(original);
    const fixed = runCli(['dockerfile', file, '--fix', '--format', 'json'], { cwd: repo });
    const after = readFileSync(file, 'utf8');
    expect(after).toContain('pip install --no-cache-dir flask==3.0.3');
    expect(after).toContain('COPY app.py /app/');
    const remaining = JSON.parse(fixed.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(remaining).not.toContain('docker/package-cache-kept');
    expect(remaining).not.toContain('docker/add-instead-of-copy');
  });
});
