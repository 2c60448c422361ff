import { type Analyzer, effectiveRuleSetting, type Finding } from '@shipshape/core';
import { auditFiles } from './audit/run.js';
import { readSbomInputs } from './inputs.js';
import { rules, sbomRules } from './rules/index.js';

/**
 * Largest input the audit reads. Discovery already caps files (lockfiles at 100 MB by default); this
 * only guards against a configured limit beyond what one text can hold.
 */
const MAX_BYTES = 512 * 1024 * 1024;

/**
 * The pinning audit as a Shipshape analyzer (`shipshape scan`): reads only the manifests,
 * lockfiles, requirements, charts, compose files and workflows, and runs the `sbom/*` rules.
 */
export const sbomAnalyzer: Analyzer = {
  name: 'sbom',
  rules,
  async analyze(ctx): Promise<Finding[]> {
    const settings = new Map(sbomRules.map((r) => [r.meta.id, effectiveRuleSetting(r.meta, ctx.config, ctx.profiles)]));
    if (![...settings.values()].some((s) => s.enabled)) return [];
    const paths = ctx.files.map((f) => f.path);
    // Files discovery skipped for size still exist: a lockfile too large to read still locks its
    // manifest (no manifest-without-lockfile), and discovery has said it was skipped.
    const skipped = ctx.skippedFiles ?? [];
    const files = await readSbomInputs(ctx, { maxBytes: MAX_BYTES, leftOutOf: 'the pinning audit' });
    const { findings, notifications } = auditFiles(files, {
      rules: sbomRules,
      paths: [...paths, ...skipped],
      setting: (rule) => settings.get(rule.meta.id) ?? { enabled: true, options: {} },
    });
    for (const n of notifications) ctx.notify(n);
    return findings;
  },
};
