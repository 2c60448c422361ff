import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/rbac-pod-exec', () => runFixtures('k8s/rbac-pod-exec', import.meta.dirname));
