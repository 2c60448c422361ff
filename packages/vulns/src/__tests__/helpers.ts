import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { afterAll } from 'vitest';

/** The fixture advisories, one folder per OSV ecosystem (loose JSON). */
export const FIXTURE_DB = fileURLToPath(new URL('./osv/', import.meta.url));

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'vulns-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Zip bytes of the given `<name>.json` advisories (fflate, deflate). */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, new TextEncoder().encode(t)])), {
    level: 6,
  });
}

/** The fixture advisories of an ecosystem as `{ "<id>.json": text }`. */
export function fixtureFiles(ecosystem: string): Record<string, string> {
  const dir = join(FIXTURE_DB, ecosystem);
  return Object.fromEntries(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
}

/** A database in osv.dev's layout (`<dir>/<Ecosystem>/all.zip`) built from the fixtures at test time. */
export function zipDatabase(ecosystems = ['npm', 'PyPI', 'Go', 'crates.io']): string {
  const dir = tempDir('vulns-db-');
  for (const eco of ecosystems) {
    mkdirSync(join(dir, eco), { recursive: true });
    writeFileSync(join(dir, eco, 'all.zip'), zipOf(fixtureFiles(eco)));
  }
  return dir;
}
