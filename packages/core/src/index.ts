export type * from './types.js';
export * from './severity.js';
export * from './position.js';
export * from './mask.js';
export * from './errors.js';
export * from './fingerprint.js';
export * from './rule.js';
export * from './classify.js';
export * from './settings.js';
