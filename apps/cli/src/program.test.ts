import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgram, EXIT, resolveTargets, VERSION } from './index.js';

function harness(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const program = createProgram({
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  });
  return {
    run: (...argv: string[]) => program.run(argv),
    out: () => stdout,
    err: () => stderr,
  };
}

function dir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('createProgram (in-process)', () => {
  it('prints the version from package.json', async () => {
    const h = harness();
    expect(await h.run('--version')).toBe(EXIT.clean);
    expect(h.out().trim()).toBe(VERSION);
  });

  it('maps usage errors to exit 2 with a one-line reason', async () => {
    const h = harness();
    expect(await h.run('scan', '--format', 'yaml')).toBe(EXIT.error);
    expect(h.err()).toMatch(/argument 'yaml' is invalid/);
    const h2 = harness();
    expect(await h2.run('scan', '--report', 'nope:file')).toBe(EXIT.error);
    expect(h2.err()).toMatch(/^shipshape: --report expects/);
  });

  it('init writes a starter config that scan then accepts; a second init refuses', async () => {
    const cwd = dir({ Dockerfile: 'FROM scratch\nCOPY app /app\nUSER 65532\nENTRYPOINT ["/app"]\n' });
    const h = harness({ cwd });
    expect(await h.run('init')).toBe(EXIT.clean);
    expect(readFileSync(join(cwd, '.shipshape.yaml'), 'utf8')).toContain('failOn: high');
    expect(await h.run('init')).toBe(EXIT.error);
    expect(h.err()).toMatch(/already exists/);
    const scan = harness({ cwd });
    expect(await scan.run('scan', '--only', 'dockerfile', '--format', 'json')).toBe(EXIT.clean);
    expect(JSON.parse(scan.out()).findings).toEqual([]);
  });

  it('exits 2 naming the key of a broken config, and 1 on findings', async () => {
    const cwd = dir({ '.shipshape.yaml': 'failOn: sometimes\n', Dockerfile: 'FROM ubuntu\nRUN echo hi\n' });
    const h = harness({ cwd });
    expect(await h.run('scan', '--only', 'dockerfile')).toBe(EXIT.error);
    expect(h.err()).toMatch(/\.shipshape\.yaml: failOn: expected one of/);
    writeFileSync(join(cwd, '.shipshape.yaml'), 'failOn: low\n');
    const h2 = harness({ cwd });
    expect(await h2.run('scan', '--only', 'dockerfile')).toBe(EXIT.findings);
    expect(h2.out()).toContain('Dockerfile');
  });

  it('resolves one directory as the root and several paths as includes under cwd', () => {
    const cwd = dir({ a: 'x', b: 'y' });
    expect(resolveTargets([], cwd)).toEqual({ root: cwd });
    expect(resolveTargets(['.'], cwd)).toEqual({ root: cwd });
    expect(resolveTargets(['a', 'b'], cwd)).toEqual({ root: cwd, include: ['a', 'b'] });
    expect(() => resolveTargets(['missing'], cwd)).toThrow(/no such file/);
  });
});
