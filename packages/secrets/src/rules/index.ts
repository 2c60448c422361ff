/** Every rule of the secrets analyzer, registered one per line. */
import type { Rule } from '@shipshape/core';
import { rule as composeEnvFileTracked } from './env/compose-env-file-tracked/rule.js';
import { rule as composeInlineSecret } from './env/compose-inline-secret/rule.js';
import { rule as credentialFileCommitted } from './env/credential-file-committed/rule.js';
import { rule as envFileForceAdded } from './env/env-file-force-added/rule.js';
import { rule as envNotDockerignored } from './env/env-not-dockerignored/rule.js';
import { rule as envNotGitignored } from './env/env-not-gitignored/rule.js';
import { rule as exampleRealValue } from './env/example-real-value/rule.js';
import { rule as trackedEnvFile } from './env/tracked-env-file/rule.js';
import { rule as configmapCredential } from './helm/configmap-credential/rule.js';
import { rule as envLiteralSecret } from './helm/env-literal-secret/rule.js';
import { rule as hardcodedSecretManifest } from './helm/hardcoded-secret-manifest/rule.js';
import { rule as valuesLiteralSecret } from './helm/values-literal-secret/rule.js';
import type { RepoInput } from './repo.js';
import { rule as authorizationHeader } from './secrets/authorization-header/rule.js';
import { rule as commandLineCredential } from './secrets/command-line-credential/rule.js';
import { rule as defaultCredential } from './secrets/default-credential/rule.js';
import { rule as dockerConfigAuth } from './secrets/docker-config-auth/rule.js';
import { rule as fallbackDefaultCredential } from './secrets/fallback-default-credential/rule.js';
import { rule as genericCredential } from './secrets/generic-credential/rule.js';
import { rule as urlCredential } from './secrets/url-credential/rule.js';
import type { FileInput } from './shared.js';

/**
 * Per-file rules in claim order: when two rules flag the same characters, the earlier one keeps
 * the finding (context-specific rules before generic ones). Provider token rules come first of all.
 */
export const FILE_RULES: readonly Rule<FileInput>[] = [
  dockerConfigAuth,
  hardcodedSecretManifest,
  envLiteralSecret,
  configmapCredential,
  valuesLiteralSecret,
  composeInlineSecret,
  exampleRealValue,
  urlCredential,
  authorizationHeader,
  commandLineCredential,
  genericCredential,
  defaultCredential,
  fallbackDefaultCredential,
];

/** Repository-level rules (`.env` handling, credential files). */
export const REPO_RULES: readonly Rule<RepoInput>[] = [
  trackedEnvFile,
  envFileForceAdded,
  envNotGitignored,
  envNotDockerignored,
  composeEnvFileTracked,
  credentialFileCommitted,
];
