import type { RunResult, Severity } from '@shipshape/core';
import type { ReportOptions } from './common.js';
import { fixHint, normalizeRange, relativePath, sortedFindings, toJson } from './common.js';

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export const GITLAB_SEVERITY: Readonly<Record<Severity, GitlabSeverity>> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
  info: 'info',
};

/** One issue of a GitLab Code Quality report (the Code Climate subset GitLab reads). */
export interface GitlabIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  severity: GitlabSeverity;
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of issues.
 * Notifications have no place in the format and are left out.
 */
export function formatGitlabCodeQuality(result: RunResult, _options: ReportOptions = {}): string {
  const issues: GitlabIssue[] = sortedFindings(result).map((f) => {
    const r = normalizeRange(f.range);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: f.fix ? `${f.message} Fix: ${fixHint(f)}` : f.message,
      categories: ['Security'],
      severity: GITLAB_SEVERITY[f.severity],
      fingerprint: f.fingerprint,
      location: { path: relativePath(f.file, result.root), lines: { begin: r.startLine, end: r.endLine } },
    };
  });
  return toJson(issues);
}
