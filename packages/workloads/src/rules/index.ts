/** Every workloads rule; one line each. A meta-test checks folders, docs and fixtures agree. */
import { rule as apparmorUnconfined } from './apparmor-unconfined/rule.js';
import { rule as capabilitiesNotDropped } from './capabilities-not-dropped/rule.js';
import { rule as capabilityAdded } from './capability-added/rule.js';
import { rule as clusterAdminBinding } from './cluster-admin-binding/rule.js';
import { rule as composeDangerousCapability } from './compose-dangerous-capability/rule.js';
import { rule as composeDatabaseAuthDisabled } from './compose-database-auth-disabled/rule.js';
import { rule as composeDatabasePortPublic } from './compose-database-port-public/rule.js';
import { rule as composeDockerSocketMounted } from './compose-docker-socket-mounted/rule.js';
import { rule as composeHostNamespace } from './compose-host-namespace/rule.js';
import { rule as composePrivileged } from './compose-privileged/rule.js';
import { rule as composeRunsAsRoot } from './compose-runs-as-root/rule.js';
import { rule as composeSecurityOptUnconfined } from './compose-security-opt-unconfined/rule.js';
import { rule as containerRuntimeSocketMounted } from './container-runtime-socket-mounted/rule.js';
import { rule as defaultServiceAccount } from './default-service-account/rule.js';
import { RULE_DOCS } from './docs.generated.js';
import { rule as hardcodedCredential } from './hardcoded-credential/rule.js';
import { rule as hostNamespace } from './host-namespace/rule.js';
import { rule as hostPathVolume } from './host-path-volume/rule.js';
import { rule as hostPort } from './host-port/rule.js';
import { rule as imageNotDigestPinned } from './image-not-digest-pinned/rule.js';
import { rule as imageTagMutable } from './image-tag-mutable/rule.js';
import { rule as privilegeEscalationAllowed } from './privilege-escalation-allowed/rule.js';
import { rule as privilegedContainer } from './privileged-container/rule.js';
import { rule as procMountUnmasked } from './proc-mount-unmasked/rule.js';
import { rule as rbacPodExec } from './rbac-pod-exec/rule.js';
import { rule as rbacSecretsAccess } from './rbac-secrets-access/rule.js';
import { rule as rbacWildcard } from './rbac-wildcard/rule.js';
import { rule as readOnlyRootFilesystemMissing } from './read-only-root-filesystem-missing/rule.js';
import { rule as resourceLimitsMissing } from './resource-limits-missing/rule.js';
import { rule as runAsRootAllowed } from './run-as-root-allowed/rule.js';
import { rule as runAsRootGroup } from './run-as-root-group/rule.js';
import { rule as runAsUserRoot } from './run-as-user-root/rule.js';
import { rule as seccompProfileMissing } from './seccomp-profile-missing/rule.js';
import { rule as seccompUnconfined } from './seccomp-unconfined/rule.js';
import { rule as securityContextMissing } from './security-context-missing/rule.js';
import { rule as selinuxCustomOptions } from './selinux-custom-options/rule.js';
import { rule as serviceAccountTokenAutomounted } from './service-account-token-automounted/rule.js';
import type { ComposeRule, K8sRule, WorkloadRule } from './shared.js';
import { rule as unsafeSysctl } from './unsafe-sysctl/rule.js';
import { rule as volumeTypeRestricted } from './volume-type-restricted/rule.js';

/** Folder of a rule id: `k8s/x` -> `x`, `compose/x` -> `compose-x`. */
export function ruleFolder(id: string): string {
  return id.startsWith('compose/') ? `compose-${id.slice('compose/'.length)}` : id.slice(id.indexOf('/') + 1);
}

function withDocs<T extends WorkloadRule>(rule: T): T {
  const docs = RULE_DOCS[ruleFolder(rule.meta.id)];
  return docs === undefined ? rule : { ...rule, meta: { ...rule.meta, docs } };
}

export const K8S_RULES: readonly K8sRule[] = [
  apparmorUnconfined,
  capabilitiesNotDropped,
  capabilityAdded,
  clusterAdminBinding,
  containerRuntimeSocketMounted,
  defaultServiceAccount,
  hardcodedCredential,
  hostNamespace,
  hostPathVolume,
  hostPort,
  imageNotDigestPinned,
  imageTagMutable,
  privilegeEscalationAllowed,
  privilegedContainer,
  procMountUnmasked,
  rbacPodExec,
  rbacSecretsAccess,
  rbacWildcard,
  readOnlyRootFilesystemMissing,
  resourceLimitsMissing,
  runAsRootAllowed,
  runAsRootGroup,
  runAsUserRoot,
  seccompProfileMissing,
  seccompUnconfined,
  securityContextMissing,
  selinuxCustomOptions,
  serviceAccountTokenAutomounted,
  unsafeSysctl,
  volumeTypeRestricted,
].map(withDocs);

export const COMPOSE_RULES: readonly ComposeRule[] = [
  composeDangerousCapability,
  composeDatabaseAuthDisabled,
  composeDatabasePortPublic,
  composeDockerSocketMounted,
  composeHostNamespace,
  composePrivileged,
  composeRunsAsRoot,
  composeSecurityOptUnconfined,
].map(withDocs);

export const RULES: readonly WorkloadRule[] = [...K8S_RULES, ...COMPOSE_RULES];
