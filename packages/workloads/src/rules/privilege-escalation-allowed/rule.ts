import { containerLabel, hasAnySecurityContext, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_RESTRICTED, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/privilege-escalation-allowed',
    title: 'Container may gain more privileges than its parent process',
    severity: 'medium',
    aliases: ['KSV001', 'CKV_K8S_20', 'privilege-escalation-container'],
    tags: [...PSS_RESTRICTED, 'pss-privilege-escalation'],
    messages: {
      unset: '{{workload}} {{container}} does not set allowPrivilegeEscalation: false',
      allowed: '{{workload}} {{container}} sets allowPrivilegeEscalation: true',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    // The Restricted profile exempts Windows pods from this Linux-only control.
    if (!pod || pod.windows || !hasAnySecurityContext(pod)) return out;
    for (const c of pod.containers) {
      const sc = obj(c.spec.securityContext);
      if (sc.allowPrivilegeEscalation === false) continue;
      const set = sc.allowPrivilegeEscalation === true;
      out.push({
        messageId: set ? 'allowed' : 'unset',
        data: { workload: workloadName(object), container: containerLabel(c) },
        path: set
          ? [...c.path, 'securityContext', 'allowPrivilegeEscalation']
          : c.spec.securityContext
            ? [...c.path, 'securityContext']
            : c.path,
        valueAt: set,
      });
    }
    return out;
  },
});
