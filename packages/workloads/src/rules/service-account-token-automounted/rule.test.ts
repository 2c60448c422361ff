import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/service-account-token-automounted', () =>
  runFixtures('k8s/service-account-token-automounted', import.meta.dirname));
