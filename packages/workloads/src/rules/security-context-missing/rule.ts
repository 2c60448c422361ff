import { containerLabel, hasAnySecurityContext, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/security-context-missing',
    title: 'Workload sets no securityContext at all',
    severity: 'medium',
    aliases: [],
    tags: ['pod-security-standards', 'pss-restricted', 'hardening'],
    messages: {
      missing:
        '{{workload}} {{container}} has no securityContext (nor does its pod): it may run as root, escalate privileges, keep every default capability and run without seccomp',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod || hasAnySecurityContext(pod)) return out;
    for (const c of pod.containers) {
      if (c.group === 'ephemeralContainers') continue;
      out.push({
        messageId: 'missing',
        data: { workload: workloadName(object), container: containerLabel(c) },
        path: c.path,
      });
    }
    return out;
  },
});
