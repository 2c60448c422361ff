import { describe, expect, it } from 'vitest';
import { base62, crc32, hasBase62Crc32Tail } from './checksum.js';
import { anchorKeyword, literalPrefix } from './engine.js';
import {
  createTokenMatcher,
  credentialFileKind,
  DETECTORS,
  findTokens,
  isCredentialFileName,
  isKnownExample,
  isPlaceholder,
} from './index.js';
import { alnum, b64, hex, j } from './samples.js';

/** Samples that legitimately contain a second token of another detector. */
const COMPANIONS: Record<string, readonly string[]> = {
  'aws-secret-access-key': ['aws-access-key-id'],
};

describe('detector catalog', () => {
  it('has at least 150 detectors with unique kebab-case ids', () => {
    expect(DETECTORS.length).toBeGreaterThanOrEqual(MIN_DETECTORS);
    const ids = DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(DETECTORS.map((d) => [d.id, d] as const))('%s is well-formed', (_id, d) => {
    expect(d.pattern.global).toBe(true);
    expect(d.pattern.source).toContain('(?<secret>');
    expect(d.keywords.length).toBeGreaterThan(0);
    for (const keyword of d.keywords) {
      expect(keyword).toBe(keyword.toLowerCase());
      expect(keyword.length).toBeGreaterThanOrEqual(2);
    }
    expect(d.title.length).toBeGreaterThan(0);
    expect(d.description.length).toBeGreaterThan(20);
    expect(d.samples.positive.length).toBeGreaterThanOrEqual(1);
    expect(d.samples.negative.length).toBeGreaterThanOrEqual(1);
    expect(Array.isArray(d.aliases)).toBe(true);
  });
});

/**
 * gitleaks rule ids (default config, v8.x). An alias claims we catch what that id catches, so
 * every alias must be one of these.
 */
const GITLEAKS_IDS = new Set(
  `1password-secret-key 1password-service-account-token adafruit-api-key adobe-client-id adobe-client-secret
  age-secret-key airtable-api-key algolia-api-key alibaba-access-key-id alibaba-secret-key anthropic-admin-api-key
  anthropic-api-key artifactory-api-key artifactory-reference-token asana-client-id asana-client-secret
  atlassian-api-token aws-access-token azure-ad-client-secret clojars-api-token cloudflare-api-key
  cloudflare-global-api-key cloudflare-origin-ca-key codecov-access-token cohere-api-token coinbase-access-token
  confluent-access-token confluent-secret-key contentful-delivery-api-token databricks-api-token
  datadog-access-token digitalocean-access-token digitalocean-pat digitalocean-refresh-token doppler-api-token
  dropbox-long-lived-api-token dropbox-short-lived-api-token duffel-api-token dynatrace-api-token easypost-api-token
  facebook-page-access-token facebook-secret fastly-api-token flutterwave-encryption-key flutterwave-secret-key
  flyio-access-token frameio-api-token gcp-api-key github-app-token github-fine-grained-pat github-oauth github-pat
  github-refresh-token gitlab-cicd-job-token gitlab-deploy-token gitlab-feature-flag-client-token gitlab-feed-token
  gitlab-incoming-mail-token gitlab-kubernetes-agent-token gitlab-oauth-app-secret gitlab-pat gitlab-pat-routable
  gitlab-ptt gitlab-rrt gitlab-runner-authentication-token gitlab-runner-authentication-token-routable
  gitlab-scim-token gocardless-api-token grafana-api-key grafana-cloud-api-token grafana-service-account-token
  harness-api-key hashicorp-tf-api-token heroku-api-key heroku-api-key-v2 huggingface-access-token
  huggingface-organization-api-token infracost-api-token intercom-api-key jfrog-api-key jwt launchdarkly-access-token
  linear-api-key lob-api-key mailchimp-api-key mailgun-private-api-token mailgun-signing-key messagebird-api-token
  microsoft-teams-webhook netlify-access-token new-relic-browser-api-token new-relic-insert-key new-relic-user-api-key
  notion-api-token npm-access-token octopus-deploy-api-key okta-access-token openai-api-key perplexity-api-key
  plaid-api-token plaid-secret-key planetscale-api-token planetscale-oauth-token planetscale-password
  postman-api-token prefect-api-token private-key pulumi-api-token pypi-upload-token readme-api-token
  rubygems-api-token sendgrid-api-token sendinblue-api-token sentry-org-token sentry-user-token shippo-api-token
  shopify-access-token shopify-custom-access-token shopify-private-app-access-token shopify-shared-secret
  slack-app-token slack-bot-token slack-config-access-token slack-config-refresh-token slack-legacy-bot-token
  slack-legacy-token slack-legacy-workspace-token slack-user-token slack-webhook-url snyk-api-token
  sourcegraph-access-token square-access-token stripe-access-token sumologic-access-token telegram-bot-api-token
  travisci-access-token twilio-api-key twitch-api-token twitter-access-secret twitter-api-secret
  twitter-bearer-token typeform-api-token vault-batch-token vault-service-token yandex-access-token yandex-api-key
  yandex-aws-access-token zendesk-secret-key openshift-user-token clickhouse-cloud-api-secret-key
  maxmind-license-key scalingo-api-token settlemint-application-access-token settlemint-personal-access-token
  settlemint-service-access-token easypost-test-api-token gitlab-session-cookie defined-networking-api-token
  intra42-client-secret sidekiq-secret sidekiq-sensitive-url jwt-base64 bitbucket-client-secret bittrex-access-key
  bittrex-secret-key kraken-access-token kucoin-access-token kucoin-secret-key cisco-meraki-api-key
  discord-client-secret discord-api-token droneci-access-token etsy-access-token finicity-client-secret
  finicity-api-token finnhub-access-token flickr-access-token freshbooks-access-token gitter-access-token
  linear-client-secret linkedin-client-secret mattermost-access-token nytimes-access-token privateai-api-token
  rapidapi-access-token sendbird-access-token sentry-access-token squarespace-access-token beamer-api-token
  jfrog-identity-token twitter-api-key twitter-access-token`.split(/\s+/),
);

describe('aliases', () => {
  it('are exact gitleaks rule ids', () => {
    for (const d of DETECTORS)
      for (const alias of d.aliases) expect(GITLEAKS_IDS.has(alias), `${d.id}: ${alias}`).toBe(true);
  });

  it('cover the main gitleaks token rules', () => {
    const covered = new Set(DETECTORS.flatMap((d) => d.aliases));
    expect(covered.size).toBeGreaterThanOrEqual(100);
    for (const id of [
      'aws-access-token',
      'github-pat',
      'gitlab-pat',
      'slack-bot-token',
      'stripe-access-token',
      'private-key',
      'jwt',
      'npm-access-token',
    ]) {
      expect(covered.has(id), id).toBe(true);
    }
  });
});

describe('detector samples', () => {
  for (const d of DETECTORS) {
    describe(d.id, () => {
      it.each(d.samples.positive.map((s, i) => [i, s] as const))('positive sample %i is found', (_i, sample) => {
        const matches = findTokens(sample);
        const own = matches.filter((m) => m.detectorId === d.id);
        expect(own.length, `no ${d.id} match in: ${sample.slice(0, 120)}`).toBeGreaterThanOrEqual(1);
        const others = matches.filter((m) => m.detectorId !== d.id && !(COMPANIONS[d.id] ?? []).includes(m.detectorId));
        expect(others.map((m) => m.detectorId)).toEqual([]);
        for (const m of own) {
          expect(sample.slice(m.start, m.end)).toBe(m.secret);
          expect(m.secret).not.toMatch(/^[\s"'=:]|[\s"',;]$/);
          expect(m.severity).toBe(m.checksum === 'invalid' ? 'medium' : d.severity);
          expect(m.kind).toBe('token');
          // The secret alone is still recognised (the group is the token, not its surroundings),
          // except for detectors that need context (a name or a neighbouring key id).
          if (!CONTEXT_BOUND.has(d.id)) {
            expect(findTokens(m.secret).map((x) => x.detectorId)).toContain(d.id);
          }
        }
      });
      it.each(d.samples.negative.map((s, i) => [i, s] as const))('negative sample %i is silent', (_i, sample) => {
        expect(findTokens(sample).filter((m) => m.detectorId === d.id)).toEqual([]);
      });
    });
  }
});

/** Detectors whose secret group is only a secret because of the text around it. */
const CONTEXT_BOUND = new Set([
  'aws-secret-access-key',
  'azure-storage-account-key',
  'twilio-api-key',
  'twilio-auth-token',
  'gcp-service-account-key',
  ...DETECTORS.filter((d) => d.tags?.includes('context-bound')).map((d) => d.id),
]);
const MIN_DETECTORS = 150;

function githubToken(prefix: string): string {
  const random = alnum(30);
  return prefix + random + base62(crc32(random), 6);
}

describe('checksums', () => {
  it('computes CRC-32 (IEEE)', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
  });

  it('encodes base62 with padding', () => {
    expect(base62(0, 6)).toBe('000000');
    expect(base62(61, 2)).toBe('0z');
    expect(base62(62, 1)).toBe('10');
  });

  it('marks GitHub tokens by their CRC32 tail: valid keeps severity, corrupted is reported as medium', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']) {
      const token = githubToken(prefix);
      expect(hasBase62Crc32Tail(token, 4)).toBe(true);
      const [valid] = findTokens(`t=${token}`);
      expect(valid?.secret).toBe(token);
      expect(valid?.checksum).toBe('valid');
      expect(valid?.severity).toBe('critical');
      const flipped = token.slice(0, 10) + (token[10] === 'a' ? 'b' : 'a') + token.slice(11);
      expect(hasBase62Crc32Tail(flipped, 4)).toBe(false);
      const [invalid] = findTokens(`t=${flipped}`);
      expect(invalid?.secret).toBe(flipped);
      expect(invalid?.checksum).toBe('invalid');
      expect(invalid?.severity).toBe('medium');
    }
  });

  it('checks npm tokens the same way', () => {
    const token = githubToken(j('np', 'm_'));
    expect(findTokens(token).map((m) => [m.detectorId, m.checksum, m.severity])).toEqual([
      ['npm-access-token', 'valid', 'critical'],
    ]);
    const corrupted = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    expect(hasBase62Crc32Tail(corrupted, 4)).toBe(false);
    expect(findTokens(corrupted).map((m) => [m.checksum, m.severity])).toEqual([['invalid', 'medium']]);
  });

  it('rejects tails that are not 36 characters', () => {
    expect(hasBase62Crc32Tail(`ghp_${alnum(35)}`, 4)).toBe(false);
  });
});

describe('documentation examples and placeholders', () => {
  it('drops vendor documentation values', () => {
    expect(isKnownExample(j('AKIAIOSFODNN7', 'EXAMPLE'))).toBe(true);
    expect(isKnownExample(j('wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'))).toBe(true);
    expect(isKnownExample(alnum(40))).toBe(false);
    const docs = [
      `aws_access_key_id = ${j('AKIAIOSFODNN7', 'EXAMPLE')}`,
      `aws_secret_access_key = ${j('wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKEY')}`,
      `https://${j('hooks.sl', 'ack.com')}/services/${j('T0000', '0000')}/${j('B0000', '0000')}/${'X'.repeat(24)}`,
      j(
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
        '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
        '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      ),
      `AccountKey=${j('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/', 'KBHBeksoGMGw==')}`,
      j('sk', '_test_', '4eC39HqLyjWDarjtT1zdp7dc'),
    ].join('\n');
    expect(findTokens(docs)).toEqual([]);
  });

  it('recognises obvious placeholders', () => {
    for (const p of [
      'x'.repeat(30),
      'ghp_xxxxxxxxxxxx',
      'AAAAAAAAAAAA',
      '<your-token>',
      '${TOKEN}',
      '{{ .Values.token }}',
      'abc12345678xyz',
      '****',
    ]) {
      expect(isPlaceholder(p), p).toBe(true);
    }
    expect(isPlaceholder(alnum(40))).toBe(false);
    // Words only count in one consistent case: random tokens contain mixed-case fragments like this.
    expect(isPlaceholder('dnkey-VWdGuJuMqm6X8HpD8i0YoURcKBod2RUwwhEufn7q')).toBe(false);
    expect(isPlaceholder('YOUR_API_KEY_HERE')).toBe(true);
    expect(isPlaceholder('Your-Token')).toBe(true);
  });
});

describe('engine', () => {
  it('reports offsets of the secret group in the original text', () => {
    const token = githubToken('ghp_');
    const text = `line one\n  export GH="${token}" # comment\n`;
    const [match] = findTokens(text);
    expect(match).toBeDefined();
    expect(match?.start).toBe(text.indexOf(token));
    expect(match?.end).toBe(text.indexOf(token) + token.length);
  });

  it('matches keywords case-insensitively but keeps case-sensitive formats exact', () => {
    const key = `${j('AI', 'za')}${alnum(35)}`;
    expect(findTokens(key)).toHaveLength(1);
    expect(findTokens(key.replace('AIza', 'AIZA'))).toEqual([]);
  });

  it('finds many tokens in one text, in order', () => {
    const tokens = Array.from({ length: 50 }, () => githubToken('ghp_'));
    const text = tokens.map((t, i) => `${'filler '.repeat(i * 30)}${t}`).join('\n');
    expect(findTokens(text).map((m) => m.secret)).toEqual(tokens);
  });

  it('finds keywords that straddle the middle of long texts (two interleaved automaton streams)', () => {
    const token = githubToken('ghp_');
    for (const length of [4096, 5001, 20_000]) {
      for (let shift = -45; shift <= 5; shift++) {
        const at = (length >> 1) + shift;
        const text = `${'x '.repeat(at / 2)}${at % 2 === 1 ? ' ' : ''}${token} ${'y '.repeat(length / 2)}`;
        expect(
          findTokens(text).map((m) => m.start),
          `${length}/${shift}`,
        ).toEqual([at]);
      }
    }
  });

  it('keeps the more specific detector where matches overlap', () => {
    const sa = DETECTORS.find((d) => d.id === 'gcp-service-account-key')?.samples.positive[0] ?? '';
    expect(findTokens(sa).map((m) => m.detectorId)).toEqual(['gcp-service-account-key']);
  });

  it('does not report truncated matches at window edges', () => {
    const long = `${j('sk', '_live_')}${alnum(400)}`;
    expect(findTokens(`key=${long}`)).toEqual([]);
    const glued = `${'Z'.repeat(5000)}${githubToken('ghp_')}`;
    expect(findTokens(glued)).toEqual([]);
    const token = `${j('dop', '_v1_')}${hex(64)}`;
    expect(findTokens(`${'q'.repeat(3000)} ${token} ${'q'.repeat(3000)}`).map((m) => m.secret)).toEqual([token]);
  });

  it('a matcher over a subset only reports that subset', () => {
    const matcher = createTokenMatcher(DETECTORS.filter((d) => d.id === 'npm-access-token'));
    expect(matcher.findTokens(`${githubToken('ghp_')} ${githubToken(j('np', 'm_'))}`).map((m) => m.detectorId)).toEqual(
      ['npm-access-token'],
    );
  });

  it('never reports public keys or certificates', () => {
    const text = [
      `${j('-----BEGIN', ' CERTIFICATE-----')}\n${b64(64)}\n${b64(64)}\n${j('-----END', ' CERTIFICATE-----')}`,
      `${j('-----BEGIN', ' PUBLIC KEY-----')}\n${b64(64)}\n${j('-----END', ' PUBLIC KEY-----')}`,
      `${j('-----BEGIN', ' RSA PUBLIC KEY-----')}\n${b64(64)}\n${j('-----END', ' RSA PUBLIC KEY-----')}`,
      `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${b64(300)} me@host`,
      `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64(43)} me@host`,
    ].join('\n');
    expect(findTokens(text)).toEqual([]);
  });

  it('handles empty, binary-ish and non-ASCII text', () => {
    expect(findTokens('')).toEqual([]);
    expect(findTokens('\u0000\u0001\uffff€ üñî ghp_ 中文 xoxb-')).toEqual([]);
    const token = githubToken('ghp_');
    expect(findTokens(`密码: ${token}`).map((m) => m.secret)).toEqual([token]);
  });
});

describe('anchored detectors (regex tried at each hit of a keyword every match starts with)', () => {
  it('reads the literal prefix of a pattern only where every match must start with it', () => {
    expect(literalPrefix('(?<![A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36})(?![A-Za-z0-9_])')).toBe('ghp_');
    expect(literalPrefix('(?<![\\w(|)])(?<secret>pul\\-[a-f0-9]{40})')).toBe('pul-');
    expect(literalPrefix('(?<secret>abcd?e)')).toBe('abc');
    expect(literalPrefix('(?<secret>ab|cd)')).toBeUndefined();
    expect(literalPrefix('ab|cd')).toBeUndefined();
    expect(literalPrefix('(?<secret>ab)?cd')).toBeUndefined();
    expect(literalPrefix('(?:)ab')).toBeUndefined();
    expect(literalPrefix('(?=x)ab')).toBeUndefined();
    expect(literalPrefix('\\dab')).toBeUndefined();
    expect(literalPrefix('[ab]c')).toBeUndefined();
  });

  it('finds the same tokens whether anchor hits are sparse (sticky per hit) or dense (one global pass)', () => {
    const token = githubToken('ghp_');
    const windowedOnly = createTokenMatcher(
      DETECTORS.filter((d) => d.id === 'github-pat-classic').map((d) => ({
        ...d,
        pattern: new RegExp(`(?:)${d.pattern.source}`, d.pattern.flags),
      })),
    );
    for (const decoys of [1, 100, 3000]) {
      const text = `${'ghp_x '.repeat(decoys)}${token}\n${'ghp_ '.repeat(decoys)}x${token} ${token}`;
      const found = findTokens(text).map((m) => `${m.start}:${m.secret}`);
      expect(found, String(decoys)).toEqual(windowedOnly.findTokens(text).map((m) => `${m.start}:${m.secret}`));
      expect(found).toHaveLength(2);
    }
  });

  it('anchors a good share of the catalog', () => {
    expect(DETECTORS.filter((d) => anchorKeyword(d) !== undefined).length).toBeGreaterThan(100);
  });

  it('find what the windowed search finds, around decoys, overlaps and window edges', () => {
    for (const detector of DETECTORS) {
      const anchor = anchorKeyword(detector);
      if (anchor === undefined) continue;
      // The same detector with a pattern the engine cannot anchor (`(?:)` matches nothing and
      // hides the literal prefix), so it goes through the windowed search.
      const windowed = { ...detector, pattern: new RegExp(`(?:)${detector.pattern.source}`, detector.pattern.flags) };
      const anchored = createTokenMatcher([detector]);
      const reference = createTokenMatcher([windowed]);
      const positives = detector.samples.positive;
      const parts = [
        anchor,
        `${anchor}${anchor}`,
        ...positives,
        ...detector.samples.negative,
        ...positives.map((p) => `${anchor}${p}`),
        ...positives.map((p) => `x${p}`),
        ...positives.map((p) => p.toUpperCase()),
        'q'.repeat(700),
      ];
      const text = parts.map((part, i) => `${i % 3 === 0 ? '\n' : ' '}${part}`).join('');
      const secrets = (m: { findTokens(t: string): { secret: string; start: number }[] }) =>
        m.findTokens(text).map((t) => `${t.start}:${t.secret}`);
      expect(secrets(anchored), detector.id).toEqual(secrets(reference));
      for (const positive of positives) {
        expect(anchored.findTokens(positive).length, `${detector.id}: ${positive.slice(0, 12)}`).toBe(
          reference.findTokens(positive).length,
        );
      }
    }
  });
});

describe('bounded time on hostile input', () => {
  it('scans a 5 MB minified line without tokens', () => {
    const chunk = 'function(a,b){return a.map(function(c){return c+b.key_id*2})};var t="sk-"+e.token;';
    const line = chunk.repeat(Math.ceil((5 * 1024 * 1024) / chunk.length));
    expect(findTokens(line)).toEqual([]);
  });

  it('survives pathological near-matches', () => {
    const inputs = [
      `eyJ${'a'.repeat(200_000)}`,
      `${'eyJhbGciOi.'.repeat(50_000)}`,
      `${j('-----BEGIN', ' RSA PRIVATE KEY-----')}\n${'A'.repeat(500_000)}`,
      `${j('-----BEGIN', ' PRIVATE KEY-----')}`.repeat(20_000),
      'xoxb-1234567890-'.repeat(50_000),
      'AKIA'.repeat(100_000),
      `aws_secret_access_key=${'a/'.repeat(100_000)}`,
      `"type": "service_account", ${'"private_key": "-----BEGIN PRIVATE KEY-----'.repeat(10_000)}`,
      `LS0tLS1CRUdJTi${'A'.repeat(300_000)}`,
      `sk-${'T3BlbkFJ'.repeat(50_000)}`,
      'Q~'.repeat(200_000),
      `${'PuTTY-User-Key-File-3: ssh-rsa\n'.repeat(10_000)}`,
      `${'"private_key": "-----BEGIN PRIVATE KEY-----\\n'.repeat(10_000)}"type": "service_account"`,
      'A'.repeat(1_000_000),
      'path'.repeat(500_000),
      'DATADOG_API_KEY='.repeat(50_000),
    ];
    for (const input of inputs) expect(Array.isArray(findTokens(input))).toBe(true);
  });
});

describe('credential file names', () => {
  it('recognises key and keystore files', () => {
    for (const p of [
      'id_rsa',
      'home/u/.ssh/id_ed25519',
      'certs/server.p12',
      'a\\b\\store.pfx',
      'app.jks',
      'release.keystore',
      'me.ppk',
      '.aws/credentials',
      '.config/gcloud/application_default_credentials.json',
      'gcloud/credentials.db',
      '.git-credentials',
    ]) {
      expect(isCredentialFileName(p), p).toBe(true);
    }
    expect(credentialFileKind('x/id_rsa')).toBe('ssh-private-key');
  });

  it('ignores public keys, certificates and ordinary files', () => {
    for (const p of [
      'id_rsa.pub',
      'server.crt',
      'credentials.md',
      'src/credentials.ts',
      'keystore.md',
      'README.md',
      'credentials.json',
    ]) {
      expect(isCredentialFileName(p), p).toBe(false);
    }
  });
});

describe('tricky non-secrets', () => {
  it.each([
    ['git sha', `commit ${hex(40)}`],
    ['integrity hash', `"integrity": "sha512-${b64(86)}=="`],
    ['uuid', '550e8400-e29b-41d4-a716-446655440000'],
    ['image digest', `image: nginx@sha256:${hex(64)}`],
    ['prose', 'Our offices in Asia and the AKIA team use xoxb- style tokens; see hooks.slack.com docs.'],
  ])('%s', (_name, text) => {
    expect(findTokens(text)).toEqual([]);
  });
});
