import {
  type EffectiveRuleSetting,
  type Finding,
  LineIndex,
  type Notification,
  reportToFinding,
} from '@shipshape/core';
import type { SourceFile } from '../model.js';
import { inputRole } from '../projects.js';
import type { AuditInput, SbomRule } from './input.js';

export interface AuditOptions {
  rules: readonly SbomRule[];
  /** Every path in the repository (defaults to the files given). */
  paths?: readonly string[];
  /** Setting per rule (enabled, severity, options); default: enabled with no options. */
  setting?: (rule: SbomRule) => EffectiveRuleSetting;
}

/**
 * Runs the pinning-audit rules over SBOM input files. A rule that throws on a file (malformed
 * YAML/TOML/JSON) yields one parse-error notification for that file, never a crash.
 */
export function auditFiles(
  files: readonly SourceFile[],
  options: AuditOptions,
): { findings: Finding[]; notifications: Notification[] } {
  const findings: Finding[] = [];
  const notifications: Notification[] = [];
  const paths = new Set(options.paths ?? files.map((f) => f.path));
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const active = options.rules
    .map((rule) => ({ rule, setting: options.setting ? options.setting(rule) : { enabled: true, options: {} } }))
    .filter((r) => r.setting.enabled);
  const broken = new Set<string>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const role = inputRole(file.path);
    if (!role) continue;
    const lines = new LineIndex(file.text);
    const input: AuditInput = { path: file.path, text: file.text, lines, role, paths, texts };
    for (const { rule, setting } of active) {
      try {
        for (const report of rule.check(input, setting.options)) {
          const finding = reportToFinding(rule.meta, report, file.path, lines);
          if (setting.severity) finding.severity = setting.severity;
          findings.push(finding);
        }
      } catch (error) {
        if (broken.has(file.path)) continue;
        broken.add(file.path);
        notifications.push({
          level: 'warning',
          code: 'parse-error',
          message: `${file.path} could not be parsed for the pinning audit: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
          file: file.path,
        });
      }
    }
  }
  return { findings, notifications };
}
