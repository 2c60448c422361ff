import { obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_RESTRICTED, type WorkloadReport } from '../shared.js';

const ALLOWED = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/volume-type-restricted',
    title: 'Pod uses a volume type the Restricted profile does not allow',
    severity: 'medium',
    aliases: ['KSV028'],
    tags: [...PSS_RESTRICTED, 'pss-volume-types'],
    messages: { type: '{{workload}} volume {{volume}} is of type {{type}}' },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    const volumes = pod?.spec.volumes;
    if (!pod || !Array.isArray(volumes)) return out;
    volumes.forEach((v, i) => {
      const type = Object.keys(obj(v)).find((k) => k !== 'name');
      // hostPath is a Baseline violation and reported (higher) by k8s/host-path-volume.
      if (!type || ALLOWED.has(type) || type === 'hostPath') return;
      out.push({
        messageId: 'type',
        data: { workload: workloadName(object), volume: String(obj(v).name ?? i), type },
        path: [...pod.specPath, 'volumes', i, type],
      });
    });
    return out;
  },
});
