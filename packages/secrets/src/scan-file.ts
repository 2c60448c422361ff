/** One file's scan as the analyzer runs it (inline or in a worker): findings plus raw secrets for allow-lists. */
import type { FileKind, Finding, LineIndex, ShipshapeConfig } from '@shipshape/core';
import { type FileRole, roleOf } from './roles.js';
import { parseFile, runFileRules } from './scan.js';

export interface FileScanResult {
  findings: Finding[];
  /** Raw secret under each finding (same order), for `secrets.allow.regexes`; never serialized out of the process. */
  raws: Array<string | undefined>;
  /** What was not examined (capped long lines), as notification messages. */
  notes: string[];
}

export function scanFileText(
  path: string,
  text: string,
  kinds: readonly FileKind[],
  options: { fingerprintKey: string; config?: ShipshapeConfig; profiles?: readonly string[] },
  role: FileRole = roleOf(path),
): FileScanResult {
  const input = parseFile(path, text, { ...options, kinds }, role);
  const findings = runFileRules(input, options);
  const notes = (input.capped ?? []).map((c) => {
    const line = input.lines.position(c.lineStart).line;
    const kib = Math.round((c.lineEnd - c.examinedTo) / 1024);
    return `Line ${line} is ${Math.round((c.lineEnd - c.lineStart) / 1024)} KiB with more credential keywords than are examined on one line; its last ${kib} KiB were checked for provider tokens only, not for generic credentials.`;
  });
  return { findings, raws: findings.map((f) => rawSecretAt(text, input.lines, f)), notes };
}

/** The raw text under a finding's range. */
function rawSecretAt(text: string, lines: LineIndex, f: Finding): string | undefined {
  if (!f.secret) return undefined;
  const start = lines.lineStart(f.range.startLine) + f.range.startColumn - 1;
  const end = lines.lineStart(f.range.endLine) + f.range.endColumn - 1;
  return end > start ? text.slice(start, end) : undefined;
}
