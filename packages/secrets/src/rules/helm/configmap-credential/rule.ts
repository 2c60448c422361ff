import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { credentialValue } from '../../judge.js';
import { contextSeverity, type FileInput, keyLabel, secretReport } from '../../shared.js';

/** A ConfigMap whose data holds a credential (ConfigMaps are not secret: readable, logged, unencrypted). */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'helm/configmap-credential',
    title: 'ConfigMap holds a credential',
    severity: 'high',
    docs: DOCS['helm/configmap-credential'],
    aliases: [],
    tags: ['secret', 'kubernetes', 'helm', 'cwe-312', 'cwe-798'],
    messages: { configmap: 'ConfigMap key `{{key}}` holds a credential ({{redacted}}); ConfigMaps are not secret.' },
  },
  check(input) {
    const out: Report[] = [];
    for (const pair of input.pairs) {
      if (pair.context !== 'configmap') continue;
      const cls = credentialValue(pair);
      if (cls === undefined) continue;
      if (input.role.test && cls === 'weak') continue;
      const report = secretReport(input, {
        messageId: 'configmap',
        start: pair.start,
        end: pair.end,
        secret: pair.value,
        severity: contextSeverity(input, cls === 'weak' ? 'medium' : 'high'),
        fix: `Move ${keyLabel(pair.key)} into a Secret (created out of band) and mount or reference it from there.`,
      });
      report.data = { key: keyLabel(pair.key), redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
