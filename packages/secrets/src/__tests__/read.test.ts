import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScanFile, type ScanFile } from '@shipshape/core';
import { afterAll, describe, expect, it } from 'vitest';

// The analyzer reads every file through core's readScanFile (one reused buffer, ASCII fast path):
// check it returns exactly what a plain UTF-8 read would, whatever the size hint says.
const dir = mkdtempSync(join(tmpdir(), 'shipshape-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer, size?: number): ScanFile {
  const absPath = join(dir, name);
  writeFileSync(absPath, content);
  return { path: name, absPath, size: size ?? Buffer.byteLength(content), kinds: [] };
}

describe('readScanFile', () => {
  it('decodes ASCII, UTF-8 and strips a BOM', async () => {
    expect(await readScanFile(file('a.txt', 'password=hunter2\n'))).toBe('password=hunter2\n');
    expect(await readScanFile(file('u.txt', 'pässwört: ünïcödé ✓ 🔑\n'))).toBe('pässwört: ünïcödé ✓ 🔑\n');
    expect(await readScanFile(file('bom.txt', '\ufefftoken: x\n'))).toBe('token: x\n');
    expect(await readScanFile(file('empty.txt', ''))).toBe('');
  });

  it('reads whole files when the size hint is stale, and large files', async () => {
    const big = `${'k=v\n'.repeat(700_000)}é`;
    expect(await readScanFile(file('big.txt', big, 10))).toBe(big);
    expect(await readScanFile(file('grown.txt', 'x'.repeat(5000), 0))).toBe('x'.repeat(5000));
    expect(await readScanFile(file('small-after-big.txt', 'short'))).toBe('short');
  });

  it('rejects binaries', async () => {
    await expect(readScanFile(file('b.bin', Buffer.from([1, 2, 0, 3])))).rejects.toMatchObject({ code: 'binary-file' });
  });
});
