import { describe, expect, it } from 'vitest';
import {
  collectHelmProject,
  helmRangeSatisfied,
  isExactHelmVersion,
  parseChartArchiveName,
  parseChartLock,
  parseChartYaml,
} from './index.js';

const CHART = `apiVersion: v2
name: shop
version: 1.4.0
appVersion: "3.1.0"
annotations:
  artifacthub.io/license: Apache-2.0
dependencies:
  - name: postgresql
    version: "~15.5.0"
    repository: oci://registry-1.docker.io/bitnamicharts
    condition: postgresql.enabled
  - name: redis
    alias: cache
    version: 19.0.1
    repository: "@bitnami"
  - name: common
    version: ">=2.0.0, <3"
    repository: https://charts.example.com/stable/
  - name: local-lib
    version: 0.1.0
    repository: file://../local-lib
`;
const LOCK = `dependencies:
- name: postgresql
  repository: oci://registry-1.docker.io/bitnamicharts
  version: 15.5.38
- name: redis
  repository: https://charts.bitnami.com/bitnami
  version: 19.0.1
- name: common
  repository: https://charts.example.com/stable/
  version: 2.19.1
digest: sha256:${'b'.repeat(64)}
generated: "2024-05-01T10:00:00.000Z"
`;

describe('Chart.yaml and Chart.lock parsing', () => {
  it('reads dependencies with alias, condition and repository forms', () => {
    const chart = parseChartYaml(CHART);
    expect(chart).toMatchObject({ name: 'shop', version: '1.4.0', appVersion: '3.1.0', license: 'Apache-2.0' });
    expect(chart.dependencies.map((d) => [d.name, d.alias, d.version, d.repository, d.condition])).toEqual([
      ['postgresql', undefined, '~15.5.0', 'oci://registry-1.docker.io/bitnamicharts', 'postgresql.enabled'],
      ['redis', 'cache', '19.0.1', '@bitnami', undefined],
      ['common', undefined, '>=2.0.0, <3', 'https://charts.example.com/stable/', undefined],
      ['local-lib', undefined, '0.1.0', 'file://../local-lib', undefined],
    ]);
    const lock = parseChartLock(LOCK);
    expect(lock.digest).toBe(`sha256:${'b'.repeat(64)}`);
    expect(lock.dependencies.map((d) => `${d.name}@${d.version}`)).toEqual([
      'postgresql@15.5.38',
      'redis@19.0.1',
      'common@2.19.1',
    ]);
  });
  it('knows exact versions and Helm ranges', () => {
    expect(isExactHelmVersion('1.2.3')).toBe(true);
    expect(isExactHelmVersion('v1.2.3')).toBe(true);
    expect(isExactHelmVersion('~1.2.3')).toBe(false);
    expect(isExactHelmVersion('1.2.x')).toBe(false);
    expect(helmRangeSatisfied('2.19.1', '>=2.0.0, <3')).toBe(true);
    expect(helmRangeSatisfied('3.0.0', '>=2.0.0, <3')).toBe(false);
    expect(helmRangeSatisfied('15.5.38', '~15.5.0')).toBe(true);
    expect(parseChartArchiveName('charts/my-chart-1.2.3.tgz')).toEqual({ name: 'my-chart', version: '1.2.3' });
  });
});

describe('collectHelmProject', () => {
  it('resolves versions through Chart.lock, vendored sub-charts and archives, and collects values images', () => {
    const files = [
      { path: 'deploy/shop/Chart.yaml', text: CHART },
      { path: 'deploy/shop/Chart.lock', text: LOCK },
      { path: 'deploy/shop/values.yaml', text: 'image:\n  repository: acme/shop\n  tag: ""\n' },
      { path: 'deploy/shop/charts/postgresql-15.5.38.tgz', text: '' },
      {
        path: 'deploy/shop/charts/local-lib/Chart.yaml',
        text: 'apiVersion: v2\nname: local-lib\nversion: 0.1.0\ndependencies:\n  - name: inner\n    version: 1.0.0\n    repository: https://example.com/charts\n',
      },
      { path: 'deploy/shop/charts/local-lib/values.yaml', text: 'image: "busybox:1.36"\n' },
      { path: 'deploy/shop/charts/vendored/Chart.yaml', text: 'apiVersion: v2\nname: vendored\nversion: 9.9.9\n' },
    ];
    const project = collectHelmProject({ dir: 'deploy/shop', files });
    expect(project).toMatchObject({ name: 'shop', version: '1.4.0', type: 'helm', licenses: ['Apache-2.0'] });
    expect(project.properties?.['shipshape:helm-lock-digest']).toBe(`sha256:${'b'.repeat(64)}`);
    const byKey = new Map(project.packages.map((p) => [p.key, p]));
    expect([...byKey.keys()].sort()).toEqual([
      'helm:cache',
      'helm:common',
      'helm:local-lib',
      'helm:local-lib/inner',
      'helm:postgresql',
      'helm:vendored',
      'image:docker.io/acme/shop:3.1.0',
      'image:docker.io/library/busybox:1.36',
    ]);
    expect(byKey.get('helm:postgresql')).toMatchObject({
      version: '15.5.38',
      scope: 'optional',
      purl: 'pkg:helm/postgresql@15.5.38?repository_url=oci%3A%2F%2Fregistry-1.docker.io%2Fbitnamicharts',
    });
    expect(byKey.get('helm:postgresql')?.properties?.['shipshape:vendored-archive']).toBe(
      'deploy/shop/charts/postgresql-15.5.38.tgz',
    );
    expect(byKey.get('helm:cache')).toMatchObject({
      name: 'redis',
      alias: 'cache',
      version: '19.0.1',
      purl: 'pkg:helm/redis@19.0.1?repository_url=https%3A%2F%2Fcharts.bitnami.com%2Fbitnami',
    });
    expect(byKey.get('helm:common')?.version).toBe('2.19.1');
    expect(byKey.get('helm:local-lib')?.dependsOn.sort()).toEqual([
      'helm:local-lib/inner',
      'image:docker.io/library/busybox:1.36',
    ]);
    expect(byKey.get('helm:local-lib/inner')).toMatchObject({ version: '1.0.0', direct: false });
    expect(byKey.get('helm:vendored')).toMatchObject({ version: '9.9.9', direct: true });
    expect(project.direct.sort()).toEqual([
      'helm:cache',
      'helm:common',
      'helm:local-lib',
      'helm:postgresql',
      'helm:vendored',
      'image:docker.io/acme/shop:3.1.0',
    ]);
  });
  it('marks range-only dependencies without a lock as unresolved', () => {
    const project = collectHelmProject({
      dir: '',
      files: [
        {
          path: 'Chart.yaml',
          text: 'apiVersion: v2\nname: x\nversion: 0.1.0\ndependencies:\n  - name: nginx\n    version: ^15\n    repository: https://charts.bitnami.com/bitnami\n',
        },
      ],
    });
    expect(project.packages).toMatchObject([
      {
        name: 'nginx',
        unresolved: true,
        range: '^15',
        purl: 'pkg:helm/nginx?repository_url=https%3A%2F%2Fcharts.bitnami.com%2Fbitnami',
      },
    ]);
  });
  it('reports a malformed Chart.yaml instead of throwing', () => {
    const project = collectHelmProject({ dir: 'c', files: [{ path: 'c/Chart.yaml', text: 'name: [unclosed\n' }] });
    expect(project.notifications?.[0]).toMatchObject({ code: 'parse-error', file: 'c/Chart.yaml' });
  });
});
