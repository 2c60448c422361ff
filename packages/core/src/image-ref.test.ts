import { describe, expect, it } from 'vitest';
import { canonicalRepository, displayRepository, isValidImageReference, parseImageReference } from './image-ref.js';

describe('parseImageReference', () => {
  it('splits registry with port, repository, tag and digest', () => {
    const ref = parseImageReference(`reg.example.com:5000/team/app:1.2@sha256:${'a'.repeat(64)}`);
    expect(ref).toMatchObject({
      registry: 'reg.example.com:5000',
      repository: 'team/app',
      name: 'app',
      tag: '1.2',
      digest: `sha256:${'a'.repeat(64)}`,
    });
    expect(parseImageReference('localhost/app').registry).toBe('localhost');
    expect(parseImageReference('team/app:1').registry).toBeUndefined();
  });

  it('normalises Docker Hub and keeps short display names', () => {
    const node = parseImageReference('node:20-slim');
    expect(node.normalizedRegistry).toBe('docker.io');
    expect(canonicalRepository(node)).toBe('library/node');
    expect(displayRepository(node)).toBe('node');
    expect(parseImageReference('index.docker.io/library/node').normalizedRegistry).toBe('docker.io');
  });

  it('knows scratch and unresolved variables', () => {
    expect(parseImageReference('scratch').scratch).toBe(true);
    expect(parseImageReference('${REGISTRY}/app:${TAG}')).toMatchObject({
      unresolved: true,
      variables: ['REGISTRY', 'TAG'],
    });
  });
});

describe('isValidImageReference', () => {
  it('accepts real references and rejects templates and malformed text', () => {
    for (const ok of ['nginx', 'nginx:1.25', `ghcr.io/o/app@sha256:${'b'.repeat(64)}`, 'reg:5000/a/b:c-1.2_3'])
      expect(isValidImageReference(parseImageReference(ok)), ok).toBe(true);
    for (const bad of [
      '',
      'scratch',
      '${IMG}',
      'Nginx',
      'nginx:',
      'nginx@sha256:short',
      'nginx@',
      '{{ .Values.image }}',
      'a b',
    ])
      expect(isValidImageReference(parseImageReference(bad)), bad).toBe(false);
  });
});
