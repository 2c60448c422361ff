import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('compose/database-port-public', () => runFixtures('compose/database-port-public', import.meta.dirname));
