import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectSoundCycloneDx, expectValid } from '../packages/sbom/src/__tests__/schemas.js';
import { makeRepo, REPO_ROOT, runCli } from './helpers.js';

const DEMO = join(REPO_ROOT, 'examples/demo-app');
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

describe('shipshape sbom (built CLI)', () => {
  it('writes a schema-valid, graph-complete CycloneDX 1.6 document for the demo, byte-identical across runs', () => {
    const first = runCli(['sbom', DEMO], { env: EPOCH });
    expect(first.code, first.stderr).toBe(0);
    const bom = JSON.parse(first.stdout);
    expectValid('cdx-1.6', bom);
    expectSoundCycloneDx(bom);
    expect(bom.metadata.timestamp).toBe('2023-11-14T22:13:20Z');
    const purls = new Set<string>(bom.components.map((c: { purl?: string }) => c.purl).filter(Boolean));
    // The demo's locked npm packages, its Python requirements, the chart dependency and the images.
    expect(purls).toContain('pkg:npm/express@4.21.2');
    expect([...purls].some((p) => p.startsWith('pkg:pypi/gunicorn@21.2.0'))).toBe(true);
    expect(
      [...purls].some((p) => p.startsWith('pkg:docker/library/python@3.12') || p.startsWith('pkg:oci/python')),
    ).toBe(true);
    const lock = JSON.parse(readFileSync(join(DEMO, 'web/package-lock.json'), 'utf8'));
    const locked = Object.entries(lock.packages as Record<string, { version?: string; dev?: boolean }>)
      .filter(([key]) => key.startsWith('node_modules/'))
      .map(
        ([key, v]) => `pkg:npm/${key.slice(key.lastIndexOf('node_modules/') + 13).replace('@', '%40')}@${v.version}`,
      );
    for (const purl of locked) expect(purls, purl).toContain(purl);
    expect(runCli(['sbom', DEMO], { env: EPOCH }).stdout).toBe(first.stdout);
  });

  it('writes CycloneDX 1.5 and SPDX 2.3 on request, and leaves dev dependencies out with --exclude-dev', () => {
    const cdx15 = JSON.parse(runCli(['sbom', DEMO, '--spec', '1.5'], { env: EPOCH }).stdout);
    expectValid('cdx-1.5', cdx15);
    expect(cdx15.specVersion).toBe('1.5');
    const spdx = JSON.parse(runCli(['sbom', DEMO, '--format', 'spdx-json'], { env: EPOCH }).stdout);
    expectValid('spdx-2.3', spdx);
    expect(spdx.spdxVersion).toBe('SPDX-2.3');
    const all = JSON.parse(runCli(['sbom', DEMO], { env: EPOCH }).stdout);
    const prod = JSON.parse(runCli(['sbom', DEMO, '--exclude-dev'], { env: EPOCH }).stdout);
    const has = (doc: { components: { purl?: string }[] }, prefix: string) =>
      doc.components.some((c) => c.purl?.startsWith(prefix));
    expect(has(all, 'pkg:npm/typescript@')).toBe(true);
    expect(has(prod, 'pkg:npm/typescript@')).toBe(false);
  });

  it('--split --output writes one document per project into a directory', () => {
    const out = makeRepo({});
    const result = runCli(['sbom', DEMO, '--split', '--output', join(out, 'sboms')], { env: EPOCH });
    expect(result.code, result.stderr).toBe(0);
    const names = readdirSync(join(out, 'sboms'));
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) expectValid('cdx-1.6', JSON.parse(readFileSync(join(out, 'sboms', name), 'utf8')));
  });

  it('names a vendored chart archive (a binary the walk skips) as the dependency it vendors', () => {
    const repo = makeRepo({
      'charts/app/Chart.yaml':
        'apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 18.1.0\n    repository: https://charts.bitnami.com/bitnami\n',
      'charts/app/charts/redis-18.1.0.tgz': 'not\u0000really a tarball',
    });
    const bom = JSON.parse(runCli(['sbom', repo], { env: EPOCH }).stdout);
    expectValid('cdx-1.6', bom);
    const redis = bom.components.find((c: { name: string }) => c.name === 'redis');
    expect(redis.properties).toContainEqual({
      name: 'shipshape:vendored-archive',
      value: 'charts/app/charts/redis-18.1.0.tgz',
    });
  });

  it('reads a lockfile over maxFileSize (lockfile limit) and ends stderr with a one-line coverage summary', () => {
    // A 12 MB Cargo.lock: over the 10 MB default maxFileSize, under the 100 MB lockfile limit.
    const crates: string[] = ['version = 4', ''];
    const pad = 'x'.repeat(200);
    for (let i = 0; i < 40_000; i++)
      crates.push('[[package]]', `name = "crate-${i}"`, `version = "1.0.${i}"`, `description = "${pad}"`, '');
    crates.push('[[package]]', 'name = "app"', 'version = "0.1.0"', '');
    const repo = makeRepo({
      'Cargo.lock': crates.join('\n'),
      'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n',
      'ios/Package.swift': '// swift-tools-version:5.9\n',
    });
    const out = join(makeRepo({}), 'sbom.json');
    const result = runCli(['sbom', repo, '--output', out], { env: EPOCH });
    expect(result.code, result.stderr).toBe(0);
    const bom = JSON.parse(readFileSync(out, 'utf8'));
    expect(bom.components.filter((c: { purl?: string }) => c.purl?.startsWith('pkg:cargo/'))).toHaveLength(40_000);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/warning: ios\/Package\.swift: Package\.swift is Swift code/));
    expect(lines.at(-1)).toBe(
      'shipshape: sbom coverage: 2 inputs read (cargo 2); 1 left out: ios/Package.swift (see the warnings)',
    );
  });
});
