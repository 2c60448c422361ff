import { defineRule, type Report } from '@shipshape/core';
import { type AuditInput, isExampleOrTestPath, type SbomRuleOptions } from '../../audit/input.js';
import { imageDisplayName } from '../../collectors/container/image-ref.js';
import {
  composeImages,
  helmValuesImages,
  type ImageOccurrence,
  parseDotEnv,
} from '../../collectors/container/occurrences.js';
import { parseChartYaml } from '../../collectors/helm/index.js';
import { chartRootOf, helmChartRoots } from '../../projects.js';
import { RULE_DOCS } from '../docs.js';

const ID = 'sbom/image-without-digest';

export const rule = defineRule<AuditInput, SbomRuleOptions>({
  meta: {
    id: ID,
    title: 'Container image in compose or Helm values not pinned by digest',
    severity: 'low',
    docs: RULE_DOCS[ID],
    // Scorecard's `containerImage` category covers Dockerfile FROM lines, which the dockerfile
    // analyzer owns; this rule looks at compose and Helm values, so it claims no alias.
    aliases: [],
    tags: ['supply-chain', 'pinning', 'containers'],
    messages: {
      tagOnly:
        'Image "{{image}}" ({{context}}) is referenced by the tag "{{tag}}" without a digest; the tag can be moved to different content.',
      latest:
        'Image "{{image}}" ({{context}}) has no tag or digest, so it means whatever "latest" points to when pulled.',
    },
  },
  check(input) {
    let occurrences: ImageOccurrence[];
    if (input.role === 'compose') {
      // Compose takes `${VAR}` values from the `.env` beside the file.
      const dir = input.path.includes('/') ? input.path.slice(0, input.path.lastIndexOf('/') + 1) : '';
      const dotEnv = input.texts.get(`${dir}.env`);
      occurrences = composeImages(input.path, input.text, dotEnv !== undefined ? parseDotEnv(dotEnv) : undefined);
    } else if (input.role === 'helm-values') {
      const root = chartRootOf(input.path, helmChartRoots([...input.paths]));
      if (root === undefined) return [];
      // An empty tag means the chart's appVersion (a tag, not "latest").
      let appVersion = 'appVersion';
      const chartText = input.texts.get(root === '' ? 'Chart.yaml' : `${root}/Chart.yaml`);
      try {
        if (chartText !== undefined) appVersion = parseChartYaml(chartText).appVersion ?? appVersion;
      } catch {
        // a broken Chart.yaml is reported by the collector
      }
      occurrences = helmValuesImages(input.path, input.text, appVersion);
    } else return [];
    const reports: Report[] = [];
    for (const occ of occurrences) {
      if (!occ.ref || occ.ref.digest) continue;
      const image = imageDisplayName(occ.ref);
      const context = occ.source === 'compose' ? `service ${occ.context}` : `values ${occ.context}`;
      const range = { startLine: occ.line, startColumn: occ.column, endLine: occ.line, endColumn: occ.endColumn };
      const report: Report =
        occ.ref.tag === undefined || occ.ref.tag === 'latest'
          ? {
              messageId: 'latest',
              data: { image, context },
              range,
              fix: `Pin ${image} to a release tag and its digest: ${image}:<tag>@sha256:<digest>.`,
            }
          : {
              messageId: 'tagOnly',
              data: { image, context, tag: occ.ref.tag },
              range,
              fix: `Add the digest: ${image}:${occ.ref.tag}@sha256:<digest> (Helm values: a \`digest:\` key).`,
            };
      if (isExampleOrTestPath(input.path)) report.severity = 'info';
      reports.push(report);
    }
    return reports;
  },
});
