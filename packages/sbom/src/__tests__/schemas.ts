// biome-ignore-all lint/suspicious/noExplicitAny: checks parsed JSON documents
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

// The official schemas, vendored in the repository (test/schemas/README.md names their sources).
const SCHEMAS = fileURLToPath(new URL('../../../../test/schemas/', import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(`${SCHEMAS}${name}`, 'utf8')) as Record<string, unknown>;
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

let cdx: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function cyclonedxAjv(): Ajv {
  if (cdx) return cdx;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  ajv.addFormat('idn-email', true);
  ajv.addFormat('iri-reference', true);
  ajv.addKeyword('meta:enum');
  ajv.addSchema(load('spdx.schema.json'), 'spdx.schema.json');
  ajv.addSchema(load('jsf-0.82.schema.json'), 'jsf-0.82.schema.json');
  ajv.addSchema(load('cryptography-defs.schema.json'), 'cryptography-defs.schema.json');
  cdx = ajv;
  return ajv;
}

export function validator(kind: 'cdx-1.5' | 'cdx-1.6' | 'spdx-2.3'): ValidateFunction {
  const hit = compiled.get(kind);
  if (hit) return hit;
  let fn: ValidateFunction;
  if (kind === 'spdx-2.3') {
    const ajv = new Ajv({ allErrors: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    fn = ajv.compile(load('spdx-2.3.schema.json'));
  } else {
    fn = cyclonedxAjv().compile(load(kind === 'cdx-1.5' ? 'bom-1.5.schema.json' : 'bom-1.6.schema.json'));
  }
  compiled.set(kind, fn);
  return fn;
}

/** Asserts a document is valid against the official schema, printing ajv's errors when not. */
export function expectValid(kind: 'cdx-1.5' | 'cdx-1.6' | 'spdx-2.3', doc: unknown): void {
  const fn = validator(kind);
  const ok = fn(doc);
  expect(ok ? [] : fn.errors?.slice(0, 10)).toEqual([]);
}

/** Semantic checks beyond the schema for a CycloneDX BOM. */
export function expectSoundCycloneDx(bom: Record<string, any>): void {
  const refs: string[] = (bom.components ?? []).map((c: any) => c['bom-ref']);
  const rootRef: string = bom.metadata.component['bom-ref'];
  const all = new Set([rootRef, ...refs]);
  expect(all.size, 'duplicate bom-refs').toBe(refs.length + 1);
  const deps = new Map<string, string[]>((bom.dependencies ?? []).map((d: any) => [d.ref, d.dependsOn ?? []]));
  for (const ref of all) expect(deps.has(ref), `dependencies entry for ${ref}`).toBe(true);
  const incoming = new Set<string>();
  for (const [ref, list] of deps) {
    expect(all.has(ref), `dependency ref ${ref} exists`).toBe(true);
    for (const to of list) {
      expect(all.has(to), `dependsOn ${to} exists`).toBe(true);
      incoming.add(to);
    }
  }
  const roots = [...all].filter((r) => !incoming.has(r));
  expect(roots).toEqual([rootRef]);
  // Everything reachable from the root (no orphans, no unreachable cycles).
  const seen = new Set<string>();
  const stack = [rootRef];
  while (stack.length) {
    const r = stack.pop() as string;
    if (seen.has(r)) continue;
    seen.add(r);
    stack.push(...(deps.get(r) ?? []));
  }
  expect(seen.size).toBe(all.size);
}
