// biome-ignore-all lint/suspicious/noExplicitAny: tests read parsed JSON documents
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import { expectSoundCycloneDx, expectValid } from './__tests__/schemas.js';
import { generateSbomObjects } from './generate.js';
import type { SourceFile } from './model.js';

/**
 * Regressions found by running the SBOM generator over real repositories' lockfiles (see
 * QUALITY.md). Each case under `__tests__/realworld/<case>/` is a small tree of our own writing,
 * reshaped from what broke, with an `expected.json` that lists the exact component set
 * (`<purl type>:<name>@<version>`, counted by hand from the tree), edges and scopes.
 */
interface Expected {
  about: string;
  components: string[];
  edges?: Record<string, string[]>;
  /** Edges that must NOT exist. */
  absentEdges?: Record<string, string[]>;
  scopes?: Record<string, 'required' | 'optional' | 'excluded'>;
  excludeDev?: boolean;
  /** Components expected with the unreached property (default: none). */
  unreached?: string[];
  hashes?: Record<string, string[]>;
  purls?: Record<string, string>;
  /** Component properties that must be present (name -> value). */
  properties?: Record<string, Record<string, string>>;
  /** CycloneDX component types (default library). */
  types?: Record<string, string>;
  /** CycloneDX `licenses` of components. */
  licenses?: Record<string, unknown>;
  /** Notification codes expected (info and above), by file. */
  notifications?: [string, string][];
}

// Real-world regressions, and one case per ecosystem and lockfile format version (ecosystems/).
const roots = ['./__tests__/realworld/', './__tests__/ecosystems/'].map((u) =>
  fileURLToPath(new URL(u, import.meta.url)),
);
const cases = roots.flatMap((root) =>
  readdirSync(root)
    .filter((n) => statSync(join(root, n)).isDirectory())
    .sort()
    .map((name) => ({ root, name })),
);

function readTree(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push({ path: relative(dir, abs).split('\\').join('/'), text: readFileSync(abs, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

function idOf(c: any): string {
  const p = PackageURL.fromString(c.purl);
  return `${p.type}:${p.namespace ? `${p.namespace}/` : ''}${p.name}@${p.version ?? ''}`;
}

describe('real-world regressions', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const { root, name } of cases) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
      const files = readTree(join(root, name, 'tree'));
      const opts = {
        timestamp: '2024-01-01T00:00:00Z',
        toolVersion: '0.0.0',
        excludeDev: expected.excludeDev ?? false,
      };
      const result = generateSbomObjects(files, { ...opts, format: 'cyclonedx-json' });
      if (expected.notifications)
        expect(result.notifications.map((n) => [n.code, n.file ?? ''])).toEqual(expected.notifications);
      else expect(result.notifications.filter((n) => n.level !== 'info')).toEqual([]);
      const bom = result.documents[0]?.document as any;
      expectValid('cdx-1.6', bom);
      expectSoundCycloneDx(bom);
      expectValid(
        'cdx-1.5',
        generateSbomObjects(files, { ...opts, format: 'cyclonedx-json', spec: '1.5' }).documents[0]?.document,
      );
      const spdxRun = generateSbomObjects(files, { ...opts, format: 'spdx-json' });
      const spdx = spdxRun.documents[0]?.document as any;
      expectValid('spdx-2.3', spdx);
      // Same input, same bytes.
      expect(generateSbomObjects(files, { ...opts, format: 'cyclonedx-json' }).documents[0]?.json).toBe(
        result.documents[0]?.json,
      );
      expect(generateSbomObjects(files, { ...opts, format: 'spdx-json' }).documents[0]?.json).toBe(
        spdxRun.documents[0]?.json,
      );
      expect(spdx.packages.length).toBe(bom.components.length + 1);

      const libs = bom.components.filter((c: any) => c.purl && !c['bom-ref'].startsWith('project:'));
      const byId = new Map<string, any>(libs.map((c: any) => [idOf(c), c]));
      expect(libs.map(idOf).sort()).toEqual([...expected.components].sort());
      const deps = new Map<string, string[]>(bom.dependencies.map((d: any) => [d.ref, d.dependsOn ?? []]));
      const refOf = (id: string) => byId.get(id)?.['bom-ref'] as string;
      for (const [from, tos] of Object.entries(expected.edges ?? {})) {
        expect(deps.get(refOf(from)) ?? [], `edges of ${from}`).toEqual(expect.arrayContaining(tos.map(refOf)));
      }
      for (const [from, tos] of Object.entries(expected.absentEdges ?? {})) {
        for (const to of tos) expect(deps.get(refOf(from)) ?? [], `${from} -> ${to}`).not.toContain(refOf(to));
      }
      for (const [id, scope] of Object.entries(expected.scopes ?? {})) {
        expect(byId.get(id)?.scope ?? 'required', `scope of ${id}`).toBe(scope);
      }
      const unreached = libs
        .filter((c: any) => (c.properties ?? []).some((p: any) => p.name === 'shipshape:unreached'))
        .map(idOf)
        .sort();
      expect(unreached).toEqual([...(expected.unreached ?? [])].sort());
      for (const [id, contents] of Object.entries(expected.hashes ?? {})) {
        expect((byId.get(id)?.hashes ?? []).map((h: any) => `${h.alg}:${h.content}`).sort(), `hashes of ${id}`).toEqual(
          [...contents].sort(),
        );
      }
      for (const [id, purl] of Object.entries(expected.purls ?? {})) expect(byId.get(id)?.purl).toBe(purl);
      for (const [id, props] of Object.entries(expected.properties ?? {})) {
        const actual = Object.fromEntries((byId.get(id)?.properties ?? []).map((p: any) => [p.name, p.value]));
        expect(actual, `properties of ${id}`).toMatchObject(props);
      }
      for (const [id, lic] of Object.entries(expected.licenses ?? {}))
        expect(byId.get(id)?.licenses, `licenses of ${id}`).toEqual(lic);
      for (const [id, type] of Object.entries(expected.types ?? {}))
        expect(byId.get(id)?.type, `type of ${id}`).toBe(type);
    });
  }
});
