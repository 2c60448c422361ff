import { defineRule, type Report } from '@shipshape/core';
import { isAuthCredential } from '../../../inspect.js';
import { DOCS } from '../../docs.generated.js';
import { contextSeverity, type FileInput, isStrongLiteral, secretReport } from '../../shared.js';

/** `Authorization: Basic ...` / `Bearer ...` with a literal credential. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'secrets/authorization-header',
    title: 'Literal credential in an Authorization header',
    severity: 'high',
    docs: DOCS['secrets/authorization-header'],
    aliases: ['curl-auth-header'],
    tags: ['secret', 'cwe-798'],
    messages: { header: 'An Authorization header carries a literal {{scheme}} credential ({{redacted}}).' },
  },
  check(input) {
    const out: Report[] = [];
    if (input.role.binary || input.role.lockfile) return out;
    for (const c of input.lineCredentials) {
      if (c.kind !== 'authorization-header') continue;
      if (!isAuthCredential(c.label, c.secret)) continue;
      if ((input.role.docs || input.role.example) && !/^basic$/i.test(c.label) && !isStrongLiteral(c.secret)) continue;
      const report = secretReport(input, {
        messageId: 'header',
        start: c.start,
        end: c.end,
        secret: c.secret,
        severity: contextSeverity(input, 'high'),
        fix: 'Build the header at run time from a credential read from the environment or a secret store.',
      });
      report.data = { scheme: c.label, redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
