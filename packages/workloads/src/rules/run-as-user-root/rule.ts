import { containerLabel, effective, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_RESTRICTED, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/run-as-user-root',
    title: 'Container runs as UID 0',
    severity: 'medium',
    aliases: [],
    tags: [...PSS_RESTRICTED, 'pss-running-as-non-root-user'],
    messages: { root: '{{workload}} {{container}} sets runAsUser: 0 (root)' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod) return out;
    const seen = new Set<string>();
    for (const c of pod.containers) {
      const e = effective(pod, c, 'runAsUser');
      if (e === undefined || Number(e.value) !== 0) continue;
      // A pod-level runAsUser: 0 is one mistake, reported once.
      const key = e.path.join('.');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        messageId: 'root',
        data: { workload: workloadName(object), container: containerLabel(c) },
        path: e.path,
        valueAt: true,
      });
    }
    return out;
  },
});
