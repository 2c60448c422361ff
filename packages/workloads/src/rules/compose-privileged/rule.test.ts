import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('compose/privileged', () => runFixtures('compose/privileged', import.meta.dirname));
