import { compare, valid } from '@renovatebot/pep440';
import type { VersionOrder } from './types.js';

/** PEP 440 (epochs, pre/post/dev releases, local versions) through `@renovatebot/pep440`. */
export const pep440Order: VersionOrder = {
  name: 'PEP 440',
  valid: (v) => valid(v) !== null,
  compare: (a, b) => compare(a, b),
};
