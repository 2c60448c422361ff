import type { Detector } from '../types.js';
import { CLOUD_DETECTORS } from './cloud.js';
import { CODE_HOST_DETECTORS } from './code-hosts.js';
import { INFRASTRUCTURE_DETECTORS } from './infrastructure.js';
import { KEY_DETECTORS } from './keys.js';
import { LONG_TAIL_DETECTORS } from './long-tail.js';
import { MESSAGING_PAYMENTS_AI_DETECTORS } from './messaging-payments-ai.js';
import { REGISTRY_DETECTORS } from './registries.js';
import { SAAS_DETECTORS } from './saas.js';

/** Every built-in detector, grouped by provider family. */
export const DETECTORS: readonly Detector[] = Object.freeze([
  ...CLOUD_DETECTORS,
  ...CODE_HOST_DETECTORS,
  ...REGISTRY_DETECTORS,
  ...INFRASTRUCTURE_DETECTORS,
  ...MESSAGING_PAYMENTS_AI_DETECTORS,
  ...SAAS_DETECTORS,
  ...KEY_DETECTORS,
  ...LONG_TAIL_DETECTORS,
]);
