import { describe, expect, it } from 'vitest';
import { classifyImage } from '../data/images.js';
import { parseImageReference } from '../model/image-ref.js';
import { buildModel } from '../model/model.js';
import { trivy } from '../model/peers.js';

const settings = { strict: false, trustedRegistries: [], minimalImages: [], nonRootImages: [] };

describe('parseImageReference', () => {
  it('handles registry with port, tag, digest and scratch', () => {
    const r = parseImageReference('reg.example.com:5000/team/app:1.2@sha256:abc');
    expect(r).toMatchObject({
      registry: 'reg.example.com:5000',
      repository: 'team/app',
      name: 'app',
      tag: '1.2',
      digest: 'sha256:abc',
      normalizedRegistry: 'reg.example.com:5000',
    });
    expect(parseImageReference('localhost:5000/app')).toMatchObject({ registry: 'localhost:5000', repository: 'app' });
    expect(parseImageReference('localhost:5000/app').tag).toBeUndefined();
    expect(parseImageReference('node:20-alpine')).toMatchObject({
      normalizedRegistry: 'docker.io',
      repository: 'node',
      tag: '20-alpine',
    });
    expect(parseImageReference('scratch').scratch).toBe(true);
    expect(parseImageReference('${REGISTRY}/app:${TAG}')).toMatchObject({
      unresolved: true,
      variables: ['REGISTRY', 'TAG'],
    });
  });
});

describe('classifyImage', () => {
  const c = (ref: string, opts = {}) => classifyImage(parseImageReference(ref), opts);
  it('knows minimal, full, sdk and non-root images', () => {
    expect(c('alpine:3.20').class).toBe('minimal');
    expect(c('python:3.12-slim').class).toBe('minimal');
    expect(c('gcr.io/distroless/static-debian12:nonroot')).toMatchObject({ class: 'minimal', nonRoot: true });
    expect(c('cgr.dev/chainguard/python:latest').nonRoot).toBe(true);
    expect(c('python:3.12').class).toBe('full');
    expect(c('ubuntu:24.04').class).toBe('full');
    expect(c('golang:1.22').class).toBe('sdk');
    expect(c('eclipse-temurin:21-jdk').class).toBe('sdk');
    expect(c('eclipse-temurin:21-jre-alpine').class).toBe('minimal');
    expect(c('nvidia/cuda:12.4.1-devel-ubuntu22.04').class).toBe('sdk');
    expect(c('nvidia/cuda:12.4.1-runtime-ubuntu22.04').class).not.toBe('sdk');
    expect(c('registry.example.com/base/app:1', { minimalImages: ['registry.example.com/base/*'] }).class).toBe(
      'minimal',
    );
    expect(c('registry.example.com/base/app:1', { nonRootImages: ['registry.example.com/base'] }).nonRoot).toBe(true);
  });
});

describe('trivy aliases', () => {
  it('expands one number into three spellings', () => {
    expect(trivy(2)).toEqual(['DS002', 'DS-0002', 'AVD-DS-0002']);
  });
});

describe('buildModel', () => {
  it('maps commands of multi-line RUNs, heredocs and exec form back to file positions', () => {
    const text = [
      'FROM debian:12-slim AS build',
      'RUN apt-get update \\',
      '    # comment line dropped by Docker',
      '    && apt-get install -y curl # trailing comment \\',
      '    && rm -rf /var/lib/apt/lists/*',
      'RUN <<EOF',
      'set -e',
      '  pip install flask',
      'EOF',
      'RUN ["apt-get", "install", "-y", "git"]',
      'RUN ["/bin/sh", "-c", "echo hi | cat"]',
      '',
    ].join('\n');
    const m = buildModel('Dockerfile', text, settings);
    const [r1, r2, r3, r4] = m.runs;
    const pos = (o: number) => m.lines.position(o);
    expect(r1?.commands.map((c) => c.name)).toEqual(['apt-get', 'apt-get']);
    expect(pos(r1?.commands[1]?.start ?? 0)).toEqual({ line: 4, column: 8 });
    // the rm after the mid-line comment is swallowed by the comment, as in Docker
    expect(r1?.commands.some((c) => c.name === 'rm')).toBe(false);
    expect(r2?.commands.map((c) => c.name)).toEqual(['set', 'pip']);
    expect(pos(r2?.commands[1]?.start ?? 0)).toEqual({ line: 8, column: 3 });
    expect(r3?.execForm).toBe(true);
    expect(r3?.commands[0]?.args.map((a) => a.value)).toEqual(['install', '-y', 'git']);
    expect(r4?.commands.map((c) => c.name)).toEqual(['echo', 'cat']);
  });

  it('resolves global ARGs into FROM and finds the shipped stages', () => {
    const text = [
      'ARG BASE=node:20-alpine',
      'FROM ${BASE} AS deps',
      'FROM deps AS build',
      'FROM nginx:1.27-alpine AS production',
      'COPY --from=build /app /usr/share/nginx/html',
      'FROM build AS test',
      'FROM build AS dev',
      '',
    ].join('\n');
    const m = buildModel('Dockerfile', text, settings);
    expect(m.stages[0]?.image.raw).toBe('node:20-alpine');
    expect(m.stages[1]?.parent).toBe(m.stages[0]);
    // the last stage ships unless the repository names other targets
    expect(m.targetStages().map((s) => s.name)).toEqual(['dev']);
    expect(m.shippedStages().map((s) => s.name)).toEqual(['deps', 'build', 'dev']);
    const both = buildModel('Dockerfile', text, { ...settings, targets: ['production'], defaultTarget: true });
    expect(both.targetStages().map((s) => s.name)).toEqual(['production', 'dev']);
    expect(m.stages.find((s) => s.name === 'test')?.ships).toBe(false);
    const narrowed = buildModel('Dockerfile', text, { ...settings, target: 'production' });
    expect(narrowed.shippedStages().map((s) => s.name)).toEqual(['production']);
  });

  it('survives binary and garbage input', () => {
    expect(buildModel('x', '\u0000\u0001ELF', settings).problems).toHaveLength(1);
    expect(() => buildModel('x', 'FROM a\nRUN echo "unterminated\n', settings)).not.toThrow();
    expect(() => buildModel('x', `FROM a\nRUN ${'x'.repeat(200_000)}\n`, settings)).not.toThrow();
    expect(() => buildModel('x', 'FROM a\nRUN echo héllo wörld 🚀 | cat\n', settings)).not.toThrow();
  });
});
