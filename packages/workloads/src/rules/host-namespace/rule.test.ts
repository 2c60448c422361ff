import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/host-namespace', () => runFixtures('k8s/host-namespace', import.meta.dirname));
