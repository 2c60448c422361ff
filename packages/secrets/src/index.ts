export { compileDockerignore, contextCopyLines, credentialFileReason, rules, secretsAnalyzer } from './analyzer.js';
export { readSecretsConfig, SECRETS_CONFIG_SCHEMA, type SecretsConfig } from './config.js';
export { maskTemplates } from './extract/yaml.js';
export { HISTORY_INCOMPLETE_CODE, HistoryIncompleteError, type HistoryOptions, scanHistory } from './history.js';
export { findUrlCredentials, inspectAssignment, type UrlCredential, type ValueFinding } from './inspect.js';
export { isCredentialKey, isPasswordKey } from './keys.js';
export { type FileRole, roleOf } from './roles.js';
export { type ScanTextOptions, scanText } from './scan.js';
export {
  DETECTORS,
  type Detector,
  findTokens,
  isCredentialFileName,
  isKnownExample,
  type TokenMatch,
} from './tokens.js';
export {
  classifyValue,
  isInterpolation,
  isPlaceholder,
  isReference,
  isWeakDefault,
  type ValueClass,
} from './values.js';
