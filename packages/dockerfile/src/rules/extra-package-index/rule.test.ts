import { describe } from 'vitest';
import { runRuleFixtures } from '../../__tests__/harness.js';
import { rule } from './rule.js';

describe(rule.meta.id, () => runRuleFixtures(import.meta.url, rule));
