import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSoundCycloneDx, expectValid } from '../packages/sbom/src/__tests__/schemas.js';
import { git, makeGitRepo, makeRepo, runCli } from './helpers.js';

/** A small OSV database of loose advisories (fictional packages), written at test time. */
function database(options: { cvss4?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-osv-'));
  const write = (eco: string, advisory: Record<string, unknown>) => {
    mkdirSync(join(dir, eco), { recursive: true });
    writeFileSync(join(dir, eco, `${advisory.id}.json`), JSON.stringify(advisory));
  };
  write('npm', {
    id: 'GHSA-e2e1-0001-0001',
    modified: '2099-01-02T00:00:00Z',
    published: '2099-01-01T00:00:00Z',
    aliases: ['CVE-2099-9001'],
    summary: 'Prototype pollution in e2e-lib',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: 'e2e-lib' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.4.2' }] }],
      },
    ],
  });
  write('npm', {
    id: 'GHSA-e2e2-0002-0002',
    modified: '2099-01-02T00:00:00Z',
    summary: 'Path traversal in e2e-widgets',
    database_specific: { severity: 'MODERATE' },
    affected: [{ package: { ecosystem: 'npm', name: 'e2e-widgets' }, versions: ['2.5.0'] }],
  });
  write('PyPI', {
    id: 'PYSEC-2099-900',
    modified: '2099-01-02T00:00:00Z',
    aliases: ['CVE-2099-9002', 'GHSA-e2e3-0003-0003'],
    summary: 'SQL injection in e2e-orm',
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'E2E_ORM' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.1' }] }],
      },
    ],
  });
  write('PyPI', {
    id: 'GHSA-e2e3-0003-0003',
    modified: '2099-01-02T00:00:00Z',
    aliases: ['CVE-2099-9002'],
    summary: 'SQL injection in e2e-orm',
    database_specific: { severity: 'HIGH' },
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'e2e-orm' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.1' }] }],
      },
    ],
  });
  if (options.cvss4)
    write('PyPI', {
      id: 'GHSA-e2e4-0004-0004',
      modified: '2099-01-02T00:00:00Z',
      summary: 'Information exposure in flask (fixture)',
      severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N' }],
      affected: [{ package: { ecosystem: 'PyPI', name: 'flask' }, versions: ['3.0.0'] }],
    });
  return dir;
}

function lock(lib: string, widgets: string): string {
  return `${JSON.stringify(
    {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { 'e2e-lib': '^1.0.0', 'e2e-widgets': '^2.0.0' } },
        'node_modules/e2e-lib': { version: lib, resolved: `https://registry.example.invalid/e2e-lib-${lib}.tgz` },
        'node_modules/e2e-widgets': {
          version: widgets,
          resolved: `https://registry.example.invalid/e2e-widgets-${widgets}.tgz`,
        },
      },
    },
    null,
    2,
  )}\n`;
}

const MANIFEST = `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'e2e-lib': '^1.0.0', 'e2e-widgets': '^2.0.0' } }, null, 2)}\n`;
const REQUIREMENTS = 'flask==3.0.0\ne2e.orm==2.0.0\n';

interface Finding {
  ruleId: string;
  severity: string;
  file: string;
  range: { startLine: number; endLine: number };
  fix: string | null;
  properties?: Record<string, unknown>;
}
const report = (stdout: string) =>
  JSON.parse(stdout) as { findings: Finding[]; notifications: { code: string; level: string; message: string }[] };

describe('shipshape vulns (built CLI)', () => {
  const db = database();

  it('reports each vulnerable component once per vulnerability, on its lockfile line, with properties and a fix', () => {
    const repo = makeRepo({
      'package.json': MANIFEST,
      'package-lock.json': lock('1.4.1', '2.5.0'),
      'requirements.txt': REQUIREMENTS,
    });
    const r = runCli(['vulns', repo, '--db', db, '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const { findings, notifications } = report(r.stdout);
    expect(findings.map((f) => [f.file, f.range.startLine, f.severity, f.properties?.advisory])).toEqual([
      ['package-lock.json', 15, 'critical', 'GHSA-e2e1-0001-0001'],
      ['package-lock.json', 19, 'medium', 'GHSA-e2e2-0002-0002'],
      ['requirements.txt', 2, 'high', 'GHSA-e2e3-0003-0003'],
    ]);
    expect(findings[2]?.properties).toMatchObject({
      aliases: ['CVE-2099-9002', 'PYSEC-2099-900'],
      package: 'pkg:pypi/e2e-orm@2.0.0',
      fixed: ['2.0.1'],
    });
    expect(findings[0]?.fix).toMatch(/Upgrade e2e-lib to 1\.4\.2 or later/);
    expect(notifications.map((n) => n.code)).toContain('vulns-db-age');
    // SARIF carries the properties too.
    const sarif = JSON.parse(runCli(['vulns', repo, '--db', db, '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results[0].properties).toMatchObject({
      advisory: 'GHSA-e2e1-0001-0001',
      aliases: ['CVE-2099-9001'],
    });
    // --fail-on raises the bar: the critical one still fails, critical-only passes when fixed.
    expect(runCli(['vulns', repo, '--db', db, '--fail-on', 'critical', '-q']).code).toBe(1);
    // Baselines hold vulnerabilities like any finding.
    const baseline = join(repo, 'baseline.json');
    expect(runCli(['vulns', repo, '--db', db, '--write-baseline', baseline]).code).toBe(0);
    const held = runCli(['vulns', repo, '--db', db, '--baseline', baseline, '--format', 'json']);
    expect(held.code).toBe(0);
    expect(report(held.stdout).findings).toEqual([]);
  });

  it('finds the database through SHIPSHAPE_OSV_DB or vulns.db, and is a usage error without one', () => {
    const repo = makeRepo({ 'requirements.txt': REQUIREMENTS });
    expect(runCli(['vulns', repo, '--format', 'json'], { env: { SHIPSHAPE_OSV_DB: db } }).code).toBe(1);
    const configured = makeRepo({ 'requirements.txt': REQUIREMENTS, '.shipshape.yaml': `vulns:\n  db: ${db}\n` });
    expect(runCli(['vulns', configured, '-q']).code).toBe(1);
    const none = runCli(['vulns', repo], { env: { SHIPSHAPE_OSV_DB: undefined } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no OSV database/);
  });

  it('scan runs vulns when a database is configured, and not otherwise', () => {
    const repo = makeRepo({ 'requirements.txt': REQUIREMENTS });
    const withDb = report(runCli(['scan', repo, '--format', 'json'], { env: { SHIPSHAPE_OSV_DB: db } }).stdout);
    expect(withDb.findings.filter((f) => f.ruleId === 'vulns/known-vulnerability')).toHaveLength(1);
    const without = report(runCli(['scan', repo, '--format', 'json'], { env: { SHIPSHAPE_OSV_DB: undefined } }).stdout);
    expect(without.findings.filter((f) => f.ruleId.startsWith('vulns/'))).toEqual([]);
    expect(runCli(['scan', repo, '--only', 'vulns'], { env: { SHIPSHAPE_OSV_DB: undefined } }).code).toBe(2);
  });

  it('vulns.ignore hides a vulnerability by alias until its expiry; an expired ignore reports it again', () => {
    const files = { 'requirements.txt': REQUIREMENTS };
    const held = makeRepo({
      ...files,
      '.shipshape.yaml':
        'vulns:\n  ignore:\n    - id: CVE-2099-9002\n      package: e2e-orm\n      reason: not deployed\n',
    });
    const r = runCli(['vulns', held, '--db', db, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(report(r.stdout).findings).toEqual([]);
    const lapsed = makeRepo({
      ...files,
      '.shipshape.yaml':
        'vulns:\n  ignore:\n    - id: PYSEC-2099-900\n      reason: waiting\n      expires: 2000-01-01\n',
    });
    const again = report(runCli(['vulns', lapsed, '--db', db, '--format', 'json']).stdout);
    expect(again.findings).toHaveLength(1);
    expect(again.notifications.map((n) => n.code)).toContain('vulns-ignore-expired');
    // An inline suppression may name the advisory by any alias, like a peer tool's id.
    const inline = makeRepo({
      'requirements.txt': 'flask==3.0.0\n# shipshape-ignore CVE-2099-9002 -- admin only\ne2e.orm==2.0.0\n',
    });
    expect(report(runCli(['vulns', inline, '--db', db, '--format', 'json']).stdout).findings).toEqual([]);
    const noReason = makeRepo({ ...files, '.shipshape.yaml': 'vulns:\n  ignore:\n    - id: PYSEC-2099-900\n' });
    expect(runCli(['vulns', noReason, '--db', db]).code).toBe(2);
  });

  it('an old database is a warning (vulns.maxDbAge, default 7 days)', () => {
    const old = database();
    for (const eco of ['npm', 'PyPI'])
      for (const name of ['GHSA-e2e1-0001-0001', 'GHSA-e2e2-0002-0002', 'PYSEC-2099-900', 'GHSA-e2e3-0003-0003'])
        try {
          utimesSync(join(old, eco, `${name}.json`), new Date('2020-01-01'), new Date('2020-01-01'));
        } catch {
          // not in this ecosystem
        }
    const repo = makeRepo({ 'requirements.txt': REQUIREMENTS });
    const r = report(runCli(['vulns', repo, '--db', old, '--format', 'json']).stdout);
    expect(r.notifications.find((n) => n.code === 'vulns-db-stale')?.level).toBe('warning');
    const lenient = makeRepo({ 'requirements.txt': REQUIREMENTS, '.shipshape.yaml': 'vulns:\n  maxDbAge: 100000\n' });
    const ok = report(runCli(['vulns', lenient, '--db', old, '--format', 'json']).stdout);
    expect(ok.notifications.map((n) => n.code)).not.toContain('vulns-db-stale');
  });

  it('--diff reports only vulnerabilities of components the change added or changed', () => {
    const repo = makeGitRepo({ 'package.json': MANIFEST, 'package-lock.json': lock('1.4.1', '2.4.0') });
    writeFileSync(join(repo, 'package-lock.json'), lock('1.4.1', '2.5.0'));
    git(repo, 'commit', '-qam', 'bump widgets');
    const all = report(runCli(['vulns', repo, '--db', db, '--format', 'json']).stdout).findings;
    expect(all.map((f) => f.properties?.advisory)).toEqual(['GHSA-e2e1-0001-0001', 'GHSA-e2e2-0002-0002']);
    const diff = runCli(['vulns', '.', '--db', db, '--diff', 'HEAD~1', '--format', 'json', '--fail-on', 'medium'], {
      cwd: repo,
    });
    expect(diff.code, diff.stderr).toBe(1);
    expect(report(diff.stdout).findings.map((f) => f.properties?.advisory)).toEqual(['GHSA-e2e2-0002-0002']);
  });

  it('sbom --db writes the matches as CycloneDX 1.6 vulnerabilities (schema-valid) and leaves SPDX alone', () => {
    const repo = makeRepo({
      'package.json': MANIFEST,
      'package-lock.json': lock('1.4.1', '2.5.0'),
      'requirements.txt': REQUIREMENTS,
    });
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const r = runCli(['sbom', repo, '--db', db], { env });
    expect(r.code, r.stderr).toBe(0);
    const bom = JSON.parse(r.stdout);
    expectValid('cdx-1.6', bom);
    expectSoundCycloneDx(bom);
    const refs = new Set((bom.components as { 'bom-ref': string }[]).map((c) => c['bom-ref']));
    expect(bom.vulnerabilities.map((v: { id: string }) => v.id)).toEqual([
      'GHSA-e2e1-0001-0001',
      'GHSA-e2e2-0002-0002',
      'GHSA-e2e3-0003-0003',
    ]);
    for (const v of bom.vulnerabilities) for (const a of v.affects) expect(refs.has(a.ref), a.ref).toBe(true);
    expect(bom.vulnerabilities[0]).toMatchObject({
      source: { name: 'GitHub' },
      ratings: [{ severity: 'critical', method: 'CVSSv31', score: 9.8 }],
      recommendation: expect.stringMatching(/1\.4\.2/),
      affects: [
        {
          ref: expect.stringMatching(/^pkg:npm\/e2e-lib@1\.4\.1/),
          versions: [{ version: '1.4.1', status: 'affected' }],
        },
      ],
    });
    expect(runCli(['sbom', repo, '--db', db], { env }).stdout).toBe(r.stdout);
    const plain = JSON.parse(runCli(['sbom', repo], { env }).stdout);
    expect(plain.vulnerabilities).toBeUndefined();
    expect(plain.serialNumber).not.toBe(bom.serialNumber);
    // CycloneDX 1.5 takes the same vulnerabilities, CVSS v4 ratings included; --split documents too.
    const v4 = database({ cvss4: true });
    const bom15 = JSON.parse(runCli(['sbom', repo, '--db', v4, '--spec', '1.5'], { env }).stdout);
    expectValid('cdx-1.5', bom15);
    expect(bom15.vulnerabilities.find((v: { id: string }) => v.id === 'GHSA-e2e4-0004-0004')?.ratings).toEqual([
      expect.objectContaining({ method: 'CVSSv4', severity: 'medium' }),
    ]);
    const split = runCli(['sbom', repo, '--db', v4, '--split'], { env });
    const docs = split.stdout
      .trim()
      .split(/\n(?=\{)/)
      .map((d) => JSON.parse(d));
    expect(docs.length).toBeGreaterThan(1);
    for (const d of docs) expectValid('cdx-1.6', d);
    expect(docs.flatMap((d) => (d.vulnerabilities ?? []).map((v: { id: string }) => v.id)).sort()).toEqual([
      'GHSA-e2e1-0001-0001',
      'GHSA-e2e2-0002-0002',
      'GHSA-e2e3-0003-0003',
      'GHSA-e2e4-0004-0004',
    ]);
    const spdx = runCli(['sbom', repo, '--db', db, '--format', 'spdx-json'], { env });
    expect(spdx.stdout).toBe(runCli(['sbom', repo, '--format', 'spdx-json'], { env }).stdout);
    expect(spdx.stderr).toMatch(/SPDX 2\.3 has no place for vulnerabilities/);
  });
});
