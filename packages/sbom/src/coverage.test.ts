// biome-ignore-all lint/suspicious/noExplicitAny: tests read parsed JSON documents
import { describe, expect, it } from 'vitest';
import { coverageSummary, generateSbom, generateSbomObjects } from './generate.js';
import type { SourceFile } from './model.js';
import { selectSbomInputs } from './projects.js';

const FILES: SourceFile[] = [
  { path: 'svc/go.mod', text: 'module example.com/svc\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n' },
  {
    path: 'svc/go.sum',
    text: 'github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\ngithub.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n',
  },
  { path: 'tool/Cargo.lock', text: 'version = 4\n\n[[package]]\nname = "tool"\nversion = "0.1.0"\n' },
  { path: 'tool/Cargo.toml', text: '[package]\nname = "tool"\nversion = "0.1.0"\n' },
  { path: 'app/Package.swift', text: '// swift-tools-version:5.9\n' },
  { path: 'app/broken/composer.lock', text: '{ not json' },
];
const OPTS = { timestamp: '2024-01-01T00:00:00Z', toolVersion: '1.0.0' } as const;

describe('coverage: what was read, what was left out', () => {
  it('lists the inputs read per ecosystem and those left out, in CycloneDX metadata', () => {
    const result = generateSbomObjects(FILES, { ...OPTS, format: 'cyclonedx-json' });
    const bom = result.documents[0]?.document as any;
    const props = bom.metadata.properties.map((p: any) => `${p.name}=${p.value}`);
    expect(props).toEqual([
      'shipshape:input:cargo=tool/Cargo.lock',
      'shipshape:input:cargo=tool/Cargo.toml',
      'shipshape:input:go=svc/go.mod',
      'shipshape:input:go=svc/go.sum',
      expect.stringMatching(/^shipshape:input-not-read=app\/Package\.swift: Package\.swift is Swift code/),
      expect.stringMatching(/^shipshape:input-not-read=app\/broken\/composer\.lock: .*not valid JSON/),
    ]);
    expect(result.coverage.unread.map((u) => u.file)).toEqual(['app/Package.swift', 'app/broken/composer.lock']);
  });

  it('writes the same account into the SPDX creationInfo comment', () => {
    const { documents } = generateSbom(FILES, { ...OPTS, format: 'spdx-json' });
    const comment: string = JSON.parse(documents[0]?.json ?? '{}').creationInfo.comment;
    expect(comment.split('\n').slice(0, 4)).toEqual([
      'Inputs read:',
      'cargo: tool/Cargo.lock, tool/Cargo.toml',
      'go: svc/go.mod, svc/go.sum',
      'Recognised but not read:',
    ]);
    expect(comment).toContain('app/Package.swift: ');
  });

  it('summarises coverage in one line', () => {
    const result = generateSbom(FILES, { ...OPTS, format: 'cyclonedx-json' });
    const line = coverageSummary(result);
    expect(line).not.toContain('\n');
    expect(line).toBe(
      'sbom coverage: 4 inputs read (cargo 2, go 2); 2 left out: app/Package.swift, app/broken/composer.lock (see the warnings)',
    );
    const clean = generateSbom(FILES.slice(0, 2), { ...OPTS, format: 'cyclonedx-json' });
    expect(coverageSummary(clean)).toBe('sbom coverage: 2 inputs read (go 2); nothing recognised was left out');
  });

  it('selects every ecosystem input and a .env only beside a compose file', () => {
    const paths = [
      'a/go.mod',
      'a/go.sum',
      'go.work',
      'b/Cargo.lock',
      'c/Gemfile.lock',
      'c/Gemfile',
      'd/composer.lock',
      'e/pom.xml',
      'f/gradle.lockfile',
      'f/gradle/libs.versions.toml',
      'g/packages.lock.json',
      'g/App.csproj',
      'Directory.Packages.props',
      'h/mix.lock',
      'i/pubspec.lock',
      'j/Package.resolved',
      'k/Podfile.lock',
      'l/compose.yaml',
      'l/.env',
      'm/.env',
      'n/build.sbt',
      'vendor/bundle/ruby/3.3.0/gems/x/Gemfile.lock',
      'vendor/laravel/framework/composer.json',
      'vendor/github.com/spf13/cobra/go.mod',
      'api/vendor/serde/Cargo.toml',
      'src/main.go',
    ];
    expect(selectSbomInputs(paths)).toEqual(
      paths.filter((p) => p !== 'm/.env' && !p.includes('vendor/') && p !== 'src/main.go').sort(),
    );
  });
});
