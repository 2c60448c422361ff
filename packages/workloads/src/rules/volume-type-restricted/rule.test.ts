import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/volume-type-restricted', () => runFixtures('k8s/volume-type-restricted', import.meta.dirname));
