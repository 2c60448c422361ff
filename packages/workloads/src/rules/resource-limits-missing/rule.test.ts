import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/resource-limits-missing', () => runFixtures('k8s/resource-limits-missing', import.meta.dirname));
