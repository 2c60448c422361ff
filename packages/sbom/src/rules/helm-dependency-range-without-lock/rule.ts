import { defineRule, type Report } from '@shipshape/core';
import { type AuditInput, isExampleOrTestPath, type SbomRuleOptions } from '../../audit/input.js';
import { isExactHelmVersion } from '../../collectors/helm/index.js';
import { dirName } from '../../projects.js';
import { maskHelmTemplates, parseYamlDocuments, yget, ystr } from '../../util/yaml.js';
import { RULE_DOCS } from '../docs.js';

const ID = 'sbom/helm-dependency-range-without-lock';

export const rule = defineRule<AuditInput, SbomRuleOptions>({
  meta: {
    id: ID,
    title: 'Helm chart dependency with a version range and no Chart.lock',
    severity: 'medium',
    docs: RULE_DOCS[ID],
    aliases: [],
    tags: ['supply-chain', 'pinning', 'helm'],
    messages: {
      range:
        'Chart dependency "{{name}}" asks for the range "{{version}}" and no Chart.lock records which version was resolved.',
      noVersion: 'Chart dependency "{{name}}" has no version and no Chart.lock records which version was resolved.',
    },
  },
  check(input) {
    if (input.role !== 'helm-chart' && input.role !== 'helm-requirements') return [];
    const dir = dirName(input.path);
    const prefix = dir === '' ? '' : `${dir}/`;
    const lockName = input.role === 'helm-chart' ? 'Chart.lock' : 'requirements.lock';
    if (input.paths.has(`${prefix}${lockName}`)) return [];
    const reports: Report[] = [];
    for (const doc of parseYamlDocuments(maskHelmTemplates(input.text))) {
      const deps = yget(doc, 'dependencies');
      if (deps?.kind !== 'seq') continue;
      for (const dep of deps.items) {
        const nameNode = yget(dep, 'name');
        const name = ystr(nameNode);
        if (!name || nameNode?.kind !== 'scalar') continue;
        const repository = ystr(yget(dep, 'repository')) ?? '';
        // A chart vendored from the repository itself cannot drift.
        if (repository.startsWith('file://')) continue;
        const versionNode = yget(dep, 'version');
        const version = ystr(versionNode);
        if (version !== undefined && isExactHelmVersion(version)) continue;
        const at = versionNode?.kind === 'scalar' ? versionNode : nameNode;
        const report: Report =
          version === undefined
            ? { messageId: 'noVersion', data: { name }, range: input.lines.range(at.start, at.end) }
            : { messageId: 'range', data: { name, version }, range: input.lines.range(at.start, at.end) };
        report.fix = `Run \`helm dependency update\` and commit ${prefix}${lockName}, or pin "${name}" to an exact version.`;
        if (isExampleOrTestPath(input.path)) report.severity = 'info';
        reports.push(report);
      }
    }
    return reports;
  },
});
