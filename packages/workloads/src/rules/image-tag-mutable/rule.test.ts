import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('k8s/image-tag-mutable', () => runFixtures('k8s/image-tag-mutable', import.meta.dirname));
