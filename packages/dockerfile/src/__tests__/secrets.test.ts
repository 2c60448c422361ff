import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../index.js';

// Token-shaped values are built at test time so no credential-looking literal is committed.
const githubToken = `ghp_${'aB3dE5fG7h'.repeat(3)}123456`;
const awsKeyId = `AKIA${'QWERTYUIOP'.slice(0, 8)}${'ASDFGHJK'}`;

function lint(text: string) {
  return lintDockerfile({ path: 'Dockerfile', text });
}

describe('secrets in Dockerfiles', () => {
  it('reports known token formats in ENV/ARG as critical, redacted everywhere', () => {
    const text = `FROM alpine:3.20\nENV GITHUB_TOKEN=${githubToken}\nARG AWS_ACCESS_KEY_ID=${awsKeyId}\nUSER 1000\n`;
    const findings = lint(text).filter((f) => f.ruleId === 'docker/secret-in-env-or-arg');
    expect(findings.map((f) => [f.range.startLine, f.severity])).toEqual([
      [2, 'critical'],
      [3, 'critical'],
    ]);
    const serialized = JSON.stringify(findings);
    expect(serialized).not.toContain(githubToken);
    expect(serialized).not.toContain(awsKeyId);
    expect(findings[0]?.secret?.redacted).toMatch(/^ghp_\*+ \(40 chars\)$/);
  });

  it('reports tokens and passwords on RUN lines, redacted', () => {
    const text = `FROM alpine:3.20\nRUN git clone https://x-access-token:${githubToken}@github.com/org/repo.git /src\nUSER 1000\n`;
    const findings = lint(text).filter((f) => f.ruleId === 'docker/credentials-in-run');
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toContain(githubToken);
  });

  it('keeps the exclusions whatever the secrets package says', () => {
    const text = [
      'FROM alpine:3.20',
      'ENV DB_PASSWORD_FILE=/run/secrets/db GPG_KEY=B42F6819007F00F88E364FD4036A9C25BF357DD4',
      'ENV TOKEN_ENDPOINT=https://auth.example.com/token PASSWORD_MIN_LENGTH=12 API_TOKEN= SECRET_KEY=${SECRET_KEY}',
      'ARG NPM_TOKEN',
      'USER 1000',
      '',
    ].join('\n');
    expect(lint(text).filter((f) => f.ruleId === 'docker/secret-in-env-or-arg')).toEqual([]);
  });

  it('gives different fingerprints to different secrets on otherwise equal lines', () => {
    const a = lint(`FROM alpine:3.20\nENV API_PASSWORD=Tr0ub4dor-and-3\n`).find(
      (f) => f.ruleId === 'docker/secret-in-env-or-arg',
    );
    const b = lint(`FROM alpine:3.20\nENV API_PASSWORD=c0rrect-h0rse-battery\n`).find(
      (f) => f.ruleId === 'docker/secret-in-env-or-arg',
    );
    expect(a?.fingerprint).toBeDefined();
    expect(a?.fingerprint).not.toBe(b?.fingerprint);
    // and the fingerprint survives moving the line
    const moved = lint(`FROM alpine:3.20\nLABEL a=b\n\nENV API_PASSWORD=Tr0ub4dor-and-3\n`).find(
      (f) => f.ruleId === 'docker/secret-in-env-or-arg',
    );
    expect(moved?.fingerprint).toBe(a?.fingerprint);
  });
});
