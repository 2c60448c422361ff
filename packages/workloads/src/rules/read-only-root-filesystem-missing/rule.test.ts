import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/read-only-root-filesystem-missing', () =>
  runFixtures('k8s/read-only-root-filesystem-missing', import.meta.dirname));
