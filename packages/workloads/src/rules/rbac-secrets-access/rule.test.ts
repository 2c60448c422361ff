import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/rbac-secrets-access', () => runFixtures('k8s/rbac-secrets-access', import.meta.dirname));
