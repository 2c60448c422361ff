import type { RunResult, Severity } from '@shipshape/core';
import type { ReportOptions } from './common.js';
import {
  countsPhrase,
  fixHint,
  normalizeRange,
  plural,
  relativePath,
  sortedFindings,
  sortedNotifications,
  summarize,
} from './common.js';

export type GithubCommand = 'error' | 'warning' | 'notice';

const COMMAND: Readonly<Record<Severity, GithubCommand>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/**
 * Escapes a workflow command's message, as `@actions/core` does (`%`, CR, LF), and every other
 * control character too (as `%XX`, which the runner leaves as text): a file name holding an
 * escape sequence or a NUL must not reach the log raw.
 */
export function escapeData(value: string): string {
  return value
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g,
      (ch) => {
        const code = ch.charCodeAt(0);
        return code > 0xff
          ? `%u${code.toString(16).padStart(4, '0').toUpperCase()}`
          : `%${code.toString(16).padStart(2, '0').toUpperCase()}`;
      },
    );
}

/** Escapes a workflow command's property value, as `@actions/core` does (`%`, CR, LF, `:`, `,`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: GithubCommand, properties: [string, string | number][], message: string): string {
  const props = properties.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/**
 * GitHub Actions workflow commands: one annotation per finding (shown on the PR diff), one per
 * notification, then a plain summary line for the log.
 */
export function formatGithub(result: RunResult, _options: ReportOptions = {}): string {
  const lines: string[] = [];
  for (const f of sortedFindings(result)) {
    const r = normalizeRange(f.range);
    const fix = fixHint(f);
    const message = fix ? `${f.message}\nFix: ${fix}` : f.message;
    lines.push(
      command(
        COMMAND[f.severity],
        // A finding about a whole file (".env is tracked") is annotated on the file, not on line 1.
        f.fileLevel
          ? [
              ['file', relativePath(f.file, result.root)],
              ['title', `${f.ruleId} (${f.severity})`],
            ]
          : [
              ['file', relativePath(f.file, result.root)],
              ['line', r.startLine],
              ['endLine', r.endLine],
              ['col', r.startColumn],
              ['endColumn', r.endColumn],
              ['title', `${f.ruleId} (${f.severity})`],
            ],
        message,
      ),
    );
  }
  for (const n of sortedNotifications(result)) {
    const props: [string, string][] = [['title', `shipshape ${n.code}`]];
    if (n.file !== undefined) props.unshift(['file', relativePath(n.file, result.root)]);
    lines.push(command(n.level === 'error' ? 'error' : n.level === 'warning' ? 'warning' : 'notice', props, n.message));
  }
  const s = summarize(result);
  const counts = countsPhrase(s.bySeverity);
  lines.push(
    `shipshape: ${s.total === 0 ? 'no findings' : `${plural(s.total, 'finding')} (${counts})`} in ${plural(s.filesScanned, 'file')}; ${s.suppressed} suppressed, ${s.baselined} baselined`,
  );
  return `${lines.join('\n')}\n`;
}
