import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('compose/dangerous-capability', () => runFixtures('compose/dangerous-capability', import.meta.dirname));
