import type { Segment } from '../../model/objects.js';
import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/run-as-root-group',
    title: 'Pod or container runs with the root group (GID 0)',
    severity: 'low',
    aliases: ['KSV029'],
    tags: ['pod-security-standards', 'pss-non-root-groups'],
    messages: { group: '{{workload}} {{where}} sets {{field}} to 0 (the root group)' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod) return out;
    const check = (sc: Record<string, unknown>, base: Segment[], where: string) => {
      for (const field of ['runAsGroup', 'fsGroup']) {
        if (sc[field] !== undefined && sc[field] !== null && Number(sc[field]) === 0)
          out.push({
            messageId: 'group',
            data: { workload: workloadName(object), where, field },
            path: [...base, field],
            valueAt: true,
          });
      }
      const sup = sc.supplementalGroups;
      if (Array.isArray(sup))
        sup.forEach((g, i) => {
          if (Number(g) === 0)
            out.push({
              messageId: 'group',
              data: { workload: workloadName(object), where, field: 'supplementalGroups' },
              path: [...base, 'supplementalGroups', i],
              valueAt: true,
            });
        });
    };
    check(obj(pod.spec.securityContext), [...pod.specPath, 'securityContext'], 'pod');
    for (const c of pod.containers)
      check(obj(c.spec.securityContext), [...c.path, 'securityContext'], containerLabel(c));
    return out;
  },
});
