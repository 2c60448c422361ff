import { containerLabel, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/host-port',
    title: 'Container binds a host port',
    severity: 'high',
    aliases: ['KSV024', 'CKV_K8S_26'],
    tags: [...PSS_BASELINE, 'pss-host-ports'],
    messages: { hostPort: '{{workload}} {{container}} binds host port {{port}} on the node' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    for (const c of pod?.containers ?? []) {
      const ports = c.spec.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((p, i) => {
        const hp = obj(p).hostPort;
        if (hp === undefined || hp === null || Number(hp) === 0) return;
        out.push({
          messageId: 'hostPort',
          data: { workload: workloadName(object), container: containerLabel(c), port: String(hp) },
          path: [...c.path, 'ports', i, 'hostPort'],
          valueAt: true,
        });
      });
    }
    return out;
  },
});
