import { workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/default-service-account',
    title: "Workload runs under the namespace's default ServiceAccount",
    severity: 'low',
    aliases: ['default-service-account'],
    tags: ['hardening', 'least-privilege'],
    messages: {
      default: '{{workload}} runs as the default ServiceAccount, shared by every pod in the namespace that names none',
    },
  },
  check({ object, pod }) {
    const out: WorkloadReport[] = [];
    if (!pod) return out;
    const name = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
    if (name !== undefined && name !== null && name !== '' && name !== 'default') return out;
    out.push({
      messageId: 'default',
      data: { workload: workloadName(object) },
      path: name === 'default' ? [...pod.specPath, 'serviceAccountName'] : pod.specPath,
      valueAt: name === 'default',
    });
    return out;
  },
});
