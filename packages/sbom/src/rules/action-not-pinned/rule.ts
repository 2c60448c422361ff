import { defineRule, type Report } from '@shipshape/core';
import type { AuditInput, SbomRuleOptions } from '../../audit/input.js';
import { parseYamlDocuments, type YNode, yget } from '../../util/yaml.js';
import { RULE_DOCS } from '../docs.js';

const ID = 'sbom/action-not-pinned';
// SHA-1 object names, or SHA-256 ones in repositories using the newer object format.
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

function allowed(action: string, allow: readonly string[]): boolean {
  return allow.some(
    (prefix) =>
      action === prefix ||
      action.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) ||
      action.startsWith(`${prefix}@`),
  );
}

/** Every `uses:` of a workflow: job-level (reusable workflows) and step-level. */
function usesNodes(doc: YNode | undefined): YNode[] {
  const out: YNode[] = [];
  const jobs = yget(doc, 'jobs');
  if (jobs?.kind !== 'map') return out;
  for (const job of jobs.entries) {
    const jobUses = yget(job.value, 'uses');
    if (jobUses) out.push(jobUses);
    const steps = yget(job.value, 'steps');
    if (steps?.kind !== 'seq') continue;
    for (const step of steps.items) {
      const uses = yget(step, 'uses');
      if (uses) out.push(uses);
    }
  }
  return out;
}

export const rule = defineRule<AuditInput, SbomRuleOptions>({
  meta: {
    id: ID,
    title: 'GitHub Actions `uses:` not pinned to a full commit SHA',
    severity: 'medium',
    docs: RULE_DOCS[ID],
    aliases: ['Pinned-Dependencies/GitHubAction'],
    tags: ['supply-chain', 'pinning', 'github-actions', 'scorecard-pinned-dependencies', 'cwe-829'],
    messages: {
      notPinned: 'Action "{{action}}" is referenced by "{{ref}}", a movable tag or branch, not a full commit SHA.',
      noRef: 'Action "{{action}}" has no ref at all, so it runs whatever its default branch holds.',
      dockerNotPinned: 'Docker action "{{action}}" is not pinned to an image digest.',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: {
          type: 'array',
          items: { type: 'string' },
          description: 'Owners or actions allowed without a SHA (`my-org/`, `actions/checkout`).',
        },
      },
    },
  },
  check(input, options) {
    if (input.role !== 'workflow') return [];
    const allow = Array.isArray(options.allow) ? options.allow.filter((a): a is string => typeof a === 'string') : [];
    const reports: Report[] = [];
    for (const doc of parseYamlDocuments(input.text)) {
      for (const node of usesNodes(doc)) {
        if (node.kind !== 'scalar') continue;
        const value = node.value.trim();
        if (value === '' || value.startsWith('./') || value.startsWith('.\\')) continue;
        const range = input.lines.range(node.start, node.end);
        if (value.startsWith('docker://')) {
          if (/@sha256:[0-9a-f]{64}$/i.test(value)) continue;
          const action = value.slice('docker://'.length);
          if (allowed(action, allow)) continue;
          reports.push({
            messageId: 'dockerNotPinned',
            data: { action },
            range,
            fix: `Use docker://${action.split('@')[0]}@sha256:<digest>.`,
          });
          continue;
        }
        const at = value.lastIndexOf('@');
        const action = at === -1 ? value : value.slice(0, at);
        const ref = at === -1 ? '' : value.slice(at + 1);
        if (SHA.test(ref) || allowed(action, allow)) continue;
        reports.push(
          ref === ''
            ? { messageId: 'noRef', data: { action }, range, fix: `Use ${action}@<40-character commit SHA>.` }
            : {
                messageId: 'notPinned',
                data: { action, ref },
                range,
                fix: `Use ${action}@<40-character commit SHA of ${ref}> # ${ref}, and let Dependabot or Renovate bump it.`,
              },
        );
      }
    }
    return reports;
  },
});
