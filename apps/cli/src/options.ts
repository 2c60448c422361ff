import type { Severity } from '@shipshape/core';
import { UsageError } from '@shipshape/core';
import { type Command, Option } from 'commander';
import { ANALYZER_NAMES } from './analyzers.js';

export const FORMAT_NAMES = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'gitlab-codequality'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
const FAIL_ON = ['critical', 'high', 'medium', 'low', 'info', 'none'] as const;

/** Flags shared by the commands that produce a findings report. */
export interface ReportFlags {
  format: FormatName;
  report?: { format: FormatName; file: string }[];
  output?: string;
  failOn?: Severity | 'none';
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  quiet?: boolean;
  color?: boolean;
  profile?: 'default' | 'strict';
  reportUnusedSuppressions?: boolean;
  /** Accept an incomplete history walk (shallow clone, git failure) with a warning instead of exit 2. */
  allowPartialHistory?: boolean;
}

/** `--diff` and `--staged`. */
export interface GateFlags {
  diff?: string;
  staged?: boolean;
}

/** `--allow-partial-history`: for the commands whose run may walk history (config or --history). */
export function withHistoryOptions(cmd: Command): Command {
  return cmd.option(
    '--allow-partial-history',
    'accept an incomplete history walk (shallow clone, missing objects) with a warning instead of exit 2',
  );
}

/** `--max-commits <n>`: a positive whole number (`-1` is not "unlimited", it is a mistake). */
export function parseMaxCommits(value: string): number {
  if (!/^[0-9]+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new UsageError(`--max-commits expects a positive whole number; got "${value}"`);
  return Number(value);
}

export function withGateOptions(cmd: Command): Command {
  return cmd
    .option('--diff <base>', 'report only findings on lines added or changed since <base> (its merge-base with HEAD)')
    .option('--staged', 'scan what is staged in the git index (for pre-commit): only staged changes are reported');
}

export function withReportOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
    .option('-o, --output <file>', 'write the report to a file (atomically) instead of stdout')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON),
    )
    .option('-c, --config <file>', 'config file (default: .shipshape.yaml at the scan root)')
    .option('--baseline <file>', 'hide findings recorded in this baseline file')
    .option('--write-baseline <file>', 'record the current findings as a baseline and exit 0')
    .addOption(new Option('--profile <profile>', 'rule profile').choices(['default', 'strict']))
    .option('--report-unused-suppressions', 'report inline suppressions that hide nothing')
    .option('-q, --quiet', 'no progress, no notifications; print the report only when there are findings')
    .option('--no-color', 'never use colors')
    .option(
      '--report <format:file>',
      'also write the report in another format to a file (repeatable), e.g. sarif:out.sarif',
      collectReports,
      [],
    );
}

function collectReports(value: string, previous: ReportFlags['report'] = []): NonNullable<ReportFlags['report']> {
  const i = value.indexOf(':');
  const format = value.slice(0, i) as FormatName;
  if (i <= 0 || !FORMAT_NAMES.includes(format) || i === value.length - 1)
    throw new UsageError(
      `--report expects <format>:<file> with a format among ${FORMAT_NAMES.join(', ')}; got "${value}"`,
    );
  return [...previous, { format, file: value.slice(i + 1) }];
}

/** Analyzers `--only` accepts: the built-in ones, and vulns (which runs when a database is configured). */
export const SCAN_ANALYZER_NAMES = [...ANALYZER_NAMES, 'vulns'] as const;
export type ScanAnalyzerName = (typeof SCAN_ANALYZER_NAMES)[number];

export function parseAnalyzerList(value: string): ScanAnalyzerName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) {
    if (!(SCAN_ANALYZER_NAMES as readonly string[]).includes(n))
      throw new UsageError(`--only: unknown analyzer "${n}" (expected ${SCAN_ANALYZER_NAMES.join(', ')})`);
  }
  return names as ScanAnalyzerName[];
}
