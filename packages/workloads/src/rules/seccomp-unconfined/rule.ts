import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/seccomp-unconfined',
    title: 'Seccomp explicitly disabled (Unconfined)',
    severity: 'high',
    aliases: [],
    tags: [...PSS_BASELINE, 'pss-seccomp'],
    messages: {
      unconfined: '{{workload}} {{where}} sets seccompProfile type Unconfined: every system call is allowed',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod) return out;
    if (obj(obj(pod.spec.securityContext).seccompProfile).type === 'Unconfined')
      out.push({
        messageId: 'unconfined',
        data: { workload: workloadName(object), where: 'pod' },
        path: [...pod.specPath, 'securityContext', 'seccompProfile', 'type'],
        valueAt: true,
      });
    for (const c of pod.containers) {
      if (obj(obj(c.spec.securityContext).seccompProfile).type !== 'Unconfined') continue;
      out.push({
        messageId: 'unconfined',
        data: { workload: workloadName(object), where: containerLabel(c) },
        path: [...c.path, 'securityContext', 'seccompProfile', 'type'],
        valueAt: true,
      });
    }
    return out;
  },
});
