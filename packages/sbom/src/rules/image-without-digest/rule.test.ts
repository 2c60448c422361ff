import { runFixtures } from '../../__tests__/fixtures.js';
import { rule } from './rule.js';

runFixtures(new URL('./fixtures/', import.meta.url), rule);
