import type { Finding, Notification, Range, RuleMeta, RunResult, Severity } from '@shipshape/core';
import { compareFindings, isAtLeast, quoteFileInFix, SEVERITIES } from '@shipshape/core';

/** Options every reporter accepts; each reporter reads only what it needs. */
export interface ReportOptions {
  /** ANSI colors in the text reporter. The CLI decides (NO_COLOR / FORCE_COLOR / TTY). */
  color?: boolean;
  /** Text of a scanned file by its repo-relative path, for code frames; `undefined` when unavailable. */
  readFile?: (relPath: string) => string | undefined;
  /**
   * Base URL of the rule docs. `{id}` in it is replaced by the rule id; otherwise the id is
   * appended after a `/` (`https://example.org/rules` -> `https://example.org/rules/docker/last-user-root`).
   */
  docsBaseUrl?: string;
  /** SARIF only: absolute URI of the scan root, written as `originalUriBaseIds["%SRCROOT%"]`. */
  rootUri?: string;
  /**
   * SARIF only: `runs[].automationDetails`. Default: `{ id: "<tool>/<analyzers>/" }`. The CLI passes
   * the Azure Pipelines form that GitHub Advanced Security for Azure DevOps requires when it runs there.
   */
  automationDetails?: { id: string; properties?: Record<string, string> };
}

export type SeverityCounts = Record<Severity, number>;

/** Totals of a run, as the json reporter writes them and the other reporters print them. */
export interface Summary {
  bySeverity: SeverityCounts;
  total: number;
  filesScanned: number;
  suppressed: number;
  baselined: number;
  failOn: Severity | 'none';
  /** True when any finding is at or above `failOn` (never with `failOn: 'none'`). */
  failed: boolean;
}

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export function summarize(result: RunResult): Summary {
  const bySeverity = emptyCounts();
  for (const finding of result.findings) bySeverity[finding.severity] += 1;
  const failOn = result.failOn;
  const failed = failOn !== 'none' && result.findings.some((f) => isAtLeast(f.severity, failOn));
  return {
    bySeverity,
    total: result.findings.length,
    filesScanned: result.filesScanned,
    suppressed: result.suppressed,
    baselined: result.baselined,
    failOn,
    failed,
  };
}

/** Findings in the canonical order (file, line, column, rule, ...), as a new array. */
export function sortedFindings(result: RunResult): Finding[] {
  return [...result.findings].sort(compareFindings);
}

const LEVEL_ORDER: Record<Notification['level'], number> = { error: 0, warning: 1, info: 2 };

/** Notifications in a stable order: level, file, code, message. */
export function sortedNotifications(result: RunResult): Notification[] {
  return [...result.notifications].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      cmp(a.file ?? '', b.file ?? '') ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

/** Findings grouped by file, files in sorted order, each group in canonical order. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of [...findings].sort(compareFindings)) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function ruleMeta(result: RunResult, ruleId: string): RuleMeta | undefined {
  return Object.hasOwn(result.rules, ruleId) ? result.rules[ruleId] : undefined;
}

/** The peer IDs of a finding: its own narrower list when it has one, else its rule's. */
export function aliasesOf(result: RunResult, finding: Pick<Finding, 'ruleId' | 'aliases'>): string[] {
  return [...(finding.aliases ?? ruleMeta(result, finding.ruleId)?.aliases ?? [])];
}

/** Link to a rule's docs, or undefined without a base URL. */
export function docsUrl(ruleId: string, docsBaseUrl: string | undefined): string | undefined {
  if (!docsBaseUrl) return undefined;
  if (docsBaseUrl.includes('{id}')) return docsBaseUrl.split('{id}').join(ruleId);
  return `${docsBaseUrl.replace(/\/+$/, '')}/${ruleId}`;
}

/**
 * A range that every consumer accepts: lines and columns >= 1, the end not before the start.
 * Analyzers should already produce this; reporters must not emit garbage if one does not.
 */
export function normalizeRange(range: Range): Range {
  const startLine = positiveInt(range.startLine);
  const startColumn = positiveInt(range.startColumn);
  let endLine = positiveInt(range.endLine);
  let endColumn = positiveInt(range.endColumn);
  if (endLine < startLine) {
    endLine = startLine;
    endColumn = startColumn;
  } else if (endLine === startLine && endColumn < startColumn) {
    endColumn = startColumn;
  }
  return { startLine, startColumn, endLine, endColumn };
}

function positiveInt(value: number): number {
  return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
}

/**
 * A repo-relative POSIX path: backslashes turned to slashes, a leading `./` dropped, and an
 * absolute path under the scan root made relative (findings should already be relative).
 */
export function relativePath(file: string, root: string): string {
  let path = file.replace(/\\/g, '/');
  const posixRoot = root.replace(/\\/g, '/').replace(/\/+$/, '');
  if (posixRoot && path.startsWith(`${posixRoot}/`)) path = path.slice(posixRoot.length + 1);
  while (path.startsWith('./')) path = path.slice(2);
  return path;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "2 high, 1 low" style list of the non-zero counts, most severe first ("" when all zero). */
export function countsPhrase(counts: SeverityCounts): string {
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

/** JSON with 2-space indent and a trailing newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * A finding's fix hint as reporters print it: the file name quoted for the shell where the hint
 * pastes it into a command (a file named `-x.env` or `$(touch X).env` must not run anything).
 */
export function fixHint(finding: Pick<Finding, 'fix' | 'file'>): string | undefined {
  return finding.fix === undefined ? undefined : quoteFileInFix(finding.fix, finding.file);
}
