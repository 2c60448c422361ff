import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/seccomp-profile-missing', () => runFixtures('k8s/seccomp-profile-missing', import.meta.dirname));
