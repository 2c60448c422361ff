import { defineRule, type Report } from '@shipshape/core';
import { judgeUrlPassword } from '../../../inspect.js';
import { DOCS } from '../../docs.generated.js';
import { contextSeverity, type FileInput, isStrongLiteral, secretReport } from '../../shared.js';

/** `scheme://user:password@host` with a literal password. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'secrets/url-credential',
    title: 'Credential embedded in a URL',
    severity: 'high',
    docs: DOCS['secrets/url-credential'],
    aliases: [],
    tags: ['secret', 'cwe-798'],
    messages: { url: 'A {{scheme}} URL embeds the password of user `{{user}}` ({{redacted}}).' },
  },
  check(input) {
    const out: Report[] = [];
    if (input.role.binary) return out;
    const lax = input.role.docs || input.role.example || input.envTemplate || input.role.test;
    for (const url of input.urls) {
      if (url.docHost) continue;
      const cls = judgeUrlPassword(url.secret, url.user);
      if (cls !== 'literal' && cls !== 'weak') continue;
      // Docs, templates and tests: only strong literals (test URLs are mostly throwaway values).
      if ((lax || input.role.test) && (cls === 'weak' || !isStrongLiteral(url.secret) || url.secret.includes('\\')))
        continue;
      const report = secretReport(input, {
        messageId: 'url',
        start: url.start,
        end: url.end,
        secret: url.secret,
        severity: contextSeverity(input, cls === 'weak' ? 'medium' : 'high'),
        fix: 'Keep the URL without credentials and pass the password separately from a secret store.',
      });
      report.data = {
        scheme: url.scheme,
        user: url.user.length > 40 ? `${url.user.slice(0, 37)}...` : url.user,
        redacted: report.secret?.redacted ?? '',
      };
      out.push(report);
    }
    return out;
  },
});
