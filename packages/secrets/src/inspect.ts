import type { Severity } from '@shipshape/core';
import { isAccessKeyIdKey, isCredentialKey, isSlotKey, keyWords } from './keys.js';
import { findTokens, isKnownExample } from './tokens.js';
import { classifyValue, isPlaceholder, isWeakDefault, type ValueClass } from './values.js';

/** A secret found in a value; offsets are in the value string passed in. Callers must redact `secret`. */
export interface ValueFinding {
  /** Detector id for tokens; `generic-credential`, `default-credential`, `url-credential`, `authorization-header` otherwise. */
  detectorId: string;
  title: string;
  secret: string;
  start: number;
  end: number;
  severity: Severity;
  kind: 'token' | 'generic' | 'url-credential';
}

export interface UrlCredential {
  /** The password (or token) part of `scheme://user:password@host`. */
  secret: string;
  user: string;
  start: number;
  end: number;
  scheme: string;
  /** The host is a documentation host (example.com, *.example, *.test, *.invalid). */
  docHost: boolean;
}

// scheme://user:password@host — bounded parts, no whitespace or quotes inside; run only on a
// small window around each `://` whose next `@` is close, so long texts cost little.
const URL_CRED = /([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/@"'`<>{}()[\]]{0,128}):([^\s/@"'`<>]{1,256})@([\w.-]|\[)/iy;
const SCHEME_CHAR = /[a-z0-9+.-]/i;

/** Credentials embedded in URLs: `postgres://user:pass@host`, `https://user:token@host`. */
export function findUrlCredentials(text: string): UrlCredential[] {
  const out: UrlCredential[] = [];
  let i = text.indexOf('://');
  while (i !== -1) {
    const at = text.indexOf('@', i + 3);
    if (at === -1) break;
    if (at - i <= 400) {
      let s = i;
      while (s > 0 && i - s < 21 && SCHEME_CHAR.test(text[s - 1] as string)) s--;
      // The scheme starts at a letter.
      while (s < i && !/[a-z]/i.test(text[s] as string)) s++;
      URL_CRED.lastIndex = s;
      const m = URL_CRED.exec(text);
      if (m) {
        const scheme = m[1] as string;
        const user = m[2] as string;
        const pass = m[3] as string;
        const start = m.index + scheme.length + 3 + user.length + 1;
        const host = /^[\w.-]*/.exec(text.slice(start + pass.length + 1, start + pass.length + 256))?.[0] ?? '';
        const docHost = /(^|\.)(example\.(com|org|net)|example|test|invalid)$/i.test(host);
        out.push({ secret: pass, user, start, end: start + pass.length, scheme, docHost });
      }
      i = text.indexOf('://', i + 3);
    } else {
      // Skip to the `://` closest before the next `@`.
      const next = text.lastIndexOf('://', at);
      i = next > i ? next : text.indexOf('://', i + 3);
    }
  }
  return out;
}

/**
 * Whether the password part of a URL is a real credential: not a placeholder or
 * interpolation (`${PASS}`, `<password>`, `****`), not a masked or documentation value.
 */
export function judgeUrlPassword(password: string, user: string): ValueClass {
  let p = password;
  try {
    p = decodeURIComponent(password);
  } catch {
    // keep raw
  }
  if (/^[$%{<[*]|\$\{|\{\{|%\w+%/.test(p)) return 'interpolation';
  if (isKnownExample(p)) return 'placeholder';
  if (user !== '' && (isPlaceholder(user) || /^(your|my)[-_]/i.test(user))) return 'placeholder';
  if (
    /^(password|passwd|pwd|secret|pw|token|x+|\*+)$/i.test(p) &&
    /^(user(name)?|u|usr|login|name|x+|me|<.*>)?$/i.test(user)
  )
    return 'placeholder';
  if (/^pass$/i.test(p)) return 'weak';
  const cls = classifyValue(p);
  if (cls === 'url' || cls === 'path' || cls === 'hash' || cls === 'number' || cls === 'boolean' || cls === 'prose') {
    // Short numeric passwords in URLs are still passwords (`redis://:1234@`), others are not URLs.
    return /^\d{4,}$/.test(p) ? 'weak' : 'literal';
  }
  if (cls === 'placeholder' && p.length >= 4 && !isPlaceholder(p)) return 'literal';
  return cls;
}

const GENERIC_TITLE = 'Hard-coded credential';
const DEFAULT_TITLE = 'Default or weak credential';

/**
 * Inspects a KEY=value pair (an ENV line, a dotenv entry, a YAML key): provider tokens anywhere
 * in the value, credentials in URLs, and a generic secret when the key names a credential and
 * the value is a real literal (not a placeholder, interpolation, reference, boolean, number,
 * path, URL without credentials or documentation example). Offsets are in `value`.
 */
export function inspectAssignment(key: string, value: string): ValueFinding[] {
  const out: ValueFinding[] = [];
  if (value.length === 0) return out;
  const v = value.length > 8192 ? value.slice(0, 8192) : value;
  for (const t of findTokens(v)) {
    out.push({
      detectorId: t.detectorId,
      title: t.title,
      secret: t.secret,
      start: t.start,
      end: t.end,
      severity: t.severity,
      kind: 'token',
    });
  }
  for (const u of findUrlCredentials(v)) {
    if (out.some((f) => f.start < u.end && u.start < f.end)) continue;
    const cls = judgeUrlPassword(u.secret, u.user);
    if (cls !== 'literal' && cls !== 'weak') continue;
    out.push({
      detectorId: 'url-credential',
      title: 'Credential in URL',
      secret: u.secret,
      start: u.start,
      end: u.end,
      severity: 'high',
      kind: 'url-credential',
    });
  }
  if (out.length > 0) return out;
  const header = inspectAuthorizationValue(key, v);
  if (header) return [header];
  if (!isCredentialKey(key)) return out;
  // Offsets of the unquoted value inside `value`.
  const lead = v.length - v.trimStart().length;
  let inner = v.trim();
  let start = lead;
  if (inner.length >= 2 && /^["'`]/.test(inner) && inner[inner.length - 1] === inner[0]) {
    inner = inner.slice(1, -1);
    start += 1;
  }
  const cls = classifyValue(inner, {
    keyWords: keyWords(key),
    nameLike: isNameLikeKey(key),
    slotKey: isSlotKey(key),
    slotKeyName: key,
    accessKeyId: isAccessKeyIdKey(key),
  });
  if (cls === 'literal' && !isKnownExample(inner)) {
    out.push({
      detectorId: 'generic-credential',
      title: GENERIC_TITLE,
      secret: inner,
      start,
      end: start + inner.length,
      severity: 'high',
      kind: 'generic',
    });
  } else if (cls === 'weak') {
    out.push({
      detectorId: 'default-credential',
      title: DEFAULT_TITLE,
      secret: inner,
      start,
      end: start + inner.length,
      severity: 'medium',
      kind: 'generic',
    });
  }
  return out;
}

/** Keys such as `secret` or `secretName` usually hold the *name* of a Kubernetes Secret. */
export function isNameLikeKey(key: string): boolean {
  const leaf = key.trim().replace(/^.*\./, '');
  // `adminTokenSecret`, `passwordSecret`, `tlsSecret`: the Secret that holds the token or password.
  return (
    /^(secret|secrets|credentials?|creds|tokenSecret|secret[-_]?name)$/i.test(leaf) ||
    /^[a-z]*(Token|Password|Credentials?|Tls|Cert)Secret(Name|Ref)?$/.test(leaf)
  );
}

const AUTH_VALUE = /^\s*(Basic|Bearer|Token|Digest|Bot)\s+([A-Za-z0-9+/=._~-]{6,})/i;

/** `Authorization: Basic dXNlcjpwYXNz` or `Bearer <literal>` bound to an Authorization header key. */
export function inspectAuthorizationValue(key: string, value: string): ValueFinding | undefined {
  if (!/^(proxy-)?authori[sz]ation$|^auth[-_]?header$/i.test(key.trim().replace(/^["']|["']$/g, ''))) return undefined;
  const v = value.replace(/^["'`]|["'`]$/g, '');
  const offset = value.indexOf(v);
  const m = AUTH_VALUE.exec(v);
  if (!m) return undefined;
  const secret = m[2] as string;
  if (!isAuthCredential(m[1] as string, secret)) return undefined;
  const start = offset + (m.index + m[0].length - secret.length);
  return {
    detectorId: 'authorization-header',
    title: 'Literal Authorization header',
    secret,
    start,
    end: start + secret.length,
    severity: 'high',
    kind: 'generic',
  };
}

/** Whether the credential of an Authorization header is a literal worth reporting. */
export function isAuthCredential(scheme: string, secret: string): boolean {
  if (isPlaceholder(secret) || isKnownExample(secret)) return false;
  if (/^(token|secret|password|apikey|api_key|xxx+|abc|123+|\$\w+)$/i.test(secret)) return false;
  // An upper-case identifier names what belongs there (`Bearer TOKEN_WITHOUT_PERMISSION`).
  if (/^[A-Z]+(_[A-Z0-9]+)+$/.test(secret)) return false;
  if (/^basic$/i.test(scheme)) {
    try {
      const decoded = Buffer.from(secret, 'base64').toString('utf8');
      if (!/^[^\s:]{0,128}:\S+$/.test(decoded)) return false;
      const pass = decoded.slice(decoded.indexOf(':') + 1);
      return !isPlaceholder(pass) && !/^(password|pass|secret)$/i.test(pass);
    } catch {
      return false;
    }
  }
  return secret.length >= 8 && !/^[a-z]+$/i.test(secret);
}

export { isWeakDefault };
