/**
 * File names that are credentials by themselves, whatever their content looks like (binary
 * keystores cannot be scanned as text). PEM files (`*.pem`, `*.key`) are judged by content instead:
 * the private-key detectors find the key inside them, and certificates stay silent.
 */

export type CredentialFileKind =
  | 'ssh-private-key'
  | 'pkcs12-keystore'
  | 'java-keystore'
  | 'putty-private-key'
  | 'gcloud-credentials'
  | 'aws-credentials'
  | 'git-credentials'
  | 'password-database'
  | 'kerberos-keytab'
  | 'pgp-secret-keyring';

const BY_NAME: ReadonlyMap<string, CredentialFileKind> = new Map([
  ['id_rsa', 'ssh-private-key'],
  ['id_dsa', 'ssh-private-key'],
  ['id_ecdsa', 'ssh-private-key'],
  ['id_ed25519', 'ssh-private-key'],
  ['id_ecdsa_sk', 'ssh-private-key'],
  ['id_ed25519_sk', 'ssh-private-key'],
  ['identity', 'ssh-private-key'],
  ['application_default_credentials.json', 'gcloud-credentials'],
  ['credentials.db', 'gcloud-credentials'],
  ['access_tokens.db', 'gcloud-credentials'],
  ['.git-credentials', 'git-credentials'],
  ['.pgpass', 'password-database'],
  ['secring.gpg', 'pgp-secret-keyring'],
]);

const BY_EXTENSION: ReadonlyMap<string, CredentialFileKind> = new Map([
  ['p12', 'pkcs12-keystore'],
  ['pkcs12', 'pkcs12-keystore'],
  ['jceks', 'java-keystore'],
  ['keytab', 'kerberos-keytab'],
  ['pfx', 'pkcs12-keystore'],
  ['jks', 'java-keystore'],
  ['keystore', 'java-keystore'],
  ['bks', 'java-keystore'],
  ['ppk', 'putty-private-key'],
  ['kdbx', 'password-database'],
]);

/** What kind of credential file `path` names (POSIX or Windows separators), if any. */
export function credentialFileKind(path: string): CredentialFileKind | undefined {
  // Runs for every scanned file: slices around the last separators instead of splitting the path.
  const normalized = path.includes('\\') ? path.replace(/\\/g, '/') : path;
  const slash = normalized.lastIndexOf('/');
  const lower = normalized.slice(slash + 1).toLowerCase();
  const byName = BY_NAME.get(lower);
  if (byName !== undefined) return byName;
  const dot = lower.lastIndexOf('.');
  if (dot > 0) {
    const byExt = BY_EXTENSION.get(lower.slice(dot + 1));
    if (byExt !== undefined) return byExt;
  }
  // gcloud's per-account credential files and the AWS CLI's shared credentials file.
  if (lower === 'credentials.json' && (normalized.includes('/gcloud/') || normalized.startsWith('gcloud/')))
    return 'gcloud-credentials';
  if (lower === 'adc.json' && normalized.includes('legacy_credentials/')) return 'gcloud-credentials';
  if (lower === 'credentials' && slash > 0) {
    const parent = normalized.slice(normalized.lastIndexOf('/', slash - 1) + 1, slash).toLowerCase();
    if (parent === '.aws') return 'aws-credentials';
  }
  // Google OAuth client secret downloads: client_secret_<id>.apps.googleusercontent.com.json
  if (/^client_secret.*\.apps\.googleusercontent\.com\.json$/.test(lower)) return 'gcloud-credentials';
  return undefined;
}

/** True for private-key and keystore file names: `id_rsa`, `*.p12`, `*.pfx`, `*.jks`, `*.keystore`, `*.ppk`, gcloud credentials... */
export function isCredentialFileName(path: string): boolean {
  return credentialFileKind(path) !== undefined;
}
