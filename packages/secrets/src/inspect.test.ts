// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${VAR}` strings are test data, not templates
import { describe, expect, it } from 'vitest';
import { inspectAssignment } from './inspect.js';
import { isCredentialKey } from './keys.js';
import { isPlaceholder } from './values.js';

const ids = (key: string, value: string) => inspectAssignment(key, value).map((f) => f.detectorId);

describe('isCredentialKey', () => {
  it.each([
    'password',
    'DB_PASSWORD',
    'db.password',
    'auth.clientSecret',
    'api-key',
    'apiKey',
    'SECRET_KEY',
    'SECRET_KEY_BASE',
    'AUTH_TOKEN',
    'client_secret',
    'MYSQL_ROOT_PASSWORD',
    'private_key',
    'secret_id',
    'rootpassword',
    'passphrase',
    'ENCRYPTION_KEY',
    'spring.datasource.password',
  ])('%s names a credential', (key) => expect(isCredentialKey(key)).toBe(true));
  it.each([
    'GPG_KEY',
    'DB_PASSWORD_FILE',
    'TOKEN_ENDPOINT',
    'PASSWORD_MIN_LENGTH',
    'password_min_length',
    'token_url',
    'tokenUrl',
    'PASSWORD_FIELD',
    'existingSecret',
    'secretKeyRef',
    'secretName',
    'public_key',
    'AWS_ACCESS_KEY_ID',
    'passwordKey',
    'username',
    'key',
    'auth',
    'auth_type',
    'PASSWORD_RESET_TIMEOUT',
    'SECRET_ARN',
    'token_expiry',
  ])('%s does not', (key) => expect(isCredentialKey(key)).toBe(false));
});

describe('isPlaceholder', () => {
  it.each([
    '',
    'changeme',
    '<your-token>',
    'xxxxxxxx',
    '00000000',
    'REPLACE_ME',
    'your-api-key-here',
    '${VAR}',
    '${VAR:?err}',
    '{{ .Values.x }}',
    '${{ secrets.X }}',
    '%VAR%',
    '****',
    'TODO',
    'sk_live_XXXXXXXXXXXXXXXX',
  ])('%s is a placeholder', (v) => expect(isPlaceholder(v)).toBe(true));
  it.each(['s3cr3tP@ss', 'hunter2-prod', 'Xk39dLqPz7', 'admin123'])('%s is not', (v) =>
    expect(isPlaceholder(v)).toBe(false),
  );
});

describe('inspectAssignment', () => {
  it.each([
    ['GPG_KEY', 'B42F6819007F00F88E364FD4036A9C25BF357DD4'],
    ['DB_PASSWORD_FILE', '/run/secrets/db_password'],
    ['TOKEN_ENDPOINT', 'https://auth.example.com/oauth/token'],
    ['PASSWORD_MIN_LENGTH', '8'],
    ['PASSWORD', ''],
    ['PASSWORD', '${PASSWORD}'],
    ['API_TOKEN', '$API_TOKEN'],
    ['SECRET', 'true'],
    ['password', '{{ .Values.password }}'],
    ['password', '${{ secrets.DB_PASSWORD }}'],
    ['password', 'process.env.DB_PASSWORD'],
    ['api_key', 'your-api-key-here'],
    ['password', 'changeme'],
    ['DATABASE_URL', 'postgres://${DB_USER}:${DB_PASS}@db/app'],
    ['REDIS_URL', 'redis://localhost:6379/0'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'],
    ['CHECKSUM', `sha256:${'ab'.repeat(32)}`],
  ])('%s=%s is silent', (key, value) => expect(inspectAssignment(key, value)).toEqual([]));

  it('reports a generic literal with offsets inside the value', () => {
    const [f] = inspectAssignment('DB_PASSWORD', '"s3cr3tP@ss"');
    expect(f).toMatchObject({
      detectorId: 'generic-credential',
      kind: 'generic',
      secret: 's3cr3tP@ss',
      start: 1,
      end: 11,
      severity: 'high',
    });
  });
  it('rates weak defaults as default credentials', () => {
    expect(ids('ADMIN_PASSWORD', 'admin123')).toEqual(['default-credential']);
    expect(ids('KAFKA_PASSWORD', 'kafka-secret')).toEqual(['default-credential']);
  });
  it('finds URL credentials whatever the key', () => {
    const [f] = inspectAssignment('DATABASE_URL', 'postgres://app:Xk39dLqPz@db:5432/app');
    expect(f).toMatchObject({ kind: 'url-credential', secret: 'Xk39dLqPz', start: 15, end: 24 });
  });
  it('finds provider tokens anywhere in the value', () => {
    const token = 'xoxb-' + '4829174630592-7391046285710-' + 'Qm7Zr2Lx9Kp4Wt6Vn1Bs8Hc3';
    const found = inspectAssignment('NOTES', `use ${token} here`);
    expect(found.some((f) => f.kind === 'token' && f.secret === token)).toBe(true);
  });
  it('reports literal Authorization values', () => {
    expect(ids('Authorization', 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0')).toEqual(['authorization-header']);
    expect(ids('Authorization', 'Bearer $TOKEN')).toEqual([]);
  });
});
