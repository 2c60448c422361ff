import type { AnalyzerContext, Notification, ScanFile } from '@shipshape/core';
import { describe, expect, it } from 'vitest';
import { dockerfileAnalyzer, dockerignoreExcludes } from '../index.js';

function ctx(files: Record<string, string>, config: AnalyzerContext['config'] = {}, profiles: string[] = []) {
  const notes: Notification[] = [];
  const scanFiles: ScanFile[] = Object.keys(files).map((path) => {
    const name = path.split('/').pop() ?? path;
    const kinds: ScanFile['kinds'] =
      /dockerfile/i.test(name) && !name.endsWith('.dockerignore')
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
    config,
    profiles,
    git: { isRepo: false },
    notify: (n) => notes.push(n),
    fingerprintKey: 'k',
  };
  return { context, notes };
}

describe('dockerignoreExcludes', () => {
  it('follows Docker matching with exceptions', () => {
    expect(dockerignoreExcludes('.git\n.env*\n', '.env')).toBe(true);
    expect(dockerignoreExcludes('**/.git\n', '.git')).toBe(true);
    expect(dockerignoreExcludes('*\n!src\n', '.env')).toBe(true);
    expect(dockerignoreExcludes('*\n!.env\n', '.env')).toBe(false);
    expect(dockerignoreExcludes('node_modules\n', '.git')).toBe(false);
  });
});

describe('dockerfileAnalyzer', () => {
  const dockerfile = 'FROM node:20-alpine\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n';

  it('uses the .dockerignore beside each Dockerfile for the COPY . rule', async () => {
    const { context } = ctx({
      'api/Dockerfile': dockerfile,
      'api/.dockerignore': '.git\n.env\n',
      'web/Dockerfile': dockerfile,
      'web/package.json': '{}',
      'worker/Dockerfile.prod': dockerfile,
      'worker/Dockerfile.prod.dockerignore': '.git\n',
    });
    const findings = await dockerfileAnalyzer.analyze(context);
    const copied = findings.filter((f) => f.ruleId === 'docker/build-context-copied').map((f) => f.file);
    expect(copied).toEqual(['web/Dockerfile', 'worker/Dockerfile.prod']);
  });

  it('reads its config section: trusted registries, strict, target', async () => {
    const text = 'FROM node:20-alpine AS dev\nUSER 1000\nFROM quay.io/x/app:1 AS production\nUSER 1000\n';
    const { context } = ctx(
      { Dockerfile: text },
      { dockerfile: { trustedRegistries: ['docker.io'], strict: true, target: 'dev' } },
    );
    const ids = (await dockerfileAnalyzer.analyze(context)).map((f) => `${f.ruleId}:${f.range.startLine}`);
    expect(ids).toContain('docker/untrusted-registry:3');
    expect(ids).toContain('docker/image-not-digest-pinned:1');
    expect(ids).not.toContain('docker/untrusted-registry:1');
  });

  it('turns a parse failure into a finding and a notification, and goes on', async () => {
    const { context, notes } = ctx({
      'a/Dockerfile': 'FROM alpine:3.20\nRUNN echo\n',
      'b/Dockerfile': 'FROM ubuntu\n',
    });
    const findings = await dockerfileAnalyzer.analyze(context);
    expect(findings.map((f) => `${f.file}:${f.ruleId}`)).toContain('a/Dockerfile:docker/parse-error');
    expect(findings.map((f) => `${f.file}:${f.ruleId}`)).toContain('b/Dockerfile:docker/untagged-image');
    expect(notes.map((n) => n.code)).toEqual(['parse-error']);
  });

  it('honours rule settings by alias', async () => {
    const { context } = ctx({ Dockerfile: 'FROM ubuntu\n' }, { rules: { DL3006: 'off' } });
    const ids = (await dockerfileAnalyzer.analyze(context)).map((f) => f.ruleId);
    expect(ids).not.toContain('docker/untagged-image');
  });
});

describe('dockerfileAnalyzer size limits', () => {
  it('notifies for a RUN it did not examine', async () => {
    const { context, notes } = ctx({ Dockerfile: `FROM alpine:3.20\nRUN echo ${'$'.repeat(100_000)}\n` });
    await dockerfileAnalyzer.analyze(context);
    expect(notes).toEqual([
      expect.objectContaining({
        level: 'warning',
        code: 'not-examined',
        file: 'Dockerfile',
        message: expect.stringMatching(/^Dockerfile:2: /),
      }),
    ]);
  });
});

describe('dockerfileAnalyzer templates', () => {
  it('skips Dockerfile templates with a note instead of reporting their template syntax', async () => {
    const { context, notes } = ctx({
      'Dockerfile-linux.template': 'FROM {{ env.variant }}\n{{ if env.x then ( -}}\nRUN echo\n{{ ) end }}\n',
    });
    expect(await dockerfileAnalyzer.analyze(context)).toEqual([]);
    expect(notes.map((n) => n.code)).toEqual(['template-skipped']);
  });
});

describe('dev environments', () => {
  it('keeps .devcontainer runtime findings at info, supply-chain findings as they are', async () => {
    const text =
      'FROM mcr.microsoft.com/devcontainers/base:1.2.3-bookworm\nUSER root\nRUN curl -fsSL https://get.example.com/install.sh | bash\n';
    const { context } = ctx({ '.devcontainer/Dockerfile': text });
    const found = (await dockerfileAnalyzer.analyze(context)).map((f) => `${f.ruleId}:${f.severity}`);
    expect(found).toContain('docker/last-user-root:info');
    expect(found).toContain('docker/download-piped-to-shell:high');
  });
});
