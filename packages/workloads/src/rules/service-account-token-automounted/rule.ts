import { obj, workloadName } from '../../model/pod.js';
import { defineK8sRule, type WorkloadReport } from '../shared.js';

export const rule = defineK8sRule({
  meta: {
    id: 'k8s/service-account-token-automounted',
    title: 'API token mounted into a workload that is granted no API access',
    severity: 'low',
    aliases: ['CKV_K8S_38'],
    tags: ['hardening', 'least-privilege'],
    messages: {
      mounted:
        '{{workload}} gets a service account token mounted (automountServiceAccountToken is not false) but no role is bound to {{account}} here',
    },
  },
  check({ object, pod, all }) {
    const out: WorkloadReport[] = [];
    if (!pod) return out;
    const v = pod.spec.automountServiceAccountToken;
    if (v === false) return out;
    const account = String(pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default') || 'default';
    for (const o of all) {
      if (
        o.kind === 'ServiceAccount' &&
        o.name === account &&
        o.value.automountServiceAccountToken === false &&
        v !== true
      )
        return out;
      if (o.kind !== 'RoleBinding' && o.kind !== 'ClusterRoleBinding') continue;
      const subjects = o.value.subjects;
      if (Array.isArray(subjects) && subjects.some((s) => obj(s).kind === 'ServiceAccount' && obj(s).name === account))
        return out;
    }
    out.push({
      messageId: 'mounted',
      data: { workload: workloadName(object), account },
      path: v === true ? [...pod.specPath, 'automountServiceAccountToken'] : pod.specPath,
      valueAt: v === true,
    });
    return out;
  },
});
