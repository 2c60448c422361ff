import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/privileged-container',
    title: 'Container runs privileged',
    severity: 'high',
    aliases: ['KSV017', 'CKV_K8S_16', 'privileged-container'],
    tags: [...PSS_BASELINE, 'pss-privileged-containers'],
    messages: {
      privileged: '{{workload}} {{container}} runs privileged: it has every capability and all host devices',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    for (const c of pod?.containers ?? []) {
      if (obj(c.spec.securityContext).privileged !== true) continue;
      out.push({
        messageId: 'privileged',
        data: { workload: workloadName(object), container: containerLabel(c) },
        path: [...c.path, 'securityContext', 'privileged'],
        valueAt: true,
      });
    }
    return out;
  },
});
