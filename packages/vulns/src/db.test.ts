import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureFiles, tempDir, zipDatabase, zipOf } from './__tests__/helpers.js';
import { INDEX_NAME, OsvDatabase } from './db.js';
import { osvEcosystem } from './ecosystems.js';
import { DatabaseError } from './errors.js';

const npm = osvEcosystem('npm') as NonNullable<ReturnType<typeof osvEcosystem>>;
const pypi = osvEcosystem('PyPI') as NonNullable<ReturnType<typeof osvEcosystem>>;

describe('OSV database', () => {
  it('builds the per-package index on first use, beside the zip, and only for the ecosystem asked', async () => {
    const dir = zipDatabase(['npm', 'PyPI']);
    const db = await OsvDatabase.open(dir);
    expect(existsSync(join(dir, 'npm', INDEX_NAME))).toBe(false);
    const found = await db.lookup(npm, 'example-lib');
    expect(found.map((a) => a.id).sort()).toEqual([
      'GHSA-np01-0001-0001',
      'GHSA-np02-0002-0002',
      'GHSA-np04-0004-0004',
      'OSV-2099-np01',
    ]);
    expect(existsSync(join(dir, 'npm', INDEX_NAME))).toBe(true);
    expect(existsSync(join(dir, 'PyPI', INDEX_NAME))).toBe(false);
    const index = JSON.parse(readFileSync(join(dir, 'npm', INDEX_NAME), 'utf8'));
    expect(index).toMatchObject({ format: 3, zipSize: statSync(join(dir, 'npm', 'all.zip')).size, advisories: 6 });
    expect(Object.keys(index.packages).sort()).toEqual(['npm\u0000@acme/widgets', 'npm\u0000example-lib']);
    // PEP 503: any spelling finds the package.
    expect((await db.lookup(pypi, 'DJANGO.extras')).map((a) => a.id).sort()).toEqual([
      'GHSA-py01-0001-0001',
      'PYSEC-2099-1',
    ]);
    db.close();
  });

  it('with a version, skips advisories whose indexed ranges exclude it, and reads the ones it cannot decide', async () => {
    const db = await OsvDatabase.open(zipDatabase(['npm']));
    const ids = async (version?: string) => (await db.lookup(npm, 'example-lib', version)).map((a) => a.id).sort();
    // 3.0.0 is outside every range; the withdrawn advisory is always read (it is counted).
    expect(await ids('3.0.0')).toEqual(['GHSA-np04-0004-0004']);
    expect(await ids('1.0.0-rc.1')).toEqual([
      'GHSA-np01-0001-0001',
      'GHSA-np02-0002-0002',
      'GHSA-np04-0004-0004',
      'OSV-2099-np01',
    ]);
    // A version the order cannot read filters nothing.
    expect((await ids('latest')).length).toBe(4);
    expect((await db.lookup(npm, '@acme/widgets', '2.5.0')).map((a) => a.id)).toEqual(['GHSA-np05-0005-0005']);
    db.close();
  });

  it('reuses a cached index while the zip keeps its size and mtime, and rebuilds it when either changes', async () => {
    const dir = zipDatabase(['npm']);
    const zip = join(dir, 'npm', 'all.zip');
    const indexPath = join(dir, 'npm', INDEX_NAME);
    let db = await OsvDatabase.open(dir);
    await db.lookup(npm, 'example-lib');
    db.close();
    // Tamper with the cached index: a reused index answers from it.
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    index.packages['npm\u0000renamed-lib'] = index.packages['npm\u0000example-lib'];
    writeFileSync(indexPath, JSON.stringify(index));
    db = await OsvDatabase.open(dir);
    expect((await db.lookup(npm, 'renamed-lib')).length).toBe(4);
    db.close();
    // A new export (other size, other mtime) invalidates it.
    const files = fixtureFiles('npm');
    delete files['GHSA-np05-0005-0005.json'];
    writeFileSync(zip, zipOf(files));
    utimesSync(zip, new Date(), new Date(Date.now() + 5000));
    db = await OsvDatabase.open(dir);
    expect(await db.lookup(npm, 'renamed-lib')).toEqual([]);
    expect((await db.lookup(npm, '@acme/widgets')).map((a) => a.id)).toEqual(['GHSA-np03-0003-0003']);
    db.close();
    expect(JSON.parse(readFileSync(indexPath, 'utf8')).advisories).toBe(5);
  });

  it('works when the index cannot be written beside the zip, saying it is not cached', async () => {
    const dir = zipDatabase(['npm']);
    // A directory where the index file would go: unwritable even for root.
    mkdirSync(join(dir, 'npm', INDEX_NAME));
    const db = await OsvDatabase.open(dir);
    expect((await db.lookup(npm, 'example-lib')).length).toBe(4);
    expect(db.notifications.map((n) => n.code)).toEqual(['vulns-index-not-cached']);
    db.close();
  });

  it('a truncated export is a typed error naming the file; a missing or empty database too', async () => {
    const dir = zipDatabase(['npm']);
    const zip = join(dir, 'npm', 'all.zip');
    const bytes = readFileSync(zip);
    writeFileSync(zip, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const db = await OsvDatabase.open(dir);
    await expect(db.lookup(npm, 'example-lib')).rejects.toThrow(DatabaseError);
    await expect(db.lookup(npm, 'example-lib')).rejects.toThrow(/all\.zip is not a readable zip/);
    db.close();
    await expect(OsvDatabase.open(join(dir, 'missing'))).rejects.toThrow(/does not exist/);
    await expect(OsvDatabase.open(tempDir())).rejects.toThrow(/holds no <Ecosystem>\/all.zip/);
  });

  it('loose files that are not advisories are left out with a notification', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'GHSA-np03-0003-0003.json'), fixtureFiles('npm')['GHSA-np03-0003-0003.json'] as string);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    writeFileSync(join(dir, 'other.json'), '{"no":"id"}');
    const db = await OsvDatabase.open(dir);
    expect((await db.lookup(npm, '@acme/widgets')).map((a) => a.id)).toEqual(['GHSA-np03-0003-0003']);
    expect(db.notifications).toMatchObject([
      { code: 'vulns-advisory-unreadable', message: expect.stringMatching(/^2 file/) },
    ]);
    expect(db.sourcesFor(npm)).toHaveLength(1);
    expect(db.sourcesFor(pypi)).toHaveLength(0);
  });
});
