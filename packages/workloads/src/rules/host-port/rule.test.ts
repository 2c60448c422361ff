import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/host-port', () => runFixtures('k8s/host-port', import.meta.dirname));
