import { InputError } from './errors.js';
import { FileReadError, readTextFile } from './read.js';
import type { Finding } from './types.js';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
}

export interface Baseline {
  version: 1;
  tool: string;
  findings: BaselineEntry[];
}

/** A baseline document for the given findings: sorted, without line numbers or timestamps. */
export function createBaseline(findings: readonly Finding[], tool = 'shipshape'): Baseline {
  const entries = findings
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file }))
    .sort((a, b) => (a.file + a.ruleId + a.fingerprint < b.file + b.ruleId + b.fingerprint ? -1 : 1));
  return { version: 1, tool, findings: entries };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Largest baseline read: ~200 bytes a finding, so about 300,000 findings. */
export const MAX_BASELINE_SIZE = 64 * 1024 * 1024;

/**
 * Reads a baseline file into a set of fingerprints; a clear InputError when it is not one. The
 * message names the file and the problem, never its content: a file passed by mistake (source,
 * a key) would otherwise be echoed by JSON.parse's message.
 */
export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readTextFile(path, { maxBytes: MAX_BASELINE_SIZE });
  } catch (error) {
    const reason =
      error instanceof FileReadError
        ? error.message.slice(path.length + 2) || error.reason
        : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new InputError(`${path}: cannot read baseline (${reason})`, path);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(`${path}: cannot read baseline (not valid JSON)`, path);
  }
  const findings = (data as Partial<Baseline> | null)?.findings;
  if (!Array.isArray(findings) || findings.some((e) => typeof (e as BaselineEntry)?.fingerprint !== 'string'))
    throw new InputError(`${path}: not a shipshape baseline (expected { "findings": [{ "fingerprint": ... }] })`, path);
  return new Set(findings.map((e: BaselineEntry) => e.fingerprint));
}

/** Splits findings into new ones and those recorded in the baseline. */
export function applyBaseline(
  findings: Finding[],
  fingerprints: ReadonlySet<string>,
): { kept: Finding[]; baselined: Finding[] } {
  const kept: Finding[] = [];
  const baselined: Finding[] = [];
  for (const f of findings) (fingerprints.has(f.fingerprint) ? baselined : kept).push(f);
  return { kept, baselined };
}
