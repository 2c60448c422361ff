import { describe, expect, it } from 'vitest';
import { emptyResult, sampleResult } from './__tests__/fixtures.js';
import { formatJson } from './json.js';

describe('json', () => {
  it('has the documented top-level shape and a trailing newline', () => {
    const text = formatJson(sampleResult());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "tool": {');
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual(['tool', 'findings', 'notifications', 'summary']);
    expect(json.tool).toEqual({ name: 'shipshape', version: '0.1.0' });
  });

  it("uses a finding's own narrower aliases over its rule's", () => {
    const result = sampleResult();
    const target = result.findings.find((f) => f.ruleId === 'docker/last-user-root');
    if (!target) throw new Error('fixture changed');
    target.aliases = ['DL3002'];
    const json = JSON.parse(formatJson(result));
    expect(json.findings.find((f: { ruleId: string }) => f.ruleId === 'docker/last-user-root').aliases).toEqual([
      'DL3002',
    ]);
  });

  it('writes findings in canonical order with aliases, fix null and secret/properties when present', () => {
    const json = JSON.parse(formatJson(sampleResult()));
    expect(
      json.findings.map((f: { file: string; range: { startLine: number } }) => `${f.file}:${f.range.startLine}`),
    ).toEqual([
      '.env:1',
      '.env:3',
      'Dockerfile:1',
      'Dockerfile:3',
      'Dockerfile:3',
      'Dockerfile:6',
      'src/weird <name> & "q".js:2',
    ]);
    const root = json.findings.find((f: { ruleId: string }) => f.ruleId === 'docker/last-user-root');
    expect(root).toEqual({
      ruleId: 'docker/last-user-root',
      aliases: ['DL3002', 'DS002', 'CKV_DOCKER_8'],
      severity: 'high',
      message: 'The final stage runs as root (USER root).',
      file: 'Dockerfile',
      range: { startLine: 6, startColumn: 1, endLine: 6, endColumn: 10 },
      fingerprint: 'fp-docker_last-user-root-Dockerfile-6',
      fix: 'Add `USER app` after creating an unprivileged user.',
      properties: { stage: 'final', stageIndex: 0 },
    });
    expect(Object.keys(root)).toEqual([
      'ruleId',
      'aliases',
      'severity',
      'message',
      'file',
      'range',
      'fingerprint',
      'fix',
      'properties',
    ]);
    const unknownRule = json.findings.find((f: { ruleId: string }) => f.ruleId === 'js/eval');
    expect(unknownRule.aliases).toEqual([]);
    expect(unknownRule.fix).toBeNull();
    expect('secret' in unknownRule).toBe(false);
    expect('properties' in unknownRule).toBe(false);
    const secret = json.findings.find((f: { ruleId: string }) => f.ruleId === 'secrets/github-token');
    expect(secret.secret).toEqual({ redacted: 'ghp_******** (40 chars)', entropy: 4.2 });
    const tracked = json.findings.find((f: { ruleId: string }) => f.ruleId === 'secrets/env-file-tracked');
    expect(tracked.fileLevel).toBe(true);
  });

  it('summarises counts, totals and the fail-on verdict', () => {
    const json = JSON.parse(formatJson(sampleResult()));
    expect(json.summary).toEqual({
      bySeverity: { critical: 1, high: 3, medium: 1, low: 1, info: 1 },
      total: 7,
      filesScanned: 12,
      suppressed: 2,
      baselined: 1,
      failOn: 'high',
      failed: true,
    });
    const lowOnly = sampleResult();
    lowOnly.findings = lowOnly.findings.filter((f) => f.severity === 'low' || f.severity === 'info');
    expect(JSON.parse(formatJson(lowOnly)).summary.failed).toBe(false);
    lowOnly.failOn = 'low';
    expect(JSON.parse(formatJson(lowOnly)).summary.failed).toBe(true);
    const none = sampleResult();
    none.failOn = 'none';
    expect(JSON.parse(formatJson(none)).summary.failed).toBe(false);
  });

  it('writes notifications sorted by level', () => {
    const json = JSON.parse(formatJson(sampleResult()));
    expect(json.notifications).toEqual([
      { level: 'error', code: 'unreadable', message: 'Permission denied.' },
      { level: 'warning', code: 'file-too-large', message: 'Skipped: larger than 5 MB.', file: 'dist/bundle.js' },
      {
        level: 'info',
        code: 'parse-error',
        message: 'Could not parse: unexpected token at 3:1.',
        file: 'charts/x/values.yaml',
      },
    ]);
  });

  it('is valid with zero findings', () => {
    const json = JSON.parse(formatJson(emptyResult()));
    expect(json.findings).toEqual([]);
    expect(json.notifications).toEqual([]);
    expect(json.summary.total).toBe(0);
    expect(json.summary.failed).toBe(false);
  });
});
