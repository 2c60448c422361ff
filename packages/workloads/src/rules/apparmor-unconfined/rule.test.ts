import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/apparmor-unconfined', () => runFixtures('k8s/apparmor-unconfined', import.meta.dirname));
