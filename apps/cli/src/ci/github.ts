/**
 * The GitHub Action's logic (action.yml runs `node dist/shipshape.mjs ci github`): resolve the diff
 * base from the workflow event, make sure it is in the (usually shallow) checkout, run one scan that
 * writes annotations, SARIF, a job summary and JSON, then set the step outputs. Inputs come from
 * the `INPUT_*` variables the composite action maps; GitHub's own variables give the rest.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';

import type { CommandContext } from '../context.js';

/** Runs `shipshape <argv>` with its output captured: the scan itself, in this process. */
export type RunCli = CommandContext['runCli'];

export interface ActionIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** Reads an action input; GitHub passes unset inputs as "". */
function input(env: NodeJS.ProcessEnv, name: string, fallback = ''): string {
  const value = env[`INPUT_${name}`];
  return value === undefined ? fallback : value.trim();
}

/** Escapes a workflow command's message (`%`, CR, LF). */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Git for the Action's own fetches in the workflow's checkout. Hooks (reference-transaction runs on
 * fetch) and fsmonitor are switched off: the checkout is the pull request's code.
 */
function git(cwd: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Splits extra arguments like a shell would for plain words and quoted strings (no expansion). */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    if (m[1] !== undefined) out.push(m[1].replace(/\\(.)/g, '$1'));
    else if (m[2] !== undefined) out.push(m[2]);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

interface EventPayload {
  pull_request?: { base?: { ref?: string; sha?: string } };
  merge_group?: { base_sha?: string };
}

/** The diff base to use, or '' for a full scan. */
export function resolveDiffBase(value: string, vars: NodeJS.ProcessEnv): string {
  if (value === '' || value.toLowerCase() === 'none') return '';
  if (value.toLowerCase() !== 'auto') return value;
  const event = vars.GITHUB_EVENT_NAME ?? '';
  let payload: EventPayload = {};
  if (vars.GITHUB_EVENT_PATH && existsSync(vars.GITHUB_EVENT_PATH)) {
    try {
      payload = JSON.parse(readFileSync(vars.GITHUB_EVENT_PATH, 'utf8')) as EventPayload;
    } catch {
      payload = {};
    }
  }
  if (event === 'pull_request' || event === 'pull_request_target') {
    const ref = vars.GITHUB_BASE_REF || payload.pull_request?.base?.ref;
    if (ref) return `origin/${ref}`;
    const sha = payload.pull_request?.base?.sha;
    if (sha) return sha;
  }
  if (event === 'merge_group' && payload.merge_group?.base_sha) return payload.merge_group.base_sha;
  return '';
}

const SHA = /^[0-9a-f]{40}$/i;

/**
 * Makes sure `base` and a common ancestor with HEAD exist in the checkout (actions/checkout
 * clones one commit by default): fetch the base, then deepen until a merge base appears, then
 * unshallow. Failures are left to the scan, which explains what is missing (exit 2).
 */
export function ensureDiffBase(cwd: string, base: string, depth: number, log: (line: string) => void): boolean {
  const has = () => git(cwd, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).ok;
  const shallow = () => git(cwd, ['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true';
  const hasMergeBase = () => git(cwd, ['merge-base', base, 'HEAD']).ok;
  const remote = 'origin';
  const refspec = base.startsWith('origin/')
    ? `+refs/heads/${base.slice('origin/'.length)}:refs/remotes/${base}`
    : SHA.test(base)
      ? base
      : undefined;
  if (!has()) {
    if (!refspec) return false;
    log(`shipshape: fetching the diff base ${base}`);
    const args = ['fetch', '--no-tags', '--no-recurse-submodules'];
    if (shallow()) args.push(`--depth=${depth}`);
    const r = git(cwd, [...args, remote, refspec]);
    if (!r.ok) {
      const reason = r.stderr.trim().split('\n').pop() ?? '';
      log(`::warning title=shipshape::${escapeData(`could not fetch the diff base ${base}: ${reason}`)}`);
      return false;
    }
  }
  for (let i = 0; i < 5 && !hasMergeBase() && shallow(); i++) {
    log(`shipshape: deepening the clone by ${depth} commits to find the merge base with ${base}`);
    const targets = [refspec ?? base, git(cwd, ['rev-parse', 'HEAD']).stdout.trim()].filter(Boolean);
    if (!git(cwd, ['fetch', '--no-tags', '--no-recurse-submodules', `--deepen=${depth}`, remote, ...targets]).ok) break;
  }
  if (!hasMergeBase() && shallow()) {
    log('shipshape: fetching the full history to find the merge base');
    git(cwd, ['fetch', '--no-tags', '--no-recurse-submodules', '--unshallow', remote]);
  }
  return has() && hasMergeBase();
}

/** Rewrites `file=` in workflow commands: annotations must name paths from the repository root. */
export function prefixAnnotations(text: string, prefix: string): string {
  if (!prefix) return text;
  const encoded = prefix.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
  return text.replace(/^(::(?:error|warning|notice) (?:[^:]*,)?file=)/gm, `$1${encoded}/`);
}

/** Rewrites SARIF artifact URIs the same way (GitHub resolves them from the checkout root). */
export function prefixSarif<T>(sarif: T, prefix: string): T {
  if (!prefix) return sarif;
  const uriPrefix = prefix.split('/').map(encodeURIComponent).join('/');
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node && typeof node === 'object') {
      const location = (node as { artifactLocation?: { uri?: unknown } }).artifactLocation;
      if (location && typeof location.uri === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(location.uri))
        location.uri = `${uriPrefix}/${location.uri}`;
      for (const value of Object.values(node)) visit(value);
    }
  };
  visit(sarif);
  return sarif;
}

function setOutput(file: string | undefined, name: string, value: string | number): void {
  if (file) appendFileSync(file, `${name}=${value}\n`);
}

/** The Action's one step. Resolves to the scan's exit code (0, 1 or 2) once outputs are written. */
export async function runGithubAction(io: ActionIO, env: NodeJS.ProcessEnv, runCli: RunCli): Promise<number> {
  const log = (line: string): void => {
    io.stdout.write(`${line}\n`);
  };
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const path = input(env, 'PATH', '.') || '.';
  const failOn = input(env, 'FAIL_ON', 'high') || 'high';
  const baseline = input(env, 'BASELINE');
  const sarifFile = input(env, 'SARIF_FILE', 'shipshape.sarif') || 'shipshape.sarif';
  const extra = splitArgs(input(env, 'ARGS'));
  const sarifScope = (input(env, 'SARIF_SCOPE', 'diff') || 'diff').toLowerCase();
  if (sarifScope !== 'diff' && sarifScope !== 'full') {
    log(`::error title=shipshape::${escapeData(`sarif-scope must be "diff" or "full", not "${sarifScope}"`)}`);
    return 2;
  }
  const depth = Number.parseInt(input(env, 'FETCH_DEPTH', '100'), 10) || 100;
  const scanRoot = resolve(workspace, path);
  const prefix = relative(workspace, scanRoot).split('\\').join('/');
  if (prefix.startsWith('..') || isAbsolute(prefix)) {
    log(`::error title=shipshape::${escapeData(`path "${path}" is outside the workspace ${workspace}`)}`);
    return 2;
  }

  const base = resolveDiffBase(input(env, 'DIFF_BASE', 'auto'), env);
  if (base) ensureDiffBase(scanRoot, base, depth, log);

  const tmp = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'shipshape-action-'));
  const markdownFile = join(tmp, 'summary.md');
  const jsonFile = join(tmp, 'report.json');
  const sarifPath = resolve(workspace, sarifFile);
  const cliEnv: NodeJS.ProcessEnv = { ...env, NO_COLOR: '1' };
  const baselineArgs = baseline ? ['--baseline', baseline] : [];
  log(`shipshape: scanning ${path}${base ? ` (changes since ${base})` : ''}, fail-on ${failOn}`);
  const run = await runCli(
    [
      'scan',
      path,
      ...extra,
      '--format',
      'github',
      '--fail-on',
      failOn,
      '--report',
      `sarif:${sarifPath}`,
      '--report',
      `markdown:${markdownFile}`,
      '--report',
      `json:${jsonFile}`,
      ...(base ? ['--diff', base] : []),
      ...baselineArgs,
    ],
    { cwd: workspace, env: cliEnv },
  );
  const code = run.code;
  io.stdout.write(prefixAnnotations(run.stdout, prefix));
  const stderr = run.stderr;
  io.stderr.write(stderr);

  if (base && sarifScope === 'full' && code !== 2) {
    // Code scanning compares each upload with the base branch's analysis: give it every finding.
    log('shipshape: writing a full-scan SARIF (sarif-scope: full)');
    const full = await runCli(
      [
        'scan',
        path,
        ...extra,
        '--format',
        'sarif',
        '--output',
        sarifPath,
        '--fail-on',
        'none',
        '--quiet',
        ...baselineArgs,
      ],
      { cwd: workspace, env: cliEnv },
    );
    if (full.code !== 0)
      log(`::warning title=shipshape::${escapeData(`the full-scan SARIF failed: ${full.stderr.trim()}`)}`);
  }

  // Outputs and the job summary, before exiting with the scan's code.
  let findings: number | undefined;
  if (existsSync(jsonFile)) {
    try {
      const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { findings?: unknown };
      findings = Array.isArray(report.findings) ? report.findings.length : undefined;
    } catch {
      findings = undefined;
    }
  }
  if (existsSync(sarifPath) && prefix) {
    try {
      const sarif: unknown = JSON.parse(readFileSync(sarifPath, 'utf8'));
      writeFileSync(sarifPath, `${JSON.stringify(prefixSarif(sarif, prefix), null, 2)}\n`);
    } catch {
      // Left as the scan wrote it.
    }
  }
  const outputs = env.GITHUB_OUTPUT;
  if (findings !== undefined) setOutput(outputs, 'findings', findings);
  if (existsSync(sarifPath))
    setOutput(outputs, 'sarif-file', relative(workspace, sarifPath).split('\\').join('/') || sarifPath);
  setOutput(outputs, 'exit-code', code);
  if (env.GITHUB_STEP_SUMMARY) {
    if (existsSync(markdownFile)) {
      const md = readFileSync(markdownFile, 'utf8');
      const scope = base
        ? `\n<sub>Diff gating: only findings on lines changed since \`${base}\` are reported.</sub>\n`
        : '';
      appendFileSync(env.GITHUB_STEP_SUMMARY, `${md.endsWith('\n') ? md : `${md}\n`}${scope}\n`);
    } else {
      const reason = stderr.trim() || `the scan exited with code ${code}`;
      appendFileSync(
        env.GITHUB_STEP_SUMMARY,
        `## shipshape report\n\n:x: **The scan did not complete.**\n\n\`\`\`\n${reason}\n\`\`\`\n`,
      );
    }
  }
  if (code === 2 && stderr.trim()) log(`::error title=shipshape::${escapeData(stderr.trim())}`);
  rmSync(tmp, { recursive: true, force: true });
  return code;
}
