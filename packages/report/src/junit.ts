import type { Finding, RunResult } from '@shipshape/core';
import type { ReportOptions } from './common.js';
import { aliasesOf, fixHint, groupByFile, normalizeRange, sortedNotifications, summarize } from './common.js';

// Characters XML 1.0 forbids even as references: C0 controls except tab/LF/CR, lone surrogates,
// U+FFFE and U+FFFF. They become U+FFFD so the document stays well-formed.
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML forbids
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text content. */
export function escapeXmlText(value: string): string {
  return value.replace(INVALID_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted); tab/LF/CR as references so parsers keep them. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attrs(pairs: [string, string | number][]): string {
  return pairs.map(([k, v]) => ` ${k}="${escapeXmlAttribute(String(v))}"`).join('');
}

/**
 * JUnit XML for CI test-report views: one testsuite per scanned file with findings, one
 * failing testcase per finding. A clean run is one passing testcase, so CI shows a green test.
 */
export function formatJunit(result: RunResult, _options: ReportOptions = {}): string {
  const s = summarize(result);
  const groups = groupByFile(result.findings);
  const notifications = sortedNotifications(result);
  const suites: string[] = [];

  for (const [file, findings] of groups) {
    suites.push(
      `  <testsuite${attrs([
        ['name', file],
        ['tests', findings.length],
        ['failures', findings.length],
        ['errors', 0],
        ['skipped', 0],
      ])}>`,
    );
    // Testcase names are unique within a suite, so CI views do not merge two findings.
    const names = new Map<string, number>();
    for (const f of findings) {
      const r = normalizeRange(f.range);
      const base = `${f.ruleId} at ${r.startLine}:${r.startColumn}`;
      const seen = names.get(base) ?? 0;
      names.set(base, seen + 1);
      suites.push(...testcase(result, f, seen === 0 ? base : `${base} (${seen + 1})`));
    }
    suites.push('  </testsuite>');
  }

  // The run itself: a passing testcase when clean, and the notifications as stderr.
  if (groups.size === 0 || notifications.length > 0) {
    const tests = groups.size === 0 ? 1 : 0;
    suites.push(
      `  <testsuite${attrs([
        ['name', result.tool.name],
        ['tests', tests],
        ['failures', 0],
        ['errors', 0],
        ['skipped', 0],
      ])}>`,
    );
    if (tests === 1) {
      suites.push(
        `    <testcase${attrs([
          ['name', `no findings in ${s.filesScanned} scanned files`],
          ['classname', result.tool.name],
        ])}/>`,
      );
    }
    if (notifications.length > 0) {
      const body = notifications
        .map((n) => `${n.level} ${n.code}${n.file !== undefined ? ` ${n.file}` : ''}: ${n.message}`)
        .join('\n');
      suites.push(`    <system-err>${escapeXmlText(body)}</system-err>`);
    }
    suites.push('  </testsuite>');
  }

  const total = s.total === 0 ? 1 : s.total;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs([
      ['name', result.tool.name],
      ['tests', total],
      ['failures', s.total],
      ['errors', 0],
    ])}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(result: RunResult, f: Finding, name: string): string[] {
  const r = normalizeRange(f.range);
  const location = `${f.file}:${r.startLine}:${r.startColumn}`;
  const aliases = aliasesOf(result, f);
  const body = [
    `${f.severity} ${f.ruleId}${aliases.length > 0 ? ` (${aliases.join(', ')})` : ''}`,
    `at ${location}`,
    f.message,
    ...(f.secret ? [`secret: ${f.secret.redacted}`] : []),
    ...(f.fix ? [`fix: ${fixHint(f)}`] : []),
    `fingerprint: ${f.fingerprint}`,
  ].join('\n');
  return [
    `    <testcase${attrs([
      ['name', name],
      ['classname', f.file],
      ['file', f.file],
      ['line', r.startLine],
    ])}>`,
    `      <failure${attrs([
      ['message', f.message],
      ['type', f.ruleId],
    ])}>${escapeXmlText(body)}</failure>`,
    '    </testcase>',
  ];
}
