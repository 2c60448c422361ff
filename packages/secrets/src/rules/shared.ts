/**
 * What every secrets rule receives (one parsed file), and the helpers that turn a found secret
 * into a report: exact range, redacted value, entropy and a keyed-hash fingerprint key.
 */
import { type LineIndex, type Report, redact, type Severity, secretHash, shannonEntropy } from '@shipshape/core';
import type { CappedLine } from '../extract/lines.js';
import type { LineCredential, Pair } from '../extract/types.js';
import type { UrlCredential } from '../inspect.js';
import type { FileRole } from '../roles.js';
import type { TokenMatch } from '../tokens.js';

/** A parsed file, as the per-file rules see it. */
export interface FileInput {
  path: string;
  text: string;
  lines: LineIndex;
  role: FileRole;
  /** Helm chart part, when the file belongs to a chart. */
  helm?: 'values' | 'template';
  /** `.env.example`-style committed template. */
  envTemplate: boolean;
  /** docker compose file. */
  compose: boolean;
  tokens: TokenMatch[];
  urls: UrlCredential[];
  pairs: Pair[];
  lineCredentials: LineCredential[];
  /** Key for secret fingerprints (`secretHash(secret, key)`). */
  fingerprintKey: string;
  /** Long lines whose keyword windows were capped (the analyzer turns them into notifications). */
  capped?: CappedLine[];
}

/** Builds a report for a secret at `[start, end)` of the file text. */
export function secretReport(
  input: FileInput,
  args: {
    messageId: string;
    data?: Record<string, string | number>;
    start: number;
    end: number;
    secret: string;
    severity?: Severity;
    fix?: string;
  },
): Report {
  const report: Report = {
    messageId: args.messageId,
    data: args.data ?? {},
    range: input.lines.range(args.start, Math.max(args.end, args.start + 1)),
    secret: { redacted: redact(args.secret), entropy: Math.round(shannonEntropy(args.secret) * 100) / 100 },
    fingerprintKey: secretHash(args.secret, input.fingerprintKey),
  };
  if (args.severity !== undefined) report.severity = args.severity;
  if (args.fix !== undefined) report.fix = args.fix;
  return report;
}

/** A literal strong enough to report even in documentation or templates: long, mixed, high entropy. */
export function isStrongLiteral(value: string): boolean {
  if (value.length < 12) return false;
  let classes = 0;
  if (/[a-z]/.test(value)) classes++;
  if (/[A-Z]/.test(value)) classes++;
  if (/\d/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  return classes >= 2 && shannonEntropy(value) >= 3.3;
}

/** Severity of a finding in a test fixture or dev-only config: still reported, at low severity. */
export function contextSeverity(input: FileInput, base: Severity): Severity {
  return input.role.test || input.role.context === 'dev' ? 'low' : base;
}

/** A comment line in any of the formats scanned (`#`, `//`, `*`, `--`, `<!--`, `;`, `rem`). */
const COMMENT_LINE = /^\s*(\/\/|#(?![!{])|\*|\/\*|--\s|<!--|;|rem\s|%\s)/i;
/** Sections of pyproject.toml / setup.cfg that configure the test runner (`env = [...]` of pytest-env). */
const TEST_SECTION =
  /^\s*\[+\s*(tool\.pytest[\w.-]*|tool:pytest|pytest|tool\.tox[\w.-]*|testenv[\w:.-]*|tool\.coverage[\w.-]*)\s*\]+/i;

const SENT_RULES = new Set([
  'secrets/command-line-credential',
  'secrets/authorization-header',
  'secrets/url-credential',
]);
const LOCAL_HOST = /\b(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)\b/;

/** Whether `text` is a comment line in files of `format`. */
function commentLine(format: FileRole['format'], text: string): boolean {
  switch (format) {
    case 'source':
    case 'hcl':
      return COMMENT_LINE.test(text);
    case 'dotenv':
    case 'yaml':
      return /^\s*#/.test(text);
    case 'ini':
    case 'npmrc':
    case 'properties':
    case 'netrc':
      return /^\s*[#;!]/.test(text);
    default:
      return false;
  }
}

/**
 * Where a report's line sits, when that is not code or configuration that ships: the file's own
 * context (test input, CI, docs, example, dev-only config), a comment line, or a test-runner section
 * of a project file. Undefined for shipped and deploy files outside comments.
 */
export function reportContext(input: FileInput, line: number, ruleId = ''): string | undefined {
  const role = input.role;
  // A CI step that sends a credential to a host (`curl -u`, an Authorization header, a URL with a
  // password) uses a live credential; a CI service container's password is a throwaway.
  if (role.context === 'ci' && SENT_RULES.has(ruleId)) {
    const text = input.lines.line(line);
    if (/[a-z]+:\/\/[^\s/]/i.test(text) && !LOCAL_HOST.test(text)) return undefined;
  }
  if (role.context !== 'shipped' && role.context !== 'deploy') return role.contextLabel;
  if (input.envTemplate) return 'an env template';
  const text = input.lines.line(line);
  if (commentLine(role.format, text)) return 'a comment';
  if (role.format === 'ini' && /(^|\/)(pyproject\.toml|setup\.cfg)$/.test(input.path)) {
    for (let n = line; n >= 1; n--) {
      const l = input.lines.line(n);
      if (/^\s*\[/.test(l)) return TEST_SECTION.test(l) ? 'a test-runner section' : undefined;
    }
  }
  return undefined;
}

/** Whether generic (non-token) judgement applies to this file at all. */
export function genericApplies(input: FileInput): boolean {
  const r = input.role;
  return !r.lockfile && !r.i18n && !r.minified && !r.binary;
}

/** Quote a key for messages, bounded in length. */
export function keyLabel(key: string): string {
  return key.length > 60 ? `${key.slice(0, 57)}...` : key;
}
