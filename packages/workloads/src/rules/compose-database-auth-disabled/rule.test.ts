import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('compose/database-auth-disabled', () => runFixtures('compose/database-auth-disabled', import.meta.dirname));
