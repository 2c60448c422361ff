import { containerLabel, effective, hasAnySecurityContext, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_RESTRICTED, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/run-as-root-allowed',
    title: 'Container is not required to run as non-root',
    severity: 'medium',
    aliases: ['KSV012', 'CKV_K8S_23', 'run-as-non-root'],
    tags: [...PSS_RESTRICTED, 'pss-running-as-non-root'],
    messages: {
      unset: '{{workload}} {{container}} does not set runAsNonRoot: true (pod or container)',
      disabled: '{{workload}} {{container}} sets runAsNonRoot: false',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod || !hasAnySecurityContext(pod)) return out;
    for (const c of pod.containers) {
      const e = effective(pod, c, 'runAsNonRoot');
      if (e?.value === true) continue;
      out.push({
        messageId: e ? 'disabled' : 'unset',
        data: { workload: workloadName(object), container: containerLabel(c) },
        path: e ? e.path : c.spec.securityContext ? [...c.path, 'securityContext'] : c.path,
        valueAt: e !== undefined,
      });
    }
    return out;
  },
});
