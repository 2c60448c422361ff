import { isRuntimeSocketPath, obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/host-path-volume',
    title: 'Pod mounts a hostPath volume',
    severity: 'high',
    aliases: ['KSV023'],
    tags: [...PSS_BASELINE, 'pss-hostpath-volumes'],
    messages: { hostPath: '{{workload}} mounts host path {{path}} (volume {{volume}})' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    const volumes = pod?.spec.volumes;
    if (!pod || !Array.isArray(volumes)) return out;
    volumes.forEach((v, i) => {
      const hp = obj(v).hostPath;
      if (hp === undefined || hp === null) return;
      const path = String(obj(hp).path ?? '');
      // The container runtime socket has its own, sharper rule.
      if (isRuntimeSocketPath(path)) return;
      out.push({
        messageId: 'hostPath',
        data: { workload: workloadName(object), path: path || '(empty)', volume: String(obj(v).name ?? i) },
        path: [...pod.specPath, 'volumes', i, 'hostPath'],
      });
    });
    return out;
  },
});
