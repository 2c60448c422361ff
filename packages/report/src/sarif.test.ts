import type { Finding, RunResult } from '@shipshape/core';
import { describe, expect, it } from 'vitest';
import { emptyResult, sampleResult } from './__tests__/fixtures.js';
import { sarifValidator } from './__tests__/sarif-schema.js';
import { formatSarif, SARIF_MAX_RESULTS, toRelativeUri, toSarifLog } from './sarif.js';

// biome-ignore lint/suspicious/noExplicitAny: SARIF is checked structurally in these tests.
type Json = any;

function parse(result: RunResult, options = {}): Json {
  return JSON.parse(formatSarif(result, options));
}

function expectValid(log: unknown): void {
  const validate = sarifValidator();
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

describe('sarif', () => {
  it('is valid SARIF 2.1.0 with zero results', () => {
    const log = parse(emptyResult());
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
    expect(log.runs[0].invocations[0]).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
  });

  it('names the run for code scanning (automationDetails.id per analyzer set) and gives the driver a fullName', () => {
    const log = parse({ ...sampleResult(), analyzers: ['dockerfile', 'secrets'] });
    expectValid(log);
    expect(log.runs[0].automationDetails).toEqual({ id: 'shipshape/dockerfile+secrets/' });
    expect(log.runs[0].tool.driver.fullName).toBe(`shipshape ${log.runs[0].tool.driver.version}`);
    const azure = { id: 'azuredevops/pipeline/build/o/p/1/g/main/2', properties: { k: 'v' } };
    expect(parse(sampleResult(), { automationDetails: azure }).runs[0].automationDetails).toEqual(azure);
  });

  it('has a validator that rejects what GitHub would reject', () => {
    const log = parse(sampleResult());
    log.runs[0].results[0].level = 'critical';
    expect(sarifValidator()(log)).toBe(false);
    const log2 = parse(sampleResult());
    log2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(sarifValidator()(log2)).toBe(false);
  });

  it('is valid SARIF 2.1.0 with several results, notifications and a root URI', () => {
    expectValid(parse(sampleResult()));
    expectValid(parse(sampleResult(), { docsBaseUrl: 'https://example.org/rules', rootUri: 'file:///home/user/repo' }));
  });

  it('describes the driver and every rule that has results, sorted, with a matching ruleIndex', () => {
    const log = parse(sampleResult(), { docsBaseUrl: 'https://example.org/rules/' });
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({
      name: 'shipshape',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: 'https://example.org/shipshape',
    });
    const ids = driver.rules.map((r: Json) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids)).toEqual(new Set(sampleResult().findings.map((f) => f.ruleId)));
    for (const res of log.runs[0].results) expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);

    const root = driver.rules.find((r: Json) => r.id === 'docker/last-user-root');
    expect(root.name).toBe('DockerLastUserRoot');
    expect(root.shortDescription.text).toBe('Final stage runs as root');
    expect(root.fullDescription.text).toBe('A final build stage whose last `USER` is root.');
    expect(root.help.markdown).toContain('## Why it matters');
    expect(root.help.text).toContain('Root in the container eases escapes.');
    expect(root.helpUri).toBe('https://example.org/rules/docker/last-user-root');
    expect(root.defaultConfiguration.level).toBe('error');
    expect(root.properties['security-severity']).toBe('8.0');
    expect(root.properties.tags).toEqual(['security', 'cis-docker-4.1', 'cwe-250']);
    expect(root.properties.precision).toBe('high');

    const token = driver.rules.find((r: Json) => r.id === 'secrets/github-token');
    expect(token.properties['security-severity']).toBe('9.5');
    expect(token.defaultConfiguration.level).toBe('error');
    // No metadata: takes the level of its most severe result; help points at the CLI.
    const unknown = driver.rules.find((r: Json) => r.id === 'js/eval');
    expect(unknown.defaultConfiguration.level).toBe('note');
    expect(unknown.properties['security-severity']).toBe('3.0');
    expect(unknown.help.text).toContain('shipshape rules js/eval');
  });

  it('maps severities to levels and writes locations, fingerprints and properties', () => {
    const log = parse(sampleResult());
    const results: Json[] = log.runs[0].results;
    const level = (ruleId: string) => results.find((r) => r.ruleId === ruleId).level;
    expect(level('secrets/github-token')).toBe('error'); // critical
    expect(level('docker/last-user-root')).toBe('error'); // high
    expect(level('docker/image-tag-latest')).toBe('warning'); // medium
    expect(level('js/eval')).toBe('note'); // low
    expect(level('docker/env-instruction-with-value')).toBe('note'); // info
    for (const r of results) expect(['error', 'warning', 'note']).toContain(r.level);

    const root = results.find((r) => r.ruleId === 'docker/last-user-root');
    expect(root.message.text).toBe(
      'The final stage runs as root (USER root).\nFix: Add `USER app` after creating an unprivileged user.',
    );
    expect(root.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' },
          region: { startLine: 6, startColumn: 1, endLine: 6, endColumn: 10 },
        },
      },
    ]);
    expect(root.partialFingerprints).toEqual({
      primaryLocationLineHash: 'fp-docker_last-user-root-Dockerfile-6',
      'shipshape/v1': 'fp-docker_last-user-root-Dockerfile-6',
    });
    expect(root.properties).toMatchObject({
      aliases: ['DL3002', 'DS002', 'CKV_DOCKER_8'],
      stage: 'final',
      stageIndex: 0,
    });

    const secret = results.find((r) => r.ruleId === 'secrets/github-token');
    expect(secret.properties.secret).toEqual({ redacted: 'ghp_******** (40 chars)', entropy: 4.2 });
  });

  it('writes notifications as tool execution notifications', () => {
    const inv = parse(sampleResult()).runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(true);
    expect(inv.toolExecutionNotifications.map((n: Json) => [n.level, n.descriptor.id])).toEqual([
      ['error', 'unreadable'],
      ['warning', 'file-too-large'],
      ['note', 'parse-error'],
    ]);
    expect(inv.toolExecutionNotifications[1].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'dist/bundle.js',
      uriBaseId: '%SRCROOT%',
    });
  });

  it('keeps URIs relative, POSIX and percent-encoded; never file:// paths', () => {
    const result = sampleResult();
    result.findings.push(
      { ...result.findings[0]!, file: '/home/user/repo/app/Dockerfile', fingerprint: 'abs' },
      { ...result.findings[0]!, file: 'win\\dir\\Dockerfile', fingerprint: 'win' },
      { ...result.findings[0]!, file: './deploy/my chart#1/values?.yaml', fingerprint: 'odd' },
    );
    const text = formatSarif(result);
    expect(text).not.toContain('file://');
    const log = JSON.parse(text);
    expectValid(log);
    const uris: string[] = log.runs[0].results.map((r: Json) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('app/Dockerfile');
    expect(uris).toContain('win/dir/Dockerfile');
    expect(uris).toContain('deploy/my%20chart%231/values%3F.yaml');
    expect(uris).toContain('src/weird%20%3Cname%3E%20%26%20%22q%22.js');
    for (const uri of uris) {
      expect(uri).not.toMatch(/^\/|^[a-z]+:|\\/i);
      expect(() => new URL(uri, 'https://x.invalid/root/')).not.toThrow();
    }
    expect(toRelativeUri('a/./b//c')).toBe('a/b/c');
  });

  it('writes originalUriBaseIds only when a root URI is given, ending in a slash', () => {
    expect(parse(sampleResult()).runs[0].originalUriBaseIds).toBeUndefined();
    expect(parse(sampleResult(), { rootUri: 'file:///home/user/repo' }).runs[0].originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///home/user/repo/' },
    });
  });

  it('clamps bad ranges to positions >= 1 with the end not before the start', () => {
    const result = emptyResult();
    const base = sampleResult().findings[0]!;
    result.findings = [
      { ...base, range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 } },
      { ...base, range: { startLine: 5, startColumn: 9, endLine: 5, endColumn: 2 }, fingerprint: 'b' },
      { ...base, range: { startLine: 7, startColumn: 3, endLine: 4, endColumn: 1 }, fingerprint: 'c' },
    ];
    const log = parse(result);
    expectValid(log);
    for (const r of log.runs[0].results) {
      const g = r.locations[0].physicalLocation.region;
      for (const v of Object.values(g) as number[]) expect(v).toBeGreaterThanOrEqual(1);
      expect(g.endLine).toBeGreaterThanOrEqual(g.startLine);
      if (g.endLine === g.startLine) expect(g.endColumn).toBeGreaterThanOrEqual(g.startColumn);
    }
  });

  it('caps results at the GitHub limit, keeping the most severe, and says so', () => {
    const result = emptyResult();
    const base: Finding = sampleResult().findings[0]!;
    const n = SARIF_MAX_RESULTS + 3;
    result.findings = Array.from({ length: n }, (_, i) => ({
      ...base,
      severity: i < 3 ? 'critical' : 'low',
      fingerprint: `f${i}`,
      range: { startLine: n - i, startColumn: 1, endLine: n - i, endColumn: 2 },
    }));
    const log = toSarifLog(result) as Json;
    const run = log.runs[0];
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(run.results.filter((r: Json) => r.level === 'error')).toHaveLength(3);
    expect(run.invocations[0].toolExecutionNotifications.at(-1).descriptor.id).toBe('results-truncated');
  });

  it('omits semanticVersion for non-semver versions and informationUri when unknown', () => {
    const result = emptyResult();
    result.tool = { name: 'shipshape', version: 'dev' };
    const log = parse(result);
    expectValid(log);
    expect(log.runs[0].tool.driver.semanticVersion).toBeUndefined();
    expect(log.runs[0].tool.driver.informationUri).toBeUndefined();
  });
});
