// biome-ignore-all lint/suspicious/noExplicitAny: tests read parsed JSON documents
import { describe, expect, it } from 'vitest';
import { expectSoundCycloneDx, expectValid, validator } from './__tests__/schemas.js';
import type { EcosystemCollectors } from './collectors/ecosystems.js';
import { detectProjects, generateSbom, generateSbomObjects } from './generate.js';
import type { CollectedPackage, CollectedProject, SourceFile } from './model.js';
import { selectSbomInputs } from './projects.js';

const SHA512 = 'ab'.repeat(64);
const SHA1 = 'cd'.repeat(20);
const DIGEST = `sha256:${'e'.repeat(64)}`;

function pkg(p: Partial<CollectedPackage> & Pick<CollectedPackage, 'key' | 'name'>): CollectedPackage {
  return {
    ecosystem: 'npm',
    purl: `pkg:npm/${p.name.replace('@', '%40')}@${p.version ?? ''}`,
    hashes: [],
    licenses: [],
    scope: 'required',
    direct: false,
    dependsOn: [],
    sourceFile: 'web/package-lock.json',
    ...p,
  };
}

/** A stand-in Node collector: a fixed, realistic graph (the real collector is tested on its own). */
const stubCollectors: EcosystemCollectors = {
  node: ({ dir, manifest, lockfiles }): CollectedProject => {
    const packages = [
      pkg({
        key: 'node_modules/@scope/ui',
        name: '@scope/ui',
        version: '2.0.0',
        direct: true,
        dependsOn: ['node_modules/react'],
        licenses: ['MIT OR Apache-2.0'],
        hashes: [{ alg: 'SHA-512', content: SHA512 }],
        resolved: 'https://registry.npmjs.org/@scope/ui/-/ui-2.0.0.tgz',
      }),
      pkg({
        key: 'node_modules/react',
        name: 'react',
        version: '18.3.1',
        dependsOn: ['node_modules/loose-envify'],
        licenses: ['MIT'],
        hashes: [{ alg: 'SHA-1', content: SHA1 }],
      }),
      pkg({
        key: 'node_modules/loose-envify',
        name: 'loose-envify',
        version: '1.4.0',
        licenses: ['LicenseRef-Custom'],
      }),
      pkg({
        key: 'node_modules/vitest',
        name: 'vitest',
        version: '4.1.12',
        direct: true,
        scope: 'excluded',
        dependsOn: ['node_modules/react'],
        licenses: ['see LICENSE file'],
      }),
      pkg({
        key: 'node_modules/gitdep',
        name: 'gitdep',
        version: '1.0.0',
        direct: true,
        resolved: `git+https://github.com/o/gitdep.git#${'1'.repeat(40)}`,
        purl: `pkg:npm/gitdep@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fo%2Fgitdep.git%23${'1'.repeat(40)}`,
      }),
      pkg({ key: 'node_modules/orphan', name: 'orphan', version: '0.0.1' }),
    ];
    return {
      name: 'web',
      version: '1.0.0',
      type: 'npm',
      dir,
      files: [manifest?.path, ...lockfiles.map((l) => l.path)].filter((p): p is string => !!p),
      direct: ['node_modules/@scope/ui', 'node_modules/vitest', 'node_modules/gitdep'],
      packages,
    };
  },
};

const FILES: SourceFile[] = [
  { path: 'web/package.json', text: '{"name":"web","version":"1.0.0"}' },
  { path: 'web/package-lock.json', text: '{}' },
  {
    path: 'web/Dockerfile',
    text: `ARG V=20\nFROM node:\${V} AS build\nFROM gcr.io/distroless/nodejs20-debian12@${DIGEST}\n`,
  },
  {
    path: 'deploy/chart/Chart.yaml',
    text: 'apiVersion: v2\nname: web-chart\nversion: 0.3.0\ndependencies:\n  - name: redis\n    version: 19.0.1\n    repository: https://charts.bitnami.com/bitnami\n',
  },
  { path: 'deploy/chart/values.yaml', text: 'image:\n  repository: acme/web\n  tag: "1.0.0"\n' },
];

const OPTS = {
  timestamp: '2024-01-02T03:04:05Z',
  toolVersion: '0.1.0',
  collectors: stubCollectors,
  rootName: 'acme',
} as const;

describe('project detection and input selection', () => {
  it('finds one project per directory and ecosystem, folding workspace members and sub-charts', () => {
    const files: SourceFile[] = [
      { path: 'package.json', text: '{"workspaces":["packages/*"]}' },
      { path: 'package-lock.json', text: '{}' },
      { path: 'packages/a/package.json', text: '{}' },
      { path: 'tools/standalone/package.json', text: '{}' },
      { path: 'node_modules/x/package.json', text: '{}' },
      { path: 'py/requirements.txt', text: '' },
      { path: 'py/requirements/dev.txt', text: '' },
      { path: 'py/pyproject.toml', text: '' },
      { path: 'chart/Chart.yaml', text: '' },
      { path: 'chart/charts/sub/Chart.yaml', text: '' },
      { path: 'chart/charts/sub/values.yaml', text: '' },
      { path: 'chart/values-prod.yaml', text: '' },
      { path: 'Dockerfile', text: 'FROM x' },
      { path: 'docker-compose.yml', text: '' },
    ];
    expect(detectProjects(files).map((p) => [p.type, p.dir, p.files.length])).toEqual([
      ['container', '', 2],
      ['npm', '', 2],
      ['helm', 'chart', 4],
      ['python', 'py', 3],
      ['npm', 'tools/standalone', 1],
    ]);
    expect(
      selectSbomInputs([
        ...files.map((f) => f.path),
        'README.md',
        'values.yaml',
        '.github/workflows/ci.yml',
        'src/index.ts',
      ]),
    ).toEqual([
      '.github/workflows/ci.yml',
      'Dockerfile',
      'chart/Chart.yaml',
      'chart/charts/sub/Chart.yaml',
      'chart/charts/sub/values.yaml',
      'chart/values-prod.yaml',
      'docker-compose.yml',
      'package-lock.json',
      'package.json',
      'packages/a/package.json',
      'py/pyproject.toml',
      'py/requirements.txt',
      'py/requirements/dev.txt',
      'tools/standalone/package.json',
    ]);
  });
});

describe('generateSbom', () => {
  for (const spec of ['1.5', '1.6'] as const) {
    it(`writes a schema-valid, graph-complete CycloneDX ${spec} BOM for a monorepo`, () => {
      const result = generateSbom(FILES, { ...OPTS, format: 'cyclonedx-json', spec });
      expect(result.documents).toHaveLength(1);
      const bom = JSON.parse(result.documents[0]?.json ?? '{}');
      expectValid(spec === '1.5' ? 'cdx-1.5' : 'cdx-1.6', bom);
      expectSoundCycloneDx(bom);
      expect(bom.serialNumber).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(bom.metadata.timestamp).toBe('2024-01-02T03:04:05Z');
      expect(bom.metadata.tools.components[0]).toMatchObject({ name: 'shipshape', version: '0.1.0' });
      expect(bom.metadata.component).toMatchObject({ name: 'acme', type: 'application' });
      // 3 projects + 6 npm + 2 images (Dockerfile) + redis + 1 values image
      const projects = bom.components.filter((c: any) => c['bom-ref'].startsWith('project:'));
      expect(projects).toHaveLength(3);
      expect(bom.components).toHaveLength(3 + 6 + 2 + 1 + 1);
      const byName = new Map<string, any>(
        bom.components.map((c: any) => [`${c.group ? `${c.group}/` : ''}${c.name}`, c]),
      );
      const ui = byName.get('@scope/ui');
      expect(ui).toMatchObject({
        group: '@scope',
        name: 'ui',
        purl: 'pkg:npm/%40scope/ui@2.0.0',
        scope: 'required',
        licenses: [{ expression: 'MIT OR Apache-2.0' }],
      });
      expect(ui.hashes).toEqual([{ alg: 'SHA-512', content: SHA512 }]);
      expect(ui.evidence.occurrences).toEqual([{ location: 'web/package-lock.json' }]);
      expect(ui.externalReferences).toEqual([
        { type: 'distribution', url: 'https://registry.npmjs.org/@scope/ui/-/ui-2.0.0.tgz' },
      ]);
      expect(byName.get('react').licenses).toEqual([{ license: { id: 'MIT' } }]);
      expect(byName.get('loose-envify').licenses).toEqual([{ expression: 'LicenseRef-Custom' }]);
      expect(byName.get('vitest')).toMatchObject({
        scope: 'excluded',
        licenses: [{ license: { name: 'see LICENSE file' } }],
      });
      expect(byName.get('gitdep').externalReferences[0].type).toBe('vcs');
      expect(byName.get('orphan').properties).toContainEqual({ name: 'shipshape:unreached', value: 'true' });
      const distroless = byName.get('gcr.io/distroless/nodejs20-debian12');
      expect(distroless).toMatchObject({ type: 'container', hashes: [{ alg: 'SHA-256', content: 'e'.repeat(64) }] });
      expect(distroless.purl).toMatch(
        /^pkg:oci\/nodejs20-debian12@sha256:e{64}\?repository_url=gcr.io%2Fdistroless%2Fnodejs20-debian12$/,
      );
      // direct vs transitive: the npm project depends on its direct packages only
      const deps = new Map<string, string[]>(bom.dependencies.map((d: any) => [d.ref, d.dependsOn]));
      expect(deps.get('project:npm:web')).toEqual([
        'pkg:npm/%40scope/ui@2.0.0',
        `pkg:npm/gitdep@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fo%2Fgitdep.git%23${'1'.repeat(40)}`,
        'pkg:npm/orphan@0.0.1',
        'pkg:npm/vitest@4.1.12',
      ]);
      expect(deps.get('pkg:npm/react@18.3.1')).toEqual(['pkg:npm/loose-envify@1.4.0']);
      expect(deps.get('repository')).toEqual(['project:container:web', 'project:helm:deploy/chart', 'project:npm:web']);
      if (spec === '1.6') expect(bom.metadata.tools.components[0].authors).toBeDefined();
      else expect(bom.metadata.tools.components[0].author).toBeDefined();
    });
  }

  it('is byte-identical across runs and input order, with SOURCE_DATE_EPOCH as the time', () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const a = generateSbom(FILES, { format: 'cyclonedx-json', collectors: stubCollectors, env, toolVersion: '1' });
    const b = generateSbom([...FILES].reverse(), {
      format: 'cyclonedx-json',
      collectors: stubCollectors,
      env,
      toolVersion: '1',
    });
    expect(a.documents[0]?.json).toBe(b.documents[0]?.json);
    expect(JSON.parse(a.documents[0]?.json ?? '{}').metadata.timestamp).toBe('2023-11-14T22:13:20Z');
    const objects = generateSbomObjects(FILES, {
      format: 'spdx-json',
      collectors: stubCollectors,
      env,
      toolVersion: '1',
    });
    expect(JSON.parse(objects.documents[0]?.json ?? '')).toEqual(objects.documents[0]?.document);
    const c = generateSbom(FILES, {
      format: 'cyclonedx-json',
      collectors: stubCollectors,
      env: { SOURCE_DATE_EPOCH: '1700000001' },
      toolVersion: '1',
    });
    expect(JSON.parse(c.documents[0]?.json ?? '{}').serialNumber).not.toBe(
      JSON.parse(a.documents[0]?.json ?? '{}').serialNumber,
    );
  });

  it('drops dev-only packages with excludeDev and keeps the graph sound', () => {
    const { documents } = generateSbomObjects(FILES, { ...OPTS, format: 'cyclonedx-json', excludeDev: true });
    const bom = documents[0]?.document as any;
    expect(bom.components.map((c: any) => c.name)).not.toContain('vitest');
    expect(bom.components.map((c: any) => c.name)).toContain('react');
    expectSoundCycloneDx(bom);
    expectValid('cdx-1.6', bom);
  });

  it('splits into one valid document per project', () => {
    const { documents } = generateSbom(FILES, { ...OPTS, format: 'cyclonedx-json', split: true });
    expect(documents.map((d) => d.name)).toEqual([
      'deploy-chart.helm.cdx.json',
      'web.container.cdx.json',
      'web.npm.cdx.json',
    ]);
    for (const d of documents) {
      const bom = JSON.parse(d.json);
      expectValid('cdx-1.6', bom);
      expectSoundCycloneDx(bom);
    }
    const npm = JSON.parse(documents[2]?.json ?? '{}');
    expect(npm.metadata.component).toMatchObject({ name: 'web', version: '1.0.0' });
    expect(npm.components).toHaveLength(6);
  });

  it('writes a schema-valid SPDX 2.3 document with sanitised ids and dependency relationships', () => {
    const { documents } = generateSbom(FILES, { ...OPTS, format: 'spdx-json' });
    const doc = JSON.parse(documents[0]?.json ?? '{}');
    expectValid('spdx-2.3', doc);
    expect(documents[0]?.name).toBe('sbom.spdx.json');
    expect(doc.creationInfo).toEqual({
      created: '2024-01-02T03:04:05Z',
      creators: ['Tool: shipshape-0.1.0'],
      // The inputs read, per project type (the stand-in Node collector reports both npm files).
      comment: [
        'Inputs read:',
        'container: web/Dockerfile',
        'helm: deploy/chart/Chart.yaml, deploy/chart/values.yaml',
        'npm: web/package-lock.json, web/package.json',
      ].join('\n'),
    });
    expect(doc.documentNamespace).toMatch(/^https:\/\/shipshape\.dev\/spdxdocs\/acme-[0-9a-f-]{36}$/);
    const ids = doc.packages.map((p: any) => p.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^SPDXRef-[A-Za-z0-9.-]+$/);
    expect(doc.packages).toHaveLength(1 + 3 + 6 + 2 + 1 + 1);
    const byName = new Map<string, any>(doc.packages.map((p: any) => [p.name, p]));
    const ui = byName.get('@scope/ui');
    expect(ui).toMatchObject({
      versionInfo: '2.0.0',
      licenseDeclared: 'MIT OR Apache-2.0',
      licenseConcluded: 'NOASSERTION',
      downloadLocation: 'https://registry.npmjs.org/@scope/ui/-/ui-2.0.0.tgz',
      checksums: [{ algorithm: 'SHA512', checksumValue: SHA512 }],
    });
    expect(ui.externalRefs).toEqual([
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/%40scope/ui@2.0.0' },
    ]);
    expect(byName.get('react').downloadLocation).toBe('NOASSERTION');
    expect(byName.get('vitest').licenseDeclared).toBe('NOASSERTION');
    expect(doc.hasExtractedLicensingInfos.map((e: any) => e.licenseId)).toEqual(['LicenseRef-Custom']);
    const idOf = (name: string) => byName.get(name).SPDXID;
    const rels = doc.relationships.map((r: any) => `${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`);
    expect(rels).toContain(`SPDXRef-DOCUMENT DESCRIBES ${idOf('acme')}`);
    expect(rels).toContain(`${idOf('react')} DEPENDS_ON ${idOf('loose-envify')}`);
    expect(rels).toContain(`${idOf('vitest')} DEV_DEPENDENCY_OF ${idOf('web')}`);
    // every relationship end exists; every package but the root is the target of one
    const set = new Set(ids);
    const targets = new Set<string>();
    for (const r of doc.relationships) {
      expect(r.spdxElementId === 'SPDXRef-DOCUMENT' || set.has(r.spdxElementId)).toBe(true);
      expect(set.has(r.relatedSpdxElement)).toBe(true);
      targets.add(r.relationshipType === 'DEV_DEPENDENCY_OF' ? r.spdxElementId : r.relatedSpdxElement);
    }
    expect(ids.filter((id: string) => !targets.has(id))).toEqual([]);
  });

  it('yields an empty but valid document for a repository without inputs, and notes missing collectors', () => {
    const { documents, notifications } = generateSbom([{ path: 'package.json', text: '{}' }], {
      format: 'cyclonedx-json',
      collectors: {},
      timestamp: OPTS.timestamp,
      rootName: 'empty',
    });
    const bom = JSON.parse(documents[0]?.json ?? '{}');
    expectValid('cdx-1.6', bom);
    expect(bom.components).toEqual([]);
    expect(notifications.map((n) => n.code)).toEqual(['collector-unavailable']);
  });
});

describe('schema validators', () => {
  it('reject broken documents (so passing means something)', () => {
    expect(
      validator('cdx-1.6')({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library' }] }),
    ).toBe(false);
    expect(validator('cdx-1.5')({ bomFormat: 'CycloneDX', specVersion: '1.5', serialNumber: 'nope' })).toBe(false);
    expect(validator('spdx-2.3')({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT' })).toBe(false);
  });
});
