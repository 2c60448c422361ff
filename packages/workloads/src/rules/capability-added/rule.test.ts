import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/capability-added', () => runFixtures('k8s/capability-added', import.meta.dirname));
