import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, REPO_ROOT, runCli } from './helpers.js';

// Microsoft's SARIF Multitool (a self-contained .NET build shipped in an npm package) validates what
// the JSON Schema cannot: the rules of the SARIF spec, GitHub code scanning's ingestion rules and
// GitHub Advanced Security for Azure DevOps' (GHAzDO) required properties.
const require = createRequire(import.meta.url);
const MULTITOOL = join(dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json')), 'Sarif.Multitool');

interface MultitoolResult {
  ruleId: string;
  level?: string;
  message: { text?: string };
}

/** Runs `validate` with the given rule kinds; returns its error- and warning-level results. */
function validate(sarifFile: string, ruleKind: string): MultitoolResult[] {
  const out = join(mkdtempSync(join(tmpdir(), 'shipshape-multitool-')), 'validation.sarif');
  const r = spawnSync(
    MULTITOOL,
    [
      'validate',
      sarifFile,
      '--rule-kind',
      ruleKind,
      '--level',
      'Error;Warning',
      '--output',
      out,
      '--log',
      'ForceOverwrite',
    ],
    { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' }, timeout: 120_000 },
  );
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: MultitoolResult[] }[] };
  return log.runs.flatMap((run) => run.results ?? []).filter((x) => x.level === 'error' || x.level === 'warning');
}

const summary = (results: MultitoolResult[]) => results.map((r) => `${r.ruleId}: ${r.message.text ?? ''}`);

const AZURE_PIPELINES = {
  TF_BUILD: 'True',
  SYSTEM_COLLECTIONURI: 'https://dev.azure.com/acme/',
  SYSTEM_TEAMPROJECT: 'storefront',
  SYSTEM_DEFINITIONID: '17',
  BUILD_DEFINITIONNAME: 'storefront-ci',
  SYSTEM_PHASEID: '3f2c8a1e-5b7d-4c9e-8f10-2a6b4d8c0e12',
  SYSTEM_PHASENAME: 'Job',
  BUILD_SOURCEBRANCH: 'refs/heads/main',
  BUILD_BUILDID: '4242',
};

describe.runIf(process.platform === 'linux')('SARIF accepted by the SARIF Multitool', () => {
  const demo = join(REPO_ROOT, 'examples/demo-app');

  it('the demo scan: no errors or warnings for the SARIF and GitHub rule kinds', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'shipshape-sarif-')), 'scan.sarif');
    const scan = runCli(['scan', demo, '--format', 'sarif', '--output', file]);
    expect(scan.code).toBe(1);
    const sarif = JSON.parse(readFileSync(file, 'utf8'));
    expect(sarif.runs[0].automationDetails.id).toBe('shipshape/dockerfile+sbom+secrets+workloads/');
    expect(sarif.runs[0].tool.driver.fullName).toMatch(/^Shipshape \d+\.\d+\.\d+/);
    expect(sarif.runs[0].results.length).toBeGreaterThan(10);
    expect(summary(validate(file, 'Sarif'))).toEqual([]);
    expect(summary(validate(file, 'Gh'))).toEqual([]);
  });

  it('under Azure Pipelines: no errors or warnings for the SARIF, GitHub and GHAzDO rule kinds', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'shipshape-sarif-')), 'scan.sarif');
    const scan = runCli(['scan', demo, '--format', 'sarif', '--output', file], { env: AZURE_PIPELINES });
    expect(scan.code).toBe(1);
    const run = JSON.parse(readFileSync(file, 'utf8')).runs[0];
    expect(run.automationDetails.id).toBe(
      'azuredevops/pipeline/build/acme/storefront/17/3f2c8a1e-5b7d-4c9e-8f10-2a6b4d8c0e12/refs%2Fheads%2Fmain/4242',
    );
    for (const kind of ['Sarif', 'Gh', 'Ghazdo']) expect(summary(validate(file, kind)), kind).toEqual([]);
  });

  it('a clean scan (no results) is valid too; without the Azure properties GHAzDO would refuse it', () => {
    const repo = makeRepo({ Dockerfile: 'FROM scratch\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n' });
    const file = join(repo, 'clean.sarif');
    expect(runCli(['scan', repo, '--only', 'dockerfile', '--format', 'sarif', '--output', file]).code).toBe(0);
    expect(summary(validate(file, 'Sarif'))).toEqual([]);
    expect(summary(validate(file, 'Gh'))).toEqual([]);
    // Outside Azure Pipelines the GitHub-style id is written, which GHAzDO rejects by design.
    expect(validate(file, 'Ghazdo').map((r) => r.ruleId)).toContain('GHAzDO1020');
  });
});
