import { describe, expect, it } from 'vitest';
import { FIXTURE_DB, zipDatabase } from './__tests__/helpers.js';
import { OsvDatabase } from './db.js';
import { matchComponents, type VulnComponent } from './match.js';

const comp = (purl: string, file = 'lock'): VulnComponent => ({ purl, file });

async function idsFor(db: OsvDatabase, purl: string): Promise<string[]> {
  const { matches } = await matchComponents(db, [comp(purl)]);
  return matches.map((m) => m.id);
}

for (const layout of ['zip exports', 'loose JSON'] as const) {
  describe(`matching fixture advisories (${layout})`, () => {
    const open = () =>
      OsvDatabase.open(layout === 'zip exports' ? zipDatabase() : FIXTURE_DB, { cacheIndex: layout === 'zip exports' });

    it('npm: ranges, last_affected on pre-releases, limit, versions lists; withdrawn skipped', async () => {
      const db = await open();
      expect(await idsFor(db, 'pkg:npm/example-lib@1.4.1')).toEqual(['GHSA-np01-0001-0001']);
      expect(await idsFor(db, 'pkg:npm/example-lib@1.4.2')).toEqual([]);
      expect(await idsFor(db, 'pkg:npm/example-lib@2.0.3')).toEqual(['GHSA-np01-0001-0001']);
      expect(await idsFor(db, 'pkg:npm/example-lib@1.0.0-beta.1')).toEqual(['GHSA-np01-0001-0001']);
      expect(await idsFor(db, 'pkg:npm/example-lib@1.0.0-rc.1')).toEqual([
        'GHSA-np01-0001-0001',
        'GHSA-np02-0002-0002',
      ]);
      expect(await idsFor(db, 'pkg:npm/%40acme/widgets@1.9.0')).toEqual(['GHSA-np03-0003-0003']);
      expect(await idsFor(db, 'pkg:npm/%40acme/widgets@2.0.0')).toEqual([]);
      expect(await idsFor(db, 'pkg:npm/%40acme/widgets@2.5.0')).toEqual(['GHSA-np05-0005-0005']);
      // Another package of the same name in another scope is not it.
      expect(await idsFor(db, 'pkg:npm/%40other/widgets@1.9.0')).toEqual([]);
      db.close();
    });

    it('aliased advisories (an OSV- duplicate naming the GHSA) are one match with every id as alias', async () => {
      const db = await open();
      const { matches, stats } = await matchComponents(db, [comp('pkg:npm/example-lib@1.0.0')]);
      expect(matches).toHaveLength(2);
      const first = matches.find((m) => m.id === 'GHSA-np01-0001-0001');
      expect(first).toMatchObject({
        aliases: ['CVE-2099-0001', 'OSV-2099-np01'],
        advisories: ['GHSA-np01-0001-0001', 'OSV-2099-np01'],
        fixed: ['1.4.2', '2.1.0'],
        nearestFixed: '1.4.2',
        rating: { severity: 'critical', source: 'cvss', score: 9.8 },
      });
      expect(matches.find((m) => m.id === 'GHSA-np02-0002-0002')).toMatchObject({
        lastAffected: ['1.0.0'],
        rating: { severity: 'medium', source: 'database' },
      });
      expect(stats.withdrawn).toBe(1);
      db.close();
    });

    it('PyPI: PEP 503 names, PEP 440 pre/post/dev/local/epochs; a PYSEC and its GHSA are one finding', async () => {
      const db = await open();
      const { matches } = await matchComponents(db, [comp('pkg:pypi/django-extras@1.0rc1')]);
      expect(matches).toHaveLength(1);
      expect(matches[0]).toMatchObject({
        id: 'GHSA-py01-0001-0001',
        aliases: ['CVE-2099-1001', 'PYSEC-2099-1'],
        nearestFixed: '1.0',
        rating: { severity: 'critical', source: 'cvss', method: 'CVSS_V4' },
      });
      expect(await idsFor(db, 'pkg:pypi/django.extras@1.0.dev3')).toEqual([]);
      expect(await idsFor(db, 'pkg:pypi/DJANGO_EXTRAS@1.1')).toEqual(['GHSA-py01-0001-0001']);
      expect(await idsFor(db, 'pkg:pypi/django-extras@1.1.post1')).toEqual([]);
      expect(await idsFor(db, 'pkg:pypi/epoch-pkg@2024.1')).toEqual(['PYSEC-2099-2']);
      expect(await idsFor(db, 'pkg:pypi/epoch-pkg@1!1.0')).toEqual([]);
      expect(await idsFor(db, 'pkg:pypi/localpkg@2.0')).toEqual(['PYSEC-2099-3']);
      expect(await idsFor(db, 'pkg:pypi/localpkg@2.0+deb1')).toEqual([]);
      expect(await idsFor(db, 'pkg:pypi/limited-pkg@3.2.dev0')).toEqual(['PYSEC-2099-5']);
      expect(await idsFor(db, 'pkg:pypi/limited-pkg@3.2')).toEqual([]);
      expect(await idsFor(db, 'pkg:pypi/pinned-only@1.0')).toEqual(['PYSEC-2099-6']);
      db.close();
    });

    it('Go: SEMVER ranges against v-prefixed module versions, pseudo-versions, +incompatible, aliases', async () => {
      const db = await open();
      const { matches } = await matchComponents(db, [
        comp('pkg:golang/example.com/mod@v1.2.4-0.20200101000000-abcdefabcdef'),
      ]);
      expect(matches.map((m) => [m.id, m.aliases, m.rating.severity])).toEqual([
        ['GHSA-go01-0001-0001', ['CVE-2099-2001', 'GO-2099-0001'], 'high'],
      ]);
      expect(await idsFor(db, 'pkg:golang/example.com/mod@v1.2.4')).toEqual([]);
      expect(await idsFor(db, 'pkg:golang/example.com/legacy@v2.1.0%2Bincompatible')).toEqual(['GO-2099-0002']);
      expect(await idsFor(db, 'pkg:golang/example.com/la@v1.5.0')).toEqual(['GO-2099-0004']);
      expect(await idsFor(db, 'pkg:golang/example.com/la@v1.5.1')).toEqual([]);
      expect(await idsFor(db, 'pkg:golang/example.com/limited@v1.1.0-rc.1')).toEqual(['GO-2099-0006']);
      expect(await idsFor(db, 'pkg:golang/example.com/limited@v1.1.0')).toEqual([]);
      db.close();
    });

    it('Cargo: SemVer pre-release intervals, `_`/`-` names, grouping through a shared CVE, unreadable events', async () => {
      const db = await open();
      const { matches } = await matchComponents(db, [comp('pkg:cargo/some-crate@0.4.1')]);
      expect(matches.map((m) => [m.id, m.aliases, m.nearestFixed])).toEqual([
        ['GHSA-rs01-0001-0001', ['CVE-2099-3001', 'RUSTSEC-2099-0001'], '0.4.2'],
      ]);
      expect(await idsFor(db, 'pkg:cargo/some_crate@0.4.0-alpha.0')).toEqual([]);
      expect(await idsFor(db, 'pkg:cargo/some_crate@0.4.0-alpha.1')).toEqual(['GHSA-rs01-0001-0001']);
      expect(await idsFor(db, 'pkg:cargo/other-crate@1.2.0')).toEqual(['RUSTSEC-2099-0003']);
      expect(await idsFor(db, 'pkg:cargo/limited-crate@0.5.9')).toEqual(['RUSTSEC-2099-0004']);
      const bad = await matchComponents(db, [comp('pkg:cargo/bad-events@1.0.0')]);
      expect(bad.matches).toEqual([]);
      expect(bad.notifications.map((n) => n.code)).toContain('vulns-advisory-version-unreadable');
      db.close();
    });

    it('says why components are not checked: images, unsupported types, missing ecosystems, no version, unreadable version', async () => {
      const db = await open();
      const { matches, notifications } = await matchComponents(db, [
        comp('pkg:docker/library/python@3.12-slim'),
        comp('pkg:oci/app@sha256%3Aabc'),
        comp('pkg:helm/postgresql@15.5.0'),
        comp('pkg:gem/rails@7.1.0'),
        comp('pkg:pypi/requests'),
        comp('pkg:npm/example-lib@latest'),
        comp('pkg:golang/example.com/gitonly@v1.0.0'),
      ]);
      expect(matches).toEqual([]);
      expect(notifications.map((n) => n.code).sort()).toEqual([
        'vulns-ecosystem-not-in-db',
        'vulns-ecosystem-unsupported',
        'vulns-git-range-skipped',
        'vulns-image-no-ecosystem',
        'vulns-unpinned',
        'vulns-version-unreadable',
      ]);
      expect(notifications.find((n) => n.code === 'vulns-image-no-ecosystem')?.message).toMatch(/2 container image/);
      db.close();
    });
  });
}

describe('malformed advisories', () => {
  it('are reported and left out; the others still match', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'vulns-bad-'));
    const pkg = { ecosystem: 'npm', name: 'shaky' };
    const write = (id: string, body: Record<string, unknown>) =>
      writeFileSync(join(dir, `${id}.json`), JSON.stringify({ id, ...body }));
    write('BAD-1', { affected: [{ package: pkg, ranges: { type: 'SEMVER' } }] });
    write('BAD-2', { affected: [{ package: pkg, ranges: [{ type: 'SEMVER', events: [{ introduced: 0 }] }] }] });
    write('BAD-3', { affected: 'shaky' });
    write('BAD-4', { affected: [{ package: { ecosystem: 7, name: 'shaky' } }] });
    write('OK-1', {
      severity: 'CVSS:3.1/nonsense',
      database_specific: 'HIGH',
      affected: [{ package: pkg, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }],
    });
    const db = await OsvDatabase.open(dir, { cacheIndex: false });
    const { matches, notifications } = await matchComponents(db, [comp('pkg:npm/shaky@1.0.0')]);
    expect(matches.map((m) => [m.id, m.rating.severity])).toEqual([['OK-1', 'medium']]);
    expect(
      notifications.filter((n) => n.code === 'vulns-advisory-malformed').map((n) => n.message.split(' ')[0]),
    ).toEqual(['BAD-1', 'BAD-2']);
  });
});
