import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileReadError, looksBinary, readOptionalTextFile, readRegularFile, readTextFile } from './read.js';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-read-'));
}

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof FileReadError ? error.reason : `other: ${String(error)}`;
  }
}

describe('readRegularFile: regular files only, inside the root, within the budget', () => {
  it('reads a regular file and refuses one over the byte budget', () => {
    const root = dir();
    writeFileSync(join(root, 'a.txt'), 'hello\n');
    expect(readTextFile(join(root, 'a.txt'), { maxBytes: 100, root })).toBe('hello\n');
    expect(reason(() => readRegularFile(join(root, 'a.txt'), { maxBytes: 3 }))).toBe('file-too-large');
  });

  it('refuses a FIFO without blocking, and /dev/zero without reading it', () => {
    const root = dir();
    spawnSync('mkfifo', [join(root, 'fifo')]);
    expect(reason(() => readRegularFile(join(root, 'fifo'), { maxBytes: 100, root }))).toBe('special-file');
    expect(reason(() => readRegularFile('/dev/zero', { maxBytes: 100 }))).toBe('special-file');
  });

  it('refuses a link leaving the root, follows one inside it, and with noSymlinks refuses both', () => {
    const root = dir();
    const outside = dir();
    writeFileSync(join(outside, 'secret'), 'outside\n');
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'real.yaml'), 'inside\n');
    symlinkSync(join(outside, 'secret'), join(root, 'out.yaml'));
    symlinkSync('sub/real.yaml', join(root, 'in.yaml'));
    symlinkSync('/dev/zero', join(root, 'zero'));
    expect(reason(() => readRegularFile(join(root, 'out.yaml'), { maxBytes: 100, root }))).toBe('symlink-outside-root');
    expect(reason(() => readRegularFile(join(root, 'zero'), { maxBytes: 100, root }))).toBe('symlink-outside-root');
    expect(readTextFile(join(root, 'in.yaml'), { maxBytes: 100, root })).toBe('inside\n');
    expect(reason(() => readRegularFile(join(root, 'in.yaml'), { maxBytes: 100, root, noSymlinks: true }))).toBe(
      'symlink-outside-root',
    );
    // Without a root the path is the user's own choice: links are followed.
    expect(readTextFile(join(root, 'out.yaml'), { maxBytes: 100 })).toBe('outside\n');
  });

  it('names the path and the reason in its message, never the content', () => {
    const root = dir();
    writeFileSync(join(root, 'big'), 'SECRET-CONTENT'.repeat(10));
    try {
      readRegularFile(join(root, 'big'), { maxBytes: 10, display: 'big' });
    } catch (error) {
      expect(String(error)).toMatch(/big: 140 bytes is over the 10-byte limit/);
      expect(String(error)).not.toContain('SECRET');
    }
    expect(readOptionalTextFile(join(root, 'missing'), { maxBytes: 10 })).toBeUndefined();
  });
});

describe('looksBinary: the one binary check', () => {
  it('looks at the first 8,192 bytes, the same window for bytes and text', () => {
    for (const at of [0, 7999, 8000, 8191]) {
      const text = `${'a'.repeat(at)}\u0000`;
      expect(looksBinary(text), `text ${at}`).toBe(true);
      expect(looksBinary(Buffer.from(text)), `bytes ${at}`).toBe(true);
    }
    expect(looksBinary(`${'a'.repeat(8192)}\u0000`)).toBe(false);
  });
});
