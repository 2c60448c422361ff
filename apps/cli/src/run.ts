import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import {
  ANALYZER_FAILED_CODE,
  type Analyzer,
  changeFilter,
  changesSince,
  checkRuleKeys,
  collectRules,
  createBaseline,
  DEFAULT_MAX_FILE_SIZE,
  type Discovery,
  type Finding,
  HISTORY_INCOMPLETE_CODE,
  hasFailingFindings,
  loadConfig,
  parseSize,
  type RunResult,
  readBaseline,
  readTextFile,
  runScan,
  type ScanFile,
  type ShipshapeConfig,
  serializeBaseline,
  stagedChanges,
  stagedDiscovery,
  UsageError,
} from '@shipshape/core';
import { automationDetails } from './ci/automation.js';
import { EXIT } from './context.js';
import { type ProgramIO, Progress, useColor, writeFileAtomic } from './io.js';
import type { GateFlags, ReportFlags } from './options.js';
import { TOOL } from './version.js';

/** What a findings-producing command asks of the shared run path. */
export interface ScanRequest {
  root: string;
  include?: string[];
  analyzers: Analyzer[];
  flags: ReportFlags & { target?: string };
  discovery?: Discovery;
  readText?: (file: ScanFile) => Promise<string>;
  filter?: (finding: Finding) => boolean;
  /** Adjusts the loaded config from command-line flags before the run. */
  configure?: (config: ShipshapeConfig) => void;
}

/** `--diff` and `--staged`: what to keep, and for --staged where to read from. */
export async function gate(
  root: string,
  flags: GateFlags & { config?: string },
  cwd: string,
  include?: string[],
): Promise<Pick<ScanRequest, 'filter' | 'discovery' | 'readText'>> {
  if (flags.diff && flags.staged) throw new UsageError('--diff and --staged cannot be combined');
  if (flags.diff) return { filter: changeFilter(await changesSince(root, flags.diff)) };
  if (flags.staged) {
    // Core says why when this is no repository, or one git refuses (dubious ownership).
    const changes = await stagedChanges(root);
    // The index replaces the tree walk, so the walk's filters apply here: config ignores, paths.
    const loaded = loadConfig(root, flags.config ? resolve(cwd, flags.config) : undefined);
    const { discovery, readText } = await stagedDiscovery(root, changes, {
      ignore: loaded.config.ignore ?? [],
      maxFileSize: parseSize(loaded.config.maxFileSize, DEFAULT_MAX_FILE_SIZE),
      ...(include ? { include } : {}),
    });
    return { filter: changeFilter(changes), discovery, readText };
  }
  return {};
}

export function toPosix(path: string): string {
  return path.split('\\').join('/');
}

export function rootName(root: string): string {
  return root.split(/[\\/]/).filter(Boolean).pop() ?? 'repository';
}

/**
 * One directory: it is the root. Anything else (files, several paths): the root is the current
 * directory and the scan is restricted to those paths.
 */
export function resolveTargets(paths: string[], cwd: string): { root: string; include?: string[] } {
  for (const p of paths) if (!existsSync(resolve(cwd, p))) throw new UsageError(`no such file or directory: ${p}`);
  if (paths.length === 0) return { root: cwd };
  const first = resolve(cwd, paths[0] as string);
  if (paths.length === 1 && statSync(first).isDirectory()) return { root: first };
  const include = paths.map((p) => toPosix(relative(cwd, resolve(cwd, p))));
  if (include.some((p) => p.startsWith('..') || isAbsolute(p)))
    throw new UsageError('several paths must all be inside the current directory');
  return { root: cwd, include };
}

/** A scan of a tree under `--diff`/`--staged` gating: the shared path of `scan` and `secrets`. */
export async function gatedScan(
  io: ProgramIO,
  env: NodeJS.ProcessEnv,
  cwd: string,
  request: Omit<ScanRequest, 'flags' | 'filter' | 'discovery' | 'readText'> & { flags: ReportFlags & GateFlags },
): Promise<number> {
  const { root, include, flags } = request;
  return scanAndReport(io, env, cwd, { ...request, ...(await gate(root, flags, cwd, include)) });
}

/** The shared path of scan, dockerfile and secrets: config, run, report, exit code. */
export async function scanAndReport(
  io: ProgramIO,
  env: NodeJS.ProcessEnv,
  cwd: string,
  request: ScanRequest,
): Promise<number> {
  const { flags } = request;
  const loaded = loadConfig(request.root, flags.config ? resolve(cwd, flags.config) : undefined);
  const config: ShipshapeConfig = { ...loaded.config };
  if (flags.profile) config.profile = flags.profile;
  if (flags.target) config.dockerfile = { ...(config.dockerfile ?? {}), target: flags.target };
  request.configure?.(config);
  checkRuleKeys(config, collectRules(request.analyzers), loaded.file ?? '.shipshape.yaml');
  const baseline = flags.baseline && !flags.writeBaseline ? readBaseline(resolve(cwd, flags.baseline)) : undefined;
  const progress = new Progress(io.stderr, io.stderr.isTTY === true && !flags.quiet);
  const failOn = flags.failOn ?? config.failOn ?? 'high';
  let result: RunResult;
  try {
    result = await runScan({
      root: request.root,
      ...(request.include ? { include: request.include } : {}),
      config,
      analyzers: request.analyzers,
      ...(baseline ? { baseline } : {}),
      ...(flags.reportUnusedSuppressions ? { reportUnusedSuppressions: true } : {}),
      ...(request.discovery ? { discovery: request.discovery } : {}),
      ...(request.readText ? { readText: request.readText } : {}),
      ...(request.filter ? { filter: request.filter } : {}),
      failOn,
      tool: TOOL,
      onProgress: (e) =>
        progress.update(
          e.phase === 'walk' ? `shipshape: ${e.files} files walked` : `shipshape: running ${e.analyzer}…`,
        ),
    });
  } finally {
    progress.done();
  }
  judgeHistory(result, config, flags.allowPartialHistory === true);

  if (flags.writeBaseline) {
    const path = resolve(cwd, flags.writeBaseline);
    await writeFileAtomic(path, serializeBaseline(createBaseline(result.findings)));
    if (!flags.quiet)
      io.stderr.write(
        `shipshape: baseline of ${result.findings.length} findings written to ${toPosix(relative(cwd, path))}\n`,
      );
    return internalFailure(result) ? EXIT.error : EXIT.clean;
  }

  const { formatResult } = await import('@shipshape/report');
  const reported: RunResult = flags.quiet
    ? { ...result, notifications: result.notifications.filter((n) => n.level === 'error') }
    : result;
  const fileCache = new Map<string, string | undefined>();
  const frameLimit = parseSize(config.maxFileSize, DEFAULT_MAX_FILE_SIZE);
  const texts = request.readText;
  const readFile = (rel: string): string | undefined => {
    if (!fileCache.has(rel)) {
      let text: string | undefined;
      try {
        // Code frames read only regular files inside the root, through no link (a history
        // finding's path may be a link to /etc/passwd at HEAD), and within the size limit.
        text = readTextFile(join(request.root, rel), {
          root: request.root,
          noSymlinks: true,
          maxBytes: frameLimit,
        });
      } catch {
        text = undefined;
      }
      fileCache.set(rel, text);
    }
    return fileCache.get(rel);
  };
  if (texts && request.discovery) {
    // Code frames need the text that was scanned (stdin, the git index): only for files with findings.
    const withFindings = new Set(result.findings.map((f) => f.file));
    for (const f of request.discovery.files)
      if (withFindings.has(f.path)) fileCache.set(f.path, await texts(f).catch(() => undefined));
  }
  const color = flags.color !== false && useColor(env, io.stdout, Boolean(flags.output));
  const automation = automationDetails(env);
  const common = automation ? { readFile, automationDetails: automation } : { readFile };
  const output = formatResult(flags.format, reported, { ...common, color });
  for (const extra of flags.report ?? [])
    await writeFileAtomic(resolve(cwd, extra.file), formatResult(extra.format, reported, { ...common, color: false }));
  if (flags.output) await writeFileAtomic(resolve(cwd, flags.output), output);
  else if (!(flags.quiet && flags.format === 'text' && result.findings.length === 0)) io.stdout.write(output);

  for (const n of result.notifications) if (n.level === 'error') io.stderr.write(`shipshape: error: ${n.message}\n`);
  if (internalFailure(result)) return EXIT.error;
  return hasFailingFindings(result) ? EXIT.findings : EXIT.clean;
}

function internalFailure(result: RunResult): boolean {
  return result.notifications.some(
    (n) => n.code === ANALYZER_FAILED_CODE || (n.code === HISTORY_INCOMPLETE_CODE && n.level === 'error'),
  );
}

/**
 * A partial history walk is an error (exit 2) unless `--allow-partial-history`; then a warning.
 * A repository git refuses cannot be walked at all: when history was asked for, that is said too.
 */
function judgeHistory(result: RunResult, config: ShipshapeConfig, allowPartial: boolean): void {
  const history = (config.secrets as { history?: { enabled?: unknown } } | undefined)?.history;
  const refused = result.notifications.find((n) => n.code === 'git-dubious-ownership');
  if (history?.enabled === true && refused && !result.notifications.some((n) => n.code === HISTORY_INCOMPLETE_CODE))
    result.notifications.push({
      level: 'error',
      code: HISTORY_INCOMPLETE_CODE,
      message: `history not scanned: ${refused.message}`,
    });
  for (const n of result.notifications) {
    if (n.code !== HISTORY_INCOMPLETE_CODE) continue;
    n.level = allowPartial ? 'warning' : 'error';
    if (!allowPartial && !n.message.includes('--allow-partial-history'))
      n.message = `${n.message} (pass --allow-partial-history to accept a partial walk)`;
  }
}
