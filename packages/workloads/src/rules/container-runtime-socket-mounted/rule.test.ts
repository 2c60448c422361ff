import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/container-runtime-socket-mounted', () =>
  runFixtures('k8s/container-runtime-socket-mounted', import.meta.dirname));
