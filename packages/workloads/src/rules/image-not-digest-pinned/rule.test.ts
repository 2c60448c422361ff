import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/image-not-digest-pinned', () => runFixtures('k8s/image-not-digest-pinned', import.meta.dirname));
