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
