import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/resource-limits-missing',
    title: 'Container has no CPU or memory limit',
    severity: 'low',
    aliases: ['KSV011', 'KSV018', 'CKV_K8S_11', 'CKV_K8S_13'],
    tags: ['hardening', 'availability'],
    messages: { missing: '{{workload}} {{container}} sets no {{what}} limit' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    for (const c of pod?.containers ?? []) {
      if (c.group === 'ephemeralContainers') continue;
      const limits = obj(obj(c.spec.resources).limits);
      const missing: string[] = [];
      const aliases: string[] = [];
      if (limits.cpu === undefined || limits.cpu === null || limits.cpu === '') {
        missing.push('CPU');
        aliases.push('KSV011', 'CKV_K8S_11');
      }
      if (limits.memory === undefined || limits.memory === null || limits.memory === '') {
        missing.push('memory');
        aliases.push('KSV018', 'CKV_K8S_13');
      }
      if (missing.length === 0) continue;
      out.push({
        messageId: 'missing',
        data: { workload: workloadName(object), container: containerLabel(c), what: missing.join(' or ') },
        path: c.spec.resources ? [...c.path, 'resources'] : c.path,
        aliases,
      });
    }
    return out;
  },
});
