import type { Command } from 'commander';
import { Option } from 'commander';
import { ANALYZER_NAMES, type AnalyzerName, loadAnalyzers } from '../analyzers.js';
import type { CommandContext } from '../context.js';
import {
  type GateFlags,
  parseAnalyzerList,
  type ReportFlags,
  withGateOptions,
  withHistoryOptions,
  withReportOptions,
} from '../options.js';
import { gatedScan, resolveTargets } from '../run.js';

type ScanFlags = ReportFlags & GateFlags & { only?: AnalyzerName[]; target?: string };

/** `shipshape scan`: every analyzer over one walk of the tree. */
export function registerScanCommand(program: Command, { io, env, cwd, setExit }: CommandContext): void {
  withReportOptions(
    withHistoryOptions(withGateOptions(program.command('scan')))
      .description('scan a repository with every analyzer (Dockerfiles, secrets, pinning)')
      .argument('[paths...]', 'directory to scan (default: current directory), or files/directories under it')
      .addOption(new Option('--only <analyzers>', 'comma-separated analyzers to run').argParser(parseAnalyzerList))
      .option('--target <stage>', 'Dockerfile build target: only this stage ships'),
  ).action(async (paths: string[], flags: ScanFlags) => {
    const { root, include } = resolveTargets(paths, cwd);
    const analyzers = await loadAnalyzers(flags.only ?? ANALYZER_NAMES);
    setExit(
      await gatedScan(io, env, cwd, {
        root,
        ...(include ? { include } : {}),
        analyzers,
        flags,
      }),
    );
  });
}
