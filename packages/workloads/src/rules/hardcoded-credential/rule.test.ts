import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/hardcoded-credential', () => runFixtures('k8s/hardcoded-credential', import.meta.dirname));
