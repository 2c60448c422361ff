import { defineRule, type Report } from '@shipshape/core';
import type { AuditInput, SbomRuleOptions } from '../../audit/input.js';
import { readRequirements } from '../../audit/requirements.js';
import { baseName, isRequirementsName } from '../../projects.js';
import { RULE_DOCS } from '../docs.js';

const ID = 'sbom/requirement-missing-hash';

export const rule = defineRule<AuditInput, SbomRuleOptions>({
  meta: {
    id: ID,
    title: 'Requirement without --hash in a file where other requirements carry hashes',
    severity: 'medium',
    docs: RULE_DOCS[ID],
    aliases: [],
    tags: ['supply-chain', 'pinning', 'python', 'scorecard-pinned-dependencies'],
    messages: {
      missingHash:
        'Requirement "{{name}}" has no --hash although {{hashed}} other requirement(s) in this file do; pip refuses the whole file in hash-checking mode.',
    },
  },
  check(input) {
    if (input.role !== 'python' || !isRequirementsName(baseName(input.path), input.path)) return [];
    const { entries } = readRequirements(input.text);
    const hashed = entries.filter((e) => e.hashes.length > 0).length;
    if (hashed === 0) return [];
    const reports: Report[] = [];
    for (const entry of entries) {
      if (entry.hashes.length > 0 || entry.editable) continue;
      reports.push({
        messageId: 'missingHash',
        data: { name: entry.name ?? entry.text, hashed },
        range: { startLine: entry.line, startColumn: entry.column, endLine: entry.line, endColumn: entry.endColumn },
        fix: 'Regenerate the file with hashes for every line (pip-compile --generate-hashes, uv pip compile --generate-hashes).',
      });
    }
    return reports;
  },
});
