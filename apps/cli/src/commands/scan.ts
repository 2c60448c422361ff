import { relative, resolve } from 'node:path';
import { UsageError } from '@shipshape/core';
import type { Command } from 'commander';
import { Option } from 'commander';
import { ANALYZER_NAMES, type AnalyzerName, loadAnalyzers } from '../analyzers.js';
import type { CommandContext } from '../context.js';
import {
  type GateFlags,
  parseAnalyzerList,
  type ReportFlags,
  type ScanAnalyzerName,
  withGateOptions,
  withHistoryOptions,
  withReportOptions,
} from '../options.js';
import { gatedScan, resolveTargets } from '../run.js';
import { configuredVulnsAnalyzer, OSV_DB_ENV } from './vulns.js';

type ScanFlags = ReportFlags &
  GateFlags & { only?: ScanAnalyzerName[]; target?: string; db?: string; values?: string[]; set?: string[] };

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `shipshape scan`: every analyzer over one walk of the tree. */
export function registerScanCommand(program: Command, ctx: CommandContext): void {
  const { io, env, cwd, setExit } = ctx;
  withReportOptions(
    withHistoryOptions(withGateOptions(program.command('scan')))
      .description(
        'scan a repository with every analyzer (Dockerfiles, secrets, pinning, Kubernetes/Helm/Compose workloads)',
      )
      .argument('[paths...]', 'directory to scan (default: current directory), or files/directories under it')
      .addOption(new Option('--only <analyzers>', 'comma-separated analyzers to run').argParser(parseAnalyzerList))
      .option('--target <stage>', 'Dockerfile build target: only this stage ships')
      .option('--db <dir>', `OSV database: also report known vulnerabilities (default: $${OSV_DB_ENV}, vulns.db)`)
      .option('--values <file>', 'Helm values file to render charts with (repeatable, later wins)', collect)
      .option('--set <key=value>', 'Helm --set style override for rendering charts (repeatable)', collect),
  ).action(async (paths: string[], flags: ScanFlags) => {
    const { root, include } = resolveTargets(paths, cwd);
    const only = flags.only ?? [...ANALYZER_NAMES, 'vulns'];
    const analyzers = await loadAnalyzers(only.filter((n): n is AnalyzerName => n !== 'vulns'));
    // Known vulnerabilities are part of a scan whenever a database is configured.
    if (only.includes('vulns')) {
      const vulns = await configuredVulnsAnalyzer(ctx, root, flags);
      if (vulns) analyzers.push(vulns);
      else if (flags.only)
        throw new UsageError(
          `--only vulns needs an OSV database: --db DIR, ${OSV_DB_ENV} or vulns.db in .shipshape.yaml`,
        );
    }
    setExit(
      await gatedScan(io, env, cwd, {
        root,
        ...(include ? { include } : {}),
        analyzers,
        flags,
        configure: (config) => {
          if (!flags.values && !flags.set) return;
          const section = { ...(config.workloads ?? {}) } as Record<string, unknown>;
          const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
          // Values files are given from the cwd; the analyzer reads them from the scan root.
          if (flags.values)
            section.values = [...list(section.values), ...flags.values.map((v) => relative(root, resolve(cwd, v)))];
          if (flags.set) section.set = [...list(section.set), ...flags.set];
          config.workloads = section;
        },
      }),
    );
  });
}
