import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/selinux-custom-options', () => runFixtures('k8s/selinux-custom-options', import.meta.dirname));
