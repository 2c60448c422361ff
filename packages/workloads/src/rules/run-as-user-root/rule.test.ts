import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/run-as-user-root', () => runFixtures('k8s/run-as-user-root', import.meta.dirname));
