/**
 * Behaviour that spans rules: service-account tokens in kubeconfigs, long lines examined in
 * bounded windows (with a notification for the rest), allow-list regexes on a linear-time engine.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFixture } from './__tests__/harness.js';
import { readSecretsConfig } from './config.js';
import { githubStyleToken } from './detectors/catalog/code-hosts.js';
import { scanText } from './scan.js';
import { scanFileText } from './scan-file.js';

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

/** A service-account-shaped JWT with random claims and signature (generated, never a real token). */
function serviceAccountJwt(): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: randomBytes(8).toString('hex') }));
  const payload = b64url(
    JSON.stringify({
      iss: 'kubernetes/serviceaccount',
      'kubernetes.io/serviceaccount/namespace': 'deploy',
      'kubernetes.io/serviceaccount/service-account.name': 'ci-deployer',
      sub: 'system:serviceaccount:deploy:ci-deployer',
    }),
  );
  return `${header}.${payload}.${b64url(randomBytes(64))}`;
}

const kubeconfig = (token: string, server: string) =>
  `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\nusers:\n- name: deployer\n  user:\n    token: ${token}\ncontexts:\n- name: c\n  context: { cluster: c, user: deployer }\ncurrent-context: c\n`;

describe('service-account tokens', () => {
  it('rates a committed service-account JWT critical, once', () => {
    const found = scanText({
      path: 'deploy/kubeconfig',
      text: kubeconfig(serviceAccountJwt(), 'https://k8s.shop.invalid'),
    });
    expect(found.map((f) => [f.ruleId, f.severity, f.range.startLine])).toEqual([['secrets/jwt', 'critical', 10]]);
    expect(found[0]?.message).toContain('service-account');
  });

  it('rates the dummy kubeconfig of a CI job low', () => {
    const found = scanText({
      path: '.github/kind/kubeconfig',
      text: kubeconfig(serviceAccountJwt(), 'https://127.0.0.1:6443'),
    });
    expect(found.map((f) => [f.ruleId, f.severity])).toEqual([['secrets/jwt', 'low']]);
  });
});

describe('provider tokens keep their severity', () => {
  it('in a test file when the checksum holds, and drop to low there when it does not', () => {
    const live = githubStyleToken('ghp_');
    const broken = githubStyleToken('ghp_', false);
    const found = scanText({ path: 'tests/test_api.py', text: `LIVE = "${live}"\nBROKEN = "${broken}"\n` });
    expect(found.map((f) => [f.range.startLine, f.severity])).toEqual([
      [1, 'critical'],
      [2, 'low'],
    ]);
  });

  it('in CI configuration and documentation', () => {
    const token = githubStyleToken('ghp_');
    for (const path of ['.github/workflows/release.yml', 'docs/release.md'])
      expect(scanText({ path, text: `env:\n  GH_TOKEN: ${token}\n` }).map((f) => f.severity)).toEqual(['critical']);
  });
});

describe('long lines', () => {
  it('scans a 5 MB line of repeated `password=` in bounded windows and says what it did not examine', () => {
    const line = 'password='.repeat(Math.ceil((5 * 1024 * 1024) / 9));
    const text = `# generated\n${line}\nDB_PASSWORD=Vq7mK2pX9sLr4Tn8\n`;
    const result = scanFileText('data/big.env', text, ['env'], { fingerprintKey: 'k' });
    // The credential on the next line is still found, at its line.
    expect(result.findings.map((f) => [f.ruleId, f.range.startLine])).toEqual([['secrets/generic-credential', 3]]);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/^Line 2 is 5120 KiB .*provider tokens only/);
  });

  it('finds a credential in a CRLF .env', () => {
    const found = scanText({ path: '.env', text: 'A=1\r\nAPI_SECRET=Hx81bN3qZ0wLp5Rt\r\n' });
    expect(found.map((f) => `${f.ruleId}:${f.range.startLine}:${f.range.startColumn}`)).toEqual([
      'secrets/generic-credential:2:12',
    ]);
  });
});

describe('the default gate on test, CI and documentation inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const put = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  put('charts/api/Chart.yaml', 'apiVersion: v2\nname: api\nversion: 1.0.0\n');
  put('charts/api/values.yaml', 'auth:\n  existingSecret: api-auth\n');
  put('charts/api/ci/auth-values.yaml', 'auth:\n  password: Tz6vKq2nWm9Lx4Rp\n');
  put('.github/workflows/ci.yml', 'jobs:\n  test:\n    env:\n      APP_SECRET: Bv6nKq1ZpW8mLx3T\n');
  put('docs/install.md', 'Run `helm install api ./charts/api --set auth.password=Zq81vNw0pLk3Rt6Ys2Hd`.\n');
  put('e2e/test.env', 'SSO_CLIENT_SECRET=Zr5tGv8nQk2Lw7Mx\n');
  put('config/dev.exs', 'config :api, Api.Endpoint,\n  secret_key_base: "dV9kTq2ZpL7mWx4Rn8sBc1Hf6Jy3Kg5Ae0Nu"\n');
  put('pyproject.toml', '[tool.pytest.ini_options]\nenv = [\n    "API_SECRET=Pq8vNz3kLm6Wt1Xr",\n]\n');
  put('src/app.py', '# token = "Wk4nZp8qLx2Vt6RmQ3"\nimport os\n');

  it('reports them, all below high, each naming its context', async () => {
    const run = await runFixture(dir);
    expect(run.findings.length).toBeGreaterThanOrEqual(6);
    for (const f of run.findings) {
      expect(['low', 'info'], `${f.file}:${f.range.startLine} ${f.ruleId}`).toContain(f.severity);
      expect(f.properties?.context, `${f.file}:${f.range.startLine}`).toBeDefined();
    }
  });
});

describe('allow-lists from the repository config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-allow-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'config'));
  // 40 random alphanumerics and a `!`: `^([A-Za-z0-9]+)+$` fails on it only after exponential
  // backtracking in a backtracking engine.
  const secret = `${randomBytes(60)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 40)}!`;
  writeFileSync(join(dir, 'config', 'app.ini'), `[db]\npassword = ${secret}\n`);

  it('matches a catastrophic-backtracking regex in linear time (RE2JS) and still reports the secret', async () => {
    const run = await runFixture(dir, { allow: { regexes: ['^([A-Za-z0-9]+)+$'], paths: ['+(a|aa)+(a|aa)b'] } });
    expect(run.findings.map((f) => f.ruleId)).toEqual(['secrets/generic-credential']);
    expect(run.notifications).toEqual([]);
  });

  it('drops a finding whose secret an allow regex matches', async () => {
    const run = await runFixture(dir, { allow: { regexes: ['^[A-Za-z0-9]{40}!$'] } });
    expect(run.findings).toEqual([]);
  });

  it('reports an allow regex it cannot use instead of dropping it silently', async () => {
    const run = await runFixture(dir, { allow: { regexes: ['(unclosed', '^(?=[A-Za-z0-9])[A-Za-z0-9]+!$'] } });
    expect(run.findings.map((f) => f.ruleId)).toEqual(['secrets/generic-credential']);
    expect(run.notifications.map((n) => [n.level, n.code])).toEqual([
      ['error', 'config-invalid'],
      ['error', 'config-invalid'],
    ]);
    expect(run.notifications[0]?.message).toContain('secrets.allow.regexes[0]');
    expect(run.notifications[1]?.message).toMatch(/regexes\[1\].*lookaround/);
    expect(readSecretsConfig({ allow: { regexes: ['^ok$'] } }).invalid).toEqual([]);
  });
});
