import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/rbac-wildcard', () => runFixtures('k8s/rbac-wildcard', import.meta.dirname));
