import { describe, expect, it } from 'vitest';
import { parseDotEnv } from './container/occurrences.js';
import { parseGoMod, parseGoSum } from './go/index.js';
import { parseTerm } from './hex/index.js';
import { gradleBuildCoordinates, parseGradleLockfile, parseVersionCatalog } from './java/index.js';
import { parseGemfileLock } from './ruby/index.js';

describe('lockfile and manifest readers', () => {
  it('go.mod: blocks, single lines, quoted paths, // indirect, replace with and without versions, comments', () => {
    const mod = parseGoMod(
      [
        '// top comment',
        'module "example.com/app" // the module',
        'go 1.22',
        'require (',
        '  example.com/a v1.0.0',
        '  "example.com/b" v2.0.0+incompatible // indirect',
        '  // a comment line inside the block',
        ')',
        'require example.com/c v0.1.0 // indirect; kept for tests',
        'replace example.com/a v1.0.0 => example.com/a-fork v1.0.1',
        'replace (',
        '  example.com/b => ../b',
        ')',
        'exclude example.com/c v0.0.9',
        'retract v0.9.0',
        '',
      ].join('\n'),
    );
    expect(mod.module).toBe('example.com/app');
    expect(mod.go).toBe('1.22');
    expect(mod.requires.map((r) => [r.path, r.version, r.indirect])).toEqual([
      ['example.com/a', 'v1.0.0', false],
      ['example.com/b', 'v2.0.0+incompatible', true],
      ['example.com/c', 'v0.1.0', true],
    ]);
    expect(mod.replaces).toEqual([
      { from: 'example.com/a', fromVersion: 'v1.0.0', to: 'example.com/a-fork', toVersion: 'v1.0.1', line: 10 },
      { from: 'example.com/b', to: '../b', line: 12 },
    ]);
    expect(mod.excludes).toEqual([{ path: 'example.com/c', version: 'v0.0.9' }]);
  });

  it('go.sum: module hashes only (not /go.mod lines), h1 base64 to SHA-256 hex', () => {
    const sums = parseGoSum(
      'example.com/a v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/a v1.0.0/go.mod h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA=\nbroken line\n',
    );
    expect([...sums.keys()]).toEqual(['example.com/a@v1.0.0']);
    expect(sums.get('example.com/a@v1.0.0')).toEqual({ alg: 'SHA-256', content: '0'.repeat(64) });
  });

  it('Gemfile.lock: several GEM sources, platform variants, deps of each spec, DEPENDENCIES with !', () => {
    const lock = parseGemfileLock(
      [
        'GEM',
        '  remote: https://rubygems.org/',
        '  specs:',
        '    ffi (1.17.0-x86_64-linux-gnu)',
        '    rake (13.2.1)',
        '',
        'GEM',
        '  remote: https://gems.example.com/',
        '  specs:',
        '    private-gem (0.1.0)',
        '      rake (>= 12)',
        '',
        'PLATFORMS',
        '  x86_64-linux-gnu',
        '',
        'DEPENDENCIES',
        '  private-gem!',
        '  rake (~> 13.0)',
        '',
        'BUNDLED WITH',
        '   2.5.10',
      ].join('\n'),
    );
    expect(lock.specs.map((s) => [s.name, s.version, s.platform, s.remote, s.deps])).toEqual([
      ['ffi', '1.17.0', 'x86_64-linux-gnu', 'https://rubygems.org/', []],
      ['rake', '13.2.1', undefined, 'https://rubygems.org/', []],
      ['private-gem', '0.1.0', undefined, 'https://gems.example.com/', ['rake']],
    ]);
    expect(lock.dependencies).toEqual(['private-gem', 'rake']);
    expect(lock.platforms).toEqual(['x86_64-linux-gnu']);
    expect(lock.bundledWith).toBe('2.5.10');
    expect(() => parseGemfileLock('not a lockfile\n')).toThrow(/not a Gemfile\.lock/);
  });

  it('mix.lock terms: quoted keyword keys, the older => form, atoms with quotes, comments, keyword lists', () => {
    const term = parseTerm(
      '%{\n  # comment\n  "a": {:hex, :a, "1.0.0", "x", [:mix], [{:b, "~> 1.0", [hex: :b, repo: "hexpm", optional: true]}], "hexpm", "y"},\n  "b" => {:git, "https://h/b.git", "abc", [branch: "main"]},\n  "c": {:hex, :"c-lib", "2.0.0"},\n}',
    );
    expect(term.t).toBe('map');
    if (term.t !== 'map') return;
    expect(term.entries.map(([k]) => (k.t === 'str' ? k.v : ''))).toEqual(['a', 'b', 'c']);
    const c = term.entries[2]?.[1];
    expect(c?.t === 'tuple' && c.items[1]).toEqual({ t: 'atom', v: 'c-lib' });
    expect(() => parseTerm('%{"a": [')).toThrow(/unclosed/);
    expect(() => parseTerm(`%{"a": ${'['.repeat(300)}`)).toThrow(/deeper than 256/);
  });

  it('gradle.lockfile lines, version catalogs and build-file coordinates', () => {
    expect(
      parseGradleLockfile('# c\na:b:1.0=compileClasspath,testRuntimeClasspath\nempty=annotationProcessor\nbad line\n'),
    ).toEqual([
      { group: 'a', artifact: 'b', version: '1.0', configurations: ['compileClasspath', 'testRuntimeClasspath'] },
    ]);
    const catalog = parseVersionCatalog(
      '[versions]\nx = "1.2"\ny = { require = "2.0" }\n[libraries]\na = "g:a:3.0"\nb = { module = "g:b", version.ref = "x" }\nc = { group = "g", name = "c", version.ref = "y" }\nd = { module = "g:d" }\n',
      'libs.versions.toml',
    );
    expect(catalog.map((l) => `${l.group}:${l.artifact}:${l.version ?? ''}`)).toEqual([
      'g:a:3.0',
      'g:b:1.2',
      'g:c:2.0',
      'g:d:',
    ]);
    expect(
      gradleBuildCoordinates(
        'dependencies {\n  implementation "g:a:1.0"\n  api(platform("g:bom:2.0"))\n  testImplementation(\'g:t:3.0\')\n  implementation("g:v:$ver")\n  implementation(project(":core"))\n}\n',
      ).map((c) => `${c.configuration} ${c.group}:${c.artifact}:${c.version ?? ''}`),
    ).toEqual(['implementation g:a:1.0', 'api g:bom:2.0', 'testImplementation g:t:3.0', 'implementation g:v:$ver']);
  });

  it('.env as Compose reads it: export, quotes, comments, references to earlier keys', () => {
    const env = parseDotEnv(
      '# comment\nexport A=1\nB="two words" # trailing\nC=\'${A}-literal\'\nD=${A}-${B}\nE=x # comment\nnot a line\n',
    );
    expect(Object.fromEntries(env)).toEqual({ A: '1', B: 'two words', C: '${A}-literal', D: '1-two words', E: 'x' });
  });
});
