import { computeFingerprint } from './fingerprint.js';
import type { LineIndex } from './position.js';
import type { Finding, Report, Rule, RuleMeta } from './types.js';

/** Declares a rule; the identity function, there for typing and one obvious place to look. */
export function defineRule<Input, Options = Record<string, never>>(rule: Rule<Input, Options>): Rule<Input, Options> {
  return rule;
}

/** Fills `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/**
 * Turns a rule's report into a finding: message from the template, default severity unless
 * the report overrides it, and a fingerprint from the flagged lines' text.
 */
export function reportToFinding(meta: RuleMeta, report: Report, file: string, lines?: LineIndex): Finding {
  const template = meta.messages?.[report.messageId] ?? report.messageId;
  const content = lines
    ? Array.from(
        { length: Math.min(report.range.endLine, report.range.startLine + 2) - report.range.startLine + 1 },
        (_, i) => lines.line(report.range.startLine + i),
      ).join('\n')
    : '';
  const finding: Finding = {
    ruleId: meta.id,
    severity: report.severity ?? meta.severity,
    message: formatMessage(template, report.data),
    file,
    range: report.range,
    fingerprint: computeFingerprint({
      ruleId: meta.id,
      file,
      content: `${report.messageId}\n${content}`,
      ...(report.fingerprintKey !== undefined ? { key: report.fingerprintKey } : {}),
    }),
  };
  if (report.fix !== undefined) finding.fix = report.fix;
  if (report.secret !== undefined) finding.secret = report.secret;
  if (report.fileLevel) finding.fileLevel = true;
  if (report.aliases !== undefined) finding.aliases = report.aliases;
  if (report.properties !== undefined) finding.properties = report.properties;
  return finding;
}
