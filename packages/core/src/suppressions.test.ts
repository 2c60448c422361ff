import { describe, expect, it } from 'vitest';
import { applySuppressions, parseSuppressions } from './suppressions.js';
import type { Finding, RuleMeta } from './types.js';

const rules: Record<string, RuleMeta> = {
  'docker/unpinned-apt-package': {
    id: 'docker/unpinned-apt-package',
    title: '',
    severity: 'medium',
    aliases: ['DL3008'],
    tags: [],
  },
  'docker/apt-lists-kept': { id: 'docker/apt-lists-kept', title: '', severity: 'low', aliases: ['DL3009'], tags: [] },
  'secrets/github-pat': {
    id: 'secrets/github-pat',
    title: '',
    severity: 'critical',
    aliases: ['github-pat'],
    tags: ['secret'],
  },
};

function finding(ruleId: string, line: number): Finding {
  return {
    ruleId,
    severity: 'medium',
    message: 'm',
    file: 'f',
    range: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 },
    fingerprint: `${ruleId}${line}`,
  };
}

describe('suppressions', () => {
  it('hadolint ignore applies to the next instruction, through a multi-line RUN, by alias', () => {
    const text = [
      'FROM debian:12',
      '# hadolint ignore=DL3008,DL3009',
      'RUN apt-get update \\',
      '    && apt-get install -y curl',
      'RUN apt-get install -y wget',
    ].join('\n');
    const { kept, suppressed } = applySuppressions(
      [
        finding('docker/unpinned-apt-package', 4),
        finding('docker/apt-lists-kept', 3),
        finding('docker/unpinned-apt-package', 5),
      ],
      text,
      rules,
    );
    expect(suppressed.map((f) => f.range.startLine)).toEqual([4, 3]);
    expect(kept.map((f) => f.range.startLine)).toEqual([5]);
  });

  it('shipshape-ignore works on the line above and on the same line, with a reason', () => {
    const text = [
      '# shipshape-ignore docker/apt-lists-kept -- cache wanted',
      'RUN a',
      'RUN b # shipshape-ignore DL3008',
      'RUN c',
    ].join('\n');
    const parsed = parseSuppressions(text);
    expect(parsed[0]).toMatchObject({ target: 2, reason: 'cache wanted', rules: ['docker/apt-lists-kept'] });
    const { kept } = applySuppressions(
      [
        finding('docker/apt-lists-kept', 2),
        finding('docker/unpinned-apt-package', 3),
        finding('docker/unpinned-apt-package', 4),
        finding('docker/unpinned-apt-package', 2),
      ],
      text,
      rules,
    );
    expect(kept.map((f) => `${f.ruleId}:${f.range.startLine}`)).toEqual([
      'docker/unpinned-apt-package:4',
      'docker/unpinned-apt-package:2',
    ]);
  });

  it('the whole-file form and hadolint global suppress everywhere', () => {
    const text = [
      '# shipshape-ignore-file docker/apt-lists-kept',
      '# hadolint global ignore=DL3008',
      'RUN x',
      'RUN y',
    ].join('\n');
    const { kept } = applySuppressions(
      [finding('docker/apt-lists-kept', 4), finding('docker/unpinned-apt-package', 3)],
      text,
      rules,
    );
    expect(kept).toEqual([]);
  });

  it('gitleaks:allow and pragma: allowlist secret hide only secret rules on their own line', () => {
    const text = [
      'token = "x" # gitleaks:allow',
      'RUN apt-get install x # gitleaks:allow',
      'pw = "y"  # pragma: allowlist secret',
      'other = 1',
    ].join('\n');
    const { kept } = applySuppressions(
      [
        finding('secrets/github-pat', 1),
        finding('docker/unpinned-apt-package', 2),
        finding('secrets/github-pat', 3),
        finding('secrets/github-pat', 4),
      ],
      text,
      rules,
    );
    expect(kept.map((f) => f.range.startLine)).toEqual([2, 4]);
  });

  it('a finding with its own narrower aliases is suppressed only by those', () => {
    const multi: Record<string, RuleMeta> = {
      'docker/unpinned-package': {
        id: 'docker/unpinned-package',
        title: '',
        severity: 'medium',
        aliases: ['DL3008', 'DL3013'],
        tags: [],
      },
    };
    const text = [
      '# hadolint ignore=DL3008',
      'RUN pip install flask',
      '# hadolint ignore=DL3013',
      'RUN pip install django',
    ].join('\n');
    const pip = (line: number) => ({ ...finding('docker/unpinned-package', line), aliases: ['DL3013'] });
    const { kept } = applySuppressions([pip(2), pip(4)], text, multi);
    expect(kept.map((f) => f.range.startLine)).toEqual([2]);
  });

  it('marks unused directives', () => {
    const text = ['# shipshape-ignore DL3009', 'RUN x'].join('\n');
    const { suppressions } = applySuppressions([finding('docker/unpinned-apt-package', 2)], text, rules);
    expect(suppressions[0]?.used).toBe(false);
  });

  it('does not treat a hadolint mention inside code as a directive', () => {
    expect(parseSuppressions('RUN echo "hadolint ignore=DL3008"')).toEqual([]);
  });

  it('parses a directive with a long run of spaces in linear time, keeping rules and reason', () => {
    const pad = ' '.repeat(200_000);
    // A backtracking split (`\s+--`) needed minutes on this line: the test's timeout is the guard.
    const [s] = parseSuppressions(`# shipshape-ignore DL3008,${pad}DL3009${pad}-- builder stage${pad}-->\nRUN x`);
    expect(s?.rules).toEqual(['DL3008', 'DL3009']);
    expect(s?.reason).toBe('builder stage');
  });

  it('finds the target line of thousands of stacked directives in one pass', () => {
    // Scanning forward from each directive over the block was quadratic (8.5 s on 12k lines).
    const text = `${'# shipshape-ignore DL3008\n'.repeat(40_000)}RUN apt-get install curl\n`;
    const parsed = parseSuppressions(text);
    expect(parsed).toHaveLength(40_000);
    expect(new Set(parsed.map((p) => p.target))).toEqual(new Set([40_001]));
  });
});
