import { containerLabel, effective, hasAnySecurityContext, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_RESTRICTED, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/seccomp-profile-missing',
    title: 'No seccomp profile (RuntimeDefault or Localhost) set',
    severity: 'medium',
    aliases: ['CKV_K8S_31'],
    tags: [...PSS_RESTRICTED, 'pss-seccomp'],
    messages: {
      missing: '{{workload}} {{container}} runs without a seccomp profile (set seccompProfile.type: RuntimeDefault)',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    // The Restricted profile exempts Windows pods from this Linux-only control.
    if (!pod || pod.windows || !hasAnySecurityContext(pod)) return out;
    for (const c of pod.containers) {
      const e = effective(pod, c, 'seccompProfile');
      const type = (e?.value as { type?: unknown } | undefined)?.type;
      // Unconfined is the Baseline violation reported by k8s/seccomp-unconfined.
      if (type === 'RuntimeDefault' || type === 'Localhost' || type === 'Unconfined') continue;
      out.push({
        messageId: 'missing',
        data: { workload: workloadName(object), container: containerLabel(c) },
        path: c.spec.securityContext ? [...c.path, 'securityContext'] : c.path,
      });
    }
    return out;
  },
});
