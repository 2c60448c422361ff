import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli } from './helpers.js';

interface JsonFinding {
  ruleId: string;
  file: string;
  message: string;
  range: { startLine: number };
}

function findings(stdout: string, ruleId: string): JsonFinding[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.ruleId === ruleId);
}

const DOCKERFILE = [
  'FROM node:20.15-alpine AS dev',
  'COPY . .',
  'FROM node:20.15-alpine AS production',
  'WORKDIR /app',
  'COPY . .',
  'USER node',
  'CMD ["node", "server.js"]',
  'FROM production AS debug',
  'USER root',
  '',
].join('\n');

describe('one Dockerfile, one answer under scan and dockerfile', () => {
  const repo = makeRepo({
    'docker-compose.yml': 'services:\n  app:\n    build:\n      context: ./app\n      target: production\n',
    'app/Dockerfile': DOCKERFILE,
    'app/.dockerignore': '.git\nnode_modules\n',
  });

  it('both commands ship the compose target and judge its COPY . against the compose context', () => {
    const scan = runCli(['scan', repo, '--only', 'dockerfile', '--format', 'json', '--fail-on', 'none']);
    const lint = runCli(['dockerfile', 'app/Dockerfile', '--format', 'json', '--fail-on', 'none'], { cwd: repo });
    for (const out of [scan.stdout, lint.stdout]) {
      const copied = findings(out, 'docker/build-context-copied');
      expect(copied.map((f) => f.range.startLine)).toEqual([5]);
      expect(copied[0]?.message).toContain('app/.dockerignore does not exclude .env');
      expect(findings(out, 'docker/last-user-root')).toEqual([]);
    }
  });

  it('--context DIR names the context for a Dockerfile outside it', () => {
    const other = makeRepo({
      'docker/api.Dockerfile': 'FROM python:3.12.4-slim\nCOPY . /srv\nUSER 10001\nCMD ["python", "-m", "api"]\n',
      'services/api/.dockerignore': '**/.git\n.env*\n',
    });
    const without = runCli(['dockerfile', 'docker/api.Dockerfile', '--format', 'json', '--fail-on', 'none'], {
      cwd: other,
    });
    expect(findings(without.stdout, 'docker/build-context-copied')[0]?.message).toContain('has no .dockerignore');
    const withContext = runCli(
      [
        'dockerfile',
        join('docker', 'api.Dockerfile'),
        '--context',
        'services/api',
        '--format',
        'json',
        '--fail-on',
        'none',
      ],
      { cwd: other },
    );
    expect(findings(withContext.stdout, 'docker/build-context-copied')).toEqual([]);
    expect(runCli(['dockerfile', 'docker/api.Dockerfile', '--context', 'nowhere'], { cwd: other }).code).toBe(2);
  });
});
