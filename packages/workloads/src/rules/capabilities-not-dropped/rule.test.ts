import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/capabilities-not-dropped', () => runFixtures('k8s/capabilities-not-dropped', import.meta.dirname));
