import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/cluster-admin-binding', () => runFixtures('k8s/cluster-admin-binding', import.meta.dirname));
