import { defineRule, type Report } from '@shipshape/core';
import { isKnownExample } from '../../../tokens.js';
import { classifyValue } from '../../../values.js';
import { DOCS } from '../../docs.generated.js';
import { contextSeverity, type FileInput, isStrongLiteral, secretReport } from '../../shared.js';

/** `curl -u user:pass`, `mysql -pSECRET`, `sshpass -p`, `Password=...;` in connection strings. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'secrets/command-line-credential',
    title: 'Password passed literally on a command line or in a connection string',
    severity: 'high',
    docs: DOCS['secrets/command-line-credential'],
    aliases: ['curl-auth-user'],
    tags: ['secret', 'cwe-798', 'cwe-214'],
    messages: { cli: 'A literal password is passed via {{label}} ({{redacted}}).' },
  },
  check(input) {
    const out: Report[] = [];
    if (input.role.binary || input.role.lockfile || input.role.minified) return out;
    const lax = input.role.docs || input.role.example || input.envTemplate;
    for (const c of input.lineCredentials) {
      if (c.kind !== 'command-line' && c.kind !== 'connection-string') continue;
      const cls = classifyValue(c.secret);
      if (cls !== 'literal' && cls !== 'weak') continue;
      if (isKnownExample(c.secret)) continue;
      if (cls === 'weak' && (lax || input.role.test)) continue;
      if (lax && !isStrongLiteral(c.secret)) continue;
      const report = secretReport(input, {
        messageId: 'cli',
        start: c.start,
        end: c.end,
        secret: c.secret,
        severity: contextSeverity(input, cls === 'weak' ? 'medium' : 'high'),
        fix: 'Read the password from an environment variable, a netrc/option file with tight permissions, or a secret store.',
      });
      report.data = { label: c.label, redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
