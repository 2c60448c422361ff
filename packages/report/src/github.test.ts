import { describe, expect, it } from 'vitest';
import { emptyResult, sampleResult } from './__tests__/fixtures.js';
import { escapeData, escapeProperty, formatGithub } from './github.js';

describe('github', () => {
  it('writes one annotation per finding with the severity mapped to error/warning/notice', () => {
    const lines = formatGithub(sampleResult()).trimEnd().split('\n');
    expect(lines[0]).toBe('::error file=.env,title=secrets/env-file-tracked (high)::The .env file is tracked by git.');
    const byRule = (id: string) => lines.find((l) => l.includes(`title=${id} `))!;
    expect(byRule('secrets/github-token')).toMatch(/^::error /); // critical
    expect(byRule('docker/last-user-root')).toMatch(/^::error /); // high
    expect(byRule('docker/image-tag-latest')).toMatch(/^::warning /); // medium
    expect(byRule('js/eval')).toMatch(/^::notice /); // low
    expect(byRule('docker/env-instruction-with-value')).toMatch(/^::notice /); // info
    expect(byRule('docker/last-user-root')).toBe(
      '::error file=Dockerfile,line=6,endLine=6,col=1,endColumn=10,title=docker/last-user-root (high)::The final stage runs as root (USER root).%0AFix: Add `USER app` after creating an unprivileged user.',
    );
  });

  it('escapes data and properties exactly like @actions/core', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext%3A a%2Cb');
    // `%` first, so an existing escape is not decoded by the runner.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('cannot be tricked into a second command by a newline in a message or a file name', () => {
    const result = emptyResult();
    const base = sampleResult().findings[0]!;
    result.findings = [{ ...base, file: 'a,b:c%.env', message: 'bad\n::error file=x::injected\r\n::stop-commands::t' }];
    const lines = formatGithub(result).trimEnd().split('\n');
    expect(lines).toHaveLength(2); // the annotation and the summary line
    expect(lines[0]).toMatch(/^::error file=a%2Cb%3Ac%25.env,line=6,/);
    expect(lines[0]).toContain('::bad%0A::error file=x::injected%0D%0A::stop-commands::t');
    expect(lines[1]).toMatch(/^shipshape: /);
  });

  it('writes notifications and a summary line; only the summary with zero findings', () => {
    const lines = formatGithub(sampleResult()).trimEnd().split('\n');
    expect(lines).toContain('::warning file=dist/bundle.js,title=shipshape file-too-large::Skipped: larger than 5 MB.');
    expect(lines).toContain('::error title=shipshape unreadable::Permission denied.');
    expect(lines.at(-1)).toBe(
      'shipshape: 7 findings (1 critical, 3 high, 1 medium, 1 low, 1 info) in 12 files; 2 suppressed, 1 baselined',
    );
    expect(formatGithub(emptyResult())).toBe('shipshape: no findings in 12 files; 0 suppressed, 0 baselined\n');
  });
});
