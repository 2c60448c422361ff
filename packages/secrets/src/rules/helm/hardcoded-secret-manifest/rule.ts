import { defineRule, type Report } from '@shipshape/core';
import { findUrlCredentials, judgeUrlPassword } from '../../../inspect.js';
import { findTokens } from '../../../tokens.js';
import { isPlaceholder } from '../../../values.js';
import { DOCS } from '../../docs.generated.js';
import { judgePairValue, pairHasCredentialKey } from '../../judge.js';
import { contextSeverity, type FileInput, isStrongLiteral, keyLabel, secretReport } from '../../shared.js';

/** Keys of Secret data that hold key material by convention. */
const KEY_MATERIAL =
  /(^|[._-])(tls\.key|ssh-privatekey|private[._-]?key|[\w-]+\.(key|pem|p12|pfx|jks)|\.?dockerconfigjson|\.?dockercfg|credentials(\.json)?)$/i;

/** What a Secret value holds that makes it a leak, or undefined. */
function leak(key: string, value: string, pairKeyIsCredential: boolean, judge: () => string): string | undefined {
  if (findTokens(value).length > 0) return 'token';
  for (const u of findUrlCredentials(value)) {
    const cls = judgeUrlPassword(u.secret, u.user);
    if (cls === 'literal' || cls === 'weak') return 'url';
  }
  if (/"auths"\s*:/.test(value)) {
    const m = /"auth"\s*:\s*"([A-Za-z0-9+/=]{8,})"/.exec(value);
    if (m) {
      const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
      const pass = decoded.slice(decoded.indexOf(':') + 1);
      if (decoded.includes(':') && !isPlaceholder(pass)) return 'docker-auth';
    }
    return undefined;
  }
  if (KEY_MATERIAL.test(key)) return /PRIVATE KEY|"private_key"|aws_secret_access_key/i.test(value) ? 'key' : undefined;
  const cls = judge();
  if (pairKeyIsCredential && cls === 'weak') return 'weak';
  if (pairKeyIsCredential && cls === 'literal') return 'literal';
  // A non-credential key holding a long random value (`key: <64 random chars>`).
  if (
    !pairKeyIsCredential &&
    cls === 'literal' &&
    value.length >= 20 &&
    isStrongLiteral(value) &&
    !/[\s/:@.]/.test(value)
  )
    return 'literal';
  return undefined;
}

/** A Kubernetes Secret (manifest or chart template) whose `data`/`stringData` holds literal secrets. */
export const rule = defineRule<FileInput>({
  meta: {
    id: 'helm/hardcoded-secret-manifest',
    title: 'Kubernetes Secret manifest with literal secret data',
    severity: 'high',
    docs: DOCS['helm/hardcoded-secret-manifest'],
    aliases: ['kubernetes-secret-yaml'],
    tags: ['secret', 'kubernetes', 'helm', 'cwe-798'],
    messages: { data: 'Secret key `{{key}}` holds a literal secret ({{redacted}}) committed with the manifest.' },
  },
  check(input) {
    const out: Report[] = [];
    for (const pair of input.pairs) {
      if (pair.context !== 'k8s-secret') continue;
      const value = pair.decoded ?? pair.value;
      if (value.length === 0) continue;
      const what = leak(pair.key, value, pairHasCredentialKey(pair), () => judgePairValue(pair, value.trim()));
      if (what === undefined) continue;
      const report = secretReport(input, {
        messageId: 'data',
        start: pair.start,
        end: pair.end,
        secret: value,
        severity: contextSeverity(input, what === 'weak' ? 'medium' : 'high'),
        fix: 'Commit a SealedSecret/ExternalSecret or reference an existing Secret; create the Secret out of band.',
      });
      report.data = { key: keyLabel(pair.key), redacted: report.secret?.redacted ?? '' };
      out.push(report);
    }
    return out;
  },
});
