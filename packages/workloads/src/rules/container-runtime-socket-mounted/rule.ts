import { isRuntimeSocketPath, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/container-runtime-socket-mounted',
    title: "Pod mounts the container runtime's socket",
    severity: 'high',
    aliases: ['KSV006', 'CKV_K8S_27', 'docker-sock'],
    tags: ['pod-security-standards', 'pss-baseline', 'cwe-250'],
    messages: {
      socket:
        '{{workload}} mounts {{path}} from the node: whoever reaches it controls every container on the node (root on the host)',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    const volumes = pod?.spec.volumes;
    if (!pod || !Array.isArray(volumes)) return out;
    volumes.forEach((v, i) => {
      const path = String(obj(obj(v).hostPath).path ?? '');
      if (!isRuntimeSocketPath(path)) return;
      out.push({
        messageId: 'socket',
        data: { workload: workloadName(object), path },
        path: [...pod.specPath, 'volumes', i, 'hostPath', 'path'],
        valueAt: true,
      });
    });
    return out;
  },
});
