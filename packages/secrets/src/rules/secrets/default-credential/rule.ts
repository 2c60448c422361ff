import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { credentialValue } from '../../judge.js';
import { type FileInput, genericApplies, keyLabel, secretReport } from '../../shared.js';

/** A credential-named key bound to a weak, guessable default (`admin123`, `kafka-secret`, `postgres`). */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'secrets/default-credential',
    title: 'Weak default credential in deployable configuration',
    severity: 'medium',
    docs: DOCS['secrets/default-credential'],
    aliases: [],
    tags: ['secret', 'cwe-1392', 'cwe-798'],
    messages: {
      weak: '`{{key}}` is set to the guessable default {{redacted}}; anyone who reads the repository can log in with it.',
    },
  },
  check(input) {
    const out: Report[] = [];
    const r = input.role;
    if (
      !genericApplies(input) ||
      r.test ||
      r.docs ||
      r.example ||
      input.envTemplate ||
      input.helm === 'values' ||
      input.compose
    )
      return out;
    for (const pair of input.pairs) {
      if (pair.context !== 'plain') continue;
      if (credentialValue(pair) !== 'weak') continue;
      const report = secretReport(input, {
        messageId: 'weak',
        start: pair.start,
        end: pair.end,
        secret: pair.value,
        fix: `Generate a strong ${keyLabel(pair.key)} at deploy time and inject it from a secret store.`,
      });
      report.data = { key: keyLabel(pair.key), redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
