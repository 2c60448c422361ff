import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/security-context-missing', () => runFixtures('k8s/security-context-missing', import.meta.dirname));
