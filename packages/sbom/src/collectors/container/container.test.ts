// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile and compose variables are the input
import { describe, expect, it } from 'vitest';
import {
  collectContainerProject,
  composeImages,
  dockerfileImages,
  helmValuesImages,
  imagePurl,
  parseImageRef,
  readDockerfileStages,
} from './index.js';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('parseImageRef', () => {
  it('splits registry, repository, tag and digest', () => {
    expect(parseImageRef('nginx')).toEqual({ raw: 'nginx', registry: 'docker.io', repository: 'library/nginx' });
    expect(parseImageRef('bitnami/redis:7.2')).toMatchObject({
      registry: 'docker.io',
      repository: 'bitnami/redis',
      tag: '7.2',
    });
    expect(parseImageRef(`ghcr.io/org/app:1.0@${DIGEST}`)).toMatchObject({
      registry: 'ghcr.io',
      repository: 'org/app',
      tag: '1.0',
      digest: DIGEST,
    });
    expect(parseImageRef('localhost:5000/app')).toMatchObject({ registry: 'localhost:5000', repository: 'app' });
    expect(parseImageRef('registry.example.com:5000/team/app:v2')).toMatchObject({
      registry: 'registry.example.com:5000',
      repository: 'team/app',
      tag: 'v2',
    });
  });
  it('rejects templates, variables and invalid text', () => {
    for (const bad of ['${IMAGE}', '{{ .Values.image }}', 'Nginx:UPPER/x', 'a b', '', 'nginx@sha256:short'])
      expect(parseImageRef(bad)).toBeUndefined();
  });
  it('builds pkg:oci for digests and pkg:docker for tags', () => {
    expect(imagePurl(parseImageRef(`python:3.12-slim@${DIGEST}`)!)).toBe(
      `pkg:oci/python@sha256:${'a1'.repeat(32)}?repository_url=docker.io%2Flibrary%2Fpython&tag=3.12-slim`,
    );
    expect(imagePurl(parseImageRef('node:20-alpine')!)).toBe('pkg:docker/library/node@20-alpine');
    expect(imagePurl(parseImageRef('ghcr.io/org/app')!)).toBe('pkg:docker/org/app@latest?repository_url=ghcr.io');
  });
});

describe('readDockerfileStages', () => {
  it('resolves global ARG defaults, skips stage aliases and scratch, keeps digests', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'ARG NODE_VERSION=20',
      'ARG BASE="alpine"',
      'ARG UNSET',
      `FROM --platform=$BUILDPLATFORM node:\${NODE_VERSION}-\${BASE} AS build`,
      'RUN npm ci',
      'FROM build AS test',
      `FROM gcr.io/distroless/nodejs20-debian12@${DIGEST}`,
      'COPY --from=build /app /app',
      'FROM scratch',
      'FROM ${UNSET:-busybox}:1.36',
      'FROM $UNSET',
    ].join('\n');
    const { images, internal } = readDockerfileStages(text);
    expect(images.map((i) => [i.image, i.line, i.stage])).toEqual([
      ['node:20-alpine', 5, 0],
      [`gcr.io/distroless/nodejs20-debian12@${DIGEST}`, 8, 2],
      ['busybox:1.36', 11, 4],
      ['', 12, 5],
    ]);
    expect(images[0]?.stageName).toBe('build');
    expect(images[0]?.platform).toBe('$BUILDPLATFORM');
    expect(images[3]?.unresolved).toEqual(['UNSET']);
    expect(internal.map((i) => i.from)).toEqual(['build', 'scratch']);
  });
  it('joins continuation lines and honours the escape directive', () => {
    const text = '# escape=`\nFROM `\n  mcr.microsoft.com/windows/servercore:ltsc2022 `\n  AS base\n';
    const { images } = readDockerfileStages(text);
    expect(images.map((i) => [i.image, i.line, i.stageName])).toEqual([
      ['mcr.microsoft.com/windows/servercore:ltsc2022', 2, 'base'],
    ]);
  });
  it('gives the column of the image text', () => {
    const [img] = dockerfileImages('Dockerfile', 'FROM   python:3.12');
    expect(img).toMatchObject({ line: 1, column: 8, endColumn: 19 });
  });
});

describe('compose and Helm values images', () => {
  it('reads compose services with interpolation defaults', () => {
    const text = `services:\n  web:\n    image: nginx:1.25\n  api:\n    build: .\n  db:\n    image: "postgres:\${PG:-16}@${DIGEST}"\n  worker:\n    image: \${WORKER_IMAGE}\n`;
    const images = composeImages('docker-compose.yml', text);
    expect(images.map((i) => [i.context, i.line, i.ref?.tag, i.ref?.digest])).toEqual([
      ['web', 3, '1.25', undefined],
      ['db', 7, '16', DIGEST],
      ['worker', 9, undefined, undefined],
    ]);
  });
  it('reads image blocks and strings, global registry and appVersion default tags', () => {
    const text = [
      'global:',
      '  imageRegistry: ""',
      'image:',
      '  registry: docker.io',
      '  repository: bitnami/postgresql',
      '  tag: 16.2.0',
      `  digest: "${DIGEST}"`,
      'metrics:',
      '  image:',
      '    repository: prom/exporter',
      '    tag: ""',
      'sidecar:',
      '  image: "busybox:1.36"',
      'name: {{ .Release.Name }}',
      'other:',
      '  image: nginx',
    ].join('\n');
    const images = helmValuesImages('chart/values.yaml', text, '2.0.0');
    expect(images.map((i) => [i.context, i.line, i.ref?.repository, i.ref?.tag, i.ref?.digest])).toEqual([
      ['image', 5, 'bitnami/postgresql', '16.2.0', DIGEST],
      ['metrics.image', 10, 'prom/exporter', '2.0.0', undefined],
      ['sidecar.image', 13, 'library/busybox', '1.36', undefined],
    ]);
  });
});

describe('collectContainerProject', () => {
  it('dedupes images across files and notes unresolved ones', () => {
    const project = collectContainerProject({
      dir: 'svc',
      files: [
        { path: 'svc/Dockerfile', text: 'FROM node:20\nFROM node:20 AS again\nFROM $X\n' },
        { path: 'svc/compose.yaml', text: 'services:\n  a:\n    image: node:20\n  b:\n    image: redis:7\n' },
      ],
    });
    expect(project.packages.map((p) => [p.name, p.version, p.ecosystem, p.sourceFile])).toEqual([
      ['node', '20', 'docker', 'svc/Dockerfile'],
      ['redis', '7', 'docker', 'svc/compose.yaml'],
    ]);
    expect(project.direct).toHaveLength(2);
    expect(project.notifications?.map((n) => n.code)).toEqual(['image-unresolved']);
  });
  it('turns malformed compose YAML into a notification', () => {
    const project = collectContainerProject({ dir: '', files: [{ path: 'compose.yml', text: 'services: [\n' }] });
    expect(project.packages).toEqual([]);
    expect(project.notifications?.[0]?.code).toBe('parse-error');
  });
});
