import { defineRule, type Report } from '@shipshape/core';
import { isPlaceholder } from '../../../values.js';
import { DOCS } from '../../docs.generated.js';
import { contextSeverity, type FileInput, secretReport } from '../../shared.js';

/** docker `config.json` / `.dockerconfigjson` `auths.<registry>.auth`: base64 of `user:password`. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'secrets/docker-config-auth',
    title: 'Registry credentials in a docker config auth entry',
    severity: 'high',
    docs: DOCS['secrets/docker-config-auth'],
    aliases: [],
    tags: ['secret', 'cwe-798', 'cwe-522'],
    messages: {
      auth: 'The docker auth entry for `{{registry}}` decodes to the password of user `{{user}}` ({{redacted}}).',
    },
  },
  check(input) {
    const out: Report[] = [];
    for (const pair of input.pairs) {
      if (pair.context !== 'docker-auth' || pair.decoded === undefined) continue;
      const colon = pair.decoded.indexOf(':');
      if (colon <= 0) continue;
      const user = pair.decoded.slice(0, colon);
      const password = pair.decoded.slice(colon + 1);
      if (password.length < 3 || isPlaceholder(password) || isPlaceholder(user)) continue;
      const report = secretReport(input, {
        messageId: 'auth',
        start: pair.start,
        end: pair.end,
        secret: pair.value,
        severity: contextSeverity(input, 'high'),
        fix: 'Remove the auths entry and use a credential helper (credsStore/credHelpers) or CI-provided login.',
      });
      const registry = pair.path.split('.').slice(1, -1).join('.') || 'registry';
      report.data = {
        registry: registry.slice(0, 80),
        user: user.slice(0, 40),
        redacted: report.secret?.redacted ?? '',
      };
      out.push(report);
    }
    return out;
  },
});
