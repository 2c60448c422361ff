import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('compose/runs-as-root', () => runFixtures('compose/runs-as-root', import.meta.dirname));
