import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/seccomp-unconfined', () => runFixtures('k8s/seccomp-unconfined', import.meta.dirname));
