import { describe, expect, it } from 'vitest';
import { readRequirements } from './audit/requirements.js';
import { parseRequirements } from './collectors/python/requirements.js';
import { generateSbomObjects } from './generate.js';
import type { SbomComponent, SbomGraph } from './graph.js';
import { renderSpdx } from './writers/spdx.js';

function lib(i: number): SbomComponent {
  return {
    ref: `pkg:npm/p${i}@1.0.0`,
    type: 'library',
    name: `p${i}`,
    version: '1.0.0',
    purl: `pkg:npm/p${i}@1.0.0`,
    hashes: [],
    licenses: [],
    scope: 'required',
    sourceFiles: ['package-lock.json'],
    properties: {},
    ecosystem: 'npm',
  };
}

describe('hostile inputs', () => {
  it('writes SPDX for a graph of 150,000 dependency edges (no argument spread)', () => {
    const components = Array.from({ length: 1000 }, (_, i) => lib(i));
    const edges = new Map<string, string[]>();
    const root: SbomComponent = { ...lib(-1), ref: 'project:npm:.', type: 'application', project: true };
    edges.set(
      root.ref,
      components.map((c) => c.ref),
    );
    // 850 components depend on 150 others each, then enough more for 150,000 edges in all.
    let count = 0;
    for (let i = 0; i < 1000 && count < 149_000; i++) {
      const tos: string[] = [];
      for (let j = 1; j <= 150 && count < 149_000; j++, count++) tos.push(components[(i + j) % 1000]?.ref as string);
      edges.set(components[i]?.ref as string, tos.sort());
    }
    const graph: SbomGraph = { name: 'big', root, components, edges, devEdges: new Set() };
    const { document } = renderSpdx(graph, { timestamp: '2024-01-01T00:00:00Z', toolVersion: '0.0.0' });
    const rels = (document.relationships as unknown[]).length;
    expect(rels).toBe(1 + 1000 + 149_000);
  });

  it('reads a requirements file of 40,000 continued lines as one logical line', () => {
    const text = `${'a\\\n'.repeat(40_000)}b==1.0\n`;
    const lines = parseRequirements(text);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.line).toBe(1);
    expect(lines[0]?.endLine).toBe(40_001);
    const audit = readRequirements(text);
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]?.line).toBe(1);
  });

  it('keeps a compose file whose flow sequence closes at its key indentation (Compose accepts it)', () => {
    const compose = ['services:', '  web:', '    image: nginx:1.25', '    ports: [', '      "80:80"', '    ]', ''].join(
      '\n',
    );
    const result = generateSbomObjects([{ path: 'compose.yaml', text: compose }], {
      format: 'cyclonedx-json',
      timestamp: '2024-01-01T00:00:00Z',
    });
    expect(result.notifications).toEqual([]);
    const bom = result.documents[0]?.document as { components: { name: string; version: string }[] };
    expect(bom.components.map((c) => `${c.name}:${c.version}`)).toEqual(['nginx:1.25']);
  });

  it('resolves compose merge keys and anchors', () => {
    const compose = [
      'x-base: &base',
      '  image: redis:7.2',
      'services:',
      '  cache:',
      '    <<: *base',
      '  other:',
      '    image: busybox:1.36',
      '',
    ].join('\n');
    const result = generateSbomObjects([{ path: 'compose.yaml', text: compose }], {
      format: 'cyclonedx-json',
      timestamp: '2024-01-01T00:00:00Z',
    });
    const bom = result.documents[0]?.document as { components: { name: string }[] };
    expect(bom.components.map((c) => c.name).sort()).toEqual(['busybox', 'redis']);
  });

  it('reports truly invalid YAML and YAML bombs as notifications and goes on', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(',')}]`,
      );
    bomb.push('services:', '  x:', '    image: nginx:1.25', '');
    const result = generateSbomObjects(
      [
        { path: 'bad/compose.yaml', text: 'services:\n  web:\n    image: [unclosed\n  - : :\n' },
        { path: 'bomb/compose.yaml', text: bomb.join('\n') },
        { path: 'ok/compose.yaml', text: 'services:\n  api:\n    image: node:20\n' },
      ],
      { format: 'cyclonedx-json', timestamp: '2024-01-01T00:00:00Z' },
    );
    expect(result.notifications.map((n) => [n.code, n.file])).toEqual([
      ['parse-error', 'bad/compose.yaml'],
      ['parse-error', 'bomb/compose.yaml'],
    ]);
    const bom = result.documents[0]?.document as { components: { name: string }[] };
    expect(bom.components.filter((c) => c.name === 'node')).toHaveLength(1);
  });

  it("reads new ecosystems' hostile inputs as notifications, without hanging or overflowing", () => {
    const entity = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`;
    const files = [
      // An entity bomb: fast-xml-parser is told not to expand entities.
      {
        path: 'java/pom.xml',
        text: `<?xml version="1.0"?>${entity}<project><groupId>g</groupId><artifactId>a</artifactId><version>&lol9;</version></project>`,
      },
      // 200,000 nested lists in mix.lock: the term reader is iterative and stops at depth 256.
      { path: 'ex/mix.lock', text: `%{"a": ${'['.repeat(200_000)}}` },
      { path: 'rs/Cargo.lock', text: '[[package]\nname = ' },
      { path: 'swift/Package.resolved', text: '{"pins": 5, "version": 9}' },
      { path: 'go/go.mod', text: `module x\n\nrequire (\n${'\t"unterminated\n'.repeat(5000)}` },
    ];
    const result = generateSbomObjects(files, { format: 'cyclonedx-json', timestamp: '2024-01-01T00:00:00Z' });
    const codes = result.notifications.map((n) => [n.code, n.file]);
    expect(codes).toContainEqual(['parse-error', 'ex/mix.lock']);
    expect(codes).toContainEqual(['parse-error', 'rs/Cargo.lock']);
    expect(codes).toContainEqual(['sbom-input-unread', 'swift/Package.resolved']);
    expect(result.coverage.unread.map((u) => u.file)).toEqual(['ex/mix.lock', 'rs/Cargo.lock']);
    const bom = result.documents[0]?.document as { components: unknown[] };
    expect(Array.isArray(bom.components)).toBe(true);
  });
});
