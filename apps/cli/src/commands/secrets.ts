import type { Analyzer, ShipshapeConfig } from '@shipshape/core';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { type GateFlags, type ReportFlags, withGateOptions, withReportOptions } from '../options.js';
import { gatedScan, resolveTargets } from '../run.js';

type SecretsFlags = ReportFlags & GateFlags & { history?: boolean; since?: string; maxCommits?: number };

/** `shipshape secrets`: the secrets analyzer alone, optionally over git history. */
export function registerSecretsCommand(program: Command, { io, env, cwd, setExit }: CommandContext): void {
  withReportOptions(
    withGateOptions(program.command('secrets'))
      .description('find committed secrets (files, Helm charts, .env handling; --history for every commit)')
      .argument('[path]', 'repository or directory to scan', '.')
      .option('--history', 'also scan the added lines of every commit in git history')
      .option('--since <date-or-rev>', 'with --history: only commits after this date or revision')
      .option('--max-commits <n>', 'with --history: at most this many commits', (v) => Number.parseInt(v, 10)),
  ).action(async (path: string, flags: SecretsFlags) => {
    const { root, include } = resolveTargets([path], cwd);
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
