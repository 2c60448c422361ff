#!/usr/bin/env node
// The Shipshape GitHub Action's one step (see action.yml). Plain Node ESM, no dependencies, so it
// can also be run by hand or from a test with the environment variables a workflow run sets.
//
// Inputs (environment):
//   INPUT_PATH         directory to scan, relative to the workspace (default ".")
//   INPUT_FAIL_ON      severity threshold for exit 1 (default "high")
//   INPUT_DIFF_BASE    "auto" (default): the PR base on pull_request events, else a full scan;
//                      "" or "none": always a full scan; anything else: a git revision
//   INPUT_BASELINE     baseline file (optional)
//   INPUT_SARIF_FILE   where to write SARIF (default "shipshape.sarif")
//   INPUT_ARGS         extra CLI arguments, split on whitespace (quotes group words)
//   INPUT_SARIF_SCOPE  "diff" (default): the SARIF holds what the gate saw; "full": with a diff
//                      base, a second run writes a SARIF of every finding (for code scanning)
//   INPUT_FETCH_DEPTH  how many commits to fetch at a time when the diff base is missing (default 100)
//   SHIPSHAPE_BIN      the CLI launcher (default: this repository's apps/cli/bin/shipshape.js)
// GitHub's own variables: GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_EVENT_PATH,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP.
//
// Exit code: the CLI's (0 clean, 1 findings at or above fail-on, 2 error), after the outputs and
// the job summary are written.

import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const env = process.env;

/** Reads an input; GitHub passes unset inputs as "". */
function input(name, fallback = '') {
  const value = env[`INPUT_${name}`];
  return value === undefined ? fallback : value.trim();
}

function log(line) {
  process.stdout.write(`${line}\n`);
}

/** Escapes a workflow command's message (`%`, CR, LF). */
function escapeData(value) {
  return String(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function git(cwd, args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Splits extra arguments like a shell would for plain words and quoted strings (no expansion). */
export function splitArgs(text) {
  const out = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1].replace(/\\(.)/g, '$1'));
    else if (m[2] !== undefined) out.push(m[2]);
    else out.push(m[3]);
  }
  return out;
}

/** The diff base to use, or '' for a full scan. */
export function resolveDiffBase(value, vars = env) {
  if (value === '' || value.toLowerCase() === 'none') return '';
  if (value.toLowerCase() !== 'auto') return value;
  const event = vars.GITHUB_EVENT_NAME ?? '';
  let payload = {};
  if (vars.GITHUB_EVENT_PATH && existsSync(vars.GITHUB_EVENT_PATH)) {
    try {
      payload = JSON.parse(readFileSync(vars.GITHUB_EVENT_PATH, 'utf8'));
    } catch {
      payload = {};
    }
  }
  if (event === 'pull_request' || event === 'pull_request_target') {
    const ref = vars.GITHUB_BASE_REF || payload?.pull_request?.base?.ref;
    if (ref) return `origin/${ref}`;
    const sha = payload?.pull_request?.base?.sha;
    if (sha) return sha;
  }
  if (event === 'merge_group' && payload?.merge_group?.base_sha) return payload.merge_group.base_sha;
  return '';
}

const SHA = /^[0-9a-f]{40}$/i;

/**
 * Makes sure `base` and a common ancestor with HEAD exist in the checkout (actions/checkout
 * clones one commit by default): fetch the base, then deepen until a merge base appears, then
 * unshallow. Failures are left to the CLI, which explains what is missing (exit 2).
 */
export function ensureDiffBase(cwd, base, depth = 100) {
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
      log(
        `::warning title=shipshape::${escapeData(`could not fetch the diff base ${base}: ${r.stderr.trim().split('\n').pop() ?? ''}`)}`,
      );
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
export function prefixAnnotations(text, prefix) {
  if (!prefix) return text;
  const encoded = prefix.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/,/g, '%2C');
  return text.replace(/^(::(?:error|warning|notice) (?:[^:]*,)?file=)/gm, `$1${encoded}/`);
}

/** Rewrites SARIF artifact URIs the same way (GitHub resolves them from the checkout root). */
export function prefixSarif(sarif, prefix) {
  if (!prefix) return sarif;
  const uriPrefix = prefix.split('/').map(encodeURIComponent).join('/');
  const visit = (node) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (node && typeof node === 'object') {
      if (
        node.artifactLocation &&
        typeof node.artifactLocation.uri === 'string' &&
        !/^[a-z][a-z0-9+.-]*:/i.test(node.artifactLocation.uri)
      )
        node.artifactLocation.uri = `${uriPrefix}/${node.artifactLocation.uri}`;
      for (const value of Object.values(node)) visit(value);
    }
  };
  visit(sarif);
  return sarif;
}

function setOutput(file, name, value) {
  if (file) appendFileSync(file, `${name}=${value}\n`);
}

export function main() {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const path = input('PATH', '.') || '.';
  const failOn = input('FAIL_ON', 'high') || 'high';
  const baseline = input('BASELINE');
  const sarifFile = input('SARIF_FILE', 'shipshape.sarif') || 'shipshape.sarif';
  const extra = splitArgs(input('ARGS'));
  const sarifScope = (input('SARIF_SCOPE', 'diff') || 'diff').toLowerCase();
  if (sarifScope !== 'diff' && sarifScope !== 'full') {
    log(`::error title=shipshape::${escapeData(`sarif-scope must be "diff" or "full", not "${sarifScope}"`)}`);
    return 2;
  }
  const depth = Number.parseInt(input('FETCH_DEPTH', '100'), 10) || 100;
  const bin = env.SHIPSHAPE_BIN || resolve(HERE, '../apps/cli/bin/shipshape.js');

  const scanRoot = resolve(workspace, path);
  const prefix = relative(workspace, scanRoot).split('\\').join('/');
  if (prefix.startsWith('..') || isAbsolute(prefix)) {
    log(`::error title=shipshape::${escapeData(`path "${path}" is outside the workspace ${workspace}`)}`);
    return 2;
  }

  const base = resolveDiffBase(input('DIFF_BASE', 'auto'));
  if (base) ensureDiffBase(scanRoot, base, depth);

  const tmp = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'shipshape-action-'));
  const markdownFile = join(tmp, 'summary.md');
  const jsonFile = join(tmp, 'report.json');
  const sarifPath = resolve(workspace, sarifFile);
  const args = [
    bin,
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
    ...(baseline ? ['--baseline', baseline] : []),
  ];
  log(`shipshape: scanning ${path}${base ? ` (changes since ${base})` : ''}, fail-on ${failOn}`);
  const run = spawnSync(process.execPath, args, {
    cwd: workspace,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    env: { ...env, NO_COLOR: '1' },
  });
  const code = run.status ?? 2;
  process.stdout.write(prefixAnnotations(run.stdout ?? '', prefix));
  const stderr = run.stderr ?? '';
  process.stderr.write(stderr);
  if (run.error) log(`::error title=shipshape::${escapeData(`could not run the CLI: ${run.error.message}`)}`);

  if (base && sarifScope === 'full' && code !== 2) {
    // Code scanning compares each upload with the base branch's analysis: give it every finding.
    log('shipshape: writing a full-scan SARIF (sarif-scope: full)');
    const full = spawnSync(
      process.execPath,
      [
        bin,
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
        ...(baseline ? ['--baseline', baseline] : []),
      ],
      {
        cwd: workspace,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 256 * 1024 * 1024,
        env: { ...env, NO_COLOR: '1' },
      },
    );
    if (full.status !== 0)
      log(`::warning title=shipshape::${escapeData(`the full-scan SARIF failed: ${(full.stderr ?? '').trim()}`)}`);
  }

  // Outputs and the job summary, before exiting with the scan's code.
  let findings;
  if (existsSync(jsonFile)) {
    try {
      const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
      findings = Array.isArray(report.findings) ? report.findings.length : undefined;
    } catch {
      findings = undefined;
    }
  }
  if (existsSync(sarifPath) && prefix) {
    try {
      writeFileSync(
        sarifPath,
        `${JSON.stringify(prefixSarif(JSON.parse(readFileSync(sarifPath, 'utf8')), prefix), null, 2)}\n`,
      );
    } catch {
      // Left as the CLI wrote it.
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
      const reason = stderr.trim() || `the CLI exited with code ${code}`;
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
