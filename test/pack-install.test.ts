import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

// Every workspace package, packed as `npm publish` would and installed from its tarball alone into
// an empty project: real version ranges between our packages, the right files, exports and types.
const WORKSPACES = ['packages', 'apps'].flatMap((top) =>
  readdirSync(join(REPO_ROOT, top))
    .filter((name) => existsSync(join(REPO_ROOT, top, name, 'package.json')))
    .map((name) => `${top}/${name}`),
);

interface PackedFile {
  path: string;
}
interface Packed {
  name: string;
  filename: string;
  files: PackedFile[];
}

/** Each package's documented entry point, called the way its README shows. */
const SMOKE: Record<string, string> = {
  '@shipshape/core': `
    const core = await import('@shipshape/core');
    if (typeof core.runScan !== 'function' || typeof core.loadConfig !== 'function') throw new Error('core API');
    out.core = Object.keys(core.configSchema).length > 0;`,
  '@shipshape/dockerfile': `
    const { lintDockerfile } = await import('@shipshape/dockerfile');
    const findings = lintDockerfile({ path: 'Dockerfile', text: 'FROM node:latest\\nCMD node app.js\\n' });
    out.dockerfile = findings.map((f) => f.ruleId + ':' + f.range.startLine);`,
  '@shipshape/secrets': `
    const { scanText } = await import('@shipshape/secrets');
    const key = ['AKIA', 'Q3RZ', 'X7VN', 'K2LM', 'P4TW'].join('');
    const findings = scanText({ path: 'src/settings.py', text: 'AWS_ACCESS_KEY_ID = "' + key + '"\\n' });
    out.secrets = findings.map((f) => f.ruleId);
    out.redacted = findings.every((f) => !JSON.stringify(f).includes(key));`,
  '@shipshape/sbom': `
    const { generateSbom } = await import('@shipshape/sbom');
    const lock = JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { ms: '2.1.3' } },
      'node_modules/ms': { version: '2.1.3', resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz' } } });
    const result = generateSbom([{ path: 'package-lock.json', text: lock }], { format: 'cyclonedx-json' });
    out.sbom = JSON.parse(result.documents[0].json).components.map((c) => c.purl);`,
  '@shipshape/report': `
    const { formatResult } = await import('@shipshape/report');
    const sarif = JSON.parse(formatResult('sarif', { tool: { name: 'shipshape', version: '0.1.0' }, root: '/r',
      findings: [], notifications: [], rules: {}, filesScanned: 0, suppressed: 0, baselined: 0, failOn: 'high' }));
    out.report = sarif.version;`,
  '@shipshape/cli': `
    const cli = await import('@shipshape/cli');
    out.cli = typeof cli.createProgram === 'function';`,
};

describe('every package installs from its tarball and imports alone', () => {
  const work = mkdtempSync(join(tmpdir(), 'shipshape-pack-'));
  const project = join(work, 'consumer');
  let packed: Packed[] = [];
  let smoke: Record<string, unknown> = {};

  beforeAll(() => {
    const pack = spawnSync(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--pack-destination', work, ...WORKSPACES.flatMap((w) => ['-w', w])],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(pack.status, pack.stderr).toBe(0);
    packed = JSON.parse(pack.stdout) as Packed[];
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const install = spawnSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...packed.map((p) => join(work, p.filename)),
      ],
      { cwd: project, encoding: 'utf8', env: { ...process.env, npm_config_workspaces: 'false' } },
    );
    expect(install.status, install.stderr).toBe(0);
    const script = `const out = {};\n${packed.map((p) => `{${SMOKE[p.name] ?? `await import('${p.name}');`}\n}`).join('\n')}\nprocess.stdout.write(JSON.stringify(out));\n`;
    writeFileSync(join(project, 'smoke.mjs'), script);
    const run = spawnSync(process.execPath, ['smoke.mjs'], { cwd: project, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    smoke = JSON.parse(run.stdout) as Record<string, unknown>;
  }, 240_000);

  it('packs every workspace package', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(
      WORKSPACES.map(
        (w) => (JSON.parse(readFileSync(join(REPO_ROOT, w, 'package.json'), 'utf8')) as { name: string }).name,
      ).sort(),
    );
  });

  it('no packed package.json has a "*" range; internal ones are real ranges; no test files shipped', () => {
    for (const p of packed) {
      const manifest = JSON.parse(readFileSync(join(project, 'node_modules', p.name, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        expect(range, `${p.name} -> ${dep}`).not.toBe('*');
        if (dep.startsWith('@shipshape/')) expect(range, `${p.name} -> ${dep}`).toMatch(/^\^\d+\.\d+\.\d+$/);
      }
      const shipped = p.files.map((f) => f.path);
      expect(shipped, p.name).toContain('package.json');
      expect(
        shipped.filter((f) => /\.test\.[jt]s$|__tests__|\/fixtures\//.test(f)),
        p.name,
      ).toEqual([]);
    }
  });

  it('every export and its types resolve inside the installed package', () => {
    for (const p of packed) {
      const dir = join(project, 'node_modules', p.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        types: string;
        exports: Record<string, string | { types: string; default: string }>;
      };
      expect(existsSync(join(dir, manifest.types)), `${p.name} types`).toBe(true);
      for (const [key, target] of Object.entries(manifest.exports)) {
        const files = typeof target === 'string' ? [target] : [target.types, target.default];
        for (const file of files) expect(existsSync(join(dir, file)), `${p.name} ${key} -> ${file}`).toBe(true);
      }
    }
  });

  it('the documented entry points work from the tarballs', () => {
    expect(smoke.core).toBe(true);
    expect(smoke.dockerfile).toEqual(expect.arrayContaining(['docker/latest-tag:1', 'docker/missing-user:1']));
    expect(smoke.secrets).toEqual(expect.arrayContaining(['secrets/aws-access-key-id']));
    expect(smoke.redacted).toBe(true);
    expect(smoke.sbom).toEqual(['pkg:npm/ms@2.1.3']);
    expect(smoke.report).toBe('2.1.0');
    expect(smoke.cli).toBe(true);
  });

  it('the installed `shipshape` bin runs', () => {
    const bin = join(project, 'node_modules/.bin/shipshape');
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    writeFileSync(join(project, 'Dockerfile'), 'FROM node:latest\nCMD node app.js\n');
    const lint = spawnSync(bin, ['dockerfile', 'Dockerfile', '--format', 'json'], { cwd: project, encoding: 'utf8' });
    expect(lint.status).toBe(1);
    expect((JSON.parse(lint.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });
});
