import { containerLabel, hasAnySecurityContext, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/read-only-root-filesystem-missing',
    title: 'Container root filesystem is writable',
    severity: 'low',
    aliases: ['KSV014', 'CKV_K8S_22', 'no-read-only-root-fs'],
    tags: ['hardening'],
    messages: { writable: '{{workload}} {{container}} does not set readOnlyRootFilesystem: true' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod || !hasAnySecurityContext(pod)) return out;
    for (const c of pod.containers) {
      if (c.group === 'ephemeralContainers') continue;
      const v = obj(c.spec.securityContext).readOnlyRootFilesystem;
      if (v === true) continue;
      out.push({
        messageId: 'writable',
        data: { workload: workloadName(object), container: containerLabel(c) },
        path:
          v === false
            ? [...c.path, 'securityContext', 'readOnlyRootFilesystem']
            : c.spec.securityContext
              ? [...c.path, 'securityContext']
              : c.path,
        valueAt: v === false,
      });
    }
    return out;
  },
});
