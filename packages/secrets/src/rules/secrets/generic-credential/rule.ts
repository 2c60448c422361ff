import { defineRule, type Report } from '@shipshape/core';
import { DOCS } from '../../docs.generated.js';
import { credentialValue } from '../../judge.js';
import { type FileInput, genericApplies, isStrongLiteral, keyLabel, secretReport } from '../../shared.js';

/** A credential-named key (`DB_PASSWORD`, `apiKey`, `client_secret`) bound to a literal secret. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'secrets/generic-credential',
    title: 'Credential-named setting holds a literal secret',
    severity: 'high',
    docs: DOCS['secrets/generic-credential'],
    aliases: ['generic-api-key'],
    tags: ['secret', 'cwe-798'],
    messages: {
      literal:
        '`{{key}}` is set to a literal secret ({{redacted}}); load it from the environment or a secret store instead.',
    },
  },
  check(input) {
    const out: Report[] = [];
    // Env templates, Helm values and compose files have their own rules. Test inputs are judged
    // like everything else and rated low centrally (scan.ts), with the context named.
    if (!genericApplies(input) || input.envTemplate || input.helm === 'values' || input.compose) return out;
    for (const pair of input.pairs) {
      if (pair.context !== 'plain') continue;
      if (credentialValue(pair) !== 'literal') continue;
      if ((input.role.docs || input.role.example) && !isStrongLiteral(pair.value)) continue;
      const report = secretReport(input, {
        messageId: 'literal',
        start: pair.start,
        end: pair.end,
        secret: pair.value,
        fix: `Read ${keyLabel(pair.key)} from an environment variable or secret manager and rotate the exposed value.`,
      });
      report.data = { key: keyLabel(pair.key), redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
