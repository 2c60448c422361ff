import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { credentialValue } from '../../judge.js';
import { type FileInput, isStrongLiteral, keyLabel, secretReport } from '../../shared.js';

/** `.env.example` / `.env.sample` / `.env.template` holding a real-looking secret instead of a placeholder. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'env/example-real-value',
    title: 'Env template holds a real-looking secret',
    severity: 'medium',
    docs: DOCS['env/example-real-value'],
    aliases: [],
    tags: ['secret', 'dotenv', 'cwe-798'],
    messages: {
      real: 'Template `{{file}}` sets `{{key}}` to a real-looking value ({{redacted}}) instead of a placeholder.',
    },
  },
  check(input) {
    const out: Report[] = [];
    if (!input.envTemplate) return out;
    for (const pair of input.pairs) {
      if (pair.context !== 'plain') continue;
      if (credentialValue(pair) !== 'literal' || !isStrongLiteral(pair.value)) continue;
      const report = secretReport(input, {
        messageId: 'real',
        start: pair.start,
        end: pair.end,
        secret: pair.value,
        fix: `Replace the value of ${keyLabel(pair.key)} with a placeholder such as \`changeme\` and rotate it if it was ever real.`,
      });
      report.data = {
        file: input.path.slice(input.path.lastIndexOf('/') + 1),
        key: keyLabel(pair.key),
        redacted: report.secret?.redacted ?? '',
      };
      out.push(report);
    }
    return out;
  },
});
