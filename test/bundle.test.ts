import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT } from './helpers.js';

const BUNDLE = join(REPO_ROOT, 'dist/shipshape.mjs');

describe('dist/shipshape.mjs, the committed single-file CLI', () => {
  it('is what scripts/bundle-cli.mjs builds from the current sources (run `npm run bundle` when this fails)', async () => {
    const { bundleCli } = (await import('../scripts/bundle-cli.mjs')) as { bundleCli(): Promise<string> };
    const fresh = await bundleCli();
    const committed = readFileSync(BUNDLE, 'utf8');
    // Compared by equality, not printed: the bundle is megabytes.
    expect(committed === fresh, 'dist/shipshape.mjs is stale: run `npm run bundle` and commit it').toBe(true);
  });

  it('runs with nothing installed beside it: no node_modules, no build', () => {
    const bare = mkdtempSync(join(tmpdir(), 'shipshape-bare-'));
    cpSync(BUNDLE, join(bare, 'shipshape.mjs'));
    cpSync(join(REPO_ROOT, 'examples/demo-app'), join(bare, 'demo-app'), { recursive: true });
    const version = spawnSync(process.execPath, ['shipshape.mjs', '--version'], { cwd: bare, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(REPO_ROOT, 'apps/cli/package.json'), 'utf8')) as { version: string }).version,
    );
    const scan = spawnSync(process.execPath, ['shipshape.mjs', 'scan', 'demo-app', '--format', 'json'], {
      cwd: bare,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: bare },
    });
    expect(scan.status, scan.stderr).toBe(1);
    const report = JSON.parse(scan.stdout) as { findings: { ruleId: string; file: string }[] };
    const rules = new Set(report.findings.map((f) => f.ruleId.split('/')[0]));
    // Every analyzer is inside the bundle.
    for (const analyzer of ['docker', 'secrets', 'sbom']) expect([...rules]).toContain(analyzer);
    const sbom = spawnSync(process.execPath, ['shipshape.mjs', 'sbom', 'demo-app'], { cwd: bare, encoding: 'utf8' });
    expect(sbom.status, sbom.stderr).toBe(0);
    expect((JSON.parse(sbom.stdout) as { bomFormat: string }).bomFormat).toBe('CycloneDX');
  });

  it('gives the same findings as the workspace build', () => {
    const args = ['scan', 'examples/demo-app', '--format', 'json'];
    const a = spawnSync(process.execPath, [BUNDLE, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    const b = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(a.status).toBe(b.status);
    const findings = (out: string) => (JSON.parse(out) as { findings: unknown[] }).findings;
    expect(findings(a.stdout)).toEqual(findings(b.stdout));
  });
});

describe('output into a closed reader', () => {
  for (const [name, entry] of [
    ['bin', BIN],
    ['bundle', BUNDLE],
  ] as const) {
    it(`\`shipshape rules | head -n 1\` exits quietly (${name})`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'shipshape-epipe-'));
      const err = join(dir, 'stderr');
      writeFileSync(err, '');
      const r = spawnSync(
        'bash',
        ['-c', 'set -o pipefail; "$0" "$1" rules 2>"$2" | head -n 1; echo "status=$?"', process.execPath, entry, err],
        { encoding: 'utf8' },
      );
      expect(r.stdout.split('\n')[0]).toMatch(/^\S+\/\S+\s+(critical|high|medium|low|info)\s/);
      expect(readFileSync(err, 'utf8')).toBe('');
      expect(r.stdout).toContain('status=0');
    });
  }
});
