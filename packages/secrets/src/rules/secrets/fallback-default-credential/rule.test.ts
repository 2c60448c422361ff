import { describeRuleFixtures } from '../../../__tests__/harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule.meta.id, new URL('./fixtures/', import.meta.url));
