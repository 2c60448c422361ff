import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/unsafe-sysctl', () => runFixtures('k8s/unsafe-sysctl', import.meta.dirname));
