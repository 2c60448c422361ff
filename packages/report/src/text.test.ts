import { describe, expect, it } from 'vitest';
import { DOCKERFILE, emptyResult, RAW_SECRET, RAW_SECRET_2, readFile, sampleResult } from './__tests__/fixtures.js';
import { codeFrame } from './code-frame.js';
import { formatText } from './text.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences on purpose
const ANSI = /\u001b\[/;

/** Column (0-based, in the displayed code) of the first caret under the marked line of a frame. */
function caretSpan(frame: string[]): { code: string; start: number; width: number } {
  const i = frame.findIndex((l) => l.startsWith('>'));
  const codeLine = frame[i]!;
  const caretLine = frame[i + 1]!;
  const codeStart = codeLine.indexOf('| ') + 2;
  const start = caretLine.indexOf('^');
  const width = caretLine.slice(start).match(/^\^+/)![0].length;
  return { code: codeLine.slice(codeStart), start: start - codeStart, width };
}

describe('code frame', () => {
  it('puts the carets under the flagged columns with two lines of context', () => {
    const frame = codeFrame(DOCKERFILE, { startLine: 1, startColumn: 6, endLine: 1, endColumn: 17 });
    expect(frame[0]).toBe('> 1 | FROM node:latest');
    expect(frame[1]).toBe('    |      ^^^^^^^^^^^');
    // A secret-looking value on a context line is masked although no finding flags it.
    expect(frame.slice(2)).toEqual(['  2 | WORKDIR /app', `  3 | ENV API_TOKEN=${'*'.repeat(RAW_SECRET_2.length)}`]);
    const span = caretSpan(frame);
    expect(span.code.slice(span.start, span.start + span.width)).toBe('node:latest');
    const raw = codeFrame(
      DOCKERFILE,
      { startLine: 1, startColumn: 6, endLine: 1, endColumn: 17 },
      { maskSecretLooking: false },
    );
    expect(raw.slice(2)).toEqual(['  2 | WORKDIR /app', `  3 | ENV API_TOKEN=${RAW_SECRET_2}`]);
  });

  it('masks secret-looking spans of a suppressed or baselined secret on the lines shown (issue 10 #4)', () => {
    const pat = `${'gh'}p_${'Ab3Xy9Qw'.repeat(4)}1234`;
    const text = [
      `GITHUB_TOKEN=${pat} # gitleaks:allow`,
      'DB_PASSWORD=Zq8xLm2Vt7Rk4Np9',
      'url=https://deploy:Hunter2Hunter2@example.test/x',
      `key = "${'a1B2c3D4e5F6g7H8i9J0kLmN'}"`,
      'path = src/components/Button2.tsx',
    ].join('\n');
    const frame = codeFrame(text, { startLine: 2, startColumn: 13, endLine: 2, endColumn: 29 }, { contextLines: 3 });
    const shown = frame.join('\n');
    for (const raw of [pat, 'Zq8xLm2Vt7Rk4Np9', 'Hunter2Hunter2', 'a1B2c3D4e5F6g7H8i9J0kLmN'])
      expect(shown).not.toContain(raw);
    expect(shown).toContain('GITHUB_TOKEN=');
    expect(shown).toContain('https://deploy:');
    // Paths and ordinary words stay readable.
    expect(shown).toContain('src/components/Button2.tsx');
  });

  it('shows context on both sides and pads the gutter', () => {
    const text = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n');
    const frame = codeFrame(text, { startLine: 10, startColumn: 1, endLine: 10, endColumn: 5 });
    expect(frame).toEqual([
      '   8 | line 8',
      '   9 | line 9',
      '> 10 | line 10',
      '     | ^^^^',
      '  11 | line 11',
      '  12 | line 12',
    ]);
  });

  it('keeps carets aligned after tabs', () => {
    const frame = codeFrame('\t\tRUN x\n', { startLine: 1, startColumn: 3, endLine: 1, endColumn: 6 });
    expect(frame[1]).toBe('    | \t\t^^^');
  });

  it('counts wide characters and astral code points as terminal cells', () => {
    // "名前" takes 4 cells, the emoji 2 (and 2 UTF-16 units): the carets still land under `x`.
    const frame = codeFrame('名前🚀 = x', { startLine: 1, startColumn: 8, endLine: 1, endColumn: 9 });
    expect(frame[1]).toBe(`    | ${' '.repeat(9)}^`);
    const wide = codeFrame('a = "名前"', { startLine: 1, startColumn: 5, endLine: 1, endColumn: 9 });
    expect(wide[1]).toBe('    |     ^^^^^^');
  });

  it('cuts long lines around the range and keeps the carets on the flagged text', () => {
    const line = `${'a'.repeat(3000)}TARGET${'b'.repeat(3000)}`;
    const frame = codeFrame(`short\n${line}\nafter`, { startLine: 2, startColumn: 3001, endLine: 2, endColumn: 3007 });
    for (const l of frame) expect(l.length).toBeLessThan(140);
    const span = caretSpan(frame);
    expect(span.code.startsWith('…')).toBe(true);
    expect(span.code.endsWith('…')).toBe(true);
    expect(span.code.slice(span.start, span.start + span.width)).toBe('TARGET');
  });

  it('marks every line of a multi-line range and elides the middle of a long one', () => {
    const text = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n');
    const short = codeFrame(text, { startLine: 5, startColumn: 2, endLine: 6, endColumn: 2 });
    expect(short.filter((l) => l.startsWith('>'))).toHaveLength(2);
    const long = codeFrame(text, { startLine: 3, startColumn: 1, endLine: 15, endColumn: 4 });
    expect(long.some((l) => l.trim() === '…')).toBe(true);
    expect(long.some((l) => l.includes('| l9'))).toBe(false);
    expect(long.some((l) => l.startsWith('> 15 | l15'))).toBe(true);
  });

  it('is empty for a range past the end of the text and survives zero or bad positions', () => {
    expect(codeFrame('one\ntwo', { startLine: 9, startColumn: 1, endLine: 9, endColumn: 2 })).toEqual([]);
    const frame = codeFrame('one\ntwo', { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 });
    expect(frame[0]).toBe('> 1 | one');
    expect(frame[1]).toBe('    | ^');
    // A column past the end of the line (e.g. "missing newline") still gets a caret.
    expect(codeFrame('ab', { startLine: 1, startColumn: 3, endLine: 1, endColumn: 3 })[1]).toBe('    |   ^');
  });

  it('masks secret ranges, and whole lines for zero-width secret ranges', () => {
    const text = `x=1\nTOKEN=${RAW_SECRET}\ny=2`;
    const range = { startLine: 2, startColumn: 7, endLine: 2, endColumn: 7 + RAW_SECRET.length };
    const frame = codeFrame(text, range, { mask: [range] });
    expect(frame.join('\n')).not.toContain(RAW_SECRET);
    expect(frame[1]).toBe(`> 2 | TOKEN=${'*'.repeat(RAW_SECRET.length)}`);
    const wide = codeFrame(
      text,
      { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      {
        mask: [{ startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 }],
      },
    );
    expect(wide.join('\n')).not.toContain('TOKEN');
  });

  it('masks every line of a multi-line secret, elided or not', () => {
    const body = Array.from({ length: 12 }, (_, i) => `KEYLINE${i}${'Q'.repeat(20)}`);
    const text = ['key: |', '-----BEGIN FAKE KEY-----', ...body, '-----END FAKE KEY-----', 'next: 1'].join('\n');
    const range = { startLine: 2, startColumn: 1, endLine: 15, endColumn: 23 };
    const frame = codeFrame(text, range, { mask: [range] }).join('\n');
    expect(frame).not.toMatch(/KEYLINE|BEGIN FAKE|END FAKE/);
    expect(frame).toContain('next: 1');
  });

  it('neutralises terminal escape sequences in source lines', () => {
    const frame = codeFrame('echo \u001b]0;pwned\u0007\u001b[2J done', {
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 5,
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences on purpose
    expect(frame.join('\n')).not.toMatch(/[\u0007\u001b]/);
  });
});

describe('text', () => {
  it('groups findings by file in order, each with severity, rule, message and location', () => {
    const out = formatText(sampleResult(), { readFile });
    const headers = ['.env', 'Dockerfile', 'src/weird <name> & "q".js'].map((h) => out.split('\n').indexOf(h));
    expect(headers.every((i) => i >= 0)).toBe(true);
    expect([...headers].sort((a, b) => a - b)).toEqual(headers);
    const rootAt = out.indexOf('The final stage runs as root (USER root).');
    expect(rootAt).toBeGreaterThan(out.indexOf('\nDockerfile\n'));
    expect(rootAt).toBeLessThan(out.indexOf('\nsrc/weird'));
    expect(out).toContain(
      '  high      The final stage runs as root (USER root).  docker/last-user-root (DL3002, DS002, CKV_DOCKER_8)',
    );
    expect(out).toContain('            Dockerfile:6:1\n');
    expect(out).toContain(`${' '.repeat(12)}> 6 | USER root\n${' '.repeat(16)}| ^^^^^^^^^\n`);
    expect(out).toContain('fix: Add `USER app` after creating an unprivileged user.');
    expect(out).toContain('docs: run `shipshape rules docker/last-user-root`');
  });

  it('links docs when a base URL is given', () => {
    const out = formatText(sampleResult(), { docsBaseUrl: 'https://example.org/rules' });
    expect(out).toContain('docs: https://example.org/rules/docker/last-user-root');
  });

  it('prints no frame for file-level findings or without readFile, and survives a throwing readFile', () => {
    const out = formatText(sampleResult(), { readFile });
    const tracked = out.slice(out.indexOf('The .env file is tracked'), out.indexOf('A GitHub personal access token'));
    const frameLine = /^\s+>? ?\d+ \|/m;
    expect(out).toMatch(frameLine);
    expect(tracked).not.toMatch(frameLine);
    expect(formatText(sampleResult())).not.toMatch(frameLine);
    const thrown = formatText(sampleResult(), {
      readFile: () => {
        throw new Error('EACCES');
      },
    });
    expect(thrown).toContain('The final stage runs as root');
    expect(thrown).not.toMatch(frameLine);
  });

  it('masks secrets in every frame that shows them, including other findings on the same line', () => {
    const out = formatText(sampleResult(), { readFile });
    expect(out).not.toContain(RAW_SECRET);
    expect(out).not.toContain(RAW_SECRET_2);
    expect(out).toContain(`GITHUB_TOKEN=${'*'.repeat(RAW_SECRET.length)}`);
    expect(out).toContain('secret: ghp_******** (40 chars)');
    // The info finding on the ENV line carries no secret of its own, yet its frame is masked.
    const info = out.slice(out.indexOf('ENV sets API_TOKEN'), out.indexOf('ENV API_TOKEN holds'));
    expect(info).toContain(`ENV API_TOKEN=${'*'.repeat(RAW_SECRET_2.length)}`);
  });

  it('uses no color codes unless asked, and colors when asked', () => {
    expect(formatText(sampleResult(), { readFile })).not.toMatch(ANSI);
    expect(formatText(emptyResult())).not.toMatch(ANSI);
    const colored = formatText(sampleResult(), { readFile, color: true });
    expect(colored).toMatch(ANSI);
    expect(colored).toContain('\u001b[31mhigh    \u001b[39m');
    expect(colored).not.toContain(RAW_SECRET);
    // Stripping the codes gives back the plain report.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences on purpose
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(formatText(sampleResult(), { readFile }));
  });

  it('escapes control characters in messages and file names', () => {
    const result = sampleResult();
    result.findings[0]!.message = 'evil \u001b[2J\u001b]0;title\u0007 done\nsecond';
    result.findings[0]!.file = 'a\u001bb';
    const out = formatText(result);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escape sequences on purpose
    expect(out).not.toMatch(/[\u0007\u001b]/);
    expect(out).toContain('evil \\x1b[2J\\x1b]0;title\\x07 done\\nsecond');
  });

  it('lists notifications and ends with the summary', () => {
    const out = formatText(sampleResult(), { readFile });
    expect(out).toContain(
      'Notifications\n  error     Permission denied.  unreadable\n  warning   dist/bundle.js: Skipped: larger than 5 MB.  file-too-large\n',
    );
    const tail = out.trimEnd().split('\n').slice(-2);
    expect(tail).toEqual([
      '7 findings (1 critical, 3 high, 1 medium, 1 low, 1 info); 12 files scanned, 2 suppressed, 1 baselined',
      '4 findings at or above high: failing.',
    ]);
  });

  it('says so when there are no findings', () => {
    expect(formatText(emptyResult())).toBe(
      'No findings; 12 files scanned, 0 suppressed, 0 baselined\nNothing at or above high: passing.\n',
    );
    const none = emptyResult();
    none.failOn = 'none';
    none.filesScanned = 1;
    expect(formatText(none)).toBe('No findings; 1 file scanned, 0 suppressed, 0 baselined\n');
  });
});
