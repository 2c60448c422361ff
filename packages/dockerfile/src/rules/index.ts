import { rule as addInsteadOfCopy } from './add-instead-of-copy/rule.js';
import { rule as addUrlWithoutChecksum } from './add-url-without-checksum/rule.js';
import { rule as aptDistUpgrade } from './apt-dist-upgrade/rule.js';
import { rule as aptInsteadOfAptGet } from './apt-instead-of-apt-get/rule.js';
import { rule as buildContextCopied } from './build-context-copied/rule.js';
import { rule as buildToolsInRuntimeImage } from './build-tools-in-runtime-image/rule.js';
import { rule as cdInRun } from './cd-in-run/rule.js';
import { rule as consecutiveRunInstructions } from './consecutive-run-instructions/rule.js';
import { rule as containerIrrelevantCommand } from './container-irrelevant-command/rule.js';
import { rule as copiedArchiveExtractedInRun } from './copied-archive-extracted-in-run/rule.js';
import { rule as copyFromOwnStage } from './copy-from-own-stage/rule.js';
import { rule as copyFromUnknownStage } from './copy-from-unknown-stage/rule.js';
import { rule as copyFromUnpinnedImage } from './copy-from-unpinned-image/rule.js';
import { rule as copyMultipleSourcesWithoutDirectory } from './copy-multiple-sources-without-directory/rule.js';
import { rule as copyRelativeDestinationWithoutWorkdir } from './copy-relative-destination-without-workdir/rule.js';
import { rule as credentialsInRun } from './credentials-in-run/rule.js';
import { rule as defaultShellReplacedWithLn } from './default-shell-replaced-with-ln/rule.js';
import { rule as dnfInstallWithoutNodocs } from './dnf-install-without-nodocs/rule.js';
import { rule as downloadPipedToShell } from './download-piped-to-shell/rule.js';
import { rule as downloadWithoutVerification } from './download-without-verification/rule.js';
import { rule as duplicateStageName } from './duplicate-stage-name/rule.js';
import { rule as envReferencesSameStatement } from './env-references-same-statement/rule.js';
import { rule as execFormVariable } from './exec-form-variable/rule.js';
import { rule as extraPackageIndex } from './extra-package-index/rule.js';
import { rule as floatingTag } from './floating-tag/rule.js';
import { rule as fromPlatformFlag } from './from-platform-flag/rule.js';
import { rule as gitSafeDirectoryWildcard } from './git-safe-directory-wildcard/rule.js';
import { rule as imageNotDigestPinned } from './image-not-digest-pinned/rule.js';
import { rule as interactivePackageInstall } from './interactive-package-install/rule.js';
import { rule as invalidExposedPort } from './invalid-exposed-port/rule.js';
import { rule as invalidLabelKey } from './invalid-label-key/rule.js';
import { rule as invalidOnbuildTrigger } from './invalid-onbuild-trigger/rule.js';
import { rule as lastUserRoot } from './last-user-root/rule.js';
import { rule as latestTag } from './latest-tag/rule.js';
import { rule as maintainerInstruction } from './maintainer-instruction/rule.js';
import { rule as missingHealthcheck } from './missing-healthcheck/rule.js';
import { rule as missingNoInstallRecommends } from './missing-no-install-recommends/rule.js';
import { rule as missingUser } from './missing-user/rule.js';
import { rule as multipleCmd } from './multiple-cmd/rule.js';
import { rule as multipleEntrypoint } from './multiple-entrypoint/rule.js';
import { rule as multipleHealthcheck } from './multiple-healthcheck/rule.js';
import { rule as nonMinimalBaseImage } from './non-minimal-base-image/rule.js';
import { rule as nonNumericUser } from './non-numeric-user/rule.js';
import { rule as packageCacheKept } from './package-cache-kept/rule.js';
import { rule as packageSignatureCheckDisabled } from './package-signature-check-disabled/rule.js';
import { rule as parseError } from './parse-error/rule.js';
import { rule as passwordSetInRun } from './password-set-in-run/rule.js';
import { rule as pipeWithoutPipefail } from './pipe-without-pipefail/rule.js';
import { rule as relativeWorkdir } from './relative-workdir/rule.js';
import { rule as sdkBaseImage } from './sdk-base-image/rule.js';
import { rule as secretBuildArgOrEnv } from './secret-build-arg-or-env/rule.js';
import { rule as secretFileCopied } from './secret-file-copied/rule.js';
import { rule as secretInEnvOrArg } from './secret-in-env-or-arg/rule.js';
import { rule as shellFormCommand } from './shell-form-command/rule.js';
import { rule as sshPortExposed } from './ssh-port-exposed/rule.js';
import { rule as sudoUsage } from './sudo-usage/rule.js';
import { rule as tlsVerificationDisabled } from './tls-verification-disabled/rule.js';
import { rule as tlsVerificationDisabledEnv } from './tls-verification-disabled-env/rule.js';
import { rule as unpinnedPackage } from './unpinned-package/rule.js';
import { rule as unresolvedBaseImage } from './unresolved-base-image/rule.js';
import { rule as untaggedImage } from './untagged-image/rule.js';
import { rule as untrustedRegistry } from './untrusted-registry/rule.js';
import { rule as updateWithoutInstall } from './update-without-install/rule.js';
import { rule as useraddHighUidWithoutNoLogInit } from './useradd-high-uid-without-no-log-init/rule.js';
import type { DockerRule } from './util.js';
import { rule as wgetAndCurlBothUsed } from './wget-and-curl-both-used/rule.js';
import { rule as wgetWithoutProgressOption } from './wget-without-progress-option/rule.js';
import { rule as worldWritablePermissions } from './world-writable-permissions/rule.js';

/** Every Dockerfile rule, one line each. */
export const RULES: readonly DockerRule[] = [
  addInsteadOfCopy,
  addUrlWithoutChecksum,
  aptDistUpgrade,
  aptInsteadOfAptGet,
  buildContextCopied,
  cdInRun,
  consecutiveRunInstructions,
  containerIrrelevantCommand,
  copiedArchiveExtractedInRun,
  copyFromOwnStage,
  copyFromUnknownStage,
  copyFromUnpinnedImage,
  copyMultipleSourcesWithoutDirectory,
  copyRelativeDestinationWithoutWorkdir,
  credentialsInRun,
  defaultShellReplacedWithLn,
  downloadPipedToShell,
  dnfInstallWithoutNodocs,
  downloadWithoutVerification,
  duplicateStageName,
  envReferencesSameStatement,
  floatingTag,
  fromPlatformFlag,
  imageNotDigestPinned,
  interactivePackageInstall,
  invalidExposedPort,
  invalidLabelKey,
  invalidOnbuildTrigger,
  lastUserRoot,
  latestTag,
  maintainerInstruction,
  missingHealthcheck,
  missingNoInstallRecommends,
  missingUser,
  multipleCmd,
  multipleEntrypoint,
  multipleHealthcheck,
  nonMinimalBaseImage,
  nonNumericUser,
  packageCacheKept,
  packageSignatureCheckDisabled,
  parseError,
  passwordSetInRun,
  pipeWithoutPipefail,
  relativeWorkdir,
  sdkBaseImage,
  secretBuildArgOrEnv,
  secretFileCopied,
  secretInEnvOrArg,
  shellFormCommand,
  sshPortExposed,
  sudoUsage,
  tlsVerificationDisabled,
  tlsVerificationDisabledEnv,
  unpinnedPackage,
  unresolvedBaseImage,
  untaggedImage,
  untrustedRegistry,
  updateWithoutInstall,
  useraddHighUidWithoutNoLogInit,
  wgetAndCurlBothUsed,
  wgetWithoutProgressOption,
  worldWritablePermissions,
  buildToolsInRuntimeImage,
  execFormVariable,
  extraPackageIndex,
  gitSafeDirectoryWildcard,
];
