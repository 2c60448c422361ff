import { createHash, createHmac } from 'node:crypto';
import type { Finding } from './types.js';

/** Default key for secret fingerprints; teams can set their own (config `secrets.fingerprintKey` or SHIPSHAPE_FINGERPRINT_KEY). */
export const DEFAULT_FINGERPRINT_KEY = 'shipshape-fingerprint-v1';

/** Normalises a line for fingerprinting: whitespace runs folded, ends trimmed. */
export function normalizeLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/**
 * Fingerprint of a finding from what it is about, not where it is: rule, file, the flagged
 * lines' normalised text and an optional extra key. Line numbers are left out on purpose so
 * the fingerprint survives edits above the finding.
 */
export function computeFingerprint(parts: { ruleId: string; file: string; content: string; key?: string }): string {
  return createHash('sha256')
    .update(`${parts.ruleId}\0${parts.file}\0${normalizeLine(parts.content)}\0${parts.key ?? ''}`)
    .digest('hex')
    .slice(0, 32);
}

/** Keyed hash of a secret: identifies it across files and runs without revealing it. */
export function secretHash(secret: string, key: string = DEFAULT_FINGERPRINT_KEY): string {
  return createHmac('sha256', key).update(secret).digest('hex').slice(0, 32);
}

/**
 * Makes fingerprints unique within a run: the n-th repeat of the same fingerprint in a file
 * gets a `:n` suffix, in line order, so identical lines stay distinct yet stable.
 */
export function disambiguateFingerprints(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  const ordered = [...findings].sort(compareFindings);
  for (const finding of ordered) {
    const count = seen.get(finding.fingerprint) ?? 0;
    seen.set(finding.fingerprint, count + 1);
    if (count > 0) finding.fingerprint = `${finding.fingerprint}:${count}`;
  }
  return ordered;
}

/** Deterministic order: file, line, column, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    a.range.startLine - b.range.startLine ||
    a.range.startColumn - b.range.startColumn ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
