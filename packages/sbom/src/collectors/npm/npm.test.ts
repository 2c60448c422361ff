import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '@shipshape/core';
import { describe, expect, it } from 'vitest';
import type { CollectedPackage, CollectedProject } from '../../model.js';
import { collectNodeProject, integrityToHashes, parsePackageJsonDeps } from './index.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const read = (fixture: string, file: string) => readFileSync(join(FIXTURES, fixture, file), 'utf8');

function collect(
  fixture: string,
  lock: string,
  opts: { includeDev?: boolean; withMembers?: boolean } = {},
): CollectedProject {
  const members = ['packages/a/package.json', 'packages/b/package.json']
    .filter((p) => opts.withMembers !== false && existsSync(join(FIXTURES, fixture, p)))
    .map((p) => ({ path: `app/${p}`, text: read(fixture, p) }));
  return collectNodeProject({
    dir: 'app',
    manifest: { path: 'app/package.json', text: read(fixture, 'package.json') },
    lockfiles: [{ path: `app/${lock}`, text: read(fixture, lock) }],
    workspaceManifests: members,
    ...(opts.includeDev === undefined ? {} : { includeDev: opts.includeDev }),
  });
}

const byKey = (p: CollectedProject, key: string): CollectedPackage => {
  const hit = p.packages.find((x) => x.key === key);
  if (!hit) throw new Error(`no package ${key}; have ${p.packages.map((x) => x.key).join(', ')}`);
  return hit;
};
const nameVersions = (p: CollectedProject) =>
  new Set(p.packages.filter((x) => !x.properties?.['shipshape:workspace']).map((x) => `${x.name}@${x.version}`));

/** Graph sanity every collector must meet: edges resolve, every package reachable from `direct`. */
function expectClosedGraph(p: CollectedProject) {
  const keys = new Set(p.packages.map((x) => x.key));
  expect(keys.size).toBe(p.packages.length);
  for (const x of p.packages) for (const d of x.dependsOn) expect(keys, `${x.key} -> ${d}`).toContain(d);
  for (const d of p.direct) expect(keys).toContain(d);
  const seen = new Set<string>();
  const stack = [...p.direct];
  while (stack.length) {
    const k = stack.pop() as string;
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...(p.packages.find((x) => x.key === k)?.dependsOn ?? []));
  }
  expect([...keys].filter((k) => !seen.has(k))).toEqual([]);
}

// Independent reading of package-lock v2/v3: name@version of every non-link entry but the root.
function lockV2NameVersions(text: string): Set<string> {
  const lock = JSON.parse(text) as { packages: Record<string, { name?: string; version?: string; link?: boolean }> };
  const out = new Set<string>();
  for (const [path, e] of Object.entries(lock.packages)) {
    if (path === '' || e.link) continue;
    if (!path.includes('node_modules/')) continue; // workspaces and file: dirs are checked separately
    out.add(`${e.name ?? path.split('node_modules/').pop()}@${e.version}`);
  }
  return out;
}

describe('integrityToHashes', () => {
  it('decodes several SRI entries to lowercase hex', () => {
    const sha1 = Buffer.from('a'.repeat(20)).toString('base64');
    const sha512 = Buffer.alloc(64, 0xab).toString('base64');
    expect(integrityToHashes(`sha512-${sha512} sha1-${sha1}`)).toEqual([
      { alg: 'SHA-512', content: 'ab'.repeat(64) },
      { alg: 'SHA-1', content: '61'.repeat(20) },
    ]);
    expect(integrityToHashes('md5-xyz nonsense')).toEqual([]);
  });
});

describe('parsePackageJsonDeps', () => {
  it('returns groups, workspaces and license', () => {
    const info = parsePackageJsonDeps(
      JSON.stringify({
        name: 'x',
        version: '1.0.0',
        license: 'MIT',
        workspaces: { packages: ['packages/*'] },
        dependencies: { a: '^1', b: '2.0.0' },
        optionalDependencies: { b: '2.0.0' },
        devDependencies: { c: '~3' },
        peerDependencies: { react: '>=18' },
      }),
    );
    expect(info).toEqual({
      name: 'x',
      version: '1.0.0',
      license: 'MIT',
      workspaces: ['packages/*'],
      deps: [
        { name: 'a', range: '^1', group: 'prod' },
        { name: 'b', range: '2.0.0', group: 'optional' },
        { name: 'c', range: '~3', group: 'dev' },
        { name: 'react', range: '>=18', group: 'peer' },
      ],
    });
  });
  it('throws InputError on malformed JSON', () => {
    expect(() => parsePackageJsonDeps('{ "name": ', 'x/package.json')).toThrow(InputError);
  });
});

describe('package-lock.json v3 (real npm output, workspaces + alias)', () => {
  const p = collect('npm-v3-workspaces', 'package-lock.json');
  it('has exactly the locked packages plus the workspace members', () => {
    expect(nameVersions(p)).toEqual(lockV2NameVersions(read('npm-v3-workspaces', 'package-lock.json')));
    const ws = p.packages.filter((x) => x.properties?.['shipshape:workspace'] === 'true').map((x) => x.key);
    expect(ws).toEqual(['@ws/a@workspace:packages/a', '@ws/b@workspace:packages/b']);
    expectClosedGraph(p);
  });
  it('resolves edges with node_modules lookup, including nested and cross-workspace', () => {
    expect(byKey(p, '@ws/a@workspace:packages/a').dependsOn).toEqual(['@ws/b@workspace:packages/b', 'ms@2.0.0']);
    expect(byKey(p, '@ws/b@workspace:packages/b').dependsOn).toEqual(['wrappy@1.0.2']);
    expect(byKey(p, 'debug@4.3.4').dependsOn).toEqual(['ms@2.1.2']);
    expect(byKey(p, 'once@1.4.0').dependsOn).toEqual(['wrappy@1.0.2']);
  });
  it('maps dev/optional flags to scopes and keeps aliases', () => {
    expect(byKey(p, 'debug@4.3.4').scope).toBe('excluded');
    expect(byKey(p, 'ms@2.1.2').scope).toBe('excluded');
    expect(byKey(p, 'once@1.4.0').scope).toBe('optional');
    const lodash = byKey(p, 'lodash@4.17.21');
    expect(lodash.alias).toBe('lodash-alias');
    expect(lodash.purl).toBe('pkg:npm/lodash@4.17.21');
    expect(lodash.licenses).toEqual(['MIT']);
    expect(lodash.hashes[0]?.alg).toBe('SHA-512');
    expect(byKey(p, '@ws/a@workspace:packages/a').purl).toBe('pkg:npm/%40ws/a@0.1.0');
    expect(p.direct).toContain('debug@4.3.4');
    expect(p.name).toBe('ws-root');
    expect(p.files).toEqual(['app/package.json', 'app/package-lock.json']);
  });
  it('drops dev-only packages when includeDev is false', () => {
    const prod = collect('npm-v3-workspaces', 'package-lock.json', { includeDev: false });
    expect(prod.packages.map((x) => x.key)).not.toContain('debug@4.3.4');
    expect(prod.packages.map((x) => x.key)).not.toContain('ms@2.1.2');
    expect(prod.direct).not.toContain('debug@4.3.4');
    expectClosedGraph(prod);
  });
});

describe('package-lock.json v2 (git, tarball, file, bundled, peer, devOptional, nested duplicates)', () => {
  const text = read('npm-v2-sources', 'package-lock.json');
  const p = collect('npm-v2-sources', 'package-lock.json');
  it('has every locked package once', () => {
    const expected = lockV2NameVersions(text);
    expected.add('local-utils@0.0.1');
    expect(nameVersions(p)).toEqual(expected);
    // ms@2.1.3 is installed twice (under mocha and tiny-lib): one component.
    expect(p.packages.filter((x) => x.key === 'ms@2.1.3')).toHaveLength(1);
    expectClosedGraph(p);
  });
  it('takes the strongest scope of duplicated installs', () => {
    expect(byKey(p, 'ms@2.1.3').scope).toBe('required'); // dev under mocha, prod under tiny-lib
    expect(byKey(p, 'supports-color@8.1.1').scope).toBe('excluded');
    expect(byKey(p, 'fsevents@2.3.3').scope).toBe('optional'); // devOptional
    expect(byKey(p, 'react@18.2.0').scope).toBe('required'); // installed peer
  });
  it('records git, tarball and file sources', () => {
    const leftPad = byKey(p, 'left-pad@1.3.0');
    expect(leftPad.purl).toBe(
      'pkg:npm/left-pad@1.3.0?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fleft-pad%2Fleft-pad.git%232fca6157ac8b4c5e0a8ac8a0c4f1b1b06e7c5b12',
    );
    expect(leftPad.properties?.['shipshape:git-commit']).toBe('2fca6157ac8b4c5e0a8ac8a0c4f1b1b06e7c5b12');
    const tiny = byKey(p, 'tiny-lib@0.4.1');
    expect(tiny.purl).toBe(
      'pkg:npm/tiny-lib@0.4.1?download_url=https%3A%2F%2Fexample.com%2Fdownloads%2Ftiny-lib-0.4.1.tgz',
    );
    expect(tiny.hashes.map((h) => h.alg)).toEqual(['SHA-512', 'SHA-1']);
    expect(tiny.licenses).toEqual(['(MIT OR Apache-2.0)']);
    expect(tiny.dependsOn).toEqual(['bundled-thing@1.0.0', 'fsevents@2.3.3', 'ms@2.1.3']);
    expect(byKey(p, 'bundled-thing@1.0.0').properties?.['shipshape:bundled']).toBe('true');
    const local = byKey(p, 'local-utils@0.0.1');
    expect(local.resolved).toBe('file:../local-utils');
    expect(local.dependsOn).toContain('has-flag@4.0.0');
    expect(byKey(p, 'string-width@4.2.3').alias).toBe('string-width-cjs');
  });
  it('resolves peer edges and nested copies', () => {
    expect(byKey(p, 'react-dom@18.2.0').dependsOn).toEqual(['loose-envify@1.4.0', 'react@18.2.0', 'scheduler@0.23.0']);
    expect(byKey(p, 'mocha@10.2.0').dependsOn).toEqual(['debug@4.3.4', 'ms@2.1.3', 'supports-color@8.1.1']);
    // debug's optional peer supports-color is satisfied by the hoisted copy, as Node would load it.
    expect(byKey(p, 'debug@4.3.4').dependsOn).toEqual(['ms@2.1.2', 'supports-color@7.2.0']);
  });
});

describe('package-lock.json v1 (real npm 6 output)', () => {
  const text = read('npm-v1', 'package-lock.json');
  const p = collect('npm-v1', 'package-lock.json');
  it('walks the nested tree', () => {
    const expected = new Set<string>();
    const walk = (deps: Record<string, { version: string; dependencies?: Record<string, never> }>) => {
      for (const [n, e] of Object.entries(deps)) {
        expected.add(e.version.startsWith('npm:') ? e.version.slice(4) : `${n}@${e.version}`);
        if (e.dependencies) walk(e.dependencies);
      }
    };
    walk(JSON.parse(text).dependencies);
    expect(nameVersions(p)).toEqual(expected);
    expectClosedGraph(p);
    expect(byKey(p, 'debug@4.3.4').dependsOn).toEqual(['ms@2.1.2']);
    expect(byKey(p, 'debug@4.3.4').scope).toBe('excluded');
    expect(byKey(p, 'lodash@4.17.21').alias).toBe('lodash-alias');
    expect(p.direct).toEqual(['debug@4.3.4', 'lodash@4.17.21', 'ms@2.1.3', 'once@1.4.0']);
  });
});

// Independent reading of yarn v1: name (first descriptor, alias resolved) @ version per block.
function yarnV1NameVersions(text: string): Set<string> {
  const out = new Set<string>();
  for (const block of text.split(/\n(?=\S)/)) {
    const header = /^("?)(@?[^@"\s]+)@([^,"]*)\1.*:$/m.exec(block);
    const version = /^ {2}version "([^"]+)"$/m.exec(block);
    if (!header || !version) continue;
    const range = header[3] ?? '';
    const name = range.startsWith('npm:') ? (/^npm:(@?[^@]+)/.exec(range)?.[1] ?? '') : header[2];
    out.add(`${name}@${version[1]}`);
  }
  return out;
}

describe('yarn.lock v1 (real yarn 1 output)', () => {
  const text = read('yarn-v1', 'yarn.lock');
  const p = collect('yarn-v1', 'yarn.lock');
  it('has every locked package and the workspace members', () => {
    expect(nameVersions(p)).toEqual(yarnV1NameVersions(text));
    expect(p.packages.filter((x) => x.properties?.['shipshape:workspace'])).toHaveLength(2);
    expectClosedGraph(p);
  });
  it('has hashes from integrity and the resolved URL, and scopes from the manifest', () => {
    const debug = byKey(p, 'debug@4.3.4');
    expect(debug.hashes).toEqual([
      {
        alg: 'SHA-512',
        content: Buffer.from(
          'PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgX+7G/vCNNhehwxfkQ==',
          'base64',
        ).toString('hex'),
      },
      { alg: 'SHA-1', content: '1319f6579357f2338d3337d2cdd4914bb5dcc865' },
    ]);
    expect(debug.resolved).toBe('https://registry.yarnpkg.com/debug/-/debug-4.3.4.tgz');
    expect(debug.scope).toBe('excluded');
    expect(byKey(p, 'once@1.4.0').scope).toBe('optional');
    expect(byKey(p, 'wrappy@1.0.2').scope).toBe('required'); // needed by workspace b
    expect(byKey(p, '@ws/a@workspace:packages/a').dependsOn).toEqual(['@ws/b@workspace:packages/b', 'ms@2.0.0']);
  });
  it('handles git and tarball entries written by yarn 1', () => {
    const lock = [
      '# yarn lockfile v1',
      '',
      '"left-pad@git+https://github.com/left-pad/left-pad.git#2fca6157ac8b4c5e0a8ac8a0c4f1b1b06e7c5b12":',
      '  version "1.3.0"',
      '  resolved "git+https://github.com/left-pad/left-pad.git#2fca6157ac8b4c5e0a8ac8a0c4f1b1b06e7c5b12"',
      '',
      '"tiny@https://example.com/tiny-0.1.0.tgz":',
      '  version "0.1.0"',
      '  resolved "https://example.com/tiny-0.1.0.tgz#0123456789abcdef0123456789abcdef01234567"',
      '  dependencies:',
      '    left-pad "git+https://github.com/left-pad/left-pad.git#2fca6157ac8b4c5e0a8ac8a0c4f1b1b06e7c5b12"',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ name: 'm', dependencies: { tiny: 'https://example.com/tiny-0.1.0.tgz' } });
    const r = collectNodeProject({
      dir: '',
      manifest: { path: 'package.json', text: manifest },
      lockfiles: [{ path: 'yarn.lock', text: lock }],
    });
    expect(r.direct).toEqual(['tiny@0.1.0']);
    expect(byKey(r, 'tiny@0.1.0').dependsOn).toEqual(['left-pad@1.3.0']);
    expect(byKey(r, 'tiny@0.1.0').hashes).toEqual([
      { alg: 'SHA-1', content: '0123456789abcdef0123456789abcdef01234567' },
    ]);
    expect(byKey(r, 'left-pad@1.3.0').purl).toContain('?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com');
  });
  it('reports a malformed yarn.lock as InputError with the file', () => {
    try {
      collectNodeProject({ dir: '', lockfiles: [{ path: 'yarn.lock', text: '# yarn lockfile v1\nfoo@1\n' }] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).file).toBe('yarn.lock');
    }
  });
});

describe('yarn.lock berry (real yarn 4 output: workspaces, alias, builtin patch)', () => {
  const text = read('yarn-berry-workspaces', 'yarn.lock');
  const p = collect('yarn-berry-workspaces', 'yarn.lock');
  it('has every non-workspace resolution', () => {
    const expected = new Set<string>();
    for (const m of text.matchAll(/^ {2}version: (\S+)\n {2}resolution: "(@?[^@]+)@(?!workspace:)/gm))
      expected.add(`${m[2]}@${m[1]}`);
    expect(nameVersions(p)).toEqual(expected);
    // the patched resolve is its own component next to the base it patches
    expect(p.packages.filter((x) => x.name === 'resolve')).toHaveLength(2);
    expectClosedGraph(p);
  });
  it('routes edges to the patched entry, which depends on its base', () => {
    const patched = byKey(p, 'resolve@1.22.8 (patch:9bd1a5)');
    expect(byKey(p, '@ws/a@workspace:packages/a').dependsOn).toEqual([
      '@ws/b@workspace:packages/b',
      'ms@2.0.0',
      patched.key,
    ]);
    expect(patched.dependsOn).toContain('resolve@1.22.8');
    expect(patched.properties?.['shipshape:patch']).toMatch(/^resolve@patch:/);
  });
  it('keeps the checksum as a property, not as a component hash', () => {
    const debug = byKey(p, 'debug@4.3.4');
    expect(debug.hashes).toEqual([]);
    expect(debug.properties?.['shipshape:yarn-checksum']).toMatch(/^10c0\/[0-9a-f]{128}$/);
    expect(debug.scope).toBe('excluded');
    expect(byKey(p, 'once@1.4.0').scope).toBe('optional');
    expect(byKey(p, 'lodash@4.17.21').alias).toBe('lodash-alias');
    expect(byKey(p, '@ws/b@workspace:packages/b').version).toBe('0.2.0');
  });
});

// Independent reading of pnpm: instance keys of `snapshots` (v9) or `packages` (v5/v6), and the edges.
function pnpmInstances(text: string, section: 'snapshots' | 'packages'): { keys: string[]; edges: number } {
  const body = text.split(new RegExp(`^${section}:\\n`, 'm'))[1]?.split(/^\S.*:\n/m)[0] ?? '';
  const keys: string[] = [];
  let edges = 0;
  let inDeps = false;
  for (const line of body.split('\n')) {
    const key = /^ {2}'?([^\s'][^']*?)'?:( \{\})?$/.exec(line);
    if (key) {
      keys.push((key[1] as string).replace(/^\//, ''));
      inDeps = false;
      continue;
    }
    if (/^ {4}(dependencies|optionalDependencies):$/.test(line)) inDeps = true;
    else if (/^ {4}\S/.test(line)) inDeps = false;
    else if (inDeps && /^ {6}\S/.test(line)) edges++;
  }
  return { keys, edges };
}

describe.each([
  ['pnpm-v9-workspaces', 'snapshots'],
  ['pnpm-v6-workspaces', 'packages'],
  ['pnpm-v5-workspaces', 'packages'],
] as const)('%s (real pnpm output)', (fixture, section) => {
  const text = read(fixture, 'pnpm-lock.yaml');
  const p = collect(fixture, 'pnpm-lock.yaml');
  const independent = pnpmInstances(text, section);
  const locked = p.packages.filter((x) => !x.properties?.['shipshape:workspace']);
  it('has one package per locked instance and every edge', () => {
    expect(locked).toHaveLength(independent.keys.length);
    expect(locked.reduce((n, x) => n + x.dependsOn.length, 0)).toBe(independent.edges);
    expectClosedGraph(p);
  });
  it('strips peer suffixes from versions but keeps them in keys', () => {
    const rd = locked.find((x) => x.name === 'react-dom') as CollectedPackage;
    expect(rd.version).toBe('18.2.0');
    expect(rd.key).not.toBe('react-dom@18.2.0');
    expect(rd.purl).toBe('pkg:npm/react-dom@18.2.0');
    expect(rd.dependsOn).toHaveLength(3);
  });
  it('links workspaces and settles scopes from importers', () => {
    const a = byKey(p, '@ws/a@workspace:packages/a');
    expect(a.dependsOn).toContain('@ws/b@workspace:packages/b');
    const debug = locked.find((x) => x.name === 'debug') as CollectedPackage;
    expect(debug.scope).toBe('excluded');
    expect(locked.find((x) => x.name === 'once')?.scope).toBe('optional');
    expect(locked.find((x) => x.name === 'lodash')?.alias).toBe('lodash-alias');
    expect(locked.find((x) => x.name === 'lodash')?.hashes[0]?.alg).toBe('SHA-512');
  });
  it('names workspace members from links when their manifests are not given', () => {
    const bare = collect(fixture, 'pnpm-lock.yaml', { withMembers: false });
    expect(bare.packages.map((x) => x.key)).toContain('@ws/b@workspace:packages/b');
    expect(bare.packages.map((x) => x.key)).toContain('a@workspace:packages/a');
  });
});

describe('pnpm v9 catalogs', () => {
  it('marks packages pinned through a catalog', () => {
    const p = collect('pnpm-v9-workspaces', 'pnpm-lock.yaml');
    expect(byKey(p, 'wrappy@1.0.2').properties?.['shipshape:pnpm-catalog']).toBe('default');
  });
});

describe('package.json without a lockfile', () => {
  it('yields unresolved direct dependencies with their ranges', () => {
    const p = collectNodeProject({
      dir: 'svc',
      manifest: {
        path: 'svc/package.json',
        text: JSON.stringify({
          name: 'svc',
          dependencies: { '@scope/x': '^1.2.0', y: 'npm:z@2' },
          devDependencies: { t: '*' },
        }),
      },
      lockfiles: [],
    });
    expect(p.packages.map((x) => [x.key, x.name, x.range, x.scope, x.unresolved, x.purl])).toEqual([
      ['@scope/x', '@scope/x', '^1.2.0', 'required', true, 'pkg:npm/%40scope/x'],
      ['t', 't', '*', 'excluded', true, 'pkg:npm/t'],
      ['y', 'z', '2', 'required', true, 'pkg:npm/z'],
    ]);
    expect(p.direct).toEqual(['@scope/x', 't', 'y']);
  });
});

describe('malformed lockfiles', () => {
  it.each([
    ['package-lock.json', '{"lockfileVersion": 3, "packages": '],
    ['pnpm-lock.yaml', 'lockfileVersion: [\n'],
    ['pnpm-lock.yaml', 'lockfileVersion: "4"\n'],
    ['yarn.lock', '__metadata:\n  version: 8\n "bad: [\n'],
  ])('%s -> InputError', (path, text) => {
    expect(() => collectNodeProject({ dir: '', lockfiles: [{ path, text }] })).toThrow(InputError);
  });
});
