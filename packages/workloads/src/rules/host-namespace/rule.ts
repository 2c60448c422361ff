import { workloadName } from '../../model/pod.js';
import { defineK8sRule, PSS_BASELINE, type WorkloadReport } from '../shared.js';

const FIELDS = [
  ['hostNetwork', 'network', ['KSV009', 'CKV_K8S_19', 'host-network']],
  ['hostPID', 'process ID', ['KSV010', 'CKV_K8S_17', 'host-pid']],
  ['hostIPC', 'IPC', ['KSV008', 'CKV_K8S_18', 'host-ipc']],
] as const;

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/host-namespace',
    title: 'Pod shares a host namespace (hostNetwork, hostPID, hostIPC)',
    severity: 'high',
    aliases: FIELDS.flatMap((f) => f[2]),
    tags: [...PSS_BASELINE, 'pss-host-namespaces'],
    messages: { shared: "{{workload}} sets {{field}}: true and shares the node's {{what}} namespace" },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod) return out;
    for (const [field, what, aliases] of FIELDS) {
      if (pod.spec[field] !== true) continue;
      out.push({
        messageId: 'shared',
        data: { workload: workloadName(object), field, what },
        path: [...pod.specPath, field],
        valueAt: true,
        aliases: [...aliases],
      });
    }
    return out;
  },
});
