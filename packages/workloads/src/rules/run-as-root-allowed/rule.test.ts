import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/run-as-root-allowed', () => runFixtures('k8s/run-as-root-allowed', import.meta.dirname));
