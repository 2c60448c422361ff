import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { credentialValue } from '../../judge.js';
import { contextSeverity, type FileInput, keyLabel, secretReport } from '../../shared.js';

/** docker compose `environment:` sets a credential-named variable to a literal. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'env/compose-inline-secret',
    title: 'Compose service environment sets a literal credential',
    severity: 'high',
    docs: DOCS['env/compose-inline-secret'],
    aliases: [],
    tags: ['secret', 'compose', 'cwe-798'],
    messages: {
      literal: 'Compose sets `{{name}}` to a literal secret ({{redacted}}) in `environment:`.',
      weak: 'Compose sets `{{name}}` to the guessable default {{redacted}} in `environment:`.',
    },
  },
  check(input) {
    const out: Report[] = [];
    for (const pair of input.pairs) {
      if (pair.context !== 'compose-env' && !(input.compose && pair.context === 'plain')) continue;
      const cls = credentialValue(pair);
      if (cls === undefined) continue;
      if (input.role.test && cls === 'weak') continue;
      const report = secretReport(input, {
        messageId: cls,
        start: pair.start,
        end: pair.end,
        secret: pair.value,
        severity: contextSeverity(input, cls === 'weak' ? 'medium' : 'high'),
        fix: `Use \`${keyLabel(pair.key)}: \${${keyLabel(pair.key)
          .toUpperCase()
          .replace(/[^A-Z0-9_]/g, '_')}}\` with an untracked env file, or compose \`secrets:\`.`,
      });
      report.data = { name: keyLabel(pair.key), redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
