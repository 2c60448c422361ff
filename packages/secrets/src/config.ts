/** The `secrets:` section of `.shipshape.yaml`, with defaults. */

export interface SecretsConfig {
  allow: {
    /** Finding fingerprints, or keyed secret hashes (`secretHash(secret, fingerprintKey)`), to drop. */
    fingerprints: string[];
    /** Globs (picomatch, relative to the scan root) whose findings are dropped. */
    paths: string[];
    /** Regexes (JavaScript syntax) tested against the raw secret; a match drops the finding. */
    regexes: string[];
  };
  fingerprintKey?: string;
  history: { enabled: boolean; since?: string; maxCommits?: number };
}

/** JSON Schema of the `secrets` config section (what core's schema should hold). */
export const SECRETS_CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    allow: {
      type: 'object',
      additionalProperties: false,
      properties: {
        fingerprints: { type: 'array', items: { type: 'string' } },
        paths: { type: 'array', items: { type: 'string' } },
        regexes: { type: 'array', items: { type: 'string' } },
      },
    },
    fingerprintKey: { type: 'string' },
    history: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        since: { type: 'string' },
        maxCommits: { type: 'integer', minimum: 1 },
      },
    },
  },
} as const;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Reads the (already schema-validated) section, tolerating absence; invalid regexes are dropped. */
export function readSecretsConfig(section: Record<string, unknown> | undefined): SecretsConfig {
  const s = section ?? {};
  const allow = (s.allow ?? {}) as Record<string, unknown>;
  const history = (s.history ?? {}) as Record<string, unknown>;
  const regexes = strings(allow.regexes).filter((r) => {
    try {
      new RegExp(r);
      return true;
    } catch {
      return false;
    }
  });
  const config: SecretsConfig = {
    allow: { fingerprints: strings(allow.fingerprints), paths: strings(allow.paths), regexes },
    history: { enabled: history.enabled === true },
  };
  if (typeof s.fingerprintKey === 'string') config.fingerprintKey = s.fingerprintKey;
  if (typeof history.since === 'string') config.history.since = history.since;
  if (typeof history.maxCommits === 'number') config.history.maxCommits = history.maxCommits;
  return config;
}
