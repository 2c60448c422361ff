import { type Analyzer, isGitDate, runGit, type ShipshapeConfig, UsageError } from '@shipshape/core';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import {
  type GateFlags,
  parseMaxCommits,
  type ReportFlags,
  withGateOptions,
  withHistoryOptions,
  withReportOptions,
} from '../options.js';
import { gatedScan, resolveTargets } from '../run.js';

type SecretsFlags = ReportFlags & GateFlags & { history?: boolean; since?: string; maxCommits?: number };

/** `shipshape secrets`: the secrets analyzer alone, optionally over git history. */
export function registerSecretsCommand(program: Command, { io, env, cwd, setExit }: CommandContext): void {
  withReportOptions(
    withHistoryOptions(withGateOptions(program.command('secrets')))
      .description('find committed secrets (files, Helm charts, .env handling; --history for every commit)')
      .argument('[path]', 'repository or directory to scan', '.')
      .option('--history', 'also scan the added lines of every commit in git history')
      .option('--since <date-or-rev>', 'with --history: only commits after this date or revision')
      .option('--max-commits <n>', 'with --history: at most this many commits (a positive number)', parseMaxCommits),
  ).action(async (path: string, flags: SecretsFlags) => {
    const { root, include } = resolveTargets([path], cwd);
    if (flags.since !== undefined) await checkSince(root, flags.since);
    const secrets = await import('@shipshape/secrets');
    // --history turns on the analyzer's own history pass (config `secrets.history`), so a
    // secret found both in the tree and in history is reported once per place.
    const configure = (config: ShipshapeConfig): void => {
      if (!flags.history && !flags.since && !flags.maxCommits) return;
      const section = { ...((config.secrets ?? {}) as Record<string, unknown>) };
      const history: Record<string, unknown> = {
        ...((section.history ?? {}) as Record<string, unknown>),
        enabled: true,
      };
      if (flags.since) history.since = flags.since;
      if (flags.maxCommits) history.maxCommits = flags.maxCommits;
      section.history = history;
      config.secrets = section;
    };
    const analyzers: Analyzer[] = [secrets.secretsAnalyzer];
    setExit(
      await gatedScan(io, env, cwd, {
        root,
        ...(include ? { include } : {}),
        analyzers,
        flags,
        configure,
      }),
    );
  });
}

/**
 * `--since` is a date git reads as meant, or a revision of the repository. Git itself takes any
 * text as a date (`--since=garbage` means "now" and silently scans nothing), so it is checked.
 */
async function checkSince(root: string, since: string): Promise<void> {
  if (isGitDate(since)) return;
  const rev = await runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${since}^{commit}`]);
  if (rev.ok) return;
  throw new UsageError(
    `--since "${since}" is neither a date (2024-01-31, 2024-01-31T12:00:00Z, "2 weeks ago") nor a revision of this repository`,
  );
}
