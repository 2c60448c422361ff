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
}

const root = fileURLToPath(new URL('./__tests__/realworld/', import.meta.url));
const cases = readdirSync(root)
  .filter((n) => statSync(join(root, n)).isDirectory())
  .sort();

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
  for (const name of cases) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
      const files = readTree(join(root, name, 'tree'));
      const opts = {
        timestamp: '2024-01-01T00:00:00Z',
        toolVersion: '0.0.0',
        excludeDev: expected.excludeDev ?? false,
      };
      const result = generateSbomObjects(files, { ...opts, format: 'cyclonedx-json' });
      expect(result.notifications.filter((n) => n.level !== 'info')).toEqual([]);
      const bom = result.documents[0]?.document as any;
      expectValid('cdx-1.6', bom);
      expectSoundCycloneDx(bom);
      const spdx = generateSbomObjects(files, { ...opts, format: 'spdx-json' }).documents[0]?.document as any;
      expectValid('spdx-2.3', spdx);
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
    });
  }
});
