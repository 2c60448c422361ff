export { inspectAssignment, findUrlCredentials, type ValueFinding, type UrlCredential } from './inspect.js';
export { findTokens, isKnownExample, isCredentialFileName, DETECTORS, type Detector, type TokenMatch } from './tokens.js';
export { isPlaceholder, isInterpolation, isReference, isWeakDefault, classifyValue, type ValueClass } from './values.js';
export { isCredentialKey, isPasswordKey } from './keys.js';
