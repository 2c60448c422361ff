import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('compose/host-namespace', () => runFixtures('compose/host-namespace', import.meta.dirname));
