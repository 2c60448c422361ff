import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './helpers.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const section = (() => {
  const start = README.indexOf('\n## CI integrations\n');
  const end = README.indexOf('\n## ', start + 5);
  return README.slice(start, end === -1 ? undefined : end);
})();
const yamlBlocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
  (m) => load(m[1] as string) as Record<string, unknown>,
);

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  id?: string;
}

describe('README: CI integrations snippets', () => {
  it('has the three integrations, each a YAML block that parses', () => {
    expect(section).toContain('### GitHub Actions');
    expect(section).toContain('### pre-commit');
    expect(section).toContain('### GitLab CI');
    expect(yamlBlocks).toHaveLength(3);
  });

  it('the workflow uses only inputs the action declares, pins actions, and uploads SARIF', () => {
    const action = load(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    const workflow = yamlBlocks[0] as { jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }> };
    const job = Object.values(workflow.jobs)[0]!;
    expect(job.permissions['security-events']).toBe('write');
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const ours = job.steps.find((s) => s.uses?.startsWith('shipshape-dev/shipshape@'));
    expect(ours).toBeDefined();
    for (const key of Object.keys(ours?.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(String(upload?.with?.sarif_file)).toContain(`steps.${ours?.id}.outputs.sarif-file`);
    for (const s of job.steps) if (s.uses && s !== ours) expect(s.uses).toMatch(/@[0-9a-f]{40}$/);
  });

  it('the pre-commit config names hooks that exist', () => {
    const hooks = (load(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map(
      (h) => h.id,
    );
    const config = yamlBlocks[1] as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    expect(config.repos[0]?.rev).toMatch(/\S/);
    for (const h of config.repos[0]?.hooks ?? []) expect(hooks).toContain(h.id);
  });

  it('the GitLab job writes a code quality report with CLI options that exist', () => {
    const gitlab = yamlBlocks[2] as Record<
      string,
      { script: string[]; artifacts: { reports: { codequality: string } } }
    >;
    const job = Object.values(gitlab)[0]!;
    const command = job.script.find((l) => l.includes(' scan')) as string;
    expect(command).toContain('--diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA"');
    expect(command).toContain('--format gitlab-codequality --output gl-code-quality-report.json');
    expect(job.artifacts.reports.codequality).toBe('gl-code-quality-report.json');
    const help = runCli(['scan', '--help']).stdout;
    for (const flag of command.match(/--[a-z-]+/g) ?? []) expect(help, flag).toContain(flag);
    // The committed bundle: nothing to install in the job.
    expect(command).toMatch(/^node \S+\/dist\/shipshape\.mjs scan/);
    for (const line of job.script) expect(line).not.toMatch(/\bnpm (?:ci|install)\b|\bnpx\b/);
  });
});

describe('README: install instructions name no registry package this project does not own', () => {
  it('says `npx shipshape` only in the quick start, which runs inside this clone', () => {
    const quickStart = README.slice(
      README.indexOf('\n## Quick start\n'),
      README.indexOf('\n## ', README.indexOf('\n## Quick start\n') + 5),
    );
    const elsewhere = README.replace(quickStart, '');
    expect(quickStart).toContain('npx shipshape scan examples/');
    expect(elsewhere.match(/npx\s+shipshape/g) ?? []).toEqual([]);
  });

  it('says plainly that the packages are not on the npm registry, and how to get the CLI instead', () => {
    expect(README).toMatch(/not yet published to the npm registry/);
    expect(README).toContain('dist/shipshape.mjs');
    expect(README).toMatch(/npm install -g \S+/);
    expect(README).toMatch(/uses: shipshape-dev\/shipshape@<commit-sha>/);
  });
});
