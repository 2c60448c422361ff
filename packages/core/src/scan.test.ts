import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline, readBaseline, serializeBaseline } from './baseline.js';
import { discoverFiles } from './discovery.js';
import { LineIndex } from './position.js';
import { reportToFinding } from './rule.js';
import { checkRuleKeys, collectRules, runScan } from './scan.js';
import type { Analyzer, RuleMeta } from './types.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-scan-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const TODO_RULE: RuleMeta = {
  id: 'test/todo-comment',
  title: 'TODO left in file',
  severity: 'medium',
  aliases: ['T001'],
  tags: [],
  messages: { todo: 'TODO found' },
};

/** A tiny analyzer over the discovered files: a finding on each line holding TODO. */
const todoAnalyzer: Analyzer = {
  name: 'todo',
  rules: [TODO_RULE],
  async analyze(ctx) {
    const out = [];
    for (const file of ctx.files) {
      let text: string;
      try {
        text = await ctx.readText(file);
      } catch {
        continue;
      }
      const lines = new LineIndex(text);
      for (let i = text.indexOf('TODO'); i !== -1; i = text.indexOf('TODO', i + 1))
        out.push(reportToFinding(TODO_RULE, { messageId: 'todo', range: lines.range(i, i + 4) }, file.path, lines));
    }
    return out;
  },
};

describe('discoverFiles', () => {
  it('honours root and nested .gitignore files, negations and config ignores', async () => {
    const root = tree({
      '.gitignore': 'build/\n*.log\n.env\n!keep.log\n',
      'src/app.ts': 'x',
      'src/.gitignore': 'generated.ts\n',
      'src/generated.ts': 'x',
      'build/out.js': 'x',
      'debug.log': 'x',
      'keep.log': 'x',
      '.env': 'A=1',
      'config/.env.production': 'A=1',
      'vendor/lib.js': 'x',
      'node_modules/dep/index.js': 'x',
    });
    const { files } = await discoverFiles({ root, ignore: ['vendor/'] });
    expect(files.map((f) => f.path).sort()).toEqual([
      '.gitignore',
      'config/.env.production',
      'keep.log',
      'src/.gitignore',
      'src/app.ts',
    ]);
  });

  it('classifies Dockerfile variants, charts, env files and lockfiles', async () => {
    const root = tree({
      Dockerfile: 'FROM x',
      'docker/Dockerfile.prod': 'FROM x',
      'api.dockerfile': 'FROM x',
      Containerfile: 'FROM x',
      'Dockerfile.md': '# doc',
      'charts/web/Chart.yaml': 'name: web',
      'charts/web/values.yaml': 'a: 1',
      'charts/web/values-prod.yaml': 'a: 1',
      'charts/web/templates/secret.yaml': 'a: 1',
      '.env.example': 'A=',
      '.env.local': 'A=1',
      'package-lock.json': '{}',
      'requirements-dev.txt': 'x==1',
    });
    const { files } = await discoverFiles({ root });
    const kinds = Object.fromEntries(files.map((f) => [f.path, f.kinds]));
    expect(kinds['Dockerfile']).toContain('dockerfile');
    expect(kinds['docker/Dockerfile.prod']).toContain('dockerfile');
    expect(kinds['api.dockerfile']).toContain('dockerfile');
    expect(kinds['Containerfile']).toContain('dockerfile');
    expect(kinds['Dockerfile.md']).not.toContain('dockerfile');
    expect(kinds['charts/web/Chart.yaml']).toContain('helm-chart');
    expect(kinds['charts/web/values-prod.yaml']).toContain('helm-values');
    expect(kinds['charts/web/templates/secret.yaml']).toContain('helm-template');
    expect(files.find((f) => f.path === 'charts/web/values.yaml')?.chartRoot).toBe('charts/web');
    expect(kinds['.env.example']).toContain('env-template');
    expect(kinds['.env.local']).toContain('env');
    expect(kinds['package-lock.json']).toContain('lockfile');
    expect(kinds['requirements-dev.txt']).toContain('requirements');
  });

  it('reports oversized, binary, symlinked-out and looping files instead of dropping them silently', async () => {
    const root = tree({ 'big.txt': 'x'.repeat(2048), 'logo.png': 'png', 'ok.txt': 'fine' });
    const outside = tree({ 'secret.txt': 'outside' });
    symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.txt'));
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    mkdirSync(join(root, 'sub'));
    symlinkSync(root, join(root, 'sub', 'back-to-root'));
    const notes: { code: string; file?: string }[] = [];
    const { files } = await discoverFiles({ root, maxFileSize: 1024, notify: (n) => notes.push(n) });
    expect(files.map((f) => f.path)).toEqual(['ok.txt']);
    const byFile = Object.fromEntries(notes.map((n) => [n.file, n.code]));
    expect(byFile).toMatchObject({
      'big.txt': 'file-too-large',
      'logo.png': 'binary-file',
      'escape.txt': 'symlink-outside-root',
      'loop-a': 'symlink-loop',
      'loop-b': 'symlink-loop',
      'sub/back-to-root': 'symlink-skipped',
    });
  });

  it('reads lockfiles of the other ecosystems up to the lockfile limit too (mix.lock, pubspec.lock, Package.resolved, ...)', async () => {
    const big = 'x'.repeat(4096);
    const root = tree({
      'Cargo.lock': big,
      'mix.lock': big,
      'pubspec.lock': big,
      'ios/Package.resolved': big,
      'Podfile.lock': big,
      'gradle.lockfile': big,
      'gems.locked': big,
      'web/package-lock.json': 'x'.repeat(9000),
      'notes.txt': big,
    });
    const notes: { code: string; file?: string; message: string }[] = [];
    const { files } = await discoverFiles({
      root,
      maxFileSize: 1024,
      maxLockfileSize: 8192,
      notify: (n) => notes.push(n),
    });
    expect(files.map((f) => f.path).sort()).toEqual([
      'Cargo.lock',
      'Podfile.lock',
      'gems.locked',
      'gradle.lockfile',
      'ios/Package.resolved',
      'mix.lock',
      'pubspec.lock',
    ]);
    expect(notes.map((n) => [n.code, n.file])).toEqual([
      ['file-too-large', 'notes.txt'],
      ['file-too-large', 'web/package-lock.json'],
    ]);
  });

  it('tells analyzers which files discovery skipped for their size', async () => {
    const root = tree({ 'big.txt': 'x'.repeat(4096), 'small.txt': 'ok', 'package-lock.json': 'x'.repeat(4096) });
    let seen: readonly string[] | undefined;
    const probe: Analyzer = {
      name: 'probe',
      rules: [],
      async analyze(ctx) {
        seen = ctx.skippedFiles;
        return [];
      },
    };
    await runScan({ root, analyzers: [probe], config: { maxFileSize: 1024 } });
    // The lockfile is under the lockfile limit, so it is read, not skipped.
    expect(seen).toEqual(['big.txt']);
  });

  it('keeps going past an unreadable directory', async () => {
    // root reads everything, so permissions cannot make a directory unreadable there.
    if (process.getuid?.() === 0) return;
    const root = tree({ 'locked/a.txt': 'x', 'b.txt': 'x' });
    chmodSync(join(root, 'locked'), 0o000);
    const notes: string[] = [];
    const { files } = await discoverFiles({ root, notify: (n) => notes.push(n.code) });
    chmodSync(join(root, 'locked'), 0o755);
    expect(files.map((f) => f.path)).toEqual(['b.txt']);
    expect(notes).toContain('unreadable');
  });

  it('in a git repository, keeps tracked files even when .gitignore matches them', async () => {
    const root = tree({ '.gitignore': '.env\n', '.env': 'SECRET=1', 'app.py': 'x', 'local.env.bak': 'x' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', 'app.py', '.gitignore');
    git('add', '-f', '.env');
    const { files } = await discoverFiles({ root });
    const env = files.find((f) => f.path === '.env');
    expect(env).toMatchObject({ tracked: true, gitignored: true });
    expect(files.find((f) => f.path === 'app.py')?.tracked).toBe(true);
    expect(files.find((f) => f.path === 'local.env.bak')?.tracked).toBe(false);
  });
});

describe('runScan', () => {
  it('applies rule settings by alias, suppressions and the baseline; survives unreadable and binary files', async () => {
    const root = tree({
      'a.txt': 'one\nTODO fix\n# shipshape-ignore T001 -- later\nTODO suppressed\n',
      'b.txt': 'TODO b\n',
      'bin.dat2': 'TODO\0binary',
      '.gitignore': 'ignored.txt\n',
      'ignored.txt': 'TODO never scanned',
    });
    const result = await runScan({ root, analyzers: [todoAnalyzer] });
    expect(result.findings.map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['a.txt:2', 'b.txt:1']);
    expect(result.suppressed).toBe(1);
    expect(result.notifications.some((n) => n.code === 'binary-file' && n.file === 'bin.dat2')).toBe(true);

    const off = await runScan({ root, analyzers: [todoAnalyzer], config: { rules: { T001: 'off' } } });
    expect(off.findings).toEqual([]);
    const low = await runScan({ root, analyzers: [todoAnalyzer], config: { rules: { 'test/todo-comment': 'low' } } });
    expect(low.findings.every((f) => f.severity === 'low')).toBe(true);
  });

  it('baseline round-trip hides exactly the recorded findings, and survives edits above them', async () => {
    const root = tree({ 'a.txt': 'TODO one\nTODO two\n', 'b.txt': 'TODO b\n' });
    const first = await runScan({ root, analyzers: [todoAnalyzer] });
    expect(first.findings).toHaveLength(3);
    const baselinePath = join(root, 'baseline.json');
    writeFileSync(baselinePath, serializeBaseline(createBaseline(first.findings.filter((f) => f.file === 'a.txt'))));
    // Unrelated edits above the recorded findings, plus one new finding.
    writeFileSync(join(root, 'a.txt'), 'header\n\nmore\nTODO one\nTODO two\nTODO three\n');
    const second = await runScan({ root, analyzers: [todoAnalyzer], baseline: readBaseline(baselinePath) });
    expect(second.baselined).toBe(2);
    expect(second.findings.map((f) => `${f.file}:${f.range.startLine}`)).toEqual(['a.txt:6', 'b.txt:1']);
  });

  it('identical lines get distinct, stable fingerprints', async () => {
    const root = tree({ 'a.txt': 'TODO\nTODO\n' });
    const a = await runScan({ root, analyzers: [todoAnalyzer] });
    const b = await runScan({ root, analyzers: [todoAnalyzer] });
    expect(new Set(a.findings.map((f) => f.fingerprint)).size).toBe(2);
    expect(a.findings.map((f) => f.fingerprint)).toEqual(b.findings.map((f) => f.fingerprint));
  });

  it('reports unused suppressions on request', async () => {
    const root = tree({ 'a.txt': '# shipshape-ignore T001\nnothing here\n' });
    const result = await runScan({ root, analyzers: [todoAnalyzer], reportUnusedSuppressions: true });
    expect(result.findings.map((f) => [f.ruleId, f.range.startLine])).toEqual([['core/unused-suppression', 1]]);
  });

  it('reports a file that cannot be read as a warning and scans the rest', async () => {
    const root = tree({ 'a.txt': 'TODO a\n', 'b.txt': 'TODO b\n' });
    const { readScanFile } = await import('./discovery.js');
    const result = await runScan({
      root,
      analyzers: [todoAnalyzer],
      readText: async (file) => {
        if (file.path === 'a.txt') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return readScanFile(file);
      },
    });
    expect(result.findings.map((f) => f.file)).toEqual(['b.txt']);
    expect(result.notifications).toContainEqual(
      expect.objectContaining({ level: 'warning', code: 'unreadable', file: 'a.txt' }),
    );
  });

  it('reports an unreadable file once, however many analyzers repeat it', async () => {
    const root = tree({ 'a.txt': 'TODO a\n', 'b.txt': 'x\u0000binary' });
    const echo: Analyzer = {
      name: 'echo',
      rules: [],
      async analyze(ctx) {
        for (const file of ctx.files) {
          try {
            await ctx.readText(file);
          } catch (error) {
            ctx.notify({ level: 'warning', code: 'unreadable', message: String(error), file: file.path });
          }
        }
        return [];
      },
    };
    const { readScanFile } = await import('./discovery.js');
    const result = await runScan({
      root,
      analyzers: [echo, todoAnalyzer, echo],
      readText: async (file) => {
        if (file.path === 'a.txt') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return readScanFile(file);
      },
    });
    expect(result.notifications.map((n) => `${n.file}:${n.code}`).sort()).toEqual([
      'a.txt:unreadable',
      'b.txt:binary-file',
    ]);
  });

  it('turns an analyzer crash into an error notification and keeps the others', async () => {
    const root = tree({ 'a.txt': 'TODO\n' });
    const broken: Analyzer = { name: 'broken', rules: [], analyze: async () => Promise.reject(new Error('boom')) };
    const result = await runScan({ root, analyzers: [broken, todoAnalyzer] });
    expect(result.findings).toHaveLength(1);
    expect(result.notifications).toContainEqual(expect.objectContaining({ level: 'error', code: 'analyzer-failed' }));
  });

  it('rejects config rule keys that are neither ids nor aliases', () => {
    const rules = collectRules([todoAnalyzer]);
    expect(() => checkRuleKeys({ rules: { T001: 'off' } }, rules)).not.toThrow();
    expect(() => checkRuleKeys({ rules: { 'test/nope': 'off' } }, rules)).toThrow(/rules\.test\/nope: unknown rule/);
  });

  it('readBaseline rejects files that are not baselines', () => {
    const root = tree({ 'x.json': '{"a":1}', 'y.json': 'not json' });
    expect(() => readBaseline(join(root, 'x.json'))).toThrow(/not a shipshape baseline/);
    expect(() => readBaseline(join(root, 'y.json'))).toThrow(/cannot read baseline/);
    expect(applyBaseline([], new Set()).kept).toEqual([]);
  });
});
