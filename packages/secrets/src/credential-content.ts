/**
 * Files whose content is a credential store by its format: password hashes (shadow-style lines,
 * `.htpasswd`, FTP `passwd` files, hashes in SQL dumps), `.pgpass`, legacy `.dockercfg`, FileZilla
 * and JetBrains saved servers, browser `logins.json`, mail client rc files, WordPress keys and
 * salts, Erlang cookies. Each check is gated by name or a cheap substring first.
 */
import { isPlaceholder } from './values.js';

export interface CredentialContent {
  reason: string;
  line: number;
  /** Hashes must be cracked first: medium; plaintext and keys: high (the rule's default). */
  severity?: 'medium';
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function first(text: string, re: RegExp): { line: number; match: RegExpExecArray } | undefined {
  const m = re.exec(text);
  return m ? { line: lineOf(text, m.index), match: m } : undefined;
}

/** `user:$6$salt$hash:...`, `user:$apr1$...`, `user:{SHA}...`, `user:$2y$10$...` (crypt-style hash after a user name). */
const HASH_LINE =
  /^[A-Za-z_][\w.@-]{0,63}:(\$(1|2[abxy]?|5|6|y|apr1|md5)\$[./A-Za-z0-9$]{8,}|\{(SHA|SSHA|MD5|SMD5)\}[A-Za-z0-9+/=]{16,})(:|\s*$)/m;
/** Crypt hashes quoted in SQL (`INSERT ... VALUES (..., '$2y$10$...')`): bcrypt, md5-crypt, phpass. */
const SQL_HASH =
  /['"](\$2[abxy]\$\d\d\$[./A-Za-z0-9]{53}|\$1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|\$[PH]\$[./A-Za-z0-9]{31})['"]/;
/** `.pgpass`: hostname:port:database:username:password. */
const PGPASS_LINE = /^[^#\s:][^:\n]*:[^:\n]*:[^:\n]*:[^:\n]*:(?<pw>[^\n]+)$/m;
const MAIL_RC =
  /(^|\/)\.?(muttrc|fetchmailrc|msmtprc|mbsyncrc|offlineimaprc|neomuttrc|getmailrc)$|(^|\/)\.mutt\/[^/]*rc$/;
const MAIL_PASS =
  /^\s*(?:set\s+(?:imap_pass|smtp_pass|pop_pass)\s*=\s*["']?(?<a>[^"'\s]{3,})|(?:password|pass|passwd)\s+["']?(?<b>[^"'\s]{3,})|Pass\s+(?<c>[^\s]{3,})|remotepass\s*=\s*(?<d>\S{3,}))/m;
const WP_KEYS =
  /define\(\s*['"](AUTH_KEY|SECURE_AUTH_KEY|LOGGED_IN_KEY|NONCE_KEY|AUTH_SALT|SECURE_AUTH_SALT|LOGGED_IN_SALT|NONCE_SALT)['"]\s*,\s*(['"])(?<v>(?:(?!\2).){8,256})\2/g;

/** A credential store recognised by its content, or undefined. */
export function credentialContent(path: string, text: string): CredentialContent | undefined {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);

  if (
    /^(shadow|shadow-|gshadow|passwd|\.?htpasswd|[\w.-]+\.htpasswd|[\w.-]+\.passwd|ftpd\.passwd|passwd\.ftp|proftpd\.passwd|users?\.passwd)$/.test(
      name,
    )
  ) {
    const hit = first(text, HASH_LINE);
    if (hit) return { reason: 'password hashes (crypt-style user entries)', line: hit.line, severity: 'medium' };
    return undefined;
  }
  if (name.endsWith('.sql') || name.endsWith('.sql.txt') || name.endsWith('.dump')) {
    if (!text.includes('$')) return undefined;
    const hit = first(text, SQL_HASH);
    return hit ? { reason: 'password hashes in a SQL dump', line: hit.line, severity: 'medium' } : undefined;
  }
  if (name === '.pgpass' || name === 'pgpass.conf') {
    const hit = first(text, PGPASS_LINE);
    const pw = hit?.match.groups?.pw?.trim() ?? '';
    return hit && pw !== '*' && !isPlaceholder(pw) ? { reason: 'PostgreSQL password file', line: hit.line } : undefined;
  }
  if (name === '.dockercfg') {
    const hit = first(text, /"auth"\s*:\s*"[A-Za-z0-9+/=]{8,}"/);
    return hit ? { reason: 'docker registry auth (legacy .dockercfg)', line: hit.line } : undefined;
  }
  if (/^(sitemanager|recentservers|filezilla|queue)\.xml$/.test(name) && text.includes('<Pass')) {
    const hit = first(text, /<Pass(\s+encoding="base64")?\s*>[^<\s]{3,}<\/Pass>/);
    return hit ? { reason: 'FileZilla saved server password', line: hit.line } : undefined;
  }
  if (name === 'webservers.xml' && /(^|\/)\.idea\//.test(lower)) {
    const hit = first(text, /\bpassword="[^"]{3,}"/);
    return hit ? { reason: 'JetBrains deployment server password', line: hit.line } : undefined;
  }
  if (name === 'logins.json' && text.includes('encryptedPassword')) {
    const hit = first(text, /"encryptedPassword"\s*:\s*"[^"]{8,}"/);
    return hit ? { reason: 'browser saved logins', line: hit.line } : undefined;
  }
  if (MAIL_RC.test(lower)) {
    const hit = first(text, MAIL_PASS);
    const g = hit?.match.groups ?? {};
    const pw = g.a ?? g.b ?? g.c ?? g.d ?? '';
    return hit && !pw.startsWith('`') && !/^\$|^eval|^"?`/.test(pw) && !isPlaceholder(pw)
      ? { reason: 'mail client password', line: hit.line }
      : undefined;
  }
  if (name === 'wp-config.php' && text.includes('_SALT')) {
    WP_KEYS.lastIndex = 0;
    for (let m = WP_KEYS.exec(text); m !== null; m = WP_KEYS.exec(text)) {
      const v = m.groups?.v ?? '';
      if (v.length >= 32 && !/put your unique phrase here/i.test(v) && !isPlaceholder(v))
        return { reason: 'WordPress authentication keys and salts', line: lineOf(text, m.index) };
    }
    return undefined;
  }
  if (name === '.erlang.cookie') {
    const v = text.trim();
    return v.length >= 8 && !isPlaceholder(v) ? { reason: 'Erlang distribution cookie', line: 1 } : undefined;
  }
  return undefined;
}
