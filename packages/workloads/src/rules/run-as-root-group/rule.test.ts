import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/run-as-root-group', () => runFixtures('k8s/run-as-root-group', import.meta.dirname));
