import { describe, expect, it } from 'vitest';
import { fixDockerfile, lintDockerfile, unifiedDiff } from '../index.js';

describe('fixDockerfile', () => {
  const before = [
    'FROM python:3.12-slim AS app',
    'RUN apt-get update \\',
    '    && apt-get install -y curl=7.88.1-10+deb12u5 \\',
    '    && rm -rf /var/lib/apt/lists/*',
    'RUN pip install flask==3.0.3 && python -m pip install gunicorn==22.0.0',
    'ADD app.py /app/',
    'ADD rootfs.tar.gz /',
    'FROM alpine:3.20',
    'RUN apk add curl=8.9.1-r0',
    '',
  ].join('\n');

  it('applies the mechanical fixes and nothing else', () => {
    const { text, applied } = fixDockerfile({ path: 'Dockerfile', text: before });
    expect(text).toContain('apt-get install --no-install-recommends -y curl');
    expect(text).toContain('pip install --no-cache-dir flask==3.0.3 && python -m pip install --no-cache-dir gunicorn');
    expect(text).toContain('COPY app.py /app/');
    expect(text).toContain('ADD rootfs.tar.gz /');
    expect(text).toContain('apk add --no-cache curl');
    expect(applied.map((a) => `${a.ruleId}@${a.line}`)).toEqual([
      'docker/missing-no-install-recommends@3',
      'docker/package-cache-kept@5',
      'docker/package-cache-kept@5',
      'docker/add-instead-of-copy@6',
      'docker/package-cache-kept@9',
    ]);
    const after = lintDockerfile({ path: 'Dockerfile', text }).map((f) => f.ruleId);
    expect(after).not.toContain('docker/missing-no-install-recommends');
    expect(after).not.toContain('docker/add-instead-of-copy');
    expect(after).not.toContain('docker/package-cache-kept');
    // idempotent
    expect(fixDockerfile({ path: 'Dockerfile', text }).text).toBe(text);
  });

  it('leaves exec-form and quoted commands alone', () => {
    const text =
      'FROM debian:12-slim AS app\nRUN ["apt-get", "install", "-y", "curl=7.88.1"]\nRUN "pip" "install" flask==3.0.3\n';
    expect(fixDockerfile({ path: 'Dockerfile', text }).text).toBe(text);
  });

  it('prints a unified diff', () => {
    const { text } = fixDockerfile({ path: 'Dockerfile', text: before });
    const diff = unifiedDiff('Dockerfile', before, text);
    expect(diff.startsWith('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -')).toBe(true);
    expect(diff).toContain('\n-ADD app.py /app/\n');
    expect(diff).toContain('\n+COPY app.py /app/\n');
    expect(diff).toContain('\n ADD rootfs.tar.gz /\n');
    expect(unifiedDiff('Dockerfile', before, before)).toBe('');
  });
});

describe('stage pragmas', () => {
  it('silences rules by id or alias for one stage only', async () => {
    const { lintDockerfile: lint } = await import('../index.js');
    const text = [
      '# hadolint stage ignore=DL3008',
      'FROM debian:12-slim AS tools',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      'RUN pip install --no-cache-dir flask',
      'FROM debian:12-slim',
      '# shipshape-ignore-stage docker/missing-healthcheck -- a batch job',
      'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
      'USER 1000',
      'CMD ["/job"]',
      '',
    ].join('\n');
    const ids = lint({ path: 'Dockerfile', text }).map((f) => `${f.ruleId}@${f.range.startLine}`);
    expect(ids).not.toContain('docker/unpinned-package@3');
    expect(ids).toContain('docker/unpinned-package@4'); // pip is DL3013, not silenced by DL3008
    expect(ids).toContain('docker/unpinned-package@7');
    expect(ids).not.toContain('docker/missing-healthcheck@5');
  });
});
