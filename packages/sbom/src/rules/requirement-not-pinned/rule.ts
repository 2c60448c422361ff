import { defineRule, type Report } from '@shipshape/core';
import { type AuditInput, isExampleOrTestPath, type SbomRuleOptions } from '../../audit/input.js';
import { readRequirements } from '../../audit/requirements.js';
import { baseName, isRequirementsName } from '../../projects.js';
import { RULE_DOCS } from '../docs.js';

const ID = 'sbom/requirement-not-pinned';

export const rule = defineRule<AuditInput, SbomRuleOptions>({
  meta: {
    id: ID,
    title: 'requirements.txt line not pinned to an exact version with ==',
    severity: 'medium',
    docs: RULE_DOCS[ID],
    aliases: [],
    tags: ['supply-chain', 'pinning', 'python', 'scorecard-pinned-dependencies'],
    messages: {
      range: 'Requirement "{{name}}" allows a range ({{specifier}}) instead of one exact version.',
      unversioned: 'Requirement "{{name}}" has no version at all, so every install may pick a different release.',
    },
  },
  check(input) {
    if (input.role !== 'python' || !isRequirementsName(baseName(input.path), input.path)) return [];
    const reports: Report[] = [];
    for (const entry of readRequirements(input.text).entries) {
      if (entry.url !== undefined || entry.editable || entry.pinned || !entry.name) continue;
      const range = {
        startLine: entry.line,
        startColumn: entry.column,
        endLine: entry.line,
        endColumn: entry.endColumn,
      };
      const report: Report = entry.specifier
        ? { messageId: 'range', data: { name: entry.name, specifier: entry.specifier }, range }
        : { messageId: 'unversioned', data: { name: entry.name }, range };
      report.fix = `Pin it (${entry.name}==<version>), ideally by compiling this file from a .in file with pip-compile or uv pip compile --generate-hashes.`;
      if (isExampleOrTestPath(input.path)) report.severity = 'info';
      reports.push(report);
    }
    return reports;
  },
});
