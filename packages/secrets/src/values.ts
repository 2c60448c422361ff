/**
 * Judging values: a literal secret, or a placeholder, interpolation, reference, boolean, number,
 * path, URL, hash, documentation example or prose?
 */

export type ValueClass =
  | 'empty'
  | 'placeholder'
  | 'interpolation'
  | 'reference'
  | 'boolean'
  | 'number'
  | 'path'
  | 'url'
  | 'hash'
  | 'public'
  | 'prose'
  | 'weak'
  | 'literal';

/** Strips one level of matching quotes and surrounding whitespace. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2) {
    const q = v[0];
    if ((q === '"' || q === "'" || q === '`') && v[v.length - 1] === q) return v.slice(1, -1);
  }
  return v;
}

const INTERPOLATION =
  /\$\{|\$\(|^\$[A-Za-z_][\w]*$|\{\{|\}\}|\{%|^%[\w.-]+%$|#\{|<%|^@[\w.-]+@$|^__[\w-]+__$|\$\$\{|^\{[\w.-]+\}$|\$[A-Z_][A-Z0-9_]{2,}|%\(\w+\)s|%s$|^\$[A-Za-z_]\w*(\.[\w-]+)+$|^\{\d*\}$|^\$\d$|\[\[.*\]\]/;

/** True for interpolations of other values: `${VAR}`, `$VAR`, `{{ .Values.x }}`, `${{ secrets.X }}`, `%VAR%`, `#{x}`. */
export function isInterpolation(value: string): boolean {
  return INTERPOLATION.test(value);
}

const REFERENCE =
  /process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv\(|System\.getenv|Environment\.GetEnvironmentVariable|ENV\[|ENV\.fetch|env\(|Deno\.env|secretKeyRef|valueFrom|existingSecret|^(var|local|data|module)\.[\w.-]+$|^vault:|^ref\+|^secret:\/\/|^arn:aws[\w-]*:(secretsmanager|ssm|kms):|^ssm:|^!(Ref|Sub|GetAtt|ImportValue)|\{\{resolve:|^op:\/\/|^sm:\/\/|^awssm|@Microsoft\.KeyVault|^azurekeyvault|^projects\/[\w-]+\/secrets\/|^file:|^env:|^secretsmanager:|^keyring:|^gcp:secretmanager|^akv:|^sops:|^ENC\[|^AQICAH|^vault\.|^\$?secrets\.[\w.]+$|^\$__(env|file|vault)\{|^settings\.[\w.]+$|^config\.[\w.]+$/;

/** True for references to a value kept elsewhere: `process.env.X`, `os.environ[...]`, `var.x`, `secretKeyRef`, vault paths. */
export function isReference(value: string): boolean {
  return REFERENCE.test(value);
}

const PLACEHOLDER_WORDS =
  /^(change[-_.]?(me|it|this)|replace[-_.]?(me|this)|to[-_.]?do|tbd|fixme|xxx+|placeholder|redacted|hidden|masked|removed|omitted|none|null|nil|undefined|n\/?a|empty|unset|not[-_]?set|notset|set[-_]?me|setme|required|default|secret[-_]?here|password[-_]?here|token[-_]?here|key[-_]?here|foo|bar|baz|foobar|qux|dummy|fake|bogus|sample|example|example\d*|test[-_]?(token|key|secret)|my[-_]?(api[-_]?)?(token|key|secret)|(some|my)?[-_]?values?|\.\.\.|…|-+|\?+|<[^>]*>)$/i;
const PLACEHOLDER_PARTS =
  /(^|[^a-z])your[-_ .]?[a-z_-]*|^(votre|vos|ton|dein|deine|ihr|ihre|tua|seu|sua)[-_ .][a-z]|[-_ ](ici|aqui|aquí|hier|qui)$|[-_ ]here$|^<.*>$|^\[.*\]$|^\(.*\)$|change[-_.]?me|replace[-_.]?(me|with|this)|insert[-_ ]|enter[-_ ]|put[-_ ].*here|placeholder|redacted|example|dummy|fake|sample|_?goes_?here|\bnot[-_ ]?a[-_ ]?(real|secret)|\bxx{3,}|X{4,}|\*{3,}|•{3,}|\.{3,}|…|\btodo\b/i;

/**
 * Stand-ins shaped like a token or named after the key: a provider prefix followed only by
 * masking (`sk-xxx`, `ghp_***`), or the key's own words plus `value` (`api-key-value`).
 */
const SHAPED_PLACEHOLDER =
  /^[a-z0-9]{1,12}[-_](x{3,}|X{3,}|\*{3,}|\.{3,}|…)$|^([a-z]+[-_]){0,3}(key|token|secret|password|passwd|pass|apikey|credential)[-_]value$/i;

/** A run of one character filling most of the value (`xxxxxxxx`, `00000000`, `sk_live_XXXXXXXX`). */
function isMostlyRepeated(value: string): boolean {
  if (/^(.)\1+$/.test(value)) return true;
  // A short unit repeated (`abcabcabcabc`, `password=password=...`): filler, not a secret.
  if (value.length >= 16 && value.length <= 4096 && /^(.{2,16}?)\1{3,}.{0,16}$/s.test(value)) return true;
  const m = value.match(/([xX*0#•.])\1{5,}/);
  return m !== null && m[0].length * 2 >= value.length;
}

/**
 * True for values that stand in for a secret rather than being one: empty, `changeme`,
 * `<your-token>`, `xxxx...`, `0000...`, `REPLACE_ME`, `your-api-key-here`, and interpolations of
 * other values (`${VAR}`, `{{ .Values.x }}`, `%VAR%`), which are placeholders filled at run time.
 */
export function isPlaceholder(value: string): boolean {
  const v = unquote(value);
  if (v.length === 0) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (PLACEHOLDER_PARTS.test(v)) return true;
  if (SHAPED_PLACEHOLDER.test(v)) return true;
  if (isMostlyRepeated(v)) return true;
  if (isInterpolation(v)) return true;
  return false;
}

/**
 * Weak, guessable defaults (`admin`, `admin123`, `kafka-secret`, `postgres`, `password1`). They
 * are real credentials in deployable config: reported as default credentials, not ignored.
 */
const WEAK_EXACT = new Set([
  'admin',
  'admin1',
  'admin12',
  'admin123',
  'admin1234',
  'administrator',
  'password',
  'password1',
  'password12',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'pass@word1',
  'p@ssw0rd1',
  'pa55word',
  'secret',
  'secret1',
  'secret123',
  'root',
  'toor',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  'qwerty',
  'qwerty123',
  'letmein',
  'welcome',
  'welcome1',
  'guest',
  'test',
  'test1',
  'test123',
  'testing',
  'user',
  'user123',
  'demo',
  'demo123',
  'postgres',
  'mysql',
  'redis',
  'rabbitmq',
  'mongo',
  'mongodb',
  'elastic',
  'changeme123',
  'changeit',
  'changethis',
  'minioadmin',
  'minio123',
  'pass',
  'pass123',
  'pass1234',
  'abc123',
  'abcd1234',
  'iloveyou',
  'master',
  'sa',
  'oracle',
  'jenkins',
  'sonar',
  'airflow',
  'superset',
  'keycloak',
  'grafana',
  'kibana',
  'adminadmin',
  'rootroot',
  'default123',
  'temp123',
  'trustno1',
  'dragon',
  'monkey',
  'hunter2',
  'secretpassword',
  'mypassword',
  'mysecret',
  'supersecret',
  'topsecret',
  'django',
  'rails',
  'docker',
  'vagrant',
]);

/** True for weak, guessable default credentials (`admin123`, `kafka-secret`, `postgres`). */
export function isWeakDefault(value: string): boolean {
  const v = unquote(value).toLowerCase();
  if (WEAK_EXACT.has(v)) return true;
  if (/^[a-z]{2,12}[-_]?(secret|password|passwd|pass|pwd|pw|123|1234|12345|!|@123|2024|2025|2026)$/.test(v))
    return true;
  // Words joined up to a credential word (`default_cert_password`, `super-strong-password`).
  if (/^([a-z]{2,12}[-_]){1,3}(secret|password|passwd|pass|pwd|key|token)$/.test(v)) return true;
  if (/^(admin|root|user|test|demo|guest|dev|local)[-_]?[a-z]{0,10}$/.test(v) && v.length <= 14) return true;
  return false;
}

/** Rates, sizes and durations (`1000/min`, `10MB`, `512Mi`, `30s`): settings about a credential, not one. */
const QUANTITY =
  /^\d+(\.\d+)?\s*\/\s*(s|sec|second|m|min|minute|h|hr|hour|d|day|w|week|mo|month|y|year)s?$|^\d+(\.\d+)?\s*([kmgtpe]i?b?|b|bytes?|[kmgt]bps|ms|us|µs|ns|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|y|years?|%)$/i;
/** A YAML anchor or alias (`&app-secrets`, `*db-creds`): a name for a node, not a value. */
const YAML_ANCHOR = /^[&*][A-Za-z_][\w.-]*$/;
/** Template references of view languages (`{@current_token}`, `{assigns[:tfa_secret]}`, `{this.props.token}`). */
const TEMPLATE_REF = /^\{@?[A-Za-z_][\w.:@]*(\[[^\]\s]{1,64}\])*\}$/;
/** Lower-case identifier words (`app-theme`, `routes/main`, `hosted-grafana-id`). */
const IDENTIFIER_WORDS = /^[a-z][a-z0-9]*([-_.:][a-z0-9]+)*$/;

/** Credential words that name the same thing (`Pass` and `password` restate each other). */
const SYNONYM: Record<string, string> = {
  pass: 'password',
  passwd: 'password',
  pwd: 'password',
  pw: 'password',
  passwort: 'password',
  secrets: 'secret',
  creds: 'credential',
  cred: 'credential',
  credentials: 'credential',
  tokens: 'token',
  keys: 'key',
};

function identifierWords(v: string): string[] {
  return v
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => SYNONYM[w] ?? w);
}

/**
 * How a value relates to its key's words: `equal` when it restates the key (`PASSWORD =
 * "password"`, `"Pass" => "password"`, `HASHED_PASSWORD = "hashed_password"`), `subset` when it is
 * one of the key's words (`tokenSecretKey: token`, `sessionKey = 'session'`), undefined otherwise.
 */
export function restatesKey(value: string, keyWordsLower: readonly string[]): 'equal' | 'subset' | undefined {
  if (keyWordsLower.length === 0 || !/^[A-Za-z][A-Za-z0-9]*([-_.: ][A-Za-z0-9]+)*$/.test(value)) return undefined;
  if (value.length > 64) return undefined;
  const key = new Set(keyWordsLower.map((w) => SYNONYM[w] ?? w));
  const words = identifierWords(value);
  if (words.length === 0 || !words.every((w) => key.has(w))) return undefined;
  return new Set(words).size === key.size ? 'equal' : 'subset';
}

/**
 * Ascending or descending runs (`1234`, `abcd`, `8765`; hex counts `9` then `a`) covering much of
 * the value: typed by hand, known to everyone (`0123456789abcdef...`, `8312341g-5678-abcd-...`).
 */
export function isSequential(value: string): boolean {
  const v = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (v.length < 8) return false;
  const code = (c: string) => (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 87);
  let covered = 0;
  let runs = 0;
  let i = 0;
  while (i < v.length) {
    let j = i + 1;
    const step = j < v.length ? code(v[j] as string) - code(v[i] as string) : 0;
    if (step === 1 || step === -1) while (j < v.length && code(v[j] as string) - code(v[j - 1] as string) === step) j++;
    if (j - i >= 4) {
      covered += j - i;
      runs++;
      i = j;
    } else i++;
  }
  return covered / v.length >= 0.5 || (runs >= 3 && covered / v.length >= 0.3);
}

const BOOLEAN = /^(true|false|yes|no|on|off|enabled|disabled|enable|disable|y|n|t|f)$/i;
/** Enumerated setting values that name a mode, never a secret (`id-token: write`, `auth: bearer`). */
const ENUM_WORDS =
  /^(read|write|none|all|public|private|internal|required|optional|auto|manual|inherit|bearer|basic|digest|jwt|oauth2?|oidc|saml|ldap|header|query|cookie|body|plain|plaintext|hashed|sha1|sha256|sha512|bcrypt|scrypt|argon2(id)?|pbkdf2|md5|hex|base64|utf-?8|env|file|vault|string|number|boolean|text|hidden|masked|include|omit|same-origin|strict|lax|disabled|enabled|random|generated|notasecret|passed|failed|skipped|pending|success|ok|error|encrypted|decrypted|array|collection|datetime|immutable_datetime|timestamp|integer|int|float|double|decimal|bool|object|json|asstringable|hash)$/i;
/** Package versions and ranges (`^4.0.0`, `~1.2`, `>=2 <3`, `workspace:*`, `npm:x@1`). */
const VERSION =
  /^([~^=v]|[<>]=?)?\d+(\.\d+){1,3}([-+][\w.-]+)?$|^(workspace|npm|file|link|catalog|portal|patch):|^\*$|^latest$|^next$/;
/** A call or expression rather than a literal: `reader.readString()`, `getPassword()`. */
const CALL = /^[\w$.]+\(.*\)[,;]?$/;
/** Identifier-shaped values (`?NonExpressionParenEnd`, `overEvery`) name code, not secrets. */
const IDENTIFIER = /^[?#@][A-Za-z]+$|^_*[A-Za-z][a-z]+(?:[A-Z][a-z]+){2,}[A-Z0-9]{0,3}$/;
const NUMBER = /^[-+]?(\d+(\.\d+)?|\.\d+|0x[0-9a-f]+)([eE][-+]?\d+)?$/i;
const HASH =
  /^(sha(1|224|256|384|512)[:-]|md5[:-]|sha512-[A-Za-z0-9+/]+=*$|sha384-|sha256-|[a-f0-9]{40}$|[a-f0-9]{64}$|[a-f0-9]{128}$)/i;
/**
 * Stored password hashes and ciphertext: modular-crypt hashes (bcrypt `$2b$`, argon2, `$apr1$`,
 * sha-crypt `$5$`/`$6$`, yescrypt `$y$`, scrypt, pbkdf2), LDAP-style `{SSHA}` hashes, and values
 * encrypted at rest (dotenvx `encrypted:`, SOPS `ENC[...]`, Ansible `$ANSIBLE_VAULT`). None of them
 * lets a reader log in: a hash has to be cracked, ciphertext needs a key kept elsewhere.
 */
const STORED_HASH =
  /^\$(2[abxy]?|argon2(id|i|d)|apr1|1|5|6|7|y|gy|md5|sha1|scrypt|pbkdf2(-sha\d+)?)\$[\w$./+=,-]{8,}$|^\{(SSHA|SHA|SSHA256|SSHA512|SHA256|SHA512|SMD5|MD5|CRYPT|PBKDF2[\w-]*|ARGON2)\}\S{8,}$|^encrypted:[A-Za-z0-9+/=_-]{24,}$|^\$ANSIBLE_VAULT;|^(pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt_sha256|bcrypt|scrypt)\$[\w$./+=-]{16,}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PUBLIC_MATERIAL =
  /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-|sk-ssh-|-----BEGIN (PUBLIC KEY|CERTIFICATE|RSA PUBLIC KEY|PGP PUBLIC|OPENSSH PUBLIC|X509)|data:[\w/+.-]+;base64,|MII[A-Za-z0-9+/]*IDAQAB$)/;

function isPath(v: string): boolean {
  if (/^(\/|\.\.?\/|~\/|[A-Za-z]:\\|\\\\)/.test(v)) return /^[\w.~/\\:@ -]+$/.test(v) && !/[+=]/.test(v);
  // Lower-case word segments joined by slashes: a route or resource path (`routes/main`).
  if (/^[a-z][a-z-]*(\/[a-z][a-z_-]*)+\/?$/.test(v)) return true;
  return /^[\w.-]+(\/[\w.-]+)+\.(pem|key|crt|cer|txt|json|ya?ml|env|conf|cfg|ini|p12|pfx|jks|keystore|gpg|asc|der|pub)$/i.test(
    v,
  );
}

function isUrl(v: string): boolean {
  return /^[a-z][a-z0-9+.-]{1,15}:\/\/\S+$/i.test(v) && !/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(v);
}

/**
 * Prose and labels rather than secrets: text with spaces, UI labels repeating a credential word
 * (`Password`, `Passwort`), identifiers naming other settings (`DB_PASSWORD`), k8s-style names
 * for keys that usually hold a Secret's name.
 */
function isProse(v: string, keyWordsLower: string[], passphrase = false): boolean {
  // A passphrase in an env file (`BACKUP_PASSPHRASE="correct horse battery staple"`) is words
  // separated by spaces: lower-case words without sentence punctuation are a secret there.
  if (passphrase && /^[a-z0-9][a-z0-9'-]*( [a-z0-9][a-z0-9'-]*){2,11}$/.test(v.trim())) return false;
  if (/\s/.test(v.trim())) {
    // Multi-word values: prose ("Enter your password"), not a secret, unless it is a
    // basic-auth/bearer literal that the header rule judges.
    return true;
  }
  const lower = v.toLowerCase();
  if (
    /^[A-Z][a-z]+[.:!?]?$/.test(v) &&
    (keyWordsLower.includes(lower.replace(/[.:!?]$/, '')) ||
      /^(password|passwort|passwd|secret|token|key|contraseña|mot)/.test(lower))
  )
    return true;
  // Names of a token slot (a localStorage/cookie/header/form field): `access_token`, `x-api-key`.
  if (
    /^(x[-_])?(access|refresh|id|auth|api|session|csrf|xsrf|bearer|jwt|oauth|user|app)[-_](token|key|session)s?$/i.test(
      v,
    )
  )
    return true;
  // An assignment spec (`PUBLIC_KEY=signing-key:public_key`): names of settings, not a value.
  if (/^[A-Z][A-Z0-9_]*=[\w.:/-]*$/.test(v)) return true;
  // Names of other settings or env vars: `DB_PASSWORD`, `SECRET_KEY_NAME`.
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(v)) return true;
  // Dotted identifiers (`settings.SECRET_KEY`, `self.password`) are references in code.
  if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(v) && !/\d/.test(v) && v.length < 60) return true;
  return false;
}

export interface ClassifyOptions {
  /** Lower-cased words of the key (labels repeating the key are prose). */
  keyWords?: string[];
  /** The key usually names a Secret object rather than holding one (`secret: my-app-creds`). */
  nameLike?: boolean;
  /** A password/passphrase key of an env file, where space-separated words are a passphrase. */
  passphrase?: boolean;
  /** The key as written (its casing tells a constant or enum member from a lower-case field). */
  keyName?: string;
  /** The pair is in source code, where a value restating its key is a field-name constant. */
  code?: boolean;
  /** The key names a storage slot (`storageKey`, `sessionKey`, `cacheKey`): its value is the slot's name. */
  slotKey?: boolean;
  /** The slot key as written (a snake_case slot key only takes values made of words). */
  slotKeyName?: string;
  /** The key names an access key id (`accessKey`, `MINIO_ACCESS_KEY`), the account half of a pair. */
  accessKeyId?: boolean;
}

/**
 * Classifies a value bound to a credential-named key. Only `literal` and `weak` are secrets.
 */
export function classifyValue(raw: string, options: ClassifyOptions = {}): ValueClass {
  const v = unquote(raw);
  if (v.length === 0) return 'empty';
  if (isInterpolation(v) || TEMPLATE_REF.test(v)) return 'interpolation';
  if (isReference(v) || YAML_ANCHOR.test(v)) return 'reference';
  if (BOOLEAN.test(v)) return 'boolean';
  if (ENUM_WORDS.test(v) || VERSION.test(v)) return 'prose';
  if (CALL.test(v) || IDENTIFIER.test(v)) return 'reference';
  if (NUMBER.test(v)) return /^\d{6,}$/.test(v) && isWeakDefault(v) ? 'weak' : 'number';
  if (QUANTITY.test(v)) return 'number';
  // Field names and slot names: a value made of its key's words, a storage slot's name, an
  // access key's account name (the secret half is judged on its own key).
  const restates = restatesKey(v, options.keyWords ?? []);
  const weak = isWeakDefault(v);
  // Only a well-known weak password (`DB_PASSWORD = "password"`) outweighs restating the key.
  const weakExact = WEAK_EXACT.has(v.toLowerCase());
  // In code a constant, enum member or map key spelled like a name (`PASSWORD`, `Pass`,
  // `ChangePassword`) whose value restates it is a field name; `password: "password"` in a
  // lower-case hash is a weak value like anywhere else.
  const nameCased = /[A-Z]/.test(options.keyName ?? '');
  if (restates === 'equal' && ((options.code && nameCased) || !weakExact)) return 'prose';
  // In configuration, `POSTGRES_ASTRONOMY_PASSWORD=astronomy_password` is a (weak) password made of
  // the key's words; a value without a credential word (`clusterSecretKey: cluster`) names something.
  const credentialWord = /(pass(word|wd)?|pwd|secret|token|key)$/i.test(v);
  // A password key restated by one of its other words (`WORDPRESS_DB_PASSWORD=wordpress`) holds a
  // weak password; only other keys (`tokenSecretKey: token`, `sessionKey = 'session'`) name things.
  const passwordKey = /^(password|passwd|pass|pwd|pw|passphrase)$/.test(options.keyWords?.at(-1) ?? '');
  if (restates === 'subset' && !weakExact && !passwordKey && (options.code || !credentialWord)) return 'prose';
  if (
    options.slotKey &&
    IDENTIFIER_WORDS.test(v) &&
    v.length <= 64 &&
    (!/_key$/.test(options.slotKeyName ?? '') || !/\d/.test(v))
  )
    return 'reference';
  if (options.accessKeyId && /^[a-z]+([-_.][a-z]+)*$/.test(v)) return 'reference';
  if (PUBLIC_MATERIAL.test(v)) return 'public';
  if (isUrl(v)) return 'url';
  if (isPath(v)) return 'path';
  if (HASH.test(v) && /^(sha|md5)/i.test(v)) return 'hash';
  if (STORED_HASH.test(v)) return 'hash';
  if (/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(v)) return 'placeholder';
  // A key that names a Secret (`secretName`, `adminTokenSecret`) holds a Kubernetes object name.
  if (options.nameLike && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9-]+)*$/.test(v) && /[-.]/.test(v))
    return 'reference';
  // `your-password`, `example_pw`: a placeholder shaped like a weak default is a placeholder.
  if (isPlaceholder(v) && !WEAK_EXACT.has(v.toLowerCase())) return 'placeholder';
  if (weak || isSequential(v)) return 'weak';
  if (isProse(v, options.keyWords ?? [], options.passphrase === true)) return 'prose';
  if (v.length < 4) return 'placeholder';
  // One or two lower-case words (`gitea`, `whalehello`, `c-krit`): guessable, a weak default.
  if (/^(?=.{4,14}$)[a-z]+(-[a-z]+)?$/.test(v)) return 'weak';
  if (UUID.test(v)) return 'literal';
  return 'literal';
}

/** True for a value bound to a credential-named key that is a real secret (literal or weak default). */
export function isSecretValue(cls: ValueClass): boolean {
  return cls === 'literal' || cls === 'weak';
}
