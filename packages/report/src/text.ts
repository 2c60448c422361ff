import type { Finding, Notification, RunResult, Severity } from '@shipshape/core';
import { isAtLeast, LineIndex, SEVERITIES } from '@shipshape/core';
import { codeFrame } from './code-frame.js';
import type { Palette } from './color.js';
import { createPalette } from './color.js';
import type { ReportOptions } from './common.js';
import {
  aliasesOf,
  docsUrl,
  fixHint,
  groupByFile,
  normalizeRange,
  plural,
  sortedNotifications,
  summarize,
} from './common.js';

const LABEL_WIDTH = Math.max(...SEVERITIES.map((s) => s.length));
const INDENT = '  ';
const DETAIL = ' '.repeat(INDENT.length + LABEL_WIDTH + 2);

/**
 * Human-readable report for a terminal: findings grouped by file, each with its location, a
 * code frame (secrets masked), the fix and where to read more; then notifications and a summary.
 */
export function formatText(result: RunResult, options: ReportOptions = {}): string {
  const c = createPalette(options.color === true);
  const lines: string[] = [];

  for (const [file, findings] of groupByFile(result.findings)) {
    lines.push(c.underline(c.bold(printable(file))));
    const content = readSafely(options.readFile, file);
    const text = content === undefined ? undefined : new LineIndex(content);
    // Every secret range in the file is masked in every frame, not only in its own finding's.
    const masks = findings.filter((f) => f.secret !== undefined).map((f) => f.range);
    for (const finding of findings) {
      lines.push(...formatFinding(result, finding, text, masks, c, options));
      lines.push('');
    }
  }

  const notifications = sortedNotifications(result);
  if (notifications.length > 0) {
    lines.push(c.bold('Notifications'));
    for (const n of notifications) lines.push(formatNotification(n, c));
    lines.push('');
  }

  lines.push(...formatSummary(result, c));
  return `${lines.join('\n')}\n`;
}

function formatFinding(
  result: RunResult,
  finding: Finding,
  text: LineIndex | undefined,
  masks: Finding['range'][],
  c: Palette,
  options: ReportOptions,
): string[] {
  const out: string[] = [];
  const color = severityColor(finding.severity, c);
  const aliases = aliasesOf(result, finding);
  const label = color(finding.severity.padEnd(LABEL_WIDTH));
  const rule = c.dim(printable(finding.ruleId) + (aliases.length > 0 ? ` (${printable(aliases.join(', '))})` : ''));
  out.push(`${INDENT}${label}  ${printable(finding.message)}  ${rule}`);
  const r = normalizeRange(finding.range);
  out.push(`${DETAIL}${c.cyan(`${printable(finding.file)}:${r.startLine}:${r.startColumn}`)}`);
  if (text !== undefined && !finding.fileLevel) {
    const frame = codeFrame(text, finding.range, { mask: masks, palette: c, accent: color });
    for (const line of frame) out.push(`${DETAIL}${line}`);
  }
  if (finding.secret) out.push(`${DETAIL}${c.dim('secret:')} ${printable(finding.secret.redacted)}`);
  const fix = fixHint(finding);
  if (fix) out.push(`${DETAIL}${c.green('fix:')} ${printable(fix)}`);
  const url = docsUrl(finding.ruleId, options.docsBaseUrl);
  out.push(
    `${DETAIL}${c.dim('docs:')} ${url ? c.underline(printable(url)) : c.dim(`run \`shipshape rules ${printable(finding.ruleId)}\``)}`,
  );
  return out;
}

function formatNotification(n: Notification, c: Palette): string {
  const level = n.level === 'error' ? c.red : n.level === 'warning' ? c.yellow : c.blue;
  const where = n.file ? `${c.cyan(printable(n.file))}: ` : '';
  return `${INDENT}${level(n.level.padEnd(LABEL_WIDTH))}  ${where}${printable(n.message)}  ${c.dim(printable(n.code))}`;
}

function formatSummary(result: RunResult, c: Palette): string[] {
  const s = summarize(result);
  const counts = SEVERITIES.map((sev) => {
    const phrase = `${s.bySeverity[sev]} ${sev}`;
    return s.bySeverity[sev] > 0 ? severityColor(sev, c)(phrase) : c.dim(phrase);
  }).join(', ');
  const head = s.total === 0 ? c.green(c.bold('No findings')) : c.bold(plural(s.total, 'finding'));
  const tail = [
    `${plural(s.filesScanned, 'file')} scanned`,
    `${s.suppressed} suppressed`,
    `${s.baselined} baselined`,
  ].join(', ');
  const out = [s.total === 0 ? `${head}; ${tail}` : `${head} (${counts}); ${tail}`];
  const failOn = s.failOn;
  if (failOn !== 'none') {
    const over = result.findings.filter((f) => isAtLeast(f.severity, failOn)).length;
    out.push(
      s.failed
        ? c.red(`${plural(over, 'finding')} at or above ${s.failOn}: failing.`)
        : c.dim(`Nothing at or above ${s.failOn}: passing.`),
    );
  }
  return out;
}

function severityColor(severity: Severity, c: Palette): (text: string) => string {
  switch (severity) {
    case 'critical':
      return (t) => c.bold(c.magenta(t));
    case 'high':
      return c.red;
    case 'medium':
      return c.yellow;
    case 'low':
      return c.blue;
    default:
      return c.gray;
  }
}

function readSafely(readFile: ReportOptions['readFile'], file: string): string | undefined {
  if (!readFile) return undefined;
  try {
    const text = readFile(file);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Escapes control characters so text from a scanned repository (file names, values quoted in
 * messages) cannot move the cursor, recolor or retitle the user's terminal.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
