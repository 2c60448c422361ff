import { defineRule, redact, secretHash } from '@shipshape/core';
import { isPlaceholderValue, tokensIn, urlCredential } from '../../model/secrets.js';
import type { ShellWord } from '../../model/shell.js';
import type { DockerRule } from '../util.js';
import { report, runsOf } from '../util.js';

interface Hit {
  word: ShellWord;
  secret: string;
  what: string;
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/credentials-in-run',
    title: 'Credential written on a RUN line',
    severity: 'high',
    aliases: [],
    tags: ['secret', 'cwe-798'],
    messages: {
      credential:
        'RUN passes {{what}} as a literal ({{redacted}}); it stays in the image history. Use RUN --mount=type=secret instead.',
    },
  },
  check(model) {
    const out = [];
    for (const run of runsOf(model)) {
      for (const cmd of run.commands) {
        const hits: Hit[] = [];
        const literal = (w: ShellWord | undefined, value?: string): string | undefined => {
          if (!w) return undefined;
          const v = value ?? w.value;
          if (w.dynamic && /\$/.test(v)) return undefined;
          return isPlaceholderValue(v) ? undefined : v;
        };
        const args = cmd.args;
        for (let i = 0; i < args.length; i++) {
          const a = args[i] as ShellWord;
          const next = args[i + 1];
          if (
            cmd.name === 'curl' &&
            (a.value === '-u' || a.value === '--user' || a.value === '--proxy-user' || a.value === '-U') &&
            next
          ) {
            const pass = next.value.includes(':') ? next.value.slice(next.value.indexOf(':') + 1) : '';
            const secret = literal(next, pass);
            if (secret && pass !== '') hits.push({ word: next, secret, what: 'a password with curl --user' });
          }
          if (cmd.name === 'curl' && /^-u.+:.+/.test(a.value)) {
            const pass = a.value.slice(a.value.indexOf(':') + 1);
            const secret = literal(a, pass);
            if (secret) hits.push({ word: a, secret, what: 'a password with curl -u' });
          }
          if (cmd.name === 'wget' && /^--(http-|ftp-|proxy-)?password=/.test(a.value)) {
            const secret = literal(a, a.value.slice(a.value.indexOf('=') + 1));
            if (secret) hits.push({ word: a, secret, what: 'a password with wget' });
          }
          if (
            (cmd.name === 'docker' || cmd.name === 'podman' || cmd.name === 'helm') &&
            (a.value === '-p' || a.value === '--password') &&
            next
          ) {
            const secret = literal(next);
            if (secret) hits.push({ word: next, secret, what: 'a registry password' });
          }
          if (/^(mysql|mysqladmin|mysqldump|mariadb)$/.test(cmd.name) && /^-p.+/.test(a.value)) {
            const secret = literal(a, a.value.slice(2));
            if (secret) hits.push({ word: a, secret, what: 'a database password' });
          }
          const url = urlCredential(a.value);
          if (url && !(a.dynamic && /\$/.test(url.secret)))
            hits.push({ word: a, secret: url.secret, what: 'a URL with an embedded password' });
          for (const t of tokensIn(a.value)) hits.push({ word: a, secret: t.secret, what: `a ${t.title}` });
        }
        if (cmd.name === 'aws' && args[0]?.value === 'configure' && args[1]?.value === 'set') {
          const key = args[2]?.value ?? '';
          const value = args[3];
          if (/secret|session_token|access_key/i.test(key)) {
            const secret = literal(value);
            if (secret && value) hits.push({ word: value, secret, what: `the AWS setting ${key}` });
          }
        }
        const seen = new Set<string>();
        for (const hit of hits) {
          if (seen.has(hit.secret)) continue;
          seen.add(hit.secret);
          out.push(
            report(
              model,
              hit.word.start,
              hit.word.end,
              'credential',
              { what: hit.what, redacted: redact(hit.secret) },
              {
                secret: { redacted: redact(hit.secret) },
                fingerprintKey: secretHash(hit.secret),
              },
            ),
          );
        }
      }
    }
    return out;
  },
});
