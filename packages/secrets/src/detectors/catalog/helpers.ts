import type { Severity } from '@shipshape/core';
import type { Detector } from '../types.js';

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

interface CommonSpec {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  aliases: string[];
  tags?: string[];
  minEntropy?: number;
  validate?: (secret: string) => boolean;
  /** Generates a random secret body (after the prefix) for the samples. */
  sample: () => string;
  extraPositive?: string[];
  extraNegative?: string[];
  /** Skip the generic placeholder filter (the format has long runs of one character). */
  allowPlaceholderLike?: boolean;
}

export interface PrefixedSpec extends CommonSpec {
  /** Literal prefix of the token, e.g. `dop_v1_`. */
  prefix: string;
  /** Regex source of the rest of the token (bounded repetitions). */
  body: string;
  /** Keywords; default: the lowercased prefix. */
  keywords?: string[];
  /** Characters that may not touch the token on either side (regex class body). */
  boundary?: string;
  /** Upper bound of the token length, for the match window. */
  maxLength?: number;
  /** Variable name used in the generated positive sample. */
  variable?: string;
  /** How far before a keyword the token may start (default 8). */
  windowBefore?: number;
}

/** A token recognisable by a literal prefix. */
export function prefixed(spec: PrefixedSpec): Detector {
  const boundary = spec.boundary ?? 'A-Za-z0-9_-';
  const prefix = spec.prefix;
  const variable = spec.variable ?? `${spec.id.replace(/-/g, '_').toUpperCase()}`;
  const token = (): string => prefix + spec.sample();
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    severity: spec.severity,
    keywords: spec.keywords ?? [prefix.toLowerCase()],
    // '=' may precede a token (an assignment) even where it may not follow one (base64 padding).
    pattern: new RegExp(
      `(?<![${boundary.replace('=', '')}])(?<secret>${escapeRegex(prefix)}${spec.body})(?![${boundary}])`,
      'g',
    ),
    ...(spec.validate ? { validate: spec.validate } : {}),
    minEntropy: spec.minEntropy ?? 3,
    window: { before: spec.windowBefore ?? 8, after: (spec.maxLength ?? 300) + 8 },
    ...(spec.allowPlaceholderLike ? { allowPlaceholderLike: true } : {}),
    aliases: spec.aliases,
    tags: spec.tags ?? [],
    samples: {
      positive: [`${variable}=${token()}`, `{"token": "${token()}"}`, ...(spec.extraPositive ?? [])],
      negative: [`${prefix}${'x'.repeat(40)}`, `${prefix}ab12`, `a${token()}`, ...(spec.extraNegative ?? [])],
    },
  };
}

export interface NamedSpec extends CommonSpec {
  /** Lowercase provider names that must precede the value (they are also the keywords). */
  names: string[];
  /** Regex source of the secret value (bounded repetitions). */
  value: string;
  /** Word that must appear in the key name after the provider name (regex source). */
  keyName?: string;
  /** Key name used in the generated positive samples. */
  sampleKey?: string;
  maxLength?: number;
}

const DEFAULT_KEY_NAME = 'key|token|secret|password|passwd|pwd|pat|auth|credential';

/**
 * A value without a distinctive prefix, recognised only when bound to a provider-specific key
 * name (`DATADOG_API_KEY=...`, `datadog:\n  apiKey: ...`). Matching is case-insensitive.
 */
export function named(spec: NamedSpec): Detector {
  const names = spec.names.map(escapeRegex).join('|');
  const keyName = spec.keyName ?? DEFAULT_KEY_NAME;
  const source =
    `(?<![A-Za-z0-9])(?:${names})(?:["']?\\s{0,3}:[ \\t]{0,4}\\r?\\n[ \\t]{0,16}|[\\w.-]){0,24}?(?:${keyName})[\\w.-]{0,12}?` +
    `["'\`]?\\s{0,5}(?::=|=>|=|:|,)\\s{0,5}["'\`]?(?<secret>${spec.value})(?![A-Za-z0-9_+/=-])`;
  const provider = (spec.names[0] ?? 'x').replace(/[^a-z0-9]/g, '_').toUpperCase();
  const key = spec.sampleKey ?? 'API_KEY';
  const camelKey = key.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    severity: spec.severity,
    keywords: spec.names,
    pattern: new RegExp(source, 'gi'),
    ...(spec.validate ? { validate: spec.validate } : {}),
    minEntropy: spec.minEntropy ?? 3,
    window: { before: 0, after: 80 + (spec.maxLength ?? 100) },
    ...(spec.allowPlaceholderLike ? { allowPlaceholderLike: true } : {}),
    aliases: spec.aliases,
    tags: [...(spec.tags ?? []), 'context-bound'],
    samples: {
      positive: [
        `${provider}_${key}=${spec.sample()}`,
        `${spec.names[0]}:\n  ${camelKey}: "${spec.sample()}"`,
        ...(spec.extraPositive ?? []),
      ],
      negative: [
        `${provider}_${key}=\${${provider}_${key}}`,
        `${provider}_${key}: "<your-${spec.names[0]}-key>"`,
        `value = "${spec.sample()}"`,
        ...(spec.extraNegative ?? []),
      ],
    },
  };
}

/** UUID regex source (lowercase or uppercase hex). */
export const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
