import { describe, expect, it } from 'vitest';
import { emptyResult, sampleResult } from './__tests__/fixtures.js';
import { escapeMarkdown, formatMarkdown, MARKDOWN_COLLAPSE_AFTER, markdownCode } from './markdown.js';

/** Splits a GFM table row into cells the way GFM does: on pipes not escaped by a backslash. */
function cells(row: string): string[] {
  return row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('markdown', () => {
  it('has a heading, a count table and a findings table', () => {
    const md = formatMarkdown(sampleResult());
    expect(md.startsWith('## shipshape report\n')).toBe(true);
    expect(md).toContain('| Severity | Count |');
    expect(md).toContain('| high | 3 |');
    expect(md).toContain('| critical | 1 |');
    expect(md).toContain('2 suppressed · 1 baselined · fail-on: high (failed)');
    expect(md).toContain('| Severity | Rule | Location | Message |');
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && l.includes('`'));
    expect(rows).toHaveLength(7);
    for (const row of rows) expect(cells(row)).toHaveLength(4);
    expect(md).not.toContain('<details>');
  });

  it('escapes pipes, backticks, HTML and emphasis in cells', () => {
    const md = formatMarkdown(sampleResult());
    const row = md.split('\n').find((l) => l.includes('js/eval'))!;
    const [, rule, location, message] = cells(row);
    expect(rule).toBe('`js/eval`');
    expect(location).toBe('`src/weird <name> & "q".js:2:11`');
    expect(message).toBe('Call to eval with &lt;input&gt; &amp; "user" \'data\' \\| pipes \\* \\_under\\_ \\`tick\\`.');
    expect(escapeMarkdown('a|b\nc')).toBe('a\\|b<br>c');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(markdownCode('a`b|c')).toBe('``a`b\\|c``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
  });

  it('collapses a long list into <details>', () => {
    const result = sampleResult();
    const base = result.findings[0]!;
    result.findings = Array.from({ length: MARKDOWN_COLLAPSE_AFTER + 1 }, (_, i) => ({
      ...base,
      fingerprint: `f${i}`,
      range: { ...base.range, startLine: i + 1, endLine: i + 1 },
    }));
    const md = formatMarkdown(result);
    expect(md).toContain('<details>');
    expect(md).toContain(`<summary>Findings (${MARKDOWN_COLLAPSE_AFTER + 1})</summary>`);
    expect(md.indexOf('<details>')).toBeLessThan(md.indexOf('| Severity | Rule |'));
    expect(md.indexOf('</details>')).toBeGreaterThan(md.lastIndexOf('`.env:'));
  });

  it('lists the most severe first and stays under the PR comment size limit', () => {
    const result = sampleResult();
    const base = result.findings[0]!;
    result.findings = Array.from({ length: 1000 }, (_, i) => ({
      ...base,
      severity: i === 999 ? 'critical' : 'low',
      message: `Finding ${i} ${'x'.repeat(400)}`,
      fingerprint: `f${i}`,
      range: { ...base.range, startLine: i + 1, endLine: i + 1 },
    }));
    const md = formatMarkdown(result);
    expect(md.length).toBeLessThan(65_536);
    const rows = md.split('\n').filter((l) => l.includes('| `docker/last-user-root` |'));
    expect(rows[0]).toMatch(/^\| critical \|.*Finding 999 /);
    expect(md).toMatch(new RegExp(`${1000 - rows.length} more findings are not shown`));
  });

  it('links rule docs when a base URL is given', () => {
    const md = formatMarkdown(sampleResult(), { docsBaseUrl: 'https://example.org/rules/{id}.html' });
    expect(md).toContain('[`docker/last-user-root`](https://example.org/rules/docker/last-user-root.html)');
  });

  it('lists notifications', () => {
    const md = formatMarkdown(sampleResult());
    expect(md).toContain('### Notifications');
    expect(md).toContain('- **warning** `file-too-large` `dist/bundle.js`: Skipped: larger than 5 MB.');
  });

  it('says "No findings" when clean', () => {
    const md = formatMarkdown(emptyResult());
    expect(md).toContain('**No findings** in 12 scanned files.');
    expect(md).not.toContain('| Severity | Rule |');
    expect(md).toContain('| critical | 0 |');
  });
});
