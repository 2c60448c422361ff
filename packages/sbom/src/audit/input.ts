import type { LineIndex, Rule } from '@shipshape/core';
import type { InputRole } from '../projects.js';

/** What every pinning-audit rule receives: one file, its role, and the repository around it. */
export interface AuditInput {
  path: string;
  text: string;
  lines: LineIndex;
  role: InputRole;
  /** Every path discovery found (lockfile existence checks). */
  paths: ReadonlySet<string>;
  /** Texts of the other SBOM inputs (a manifest's lockfile), by path. */
  texts: ReadonlyMap<string, string>;
}

export type SbomRuleOptions = Record<string, unknown>;
export type SbomRule = Rule<AuditInput, SbomRuleOptions>;

/** Range of `[start, end)` offsets on one line, 1-based, for reports. */
export function offsetRange(lines: LineIndex, start: number, end: number) {
  return lines.range(start, end);
}

/** Paths in test fixtures, examples and docs get lower severities: they rarely ship. */
export function isExampleOrTestPath(path: string): boolean {
  return /(^|\/)(tests?|__tests__|fixtures?|__fixtures__|testdata|examples?|samples?|docs?)\//i.test(path);
}
