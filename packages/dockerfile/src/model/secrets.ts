import type * as Secrets from '@shipshape/secrets';

/** What @shipshape/secrets reports for a value (its public API). */
export type ValueFinding = Secrets.ValueFinding;

type SecretsApi = Pick<typeof Secrets, 'inspectAssignment' | 'findTokens' | 'isPlaceholder' | 'isCredentialKey'>;

/*
 * Loaded dynamically so that a broken or missing @shipshape/secrets degrades to the built-in
 * token formats below instead of making this package unimportable.
 */
let api: Partial<SecretsApi> = {};
try {
  api = await import('@shipshape/secrets');
} catch {
  api = {};
}

function call<T>(fn: (() => T) | undefined, fallback: T): T {
  if (!fn) return fallback;
  try {
    return fn();
  } catch {
    return fallback;
  }
}

const PLACEHOLDER =
  /^(<[^>]*>|\{\{.*\}\}|\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?|x{3,}|\*{3,}|\.{3,}|(change|replace)[-_ ]?(me|this|it)|changeit|placeholder|example|sample|dummy|fake|test|testing|secret|password|passwd|token|your[-_ ].*|todo|tbd|none|null|nil|undefined|empty|redacted|n\/a|false|true|yes|no|on|off|\d{1,6})$/i;

/** Values that are not secrets whatever their key says. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (v === '' || PLACEHOLDER.test(v)) return true;
  // Only variable references, e.g. "${DB_USER}:${DB_PASS}"
  if (/^(\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?[:@/._-]*)+$/.test(v)) return true;
  return call(api.isPlaceholder ? () => (api.isPlaceholder as SecretsApi['isPlaceholder'])(v) : undefined, false);
}

const KEY_EXCLUDED =
  /(_FILE|_PATH|_DIR|_ENDPOINT|_URL|_URI|_HOST|_PORT|_LENGTH|_LEN|_MIN|_MAX|_TTL|_TIMEOUT|_EXPIRY|_EXPIRES|_EXPIRATION|_ALGORITHM|_ALG|_TYPE|_HEADER|_NAME|_USER|_USERNAME|_ID|_ENABLED|_REQUIRED|_POLICY|_ROUNDS|_COST|_SIZE|_VERSION|_FORMAT|_MODE|_PREFIX|_LOCATION|_SERVER|_REGION)$/i;
const KEY_EXCLUDED_EXACT =
  /^(GPG_KEYS?|GPG_KEY_ID|KEYSERVER|.*_KEY_ID|.*_FINGERPRINT|.*_KEYRING|PASSWORD_MIN_LENGTH|TOKEN_ENDPOINT)$/i;
const CREDENTIAL_KEY =
  /(PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS($|_)|(^|_)PWD($|_)|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH_?KEY|CREDENTIALS?|(^|_)AUTH($|_)|CLIENT_SECRET|SIGNING_KEY|ENCRYPTION_KEY|MASTER_KEY|(^|_)KEY$)/i;

/** Whether a variable name says it holds a credential (and is not one of the known non-secret shapes). */
export function isCredentialName(key: string): boolean {
  if (KEY_EXCLUDED.test(key) || KEY_EXCLUDED_EXACT.test(key)) return false;
  if (CREDENTIAL_KEY.test(key)) return true;
  return call(
    api.isCredentialKey ? () => (api.isCredentialKey as SecretsApi['isCredentialKey'])(key) : undefined,
    false,
  );
}

/** Known token formats inside a text (delegates to @shipshape/secrets; a few built-in formats as fallback). */
export function tokensIn(text: string): ValueFinding[] {
  const fromApi = call(
    api.findTokens ? () => (api.findTokens as SecretsApi['findTokens'])(text) : undefined,
    undefined as ValueFinding[] | undefined,
  );
  if (fromApi) return fromApi.filter((f) => f.kind === 'token' || f.kind === 'url-credential');
  const out: ValueFinding[] = [];
  const patterns: [string, string, RegExp][] = [
    ['github-pat', 'GitHub token', /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b/g],
    ['aws-access-key-id', 'AWS access key ID', /\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/g],
    ['slack-token', 'Slack token', /\b(xox[baprs]-[A-Za-z0-9-]{10,})\b/g],
    ['stripe-secret', 'Stripe secret key', /\b(sk_live_[A-Za-z0-9]{20,})\b/g],
    ['npm-token', 'npm token', /\b(npm_[A-Za-z0-9]{36})\b/g],
    ['private-key', 'Private key', /(-----BEGIN [A-Z ]*PRIVATE KEY-----)/g],
  ];
  for (const [detectorId, title, re] of patterns) {
    for (const m of text.matchAll(re)) {
      const secret = m[1] ?? m[0];
      const start = (m.index ?? 0) + m[0].indexOf(secret);
      out.push({ detectorId, title, secret, start, end: start + secret.length, severity: 'critical', kind: 'token' });
    }
  }
  return out;
}

/** `scheme://user:password@host` with a literal password. */
export function urlCredential(value: string): { secret: string; start: number } | undefined {
  const m = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:@/]+):([^\s@/]+)@[^\s/]+/i.exec(value);
  if (!m) return undefined;
  const password = m[2] ?? '';
  if (isPlaceholderValue(password) || /^\$/.test(password)) return undefined;
  return { secret: password, start: (m.index ?? 0) + m[0].indexOf(`:${password}@`) + 1 };
}

/** Findings @shipshape/secrets makes for a KEY=value pair, when its API is available. */
export function inspectAssignment(key: string, value: string): ValueFinding[] {
  return call(
    api.inspectAssignment ? () => (api.inspectAssignment as SecretsApi['inspectAssignment'])(key, value) : undefined,
    [],
  );
}
