import type { AnalyzerContext, Notification, ScanFile } from '@shipshape/core';
import { describe, expect, it } from 'vitest';
import { dockerfileAnalyzer, findBuildReferences, resolveBuild } from '../index.js';

function refs(files: Record<string, string>) {
  return findBuildReferences(Object.entries(files).map(([path, text]) => ({ path, text })));
}

describe('findBuildReferences', () => {
  it('reads compose build strings and objects relative to the compose file', () => {
    const found = refs({
      'deploy/docker-compose.yml': [
        'services:',
        '  api:',
        '    build:',
        '      context: ../backend',
        '      dockerfile: docker/Dockerfile.prod',
        '      target: runtime',
        '  web:',
        '    build: ../frontend',
        '  worker:',
        '    build:',
        '      context: ${WORKER_DIR:-../worker}',
        '  db:',
        '    image: postgres:16.3',
        '',
      ].join('\n'),
    });
    expect(found.map((r) => [r.dockerfile, r.context, r.target])).toEqual([
      ['backend/docker/Dockerfile.prod', 'backend', 'runtime'],
      ['frontend/Dockerfile', 'frontend', undefined],
      ['worker/Dockerfile', 'worker', undefined],
    ]);
  });

  it('reads docker-bake.hcl targets with inherits, and bake JSON', () => {
    const hcl = [
      'group "default" { targets = ["app", "app-debug"] }',
      '# a comment with target "x" {',
      'target "_common" {',
      '  context = "./services/app"',
      '  dockerfile = "Dockerfile"',
      '}',
      'target "app" {',
      '  inherits = ["_common"]',
      '  target = "release"',
      '  platforms = ["linux/amd64", "linux/arm64"]',
      '}',
      'target "lint" {',
      '  inherits = ["_common"]',
      '  target = "lint"',
      '  output = ["type=cacheonly"]',
      '}',
      'target "binaries" {',
      '  inherits = ["_common"]',
      '  target = "binaries"',
      '  output = ["./bin"]',
      '}',
      '',
    ].join('\n');
    const found = refs({ 'docker-bake.hcl': hcl });
    expect(found.filter((r) => r.target).map((r) => [r.dockerfile, r.target])).toEqual([
      ['services/app/Dockerfile', 'release'],
    ]);
    const json = refs({
      'docker-bake.json': JSON.stringify({ target: { tool: { context: 'tool', target: 'bin' } } }),
    });
    expect(json.map((r) => [r.dockerfile, r.target])).toEqual([['tool/Dockerfile', 'bin']]);
  });

  it('reads build-push-action steps and docker build lines in workflows, Makefiles and scripts', () => {
    const found = refs({
      '.github/workflows/release.yml': [
        'jobs:',
        '  image:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          context: ./server',
        '          file: ./server/Dockerfile',
        '          target: production',
        '      - run: docker buildx build --platform linux/amd64 -t cli:dev --target cli -f tools/Dockerfile tools',
        '',
      ].join('\n'),
      Makefile: 'image:\n\tdocker build \\\n\t  --target=prod -t $(IMAGE) -f docker/Dockerfile .\n',
      'scripts/build.sh': '#!/bin/sh\ndocker build --target "$STAGE" .\ndocker build -t x --target slim ./edge\n',
    });
    expect(found.map((r) => [r.source, r.dockerfile, r.context, r.target])).toEqual([
      ['.github/workflows/release.yml', 'server/Dockerfile', 'server', 'production'],
      ['.github/workflows/release.yml', 'tools/Dockerfile', 'tools', 'cli'],
      ['Makefile', 'docker/Dockerfile', '', 'prod'],
      ['scripts/build.sh', 'scripts/edge/Dockerfile', 'scripts/edge', 'slim'],
      ['scripts/build.sh', 'edge/Dockerfile', 'edge', 'slim'],
    ]);
  });

  it('marks Docker Dev Environments and devcontainer compose files as dev environments', () => {
    const found = refs({
      '.docker/docker-compose.yaml': 'services:\n  dev:\n    build:\n      context: ..\n      target: dev-envs\n',
    });
    expect(found).toEqual([
      expect.objectContaining({ dockerfile: 'Dockerfile', target: 'dev-envs', devEnvironment: true }),
    ]);
    expect(resolveBuild('Dockerfile', found)).toEqual({
      targets: [],
      defaultTarget: true,
      contexts: [''],
      sources: [],
    });
  });
});

function ctx(files: Record<string, string>) {
  const notes: Notification[] = [];
  const scanFiles: ScanFile[] = Object.keys(files).map((path) => {
    const name = path.split('/').pop() ?? path;
    const kinds: ScanFile['kinds'] = /^dockerfile/i.test(name)
      ? ['dockerfile']
      : name.endsWith('.dockerignore')
        ? ['dockerignore']
        : ['text'];
    return { path, absPath: `/repo/${path}`, size: files[path]?.length ?? 0, kinds };
  });
  const context: AnalyzerContext = {
    root: '/repo',
    files: scanFiles,
    readText: async (f) => files[f.path] ?? '',
    config: {},
    profiles: [],
    git: { isRepo: false },
    notify: (n) => notes.push(n),
    fingerprintKey: 'k',
  };
  return { context, notes };
}

const WATCHED = ['docker/build-context-copied', 'docker/last-user-root', 'docker/missing-user'];

describe('dockerfileAnalyzer with the repository build definitions', () => {
  const multi = [
    'FROM node:20.15-alpine AS dev',
    'WORKDIR /app',
    'COPY . .',
    'CMD ["npm", "run", "dev"]',
    'FROM node:20.15-alpine AS production',
    'WORKDIR /app',
    'COPY . .',
    'USER node',
    'CMD ["node", "server.js"]',
    'FROM production AS debug',
    'USER root',
    '',
  ].join('\n');

  it('ships the compose target, not the last stage, and uses the compose context for .dockerignore', async () => {
    const { context } = ctx({
      'docker-compose.yml': 'services:\n  app:\n    build:\n      context: ./app\n      target: production\n',
      'app/Dockerfile': multi,
      'app/.dockerignore': '.git\nnode_modules\n',
      '.dockerignore': '.git\n.env\n',
    });
    const findings = (await dockerfileAnalyzer.analyze(context)).filter((f) => WATCHED.includes(f.ruleId));
    // production ships: its COPY . is judged against app/.dockerignore; dev and debug do not ship
    expect(findings.map((f) => `${f.ruleId}@${f.range.startLine}`)).toEqual(['docker/build-context-copied@7']);
    expect(findings[0]?.message).toContain('app/.dockerignore does not exclude .env');
    expect(findings[0]?.message).not.toContain('.git');
  });

  it('with no build definition the last stage ships, from the Dockerfile folder', async () => {
    const { context } = ctx({ 'app/Dockerfile': multi, 'README.md': '# app\n' });
    const ids = (await dockerfileAnalyzer.analyze(context))
      .filter((f) => WATCHED.includes(f.ruleId))
      .map((f) => `${f.ruleId}@${f.range.startLine}`);
    expect(ids).toEqual(['docker/build-context-copied@7', 'docker/last-user-root@11']);
    const all = await dockerfileAnalyzer.analyze(context);
    expect(all.find((f) => f.ruleId === 'docker/build-context-copied')?.message).toContain(
      '(app/) into a shipped stage, and that context has no .dockerignore',
    );
  });
});
