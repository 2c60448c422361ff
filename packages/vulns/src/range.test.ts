import { describe, expect, it } from 'vitest';
import type { OsvAffected, OsvEvent } from './osv.js';
import { evaluateAffected, inRange, nearestFixed } from './range.js';
import { pep440Order } from './versions/pep440.js';
import { goOrder, semverOrder } from './versions/semver.js';

const range = (events: OsvEvent[], type = 'ECOSYSTEM') => ({ type, events });

describe('OSV range evaluation', () => {
  it('introduced/fixed: affected from introduced up to, not including, fixed; several intervals', () => {
    const r = range([{ introduced: '0' }, { fixed: '1.4.2' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }]);
    expect(inRange('0.0.1', r, semverOrder)).toBe(true);
    expect(inRange('1.4.1', r, semverOrder)).toBe(true);
    expect(inRange('1.4.2', r, semverOrder)).toBe(false);
    expect(inRange('1.9.9', r, semverOrder)).toBe(false);
    expect(inRange('2.0.0', r, semverOrder)).toBe(true);
    expect(inRange('2.1.0', r, semverOrder)).toBe(false);
    expect(inRange('3.0.0', r, semverOrder)).toBe(false);
  });

  it('events are sorted before evaluation (the schema does not require order)', () => {
    const r = range([{ fixed: '2.1.0' }, { introduced: '2.0.0' }, { fixed: '1.4.2' }, { introduced: '0' }]);
    expect(inRange('1.0.0', r, semverOrder)).toBe(true);
    expect(inRange('1.5.0', r, semverOrder)).toBe(false);
    expect(inRange('2.0.5', r, semverOrder)).toBe(true);
  });

  it('last_affected: the named version is affected, the next one is not', () => {
    const r = range([{ introduced: '1.0.0-beta.2' }, { last_affected: '1.0.0' }], 'SEMVER');
    expect(inRange('1.0.0-beta.1', r, semverOrder)).toBe(false);
    expect(inRange('1.0.0-beta.2', r, semverOrder)).toBe(true);
    expect(inRange('1.0.0-rc.1', r, semverOrder)).toBe(true);
    expect(inRange('1.0.0', r, semverOrder)).toBe(true);
    expect(inRange('1.0.1-alpha', r, semverOrder)).toBe(false);
  });

  it('limit: nothing at or above the limit is affected, even without a fix; "*" is no limit', () => {
    const r = range([{ introduced: '1.0.0' }, { limit: '2.0.0' }]);
    expect(inRange('0.9.0', r, semverOrder)).toBe(false);
    expect(inRange('1.9.9', r, semverOrder)).toBe(true);
    expect(inRange('2.0.0-rc.1', r, semverOrder)).toBe(true);
    expect(inRange('2.0.0', r, semverOrder)).toBe(false);
    expect(inRange('5.0.0', range([{ introduced: '1.0.0' }, { limit: '*' }]), semverOrder)).toBe(true);
  });

  it('PEP 440 ranges: dev releases sort below a1, post releases above the release, epochs above all', () => {
    const r = range([{ introduced: '1.0a1' }, { fixed: '1.0' }]);
    expect(inRange('1.0.dev1', r, pep440Order)).toBe(false);
    expect(inRange('1.0a1', r, pep440Order)).toBe(true);
    expect(inRange('1.0rc2', r, pep440Order)).toBe(true);
    expect(inRange('1.0', r, pep440Order)).toBe(false);
    expect(inRange('1.0.post1', r, pep440Order)).toBe(false);
    const epoch = range([{ introduced: '0' }, { fixed: '1!1.0' }]);
    expect(inRange('2024.1', epoch, pep440Order)).toBe(true);
    expect(inRange('1!0.5', epoch, pep440Order)).toBe(true);
    expect(inRange('1!1.0', epoch, pep440Order)).toBe(false);
    // A local version sorts above its public version: past last_affected.
    const last = range([{ introduced: '1.5' }, { last_affected: '2.0' }]);
    expect(inRange('2.0', last, pep440Order)).toBe(true);
    expect(inRange('2.0+ubuntu1', last, pep440Order)).toBe(false);
    expect(inRange('1.9+local', last, pep440Order)).toBe(true);
  });

  it('Go SEMVER ranges without the v prefix, pseudo-versions and +incompatible', () => {
    const r = range([{ introduced: '0' }, { fixed: '1.2.4' }], 'SEMVER');
    const affected: OsvAffected = { ranges: [r] };
    const v = (s: string) => evaluateAffected(s, affected, goOrder).affected;
    expect(v('v1.2.3')).toBe(true);
    expect(v('v1.2.4-0.20200101000000-abcdefabcdef')).toBe(true);
    expect(v('v0.0.0-20190101000000-abcdefabcdef')).toBe(true);
    expect(v('v1.2.4')).toBe(false);
    const inc: OsvAffected = {
      ranges: [range([{ introduced: '2.0.0+incompatible' }, { fixed: '2.3.0+incompatible' }], 'SEMVER')],
    };
    expect(evaluateAffected('v2.1.0+incompatible', inc, goOrder).affected).toBe(true);
    expect(evaluateAffected('v2.3.0+incompatible', inc, goOrder).affected).toBe(false);
  });

  it('versions lists match exact versions (equal under the ecosystem order)', () => {
    const affected: OsvAffected = { versions: ['0.9', '1.0.0'] };
    expect(evaluateAffected('1.0', affected, pep440Order).affected).toBe(true);
    expect(evaluateAffected('0.9', affected, pep440Order).affected).toBe(true);
    expect(evaluateAffected('0.9.1', affected, pep440Order).affected).toBe(false);
  });

  it('an unreadable event version leaves the range unevaluated and says which', () => {
    const verdict = evaluateAffected(
      '1.0.0',
      { ranges: [range([{ introduced: '0' }, { fixed: 'not a version' }])] },
      semverOrder,
    );
    expect(verdict.affected).toBe(false);
    expect(verdict.unreadable).toEqual(['not a version']);
    const gitOnly = evaluateAffected('1.0.0', { ranges: [range([{ introduced: '0' }], 'GIT')] }, semverOrder);
    expect(gitOnly).toMatchObject({ affected: false, skippedTypes: ['GIT'] });
  });

  it('collects fixed versions in order and names the nearest one above the version', () => {
    const verdict = evaluateAffected(
      '2.0.1',
      { ranges: [range([{ introduced: '0' }, { fixed: '2.1.0' }, { introduced: '1.0.0' }, { fixed: '1.4.2' }])] },
      semverOrder,
    );
    expect(verdict.fixed).toEqual(['1.4.2', '2.1.0']);
    expect(nearestFixed('2.0.1', verdict.fixed, semverOrder)).toBe('2.1.0');
    expect(nearestFixed('1.0.0', verdict.fixed, semverOrder)).toBe('1.4.2');
  });
});
