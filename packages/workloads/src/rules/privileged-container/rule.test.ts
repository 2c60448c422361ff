import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/privileged-container', () => runFixtures('k8s/privileged-container', import.meta.dirname));
