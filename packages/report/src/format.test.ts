import type { RunResult } from '@shipshape/core';
import { describe, expect, it } from 'vitest';
import { emptyResult, RAW_SECRET, RAW_SECRET_2, readFile, sampleResult } from './__tests__/fixtures.js';
import type { FormatName } from './format.js';
import { FORMATS, formatResult, isFormatName } from './format.js';

const OPTION_SETS = [
  {},
  { readFile },
  { readFile, color: true, docsBaseUrl: 'https://example.org/rules', rootUri: 'file:///home/user/repo' },
];

function reversed(result: RunResult): RunResult {
  return {
    ...result,
    findings: [...result.findings].reverse(),
    notifications: [...result.notifications].reverse(),
    rules: Object.fromEntries(Object.entries(result.rules).reverse()),
  };
}

describe('formatResult', () => {
  it('offers every format', () => {
    expect([...FORMATS].sort()).toEqual(['github', 'gitlab-codequality', 'json', 'junit', 'markdown', 'sarif', 'text']);
    expect(isFormatName('sarif')).toBe(true);
    expect(isFormatName('toString')).toBe(false);
    expect(() => formatResult('xml' as FormatName, sampleResult())).toThrow(/Unknown report format "xml"/);
  });

  it.each(FORMATS)('%s never prints a raw secret value', (format) => {
    for (const options of OPTION_SETS) {
      const out = formatResult(format, sampleResult(), options);
      expect(out).not.toContain(RAW_SECRET);
      expect(out).not.toContain(RAW_SECRET_2);
      // Nor a long piece of one.
      expect(out).not.toContain(RAW_SECRET.slice(8, 24));
      expect(out).not.toContain(RAW_SECRET_2.slice(8, 24));
    }
  });

  it.each(FORMATS)('%s is deterministic, whatever the input order', (format) => {
    for (const options of OPTION_SETS) {
      const a = formatResult(format, sampleResult(), options);
      expect(formatResult(format, sampleResult(), options)).toBe(a);
      expect(formatResult(format, reversed(sampleResult()), options)).toBe(a);
    }
  });

  it.each(FORMATS)('%s is valid output with zero findings', (format) => {
    const out = formatResult(format, emptyResult());
    expect(out.length).toBeGreaterThan(0);
    expect(out.endsWith('\n')).toBe(true);
    if (format === 'json' || format === 'sarif' || format === 'gitlab-codequality')
      expect(() => JSON.parse(out)).not.toThrow();
    if (format === 'gitlab-codequality') expect(JSON.parse(out)).toEqual([]);
  });

  it.each(FORMATS)('%s does not mutate the result', (format) => {
    const result = sampleResult();
    const before = JSON.stringify(result);
    formatResult(format, result, { readFile });
    expect(JSON.stringify(result)).toBe(before);
  });
});

describe('gitlab-codequality', () => {
  it('maps each finding to a Code Quality issue', () => {
    const issues = JSON.parse(formatResult('gitlab-codequality', sampleResult()));
    expect(issues).toHaveLength(7);
    const root = issues.find((i: { check_name: string }) => i.check_name === 'docker/last-user-root');
    expect(root).toEqual({
      type: 'issue',
      check_name: 'docker/last-user-root',
      description: 'The final stage runs as root (USER root). Fix: Add `USER app` after creating an unprivileged user.',
      categories: ['Security'],
      severity: 'critical',
      fingerprint: 'fp-docker_last-user-root-Dockerfile-6',
      location: { path: 'Dockerfile', lines: { begin: 6, end: 6 } },
    });
    const severities = Object.fromEntries(
      issues.map((i: { check_name: string; severity: string }) => [i.check_name, i.severity]),
    );
    expect(severities).toMatchObject({
      'secrets/github-token': 'blocker',
      'docker/secret-in-env': 'critical',
      'docker/image-tag-latest': 'major',
      'js/eval': 'minor',
      'docker/env-instruction-with-value': 'info',
    });
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(issues.length);
  });
});
