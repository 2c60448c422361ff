import { lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Ajv as AjvClass, ErrorObject } from 'ajv';
import { ConfigError } from './errors.js';
import { FileReadError, looksBinary, readTextFile, SMALL_FILE_MAX_SIZE } from './read.js';
import type { ShipshapeConfig } from './types.js';

const require = createRequire(import.meta.url);

/** The published JSON Schema of `.shipshape.yaml` (also exported as `@shipshape/core/config.schema.json`). */
export const configSchema: object = require('../schema/config.schema.json') as object;

/** Config file names looked up at the scan root, in order. */
export const CONFIG_FILE_NAMES = ['.shipshape.yaml', '.shipshape.yml'] as const;

let validator: ReturnType<AjvClass['compile']> | undefined;

// ajv and js-yaml load on first use (both have CommonJS builds), keeping `shipshape --version`
// and analyzers that never read config off their import cost.
function validate(): ReturnType<AjvClass['compile']> {
  if (!validator) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    validator = new Ajv({ allErrors: true, strict: true }).compile(configSchema);
  }
  return validator;
}

export interface LoadedConfig {
  config: ShipshapeConfig;
  /** The file it came from; undefined when defaults are used. */
  file?: string;
}

/**
 * Loads `.shipshape.yaml` from `root` (or the explicit `file`), validates it against the schema and
 * returns it. Throws `ConfigError` naming the file, the key path and what was expected.
 *
 * The file found at the root belongs to the scanned repository: it is read only when it is a
 * regular file inside the root (a link to `/etc/shadow` is refused, a FIFO does not block). An
 * explicit `--config` is the user's own choice and may be a link, but must be a regular file.
 * Both are capped at 1 MiB; messages name the file, never its content.
 */
export function loadConfig(root: string, file?: string): LoadedConfig {
  const path = file ? resolve(file) : CONFIG_FILE_NAMES.map((n) => join(root, n)).find((p) => exists(p));
  if (!path) return { config: {} };
  let text: string;
  try {
    text = readTextFile(path, { maxBytes: SMALL_FILE_MAX_SIZE, ...(file ? {} : { root }) });
  } catch (error) {
    const reason =
      error instanceof FileReadError
        ? error.message.startsWith(`${path}: `)
          ? error.message.slice(path.length + 2)
          : error.message
        : ((error as NodeJS.ErrnoException).code ?? String(error));
    throw new ConfigError(`${path}: cannot read config file (${reason})`, path);
  }
  if (looksBinary(text)) throw new ConfigError(`${path}: not a config file (binary content)`, path);
  return { config: parseConfig(text, path), file: path };
}

/** Whether something (a file, a link, even a broken one) is at `path`. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Parses and validates config text; `source` names the file in errors. */
export function parseConfig(text: string, source = '.shipshape.yaml'): ShipshapeConfig {
  // An empty file, or one holding only comments, means defaults.
  // Line by line: a multiline `^\s*#` regex is quadratic on a run of blank lines (CR included).
  if (text.split('\n').every((line) => isBlankOrComment(line))) return {};
  let data: unknown;
  try {
    const yaml = require('js-yaml') as typeof import('js-yaml');
    data = yaml.load(text, { filename: source, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new ConfigError(`${source}: not valid YAML: ${yamlReason(error)}`, source);
  }
  if (data === undefined || data === null) return {};
  const check = validate();
  if (!check(data)) {
    const error = pickError(check.errors ?? []);
    const keyPath = errorKeyPath(error);
    throw new ConfigError(`${source}: ${keyPath || '(top level)'}: ${describe(error)}`, source, keyPath);
  }
  return data as ShipshapeConfig;
}

function isBlankOrComment(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/**
 * What js-yaml says is wrong and where, without the snippet of the file it quotes (the content
 * of a file that is not a config at all, `/etc/shadow`, would be echoed).
 */
function yamlReason(error: unknown): string {
  const e = error as { reason?: unknown; mark?: { line?: number; column?: number } };
  const reason = typeof e.reason === 'string' && e.reason !== '' ? e.reason : 'cannot parse';
  const at =
    e.mark && typeof e.mark.line === 'number' ? ` at line ${e.mark.line + 1}, column ${(e.mark.column ?? 0) + 1}` : '';
  return `${reason}${at}`;
}

/** A key from the file, as shown in messages: printable and short (it is the file's content). */
function shownKey(key: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this hides
  const clean = key.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

/** Decodes an ajv instancePath (JSON pointer) into a dotted key path: `rules.docker/last-user-root.severity`. */
function errorKeyPath(error: ErrorObject): string {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => shownKey(p.replace(/~1/g, '/').replace(/~0/g, '~')));
  if (error.keyword === 'additionalProperties') parts.push(shownKey(String(error.params.additionalProperty)));
  return parts.join('.');
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown key (allowed here: ${allowedKeys(error).join(', ') || 'none'})`;
    case 'enum':
      return `expected one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'type':
      return `expected ${String(error.params.type)}`;
    default:
      return error.message ?? 'invalid value';
  }
}

function allowedKeys(error: ErrorObject): string[] {
  const props = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props).filter((k) => k !== '$schema') : [];
}

/**
 * ajv reports every branch of a `oneOf`; the most useful error is the deepest one, preferring an
 * unknown key or a wrong enum value over the generic "must match exactly one schema".
 */
function pickError(errors: ErrorObject[]): ErrorObject {
  const weight = (e: ErrorObject): number =>
    e.instancePath.split('/').length * 10 +
    (e.keyword === 'additionalProperties' ? 3 : e.keyword === 'enum' ? 2 : e.keyword === 'oneOf' ? -5 : 0);
  return [...errors].sort((a, b) => weight(b) - weight(a))[0] as ErrorObject;
}

/** Parses `maxFileSize` (`2MB`, `512k`, 1048576) into bytes. */
export function parseSize(value: number | string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m) return fallback;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * unit);
}

/** A commented starter config for `shipshape init`. */
export const STARTER_CONFIG = `# Shipshape configuration. Schema: @shipshape/core/config.schema.json
# Editors with YAML language support validate this file with:
# yaml-language-server: $schema=./node_modules/@shipshape/core/schema/config.schema.json

# Exit with code 1 when a finding is at or above this severity (critical, high, medium, low, info, none).
failOn: high

# Rule profile: "default", or "strict" to also require digest-pinned base images and similar opt-in rules.
profile: default

# Paths not to scan, in .gitignore syntax (in addition to .gitignore itself).
ignore:
  - "**/testdata/**"
  # - vendor/

# Files larger than this are skipped (and reported as skipped).
maxFileSize: 10MB

# Report inline suppressions (# shipshape-ignore ...) that no longer hide anything.
reportUnusedSuppressions: false

# Per-rule settings, by rule id or by a peer's id (hadolint, Trivy, Checkov, gitleaks):
#   off | on | critical | high | medium | low | info | { enabled, severity, options }
rules: {}
  # docker/missing-healthcheck: off
  # DL3008: low

dockerfile:
  # Registries images may come from; anything else is reported.
  trustedRegistries: []
  # Extra images to treat as minimal / as running non-root by default.
  minimalImages: []
  nonRootImages: []

secrets:
  allow:
    # Fingerprints of findings that are known and accepted (see the json output).
    fingerprints: []
    # Paths (.gitignore syntax) where secret findings are not reported.
    paths: []
    # Regexes; a secret matching one is not reported.
    regexes: []
`;
