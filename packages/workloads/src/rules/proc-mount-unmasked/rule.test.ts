import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/proc-mount-unmasked', () => runFixtures('k8s/proc-mount-unmasked', import.meta.dirname));
