import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/host-path-volume', () => runFixtures('k8s/host-path-volume', import.meta.dirname));
