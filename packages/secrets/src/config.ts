/** The `secrets:` section of `.shipshape.yaml`, with defaults. */
import { RE2JS } from 're2js';

export interface SecretsConfig {
  allow: {
    /** Finding fingerprints, or keyed secret hashes (`secretHash(secret, fingerprintKey)`), to drop. */
    fingerprints: string[];
    /** Globs (picomatch, relative to the scan root) whose findings are dropped. */
    paths: string[];
    /** Regexes (RE2 syntax: linear-time, no lookaround or backreferences) tested against the raw secret; a match drops the finding. */
    regexes: string[];
  };
  /** Allow-list entries that could not be used, with why (the analyzer reports each one). */
  invalid: Array<{ path: string; value: string; reason: string }>;
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

/** Longest allow-list glob accepted (paths are short; a huge glob is a mistake or an attack). */
const MAX_GLOB_LENGTH = 1024;

/**
 * Compiles an allow-list regex with RE2JS, whose matching time is linear in the input whatever
 * the pattern (a repository's config must not be able to hang the scan with `^(a+)+$`).
 */
export function compileAllowRegex(source: string): { test(value: string): boolean } {
  const re = RE2JS.compile(source);
  return { test: (value) => re.matcher(value).find() };
}

/**
 * Reads the (already schema-validated) section, tolerating absence. Regexes RE2 cannot compile
 * (syntax errors, lookaround, backreferences) and over-long globs are left out and listed in
 * `invalid`, which the analyzer reports: an allow-list entry never stops working silently.
 */
export function readSecretsConfig(section: Record<string, unknown> | undefined): SecretsConfig {
  const s = section ?? {};
  const allow = (s.allow ?? {}) as Record<string, unknown>;
  const history = (s.history ?? {}) as Record<string, unknown>;
  const invalid: SecretsConfig['invalid'] = [];
  const regexes = strings(allow.regexes).filter((r, i) => {
    try {
      compileAllowRegex(r);
      return true;
    } catch (error) {
      const jsOk = (() => {
        try {
          new RegExp(r);
          return true;
        } catch {
          return false;
        }
      })();
      const why = (error as Error).message.replace(/^error parsing regexp: /, '');
      invalid.push({
        path: `secrets.allow.regexes[${i}]`,
        value: r,
        reason: jsOk
          ? `uses syntax the linear-time matcher does not support (${why}); rewrite it without lookaround or backreferences`
          : `is not a valid regular expression (${why})`,
      });
      return false;
    }
  });
  const paths = strings(allow.paths).filter((p, i) => {
    if (p.length <= MAX_GLOB_LENGTH) return true;
    invalid.push({
      path: `secrets.allow.paths[${i}]`,
      value: `${p.slice(0, 40)}...`,
      reason: `is longer than ${MAX_GLOB_LENGTH} characters`,
    });
    return false;
  });
  const config: SecretsConfig = {
    allow: { fingerprints: strings(allow.fingerprints), paths, regexes },
    invalid,
    history: { enabled: history.enabled === true },
  };
  if (typeof s.fingerprintKey === 'string') config.fingerprintKey = s.fingerprintKey;
  if (typeof history.since === 'string') config.history.since = history.since;
  if (typeof history.maxCommits === 'number') config.history.maxCommits = history.maxCommits;
  return config;
}
