import { shannonEntropy } from '@shipshape/core';
import { b64, b64url, hex, j } from '../samples.js';
import type { Detector } from '../types.js';

const BEGIN = j('-----BE', 'GIN ');
const END = j('-----EN', 'D ');

/** A PEM block with a random body, newline-separated (`nl` may be a literal `\n` escape). */
function pem(label: string, nl = '\n', lines = 6): string {
  const body: string[] = [];
  for (let i = 0; i < lines; i++) body.push(b64(64));
  return `${BEGIN}${label}-----${nl}${body.join(nl)}${nl}${END}${label}-----`;
}

/**
 * True when a PEM block's body is real key material: at least 64 base64 characters once headers,
 * whitespace, `\n` escapes and string-concatenation noise are removed, and not a repetitive stub.
 */
function hasKeyBody(block: string): boolean {
  const first = block.indexOf('-----', 5);
  const last = block.lastIndexOf('-----', block.length - 6);
  if (first < 0 || last <= first) return false;
  const body = block
    .slice(first + 5, last)
    .replace(/\\[nr]/g, '\n')
    .split('\n')
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/[\s"'+,\\]/g, '');
  if (body.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(body)) return false;
  return shannonEntropy(body) >= 4.5;
}

/** `LS0tLS1CRUdJTi...`: base64 of a PEM block; only a private key counts. */
function decodesToPrivateKey(secret: string): boolean {
  const head = Buffer.from(secret.slice(0, 120), 'base64').toString('latin1');
  return /^-----BEGIN [A-Z0-9 ]{0,30}PRIVATE KEY(?: BLOCK)?-----/.test(head);
}

const KEY_WINDOW = { before: 48, after: 24000 };
// Bodies are `(?:[^-]|-(?!----))` runs: they stop at the next five-dash marker (END or another
// BEGIN), so a file full of BEGIN lines costs linear time instead of a 20,000-character scan each.

export const KEY_DETECTORS: Detector[] = [
  {
    id: 'private-key',
    title: 'Private key (PEM)',
    description:
      'A PEM-encoded private key (PKCS#1 RSA, PKCS#8, EC, DSA, encrypted), also when embedded in a JSON or YAML string with escaped newlines.',
    severity: 'critical',
    keywords: ['private key-----'],
    pattern:
      /(?<secret>-----BEGIN (?!OPENSSH|PGP)(?:[A-Z0-9]{1,12} ){0,2}PRIVATE KEY-----(?:[^-]|-(?!----)){64,20000}?-----END (?:[A-Z0-9]{1,12} ){0,2}PRIVATE KEY-----)/g,
    validate: hasKeyBody,
    allowPlaceholderLike: true,
    window: KEY_WINDOW,
    aliases: ['private-key'],
    tags: ['private-key'],
    samples: {
      positive: [
        pem('RSA PRIVATE KEY'),
        pem('PRIVATE KEY'),
        pem('EC PRIVATE KEY', '\r\n', 3),
        `{"key": "${pem('PRIVATE KEY', '\\n')}"}`,
        `${BEGIN}RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,${hex(32).toUpperCase()}\n\n${b64(64)}\n${b64(64)}\n${END}RSA PRIVATE KEY-----`,
      ],
      negative: [
        `${BEGIN}RSA PRIVATE KEY-----\n...\n${END}RSA PRIVATE KEY-----`,
        `${BEGIN}PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\n${END}PRIVATE KEY-----`,
        `${BEGIN}CERTIFICATE-----\n${b64(64)}\n${b64(64)}\n${END}CERTIFICATE-----`,
        `${BEGIN}PUBLIC KEY-----\n${b64(64)}\n${b64(64)}\n${END}PUBLIC KEY-----`,
        `key: ${BEGIN}PRIVATE KEY-----<paste here>${END}PRIVATE KEY-----`,
      ],
    },
  },
  {
    id: 'openssh-private-key',
    title: 'OpenSSH private key',
    description:
      'An OpenSSH-format private key (BEGIN OPENSSH PRIVATE KEY); it logs in wherever its public key is authorised.',
    severity: 'critical',
    keywords: ['openssh private key-----'],
    pattern:
      /(?<secret>-----BEGIN OPENSSH PRIVATE KEY-----(?:[^-]|-(?!----)){64,20000}?-----END OPENSSH PRIVATE KEY-----)/g,
    validate: hasKeyBody,
    allowPlaceholderLike: true,
    window: KEY_WINDOW,
    aliases: ['private-key'],
    tags: ['private-key', 'ssh'],
    samples: {
      positive: [pem('OPENSSH PRIVATE KEY'), `ssh_key: "${pem('OPENSSH PRIVATE KEY', '\\n', 4)}"`],
      negative: [
        `${BEGIN}OPENSSH PRIVATE KEY-----\n<key>\n${END}OPENSSH PRIVATE KEY-----`,
        `ssh-rsa AAAAB3NzaC1yc2E${b64(200)} user@host`,
      ],
    },
  },
  {
    id: 'pgp-private-key',
    title: 'PGP private key block',
    description: 'An ASCII-armoured PGP/GPG private key block; it signs and decrypts as its owner.',
    severity: 'critical',
    keywords: ['pgp private key block-----'],
    pattern:
      /(?<secret>-----BEGIN PGP PRIVATE KEY BLOCK-----(?:[^-]|-(?!----)){64,20000}?-----END PGP PRIVATE KEY BLOCK-----)/g,
    validate: hasKeyBody,
    allowPlaceholderLike: true,
    window: KEY_WINDOW,
    aliases: ['private-key'],
    tags: ['private-key', 'pgp'],
    samples: {
      positive: [
        `${BEGIN}PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${b64(64)}\n${b64(64)}\n=${b64(4)}\n${END}PGP PRIVATE KEY BLOCK-----`,
      ],
      negative: [`${BEGIN}PGP PUBLIC KEY BLOCK-----\n\n${b64(64)}\n${b64(64)}\n${END}PGP PUBLIC KEY BLOCK-----`],
    },
  },
  {
    id: 'private-key-base64',
    title: 'Base64-encoded private key',
    description:
      'A PEM private key wrapped in base64 (LS0tLS1CRUdJTi...), as found in Kubernetes Secret data, CI variables and Helm values.',
    severity: 'critical',
    keywords: ['ls0tls1crudjt'],
    pattern: /(?<![A-Za-z0-9+/])(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,40000}={0,2})(?![A-Za-z0-9+/=])/g,
    validate: decodesToPrivateKey,
    allowPlaceholderLike: true,
    window: { before: 4, after: 40100 },
    aliases: [],
    tags: ['private-key'],
    samples: {
      positive: [`tls.key: ${Buffer.from(pem('RSA PRIVATE KEY')).toString('base64')}`],
      negative: [`tls.crt: ${Buffer.from(pem('CERTIFICATE')).toString('base64')}`],
    },
  },
  {
    id: 'putty-private-key',
    title: 'PuTTY private key',
    description: 'A PuTTY private key file (PuTTY-User-Key-File-2/3); the private lines authenticate as the key owner.',
    severity: 'critical',
    keywords: ['putty-user-key-file-'],
    pattern:
      /(?<secret>PuTTY-User-Key-File-[23]: [A-Za-z0-9@.-]{3,40}\r?\n(?:(?!PuTTY-User-Key-File-)[\s\S]){20,4000}?Private-Lines: \d{1,3}\r?\n[A-Za-z0-9+/=\r\n]{16,16000}?Private-MAC: [0-9a-f]{40,64})/g,
    allowPlaceholderLike: true,
    window: KEY_WINDOW,
    aliases: [],
    tags: ['private-key', 'ssh'],
    samples: {
      positive: [
        `${j('PuTTY-User', '-Key-File-3')}: ssh-ed25519\nEncryption: none\nComment: demo\nPublic-Lines: 2\n${b64(64)}\n${b64(4)}\nPrivate-Lines: 1\n${b64(44)}\nPrivate-MAC: ${hex(64)}\n`,
      ],
      negative: [`${j('PuTTY-User', '-Key-File-3')}: ssh-ed25519\nEncryption: none\nComment: only a header\n`],
    },
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    description:
      'A signed JSON Web Token; bearer tokens grant what their claims say until they expire, and long-lived ones (service tokens, Supabase keys) often never do.',
    severity: 'medium',
    keywords: ['eyj'],
    pattern:
      /(?<![A-Za-z0-9_\-.])(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{4,8000}\.[A-Za-z0-9_-]{16,1000})(?![A-Za-z0-9_\-.])/g,
    validate: isJwt,
    window: { before: 4, after: 11100 },
    aliases: ['jwt'],
    tags: ['jwt'],
    samples: {
      positive: [
        jwtSample({ alg: 'HS256', typ: 'JWT' }, { sub: 'svc', role: 'service_role' }),
        `Authorization: Bearer ${jwtSample({ alg: 'RS256' }, { iss: 'ci' })}`,
      ],
      negative: [
        j(
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
          '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
          '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        ),
        `${Buffer.from('{"foo":1,"bar":2}').toString('base64url')}.${b64url(20)}.${b64url(30)}`,
        `eyJ${b64url(30)}.${b64url(20)}.${b64url(30)}`,
      ],
    },
  },
];

function jwtSample(header: object, payload: object): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc(header)}.${enc(payload)}.${b64url(43)}`;
}

/** The header must decode to a JSON object with an `alg`. */
function isJwt(secret: string): boolean {
  const dot = secret.indexOf('.');
  try {
    const header: unknown = JSON.parse(Buffer.from(secret.slice(0, dot), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}
