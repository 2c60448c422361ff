import { quoteFileInFix, shellQuotePath } from '@shipshape/core';
import { describe, expect, it } from 'vitest';
import { emptyResult, sampleResult } from './__tests__/fixtures.js';
import { formatResult } from './format.js';
import { formatGithub } from './github.js';

// File names and fix hints come from the scanned repository: nothing in them may drive the
// terminal, the Actions runner or a shell the user pastes a hint into.

describe('github format and hostile file names', () => {
  it('escapes control bytes (ESC, NUL, BEL, DEL, C1) in file names and messages instead of passing them raw', () => {
    const result = emptyResult();
    const base = sampleResult().findings[0]!;
    result.findings = [{ ...base, file: 'a\u001b[31m\u0000\u0007\u007f\u009b.env', message: 'm\u001b]0;title\u0007' }];
    const out = formatGithub(result);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none are left
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('file=a%1B[31m%00%07%7F%9B.env');
    expect(out).toContain('::m%1B]0;title%07');
  });
});

describe('fix hints that paste a file name into a shell command', () => {
  it('quotes names the shell would expand or read as options', () => {
    expect(shellQuotePath('config/.env')).toBe('config/.env');
    expect(shellQuotePath('-x.env')).toBe('./-x.env');
    expect(shellQuotePath('$(touch X).env')).toBe("'$(touch X).env'");
    expect(shellQuotePath("it's.env")).toBe("'it'\\''s.env'");
    expect(quoteFileInFix('git rm --cached $(touch X).env and rotate', '$(touch X).env')).toBe(
      "git rm --cached '$(touch X).env' and rotate",
    );
    // Already quoted at the source: left alone, not quoted twice.
    expect(quoteFileInFix("git rm --cached '$(touch X).env'", '$(touch X).env')).toBe(
      "git rm --cached '$(touch X).env'",
    );
  });

  for (const format of ['text', 'json', 'github', 'markdown', 'junit', 'gitlab-codequality'] as const) {
    it(`prints the quoted form in the ${format} format`, () => {
      const result = emptyResult();
      const base = sampleResult().findings[0]!;
      for (const file of ['$(touch X).env', '-x.env'])
        result.findings.push({ ...base, file, fingerprint: `fp-${file.length}`, fix: `git rm --cached ${file}` });
      const out = formatResult(format, result, {});
      expect(out).not.toContain('git rm --cached $(touch X).env');
      expect(out).not.toContain('git rm --cached -x.env');
      expect(out).toContain('./-x.env');
    });
  }
});
