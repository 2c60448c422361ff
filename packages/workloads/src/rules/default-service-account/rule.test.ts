import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/default-service-account', () => runFixtures('k8s/default-service-account', import.meta.dirname));
