import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { credentialValue } from '../../judge.js';
import { type FileInput, keyLabel, secretReport } from '../../shared.js';

/** A chart's values file (`values*.yaml`, any of them) sets a credential to a literal. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'helm/values-literal-secret',
    title: 'Helm values file sets a credential to a literal',
    severity: 'high',
    docs: DOCS['helm/values-literal-secret'],
    aliases: [],
    tags: ['secret', 'helm', 'cwe-798', 'cwe-1392'],
    messages: {
      literal: 'Values key `{{path}}` sets a literal credential ({{redacted}}); every install of the chart ships it.',
      weak: 'Values key `{{path}}` defaults to the guessable credential {{redacted}}; every install that keeps the default is open.',
      input: 'Values key `{{path}}` sets a literal credential ({{redacted}}).',
    },
  },
  check(input) {
    const out: Report[] = [];
    if (input.helm !== 'values') return out;
    // Chart-testing and example values files are inputs, not what an install gets by default.
    const input_ = input.role.context !== 'shipped' && input.role.context !== 'deploy';
    for (const pair of input.pairs) {
      if (pair.context !== 'plain') continue;
      const cls = credentialValue(pair);
      if (cls === undefined || (input_ && cls === 'weak')) continue;
      const report = secretReport(input, {
        messageId: input_ ? 'input' : cls,
        start: pair.start,
        end: pair.end,
        secret: pair.value,
        severity: cls === 'weak' ? 'medium' : 'high',
        fix: `Leave ${keyLabel(pair.path)} empty (generate it in the template or require it) and support an existingSecret reference.`,
      });
      report.data = { path: keyLabel(pair.path), redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
