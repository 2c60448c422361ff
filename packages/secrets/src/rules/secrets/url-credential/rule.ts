import { defineRule, type Report } from '@shipshape/core';
import { judgeUrlPassword } from '../../../inspect.js';
import { keyWords } from '../../../keys.js';
import { isKnownExample } from '../../../tokens.js';
import { classifyValue } from '../../../values.js';
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
    messages: {
      url: 'A {{scheme}} URL embeds the password of user `{{user}}` ({{redacted}}).',
      query:
        'A URL passes `{{key}}` in its query string ({{redacted}}); query strings end up in logs and browser history.',
    },
  },
  check(input) {
    const out: Report[] = [];
    if (input.role.binary) return out;
    const lax = input.role.docs || input.role.example || input.envTemplate || input.role.test;
    for (const url of input.urls) {
      const cls = judgeUrlPassword(url.secret, url.user);
      if (cls !== 'literal' && cls !== 'weak') continue;
      // A reserved example domain (example.com, *.test) marks a placeholder only when the
      // password looks like one; a random-looking password is a finding whatever the host.
      if (url.docHost && (cls === 'weak' || !isStrongLiteral(url.secret))) continue;
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
    for (const c of input.lineCredentials) {
      if (c.kind !== 'query-string') continue;
      const cls = classifyValue(c.secret, { keyWords: keyWords(c.label) });
      if (cls !== 'literal' || isKnownExample(c.secret)) continue;
      if (!isStrongLiteral(c.secret) && (c.secret.length < 16 || lax)) continue;
      // Tokens are random: a digit and a letter; lower-case words (`?token=admin-diagnostics`) name things.
      if (!/\d/.test(c.secret) || !/[A-Za-z]/.test(c.secret) || /^[a-z]+([-_.][a-z]+)*$/.test(c.secret)) continue;
      const report = secretReport(input, {
        messageId: 'query',
        start: c.start,
        end: c.end,
        secret: c.secret,
        severity: contextSeverity(input, 'high'),
        fix: 'Send the credential in a header (or a request body) built at run time from a secret store, not in the URL.',
      });
      report.data = { key: c.label, redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
