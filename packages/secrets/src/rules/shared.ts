/**
 * What every secrets rule receives (one parsed file), and the helpers that turn a found secret
 * into a report: exact range, redacted value, entropy and a keyed-hash fingerprint key.
 */
import { type LineIndex, type Report, redact, type Severity, secretHash, shannonEntropy } from '@shipshape/core';
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

/** Severity of a finding in a test fixture: still reported, at low severity. */
export function contextSeverity(input: FileInput, base: Severity): Severity {
  return input.role.test ? 'low' : base;
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
