import type { Segment } from '../../model/objects.js';
import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

const TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/selinux-custom-options',
    title: 'SELinux options set a custom type, user or role',
    severity: 'high',
    aliases: ['KSV025'],
    tags: [...PSS_BASELINE, 'pss-selinux'],
    messages: { custom: '{{workload}} {{where}} sets seLinuxOptions.{{field}}: {{value}}' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod) return out;
    const inspect = (opts: unknown, base: Segment[], where: string) => {
      const o = obj(opts);
      if (o.type !== undefined && o.type !== null && !TYPES.has(String(o.type)))
        out.push({
          messageId: 'custom',
          data: { workload: workloadName(object), where, field: 'type', value: String(o.type) },
          path: [...base, 'type'],
          valueAt: true,
        });
      for (const field of ['user', 'role'])
        if (o[field] !== undefined && o[field] !== null && o[field] !== '')
          out.push({
            messageId: 'custom',
            data: { workload: workloadName(object), where, field, value: String(o[field]) },
            path: [...base, field],
            valueAt: true,
          });
    };
    inspect(
      obj(pod.spec.securityContext).seLinuxOptions,
      [...pod.specPath, 'securityContext', 'seLinuxOptions'],
      'pod',
    );
    for (const c of pod.containers)
      inspect(
        obj(c.spec.securityContext).seLinuxOptions,
        [...c.path, 'securityContext', 'seLinuxOptions'],
        containerLabel(c),
      );
    return out;
  },
});
