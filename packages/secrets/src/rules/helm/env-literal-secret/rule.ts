import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { credentialValue } from '../../judge.js';
import { contextSeverity, type FileInput, keyLabel, secretReport } from '../../shared.js';

/** A container `env` entry with a literal `value:` for a credential-named variable. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'helm/env-literal-secret',
    title: 'Container env var with a literal credential value',
    severity: 'high',
    docs: DOCS['helm/env-literal-secret'],
    aliases: [],
    tags: ['secret', 'kubernetes', 'helm', 'cwe-798'],
    messages: {
      env: 'Container env var `{{name}}` has a literal value ({{redacted}}) instead of valueFrom.secretKeyRef.',
    },
  },
  check(input) {
    const out: Report[] = [];
    for (const pair of input.pairs) {
      if (pair.context !== 'k8s-env') continue;
      const cls = credentialValue(pair);
      if (cls === undefined) continue;
      if (input.role.test && cls === 'weak') continue;
      const report = secretReport(input, {
        messageId: 'env',
        start: pair.start,
        end: pair.end,
        secret: pair.value,
        severity: contextSeverity(input, cls === 'weak' ? 'medium' : 'high'),
        fix: `Set ${keyLabel(pair.key)} with valueFrom.secretKeyRef pointing at a Secret created out of band.`,
      });
      report.data = { name: keyLabel(pair.key), redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
