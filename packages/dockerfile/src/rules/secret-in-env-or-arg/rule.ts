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
    },
  },
  check(model) {
    const out = [];
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'ARG') continue;
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
            },
          ),
        );
      }
    }
    return out;
  },
});
