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

  it('go installs carry DL3062, microdnf caches DS027, and only instruction-order parse errors DL3061', () => {
    const go = lint(['FROM golang:1.22 AS build', 'RUN go install golang.org/x/tools/gopls@latest', ''].join('\n'));
    expect(go.filter((f) => f.ruleId === 'docker/unpinned-package').map((f) => f.aliases)).toEqual([['DL3062']]);
    const ubi = lint(
      [
        'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4',
        'RUN microdnf install -y tar-1.34',
        'RUN dnf install -y git-2.43.5',
        '',
      ].join('\n'),
    );
    expect(ubi.filter((f) => f.ruleId === 'docker/package-cache-kept').map((f) => f.aliases)).toEqual([
      ['DL3040', 'DS019', 'DS-0019', 'AVD-DS-0019', 'DS027', 'DS-0027', 'AVD-DS-0027'],
      ['DL3040', 'DS019', 'DS-0019', 'AVD-DS-0019'],
    ]);
    const order = lint(['LABEL a=b', 'FROM alpine:3.20', 'FRM x', ''].join('\n'));
    expect(order.filter((f) => f.ruleId === 'docker/parse-error').map((f) => [f.range.startLine, f.aliases])).toEqual([
      [1, ['DL3061']],
      [3, []],
    ]);
    const index = lint(['FROM alpine:3.20', 'COPY --from=3 /a /a', 'COPY --from=nope /b /b', ''].join('\n'));
    expect(index.filter((f) => f.ruleId === 'docker/copy-from-unknown-stage').map((f) => f.aliases)).toEqual([
      ['DL3022'],
      undefined,
    ]);
  });

  it('findings point at the offending command inside a multi-line RUN, once per command and line', () => {
    const findings = lint(
      [
        'FROM debian:12.6-slim',
        'RUN apt-get update \\',
        ' && apt-get install -y curl \\',
        ' && curl -fsSL https://example.com/a | tar -x \\',
        ' && curl -fsSL https://example.com/b | tar -x \\',
        ' && apt-get install -y jq',
        'LABEL Version="1" Other="2"',
        '',
      ].join('\n'),
    );
    const of = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId);
    // Each install command and each pipe is reported where it is, not on the RUN's first line.
    expect(of('docker/missing-no-install-recommends').map((f) => [f.range.startLine, f.range.startColumn])).toEqual([
      [3, 5],
      [6, 5],
    ]);
    expect(of('docker/unpinned-package').map((f) => [f.range.startLine, f.properties?.packages])).toEqual([
      [3, 'curl'],
      [6, 'jq'],
    ]);
    // The pipefail rule reports a RUN once, at its first pipe.
    expect(of('docker/pipe-without-pipefail').map((f) => f.range.startLine)).toEqual([4]);
    // Two findings of one rule and peer id on the same line fold into one.
    expect(of('docker/invalid-label-key').length).toBe(1);
  });

  it('apt/aptitude and yarn global findings claim no hadolint/Trivy id (the peers read apt-get only)', () => {
    const findings = lint(
      [
        'FROM ubuntu:24.04',
        'RUN apt update && apt install -y curl',
        'RUN yarn global add pnpm',
        'RUN apt-get update && apt-get install -y curl',
        '',
      ].join('\n'),
    );
    const aliasesAt = (line: number) =>
      findings
        .filter((f) => f.range.startLine === line && f.ruleId !== 'docker/apt-instead-of-apt-get')
        .map((f) => [f.ruleId, f.aliases]);
    expect(aliasesAt(2)).toEqual(
      expect.arrayContaining([
        ['docker/unpinned-package', []],
        ['docker/missing-no-install-recommends', []],
        ['docker/package-cache-kept', []],
      ]),
    );
    expect(aliasesAt(3)).toContainEqual(['docker/unpinned-package', []]);
    expect(aliasesAt(4)).toEqual(
      expect.arrayContaining([
        ['docker/unpinned-package', ['DL3008']],
        ['docker/missing-no-install-recommends', undefined],
        ['docker/package-cache-kept', ['DL3009']],
      ]),
    );
  });

  it('sudo findings claim DS010 only when an &&-part starts with sudo, and CKV2_DOCKER_1 on " sudo "', () => {
    const findings = lint(
      [
        'FROM fedora:40',
        'RUN true || sudo dnf install -y --nodocs git-2.45.0 && dnf clean all',
        'RUN ["sudo", "make", "install"]',
        'RUN make && sudo make install',
        'RUN echo x|sudo tee /etc/x',
        '',
      ].join('\n'),
    );
    const sudo = findings.filter((f) => f.ruleId === 'docker/sudo-usage').map((f) => [f.range.startLine, f.aliases]);
    expect(sudo).toEqual([
      [2, ['DL3004', 'CKV2_DOCKER_1']],
      [3, ['DL3004']],
      [4, ['DL3004', 'DS010', 'DS-0010', 'AVD-DS-0010', 'CKV2_DOCKER_1']],
      [5, ['DL3004']],
    ]);
  });

  it('DS014 sits on each wget RUN once the file uses curl; DS013 needs an &&-part starting with cd', () => {
    const findings = lint(
      [
        'FROM alpine:3.20',
        'RUN wget -q https://example.com/a.tgz',
        'RUN curl -fsSLO https://example.com/b.tgz',
        'RUN make -C src || (cd src && make)',
        'RUN cd /src && make',
        '',
      ].join('\n'),
    );
    const of = (id: string) =>
      findings
        .filter((f) => f.ruleId === id)
        .map((f) => [f.range.startLine, f.aliases?.filter((a) => !a.includes('-'))]);
    expect(of('docker/wget-and-curl-both-used')).toEqual([
      [2, ['DS014']],
      [3, ['DL4001']],
    ]);
    expect(of('docker/cd-in-run')).toEqual([
      [4, ['DL3003']],
      [5, ['DL3003', 'DS013']],
    ]);
  });

  it('Checkov ids that stop at the first match sit on that instruction only; CKV_DOCKER_5 balances the file', () => {
    const findings = lint(
      [
        'FROM golang:1.22 AS build',
        'ADD https://example.com/a.tgz /a.tgz',
        'ADD . .',
        'ADD .git .git',
        'RUN apk update',
        'RUN adduser -D app',
        'FROM alpine',
        '',
      ].join('\n'),
    );
    const at = (id: string) =>
      findings
        .filter((f) => f.ruleId === id)
        .map((f) => [f.range.startLine, f.aliases?.filter((a) => !a.includes('-'))]);
    // the first ADD (a URL) is Checkov's; the local ADDs are hadolint's and Trivy's
    expect(at('docker/add-instead-of-copy')).toEqual([
      [3, ['DL3020', 'DS005']],
      [4, ['DL3020', 'DS005']],
    ]);
    // CKV_DOCKER_7 would sit on line 1, the file's first FROM, not on the untagged one
    expect(at('docker/untagged-image')).toEqual([[7, ['DL3006', 'DS001']]]);
    // "adduser" contains "add": Checkov's balance is 0, so only Trivy's DS017 is claimed
    expect(at('docker/update-without-install')).toEqual([[5, ['DS017']]]);
    const alone = lint(['FROM alpine:3.20', 'RUN apk update', 'RUN apk upgrade', ''].join('\n'));
    expect(alone.filter((f) => f.ruleId === 'docker/update-without-install').map((f) => f.aliases)).toEqual([
      ['DS017', 'DS-0017', 'AVD-DS-0017', 'CKV_DOCKER_5'],
    ]);
  });

  it('DL3060 is claimed for yarn install only', () => {
    const findings = lint(
      ['FROM node:20.15-alpine3.20', 'RUN yarn global add pnpm@9.4.0', 'RUN yarn install --frozen-lockfile', ''].join(
        '\n',
      ),
    );
    const yarn = findings
      .filter((f) => f.ruleId === 'docker/package-cache-kept')
      .map((f) => [f.range.startLine, f.aliases]);
    expect(yarn).toEqual([
      [2, []],
      [3, ['DL3060']],
    ]);
  });
});
