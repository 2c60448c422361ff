import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixDockerfile, lintDockerfile, lintDockerfileWithNotes, RUN_SCRIPT_LIMITS } from '../index.js';
import { settingsFrom } from '../lint.js';
import { buildModel } from '../model/model.js';
import { RULES } from '../rules/index.js';

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const samples = readdirSync(corpus).map((d) => readFileSync(join(corpus, d, 'Dockerfile'), 'utf8'));
const PIECES = [
  '\\\n',
  '<<EOF\n',
  '\nEOF\n',
  '"',
  "'",
  '$(',
  '`',
  '#',
  '\n',
  '--mount=type=cache',
  '${',
  '|',
  '&&',
  ';',
  '[',
  '\u0000',
  '\r\n',
  'é🚀',
];

describe('bad input is normal input', () => {
  it('never throws on mutated Dockerfiles, and findings stay well-formed', () => {
    const r = rng(7);
    for (let n = 0; n < 300; n++) {
      let text = samples[n % samples.length] ?? '';
      for (let k = 0; k < 1 + Math.floor(r() * 6); k++) {
        const at = Math.floor(r() * text.length);
        const choice = r();
        if (choice < 0.4) text = text.slice(0, at) + (PIECES[Math.floor(r() * PIECES.length)] ?? '') + text.slice(at);
        else if (choice < 0.8) text = text.slice(0, at) + text.slice(at + Math.floor(r() * 40));
        else text = text.slice(0, at) + text.slice(Math.floor(r() * text.length));
      }
      // Rules are called directly here: lintDockerfile shields a run from a throwing rule.
      const model = buildModel('Dockerfile', text, settingsFrom({ profile: 'strict' }));
      for (const rule of RULES) expect(() => rule.check(model, {}), `${rule.meta.id} on mutation ${n}`).not.toThrow();
      const findings = lintDockerfile({ path: 'Dockerfile', text });
      for (const f of findings) {
        expect(f.range.startLine).toBeGreaterThanOrEqual(1);
        expect(f.range.startColumn).toBeGreaterThanOrEqual(1);
        expect(f.range.endLine).toBeGreaterThanOrEqual(f.range.startLine);
        expect(f.message).not.toMatch(/\{\{/);
      }
      expect(() => fixDockerfile({ path: 'Dockerfile', text })).not.toThrow();
    }
    // a few hundred lint runs: generous timeout so a loaded CI machine does not fail it
  }, 30_000);

  it('reports one parse error with a position for files Docker would reject', () => {
    const findings = lintDockerfile({
      path: 'Dockerfile',
      text: 'FROM alpine:3.20\nRUN echo ok\nCOPPY a b\nCMD ["sh"]\n',
    });
    const parse = findings.filter((f) => f.ruleId === 'docker/parse-error');
    expect(parse.map((f) => [f.range.startLine, f.range.startColumn])).toEqual([[3, 1]]);
    // the rest of the file is still linted
    expect(findings.some((f) => f.ruleId === 'docker/missing-user')).toBe(true);
  });

  it('handles binary content, empty files and very long lines', () => {
    expect(lintDockerfile({ path: 'x', text: '\u0000\u0001\u0002ELF' }).map((f) => f.ruleId)).toEqual([
      'docker/parse-error',
    ]);
    expect(lintDockerfile({ path: 'x', text: '' }).map((f) => f.ruleId)).toEqual(['docker/parse-error']);
    const long = `FROM alpine:3.20\nRUN echo ${'a'.repeat(500_000)} | cat\nUSER 1\n`;
    expect(() => lintDockerfile({ path: 'x', text: long })).not.toThrow();
  });
});

describe('line endings and size limits', () => {
  it('reads a lone-CR (old Mac) Dockerfile line by line, RUN rules included', () => {
    const text = 'FROM debian:12.6-slim\rRUN apt-get update && apt-get install -y curl\rUSER root\r';
    const found = lintDockerfile({ path: 'Dockerfile', text }).map((f) => `${f.ruleId}@${f.range.startLine}`);
    expect(found).toContain('docker/package-cache-kept@2');
    expect(found).toContain('docker/missing-no-install-recommends@2');
    expect(found).toContain('docker/last-user-root@3');
  });

  it('finishes a 100k-line file (ENV and RUN lines) without exhausting the heap', () => {
    const lines = ['FROM debian:12.6-slim'];
    for (let i = 0; i < 100_000; i++) lines.push(i % 2 ? `ENV V${i}=value${i}` : `RUN echo $V${i - 1} | tee /x${i}`);
    const findings = lintDockerfile({ path: 'Dockerfile', text: lines.join('\n') });
    expect(findings.filter((f) => f.ruleId === 'docker/pipe-without-pipefail')).toHaveLength(50_000);
  }, 120_000);

  it('finishes RUNs of many tabs: reads the one under the limit, notes the one over it', () => {
    const text = `FROM alpine:3.20\nRUN cd /tmp &&${'\t'.repeat(50_000)}echo x\nRUN cd /tmp &&${'\t'.repeat(100_000)}echo x\n`;
    const { findings, skipped } = lintDockerfileWithNotes({ path: 'Dockerfile', text });
    expect(findings.filter((f) => f.ruleId === 'docker/cd-in-run').map((f) => f.range.startLine)).toEqual([2]);
    expect(skipped.map((s) => s.line)).toEqual([3]);
  }, 120_000);

  it('does not hand a RUN of 100k "$" to the shell parser, and says so', () => {
    const text = `FROM alpine:3.20\nRUN echo ${'$'.repeat(100_000)}\nRUN curl -fsSL https://get.example.com | sh\n`;
    const { findings, skipped } = lintDockerfileWithNotes({ path: 'Dockerfile', text });
    expect(skipped).toEqual([{ line: 2, message: expect.stringMatching(/not examined/) }]);
    // the other RUNs are still examined
    expect(findings.map((f) => `${f.ruleId}@${f.range.startLine}`)).toContain('docker/download-piped-to-shell@3');
  }, 120_000);

  it('skips a RUN body over the size limit with a note', () => {
    const text = `FROM alpine:3.20\nRUN echo ${'a '.repeat(RUN_SCRIPT_LIMITS.maxChars)}\n`;
    expect(lintDockerfileWithNotes({ path: 'Dockerfile', text }).skipped.map((s) => s.line)).toEqual([2]);
  });
});
