import type { Finding, RunResult } from '@shipshape/core';

/** A token-shaped fake value, built at test time so no scanner mistakes the source for a leak. */
export const RAW_SECRET = ['ghp', '_', 'Fake0Test1Value2Not3Real4Token5Abcdef'].join('');
/** A second fake secret, on a line another (non-secret) rule also flags. */
export const RAW_SECRET_2 = ['sk', '-', 'fakefakefake', 'X9'.repeat(10)].join('');

export const DOCKERFILE = [
  'FROM node:latest',
  'WORKDIR /app',
  `ENV API_TOKEN=${RAW_SECRET_2}`,
  'COPY . .',
  'RUN npm ci',
  'USER root',
  'CMD ["node", "server.js"]',
].join('\n');

export const ENV_FILE = ['# local settings', 'DEBUG=1', `GITHUB_TOKEN=${RAW_SECRET}`, 'PORT=8080', ''].join('\n');

const TOKEN_COL = 'GITHUB_TOKEN='.length + 1;
const ENV_COL = 'ENV API_TOKEN='.length + 1;

export const FILES: Record<string, string> = {
  Dockerfile: DOCKERFILE,
  '.env': ENV_FILE,
  'src/weird <name> & "q".js': 'const a = 1;\nconst b = eval(input);\n',
};

function finding(
  partial: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'file' | 'range' | 'message'>,
): Finding {
  return {
    fingerprint: `fp-${partial.ruleId}-${partial.file}-${partial.range.startLine}`.replace(/[^\w-]/g, '_'),
    ...partial,
  };
}

/** Several files, all five severities, two secrets, notifications, rule metadata with aliases. */
export function sampleResult(): RunResult {
  const findings: Finding[] = [
    finding({
      ruleId: 'secrets/github-token',
      severity: 'critical',
      message: 'A GitHub personal access token is committed in GITHUB_TOKEN.',
      file: '.env',
      range: { startLine: 3, startColumn: TOKEN_COL, endLine: 3, endColumn: TOKEN_COL + RAW_SECRET.length },
      fix: 'Revoke the token and load it from the CI secret store.',
      secret: { redacted: 'ghp_******** (40 chars)', entropy: 4.2 },
    }),
    finding({
      ruleId: 'secrets/env-file-tracked',
      severity: 'high',
      message: 'The .env file is tracked by git.',
      file: '.env',
      range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      fileLevel: true,
    }),
    finding({
      ruleId: 'docker/image-tag-latest',
      severity: 'medium',
      message: 'Base image node uses the mutable tag `latest`.',
      file: 'Dockerfile',
      range: { startLine: 1, startColumn: 6, endLine: 1, endColumn: 17 },
      fix: 'Pin node to a version tag and digest.',
    }),
    finding({
      ruleId: 'docker/secret-in-env',
      severity: 'high',
      message: 'ENV API_TOKEN holds a secret that ships in the image.',
      file: 'Dockerfile',
      range: { startLine: 3, startColumn: ENV_COL, endLine: 3, endColumn: ENV_COL + RAW_SECRET_2.length },
      secret: { redacted: 'sk-f******** (34 chars)' },
    }),
    finding({
      ruleId: 'docker/env-instruction-with-value',
      severity: 'info',
      message: 'ENV sets API_TOKEN at build time.',
      file: 'Dockerfile',
      range: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 4 },
    }),
    finding({
      ruleId: 'docker/last-user-root',
      severity: 'high',
      message: 'The final stage runs as root (USER root).',
      file: 'Dockerfile',
      range: { startLine: 6, startColumn: 1, endLine: 6, endColumn: 10 },
      fix: 'Add `USER app` after creating an unprivileged user.',
      properties: { stage: 'final', stageIndex: 0 },
    }),
    finding({
      ruleId: 'js/eval',
      severity: 'low',
      message: 'Call to eval with <input> & "user" \'data\' | pipes * _under_ `tick`.',
      file: 'src/weird <name> & "q".js',
      range: { startLine: 2, startColumn: 11, endLine: 2, endColumn: 22 },
    }),
  ];
  return {
    tool: { name: 'shipshape', version: '0.1.0', informationUri: 'https://example.org/shipshape' },
    root: '/home/user/repo',
    // Deliberately unsorted: reporters must order them.
    findings: [findings[5]!, findings[0]!, findings[6]!, findings[2]!, findings[1]!, findings[3]!, findings[4]!],
    notifications: [
      { level: 'warning', code: 'file-too-large', message: 'Skipped: larger than 5 MB.', file: 'dist/bundle.js' },
      {
        level: 'info',
        code: 'parse-error',
        message: 'Could not parse: unexpected token at 3:1.',
        file: 'charts/x/values.yaml',
      },
      { level: 'error', code: 'unreadable', message: 'Permission denied.' },
    ],
    rules: {
      'docker/last-user-root': {
        id: 'docker/last-user-root',
        title: 'Final stage runs as root',
        severity: 'high',
        aliases: ['DL3002', 'DS002', 'CKV_DOCKER_8'],
        tags: ['cis-docker-4.1', 'cwe-250'],
        docs: '# docker/last-user-root\n\n## What it flags\n\nA final build stage whose last `USER` is root.\n\n## Why it matters\n\nRoot in the container eases escapes.\n',
      },
      'docker/image-tag-latest': {
        id: 'docker/image-tag-latest',
        title: 'Base image uses the latest tag',
        severity: 'medium',
        aliases: ['DL3007'],
        tags: ['supply-chain'],
      },
      'secrets/github-token': {
        id: 'secrets/github-token',
        title: 'GitHub token',
        severity: 'critical',
        aliases: ['github-pat'],
        tags: ['secret', 'cwe-798'],
      },
    },
    filesScanned: 12,
    suppressed: 2,
    baselined: 1,
    failOn: 'high',
  };
}

export function emptyResult(): RunResult {
  return { ...sampleResult(), findings: [], notifications: [], suppressed: 0, baselined: 0 };
}

export const readFile = (path: string): string | undefined => FILES[path];
