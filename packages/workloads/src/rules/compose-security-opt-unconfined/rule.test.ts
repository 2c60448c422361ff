import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('compose/security-opt-unconfined', () => runFixtures('compose/security-opt-unconfined', import.meta.dirname));
