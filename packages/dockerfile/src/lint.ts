import {
  compareFindings,
  effectiveRuleSetting,
  type Finding,
  type RuleMeta,
  reportToFinding,
  type ShipshapeConfig,
} from '@shipshape/core';
import { buildModel, type DockerfileModel, type LintSettings } from './model/model.js';
import { RULE_DOCS } from './rules/docs.generated.js';
import { RULES } from './rules/index.js';

/** Options of `lintDockerfile`; every field is optional. */
export interface DockerfileOptions {
  /** Build target (`docker build --target`): only this stage (and what it builds on) ships. */
  target?: string;
  /** `strict` turns on opt-in rules such as digest pinning. */
  profile?: string;
  /** Registries (or registry/path prefixes) images may come from; empty means any. */
  trustedRegistries?: string[];
  /** Extra images to treat as minimal (`my-registry/base`, `*.corp/minimal-*`). */
  minimalImages?: string[];
  /** Extra images whose default user is not root. */
  nonRootImages?: string[];
  /** Rule settings by id or alias, as in the config file. */
  rules?: ShipshapeConfig['rules'];
  /** What the tree says about the build context's .dockerignore; undefined when unknown (stdin). */
  contextHasDockerignoreExcluding?: (pattern: '.env' | '.git') => boolean | undefined;
}

function docsName(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

for (const r of RULES) {
  const docs = RULE_DOCS[docsName(r.meta.id)];
  if (docs !== undefined) (r.meta as RuleMeta).docs = docs;
}

/** Metadata of every rule, docs included. */
export const rules: RuleMeta[] = RULES.map((r) => r.meta);

export function settingsFrom(options: DockerfileOptions = {}): LintSettings {
  const settings: LintSettings = {
    strict: options.profile === 'strict',
    trustedRegistries: options.trustedRegistries ?? [],
    minimalImages: options.minimalImages ?? [],
    nonRootImages: options.nonRootImages ?? [],
  };
  if (options.target !== undefined) settings.target = options.target;
  if (options.contextHasDockerignoreExcluding) settings.contextHasDockerignoreExcluding = options.contextHasDockerignoreExcluding;
  return settings;
}

/** Runs every enabled rule over a built model. */
export function runRules(model: DockerfileModel, options: DockerfileOptions = {}): Finding[] {
  const config: ShipshapeConfig = options.rules ? { rules: options.rules } : {};
  const profiles = options.profile ? [options.profile] : [];
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = effectiveRuleSetting(rule.meta, config, profiles);
    if (!setting.enabled) continue;
    let reports: ReturnType<typeof rule.check>;
    try {
      reports = rule.check(model, setting.options);
    } catch {
      // A rule bug must not take the whole file down; the other rules still report.
      continue;
    }
    for (const report of reports) {
      const finding = reportToFinding(rule.meta, report, model.path, model.lines);
      if (setting.severity) finding.severity = setting.severity;
      findings.push(finding);
    }
  }
  return findings.sort(compareFindings);
}

/**
 * Lints one Dockerfile. Pure: no file system, no network. A file that does not parse yields a
 * `docker/parse-error` finding and the other rules still run on what was understood.
 */
export function lintDockerfile(input: { path: string; text: string }, options: DockerfileOptions = {}): Finding[] {
  const model = buildModel(input.path, input.text, settingsFrom(options));
  return runRules(model, options);
}
