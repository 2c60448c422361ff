import type { Finding, FindingProperties, Notification, Range, RunResult, Severity } from '@shipshape/core';
import type { ReportOptions, Summary } from './common.js';
import {
  aliasesOf,
  fixHint,
  normalizeRange,
  sortedFindings,
  sortedNotifications,
  summarize,
  toJson,
} from './common.js';

/** One finding in the json report. Key order is fixed; see README.md. */
export interface JsonFinding {
  ruleId: string;
  aliases: string[];
  severity: Severity;
  message: string;
  file: string;
  range: Range;
  fingerprint: string;
  fix: string | null;
  secret?: { redacted: string; entropy?: number };
  fileLevel?: true;
  properties?: FindingProperties;
}

/** The whole json report (`shipshape scan --format json`). */
export interface JsonReport {
  tool: { name: string; version: string };
  findings: JsonFinding[];
  notifications: Notification[];
  summary: Summary;
}

/** Builds the json report as an object (what `formatJson` serialises). */
export function toJsonReport(result: RunResult): JsonReport {
  return {
    tool: { name: result.tool.name, version: result.tool.version },
    findings: sortedFindings(result).map((f) => jsonFinding(result, f)),
    notifications: sortedNotifications(result).map((n) => {
      const out: Notification = { level: n.level, code: n.code, message: n.message };
      if (n.file !== undefined) out.file = n.file;
      return out;
    }),
    summary: summarize(result),
  };
}

function jsonFinding(result: RunResult, f: Finding): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    aliases: aliasesOf(result, f),
    severity: f.severity,
    message: f.message,
    file: f.file,
    range: normalizeRange(f.range),
    fingerprint: f.fingerprint,
    fix: fixHint(f) ?? null,
  };
  if (f.secret) {
    out.secret =
      f.secret.entropy === undefined
        ? { redacted: f.secret.redacted }
        : { redacted: f.secret.redacted, entropy: f.secret.entropy };
  }
  if (f.fileLevel) out.fileLevel = true;
  if (f.properties) out.properties = sortKeys(f.properties);
  return out;
}

function sortKeys(properties: FindingProperties): FindingProperties {
  return Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Machine-readable report: 2-space JSON with a trailing newline. */
export function formatJson(result: RunResult, _options: ReportOptions = {}): string {
  return toJson(toJsonReport(result));
}
