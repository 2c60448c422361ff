import { describe } from 'vitest';
import { runFixtures } from '../../__tests__/fixtures.js';

describe('compose/docker-socket-mounted', () => runFixtures('compose/docker-socket-mounted', import.meta.dirname));
