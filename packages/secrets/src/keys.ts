/**
 * Judging key names: is `DB_PASSWORD` / `auth.clientSecret` / `api-key` the name of a
 * credential, or of something about one (`PASSWORD_MIN_LENGTH`, `TOKEN_ENDPOINT`, `*_FILE`)?
 */

/** Words that name a credential on their own. */
const CREDENTIAL_WORDS = new Set([
  'password',
  'passwd',
  'passwort',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'cred',
  'authtoken',
  'accesstoken',
  'refreshtoken',
  'secretkey',
  'privatekey',
  'clientsecret',
  'appsecret',
  'masterkey',
  'pat',
  'pin',
]);

/** `<word>_key` pairs that name a credential (`api_key`, `SECRET_KEY`, `encryptionKey`). */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'master',
  'encryption',
  'encrypt',
  'decryption',
  'signing',
  'sign',
  'auth',
  'app',
  'application',
  'session',
  'jwt',
  'hmac',
  'client',
  'service',
  'account',
  'storage',
  'license',
  'licence',
  'shared',
  'webhook',
  'consumer',
  'subscription',
  'admin',
  'crypt',
  'cipher',
  'aes',
  'ssh',
  'deploy',
  'write',
  'read',
  'ingest',
  'integration',
  'server',
  'cookie',
  'csrf',
  'otp',
  'totp',
  'mfa',
  'bot',
  'rpc',
  'token',
  'x',
]);

/** A last word that makes the key describe something about a credential rather than hold one. */
const NON_VALUE_LAST = new Set([
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'folder',
  'location',
  'loc',
  'url',
  'uri',
  'urls',
  'uris',
  'endpoint',
  'endpoints',
  'host',
  'hostname',
  'server',
  'port',
  'domain',
  'length',
  'len',
  'min',
  'max',
  'minimum',
  'maximum',
  'size',
  'count',
  'limit',
  'chars',
  'charset',
  'field',
  'fields',
  'name',
  'names',
  'type',
  'types',
  'kind',
  'mode',
  'method',
  'methods',
  'strategy',
  'enabled',
  'enable',
  'disabled',
  'disable',
  'required',
  'optional',
  'header',
  'headers',
  'param',
  'params',
  'parameter',
  'prompt',
  'label',
  'labels',
  'placeholder',
  'hint',
  'message',
  'msg',
  'text',
  'title',
  'description',
  'desc',
  'help',
  'error',
  'errors',
  'policy',
  'policies',
  'regex',
  'regexp',
  'pattern',
  'format',
  'expiry',
  'expires',
  'expiration',
  'expire',
  'ttl',
  'timeout',
  'lifetime',
  'age',
  'duration',
  'interval',
  'id',
  'ids',
  'version',
  'ref',
  'refs',
  'reference',
  'arn',
  'algorithm',
  'algo',
  'alg',
  'hash',
  'hashed',
  'hasher',
  'hashing',
  'rotation',
  'provider',
  'providers',
  'store',
  'manager',
  'backend',
  'source',
  'sources',
  'env',
  'var',
  'variable',
  'vars',
  'selector',
  'template',
  'prefix',
  'suffix',
  'complexity',
  'strength',
  'validator',
  'validation',
  'validators',
  'reset',
  'changed',
  'updated',
  'created',
  'at',
  'date',
  'time',
  'status',
  'state',
  'scope',
  'scopes',
  'audience',
  'issuer',
  'usage',
  'class',
  'classname',
  'style',
  'icon',
  'input',
  'button',
  'link',
  'route',
  'view',
  'form',
  'page',
  'component',
  'handler',
  'mount',
  'volume',
  'namespace',
  'generator',
  'command',
  'cmd',
  'script',
  'user',
  'username',
  'users',
  'login',
  'email',
  'sha',
  'digest',
  'checksum',
  'fingerprint',
  'bucket',
  'table',
  'column',
  'index',
  'attr',
  'attribute',
  'property',
  'setting',
  'settings',
  'config',
  'configuration',
  'option',
  'options',
  'flag',
  'check',
  'list',
  'map',
  'schema',
  'spec',
  'keyref',
  'secretref',
  'ssm',
  'kms',
  'annotation',
  'annotations',
  'length',
  'rules',
  'rule',
  'level',
  'callback',
  'redirect',
  'location',
  'exchange',
  'introspection',
  'revocation',
  'introspect',
  'revoke',
  'request',
  'response',
  'type',
  'encoding',
  'encoded',
  'cache',
  'storage',
  'type',
  'lookup',
  'usages',
  'mapping',
  'key',
  'keys',
  'fn',
  'func',
  'function',
  'class',
  'ctor',
  'factory',
  'service',
  'client',
  'api',
  'module',
  'plugin',
  'event',
  'events',
  'metric',
  'metrics',
  'counter',
  'gauge',
  'log',
  'logs',
  'visible',
  'visibility',
  'toggle',
  'shown',
  'hidden',
  'hide',
  'show',
  'mask',
  'masked',
  'generated',
  'generate',
  'random',
  'auto',
  'salt',
  'rounds',
  'iterations',
  'cost',
  'ok',
  'valid',
  'invalid',
  'confirmation',
  'confirm',
  'match',
  'mismatch',
  'strategy',
  'grant',
  'context',
  'sep',
  'separator',
  'delimiter',
  'char',
  'character',
  'symbol',
  'symbols',
  'digits',
  'lowercase',
  'uppercase',
  'numbers',
  'special',
  'entropy',
  'policy',
  'history',
  'reuse',
  'display',
  'displayed',
  'kinds',
  'depth',
  'stack',
  'buffer',
  'stream',
  'queue',
  'position',
  'pos',
  'offset',
  'start',
  'end',
  'range',
  'span',
  'node',
  'nodes',
  'parser',
  'lexer',
  'target',
  'targets',
  'tokenizer',
  'matcher',
]);

/** A first word that makes the key describe a credential's handling (`existingSecret`, `useSecret`). */
const NON_VALUE_FIRST = new Set([
  'existing',
  'use',
  'uses',
  'create',
  'auto',
  'generate',
  'generated',
  'random',
  'min',
  'max',
  'is',
  'has',
  'show',
  'hide',
  'allow',
  'require',
  'requires',
  'enable',
  'enabled',
  'disable',
  'forgot',
  'reset',
  'no',
  'num',
  'validate',
  'check',
  'get',
  'set',
  'on',
  'handle',
  'public',
  'pub',
  'external',
  'sealed',
  'mount',
  'default',
  'last',
  'next',
  'prev',
  'previous',
  'all',
  'any',
  'by',
  'skip',
  'parse',
  'read',
  'write',
  'id',
  'js',
  'csrf',
]);

/** Words anywhere in the key that rule it out. */
const NON_VALUE_ANY = new Set([
  'public',
  'pubkey',
  'publickey',
  'keyref',
  'secretkeyref',
  'secretref',
  'secretname',
  'existingsecret',
  'gpg',
  'pgp',
  'csrf',
  'xsrf',
  'i18n',
  'nonce',
]);

/** Words before a camelCase `Pass` that make it an account's password (`adminPass`, `dbPass`). */
const ACCOUNT_PASS = new Set([
  'admin',
  'root',
  'db',
  'database',
  'user',
  'mysql',
  'postgres',
  'redis',
  'mongo',
  'rabbit',
  'smtp',
  'mail',
  'ftp',
  'sftp',
  'ldap',
  'bind',
  'proxy',
  'master',
  'sa',
  'sys',
  'keystore',
  'truststore',
  'store',
  'rcon',
  'vnc',
  'wifi',
  'sql',
]);

/** Splits a key into lower-case words: `authClientSecret` -> [auth, client, secret]. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function isCredentialWord(word: string, next: string | undefined): boolean {
  if (CREDENTIAL_WORDS.has(word)) return true;
  if (word === 'pass' || word === 'pwd') return true;
  // Concatenated lower-case names: `dbpassword`, `rootpassword`, `adminsecret`, `githubtoken`.
  if (/(password|passwd|secret|token|apikey|passphrase|privatekey)$/.test(word) && word.length > 5) return true;
  if (word === 'key' && next === undefined) return false;
  return false;
}

/**
 * Whether a key names a credential: `password`, `DB_PASSWORD`, `auth.clientSecret`, `api-key`,
 * `SECRET_KEY`... but not `PASSWORD_MIN_LENGTH`, `TOKEN_ENDPOINT`, `DB_PASSWORD_FILE`, `GPG_KEY`,
 * `existingSecret`, `secretKeyRef`, `public_key`. Dotted paths are judged by their last segment.
 */
export function isCredentialKey(key: string): boolean {
  let k = key.trim().replace(/^["'`:@$]+|["'`]+$/g, '');
  // `spring.datasource.password`, `auth.password`, `[database] password` are judged by the leaf.
  const dot = k.lastIndexOf('.');
  if (dot !== -1 && dot < k.length - 1) k = k.slice(dot + 1);
  const words = keyWords(k);
  if (words.length === 0 || words.length > 8) return false;
  // `pass` alone is ambiguous in camelCase code (`allPass`, `anyPass`): only `DB_PASS`, `pass`, `db-pass`.
  // `adminPass`, `rootPass`, `dbPass` name an account's password even in camelCase.
  if (
    words[words.length - 1] === 'pass' &&
    words.length > 1 &&
    !/[_.-]/.test(k) &&
    !/^[A-Z0-9]+$/.test(k) &&
    !ACCOUNT_PASS.has(words[words.length - 2] as string)
  )
    return false;
  for (const w of words) if (NON_VALUE_ANY.has(w)) return false;
  // `configFromSecret`, `passwordFromFile`, `tokenFromEnv` name where the value comes from.
  if (words.length > 2 && words.includes('from')) return false;
  const last = words[words.length - 1] as string;
  const first = words[0] as string;
  // Vault AppRole's `secret_id` is a credential although `id` usually is not.
  if (last === 'id' && words[words.length - 2] === 'secret') return true;
  // `defaultUserPassword`, `defaultAdminPassword` are passwords (of the default account); other
  // `default*` keys (`defaultSecretName`) describe handling.
  const defaultAccountPassword = first === 'default' && /^(password|passwd|passphrase|pass|pwd)$/.test(last);
  if (words.length > 1 && NON_VALUE_FIRST.has(first) && !defaultAccountPassword) return false;
  // The Erlang distribution cookie (`RELEASE_COOKIE`, `ERLANG_COOKIE`) lets any node join the cluster.
  if (
    last === 'cookie' &&
    words.length > 1 &&
    /^(erlang|erl|release|node|beam|rabbitmq|couchdb)$/.test(words[words.length - 2] as string)
  )
    return true;
  if (last === 'key' || last === 'keys') {
    const before = words[words.length - 2];
    // `passwordKey: admin-password` names the key inside a Secret, not a credential.
    if (before !== undefined && /^(password|passwd|pwd|token|user|username|credentials?)$|password$/.test(before))
      return false;
    // `passwordSecretKey`, `tokenSecretKey`: the key of a credential inside a Secret.
    const third = words[words.length - 3];
    if (
      before === 'secret' &&
      third !== undefined &&
      /^(password|passwd|pwd|token|user|username|credentials?|apikey)$/.test(third)
    )
      return false;
    return before !== undefined && (KEY_QUALIFIERS.has(before) || isCredentialWord(before, 'key'));
  }
  if (NON_VALUE_LAST.has(last)) return false;
  // `x_api_key_id` was handled above; `SECRET_KEY_BASE` (Rails) still names a credential.
  if (last === 'base' && words.includes('key')) return true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (isCredentialWord(w, words[i + 1])) return true;
    if ((w === 'key' || w === 'keys') && i > 0 && KEY_QUALIFIERS.has(words[i - 1] as string)) return true;
    if (w === 'auth' && words[i + 1] === undefined && i > 0)
      return /^(basic|http|proxy|registry|smtp)$/.test(words[i - 1] as string);
  }
  return false;
}

/** Keys that name a password specifically (weak defaults are only judged for these). */
export function isPasswordKey(key: string): boolean {
  return (
    /pass(word|wd|phrase)?\b|pwd|passwort|_pass$/i.test(key.replace(/([a-z])([A-Z])/g, '$1_$2')) && isCredentialKey(key)
  );
}

/** `storageKey`, `sessionKey`, `cacheKey` in camelCase code: the key names a storage slot, its value the slot's name. */
export function isSlotKey(key: string): boolean {
  const leaf = key.trim().replace(/^.*\./, '');
  return /^(storage|session|cache|cookie|local|state|item|query|header|param|theme|lookup|store|map|field)(Key|_key)$/.test(
    leaf,
  );
}

/** `accessKey`, `MINIO_ACCESS_KEY`, `access_key`: an access key id, the account half of a key pair (not `secret_access_key`). */
export function isAccessKeyIdKey(key: string): boolean {
  const words = keyWords(key.trim().replace(/^.*\./, ''));
  const n = words.length;
  return n >= 2 && words[n - 1] === 'key' && words[n - 2] === 'access' && !words.includes('secret');
}
