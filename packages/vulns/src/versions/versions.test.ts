import { describe, expect, it } from 'vitest';
import { mavenOrder } from './maven.js';
import { nugetOrder } from './nuget.js';
import { packagistOrder } from './packagist.js';
import { pep440Order } from './pep440.js';
import { rubygemsOrder } from './rubygems.js';
import { goOrder, pubOrder, semverOrder } from './semver.js';
import type { VersionOrder } from './types.js';

/** Asserts that the list is strictly ascending under the order, pair by pair. */
function expectAscending(order: VersionOrder, versions: string[]): void {
  for (const v of versions) expect(order.valid(v), `${v} valid`).toBe(true);
  for (let i = 1; i < versions.length; i++) {
    const a = versions[i - 1] as string;
    const b = versions[i] as string;
    expect(Math.sign(order.compare(a, b)), `${a} < ${b}`).toBe(-1);
    expect(Math.sign(order.compare(b, a)), `${b} > ${a}`).toBe(1);
  }
}

describe('version orders', () => {
  it('PEP 440: dev < pre < release < post, epochs above everything, local above its public version', () => {
    expectAscending(pep440Order, [
      '1.0.dev0',
      '1.0a1.dev1',
      '1.0a1',
      '1.0b2',
      '1.0rc1',
      '1.0',
      '1.0+local.1',
      '1.0.post1.dev0',
      '1.0.post1',
      '1.1',
      '2013.10',
      '1!0.1',
    ]);
    expect(pep440Order.compare('1.0', '1.0.0')).toBe(0);
    expect(pep440Order.compare('1.0RC1', '1.0rc1')).toBe(0);
    expect(pep440Order.valid('not-a-version')).toBe(false);
  });

  it('npm/Cargo SemVer: pre-releases below the release, numeric identifiers by value, build metadata ignored', () => {
    expectAscending(semverOrder, [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
    ]);
    expect(semverOrder.compare('1.0.0+build.1', '1.0.0')).toBe(0);
    expect(semverOrder.valid('v1.0.0')).toBe(true);
    expect(semverOrder.valid('1.0')).toBe(false);
  });

  it('Go: pseudo-versions order just below the release they precede; +incompatible is build metadata', () => {
    expectAscending(goOrder, [
      'v0.0.0-20190101000000-abcdefabcdef',
      'v0.0.0-20200101000000-abcdefabcdef',
      'v1.2.3',
      'v1.2.4-0.20200101000000-abcdefabcdef',
      'v1.2.4-pre',
      'v1.2.4-pre.0.20200101000000-abcdefabcdef',
      'v1.2.4',
      'v2.0.0+incompatible',
      'v2.1.0+incompatible',
    ]);
    // OSV writes Go versions without the v.
    expect(goOrder.compare('v1.2.4', '1.2.4')).toBe(0);
    expect(goOrder.compare('v2.0.0+incompatible', '2.0.0')).toBe(0);
  });

  it('RubyGems: letters make a pre-release, trailing zeros do not count', () => {
    expectAscending(rubygemsOrder, ['1.0.a', '1.0.b1', '1.0.rc1', '1.0', '1.0.1', '1.1', '1.10']);
    expect(rubygemsOrder.compare('1.0', '1.0.0')).toBe(0);
    expect(rubygemsOrder.compare('1.0.0-rc1', '1.0.0.pre.rc1')).toBe(0);
  });

  it('Maven: alpha < beta < milestone < rc < snapshot < release < sp, numbers by value', () => {
    expectAscending(mavenOrder, [
      '1.0-alpha1',
      '1.0-beta1',
      '1.0-M1',
      '1.0-RC1',
      '1.0-SNAPSHOT',
      '1.0',
      '1.0-sp1',
      '1.0.1',
      '1.2',
      '1.10',
    ]);
    expect(mavenOrder.compare('1.0.0', '1')).toBe(0);
    expect(mavenOrder.compare('1.0-GA', '1.0')).toBe(0);
    expect(mavenOrder.compare('1.0-cr1', '1.0-rc1')).toBe(0);
  });

  it('NuGet: four-part versions, case-insensitive pre-release labels', () => {
    expectAscending(nugetOrder, ['1.0.0-alpha', '1.0.0-Beta', '1.0.0', '1.0.0.1', '1.0.1', '1.1']);
    expect(nugetOrder.compare('1.0', '1.0.0.0')).toBe(0);
    expect(nugetOrder.compare('1.0.0-BETA', '1.0.0-beta')).toBe(0);
  });

  it('Packagist: Composer normal form and PHP version_compare stabilities', () => {
    expectAscending(packagistOrder, [
      '1.0.0-dev',
      '1.0.0-alpha1',
      '1.0.0-beta2',
      '1.0.0-RC1',
      '1.0.0',
      '1.0.0-pl1',
      '1.0.1',
      'v1.2',
    ]);
    expect(packagistOrder.compare('v1.2', '1.2.0.0')).toBe(0);
  });

  it('Pub: a build suffix sorts after the plain version', () => {
    expectAscending(pubOrder, ['1.0.0-dev', '1.0.0', '1.0.0+1', '1.0.0+2', '1.0.1']);
  });
});
