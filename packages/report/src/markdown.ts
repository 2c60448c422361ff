import type { RunResult } from '@shipshape/core';
import { SEVERITIES, severityRank } from '@shipshape/core';
import type { ReportOptions } from './common.js';
import { docsUrl, fixHint, normalizeRange, plural, sortedFindings, sortedNotifications, summarize } from './common.js';

/** More findings than this go inside a collapsed `<details>` block. */
export const MARKDOWN_COLLAPSE_AFTER = 10;
/** Rows shown at most; PR comments are capped at 65,536 characters. */
export const MARKDOWN_MAX_ROWS = 300;
/** Characters of table rows at most, leaving room for the rest under GitHub's 65,536 limit. */
export const MARKDOWN_MAX_TABLE_CHARS = 50_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Escapes text for a GFM table cell: markdown punctuation is backslash-escaped, HTML
 * characters become entities (a file name cannot inject tags into the comment), newlines
 * become `<br>` and pipes cannot end the cell.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/\n/g, '<br>')
    .replace(CONTROL, ' ');
}

/** A code span that holds any text: the fence is longer than any backtick run inside, pipes escaped. */
export function markdownCode(text: string, inTable = true): string {
  const clean = text.replace(/\r\n?|\n/g, ' ').replace(CONTROL, ' ');
  const longest = Math.max(0, ...Array.from(clean.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || clean === '' ? ' ' : '';
  // In a GFM table `\|` inside a code span renders as `|`.
  return `${fence}${pad}${inTable ? clean.replace(/\|/g, '\\|') : clean}${pad}${fence}`;
}

/**
 * Markdown for a PR comment or `$GITHUB_STEP_SUMMARY`: a heading, counts per severity, a
 * findings table (collapsed when long) and notifications.
 */
export function formatMarkdown(result: RunResult, options: ReportOptions = {}): string {
  const s = summarize(result);
  const out: string[] = [`## ${escapeMarkdown(result.tool.name)} report`, ''];

  if (s.total === 0) {
    out.push(`:white_check_mark: **No findings** in ${plural(s.filesScanned, 'scanned file')}.`, '');
  } else {
    const status = s.failed ? `:x: **${plural(s.total, 'finding')}**` : `:warning: **${plural(s.total, 'finding')}**`;
    out.push(`${status} in ${plural(s.filesScanned, 'scanned file')}.`, '');
  }

  out.push('| Severity | Count |', '| --- | ---: |');
  for (const sev of SEVERITIES) out.push(`| ${sev} | ${s.bySeverity[sev]} |`);
  out.push('');
  const extra = [`${s.suppressed} suppressed`, `${s.baselined} baselined`];
  if (s.failOn !== 'none') extra.push(`fail-on: ${s.failOn} (${s.failed ? 'failed' : 'passed'})`);
  out.push(`<sub>${extra.join(' · ')}</sub>`, '');

  if (s.total > 0) {
    // Most severe first, so a truncated table still shows what matters.
    const findings = sortedFindings(result).sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    const rows: string[] = [];
    let size = 0;
    for (const f of findings) {
      const r = normalizeRange(f.range);
      const url = docsUrl(f.ruleId, options.docsBaseUrl);
      const rule = url ? `[${markdownCode(f.ruleId)}](${linkTarget(url)})` : markdownCode(f.ruleId);
      const message = f.fix
        ? `${escapeMarkdown(f.message)}<br>*Fix:* ${escapeMarkdown(fixHint(f) ?? '')}`
        : escapeMarkdown(f.message);
      const row = `| ${f.severity} | ${rule} | ${markdownCode(`${f.file}:${r.startLine}:${r.startColumn}`)} | ${message} |`;
      if (rows.length >= MARKDOWN_MAX_ROWS || size + row.length > MARKDOWN_MAX_TABLE_CHARS) break;
      rows.push(row);
      size += row.length + 1;
    }
    const table = ['| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |', ...rows];
    if (findings.length > rows.length) {
      table.push('', `${findings.length - rows.length} more findings are not shown; see the SARIF or JSON report.`);
    }
    if (findings.length > MARKDOWN_COLLAPSE_AFTER) {
      out.push('<details>', `<summary>Findings (${findings.length})</summary>`, '', ...table, '', '</details>', '');
    } else {
      out.push('### Findings', '', ...table, '');
    }
  }

  const notifications = sortedNotifications(result);
  if (notifications.length > 0) {
    out.push('### Notifications', '');
    for (const n of notifications) {
      const where = n.file !== undefined ? `${markdownCode(n.file, false)}: ` : '';
      out.push(`- **${n.level}** ${markdownCode(n.code, false)} ${where}${escapeMarkdown(n.message)}`);
    }
    out.push('');
  }

  out.push(`<sub>${escapeMarkdown(result.tool.name)} ${escapeMarkdown(result.tool.version)}</sub>`);
  return `${out.join('\n')}\n`;
}

/** A link destination that cannot end early: parentheses, spaces, pipes and angle brackets percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()\s<>|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
