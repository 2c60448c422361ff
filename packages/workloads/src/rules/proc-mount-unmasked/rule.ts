import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/proc-mount-unmasked',
    title: 'Container unmasks /proc',
    severity: 'high',
    aliases: ['KSV027', 'unsafe-proc-mount'],
    tags: [...PSS_BASELINE, 'pss-proc-mount-type'],
    messages: {
      unmasked: '{{workload}} {{container}} sets procMount: {{value}}, exposing the host kernel through /proc',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    for (const c of pod?.containers ?? []) {
      const v = obj(c.spec.securityContext).procMount;
      if (v === undefined || v === null || v === 'Default') continue;
      out.push({
        messageId: 'unmasked',
        data: { workload: workloadName(object), container: containerLabel(c), value: String(v) },
        path: [...c.path, 'securityContext', 'procMount'],
        valueAt: true,
      });
    }
    return out;
  },
});
