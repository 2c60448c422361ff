import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, REPO_ROOT, SCHEMAS } from './helpers.js';

// What action.yml runs: the committed bundle's `ci github` command.
const BUNDLE = join(REPO_ROOT, 'dist/shipshape.mjs');

// A fake credential built in code (never a real one).
const PR_PASSWORD = ['Vt3', 'qLw8', 'ZmK2', 'xRp9', 'Nd'].join('');

const BASE_DOCKERFILE = [
  'FROM python:3.12-slim',
  'RUN apt-get update && apt-get install -y curl',
  'CMD ["python", "app.py"]',
  '',
].join('\n');
const PR_DOCKERFILE = [
  'FROM python:3.12-slim',
  'RUN apt-get update && apt-get install -y curl',
  'RUN curl -fsSL https://example.com/install.sh | sh',
  'CMD ["python", "app.py"]',
  '',
].join('\n');

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints?: Record<string, string>;
}

// ajv-draft-04 and ajv-formats are CommonJS with a `default` export.
const require = createRequire(import.meta.url);
type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const Ajv04 = require('ajv-draft-04').default as new (options: object) => { compile(schema: object): Validate };
const addFormats = require('ajv-formats').default as (ajv: unknown) => void;
const SARIF_SCHEMA = join(SCHEMAS, 'sarif-2.1.0.schema.json');

function sarifValidator(): Validate {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as object);
}

/**
 * An "origin" with main and a pull request, and `refs/pull/1/merge` like GitHub makes (main moved
 * on after the branch was cut). `files` go in the PR commit, under `prefix`.
 */
function makeOrigin(
  prFiles: Record<string, string>,
  baseFiles: Record<string, string> = { Dockerfile: BASE_DOCKERFILE },
): { origin: string; baseSha: string; headSha: string } {
  const origin = makeGitRepo({ 'README.md': '# demo\n', ...baseFiles });
  git(origin, 'checkout', '-q', '-b', 'feature');
  for (const [path, text] of Object.entries(prFiles)) {
    mkdirSync(join(origin, path, '..'), { recursive: true });
    writeFileSync(join(origin, path), text);
  }
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '--allow-empty', '-m', 'pull request');
  const headSha = git(origin, 'rev-parse', 'HEAD').trim();
  git(origin, 'checkout', '-q', 'main');
  writeFileSync(join(origin, 'CHANGELOG.md'), '# changes\n');
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '-m', 'main moves on');
  const baseSha = git(origin, 'rev-parse', 'HEAD').trim();
  git(origin, 'checkout', '-q', '--detach', 'main');
  git(origin, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature');
  git(origin, 'update-ref', 'refs/pull/1/merge', 'HEAD');
  git(origin, 'checkout', '-q', 'main');
  return { origin, baseSha, headSha };
}

/** What actions/checkout does on a pull_request event by default: one commit of the merge ref. */
function checkoutPullRequest(origin: string): string {
  const ws = join(mkdtempSync(join(tmpdir(), 'shipshape-gha-')), 'workspace');
  mkdirSync(ws);
  git(ws, 'init', '-q');
  git(ws, 'remote', 'add', 'origin', `file://${origin}`);
  git(ws, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/pull/1/merge:refs/remotes/pull/1/merge');
  git(ws, 'checkout', '-q', '--detach', 'refs/remotes/pull/1/merge');
  return ws;
}

interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  outputsText: string;
  summary: string;
  workspace: string;
}

/** Runs the action's script as its step would, with the variables a workflow run sets. */
function runAction(
  workspace: string,
  options: { event?: string; baseRef?: string; event_payload?: unknown; inputs?: Record<string, string> } = {},
): ActionRun {
  const runner = mkdtempSync(join(tmpdir(), 'shipshape-runner-'));
  const eventPath = join(runner, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.event_payload ?? {}));
  const outputFile = join(runner, 'output');
  const summaryFile = join(runner, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs = {
    path: '.',
    'fail-on': 'high',
    'diff-base': 'auto',
    baseline: '',
    'sarif-file': 'shipshape.sarif',
    args: '',
    ...options.inputs,
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runner,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event ?? 'pull_request',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventPath,
    RUNNER_TEMP: runner,
  };
  if ((options.event ?? 'pull_request') === 'pull_request') {
    env.GITHUB_BASE_REF = options.baseRef ?? 'main';
    env.GITHUB_HEAD_REF = 'feature';
  }
  // As action.yml maps them: INPUT_<NAME> with dashes as underscores, upper case.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`] = value;
  const r = spawnSync(process.execPath, [BUNDLE, 'ci', 'github'], {
    cwd: workspace,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const outputsText = readFileSync(outputFile, 'utf8');
  const outputs = Object.fromEntries(
    outputsText
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    outputs,
    outputsText,
    summary: readFileSync(summaryFile, 'utf8'),
    workspace,
  };
}

const annotations = (stdout: string) => stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));

describe('the GitHub Action script on a pull_request event', () => {
  let origin: { origin: string; baseSha: string; headSha: string };
  let run: ActionRun;
  let sarif: { runs: { results: SarifResult[] }[] };

  beforeAll(() => {
    origin = makeOrigin({
      Dockerfile: PR_DOCKERFILE,
      'config/app.yaml': `database:\n  password: "${PR_PASSWORD}"\n`,
    });
    const ws = checkoutPullRequest(origin.origin);
    expect(git(ws, 'rev-parse', '--is-shallow-repository').trim()).toBe('true');
    run = runAction(ws, {
      event_payload: {
        pull_request: {
          number: 1,
          base: { ref: 'main', sha: origin.baseSha },
          head: { ref: 'feature', sha: origin.headSha },
        },
      },
    });
    sarif = JSON.parse(readFileSync(join(ws, 'shipshape.sarif'), 'utf8'));
  });

  it('fetches the missing base into the shallow checkout and exits 1 on new high findings', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(1);
    expect(git(run.workspace, 'rev-parse', 'origin/main').trim()).toBe(origin.baseSha);
  });

  it('annotates only the lines the pull request added', () => {
    const lines = annotations(run.stdout);
    expect(lines).toContainEqual(
      expect.stringMatching(/^::error file=Dockerfile,line=3,.*title=docker\/download-piped-to-shell \(high\)::/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^::error file=config\/app\.yaml,line=2,.*title=secrets\//));
    // Line 2 of the Dockerfile had findings before the PR: none of them is annotated.
    expect(lines.filter((l) => /file=Dockerfile,line=2,/.test(l))).toEqual([]);
    expect(lines.filter((l) => /file=Dockerfile,line=1,/.test(l))).toEqual([]);
    expect(run.stdout).not.toContain(PR_PASSWORD);
  });

  it('writes SARIF that is valid 2.1.0 and holds exactly the new findings', () => {
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = sarif.runs[0]!.results;
    const where = results.map(
      (r) =>
        `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`,
    );
    expect(new Set(where)).toEqual(new Set(['Dockerfile:3', 'config/app.yaml:2']));
    expect(results.map((r) => r.ruleId)).toContain('docker/download-piped-to-shell');
    for (const r of results) expect(r.partialFingerprints?.primaryLocationLineHash).toMatch(/\S/);
    // The SARIF, annotations and the findings output count the same findings.
    expect(annotations(run.stdout).filter((l) => / file=/.test(l))).toHaveLength(results.length);
    expect(JSON.stringify(sarif)).not.toContain(PR_PASSWORD);
  });

  it('writes the outputs: findings, sarif-file, exit-code', () => {
    expect(run.outputs.findings).toBe(String(sarif.runs[0]!.results.length));
    expect(run.outputs['sarif-file']).toBe('shipshape.sarif');
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.outputsText.endsWith('\n')).toBe(true);
  });

  it('appends a markdown report with a findings table to the job summary', () => {
    expect(run.summary).toMatch(/^## shipshape report/m);
    expect(run.summary).toContain('| Severity | Rule | Location | Message |');
    expect(run.summary).toMatch(/\| high \| `docker\/download-piped-to-shell` \| `Dockerfile:3:\d+` \|/);
    expect(run.summary).toContain('origin/main');
    expect(run.summary).not.toMatch(/Dockerfile:2:/);
    expect(run.summary).not.toContain(PR_PASSWORD);
  });
});

describe('the GitHub Action script: other events and inputs', () => {
  it('a push event scans everything (no diff base): old findings count too', () => {
    const { origin } = makeOrigin({ Dockerfile: PR_DOCKERFILE });
    const ws = checkoutPullRequest(origin);
    const r = runAction(ws, { event: 'push' });
    expect(r.code).toBe(1);
    expect(annotations(r.stdout).some((l) => /file=Dockerfile,line=2,/.test(l))).toBe(true);
    expect(Number(r.outputs.findings)).toBeGreaterThan(2);
    expect(r.summary).not.toContain('Diff gating');
  });

  it('a clean pull request exits 0 with findings=0, though the base has findings', () => {
    const { origin } = makeOrigin({ 'docs/usage.md': '# usage\n' });
    const r = runAction(checkoutPullRequest(origin));
    expect(r.code).toBe(0);
    expect(r.outputs.findings).toBe('0');
    expect(r.outputs['exit-code']).toBe('0');
    expect(annotations(r.stdout).filter((l) => / file=/.test(l))).toEqual([]);
    expect(r.summary).toMatch(/No findings/);
    const sarif = JSON.parse(readFileSync(join(r.workspace, 'shipshape.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toEqual([]);
  });

  it('fail-on, sarif-file, path and args inputs: paths stay relative to the repository root', () => {
    const { origin } = makeOrigin(
      { 'services/api/Dockerfile': PR_DOCKERFILE },
      { 'services/api/Dockerfile': BASE_DOCKERFILE },
    );
    const ws = checkoutPullRequest(origin);
    const r = runAction(ws, {
      inputs: {
        path: 'services/api',
        'fail-on': 'critical',
        'sarif-file': 'reports/out.sarif',
        args: '--only dockerfile',
      },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // high findings, but only critical fails
    expect(annotations(r.stdout)).toContainEqual(
      expect.stringMatching(/^::error file=services\/api\/Dockerfile,line=3,/),
    );
    expect(r.outputs['sarif-file']).toBe('reports/out.sarif');
    const sarif = JSON.parse(readFileSync(join(ws, 'reports/out.sarif'), 'utf8'));
    const validate = sarifValidator();
    expect(validate(sarif)).toBe(true);
    const uris = sarif.runs[0].results.map((x: SarifResult) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri).toBe('services/api/Dockerfile');
  });

  it('sarif-scope full: the gate and annotations see only new findings, the SARIF every finding', () => {
    const { origin } = makeOrigin({ Dockerfile: PR_DOCKERFILE });
    const r = runAction(checkoutPullRequest(origin), { inputs: { 'sarif-scope': 'full' } });
    expect(r.code).toBe(1);
    const lines = annotations(r.stdout).filter((l) => / file=/.test(l));
    for (const l of lines) expect(l).toMatch(/file=Dockerfile,line=3,/);
    const sarif = JSON.parse(readFileSync(join(r.workspace, 'shipshape.sarif'), 'utf8'));
    expect(sarifValidator()(sarif)).toBe(true);
    const startLines = sarif.runs[0].results.map((x: SarifResult) => x.locations[0]!.physicalLocation.region.startLine);
    expect(startLines).toContain(2); // a pre-existing finding, absent from the gate
    expect(startLines).toContain(3);
    expect(r.outputs.findings).toBe(String(lines.length));
    expect(runAction(checkoutPullRequest(origin), { inputs: { 'sarif-scope': 'bogus' } }).code).toBe(2);
  });

  it('a baseline hides accepted findings', () => {
    const { origin } = makeOrigin({ Dockerfile: PR_DOCKERFILE });
    const ws = checkoutPullRequest(origin);
    const write = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'apps/cli/bin/shipshape.js'), 'scan', '.', '--write-baseline', '.shipshape-baseline.json'],
      {
        cwd: ws,
        encoding: 'utf8',
      },
    );
    expect(write.status).toBe(0);
    const r = runAction(ws, { inputs: { baseline: '.shipshape-baseline.json' } });
    expect(r.code).toBe(0);
    expect(r.outputs.findings).toBe('0');
  });

  it('a base that cannot be fetched: exit 2, the CLI explains, outputs and summary still written', () => {
    const { origin } = makeOrigin({ Dockerfile: PR_DOCKERFILE });
    const ws = checkoutPullRequest(origin);
    const r = runAction(ws, { baseRef: 'no-such-branch' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not found/);
    expect(r.stderr).toMatch(/shallow/);
    expect(r.stderr).toMatch(/fetch/);
    expect(r.stdout).toMatch(/^::error title=shipshape::.*shallow/m);
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.outputs.findings).toBeUndefined();
    expect(r.summary).toMatch(/did not complete/);
    expect(existsSync(join(ws, 'shipshape.sarif'))).toBe(false);
  });

  it('diff-base "none" forces a full scan on a pull request; an explicit SHA is fetched too', () => {
    const { origin, baseSha } = makeOrigin({ Dockerfile: PR_DOCKERFILE });
    const full = runAction(checkoutPullRequest(origin), { inputs: { 'diff-base': 'none' } });
    expect(annotations(full.stdout).some((l) => /file=Dockerfile,line=2,/.test(l))).toBe(true);
    const bySha = runAction(checkoutPullRequest(origin), { inputs: { 'diff-base': baseSha } });
    expect(bySha.code).toBe(1);
    const lines = annotations(bySha.stdout).filter((l) => / file=/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/file=Dockerfile,line=3,/);
  });
});

describe('action.yml', () => {
  const action = load(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    name: string;
    description: string;
    inputs: Record<string, { default?: string; required?: boolean; description: string }>;
    outputs: Record<string, { value: string }>;
    runs: {
      using: string;
      steps: {
        uses?: string;
        run?: string;
        id?: string;
        env?: Record<string, string>;
        shell?: string;
        'working-directory'?: string;
      }[];
    };
  };

  it('declares the inputs with their defaults, and the outputs', () => {
    expect(action.name).toBeTruthy();
    expect(Object.keys(action.inputs).sort()).toEqual([
      'args',
      'baseline',
      'diff-base',
      'fail-on',
      'path',
      'sarif-file',
      'sarif-scope',
    ]);
    expect(action.inputs['sarif-scope']?.default).toBe('diff');
    expect(action.inputs.path?.default).toBe('.');
    expect(action.inputs['fail-on']?.default).toBe('high');
    expect(action.inputs['diff-base']?.default).toBe('auto');
    expect(action.inputs['sarif-file']?.default).toBe('shipshape.sarif');
    for (const input of Object.values(action.inputs)) expect(input.description).toMatch(/\S/);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'findings', 'sarif-file']);
    for (const [name, out] of Object.entries(action.outputs))
      expect(out.value).toBe(`\${{ steps.scan.outputs.${name} }}`);
  });

  it('is a composite action that runs the committed bundle once, with no install or build, inputs through env', () => {
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps;
    for (const s of steps) expect(s.run ?? '').not.toMatch(/\bnpm (?:ci|install|run)\b|\bnpx\b/);
    const scan = steps.find((s) => s.id === 'scan');
    expect(scan?.run).toBe('node "$GITHUB_ACTION_PATH/dist/shipshape.mjs" ci github');
    expect(steps.filter((s) => s.run)).toHaveLength(1);
    expect(existsSync(BUNDLE)).toBe(true);
    // Inputs reach the step through env, never interpolated into the shell script.
    for (const s of steps) expect(s.run ?? '').not.toMatch(/\$\{\{\s*inputs\./);
    for (const name of Object.keys(action.inputs))
      expect(scan?.env?.[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
  });

  it('pins every third-party action to a full commit SHA and uses Node 20', () => {
    const used = action.runs.steps.filter((s) => s.uses).map((s) => s.uses as string);
    for (const uses of used) expect(uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    const node = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@')) as
      | { with?: Record<string, string> }
      | undefined;
    expect(node?.with?.['node-version']).toBe('20');
  });
});
