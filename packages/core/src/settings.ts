import { isSeverity } from './severity.js';
import type { RuleMeta, RuleSetting, Severity, ShipshapeConfig } from './types.js';

export interface EffectiveRuleSetting {
  enabled: boolean;
  severity?: Severity;
  options: Record<string, unknown>;
}

/**
 * How config and profiles set a rule: `off`/`on`, a severity, or `{ enabled, severity, options }`.
 * Rules that are off by default come on when a listed profile is active or config turns them on.
 */
export function effectiveRuleSetting(
  meta: RuleMeta,
  config: ShipshapeConfig | undefined,
  profiles: readonly string[] = [],
): EffectiveRuleSetting {
  const enabledByProfile = meta.profiles?.some((p) => profiles.includes(p)) ?? false;
  let enabled = !meta.disabledByDefault || enabledByProfile;
  let severity: Severity | undefined;
  let options: Record<string, unknown> = {};
  const setting = findSetting(meta, config?.rules);
  if (setting !== undefined) {
    if (setting === 'off') enabled = false;
    else if (setting === 'on') enabled = true;
    else if (isSeverity(setting)) {
      enabled = true;
      severity = setting;
    } else {
      if (setting.enabled !== undefined) enabled = setting.enabled;
      else enabled = true;
      if (setting.severity !== undefined) severity = setting.severity;
      if (setting.options) options = setting.options;
    }
  }
  return severity === undefined ? { enabled, options } : { enabled, severity, options };
}

/** Config may name a rule by its id or by any alias (so migrated configs keep working). */
function findSetting(meta: RuleMeta, rules: Record<string, RuleSetting> | undefined): RuleSetting | undefined {
  if (!rules) return undefined;
  if (rules[meta.id] !== undefined) return rules[meta.id];
  for (const alias of meta.aliases) {
    const hit = rules[alias];
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** Shorthand: the options object config gives a rule (`{}` when none). */
export function ruleOptions(meta: RuleMeta, config: ShipshapeConfig | undefined): Record<string, unknown> {
  return effectiveRuleSetting(meta, config).options;
}
