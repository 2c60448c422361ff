import { describe, expect, it } from 'vitest';
import { lintDockerfile } from './index.js';

const lint = (text: string) => lintDockerfile({ path: 'Dockerfile', text });

describe('per-finding peer aliases of grouped rules', () => {
  it('each finding carries only the peer ids it stands for', () => {
    const findings = lint(
      [
        'FROM alpine:3.20',
        'RUN apk add curl && pip install flask',
        'RUN apt-get update && apt-get install curl',
        '',
      ].join('\n'),
    );
    const at = (ruleId: string, line: number) =>
      findings.filter((f) => f.ruleId === ruleId && f.range.startLine === line).map((f) => f.aliases);
    expect(at('docker/unpinned-package', 2)).toEqual([['DL3018'], ['DL3013']]);
    expect(at('docker/package-cache-kept', 2)).toEqual([['DL3019', 'DS025', 'DS-0025', 'AVD-DS-0025'], ['DL3042']]);
    expect(at('docker/package-cache-kept', 3)).toEqual([['DL3009']]);
    expect(at('docker/interactive-package-install', 3)).toEqual([['DL3014', 'DS021', 'DS-0021', 'AVD-DS-0021']]);
    // Rules that are not grouped keep the rule's aliases (none on the finding itself).
    expect(findings.find((f) => f.ruleId === 'docker/missing-no-install-recommends')?.aliases).toBeUndefined();
  });

  it('a Windows ContainerAdministrator finding claims no peer id (the peers only check root)', () => {
    const findings = lint(
      ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'USER ContainerAdministrator', 'USER root', ''].join('\n'),
    );
    expect(findings.filter((f) => f.ruleId === 'docker/last-user-root').map((f) => f.aliases)).toEqual([undefined]);
    const admin = lint(
      ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'USER ContainerAdministrator', ''].join('\n'),
    );
    expect(admin.filter((f) => f.ruleId === 'docker/last-user-root').map((f) => f.aliases)).toEqual([[]]);
  });
});
