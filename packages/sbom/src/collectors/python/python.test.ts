import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '@shipshape/core';
import { describe, expect, it } from 'vitest';
import type { CollectedPackage, CollectedProject, SourceFile } from '../../model.js';
import { collectPythonProject, parsePep508, parsePyprojectDeps, parseRequirements } from './index.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function filesOf(fixture: string): SourceFile[] {
  const root = join(FIXTURES, fixture);
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: `svc/${relative(root, p)}`, text: readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  return out;
}
const text = (fixture: string, file: string) => readFileSync(join(FIXTURES, fixture, file), 'utf8');
const byKey = (p: CollectedProject, key: string): CollectedPackage => {
  const hit = p.packages.find((x) => x.key === key);
  if (!hit) throw new Error(`no package ${key}; have ${p.packages.map((x) => x.key).join(', ')}`);
  return hit;
};
const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');

function expectClosedGraph(p: CollectedProject) {
  const keys = new Set(p.packages.map((x) => x.key));
  expect(keys.size).toBe(p.packages.length);
  for (const x of p.packages) for (const d of x.dependsOn) expect(keys, `${x.key} -> ${d}`).toContain(d);
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

/** Independent reading of `[[package]]`/`[[packages]]` tables: name@version pairs by regex. */
function tomlPackages(src: string, header: string): string[] {
  const out: string[] = [];
  for (const block of src.split(new RegExp(`^\\[\\[${header}\\]\\]$`, 'm')).slice(1)) {
    const name = /^name = "([^"]+)"$/m.exec(block)?.[1] as string;
    const version = /^version = "([^"]+)"$/m.exec(block)?.[1];
    out.push(version ? `${norm(name)}@${version}` : norm(name));
  }
  return out.sort();
}

describe('PEP 508 and requirements parsing', () => {
  it('parses names, extras, specifiers, markers and URLs', () => {
    expect(parsePep508('Requests[Socks, security] (>=2.0, <3) ; python_version < "3.12"')).toEqual({
      rawName: 'Requests',
      name: 'requests',
      extras: ['socks', 'security'],
      specifier: '>=2.0,<3',
      operators: ['>=', '<'],
      marker: 'python_version < "3.12"',
    });
    expect(parsePep508('pkg @ https://x.example/pkg-1.0.tar.gz ; os_name == "nt"')).toMatchObject({
      name: 'pkg',
      url: 'https://x.example/pkg-1.0.tar.gz',
      marker: 'os_name == "nt"',
    });
    expect(parsePep508('not a requirement!')).toBeUndefined();
  });

  it('reads pins, hashes across continuations, includes, VCS refs and editables with lines', () => {
    const lines = parseRequirements(text('requirements', 'requirements.txt'), 'requirements.txt');
    const get = (name: string) => lines.find((l) => l.name === name);
    expect(lines.filter((l) => l.kind === 'include').map((l) => [l.include, l.line])).toEqual([
      ['requirements/base.txt', 2],
    ]);
    expect(lines.filter((l) => l.kind === 'constraint').map((l) => l.include)).toEqual(['constraints.txt']);
    expect(lines.find((l) => l.option === '--index-url')?.kind).toBe('option');
    const django = get('django');
    expect(django).toMatchObject({ line: 6, endLine: 8, pinned: true, version: '5.1.2', operators: ['=='] });
    expect(django?.hashes).toHaveLength(2);
    expect(get('requests')).toMatchObject({
      line: 9,
      pinned: true,
      extras: ['socks', 'security'],
      marker: 'python_version >= "3.8"',
    });
    expect(get('gunicorn')).toMatchObject({ pinned: false, specifier: '>=22.0', operators: ['>='] });
    expect(get('urllib3')).toMatchObject({ pinned: false, specifier: '', operators: [] });
    expect(get('internal-lib')).toMatchObject({
      vcs: true,
      commitPinned: true,
      vcsRef: 'fedcba9876543210fedcba9876543210fedcba98',
    });
    expect(get('pkg-from-branch')).toMatchObject({ vcs: true, commitPinned: false, vcsRef: 'main' });
    expect(get('vendored-tool')).toMatchObject({
      vcs: false,
      version: '0.9.0',
      url: expect.stringContaining('https://'),
    });
    const editable = lines.find((l) => l.editable);
    expect(editable).toMatchObject({ url: './libs/localpkg', line: 16 });
    expect(parseRequirements('foo===1.0\nbar==1.*\n', 'r.txt').map((l) => l.pinned)).toEqual([true, false]);
  });

  it('reads pyproject dependencies with groups and lines', () => {
    const info = parsePyprojectDeps(text('uv-workspace', 'pyproject.toml'));
    expect(info.name).toBe('Acme_Service');
    expect(info.deps.map((d) => [d.name, d.kind, d.group, d.line])).toEqual([
      ['httpx', 'main', '', 7],
      ['acme-core', 'main', '', 8],
      ['colorama', 'main', '', 9],
      ['left-pad', 'main', '', 10],
      ['pyyaml', 'extra', 'yaml', 14],
      ['pytest', 'group', 'dev', 17],
      ['ruff', 'group', 'lint', 18],
    ]);
    const poetry = parsePyprojectDeps(text('poetry-v1', 'pyproject.toml'));
    expect(poetry.deps.map((d) => [d.name, d.kind, d.group, d.specifier, d.line])).toEqual([
      ['requests', 'main', '', '^2.31', 8],
      ['flask', 'main', '', '2.3.3', 9],
      ['pytest', 'group', 'dev', '^7.4', 12],
    ]);
    expect(parsePyprojectDeps(text('poetry-v2', 'pyproject.toml')).optionalGroups).toEqual(['docs']);
    expect(() => parsePyprojectDeps('[project\nname=', 'x/pyproject.toml')).toThrow(InputError);
  });
});

describe('uv.lock (workspace, extras, markers, git, dev groups)', () => {
  const lock = text('uv-workspace', 'uv.lock');
  const p = collectPythonProject({ dir: 'svc', files: filesOf('uv-workspace') });
  it('has every locked package but the project itself', () => {
    const expected = tomlPackages(lock, 'package').filter((k) => k !== 'acme-service@0.3.0');
    expect(p.packages.map((x) => x.key).sort()).toEqual(expected);
    expect(p.name).toBe('Acme_Service');
    expect(p.files).toEqual(['svc/pyproject.toml', 'svc/uv.lock']);
    expectClosedGraph(p);
  });
  it('has every edge of the lockfile', () => {
    // Independent count: `{ name = ... }` entries inside dependency lists of non-root packages.
    const blocks = lock
      .split(/^\[\[package\]\]$/m)
      .slice(1)
      .filter((b) => !b.includes('editable = "."'));
    const expectedEdges = blocks.reduce((n, b) => {
      const deps = b.split(/^\[package\.metadata\]/m)[0] as string;
      return n + [...deps.matchAll(/^\s+\{ name = "/gm)].length;
    }, 0);
    expect(p.packages.reduce((n, x) => n + x.dependsOn.length, 0)).toBe(expectedEdges);
    expect(byKey(p, 'httpx@0.27.2').dependsOn).toEqual([
      'anyio@4.6.0',
      'certifi@2024.8.30',
      'h2@4.1.0',
      'httpcore@1.0.5',
      'idna@3.10',
      'sniffio@1.3.1',
    ]);
    expect(byKey(p, 'acme-core@1.2.0').dependsOn).toEqual(['idna@3.10']);
  });
  it('sets direct dependencies, scopes, hashes, sources and the workspace member', () => {
    expect(p.direct).toEqual([
      'acme-core@1.2.0',
      'colorama@0.4.6',
      'httpx@0.27.2',
      'left-pad@1.0.1',
      'pytest@8.3.3',
      'pyyaml@6.0.2',
      'ruff@0.6.9',
    ]);
    expect(byKey(p, 'colorama@0.4.6').scope).toBe('required'); // prod on win32, also via pytest
    expect(byKey(p, 'pytest@8.3.3').scope).toBe('excluded');
    expect(byKey(p, 'pluggy@1.5.0').scope).toBe('excluded');
    expect(byKey(p, 'pyyaml@6.0.2').scope).toBe('optional');
    expect(byKey(p, 'h2@4.1.0').scope).toBe('optional'); // only through httpx's http2 extra
    expect(byKey(p, 'pyyaml@6.0.2').hashes.map((h) => h.alg)).toEqual(['SHA-256', 'SHA-256', 'SHA-256']);
    expect(byKey(p, 'pyyaml@6.0.2').purl).toBe('pkg:pypi/pyyaml@6.0.2');
    const leftPad = byKey(p, 'left-pad@1.0.1');
    expect(leftPad.properties?.['shipshape:git-commit']).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(leftPad.purl).toContain(
      '?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fleft-pad-py%400123456789abcdef',
    );
    expect(byKey(p, 'acme-core@1.2.0').properties?.['shipshape:workspace']).toBe('true');
  });
  it('drops dev groups with includeDev false', () => {
    const prod = collectPythonProject({ dir: 'svc', files: filesOf('uv-workspace'), includeDev: false });
    const keys = prod.packages.map((x) => x.key);
    for (const k of ['pytest@8.3.3', 'ruff@0.6.9', 'pluggy@1.5.0', 'iniconfig@2.0.0']) expect(keys).not.toContain(k);
    expect(keys).toContain('colorama@0.4.6');
    expectClosedGraph(prod);
  });
});

describe('poetry.lock', () => {
  it('v1: [metadata.files] hashes, categories, git source, pyproject roots', () => {
    const lock = text('poetry-v1', 'poetry.lock');
    const p = collectPythonProject({ dir: 'svc', files: filesOf('poetry-v1') });
    expect(p.packages.map((x) => x.key).sort()).toEqual(tomlPackages(lock, 'package'));
    expectClosedGraph(p);
    expect(p.direct).toEqual(['flask@2.3.3', 'pytest@7.4.2', 'requests@2.31.0']);
    expect(byKey(p, 'requests@2.31.0').dependsOn).toEqual(['certifi@2023.7.22', 'pysocks@1.7.1']);
    expect(byKey(p, 'requests@2.31.0').hashes).toHaveLength(2);
    expect(byKey(p, 'pysocks@1.7.1').hashes).toHaveLength(1); // `PySocks` listed as `pysocks` in metadata.files
    expect(byKey(p, 'pytest@7.4.2').scope).toBe('excluded');
    expect(byKey(p, 'iniconfig@2.0.0').scope).toBe('excluded');
    expect(byKey(p, 'flask@2.3.3').dependsOn).toEqual(['itsdangerous@2.1.2', 'werkzeug@2.3.7']);
    expect(byKey(p, 'werkzeug@2.3.7').purl).toContain(
      'vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpallets%2Fwerkzeug.git%4089abcdef',
    );
  });
  it('v2: files per package and groups', () => {
    const lock = text('poetry-v2', 'poetry.lock');
    const p = collectPythonProject({ dir: 'svc', files: filesOf('poetry-v2') });
    expect(p.packages.map((x) => x.key).sort()).toEqual(tomlPackages(lock, 'package'));
    expectClosedGraph(p);
    expect(p.direct).toEqual(['click@8.1.7', 'mkdocs@1.6.1', 'mypy@1.11.2']);
    expect(byKey(p, 'click@8.1.7').scope).toBe('required');
    expect(byKey(p, 'mkdocs@1.6.1').scope).toBe('excluded');
    expect(byKey(p, 'mypy@1.11.2').dependsOn).toEqual(['mypy-extensions@1.0.0', 'typing-extensions@4.12.2']);
    expect(byKey(p, 'colorama@0.4.6').properties?.['shipshape:marker']).toBe('platform_system == "Windows"');
    expect(byKey(p, 'mypy@1.11.2').hashes).toHaveLength(2);
    const prod = collectPythonProject({ dir: 'svc', files: filesOf('poetry-v2'), includeDev: false });
    expect(prod.packages.map((x) => x.name).sort()).toEqual(['click', 'colorama']);
  });
});

describe('Pipfile.lock', () => {
  it('reads default and develop, flat', () => {
    const json = JSON.parse(text('pipenv', 'Pipfile.lock'));
    const names = new Set([...Object.keys(json.default), ...Object.keys(json.develop)]);
    const p = collectPythonProject({ dir: 'svc', files: filesOf('pipenv') });
    expect(new Set(p.packages.map((x) => x.name))).toEqual(names);
    expect(p.packages).toHaveLength(names.size);
    expect(p.direct).toHaveLength(names.size);
    expectClosedGraph(p);
    expect(byKey(p, 'sqlparse@0.5.1').scope).toBe('required'); // in both sections
    expect(byKey(p, 'pytest@8.3.3').scope).toBe('excluded');
    expect(byKey(p, 'django@5.1.2').hashes).toHaveLength(2);
    expect(byKey(p, 'django@5.1.2').properties?.['shipshape:dependency-edges']).toBe('not-recorded');
    expect(byKey(p, 'tzdata@2024.2').properties?.['shipshape:marker']).toBe("sys_platform == 'win32'");
    expect(byKey(p, 'internal-lib').properties?.['shipshape:git-commit']).toBe(
      'fedcba9876543210fedcba9876543210fedcba98',
    );
  });
});

describe('pylock.toml (PEP 751)', () => {
  it('reads packages, hashes, vcs, archive and dependency edges', () => {
    const lock = text('pylock', 'pylock.toml');
    const p = collectPythonProject({ dir: 'svc', files: filesOf('pylock') });
    expect(p.packages.map((x) => x.key).sort()).toEqual(tomlPackages(lock, 'packages'));
    expectClosedGraph(p);
    expect(byKey(p, 'cattrs@24.1.2').dependsOn).toEqual(['attrs@25.1.0']);
    expect(byKey(p, 'pytest@8.3.4').dependsOn).toEqual(['iniconfig', 'pluggy@1.5.0']);
    expect(byKey(p, 'pytest@8.3.4').scope).toBe('excluded');
    expect(byKey(p, 'attrs@25.1.0').hashes).toHaveLength(2);
    expect(byKey(p, 'iniconfig').properties?.['shipshape:git-commit']).toBe('4bd5a9e7e1c0e3b6bd1a5d2c3e4f5a6b7c8d9e0f');
    expect(byKey(p, 'vendored-tool@0.9.0').purl).toContain('download_url=');
    expect(p.direct).toEqual(['attrs@25.1.0', 'cattrs@24.1.2', 'pytest@8.3.4', 'vendored-tool@0.9.0']);
  });
});

describe('requirements files', () => {
  const p = collectPythonProject({ dir: 'svc', files: filesOf('requirements') });
  it('follows -r includes, applies -c constraints and scopes dev files', () => {
    expect(p.packages.map((x) => x.key)).toEqual([
      'certifi@2024.8.30',
      'django@5.1.2',
      'gunicorn',
      'internal-lib',
      'pkg-from-branch',
      'pytest@8.3.3',
      'requests@2.32.3',
      'ruff@0.6.9',
      'typing-extensions@4.12.2',
      'urllib3@2.2.3',
      'vendored-tool@0.9.0',
    ]);
    expect(p.direct).toHaveLength(p.packages.length);
    expect(byKey(p, 'django@5.1.2').scope).toBe('required');
    expect(byKey(p, 'pytest@8.3.3').scope).toBe('excluded');
    expect(byKey(p, 'certifi@2024.8.30').sourceFile).toBe('svc/requirements/base.txt');
    expect(byKey(p, 'urllib3@2.2.3').hashes).toHaveLength(1); // version and hash from constraints.txt
    expect(byKey(p, 'gunicorn')).toMatchObject({ unresolved: true, range: '>=22.0', purl: 'pkg:pypi/gunicorn' });
    expect(byKey(p, 'requests@2.32.3').properties?.['shipshape:extras']).toBe('socks,security');
    expect(byKey(p, 'pkg-from-branch')).toMatchObject({ unresolved: true, range: '@main' });
    expect(p.files).toEqual([
      'svc/constraints.txt',
      'svc/requirements-dev.txt',
      'svc/requirements.txt',
      'svc/requirements/base.txt',
    ]);
    expect(p.packages.every((x) => x.dependsOn.length === 0)).toBe(true);
  });
});

describe('preference and fallbacks', () => {
  it('prefers uv.lock over requirements and pyproject alone gives unresolved direct deps', () => {
    const uv = filesOf('uv-workspace');
    const both = collectPythonProject({
      dir: 'svc',
      files: [...uv, { path: 'svc/requirements.txt', text: 'flask==3.0.0\n' }],
    });
    expect(both.packages.map((x) => x.name)).not.toContain('flask');
    const only = collectPythonProject({ dir: 'svc', files: uv.filter((f) => f.path.endsWith('pyproject.toml')) });
    expect(only.packages.map((x) => [x.key, x.scope, x.unresolved, x.range])).toEqual([
      ['acme-core', 'required', true, '*'],
      ['colorama', 'required', true, '>=0.4'],
      ['httpx', 'required', true, '>=0.27'],
      ['left-pad', 'required', true, '*'],
      ['pytest', 'excluded', true, '>=8'],
      ['pyyaml', 'optional', true, '>=6'],
      ['ruff', 'excluded', undefined, undefined],
    ]);
  });
  it.each([
    ['uv.lock', 'version = 1\n[[package]\n'],
    ['poetry.lock', '[[package]]\nname = \n'],
    ['Pipfile.lock', '{"default": '],
    ['pylock.toml', 'packages = []\n'],
  ])('malformed %s -> InputError with the file', (name, body) => {
    try {
      collectPythonProject({ dir: '', files: [{ path: name, text: body }] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).file).toBe(name);
    }
  });
});
