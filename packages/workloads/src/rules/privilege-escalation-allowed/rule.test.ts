import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/privilege-escalation-allowed', () =>
  runFixtures('k8s/privilege-escalation-allowed', import.meta.dirname));
