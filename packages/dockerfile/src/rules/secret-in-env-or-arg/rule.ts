import { defineRule, redact, secretHash, shannonEntropy } from '@shipshape/core';
import { envProperties } from '../../model/model.js';
import {
  inspectAssignment,
  isCredentialName,
  isPlaceholderValue,
  tokensIn,
  urlCredential,
} from '../../model/secrets.js';
import type { DockerRule } from '../util.js';
import { report } from '../util.js';

/**
 * A default password people type when they mean "set this later": `changeme123`, `admin`,
 * `password1`, `secret`. Used as is by every build or container that does not override it.
 */
export function isWeakDefault(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  return /^(change[-_.]?(me|it|this)|changeit|pass(word|wd|w0rd)?|p@ssw(or|0r)d|secret|admin(istrator)?|root|toor|letmein|qwerty|welcome|default|guest|demo|dummy|test|testing)[-_.!@#]?\d{0,6}!?$/i.test(
    v,
  );
}

export const rule: DockerRule = defineRule({
  meta: {
    id: 'docker/secret-in-env-or-arg',
    title: 'Credential in an ENV or ARG value',
    severity: 'high',
    aliases: [],
    tags: ['secret', 'cwe-798', 'cis-docker-4.10'],
    messages: {
      token:
        '{{keyword}} {{key}} holds a {{title}} ({{redacted}}); it is stored in the image metadata for anyone who pulls it.',
      url: '{{keyword}} {{key}} holds a URL with an embedded password ({{redacted}}); it is stored in the image metadata.',
      named:
        '{{keyword}} {{key}} sets a literal credential ({{redacted}}); pass it at run time or with RUN --mount=type=secret.',
      defaulted:
        '{{keyword}} {{key}} defaults to the well-known value {{redacted}}, which every build or container that does not override it uses; require the value instead of defaulting it.',
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
      // Builder stages do not ship their ENV/ARG values, but keep them in history and the build cache.
      const ships = instr.stage === undefined || instr.stage.ships;
      for (const p of envProperties(instr.node, model.lines)) {
        const value = p.value;
        if (value === '' || (instr.keyword === 'ARG' && value === undefined)) continue;
        const key = p.name;
        if (/_FILE$/i.test(key)) continue;
        const base = { keyword: instr.keyword, key };
        const tokens = tokensIn(value);
        const token =
          tokens.find((t) => t.kind === 'token') ?? inspectAssignment(key, value).find((t) => t.kind === 'token');
        if (token) {
          out.push(
            report(
              model,
              p.valueStart,
              p.valueEnd,
              'token',
              { ...base, title: token.title, redacted: redact(token.secret) },
              {
                severity: 'critical',
                secret: { redacted: redact(token.secret), entropy: Number(shannonEntropy(token.secret).toFixed(2)) },
                fingerprintKey: secretHash(token.secret),
              },
            ),
          );
          continue;
        }
        const url = urlCredential(value);
        if (url) {
          // `postgresql://user:pass@localhost/dummy` for a build-time tool: a local throwaway.
          const throwaway = !ships && (isWeakDefault(url.secret) || /@(localhost|127\.0\.0\.1)[:/]/i.test(value));
          out.push(
            report(
              model,
              p.valueStart,
              p.valueEnd,
              'url',
              { ...base, redacted: redact(url.secret) },
              {
                secret: { redacted: redact(url.secret) },
                fingerprintKey: secretHash(url.secret),
                ...(ships ? {} : { severity: throwaway ? 'low' : 'medium' }),
              },
            ),
          );
          continue;
        }
        if (isCredentialName(key) && isWeakDefault(value)) {
          out.push(
            report(
              model,
              p.valueStart,
              p.valueEnd,
              'defaulted',
              { ...base, redacted: redact(value) },
              {
                severity: ships ? 'medium' : 'low',
                secret: { redacted: redact(value) },
                fingerprintKey: secretHash(value),
              },
            ),
          );
          continue;
        }
        if (!isCredentialName(key) || isPlaceholderValue(value) || /^\$\{?[A-Za-z_]/.test(value.trim())) continue;
        if (/^\/[^\s]*$/.test(value) || /^(https?|file):\/\//i.test(value)) continue;
        if (value.trim().length < 4) continue;
        out.push(
          report(
            model,
            p.valueStart,
            p.valueEnd,
            'named',
            { ...base, redacted: redact(value) },
            {
              secret: { redacted: redact(value), entropy: Number(shannonEntropy(value).toFixed(2)) },
              fingerprintKey: secretHash(value),
              ...(ships ? {} : { severity: 'medium' }),
            },
          ),
        );
      }
    }
    return out;
  },
});
