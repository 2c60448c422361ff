// biome-ignore-all lint/suspicious/noExplicitAny: tests read parsed JSON documents
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectSoundCycloneDx, expectValid } from './__tests__/schemas.js';
import { generateSbomObjects } from './generate.js';
import type { SourceFile } from './model.js';

/** The collectors' own fixture trees, read as a repository would be. */
function readTree(dir: string, prefix: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push({ path: `${prefix}/${relative(dir, abs).split('\\').join('/')}`, text: readFileSync(abs, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

const collectorsDir = fileURLToPath(new URL('./collectors/', import.meta.url));
const trees = ['npm', 'python'].flatMap((eco) =>
  readdirSync(join(collectorsDir, eco, 'fixtures'))
    .filter((n) => statSync(join(collectorsDir, eco, 'fixtures', n)).isDirectory())
    .map((n) => ({ eco, name: n, dir: join(collectorsDir, eco, 'fixtures', n) })),
);

describe('end to end on the collectors fixtures, with the real collectors', () => {
  it('finds fixture trees', () => {
    expect(trees.length).toBeGreaterThan(5);
  });
  for (const tree of trees) {
    it(`${tree.eco}/${tree.name}: valid CycloneDX 1.6/1.5 and SPDX, components = distinct collected packages`, () => {
      const files = readTree(tree.dir, tree.name);
      const base = { timestamp: '2024-01-01T00:00:00Z', toolVersion: '0.1.0', rootName: tree.name };
      const cdx = generateSbomObjects(files, { ...base, format: 'cyclonedx-json' });
      expect(cdx.notifications.filter((n) => n.level !== 'info')).toEqual([]);
      const doc = cdx.documents[0];
      expect(doc).toBeDefined();
      const bom = doc?.document as any;
      expectValid('cdx-1.6', bom);
      expectSoundCycloneDx(bom);
      // Every collected package is a component (these fixtures hold one project each).
      expect(cdx.projects).toHaveLength(1);
      const packages = cdx.projects[0]?.packages ?? [];
      const componentRefs: string[] = bom.components
        .filter((c: any) => !c['bom-ref'].startsWith('project:'))
        .map((c: any) => c['bom-ref']);
      expect(componentRefs.length).toBe(packages.length);
      const purls = new Set(packages.map((p) => p.purl));
      expect(
        new Set(
          bom.components.filter((c: any) => c.purl && !c['bom-ref'].startsWith('project:')).map((c: any) => c.purl),
        ),
      ).toEqual(purls);
      // Hashes survive from lockfile to BOM.
      const hashed = cdx.projects.flatMap((p) => p.packages).filter((p) => p.hashes.length > 0).length;
      const bomHashed = bom.components.filter((c: any) => c.hashes?.length).length;
      expect(bomHashed > 0).toBe(hashed > 0);
      const v15 = generateSbomObjects(files, { ...base, format: 'cyclonedx-json', spec: '1.5' });
      expectValid('cdx-1.5', v15.documents[0]?.document);
      const spdx = generateSbomObjects(files, { ...base, format: 'spdx-json' });
      expectValid('spdx-2.3', spdx.documents[0]?.document);
      const spdxDoc = spdx.documents[0]?.document as any;
      expect(spdxDoc.packages.length).toBe(bom.components.length + 1);
    });
  }
});
