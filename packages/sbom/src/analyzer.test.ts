import type { AnalyzerContext, Notification, ScanFile, ShipshapeConfig } from '@shipshape/core';
import { describe, expect, it } from 'vitest';
import { sbomAnalyzer } from './analyzer.js';

const WORKFLOW =
  'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: my-org/tool@v1\n';
const FILES: Record<string, string> = {
  '.github/workflows/ci.yml': WORKFLOW,
  'requirements.txt': 'django>=4\n',
  'src/app.py': 'print("not an sbom input")\n',
  'broken/docker-compose.yml': 'services: [\n',
};

function context(
  config: ShipshapeConfig = {},
  unreadable: string[] = [],
): { ctx: AnalyzerContext; notes: Notification[]; reads: string[] } {
  const notes: Notification[] = [];
  const reads: string[] = [];
  const files: ScanFile[] = Object.keys(FILES).map((path) => ({
    path,
    absPath: `/repo/${path}`,
    size: FILES[path]?.length ?? 0,
    kinds: [],
  }));
  files.push({ path: 'gone/package.json', absPath: '/repo/gone/package.json', size: 10, kinds: [] });
  const ctx: AnalyzerContext = {
    root: '/repo',
    files,
    async readText(file) {
      reads.push(file.path);
      if (unreadable.includes(file.path) || !(file.path in FILES)) throw new Error('EACCES');
      return FILES[file.path] as string;
    },
    config,
    profiles: [],
    git: { isRepo: false },
    notify: (n) => notes.push(n),
    fingerprintKey: 'k',
  };
  return { ctx, notes, reads };
}

describe('sbomAnalyzer', () => {
  it('reads only SBOM inputs, runs the rules and reports unreadable and unparsable files', async () => {
    const { ctx, notes, reads } = context();
    const findings = await sbomAnalyzer.analyze(ctx);
    expect(reads).not.toContain('src/app.py');
    expect(findings.map((f) => [f.ruleId, f.file, f.range.startLine]).sort()).toEqual([
      ['sbom/action-not-pinned', '.github/workflows/ci.yml', 6],
      ['sbom/action-not-pinned', '.github/workflows/ci.yml', 7],
      ['sbom/requirement-not-pinned', 'requirements.txt', 1],
    ]);
    for (const f of findings) expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(notes.map((n) => [n.code, n.file])).toEqual([
      ['unreadable', 'gone/package.json'],
      ['parse-error', 'broken/docker-compose.yml'],
    ]);
  });
  it('honours config: rules off by id or alias, severity overrides and rule options', async () => {
    const { ctx } = context({
      rules: {
        'sbom/requirement-not-pinned': 'off',
        'Pinned-Dependencies/GitHubAction': { severity: 'high', options: { allow: ['my-org/'] } },
      },
    });
    const findings = await sbomAnalyzer.analyze(ctx);
    expect(findings.map((f) => [f.ruleId, f.range.startLine, f.severity])).toEqual([
      ['sbom/action-not-pinned', 6, 'high'],
    ]);
  });
  it('counts a lockfile discovery skipped for size as present: no manifest-without-lockfile', async () => {
    const { ctx } = context();
    const manifest = '{ "name": "web", "dependencies": { "react": "^18.3.1" } }';
    ctx.files = [{ path: 'web/package.json', absPath: '/repo/web/package.json', size: manifest.length, kinds: [] }];
    ctx.readText = async () => manifest;
    const skipped = await sbomAnalyzer.analyze({ ...ctx, skippedFiles: ['web/package-lock.json'] });
    expect(skipped.map((f) => f.ruleId)).toEqual([]);
    const missing = await sbomAnalyzer.analyze(ctx);
    expect(missing.map((f) => f.ruleId)).toEqual(['sbom/manifest-without-lockfile']);
  });
  it('reads nothing when every rule is off', async () => {
    const off = Object.fromEntries(sbomAnalyzer.rules.map((r) => [r.id, 'off' as const]));
    const { ctx, reads } = context({ rules: off });
    expect(await sbomAnalyzer.analyze(ctx)).toEqual([]);
    expect(reads).toEqual([]);
  });
});
