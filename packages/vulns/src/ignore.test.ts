import { describe, expect, it } from 'vitest';
import { applyIgnores } from './ignore.js';
import type { VulnMatch } from './match.js';
import { vulnsSettings } from './settings.js';

const match = (id: string, aliases: string[], purl: string, name: string): VulnMatch => ({
  component: { purl, file: 'requirements.txt' },
  ecosystem: 'PyPI',
  name,
  version: '1.0',
  id,
  aliases,
  advisories: [id],
  fixed: ['1.1'],
  lastAffected: [],
  rating: { severity: 'high', source: 'database' },
});

const a = match('GHSA-aaaa', ['CVE-2099-1', 'PYSEC-1'], 'pkg:pypi/django-extras@1.0', 'django-extras');
const b = match('GHSA-bbbb', [], 'pkg:pypi/other@1.0', 'other');
const now = new Date('2099-06-15T12:00:00Z');

describe('vulns.ignore', () => {
  it('hides by id or any alias, optionally for one package (purl with or without version, or name)', () => {
    expect(applyIgnores([a, b], [{ id: 'CVE-2099-1', reason: 'not reachable' }], now).kept).toEqual([b]);
    expect(applyIgnores([a, b], [{ id: 'PYSEC-1', package: 'pkg:pypi/Django_Extras', reason: 'r' }], now).kept).toEqual(
      [b],
    );
    expect(
      applyIgnores([a, b], [{ id: 'GHSA-aaaa', package: 'pkg:pypi/django-extras@1.0', reason: 'r' }], now).kept,
    ).toEqual([b]);
    expect(applyIgnores([a, b], [{ id: 'GHSA-aaaa', package: 'django.extras', reason: 'r' }], now).kept).toEqual([b]);
    // Another package, or another version: not hidden.
    const other = applyIgnores([a, b], [{ id: 'GHSA-aaaa', package: 'pkg:pypi/django-extras@0.9', reason: 'r' }], now);
    expect(other.kept).toEqual([a, b]);
    expect(other.notifications.map((n) => n.code)).toEqual(['vulns-ignore-unused']);
  });

  it('holds through its expiry day, then the finding is back with a warning', () => {
    const through = applyIgnores([a], [{ id: 'GHSA-aaaa', reason: 'r', expires: '2099-06-15' }], now);
    expect(through.kept).toEqual([]);
    expect(through.notifications.map((n) => n.code)).toEqual(['vulns-ignored']);
    const lapsed = applyIgnores([a], [{ id: 'GHSA-aaaa', reason: 'waiting for 1.1', expires: '2099-06-14' }], now);
    expect(lapsed.kept).toEqual([a]);
    expect(lapsed.notifications).toMatchObject([
      { code: 'vulns-ignore-expired', level: 'warning', file: 'requirements.txt' },
    ]);
  });

  it('settings: reason is mandatory, expiry must be a date, maxDbAge takes days or durations', () => {
    expect(() => vulnsSettings({ vulns: { ignore: [{ id: 'X', reason: ' ' }] } })).toThrow(/needs a reason/);
    expect(() => vulnsSettings({ vulns: { ignore: [{ id: 'X', reason: 'r', expires: '2099-13-45' }] } })).toThrow(
      /not a date/,
    );
    expect(vulnsSettings({ vulns: { maxDbAge: 2 } }).maxDbAgeMs).toBe(2 * 86_400_000);
    expect(vulnsSettings({ vulns: { maxDbAge: '36h' } }).maxDbAgeMs).toBe(36 * 3_600_000);
    expect(vulnsSettings({}).maxDbAgeMs).toBe(7 * 86_400_000);
  });
});
