import type { RuleMeta } from '@shipshape/core';
import { rule as knownVulnerability } from './known-vulnerability/rule.js';

export { knownVulnerability };

/** Metadata of every vulns rule (for `shipshape rules`). */
export const rules: readonly RuleMeta[] = [knownVulnerability.meta];
